"""`regie simuleer` gives the items the daily check gives, on the same days: it plans and decides
each day with the check's own calls (services/reminders/recorded.py). Before, the simulation did not
keep the week between two reminders about the same item (domain/rules/spreiding.py): a demo loaded
on Thursday 18 June showed "170 dagen te laat" that day and "176 dagen te laat" the Wednesday after,
which the check does not send ("hetzelfde punt herhalen we pas na een week"), so a coordinator
planning with it was misled."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

FIRST, LAST = dt.date(2020, 6, 18), dt.date(2020, 7, 9)  # Thursday 18 June to three weeks later
MIDWAY = dt.date(2020, 6, 29)  # a Monday: the check ran on the days before, the late points wait for Thursday
CLOSED = "2020-06-25,2020-07-06"  # two closing days: the check skips them, as it skips weekends


def _recorded() -> set[tuple[object, ...]]:
    from models.db import session_scope
    from models.tables import SentReminder

    t = SentReminder.__table__  # type: ignore[attr-defined]
    with session_scope() as session:
        return {tuple(row) for row in session.execute(select(
            t.c.onderwerp, t.c.onderwerp_id, t.c.regel, t.c.fase, t.c.vervaldatum, t.c.ontvanger_id))}


@pytest.mark.usefixtures("prefect")
def test_a_simulated_season_gives_the_items_of_the_daily_check_run_day_by_day(
        db: Database, smtp: Mailserver, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three weeks of the demo, its activities without progress since 30 March (stale at the start,
    the next six-week window four days later) and milestones already late when it is loaded: the
    simulation, made before the check ever ran, names per day exactly what the check then records
    when run on each of those days, as does one made halfway, from what the check recorded until
    then; and no late or stale point comes back within a week."""
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine, session_scope
    from models.settings import get_settings
    from models.tables import Activity, ProgressUpdate
    from services.register.loading import load_register
    from services.reminders.simulation import simulated_days

    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", CLOSED)
    set_today(monkeypatch, FIRST.isoformat())
    get_settings.cache_clear()
    get_engine.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
    with session_scope() as session:
        for (aid,) in session.execute(select(Activity.id)).all():
            session.add(ProgressUpdate(activiteit_id=aid, vastgelegd_op=dt.datetime(2020, 3, 30, 9, tzinfo=dt.UTC)))
    with session_scope() as session:
        simulated = {day: {h.sleutel for h in items}
                     for day, items in simulated_days(session=session, van=FIRST, tot=LAST)}

    checked: dict[dt.date, set[tuple[object, ...]]] = {}
    later: dict[dt.date, set[tuple[object, ...]]] = {}
    for day in simulated:
        set_today(monkeypatch, day.isoformat())
        get_settings.cache_clear()
        get_engine.cache_clear()
        if day == MIDWAY:  # simulated again once the check has run: it reads what the check recorded
            with session_scope() as session:
                later = {d: {h.sleutel for h in items}
                         for d, items in simulated_days(session=session, van=MIDWAY, tot=LAST)}
        before = _recorded()
        run_daily_check(peildatum=day, return_state=True)  # also on weekends and closing days: nothing
        checked[day] = _recorded() - before

    for day in simulated:  # day by day, so a difference names its day
        assert simulated[day] == checked[day], (day, simulated[day] ^ checked[day])
    assert later == {day: keys for day, keys in simulated.items() if day >= MIDWAY}
    assert not simulated[dt.date(2020, 6, 25)] and not simulated[dt.date(2020, 6, 27)]
    # what the comparison is about: spaced points, caught up after a closing day
    late = [(day, k) for day, keys in simulated.items() for k in keys if str(k[3]).startswith("te-laat-")]
    stale = [(day, k) for day, keys in simulated.items() for k in keys if k[2] == "stilstand"]
    assert late and stale
    for points in (late, stale):
        days: dict[tuple[object, ...], list[dt.date]] = {}
        for day, k in points:  # per item and person (a stale window's date changes with the window)
            days.setdefault((k[0], k[1], k[2], k[5]) if k[2] == "stilstand" else (*k[:3], k[4], k[5]), []).append(day)
        assert all((b - a).days >= 7 for on in days.values() for a, b in itertools.pairwise(sorted(on))), days
    assert any(len(on) > 1 for on in days.values())  # a stale point did come back, a week later


def test_simuleer_shows_the_coordinators_notice_about_a_skipped_item_once_as_the_check_sends_it(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """The check tells the coordinators once about an item whose value the rules cannot use
    (plan_day); the simulation showed it only under "Overgeslagen", not as a point of the digest."""
    from sqlalchemy import text

    assert regie("laad", str(sample)).code == 0
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE mijlpaal SET herhaling = 'FREQ=' WHERE id = (SELECT min(id) FROM mijlpaal)"))
    outcome = regie("simuleer", "--van", "2020-06-18", "--tot", "2020-06-22")
    assert outcome.code == 0, outcome
    text_ = " ".join(outcome.out.split())
    notice = "Een waarde in het register kon niet worden verwerkt en is overgeslagen (bronckhorst/programma-1.yaml, regel"
    assert text_.count(notice) == 1, outcome.out  # once, like the check's once-only key
    first = text_.partition("vr 19-06-2020")[0]
    assert notice in first and "Coördinator sociaal domein (coordinator-sociaal-domein)" in first
    assert text_.count("Overgeslagen: ") == 1  # and still named at the end
