"""Who answers for an activity or a programme indicator: its owner (eigenaar), its programme's regisseur,
and the coordinators of its municipality. Anyone else in the register may still record an answer (a
colleague records for someone): the answering commands then say so (docs/progress.md, "Who may
answer"), and the history names who recorded it."""

from __future__ import annotations

from sqlmodel import Session, select

from models.tables import Activity, Person, Programme
from services.register.municipalities import person_name

COORDINATOR = "coordinator"  # the role in personen.yaml (domain.register.register.Rol)


def not_the_owner(*, session: Session, door: str, activity: Activity | None = None,
                  programme: Programme | None = None) -> tuple[str, str] | None:
    """(the name of ``door``, the owner's name) when the person with key ``door`` is neither the owner
    of ``activity`` (or, for a programme's own indicator, ``programme``'s regisseur), nor its programme's
    regisseur, nor a coordinator of its municipality; None when they are one of those. The key is
    looked up in the activity's municipality first, as the answer records it
    (services.checkins.progress.apply), else in any."""
    if activity is not None:
        programme = session.get(Programme, activity.programma_id)
    assert programme is not None, "an activity or a programme"
    owner = activity.eigenaar_id if activity is not None else programme.regisseur_id
    people = list(session.exec(select(Person).where(Person.sleutel == door).order_by(
        Person.gemeente_id != programme.gemeente_id, Person.id)))  # type: ignore[arg-type]
    here = [p for p in people if p.gemeente_id == programme.gemeente_id] or people[:1]
    if not here or any(p.id in (owner, programme.regisseur_id) or COORDINATOR in p.rollen for p in here):
        return None  # a key the register does not hold was refused before (regie/common.door_of)
    eigenaar = session.get(Person, owner)
    return (person_name(session=session, sleutel=door, gemeente_id=programme.gemeente_id),
            eigenaar.naam if eigenaar is not None else "onbekend")
