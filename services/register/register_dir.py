"""What a register directory holds: the names of its files, and the read, checked contents of one
municipality (its people, programme files and meetings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from domain.register.herkomst import ActivityLines
from domain.register.register import PersonenBestand, ProgrammaBestand, Vergadering

PERSONEN = "personen.yaml"
# Files in a municipality directory that are not programme files.
VERGADERINGEN = "vergaderingen.yaml"
NIET_PROGRAMMA = {PERSONEN, VERGADERINGEN}


@dataclass
class ProgrammeFile:
    """A validated programme file and where it came from."""

    path: Path
    inhoud: ProgrammaBestand
    bestand: str = ""  # the path relative to the register folder, as stored with each item
    regels: dict[str, ActivityLines] = field(default_factory=dict)  # activity id → its lines


@dataclass
class MunicipalityRegister:
    """One municipality's validated register."""

    naam: str
    map: Path
    personen: PersonenBestand
    programmas: list[ProgrammeFile] = field(default_factory=list)
    vergaderingen: list[Vergadering] = field(default_factory=list)
    personen_bestand: str = ""
    personen_regels: dict[str, int | None] = field(default_factory=dict)  # person key → line
    gemeente_bestand: str = ""  # the file (as shown) and line that name the municipality
    gemeente_regel: int | None = None

    @property
    def code(self) -> str | None:
        """The CBS municipality code (GMxxxx) the programme files give; checked to agree."""
        return next((p.inhoud.gemeentecode for p in self.programmas if p.inhoud.gemeentecode), None)

