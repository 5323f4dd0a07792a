"""What a load did: counts per kind, and per municipality what it archives by name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class MunicipalityChanges:
    """What a load does to one municipality: counts per kind, and by name what it archives."""

    naam: str
    actief_voor: int = 0  # activities that were active before the load
    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    programmas_gearchiveerd: list[str] = field(default_factory=list)
    activiteiten_gearchiveerd: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """What a load did, per kind: added (toegevoegd), changed (gewijzigd), archived (gearchiveerd)."""

    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    gemeenten: list[str] = field(default_factory=list)
    mijlpalen_gelezen: int = 0
    per_gemeente: list[MunicipalityChanges] = field(default_factory=list)
    # milestones a file says are not done that stay done: a person marked them (services/register/kept_done)
    blijft_gereed: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when the load changed nothing in the database."""
        return not (self.toegevoegd or self.gewijzigd or self.gearchiveerd)

