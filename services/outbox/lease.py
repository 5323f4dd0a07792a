"""The lease of a run's claims: while a run works, a heartbeat thread extends the claim of each
message it holds (``herinnering.geclaimd_tot``), so other runs leave them to it; a run that stops
renewing is taken for dead once its lease has passed (store.claim)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select, update

from models.db import session_scope
from models.tables import SentReminder
from models.types import utcnow

H = SentReminder.__table__  # type: ignore[attr-defined]
log = logging.getLogger(__name__)


def renew(*, run: str, lease: float) -> None:
    """The living run extends its claims, for 200 people per transaction: in one transaction the
    first renewal of a national check (≈ 300,000 messages) held the SQLite write lock for ≈ 1 s,
    and every sending thread waited that long for its mark. Each part is a range of recipients on
    the index of (status, recipient); smaller parts cost more CPU per message (a commit each)."""
    with session_scope() as session:
        people = list(session.scalars(select(H.c.ontvanger_id).where(H.c.geclaimd_door == run,
                                      H.c.status == "bezig").distinct().order_by(H.c.ontvanger_id)))
    for start in range(0, len(people), 200):
        part = people[start:start + 200]
        with session_scope() as session:
            among = H.c.ontvanger_id.between(part[0], part[-1])
            session.execute(update(H).where(H.c.status == "bezig", among, H.c.geclaimd_door == run).values(
                geclaimd_tot=utcnow() + dt.timedelta(seconds=lease)))


@contextmanager
def holding(run: str, lease: float) -> Iterator[None]:
    """While the block runs, a thread renews ``run``'s claims every quarter lease."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease / 4):
            try:
                renew(run=run, lease=lease)
            except Exception:  # a database hiccup: the next beat tries again, the lease has slack
                log.warning("claims van %s niet verlengd", run, exc_info=True)

    thread = threading.Thread(target=beat, name=f"lease-{run}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
