"""The mails one person gets around a due date, day by day on the project clock: ahead, on the due day
itself, and late after a weekend, each once. A new user's trial found the due day silent for a
besluit (its lead times were 28/7, every other deadline had a 0): the owner read "over 7 dagen
(uiterlijk 28 mei 2021)" and then, on Monday, "3 dagen te laat", while the owner of a rapportage got
"vandaag" on the day. Every kind with a deadline is now announced on the due day (docs/rules.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from domain.rules.instellingen import RegelInstellingen
from tests.conftest import Database, Mailserver, set_today

_WEEKDAY = ("ma", "di", "wo", "do", "vr", "za", "zo")  # not %a: that follows the locale
SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

ANNA, BRAM = "anna.devries@westerwolde.example.org", "b.jansen@westerwolde.example.org"
BESLUIT, RAPPORTAGE = "Subsidiebeschikking verzonden", "Tussenrapportage aan het college"

PERSONEN = f"""personen:
  - {{sleutel: anna, naam: Anna de Vries, rollen: [regisseur], kanalen: ["{ANNA}"]}}
  - {{sleutel: bram, naam: Bram Jansen, rollen: [], kanalen: ["{BRAM}"]}}
  - {{sleutel: coord, naam: Carla Smit, rollen: [coordinator], kanalen: ["c.smit@westerwolde.example.org"]}}
"""
PROGRAMMA = f"""gemeente: Westerwolde
programma: {{nummer: 2, titel: Meedoen en ondersteuning, regisseur: anna}}
activiteiten:
  - id: subsidie
    titel: Subsidie maatschappelijke begeleiding
    status: lopend
    soort: subsidie
    mijlpalen:
      - {{id: beschikking, soort: besluit, omschrijving: {BESLUIT}, uiterlijk: 2021-05-28}}
  - id: pilot
    titel: Pilot vroegsignalering schulden
    eigenaar: bram
    status: lopend
    soort: project
    mijlpalen:
      - {{id: tussenrapportage, soort: rapportage, omschrijving: {RAPPORTAGE}, uiterlijk: 2021-05-20}}
"""


def test_every_deadline_kind_has_a_due_day_stage_except_a_start() -> None:
    for soort, leads in RegelInstellingen().vooraf.items():
        assert (0 in leads) == (soort != "start"), soort


def _items(smtp: Mailserver, since: int, address: str, what: str) -> list[str]:
    """The sentences about ``what`` in the plain-text digests to ``address`` received after ``since``."""
    found = []
    for rcpts, message in smtp.received[since:]:
        if address not in rcpts:
            continue
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                text = " ".join(part.get_payload(decode=True).decode().split())
                found += re.findall(rf"{what}: ([^)]*\))", text)
    return found


@pytest.mark.usefixtures("prefect")
def test_the_mails_around_a_due_date_over_three_weeks_each_once(
        db: Database, smtp: Mailserver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Monday 17 May to Friday 4 June 2021, every day (weekends and Tweede Pinksterdag on Monday 24 May
    included: the check sends nothing then). Bram's rapportage is due on Thursday 20 May, Anna's
    besluit on Friday 28 May, before a weekend."""
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine, session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    register = tmp_path / "register" / "westerwolde"
    register.mkdir(parents=True)
    (register / "personen.yaml").write_text(PERSONEN, encoding="utf-8")
    (register / "programma-2.yaml").write_text(PROGRAMMA, encoding="utf-8")
    first = dt.date(2021, 5, 17)
    set_today(monkeypatch, first.isoformat())
    get_engine.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=register.parent, max_size=10_000_000)

    anna: dict[dt.date, list[str]] = {}
    bram: dict[dt.date, list[str]] = {}
    escalated: dict[dt.date, list[str]] = {}  # Bram's rapportage as it reaches Anna, his regisseur
    for offset in range(19):
        day = first + dt.timedelta(days=offset)
        set_today(monkeypatch, day.isoformat())
        get_settings.cache_clear()
        get_engine.cache_clear()
        before = len(smtp.received)
        run_daily_check(peildatum=day, return_state=True)
        anna[day] = _items(smtp, before, ANNA, BESLUIT)
        bram[day] = _items(smtp, before, BRAM, RAPPORTAGE)
        escalated[day] = _items(smtp, before, ANNA, RAPPORTAGE)
        if day == dt.date(2021, 5, 28):  # the due day checked twice: nothing goes out again
            again = len(smtp.received)
            run_daily_check(peildatum=day, return_state=True)
            assert smtp.received[again:] == []

    def seen(said: dict[dt.date, list[str]]) -> list[tuple[str, str]]:
        return [(f"{_WEEKDAY[day.weekday()]} {day.isoformat()}", text) for day, texts in said.items() for text in texts]

    assert seen(anna) == [
        ("ma 2021-05-17", "over 11 dagen (uiterlijk 28 mei 2021)"),
        ("vr 2021-05-21", "over 7 dagen (uiterlijk 28 mei 2021)"),
        ("vr 2021-05-28", "vandaag (uiterlijk 28 mei 2021)"),          # was silent: besluit had no due-day stage
        ("ma 2021-05-31", "3 dagen te laat (uiterlijk was 28 mei 2021)"),
    ]
    assert seen(bram) == [
        ("ma 2021-05-17", "over 3 dagen (uiterlijk 20 mei 2021)"),
        ("do 2021-05-20", "vandaag (uiterlijk 20 mei 2021)"),
        ("vr 2021-05-21", "1 dag te laat (uiterlijk was 20 mei 2021)"),
        ("vr 2021-05-28", "8 dagen te laat (uiterlijk was 20 mei 2021)"),
        ("vr 2021-06-04", "15 dagen te laat (uiterlijk was 20 mei 2021)"),
    ]
    # Bram's rapportage reaches Anna, his regisseur, once: from 14 days late (Thursday 3 June; the line
    # then goes on with "; eigenaar: Bram Jansen").
    assert seen(escalated) == [("do 2021-06-03", "14 dagen te laat (uiterlijk was 20 mei 2021)")]
    # nothing twice: no person reads the same sentence about an item on two days
    for said in (anna, bram, escalated):
        sentences = [text for _day, text in seen(said)]
        assert len(sentences) == len(set(sentences)), sentences
