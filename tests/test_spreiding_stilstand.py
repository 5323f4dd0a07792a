"""A week between two stale-progress reminders about one activity to one person, also after the
daily check missed some days (found by a new-user trial: "Geen voortgang vastgelegd in 79 dagen" on
Thursday 3 September, after the service was down, and "… in 84 dagen" on Tuesday the 8th, when
the next six-week window began: five days apart, against the digest's "hetzelfde punt herhalen
we pas na een week")."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

STALE = re.compile(r"Geen voortgang vastgelegd in (\d+) dagen")


@pytest.mark.usefixtures("prefect")
def test_a_stale_activity_comes_again_only_after_a_week_after_missed_checks(
        db: Database, smtp: Mailserver, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine, session_scope
    from models.settings import get_settings
    from models.tables import Activity, ProgressUpdate
    from services.register.loading import load_register

    set_today(monkeypatch, "2020-06-16")
    get_engine.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
    with session_scope() as session:  # every activity's last progress: Tuesday 16 June 2020
        for aid in session.execute(select(Activity.id)).all():
            session.add(ProgressUpdate(activiteit_id=aid[0], vastgelegd_op=dt.datetime(2020, 6, 16, 9, tzinfo=dt.UTC)))
    # Checked on 27 July (41 days: nothing stale), then down until Thursday 3 September (79 days,
    # the 42-day window missed); then daily again: the 84-day window starts on Tuesday the 8th.
    days = [dt.date(2020, 7, 27), *(dt.date(2020, 9, d) for d in (3, 4, 7, 8, 9, 10, 11))]
    seen: dict[tuple[str, int], list[dt.date]] = {}  # (recipient, days since 16 June) → days mailed
    for peildatum in days:
        set_today(monkeypatch, peildatum.isoformat())
        get_settings.cache_clear()
        get_engine.cache_clear()
        before = len(smtp.received)
        run_daily_check(peildatum=peildatum, return_state=True)
        for rcpts, message in smtp.received[before:]:
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    text = " ".join(part.get_payload(decode=True).decode().split())
                    for found in {int(n) for n in STALE.findall(text)}:
                        for rcpt in rcpts:
                            seen.setdefault((rcpt, found), []).append(peildatum)
    by_person: dict[str, list[dt.date]] = {}
    for (rcpt, _n), on in seen.items():
        by_person.setdefault(rcpt, []).extend(on)
    assert by_person, "no stale-progress reminder at all"
    for rcpt, on in by_person.items():
        on = sorted(set(on))
        assert on[0] == dt.date(2020, 9, 3), (rcpt, on)  # the missed window caught up at once
        assert all((b - a).days >= 7 for a, b in itertools.pairwise(on)), (rcpt, on)  # the promise
        assert on[1:] == [dt.date(2020, 9, 10)], (rcpt, on)  # the next window is not lost: a week later
    assert {n for _rcpt, n in seen} == {79, 86}
