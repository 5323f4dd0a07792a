"""The facts the reminder rules read and the reminders they plan.

Facts and reminders are named tuples: immutable, and four times cheaper to make than frozen
dataclasses; a region's check makes half a million of them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from domain.rules.begroting import BedragFeit, Vergelijking

GEEN_DATUM = dt.date(1970, 1, 1)  # vervaldatum of a reminder that has no date of its own
ACTIEF = ("gepland", "lopend", "vertraagd")


class MijlpaalFeit(NamedTuple):
    """What the rules need of a milestone."""

    id: int
    soort: str
    omschrijving: str
    uiterlijk: dt.date | None
    vroegst: dt.date | None = None
    herhaling: str | None = None
    gereed: dt.date | None = None
    zeker: bool = True
    bron: str | None = None
    sleutel: str = ""                 # read for the status, overview and report (``volledig``)
    herkomst: str | None = None       # file and line it was loaded from (``volledig``)


class SubsidieFeit(NamedTuple):
    """What the rules need of a grant."""

    id: int
    ontvanger: str
    bedrag: Decimal | None
    periode_eind: dt.date | None
    verantwoording_uiterlijk: dt.date | None


class ActiviteitFeit(NamedTuple):
    """What the rules need of an activity, its people and its progress."""

    id: int
    gemeente_id: int
    programma: str
    titel: str
    soort: str
    status: str
    eigenaar_id: int
    regisseur_id: int
    ritme: str | None = None
    door: str | None = None
    laatste_voortgang: dt.date | None = None
    bedragen: tuple[BedragFeit, ...] = ()
    besteed: tuple[tuple[int, Decimal], ...] = ()  # (year, spent in that year), domain/rules/begroting.py
    mijlpalen: tuple[MijlpaalFeit, ...] = ()
    subsidies: tuple[SubsidieFeit, ...] = ()
    sleutel: str = ""
    programma_id: int = 0
    laatste_koers: str | None = None  # the last answer's koers and text (``volledig``)
    laatste_tekst: str | None = None
    laatste_tekst_op: dt.date | None = None  # the day that text was given (a later answer may have none)
    in_register_sinds: dt.date | None = None  # the day it was first loaded (project clock), from the history
    eigenaar_naam: str | None = None  # the owner's naam (personen.yaml): named to whom an escalation goes
    # it has an evaluation milestone, open or done, whatever its date: ``mijlpalen`` may hold only the
    # open ones near the day checked, and a pilot's end asks for an evaluation only without one
    heeft_evaluatie: bool = False


class Herinnering(NamedTuple):
    """One planned reminder: its once-only key, and what the digest shows about it."""

    onderwerp: str        # mijlpaal | activiteit | subsidie
    onderwerp_id: int
    regel: str            # vooraf | te-laat | pilot-einde | pilot-evaluatie | monitoring | stilstand |
    #                       verantwoording | budget
    fase: str
    vervaldatum: dt.date
    ontvanger_id: int
    rol: str              # eigenaar | regisseur | coordinator
    activiteit_id: int
    programma: str
    activiteit: str
    wat: str              # the milestone's omschrijving, the grant's recipient, …
    soort: str = ""
    dagen: int = 0        # days until due (≥ 0) or days late (> 0 with te_laat)
    te_laat: bool = False
    onzeker: bool = False
    vraag_evaluatie: bool = False
    door: str | None = None
    bron: str | None = None
    link: str | None = None
    begroting: Vergelijking | None = None  # the budget rule: which amount was compared with what
    eigenaar: str | None = None  # an escalation (rol regisseur or coordinator): the owner's name, whom to ask
    drempel: int | None = None   # an escalation: the days late from which this role is told (the settings')
    gepland: dt.date | None = None  # stale progress: the day checked that planned it (rules/spreiding.py)
    # a check-in: the meeting whose report the answer is wanted for (its name, its date, the last day to
    # answer in time for the report; services/checkins/asking.py)
    vergadering: tuple[str, dt.date, dt.date] | None = None
    verloopt: dt.date | None = None  # a check-in's reminder: the day the question expires (asking.expires_on)

    @property
    def sleutel(self) -> tuple[str, int, str, str, dt.date, int]:
        """The once-only key."""
        return (self.onderwerp, self.onderwerp_id, self.regel, self.fase, self.vervaldatum, self.ontvanger_id)

