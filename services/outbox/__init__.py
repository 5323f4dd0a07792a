"""The one outbox: every message (reminders, check-in requests, reports, notices) is recorded
once, claimed by a living run, sent per channel and marked as soon as the server accepted it.
See docs/outbox.md. The flows use: ``store.record`` → ``store.claim`` → ``deliver`` →
``store.release``, inside ``store.holding`` (the lease heartbeat)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from models.db import session_scope
from models.settings import Settings
from services.outbox import store
from services.outbox.messages import Bundel, render
from services.outbox.sending import Uitkomst, sender

BATCH = 250  # people per batch: bounded memory however large the region


def deliver(*, run: str, where: Any, settings: Settings, peildatum: dt.date, link: str) -> list[str]:
    """Send what ``run`` holds within ``where``, a batch of people at a time, each message on
    each channel that does not have it yet; returns what failed ('person: error')."""
    with session_scope() as session:
        people = store.recipients(session=session, run=run, where=where)
    failed: list[str] = []
    maak = functools.partial(render, peildatum=peildatum, link=link)

    def load(start: int) -> list[Bundel]:
        with session_scope() as session:
            return store.bundles(session=session, run=run, where=where,
                                 ontvangers=people[start:start + BATCH])

    def told(batch: list[Bundel], outcomes: Callable[[], list[Uitkomst]]) -> list[str]:
        sleutels = {b.persoon_id: b.sleutel for b in batch}
        return [f"{sleutels[o.persoon_id]}: {o.fout}" for o in outcomes() if not o.gelukt]

    # The next batch is read while this one is sent (the senders do not wait for the database),
    # and handed out before this one's outcomes are awaited (the workers do not wait for each
    # other, nor for the batch to be pickled): at most three batches in memory.
    with store.holding(run, settings.bezorg_lease_seconden), ThreadPoolExecutor(1) as reader, \
            sender(settings, berichten=len(people), run=run, maak=maak) as send_batch:
        coming = reader.submit(load, 0) if people else None
        sending: tuple[list[Bundel], Callable[[], list[Uitkomst]]] | None = None
        for start in range(0, len(people), BATCH):
            batch = coming.result() if coming else []
            if start + BATCH < len(people):
                coming = reader.submit(load, start + BATCH)
            started = (batch, send_batch(batch))
            if sending is not None:
                failed += told(*sending)
            sending = started
        if sending is not None:
            failed += told(*sending)
    return failed
