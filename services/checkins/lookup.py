"""Finding the activity or milestone a regisseur names on the command line or in an answer: by its
id, in one municipality when several have it; a reference that names none (or more than one) raises
``Ongeldig`` with what to write instead."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from domain.melding import Melding, onbekende_activiteit
from domain.mijlpaalverwijzing import bedoelde_mijlpaal
from models.tables import Activity, Milestone
from services.register.municipalities import in_several, municipalities


class Ongeldig(Melding):
    """An answer that cannot be applied, with what to write instead (Dutch)."""


def _in_gemeente(session: Session, query: Any, gemeente: str | None) -> Any:
    """``query`` limited to one municipality (by name, any case); an unknown name: ``NietGevonden``."""
    if not gemeente:
        return query
    return query.where(Activity.gemeente_id.in_(  # type: ignore[attr-defined]
        [m.id for m in municipalities(session=session, gemeente=gemeente)]))


def find_activity(*, session: Session, sleutel: str, gemeente: str | None = None) -> Activity:
    """The active activity with key ``sleutel`` (in ``gemeente`` when several municipalities have it)."""
    query = select(Activity).where(Activity.sleutel == sleutel, Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    found = list(session.exec(_in_gemeente(session, query, gemeente)))
    if not found:
        known = select(Activity.sleutel).where(Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        known = _in_gemeente(session, known, gemeente)
        raise Ongeldig(onbekende_activiteit(sleutel, list(session.exec(known))))
    if len(found) > 1:
        raise Ongeldig(f"activiteit '{sleutel}' {in_several(session, (a.gemeente_id for a in found))}")
    return found[0]


def find_milestone(*, session: Session, verwijzing: str, gemeente: str | None = None,
                   ) -> tuple[Activity, Milestone]:
    """A milestone by 'activiteit/mijlpaal' (or just 'mijlpaal' when that is unambiguous)."""
    activity_key, _, milestone_key = verwijzing.rpartition("/")
    query = select(Activity, Milestone).join(Milestone, Milestone.activiteit_id == Activity.id).where(
        Milestone.sleutel == milestone_key, Milestone.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if activity_key:
        query = query.where(Activity.sleutel == activity_key)
    found = list(session.exec(_in_gemeente(session, query, gemeente)))
    if not found:
        pairs = select(Activity.sleutel, Milestone.sleutel).join(
            Milestone, Milestone.activiteit_id == Activity.id).where(  # type: ignore[arg-type]
            Milestone.gearchiveerd_op.is_(None), Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        known = [(a, m) for a, m in session.exec(_in_gemeente(session, pairs, gemeente))]
        example = f", bijvoorbeeld {known[0][0]}/{known[0][1]}" if known else ""
        raise Ongeldig(f"mijlpaal '{verwijzing}' bestaat niet.{bedoelde_mijlpaal(verwijzing, known)} Schrijf "
                       "ACTIVITEIT/MIJLPAAL met de id's uit het registerbestand (de regels 'id:' van de "
                       f"activiteit en van de mijlpaal){example}.")
    activities = sorted({a.sleutel for a, _ in found})
    if len(found) > 1 and len(activities) == 1:  # one activity id in several municipalities
        raise Ongeldig(f"mijlpaal '{verwijzing}' {in_several(session, (a.gemeente_id for a, _ in found))}")
    if len(found) > 1:
        more = f" (of een van de {len(activities) - 3} andere)" if len(activities) > 3 else ""
        raise Ongeldig(f"mijlpaal '{verwijzing}' komt in meer dan één activiteit voor. Schrijf "
                       f"ACTIVITEIT/{milestone_key}: "
                       f"{' of '.join(f'{a}/{milestone_key}' for a in activities[:3])}{more}.")
    activity, milestone = found[0]
    return activity, milestone
