"""Progress gone stale, for activities never updated: counted from the day the activity entered the
register on the project clock (its first history row), so the first reminder comes six weeks after
the load and the same point does not come back a few days later. A season of days, simulated."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from tests.conftest import Database, set_today

STALE = "Geen voortgang vastgelegd sinds de activiteit in het register staat"


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def _stale_days(van: dt.date, tot: dt.date) -> dict[str, list[dt.date]]:
    """Per activity line of `regie simuleer`, the days its stale-progress point would go out."""
    from models.db import session_scope
    from services.reminders.simulation import simulate

    days: dict[str, list[dt.date]] = {}
    with session_scope() as session:
        for day, people in simulate(session=session, van=van, tot=tot):
            for person, lines in people:
                for line in lines:
                    if STALE in line or "Geen voortgang vastgelegd in" in line:
                        days.setdefault(f"{person}: {line.split(':')[0]}", []).append(day)
    return days


def test_the_demo_trial_loaded_on_18_june_has_no_stale_point_until_six_weeks_later(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`regie simuleer --van 2020-06-18 --tot 2020-07-03` on the demo loaded on 18 June: nothing
    stale (it promised the same point on Thursday 18 and Monday 22 June); then once per six weeks."""
    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    assert _stale_days(dt.date(2020, 6, 18), dt.date(2020, 7, 3)) == {}
    season = _stale_days(dt.date(2020, 6, 18), dt.date(2020, 12, 31))
    assert season
    for what, days in season.items():
        assert days[0] >= dt.date(2020, 7, 30), (what, days)  # 42 days after 18 June
        gaps = [(b - a).days for a, b in itertools.pairwise(days)]
        assert all(gap >= 7 for gap in gaps), (what, days)  # the digest's promise
        assert all(gap >= 35 for gap in gaps), (what, days)  # in fact every six weeks (moved off a day off)


def test_the_daily_check_counts_no_stale_activities_five_days_after_the_load(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.db import session_scope
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    set_today(monkeypatch, "2020-06-23")
    with session_scope() as session:
        facts = collect_facts(session=session)
    assert {a.in_register_sinds for a in facts.activiteiten} == {dt.date(2020, 6, 18)}
    for day, stale in ((dt.date(2020, 6, 23), False), (dt.date(2020, 7, 29), False), (dt.date(2020, 7, 30), True)):
        planned = plan(facts.activiteiten, peildatum=day, regels=get_settings().regels, werkdagen=Werkdagen(),
                       coordinatoren=facts.coordinatoren)
        assert any(h.regel == "stilstand" for h in planned) is stale, day
