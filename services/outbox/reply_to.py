"""Where a reply to a mail of the service goes (docs/outbox.md, "Replies"): to the coordinators of
the recipient's municipality, each at the first e-mail address in their channels, never to the
recipient themself; with nobody left (a mail to the only coordinator, or no coordinator with an
address) there is no Reply-To and a reply goes to REGIE_AFZENDER. The coordinators are read once per
batch of people (one query), not per mail."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session

from domain.register.addresses import email_address
from models.tables import Person
from services.outbox.messages import Antwoord

Coordinators = dict[int, list[tuple[int, str, str]]]  # municipality id → (person id, name, address)


def coordinators(session: Session, gemeenten: Iterable[int]) -> Coordinators:
    """The coordinators with an e-mail address of ``gemeenten``, in register order (one query). A
    channel ``env:NAAM`` is never read for it: the Reply-To shows nothing the register hides."""
    out: Coordinators = {}
    ids = sorted(set(gemeenten))
    if not ids:
        return out
    rows = session.execute(select(Person.id, Person.gemeente_id, Person.naam, Person.rollen, Person.kanalen)
                           .where(Person.gemeente_id.in_(ids), Person.gearchiveerd_op.is_(None))  # type: ignore[attr-defined,union-attr]
                           .order_by(Person.id))
    for person_id, gemeente_id, naam, rollen, kanalen in rows:
        if address := reply_address(rollen, kanalen):
            out.setdefault(gemeente_id, []).append((person_id, naam, address))
    return out


def reply_address(rollen: Iterable[str] | None, kanalen: Iterable[str] | None) -> str | None:
    """Where a reply reaches a person: a coordinator's first plain e-mail address among their
    channels (never an ``env:`` channel); None for anyone else, or a coordinator without one."""
    if "coordinator" not in (rollen or ()):
        return None
    return next((a for kanaal in kanalen or () if (a := email_address(kanaal))), None)


def reply_to(found: Coordinators, gemeente_id: int, persoon_id: int) -> Antwoord:
    """Whom a reply to ``persoon_id``'s mail reaches: their municipality's other coordinators, each
    address once."""
    out: dict[str, tuple[str, str]] = {}
    for person_id, naam, address in found.get(gemeente_id, ()):
        if person_id != persoon_id:
            out.setdefault(address.lower(), (naam, address))
    return tuple(out.values())
