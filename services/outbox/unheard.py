"""The coordinator's notices that no channel delivered: the Prefect UI is then where they are told.

A notice about a failing channel goes over the coordinator's other channels (``niet_via``); when
every one of them fails too (mail server down, a chat webhook answering 500), the run that
recorded the notice shows it as an artifact, so it is not lost in a retry loop nobody reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlmodel import Session

from domain.register.tekstcontrole import met_haakjes
from domain.rules.problemen import ONGELDIGE_WAARDE
from models.tables import Person
from services.outbox.store import NOTICE, B, H, delivered_whole
from services.rendering import sentence

# The rules of messages that are for the coordinator about the service itself.
NOTICES = (NOTICE, ONGELDIGE_WAARDE)


@dataclass(frozen=True)
class Onbezorgd:
    """One notice that reached nobody: to whom, the Dutch sentence, why each channel failed."""

    aan: str
    zin: str
    fouten: tuple[str, ...]


def unheard(*, session: Session, run: str) -> list[Onbezorgd]:
    """The notices ``run`` recorded that none of their recipient's channels delivered. Only the
    recording run reports them: later runs retry them without telling the UI again."""
    rows = session.execute(
        select(H.c.id, H.c.regel, H.c.inhoud, H.c.ontvanger_id)
        .where(H.c.regel.in_(NOTICES), H.c.aangemaakt_door == run, H.c.status != "verstuurd",
               ~exists().where(B.c.herinnering_id == H.c.id, B.c.status == "verstuurd"))
        .order_by(H.c.ontvanger_id, H.c.id)).all()
    if rows:  # delivered as part of a whole message (zending) on some channel: heard
        held = (H.c.id.in_([r.id for r in rows]),)
        heard = {hid for hid, _ in delivered_whole(session=session, held=held, ids={r.id for r in rows})}
        rows = [r for r in rows if r.id not in heard]
    if not rows:
        return []
    people = {p.id: met_haakjes(p.naam, p.sleutel) for p in session.scalars(
        select(Person).where(Person.id.in_({r.ontvanger_id for r in rows})))}  # type: ignore[union-attr]
    why: dict[int, list[str]] = {}
    for herinnering_id, kanaal, fout in session.execute(
            select(B.c.herinnering_id, B.c.kanaal, B.c.laatste_fout)
            .where(B.c.herinnering_id.in_([r.id for r in rows])).order_by(B.c.id)):
        # Delivery errors were stored through hide_secrets; the label never holds a secret.
        shown = fout if fout and fout.startswith(kanaal) else f"{kanaal}: {fout}"
        why.setdefault(herinnering_id, []).append(shown)
    return [Onbezorgd(people.get(r.ontvanger_id, str(r.ontvanger_id)),
                      sentence({**r.inhoud, "regel": r.regel}), tuple(why.get(r.id, ())))
            for r in rows]


def waiting_failed(*, session: Session, limit: int = 10) -> list[tuple[str, tuple[str, ...]]]:
    """Who has messages waiting after a failed delivery, with why (each distinct error, as stored:
    through hide_secrets), for the command line's account of a failed check; at most ``limit``."""
    rows = session.execute(
        select(H.c.ontvanger_id, B.c.laatste_fout)
        .select_from(H.join(B, B.c.herinnering_id == H.c.id, isouter=True))
        .where(H.c.status == "mislukt").distinct().order_by(H.c.ontvanger_id)).all()
    why: dict[int, list[str]] = {}
    for person_id, fout in rows:
        reasons = why.setdefault(person_id, [])
        if fout and fout not in reasons:
            reasons.append(fout)
    chosen = list(why)[:limit]
    people = {p.id: met_haakjes(p.naam, p.sleutel) for p in session.scalars(
        select(Person).where(Person.id.in_(chosen)))}  # type: ignore[union-attr]
    return [(people.get(person_id, str(person_id)), tuple(why[person_id])) for person_id in chosen]
