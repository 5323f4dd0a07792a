"""What the daily check recorded before, and the one decision it takes with it each day: which of
the day's planned reminders are recorded (and so sent). The check (tasks/daily_check.py: record,
and the dry run's count) and `regie simuleer` (services/reminders/simulation.py) both call
``spaced_today``, so a simulated season gives the items the check would give on the same days."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session

from domain.rules.regels import Herinnering
from domain.rules.spreiding import STALE, Key, is_spaced, key, recorded, spaced, stage
from models.clock import local_date
from models.tables import SentReminder

H = SentReminder.__table__  # type: ignore[attr-defined]
_KEY = ("onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id")


class Simulated:
    """What the check would have recorded before a simulated day (kept here, nothing is written):
    the database's reminders, read once per item as the days first plan it (the database does not
    change while a simulation runs), and those of the simulated days before."""

    def __init__(self) -> None:
        self.keys: set[tuple[Any, ...]] = set()              # once-only keys recorded
        self.stages: dict[Key, list[tuple[str, int]]] = defaultdict(list)  # spaced stages recorded
        self._read: set[tuple[Any, ...]] = set()             # keys looked up in the database
        self._read_stages: set[Key] = set()

    def earlier(self, *, session: Session, planned: list[Herinnering]) -> dict[Key, list[tuple[str, int]]]:
        """``earlier_late_stages`` for ``planned``, as of this simulated day."""
        new = [h for h in planned if is_spaced(h) and key(h) not in self._read_stages]
        for k, stages in earlier_late_stages(session=session, planned=new).items():
            self.stages[k].extend(stages)
        self._read_stages |= {key(h) for h in new}
        return {k: self.stages[k] for k in {key(h) for h in planned if is_spaced(h)} if k in self.stages}

    def record(self, *, session: Session, planned: list[Herinnering]) -> list[Herinnering]:
        """The reminders of ``planned`` recorded now: each once, as the table's unique key makes
        it (neither in the database nor recorded on an earlier simulated day)."""
        unread = [h for h in planned if h.sleutel not in self._read]
        self.keys |= already_recorded(session=session, planned=unread)
        self._read |= {h.sleutel for h in unread}
        new = []
        for h in planned:
            if h.sleutel not in self.keys:
                self.keys.add(h.sleutel)
                new.append(h)
                if is_spaced(h):
                    self.stages[key(h)].append(stage(h))
        return new


def spaced_today(*, session: Session, planned: list[Herinnering], every: int,
                 simulated: Simulated | None = None) -> list[Herinnering]:
    """``planned`` without the weekly late stages and stale-progress windows that would come less
    than ``every`` days after an earlier one to the same person (domain/rules/spreiding.py). The
    earlier ones are those the database holds and, with ``simulated``, those of the simulated days
    before."""
    if simulated is None:
        earlier = earlier_late_stages(session=session, planned=planned)
    else:
        earlier = simulated.earlier(session=session, planned=planned)
    return spaced(planned, earlier, every)


def earlier_late_stages(*, session: Session, planned: list[Herinnering],
                        ) -> dict[Key, list[tuple[str, int]]]:
    """Per item and person of the planned weekly late stages and stale-progress windows: the
    stages already recorded with their days late or day planned (domain/rules/spreiding.py)."""
    wanted = {key(h) for h in planned if is_spaced(h)}
    if not wanted:
        return {}
    earlier: dict[Key, list[tuple[str, int]]] = {}
    ids = sorted({k[1] for k in wanted})
    for start in range(0, len(ids), 5000):
        rows = session.execute(select(
            H.c.onderwerp, H.c.onderwerp_id, H.c.regel, H.c.fase, H.c.vervaldatum, H.c.ontvanger_id,
            H.c.inhoud, H.c.aangemaakt_op,
        ).where(H.c.onderwerp_id.in_(ids[start:start + 5000]),
                or_(H.c.fase.like("te-laat-%"), H.c.regel == STALE)))
        for onderwerp, oid, regel, fase, vervaldatum, ontvanger, inhoud, op in rows:
            k, found = recorded(onderwerp, oid, regel, fase, vervaldatum, ontvanger, inhoud, local_date(op))
            if k in wanted:
                earlier.setdefault(k, []).append(found)
    return earlier


def already_recorded(*, session: Session, planned: list[Herinnering]) -> set[tuple[Any, ...]]:
    """The keys of planned reminders that are already in the table (for a dry run). Only the rows
    due on the planned reminders' dates are read, a few hundred dates at a time: the table grows
    with every day the service runs, the plan does not."""
    subjects = {(h.onderwerp, h.onderwerp_id) for h in planned}
    dates = sorted({h.vervaldatum for h in planned})
    found: set[tuple[Any, ...]] = set()
    for start in range(0, len(dates), 500):
        query = select(*(H.c[k] for k in _KEY)).where(H.c.vervaldatum.in_(dates[start:start + 500]))
        for row in session.execute(query):
            if (row[0], row[1]) in subjects:
                found.add(tuple(row))
    return found
