"""Who may be asked for progress on a day: one rule for the scheduled round and the demo cycle
(services/checkins/asking.py). Not on a day off, not while an earlier request waits, not again
within uitvraag_dagen (14) of an earlier one. Dates from the project clock only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def _ask(persoon_id: int, gemeente_id: int, ronde: dt.date, status: str = "wachtend",
         beantwoord: dt.date | None = None) -> None:
    from models.db import session_scope
    from models.tables import CheckIn

    with session_scope() as session:
        session.add(CheckIn(gemeente_id=gemeente_id, persoon_id=persoon_id, flow_run_id=f"run-{ronde}-{persoon_id}",
                            ronde=ronde, status=status, formulier=[],
                            beantwoord_op=dt.datetime.combine(beantwoord, dt.time(9), dt.UTC) if beantwoord else None))


def _why(persoon_id: int, day: dt.date) -> str | None:
    from domain.werkdagen import Werkdagen
    from models.db import session_scope
    from services.checkins.asking import why_not_ask

    with session_scope() as session:
        return why_not_ask(session=session, persoon_id=persoon_id, peildatum=day, werkdagen=Werkdagen(), dagen=14)


def _person(key: str) -> tuple[int, int]:
    from models.db import session_scope
    from models.tables import Person

    with session_scope() as session:
        person = session.scalars(select(Person).where(Person.sleutel == key)).one()
        return person.id, person.gemeente_id


def test_the_demo_trial_days_ask_once_and_say_why_not_on_the_others(db: Database, sample: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The trial: 18, 19, 20 (Saturday), 22 June 2020; asked on the 18th, answered on the 19th."""
    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    pid, gid = _person("regisseur-jeugd")
    assert _why(pid, dt.date(2020, 6, 18)) is None
    _ask(pid, gid, dt.date(2020, 6, 18), "beantwoord", beantwoord=dt.date(2020, 6, 19))
    assert _why(pid, dt.date(2020, 6, 18)) is None  # the same round: the database's once-per-round says so
    assert _why(pid, dt.date(2020, 6, 19)) == (
        "al gevraagd in de ronde van 18 juni 2020 (beantwoord op 19 juni 2020); opnieuw vragen kan vanaf "
        "2 juli 2020")
    assert _why(pid, dt.date(2020, 6, 20)) == (
        "zaterdag 20 juni 2020 is geen werkdag; op vrije dagen vragen we niemand om voortgang (de "
        "eerstvolgende werkdag is maandag 22 juni 2020)")
    assert _why(pid, dt.date(2020, 6, 22)) is not None
    assert _why(pid, dt.date(2020, 7, 2)) is None


def test_a_waiting_request_blocks_a_new_one_until_it_is_answered_or_expires(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-06-01")
    _load(sample)
    pid, gid = _person("regisseur-jeugd")
    _ask(pid, gid, dt.date(2020, 6, 1))
    assert _why(pid, dt.date(2020, 6, 29)) == ("de vraag van de ronde van 1 juni 2020 wacht nog op antwoord; "
                                               "een nieuwe vraag komt pas daarna")


def test_a_season_of_demo_cycles_asks_on_working_days_at_most_once_in_14_days_and_the_round_never_on_a_day_off(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A demo cycle every day of a half year (`PEILDATUM=D ./start.sh --eenmalig` for each D): the
    regisseur, asked when the rule allows and answering some requests the next day and leaving
    others to expire, is never asked on a day off nor twice within 14 days; the round asks nobody on
    a day off, even with iedereen."""
    from domain.werkdagen import Werkdagen
    from tasks.checkin import due_for_checkin

    set_today(monkeypatch, "2020-05-01")
    _load(sample)
    pid, gid = _person("regisseur-jeugd")
    werkdagen, asked = Werkdagen(), []
    day = dt.date(2020, 5, 1)
    while day < dt.date(2020, 11, 1):
        if not werkdagen.is_werkdag(day):
            assert due_for_checkin.fn(day, None, True) == []
        if _why(pid, day) is None:
            assert werkdagen.is_werkdag(day), day
            assert not asked or (day - asked[-1]).days >= 14, (asked[-1], day)
            answered = len(asked) % 2 == 0  # every other request is left to expire (status verlopen)
            _ask(pid, gid, day, "beantwoord" if answered else "verlopen",
                 beantwoord=day + dt.timedelta(days=1) if answered else None)
            asked.append(day)
        day += dt.timedelta(days=1)
    assert len(asked) >= 10  # about every two weeks
