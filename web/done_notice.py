"""A mail's "Gereed" link for a milestone that is done already (an older mail, or a colleague was
first): the answer page says so near the top, instead of opening without that milestone and no word."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from models.tables import Activity, Milestone
from services.checkins.done_words import done_by

__all__ = ["already_done"]


def already_done(session: Session, person: Any, item: str, programmes: list[Any]) -> str | None:
    """'„Evaluatie pilot” (Voortgang pilot) is al gereed sinds 10 juni 2020 (vastgelegd door NAAM). U hoeft
    hiervoor niets te doen.' for ``item`` (``m<id>``, from the link) when it is a done milestone of an
    activity of ``person``'s; None otherwise (an open milestone is on the page itself)."""
    if not (item.startswith("m") and item[1:].isdigit() and len(item) <= 13):
        return None
    activities = {a.id for p in programmes for a in p.activiteiten}
    if item in {f"m{m.id}" for p in programmes for a in p.activiteiten for m in a.mijlpalen}:
        return None
    milestone = session.get(Milestone, int(item[1:]))
    if milestone is None or milestone.gereed is None:
        return None
    activity = session.get(Activity, milestone.activiteit_id)
    if activity is None or (activity.id not in activities and activity.eigenaar_id != person.id):
        return None  # not the person's: say nothing about it
    dag, wie, _ = done_by(session, milestone)
    door = f" (vastgelegd door {wie})" if wie else " (volgens het registerbestand)"
    # on the page below, with its way to reopen it (web/reopen.py): said, for a done by mistake
    hier = " Was dat een vergissing, dan kunt u hem hieronder heropenen." if activity.id in activities else ""
    return (f"„{milestone.omschrijving}” ({activity.titel}) is al gereed sinds {dag}{door}. "
            f"U hoeft hiervoor niets te doen.{hier}")
