"""`regie diagnose`'s line on messages not delivered yet, told as the outbox handles them
(services/outbox/store.py): a failing channel is tried again for a message in the next runs, in at most
REGIE_BEZORG_MAX_RUNS runs, then given up for it; a channel that delivered is not sent it again. It once
said "77 berichten nog niet bezorgd; de volgende controle probeert het opnieuw" of a person who had all
77 by e-mail, while the coordinator's mail said the channel is no longer tried after some runs."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine, select
from sqlmodel import Session

from domain.register.tekstcontrole import aantal
from models.settings import Settings
from models.tables import Delivery, SentReminder
from services.outbox.delivery import hide_secrets
from services.outbox.store import delivered_whole
from services.rendering import getal


def undelivered(engine: Engine, settings: Settings) -> list[str]:
    """One sentence on the messages a channel failed (naming at most three channels), or nothing."""
    B = Delivery.__table__  # type: ignore[attr-defined]
    with Session(engine) as session:
        failing = session.execute(select(B.c.herinnering_id, B.c.kanaal_sleutel, B.c.kanaal, B.c.laatste_fout)
                                  .where(B.c.status == "mislukt").order_by(B.c.id)).all()
        if not failing:
            return []
        ids = {hid for hid, *_ in failing}
        # the failing items as a subquery, not one bound value per item: a national backlog holds more
        # than PostgreSQL (65,535) or SQLite takes in one statement
        failing_ids = select(B.c.herinnering_id).where(B.c.status == "mislukt")
        delivered: dict[int, set[str]] = defaultdict(set)
        for hid, kanaal in session.execute(select(B.c.herinnering_id, B.c.kanaal_sleutel).where(
                B.c.herinnering_id.in_(failing_ids), B.c.status == "verstuurd")).all():
            delivered[hid].add(kanaal)
        held = (SentReminder.__table__.c.id.in_(failing_ids),)  # type: ignore[attr-defined]
        for hid, kanaal in delivered_whole(session=session, held=held, ids=ids):
            delivered[hid].add(kanaal)
    failing_on: dict[int, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for hid, kanaal, label, _ in failing:
        failing_on[hid].add(kanaal)
        labels.setdefault(kanaal, label)
    count = len(failing_on)
    elsewhere = sum(1 for hid, keys in failing_on.items() if delivered[hid] - keys)
    shown = list(labels.values())
    via = ", ".join(shown[:3]) + (f" en {aantal(len(shown) - 3, 'ander kanaal', 'andere kanalen')}"
                                  if len(shown) > 3 else "")
    other = ("" if not elsewhere else "; het kwam wel aan via een ander kanaal" if count == 1 else
             f"; alle {getal(count)} kwamen wel aan via een ander kanaal" if elsewhere == count else
             f"; {getal(elsewhere)} daarvan kwam{'en' if elsewhere > 1 else ''} wel aan via een ander kanaal")
    fout = next((f for *_, f in reversed(failing) if f), "geen reden bewaard")
    return [hide_secrets(
        f"{getal(count)} {'bericht' if count == 1 else 'berichten'} nog niet bezorgd via {via}{other}. "
        "De volgende controle "
        f"probeert {'dat kanaal' if len(shown) == 1 else 'die kanalen'} opnieuw, per bericht in ten hoogste "
        f"{settings.bezorg_max_runs} runs (REGIE_BEZORG_MAX_RUNS); daarna niet meer, nieuwe berichten wel. "
        f"Laatste reden: {fout}", settings)[:600]]
