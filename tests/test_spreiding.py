"""A week between two late reminders about one item to one person, also for an item that was
already late when the service first met it (found by the random seasons: "12 dagen te laat" on
Monday 22 February, "15 dagen te laat" on Thursday the 25th)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from domain.rules.regels import Herinnering
from domain.rules.spreiding import recorded, spaced
from tests.conftest import Database, Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

SEASON_REGISTER = Path(__file__).resolve().parent / "season" / "register"
JEUGD = "regisseur.jeugd@zonnedal.example.org"


def _late(dagen: int, fase: str) -> Herinnering:
    return Herinnering("mijlpaal", 3, "te-laat", fase, dt.date(2021, 2, 10), 7, "eigenaar", activiteit_id=1,
                       programma="P", activiteit="A", wat="Collegebesluit", dagen=dagen, te_laat=True)


def test_a_later_weekly_stage_waits_a_week_after_the_last_one() -> None:
    earlier = {("mijlpaal", 3, "te-laat", dt.date(2021, 2, 10), 7): [("te-laat-1", 12)]}
    assert spaced([_late(15, "te-laat-2")], earlier, 7) == []          # 3 days after the first
    assert spaced([_late(19, "te-laat-2")], earlier, 7) == [_late(19, "te-laat-2")]  # a week after
    assert spaced([_late(12, "te-laat-1")], earlier, 7) == [_late(12, "te-laat-1")]  # the same stage again: a no-op
    assert spaced([_late(15, "te-laat-2")], {}, 7) == [_late(15, "te-laat-2")]       # nothing before


def _stale(fase: str, since: dt.date, gepland: dt.date) -> Herinnering:
    return Herinnering("activiteit", 4, "stilstand", fase, since, 7, "eigenaar", activiteit_id=4, programma="P",
                       activiteit="A", wat="A", dagen=0 if fase == "nooit" else (gepland - dt.date(2020, 6, 16)).days,
                       gepland=gepland)


def test_a_stale_window_waits_a_week_after_the_previous_window_whatever_its_date() -> None:
    """A missed check caught the 42-day window up on 3 September: the 84-day one (8 September) waits
    until the 10th. The same holds for "nooit" windows, and for a window recorded before the day
    planned was kept (the day it was recorded counts then)."""
    first = recorded("activiteit", 4, "stilstand", "42d", dt.date(2020, 7, 28), 7, {"gepland": "2020-09-03"},
                     dt.date(2020, 9, 4))
    earlier = {first[0]: [first[1]]}
    nxt = _stale("84d", dt.date(2020, 9, 8), dt.date(2020, 9, 8))
    assert spaced([nxt], earlier, 7) == []
    week_after = nxt._replace(gepland=dt.date(2020, 9, 10))
    assert spaced([week_after], earlier, 7) == [week_after]  # not lost: it comes a week after the first
    again = _stale("42d", dt.date(2020, 7, 28), dt.date(2020, 9, 4))
    assert spaced([again], earlier, 7) == [again]  # the same window again: a no-op for the once-only key
    old = recorded("activiteit", 4, "stilstand", "nooit", dt.date(2020, 7, 28), 7, {"dagen": 0}, dt.date(2020, 9, 3))
    nooit = _stale("nooit", dt.date(2020, 9, 8), dt.date(2020, 9, 8))
    assert spaced([nooit], {old[0]: [old[1]]}, 7) == []
    assert spaced([nooit._replace(gepland=dt.date(2020, 9, 10))], {old[0]: [old[1]]}, 7) != []
    other = recorded("activiteit", 5, "stilstand", "42d", dt.date(2020, 7, 28), 7, {"gepland": "2020-09-03"},
                     dt.date(2020, 9, 3))
    assert spaced([nxt], {other[0]: [other[1]]}, 7) == [nxt]  # another activity: not the same item


@pytest.mark.usefixtures("prefect")
def test_an_item_already_late_on_the_first_day_comes_again_only_after_a_week(
        db: Database, smtp: Mailserver, tmp_path: Path) -> None:
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine, session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    register = tmp_path / "register"
    shutil.copytree(SEASON_REGISTER, register)
    people = register / "zonnedal" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("KAPOT_KANAAL", "mailto://kapot@example.org"),
                      encoding="utf-8")
    get_settings.cache_clear()
    get_engine.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=register, max_size=10_000_000)
    said = {}
    for day in (22, 25, 26, 1, 2):   # Mon 22 Feb (12 days late), Thu 25 (15), Fri 26, Mon 1 Mar (19), Tue 2
        peildatum = dt.date(2021, 2 if day > 20 else 3, day)
        before = len(smtp.received)
        run_daily_check(peildatum=peildatum, return_state=True)
        said[peildatum.day] = [" ".join(part.get_payload(decode=True).decode().split())
                               for rcpts, message in smtp.received[before:] if JEUGD in rcpts
                               for part in message.walk() if part.get_content_type() == "text/plain"]
    about = {day: [t for t in texts if "Collegebesluit preventieakkoord: " in t] for day, texts in said.items()}
    assert [day for day, texts in about.items() if texts] == [22, 1]
    assert "12 dagen te laat" in about[22][0] and "19 dagen te laat" in about[1][0]
