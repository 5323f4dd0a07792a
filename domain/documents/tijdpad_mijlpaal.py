"""What the tijdpad reader gives: a milestone read from text, and all a field says about time. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GelezenMijlpaal:
    """A milestone read from text: interval, kind, recurrence, the exact phrase and its field."""

    soort: str
    omschrijving: str
    vroegst: dt.date | None
    uiterlijk: dt.date | None
    bron: str
    veld: str
    zeker: bool = True
    herhaling: str | None = None
    opmerking: str | None = None
    gereed: dt.date | None = None     # a past event: done on (at the latest) this date


@dataclass
class TijdpadLezing:
    """What a text says about time: milestones, and what it says without a date."""

    mijlpalen: list[GelezenMijlpaal] = field(default_factory=list)
    lopend: bool = False              # ongoing ("Actueel aanbod", "loopt", a past start)
    # The words that say the work itself already runs ("Actueel aanbod", "loopt tot eind 2027"), not a past
    # event that only makes the status lopend ("In 2024 is het plan vastgesteld"): for a later start.
    loopt: str | None = None
    verleden: list[str] = field(default_factory=list)    # past phrases: status, no reminder
    opmerkingen: list[str] = field(default_factory=list)  # Dutch, for the reviewer
    onleesbaar: list[str] = field(default_factory=list)   # phrases that give no date
    gereed: list[GelezenMijlpaal] = field(default_factory=list)  # past events: status, no reminder
    # National events (domain.documents.tijdpad_extern): context, not written as milestones.
    extern: list[GelezenMijlpaal] = field(default_factory=list)
