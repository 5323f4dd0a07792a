"""Fuzz tests with a fixed budget and a fixed order (derandomized): mutated register directories
either load or are refused with Dutch errors naming a file, and a refused load changes nothing;
any milestone values that load never make the rules, the status or the calendars fail.

REGIE_FUZZ_VOORBEELDEN sets the number of cases (default 20: part of the fuzz suite's budget of
2 minutes, tests/conftest.py); bench/fuzz.py runs a thousand with time and memory per case.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzzing import mutated_register
from tests.conftest import Database

EXAMPLES = int(os.environ.get("REGIE_FUZZ_VOORBEELDEN", "20"))
# Derandomized, no example database, 10 s per example: the "regie" profile (tests/conftest.py), which
# also checks the whole suite's time budget.
_BUDGET = settings(max_examples=EXAMPLES,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
pytestmark = pytest.mark.fuzz
# Words that only appear when a library's English message or a traceback reaches the user.
ENGLISH = ("Traceback", "Error", "Input should", "should be", "Keys should", "Is a directory", "invalid",
           "expected", "found", "could not", "Interne fout")


def check_loaded_register(session: object, peildatum: dt.date) -> None:
    """The steps that read what was loaded: rules without a problem list (so nothing is skipped
    silently: an error raises), the status and everyone's calendar."""
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from models.types import utcnow
    from services.calendars.agenda_events import events
    from services.calendars.feed_file import build
    from services.reminders.daily_check import collect_facts
    from services.reminders.status import programme_states

    regels = get_settings().regels
    facts = collect_facts(session=session)  # type: ignore[arg-type]
    for day in (peildatum, peildatum + dt.timedelta(days=120)):
        plan(facts.activiteiten, peildatum=day, regels=regels, werkdagen=Werkdagen(),
             coordinatoren=facts.coordinatoren)
    for state in programme_states(session=session, peildatum=peildatum):  # type: ignore[arg-type]
        assert not state.problemen, state.problemen
    from models.tables import Person

    rows = events(session, None, regels.subsidie)  # type: ignore[arg-type]
    for person in session.query(Person).all():  # type: ignore[attr-defined]
        build("Bronckhorst", person, rows.get(person.id, []), utcnow())


@_BUDGET
@given(seed=st.integers(min_value=0, max_value=2 ** 32 - 1))
def test_a_mutated_register_loads_or_is_refused_in_dutch_and_a_refusal_changes_nothing(
        db: Database, tmp_path: Path, seed: int) -> None:
    from domain.register.errors import RegisterFouten
    from models.db import session_scope
    from services.register.loading import load_register

    target = tmp_path / f"fuzz-{seed}"
    done = mutated_register(seed, target)
    before = db.snapshot()
    try:
        with session_scope(db.engine) as session:
            load_register(session=session, root=target, max_size=5 * 1024 * 1024)
    except RegisterFouten as refused:
        assert refused.fouten, done
        for fout in refused.fouten:
            text = str(fout)
            assert fout.bestand and fout.melding, (done, text)
            assert len(text) < 3000 and "\x1b" not in text, (done, text[:300])
            assert not any(word in fout.melding for word in ENGLISH), (done, text)
        assert db.snapshot() == before, done
        return
    with session_scope(db.engine) as session:
        check_loaded_register(session, dt.date(2020, 6, 15))


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_RULE = st.one_of(
    st.none(),
    st.builds(lambda f, i, c, m, d, extra: f"FREQ={f};INTERVAL={i}" + (f";COUNT={c}" if c else "")
              + (f";BYMONTH={m}" if m else "") + (f";BYMONTHDAY={d}" if d else "") + extra,
              st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "SECONDLY", ""]),
              st.integers(-2, 2000), st.one_of(st.none(), st.integers(0, 5000)),
              st.one_of(st.none(), st.integers(-13, 13)), st.one_of(st.none(), st.integers(-32, 32)),
              st.sampled_from(["", ";UNTIL=20200101", ";UNTIL=19990101", ";BYDAY=+5FR", ";BYWEEKNO=53",
                               ";BYSETPOS=-1;BYDAY=MO,TU", ";UNTIL=gisteren", ";BYYEARDAY=366", ";WKST=SU"])),
    _TEXT)
_DATE = st.one_of(st.none(), st.dates(dt.date(1890, 1, 1), dt.date(2210, 12, 31)))


@settings(max_examples=EXAMPLES * 10)
@given(rules=st.lists(st.tuples(_RULE, _DATE, _DATE, st.sampled_from(["start", "einde", "evaluatie", "overig",
                                                                       "verantwoording"])), min_size=1, max_size=4),
       peildatum=st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
def test_milestone_values_that_load_never_crash_the_rules(rules: list[tuple], peildatum: dt.date) -> None:  # type: ignore[type-arg]
    """Whatever the register accepts as a milestone (RRULE, dates), the rules plan without error
    on any day, and quickly."""
    import time

    from pydantic import ValidationError

    from domain.register.register import Mijlpaal
    from domain.rules.regels import ActiviteitFeit, MijlpaalFeit, RegelInstellingen, plan
    from domain.werkdagen import Werkdagen

    milestones = []
    for index, (herhaling, vroegst, uiterlijk, soort) in enumerate(rules):
        try:
            loaded = Mijlpaal(id=f"m{index}", soort=soort, omschrijving="x", herhaling=herhaling,
                              vroegst=vroegst, uiterlijk=uiterlijk)
        except ValidationError:
            continue  # refused at load: never reaches the rules
        milestones.append(MijlpaalFeit(index, loaded.soort, loaded.omschrijving, loaded.uiterlijk,
                                       loaded.vroegst, loaded.herhaling))
    activity = ActiviteitFeit(1, 1, "p", "a", "pilot", "lopend", 1, 2, mijlpalen=tuple(milestones))
    started = time.perf_counter()
    for day in (peildatum, peildatum + dt.timedelta(days=1)):
        plan([activity], peildatum=day, regels=RegelInstellingen(), werkdagen=Werkdagen(), coordinatoren={1: (3,)})
    assert time.perf_counter() - started < 5
