"""Who marked a milestone done and when, in words: for `regie gereed` a second time and for the answer
page when a mail's "Gereed" link names a milestone that is done already."""

from __future__ import annotations

from typing import Any

from services.rendering import datum

__all__ = ["done_by"]


def done_by(session: Any, milestone: Any) -> tuple[str, str | None, Any]:
    """The milestone's done date in words ('20 juli 2020'), the name (from personen.yaml) of who recorded
    it, and when (a UTC timestamp); None and None for a date from the register file."""
    from services.register.history import last_change
    from services.register.municipalities import person_name

    assert milestone.id is not None and milestone.gereed is not None
    change = last_change(session=session, onderwerp="mijlpaal", onderwerp_id=milestone.id, veld="gereed")
    if change is None or change.bron == "laad":
        return datum(milestone.gereed), None, None
    wie = person_name(session=session, sleutel=change.door, gemeente_id=change.gemeente_id)
    return datum(milestone.gereed), wie, change.tijdstip
