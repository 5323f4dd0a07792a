"""What a run could not deliver, read just before ``store.release``: the messages that reached
their person on no channel at all (the run fails), and the channels that failed a message its
person got on another channel (the run completes, with a warning)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from domain.register.tekstcontrole import aantal, met_haakjes
from models.tables import Person
from services.outbox.store import B, H, delivered_whole


@dataclass(frozen=True)
class Tekort:
    """``onbereikt``: messages (one person's digest, notice or report) no channel delivered;
    ``kanalen``: 'people via channel: reason' of each channel that failed a message delivered elsewhere."""

    onbereikt: int = 0
    kanalen: tuple[str, ...] = field(default=())

    def __add__(self, other: Tekort) -> Tekort:
        return Tekort(self.onbereikt + other.onbereikt, self.kanalen + tuple(
            k for k in other.kanalen if k not in self.kanalen))

    def waarschuwing(self) -> str:
        """'1 kanaal faalt: …' (empty when none), in Dutch, without a doubled full stop."""
        if not self.kanalen:
            return ""
        verb = "faalt" if len(self.kanalen) == 1 else "falen"
        return (f"{aantal(len(self.kanalen), 'kanaal', 'kanalen')} {verb}: "
                + "; ".join(self.kanalen)
                + " (de ontvanger kreeg het bericht wel via een ander kanaal)")


def shortfall(*, session: Session, run: str, where: Any = None) -> Tekort:
    """What ``run`` still holds (within ``where``) after sending: call it before ``store.release``."""
    mine = (H.c.geclaimd_door == run, H.c.status == "bezig", where if where is not None else H.c.id > 0)
    rows = session.execute(select(H.c.id, H.c.ontvanger_id, H.c.regel, H.c.onderwerp_id).where(*mine)).all()
    if not rows:
        return Tekort()
    ids = {r.id for r in rows}
    delivered = set(session.scalars(select(B.c.herinnering_id).where(
        B.c.herinnering_id.in_(select(H.c.id).where(*mine)), B.c.status == "verstuurd")))
    delivered |= {hid for hid, _ in delivered_whole(session=session, held=mine, ids=ids)}
    # A message is one person's digest, or one prepared message (a report) on its own.
    message = {r.id: (r.ontvanger_id, r.onderwerp_id if r.regel == "rapport" else 0) for r in rows}
    nowhere = {message[r.id] for r in rows if r.id not in delivered}
    reached = {message[r.id] for r in rows} - nowhere
    failing = session.execute(
        select(H.c.id, H.c.ontvanger_id, B.c.kanaal_sleutel, B.c.kanaal, B.c.laatste_fout)
        .select_from(B.join(H, H.c.id == B.c.herinnering_id))
        .where(*mine, B.c.status == "mislukt").order_by(H.c.ontvanger_id, B.c.id)).all()
    people = {p.id: met_haakjes(p.naam, p.sleutel) for p in session.scalars(select(Person).where(
        Person.id.in_({r.ontvanger_id for r in failing})))}  # type: ignore[union-attr]
    told: dict[str, tuple[str, list[str]]] = {}  # per channel: why, and whom it failed
    for hid, person_id, sleutel, kanaal, fout in failing:
        if message[hid] in reached:
            # Errors were stored through hide_secrets; the label never holds a secret.
            shown = fout if fout and fout.startswith(kanaal) else f"{kanaal}: {fout or 'niet bezorgd'}"
            whom = told.setdefault(sleutel, (shown, []))[1]
            if people.get(person_id, str(person_id)) not in whom:
                whom.append(people.get(person_id, str(person_id)))
    return Tekort(len(nowhere), tuple(f"{' en '.join(whom)} via {shown.rstrip(' .')}"
                                      for shown, whom in told.values()))


def undelivered(onbereikt: int) -> str:
    """'1 bericht niet bezorgd' / 'N berichten niet bezorgd'."""
    return f"{aantal(onbereikt, 'bericht', 'berichten')} niet bezorgd"
