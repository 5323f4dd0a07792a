"""While `regie dienst` runs on (not --eenmalig): one line in its window when a check-in that waited for
an answer is answered or expires ("voortgang Anna de Vries, Bronckhorst, donderdag 18 juni 2020:
beantwoord op donderdag 18 juni 2020 om 10:04"), so the window does not keep saying "wacht op
antwoord" after the demo cycle's summary.

It asks Prefect nothing: an answer (the answer page, the Prefect form) marks the check-in in our own
database in the same transaction as the progress, and the run's end follows from it. The service's
supervision loop (regie/dienst_toezicht.supervise) calls it every second; it looks at most every
``elk`` seconds, in one small query over the waiting check-ins."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError


class Antwoorden:
    """Says once per check-in when it is no longer waiting (``say``: a line for the window)."""

    def __init__(self, say: Callable[[str], None], elk: float = 10.0) -> None:
        self.say, self.elk = say, elk
        self.waiting: set[int] | None = None  # the waiting check-ins at the last look; None: not looked yet
        self.next = 0.0

    def __call__(self) -> None:
        if time.monotonic() < self.next:
            return
        self.next = time.monotonic() + self.elk
        from models.db import session_scope
        from models.settings import get_settings
        from regie.dienst_demo import in_words
        from services.checkins.waiting import waiting_and
        from services.rendering import dag

        known = self.waiting or set()
        tz = get_settings().tz
        try:
            with session_scope() as session:
                rows = waiting_and(session=session, known=known)
        except SQLAlchemyError:  # a busy or briefly unreachable database: the next look tells it
            return
        waiting = {row.id for row in rows if row.status == "wachtend"}
        if self.waiting is not None:  # the first look only learns what waits (the summary said it)
            for r in (r for r in rows if r.status != "wachtend"):
                name = f"voortgang {r.naam}, {r.gemeente}, {r.ronde.isoformat()}"
                if r.status == "beantwoord" and r.beantwoord_op is not None:
                    moment = r.beantwoord_op.astimezone(tz)
                    self.say(in_words(f"{name}: beantwoord op {dag(moment.date())} om {moment:%H:%M}"))
                else:  # verlopen: the daily check closed it unanswered
                    said = "niet beantwoord, verlopen" if r.status == "verlopen" else r.status
                    self.say(in_words(f"{name}: {said}"))
        self.waiting = waiting
