"""What 'te controleren' marks, and why (docs/importer.md, "What 'te controleren' means"). Found in a trial
(1 December 2026, Wassenaar begroting 2025): 62 of 63 milestones were to check and the report gave no reason,
so the flag helped no one. A later start was flagged because any past event made the activity 'lopend'
("In 2024 is het subsidiebeleid geoptimaliseerd … vanaf 2026 gelden"), and a past start that names its day
("Met ingang van 28 maart 2024 …") was to check like a guess. The texts below are made up in the same style;
each rule is tested on both sides."""

from __future__ import annotations

import datetime as dt

from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal
from domain.documents.verslag import GESCHAT, REDEN_GEREED, REDEN_PERIODE, REDEN_TWIJFEL, reden
from tests.drafts import import_draft

_DAY = dt.date(2025, 10, 1)


def _card(tijdpad: str, doen: str = "We koppelen statushouders aan werkgevers.") -> str:
    return ("Programma 1 Zorg\nActiviteit : Inburgering statushouders |\n|\n"
            f"Wat gaan we doen {doen} |\nTijdpad {tijdpad} |\n")


def _start(activity: dict) -> dict:  # type: ignore[type-arg]
    [m] = [m for m in activity["mijlpalen"] if m["soort"] == "start" and not m.get("gereed")]
    return m


def test_a_past_decision_makes_the_activity_lopend_but_its_own_start_stays_sure(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = _card("In 2024 is het plan vastgesteld. Vanaf 1 juli 2026 voeren we het plan uit.")
    [activity] = import_draft(regie, tmp_path, text, name="programma.txt").activities
    assert activity["status"] == "lopend"
    start = _start(activity)
    assert (start["vroegst"], start["zeker"]) == (dt.date(2026, 7, 1), True)
    assert not any("latere start" in o for o in activity["opmerkingen"])


def test_a_start_of_work_the_tijdpad_says_runs_already_is_a_later_start(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = _card("Actueel aanbod. Vanaf 1 juli 2026 voeren we ook de inkoop uit.")
    [activity] = import_draft(regie, tmp_path, text, name="programma.txt").activities
    assert _start(activity)["zeker"] is False
    assert any("is een latere start (de activiteit loopt al ('Actueel aanbod'))" in o
               for o in activity["opmerkingen"])


def test_a_start_after_a_past_start_is_a_later_start(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = _card("Per 1 maart 2024 is de koppeling gestart. Per 1 juli 2026 voeren we ook de inkoop uit.")
    [activity] = import_draft(regie, tmp_path, text, name="programma.txt").activities
    assert _start(activity)["zeker"] is False
    assert any("is een latere start (de activiteit start al op 01-03-2024)" in o for o in activity["opmerkingen"])
    [done] = [m for m in activity["mijlpalen"] if m.get("gereed")]
    assert (done["gereed"], done["zeker"]) == (dt.date(2024, 3, 1), True)  # the past start itself: sure


def _done(text: str):  # type: ignore[no-untyped-def]
    [m] = lees_tijdpad(text, veld="tijdpad", documentdatum=_DAY).gereed
    return m


def test_a_past_start_or_event_that_names_its_day_is_done_and_sure() -> None:
    for text, day in (("Met ingang van 28 maart 2024 is de locatie een opvang geworden.", dt.date(2024, 3, 28)),
                      ("Vanaf 1 januari 2020 is het abonnementstarief van kracht.", dt.date(2020, 1, 1)),
                      ("Op 3 februari 2025 heeft de raad de nota vastgesteld.", dt.date(2025, 2, 3))):
        done = _done(text)
        assert (done.gereed, done.zeker) == (day, True), text


def test_a_past_date_is_to_check_when_the_day_is_not_named_or_not_said_to_have_happened() -> None:
    for text in ("In 2024 is het subsidiebeleid geoptimaliseerd.",    # the year only: the day assumed
                 "Medio 2023 is de agenda vastgesteld.",               # an approximation
                 "In maart 2025 is de nota vastgesteld.",              # a month: the day assumed
                 "De ministerraad heeft op 21 juni ingestemd.",        # no year: the year assumed
                 "Evaluatie 1 maart 2025."):                          # planned, not said to have happened
        assert _done(text).zeker is False, text
    assert _done("Evaluatie 1 maart 2025.").opmerking.endswith(
        "; de tekst zegt niet dat het gebeurd is: controleer of het gereed is")


def test_the_report_groups_the_milestones_to_check_by_reason_doubts_first(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = _card("Actueel aanbod. In 2026 evalueren we. In 2024 is het plan opgesteld. Vanaf 1 juli 2026 voeren "
                 "we ook de inkoop uit.")
    said = " ".join(import_draft(regie, tmp_path, text, name="programma.txt", options=("--verslag",)).said.split())
    report = said.split("Te controleren, per reden: 1 met een twijfel in de tekst (eerst), 2 alleen geschat "
                        "omdat de tekst geen dag noemt (daarna);", 1)[1]
    later = report.index("latere start: de activiteit loopt al, start eerder of gaat door; misschien een nieuwe "
                         "fase (1): • Inburgering statushouders · 'Vanaf 1 juli 2026' → start 01-07-2026")
    done = report.index(f"{REDEN_GEREED} (1): • Inburgering statushouders · 'In 2024' → gereed 31-12-2024")
    period = report.index(f"{REDEN_PERIODE} (1): • Inburgering statushouders · 'In 2026' → 01-01-2026 t/m")
    assert later < done < period


def test_a_remark_no_group_names_is_a_doubt_and_a_bare_period_an_estimate() -> None:
    def m(opmerking: str, **kw) -> GelezenMijlpaal:  # type: ignore[no-untyped-def]
        return GelezenMijlpaal("overig", "x", _DAY, _DAY, "x", "tijdpad", zeker=False, opmerking=opmerking, **kw)

    assert reden(m("Let op: de raad beslist nog.")) == REDEN_TWIJFEL
    assert reden(m("'In 2026' noemt geen dag maar alleen een jaar: …")) == REDEN_PERIODE
    assert reden(m("'In 2024' staat in de verleden tijd maar loopt tot 31-12-2024: gereed op de documentdatum "
                   "01-10-2024 aangenomen", gereed=_DAY)) == REDEN_GEREED
    assert REDEN_TWIJFEL not in GESCHAT
