"""Sure or estimated: one rule for every time expression (domain/documents/zekerheid.py, docs/importer.md
"Sure or estimated"). A trial (30 November 2026) found "vanaf 2026" read as a sure due date (a start
that would be overdue from 2 January) and "in 2033" as a sure milestone. The day the register takes
is sure only when the text names it: a date, a month's first or last day, or an exact calendar edge
named by a boundary word ("uiterlijk 2026", "tot 2027", "vanaf 2026"); a period without one ("in
2026", "eind 2026", "Q3 2026") is an estimate. A start phrase is a start whatever the item's other
words. Sentences written for this test from the variants in ../shared/domain.md, not taken from the
sample documents."""

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
def test_a_start_phrase_with_a_year_is_a_sure_start_on_the_first_day_never_a_due_date(text: str) -> None:
    # "vanaf 2026" names the year's first day exactly: sure, but a start (never overdue), not a due date.
    m = _one(text)
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker, m.opmerking) == ("start", d(2026, 1, 1), d(2026, 1, 1),
                                                                     True, None)
    # A start in the past is a fact, not overdue: the check a year later finds nothing late.
    assert not te_laat(soort=m.soort, herhaling=m.herhaling, due=m.uiterlijk, peildatum=d(2027, 1, 1))


@pytest.mark.parametrize(("text", "day"), [
    ("Vanaf januari 2026 evalueren we elke casus met de huisarts.", d(2026, 1, 1)),
    ("Met ingang van 1 maart 2026 rapporteren de wijkteams per gezin.", d(2026, 3, 1)),
    ("Vanaf Q2 van 2026 werkt het loket ook 's avonds.", d(2026, 4, 1)),
    ("Vanaf het derde kwartaal van 2026 werkt het loket ook 's avonds.", d(2026, 7, 1)),
    ("Per 1 januari 2026 gaat de nieuwe verordening in.", d(2026, 1, 1)),
])
def test_a_start_phrase_with_a_quarter_month_or_day_is_a_sure_start_whatever_the_other_words(text: str,
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
    ("Eind 2026 evalueren we de aanpak.", d(2026, 10, 1), d(2026, 12, 31), "een deel van een jaar"),
    ("Voor eind 2026 leggen we het plan aan de raad voor.", None, d(2026, 12, 30), "een deel van een jaar"),
    ("Najaar 2026 besluit de raad over de verordening.", d(2026, 9, 1), d(2026, 11, 30),
     "een deel van een jaar"),
    ("In het voorjaar van 2026 starten de gesprekken.", d(2026, 3, 1), d(2026, 5, 31), "een deel van een jaar"),
    ("Q3 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 9, 30), "een kwartaal"),
    ("In het derde kwartaal van 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 9, 30), "een kwartaal"),
    ("In de tweede helft van 2026 leveren we het plan op.", d(2026, 7, 1), d(2026, 12, 31), "een half jaar"),
    ("In de eerste helft van 2026 bereiden we ons voor.", d(2026, 1, 1), d(2026, 6, 30), "een half jaar"),
    # A boundary word whose day is no calendar edge: a season's, or eind's first, or the day before eind.
    ("Uiterlijk najaar 2026 besluit de raad over de verordening.", None, d(2026, 11, 30),
     "'Uiterlijk najaar 2026' noemt geen dag maar een deel van een jaar: uiterlijk 30-11-2026 aangenomen"),
    ("Vanaf eind 2026 werkt het loket ook 's avonds.", d(2026, 10, 1), d(2026, 10, 1),
     "'Vanaf eind 2026' noemt geen dag maar een deel van een jaar: start op 01-10-2026 aangenomen"),
    ("Vanaf najaar 2026 werkt het loket ook 's avonds.", d(2026, 9, 1), d(2026, 9, 1),
     "een deel van een jaar"),
])
def test_a_period_without_a_boundary_word_names_no_day_and_is_an_estimate_saying_which_day(
        text: str, vroegst: dt.date | None, uiterlijk: dt.date, said: str) -> None:
    m = _one(text)
    assert (m.vroegst, m.uiterlijk, m.zeker) == (vroegst, uiterlijk, False)
    assert said in (m.opmerking or "") and "controleer de datum" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "soort", "day"), [
    ("Uiterlijk 2026 is het plan van aanpak gereed.", "oplevering", d(2026, 12, 31)),
    ("Deze locatie is tot en met 2026 beschikbaar.", "einde", d(2026, 12, 31)),
    ("Deze locatie is t/m 2026 beschikbaar.", "einde", d(2026, 12, 31)),
    ("Vóór 2027 is het plan van aanpak gereed.", "oplevering", d(2026, 12, 31)),
    ("De subsidie loopt tot 2027.", "einde", d(2026, 12, 31)),
    ("We zetten de proef voort tot en met eind 2026.", "einde", d(2026, 12, 31)),
    ("De pilot loopt tot eind 2026.", "einde", d(2026, 12, 31)),
    ("Uiterlijk eind 2026 is het plan van aanpak gereed.", "oplevering", d(2026, 12, 31)),
    ("Uiterlijk Q3 2026 is het plan van aanpak gereed.", "oplevering", d(2026, 9, 30)),
    ("Uiterlijk het derde kwartaal van 2026 is het plan van aanpak gereed.", "oplevering", d(2026, 9, 30)),
    ("De pilot loopt tot Q3 2026.", "einde", d(2026, 6, 30)),
    ("Uiterlijk de tweede helft van 2026 is het plan van aanpak gereed.", "oplevering", d(2026, 12, 31)),
])
def test_a_boundary_word_naming_the_edge_of_a_year_half_year_or_quarter_is_a_sure_day(
        text: str, soort: str, day: dt.date) -> None:
    m = _one(text)
    assert (m.soort, m.uiterlijk, m.zeker, m.opmerking) == (soort, day, True, None)


def test_voor_and_a_bare_year_is_no_date_voor_with_an_accent_is() -> None:
    # "voor 2027" is mostly "for 2027" in a budget ("Voor 2027 is € 40.000 beschikbaar"): not read, as
    # before; "vóór 2027" is a deadline (test above).
    assert lees_tijdpad("Voor 2027 is € 40.000 beschikbaar voor de wijkteams.", veld="tijdpad",
                        documentdatum=D).mijlpalen == []


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


def test_the_import_report_says_a_start_is_a_start_and_far_away_stays_unsure(  # type: ignore[no-untyped-def]
        tmp_path, regie) -> None:
    source = tmp_path / "begroting-2026-sociaal-domein.txt"
    source.write_text("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
                      "Wijkteams\tVanaf najaar 2026 rapporteren we aan de raad over de wijkteams.\n"
                      "Subsidie\tDe subsidie voor het buurthuis loopt tot najaar 2028.\n"
                      "Loket\tVanaf 2026 werkt het loket ook op zaterdag.\n"
                      "Jeugdzorg\tVanaf 2040 werkt de jeugdzorg in een nieuwe regio.\n", encoding="utf-8")
    done = regie("importeer", str(source), "--gemeente", "Gorinchem", "--uitvoer", str(tmp_path / "out"),
                 "--documentdatum", "2025-10-01", "--verslag")
    assert done.code == 0, done
    assert "Wijkteams · 'Vanaf najaar 2026' → start 01-09-2026" in done.out
    assert "Subsidie · 'tot najaar 2028' → einde 31-08-2028" in done.out
    # "vanaf 2026" names its day: sure, listed with the sure ones, not with those to check.
    sure, to_check = done.out.split("Te controleren", 1)
    assert "Loket · 'Vanaf 2026' → start 01-01-2026 (start-2026-01)" in sure and "Loket ·" not in to_check
    # A boundary word does not make a year 15 years away sure: it is checked and warned about.
    assert "Jeugdzorg · 'Vanaf 2040' → start 01-01-2040" in done.out
    assert ("'Vanaf 2040' ligt 15 jaar na de documentdatum (01-10-2025): klopt het jaartal?"
            in " ".join(done.err.split()))
