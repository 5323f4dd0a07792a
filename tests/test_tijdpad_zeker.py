"""Sure or estimated: one rule for every time expression (domain/documents/zekerheid.py, docs/importer.md
"Sure or estimated"). A trial (30 November 2026) found "vanaf 2026" read as a sure due date (a start
that would be overdue from 2 January) and "in 2033" as a sure milestone. The day the register takes
is sure only when the text names it (a date, or a month's first or last day); a start phrase is a
start whatever the item's other words. Sentences written for this test from the variants in
../shared/domain.md, not taken from the sample documents."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from domain.rules.milestones import te_laat

D = dt.date(2025, 10, 1)  # a begroting 2026 is written in autumn 2025
d = dt.date


def _one(text: str, veld: str = "tijdpad"):  # type: ignore[no-untyped-def]
    lezing = lees_tijdpad(text, veld=veld, documentdatum=D)
    [m] = lezing.mijlpalen + lezing.gereed
    return m


@pytest.mark.parametrize("text", [
    "Vanaf 2026 voeren we de nieuwe werkwijze in.",
    "Vanaf 2026 rapporteren we aan de raad over de wijkteams.",
    "Met ingang van 2026 evalueren we de inzet van de praktijkondersteuner.",
    "Per 2026 besluit het college zelf over de subsidies.",
    "M.i.v. 2026 werkt het sociaal team met één plan per gezin.",
    "2026 en volgende jaren: uitvoering van het preventieakkoord.",
    "2026 ev. jaren: verantwoording via de jaarstukken.",
])
def test_a_start_phrase_with_a_year_is_a_start_on_an_assumed_first_day_never_a_sure_due_date(text: str) -> None:
    m = _one(text)
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == ("start", d(2026, 1, 1), d(2026, 1, 1), False)
    assert "noemt geen dag maar alleen een jaar: start op 01-01-2026 aangenomen" in (m.opmerking or "")
    # A start in the past is a fact, not overdue: the check a year later finds nothing late.
    assert not te_laat(soort=m.soort, herhaling=m.herhaling, due=m.uiterlijk, peildatum=d(2027, 1, 1))


@pytest.mark.parametrize(("text", "day"), [
    ("Vanaf januari 2026 evalueren we elke casus met de huisarts.", d(2026, 1, 1)),
    ("Met ingang van 1 maart 2026 rapporteren de wijkteams per gezin.", d(2026, 3, 1)),
    ("Per 1 januari 2026 gaat de nieuwe verordening in.", d(2026, 1, 1)),
])
def test_a_start_phrase_with_a_month_or_a_day_is_a_sure_start_whatever_the_other_words(text: str,
                                                                                       day: dt.date) -> None:
    m = _one(text)
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == ("start", day, day, True)
    assert not te_laat(soort=m.soort, herhaling=m.herhaling, due=m.uiterlijk, peildatum=d(2027, 1, 1))


def test_a_start_year_before_the_document_date_is_done_not_overdue() -> None:
    m = _one("Vanaf 2024 werkt het loket ook op zaterdag.")
    assert (m.soort, m.gereed, m.zeker) == ("start", d(2024, 1, 1), False)


@pytest.mark.parametrize(("text", "vroegst", "uiterlijk", "said"), [
    ("In 2033 is de transformatie van de jeugdzorg afgerond.", d(2033, 1, 1), d(2033, 12, 31),
     "'In 2033' noemt geen dag maar alleen een jaar: 01-01-2033 t/m 31-12-2033, uiterlijk 31-12-2033"),
    ("In 2026 stellen we het beleidsplan op.", d(2026, 1, 1), d(2026, 12, 31), "alleen een jaar"),
    ("In de loop van 2026 evalueren we de aanpak.", d(2026, 1, 1), d(2026, 12, 31), "alleen een jaar"),
    ("2026: opstellen werkplan mantelzorg.", d(2026, 1, 1), d(2026, 12, 31), "alleen een jaar"),
    ("Uiterlijk 2026 is het plan van aanpak gereed.", None, d(2026, 12, 31),
     "'Uiterlijk 2026' noemt geen dag maar alleen een jaar: uiterlijk 31-12-2026 aangenomen"),
    ("Eind 2026 evalueren we de aanpak.", d(2026, 10, 1), d(2026, 12, 31), "een deel van een jaar"),
    ("Voor eind 2026 leggen we het plan aan de raad voor.", None, d(2026, 12, 30), "een deel van een jaar"),
    ("Najaar 2026 besluit de raad over de verordening.", d(2026, 9, 1), d(2026, 11, 30),
     "een deel van een jaar"),
    ("In het voorjaar van 2026 starten de gesprekken.", d(2026, 3, 1), d(2026, 5, 31), "een deel van een jaar"),
    ("Q3 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 9, 30), "een kwartaal"),
    ("In het derde kwartaal van 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 9, 30), "een kwartaal"),
    ("In de tweede helft van 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 12, 31), "een half jaar"),
    ("In de eerste helft van 2026 bereiden we ons voor.", d(2026, 1, 1), d(2026, 6, 30), "een half jaar"),
])
def test_a_period_longer_than_a_month_names_no_day_and_is_an_estimate_saying_which_day(
        text: str, vroegst: dt.date | None, uiterlijk: dt.date, said: str) -> None:
    m = _one(text)
    assert (m.vroegst, m.uiterlijk, m.zeker) == (vroegst, uiterlijk, False)
    assert said in (m.opmerking or "") and "controleer de datum" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "day", "said"), [
    ("De subsidie loopt tot 2027.", d(2026, 12, 31), "einde op 31-12-2026 aangenomen"),
    ("Deze locatie is tot en met 2026 beschikbaar.", d(2026, 12, 31), "einde op 31-12-2026 aangenomen"),
])
def test_an_end_named_by_a_year_is_an_estimate_too(text: str, day: dt.date, said: str) -> None:
    m = _one(text)
    assert (m.soort, m.uiterlijk, m.zeker) == ("einde", day, False)
    assert said in (m.opmerking or "")


@pytest.mark.parametrize(("text", "vroegst", "uiterlijk"), [
    ("Op 1 maart 2026 besluit het college.", d(2026, 3, 1), d(2026, 3, 1)),
    ("Het college besluit op 01-03-2026.", d(2026, 3, 1), d(2026, 3, 1)),
    ("In september 2026 leggen we het plan voor.", d(2026, 9, 1), d(2026, 9, 30)),
    ("Collegebesluit september 2026.", d(2026, 9, 1), d(2026, 9, 30)),
    ("Eind september 2026 evalueren we de pilot.", d(2026, 9, 21), d(2026, 9, 30)),
    ("De pilot loopt tot november 2026.", d(2026, 10, 31), d(2026, 10, 31)),
    ("Uiterlijk 1 juli 2026 is de verantwoording binnen.", None, d(2026, 7, 1)),
])
def test_a_date_or_a_month_names_the_day_and_stays_sure(text: str, vroegst: dt.date | None,
                                                        uiterlijk: dt.date) -> None:
    m = _one(text)
    assert (m.vroegst, m.uiterlijk, m.zeker) == (vroegst, uiterlijk, True)


def test_an_approximation_keeps_its_own_remark() -> None:
    m = _one("Medio 2026 evalueren we de aanpak.")
    assert (m.zeker, m.opmerking) == (False, "'Medio 2026' is een benadering: 01-06-2026 t/m 31-07-2026 "
                                             "aangenomen; controleer de datum")


def test_a_recurrence_from_a_start_year_keeps_its_rhythm() -> None:
    m = _one("Vanaf 2026 twee keer per jaar rapporteren we aan de raad.")
    assert (m.soort, m.herhaling, m.zeker) == ("rapportage", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", False)


def test_a_milestone_more_than_ten_years_from_the_document_date_is_kept_unsure_with_a_warning(tmp_path,  # type: ignore[no-untyped-def]
                                                                                             regie) -> None:
    from tests.test_import import _programmes

    source = tmp_path / "begroting-2026-sociaal-domein.txt"
    source.write_text("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
                      "Jeugdzorg\tOp 1 maart 2040 besluit de raad over de nieuwe jeugdzorgregio.\n"
                      "Mantelzorg\tOp 1 maart 2027 besluit de raad over het steunpunt voor mantelzorgers.\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    done = regie("importeer", str(source), "--gemeente", "Gorinchem", "--uitvoer", str(out),
                 "--documentdatum", "2025-10-01")
    assert done.code == 0, done
    warning = ("'1 maart 2040' ligt 15 jaar na de documentdatum (01-10-2025): klopt het jaartal? "
               "Overgenomen als te controleren mijlpaal.")
    assert f"Let op: Jeugdzorg (toelichting): {warning}" in " ".join(done.err.split())
    [programme] = _programmes(out).values()
    found = {a["titel"]: a for a in programme["activiteiten"]}
    [far] = found["Jeugdzorg"]["mijlpalen"]
    assert (far["uiterlijk"], far["zeker"]) == (d(2040, 3, 1), False)
    assert warning in found["Jeugdzorg"]["opmerkingen"]
    [near] = found["Mantelzorg"]["mijlpalen"]
    assert near["zeker"] is True and done.err.count("klopt het jaartal") == 1


def test_the_import_report_says_a_start_is_a_start(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting-2026-sociaal-domein.txt"
    source.write_text("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
                      "Wijkteams\tVanaf 2026 rapporteren we aan de raad over de wijkteams.\n"
                      "Subsidie\tDe subsidie voor het buurthuis loopt tot 2028.\n", encoding="utf-8")
    done = regie("importeer", str(source), "--gemeente", "Gorinchem", "--uitvoer", str(tmp_path / "out"),
                 "--documentdatum", "2025-10-01", "--verslag")
    assert done.code == 0, done
    assert "Wijkteams · 'Vanaf 2026' → start 01-01-2026" in done.out
    assert "Subsidie · 'tot 2028' → einde 31-12-2027" in done.out
