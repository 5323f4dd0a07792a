"""A start is not a deadline (a new user's trial): before an activity's start, a reminder about a start
milestone said "…: over 3 dagen (uiterlijk 1 januari 2026)". Every text about a start milestone now says
start: the item sentence of the mail digest and `regie simuleer` ("start over 3 dagen (op 1 januari
2026)"), the Prefect artifact's Datum column, the answer page and the report. One rule
(domain/rules/milestones.datumwoord)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("soort", "dagen", "said"), [
    ("start", 3, "Start pilot: start over 3 dagen (op 1 januari 2026)"),
    ("start", 1, "Start pilot: start over 1 dag (op 1 januari 2026)"),
    ("start", 0, "Start pilot: start vandaag (op 1 januari 2026)"),
    ("oplevering", 3, "Start pilot: over 3 dagen (uiterlijk 1 januari 2026)"),
])
def test_the_item_sentence_says_start_for_a_start_milestone(soort: str, dagen: int, said: str) -> None:
    from services.rendering import sentence

    assert sentence({"regel": "vooraf", "soort": soort, "wat": "Start pilot", "dagen": dagen,
                     "datum": dt.date(2026, 1, 1), "rol": "eigenaar", "onzeker": False}) == said


def test_the_artifact_dates_a_start_as_a_start() -> None:
    from domain.rules.regels import Herinnering
    from tasks.artifacts import summarise

    start = Herinnering("mijlpaal", 1, "vooraf", "v7", dt.date(2026, 1, 1), 3, "eigenaar", 1,
                        "Bronckhorst · programma 1: Gezond", "Pleegzorg", "Start pilot", "start", 3)
    [row] = summarise([start], dt.date(2025, 12, 29), {3: "Jan Jansen"})[1]
    assert (row["Stand"], row["Datum"]) == ("over 3 dagen", "start 1 januari 2026")


def test_regie_simuleer_says_start_before_a_start(sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    said = regie("simuleer", "--van", "2019-12-20", "--tot", "2019-12-31")
    text = " ".join(said.out.split())
    assert said.code == 0 and "Beleidsregels OAB gaan in: start over " in text, said
    assert "(op 1 januari 2020)" in text and "uiterlijk 1 januari 2020" not in text


def test_the_answer_page_and_the_report_say_start() -> None:
    from domain.reports.rapport import MijlpaalStand
    from services.rendering import environment
    from web.overview import MijlpaalRegel

    env = environment()
    page = env.from_string('{% for m in ms %}{{ m.soort | datumwoord | capitalize }} {{ m.uiterlijk | datum }};'
                           '{% endfor %}')
    regels = [MijlpaalRegel(1, "start", "Start pilot", dt.date(2026, 1, 1), False, soort="start"),
              MijlpaalRegel(2, "plan", "Plan gereed", dt.date(2026, 2, 1), False, soort="oplevering")]
    assert page.render(ms=regels) == "Start 1 januari 2026;Uiterlijk 1 februari 2026;"
    html = (Path(__file__).parents[1] / "templates" / "web" / "mijn.html.j2").read_text(encoding="utf-8")
    assert "{{ m.soort | datumwoord | capitalize }} {{ m.uiterlijk | datum }}" in html
    report = (Path(__file__).parents[1] / "templates" / "rapport" / "rapport.html.j2").read_text(encoding="utf-8")
    binnenkort = next(line for line in report.splitlines() if "p.binnenkort[:max]" in line)
    assert "({{ m.soort | datumwoord }} {{ m.uiterlijk | datum }}" in binnenkort  # then an estimated date's mark
    stand = MijlpaalStand("Pleegzorg", "Start pilot", "start", dt.date(2026, 1, 1), None)
    assert env.from_string("{{ m.soort | datumwoord }} {{ m.uiterlijk | datum }}").render(m=stand) == \
        "start 1 januari 2026"


def test_the_prefect_check_in_form_says_start_beside_a_start_milestone() -> None:
    from services.checkins.checkin import form_fields

    mijlpalen = [{"sleutel": "start", "omschrijving": "Start pilot", "soort": "start", "uiterlijk": "2026-01-01",
                  "te_laat": False},
                 {"sleutel": "plan", "omschrijving": "Plan gereed", "uiterlijk": "2026-02-01", "te_laat": False}]
    fields = form_fields([{"sleutel": "pilot", "titel": "Pilot", "status": "gepland", "koers": "op-koers",
                           "besteed": None, "besteed_jaar": 2025, "mijlpalen": mijlpalen, "indicatoren": []}])
    assert fields["a0_m0_gereed"][1].description.endswith("(start 1 januari 2026).")
    assert fields["a0_m1_gereed"][1].description.endswith("(uiterlijk 1 februari 2026).")  # a form asked before
