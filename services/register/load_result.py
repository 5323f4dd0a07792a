"""What a load did: counts per kind, and per municipality what it archives by name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from services.outbox.replaced import Aanpassing


@dataclass
class MunicipalityChanges:
    """What a load does to one municipality: counts per kind, and by name what it archives."""

    naam: str
    actief_voor: int = 0  # activities that were active before the load
    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    verwijderd: Counter[str] = field(default_factory=Counter)  # amounts and subsidies: no archive
    programmas_gearchiveerd: list[str] = field(default_factory=list)
    activiteiten_gearchiveerd: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """What a load did, per kind: added (toegevoegd), changed (gewijzigd), archived (gearchiveerd),
    removed (verwijderd)."""

    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    # Removed: what has no archive of its own (an activity's amounts and subsidies); the history keeps it.
    verwijderd: Counter[str] = field(default_factory=Counter)
    gemeenten: list[str] = field(default_factory=list)
    mijlpalen_gelezen: int = 0
    per_gemeente: list[MunicipalityChanges] = field(default_factory=list)
    # Dutch, for after "Let op: ": a folder whose name does not mention its municipality (folder_name.py)
    waarschuwingen: list[str] = field(default_factory=list)
    # milestones a file says are not done that stay done: a person marked them (services/register/kept_done)
    blijft_gereed: list[str] = field(default_factory=list)
    # a date a person gave that the file's other date replaces: who, when, why (register/replaced_answers.py)
    antwoord_vervangen: list[str] = field(default_factory=list)
    # the same, for the message to the person who gave it (queued by load_plan, services/outbox/replaced.py)
    aanpassingen: list[Aanpassing] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when the load changed nothing in the database."""
        return not (self.toegevoegd or self.gewijzigd or self.gearchiveerd or self.verwijderd)

