"""The one wording of an estimated date (the register's ``zeker: false``: an imported draft guessed the
day, "medio 2021", "tot 12 maart"): the digest mail, the report (HTML, PDF, text part), the coordinator's
artifact, the calendar and `regie status` all say it with these words, so a reader learns one phrase."""

from __future__ import annotations

DATUM_ONZEKER = "datum onzeker"
CONTROLEER = "controleer het register"
# the digest's "[datum onzeker, controleer het register]"
DATUM_ONZEKER_UITLEG = f"{DATUM_ONZEKER}, {CONTROLEER}"


def onzeker_aantal(n: int) -> str:
    """The count of late milestones with an estimated date, as the report's summary says it after its
    count: "waarvan 2 met een onzekere datum"."""
    return f"waarvan {n} met een onzekere datum"
