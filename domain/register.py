"""The register contract (../shared/register-format.md) as pydantic models.

These models validate what people and the importer write. Names are the contract: they may be
extended, never renamed. Messages for users are made in ``domain.errors``; validators here
raise ``ValueError`` with a Dutch sentence that ends up in that message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Sleutel = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$"),
]
Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ActiviteitStatus = Literal["gepland", "lopend", "afgerond", "vertraagd", "gestopt"]
ActiviteitSoort = Literal["project", "pilot", "regulier", "onderzoek", "subsidie", "overig"]
MijlpaalSoort = Literal[
    "start", "einde", "evaluatie", "besluit", "oplevering", "verantwoording", "rapportage", "overig"
]
Ritme = Literal["maand", "kwartaal", "halfjaar", "jaar", "pc-cyclus", "geen"]
Rol = Literal["regisseur", "coordinator", "mosd", "poho"]
Per = Literal["jaar", "eenmalig", "kwartaal"]

ACTIVITEIT_STATUSSEN: tuple[str, ...] = ActiviteitStatus.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    """Base for register models: unknown keys are errors (typos must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(_Strict):
    """Where a programme file came from."""

    document: Tekst
    documentdatum: dt.date | None = None


class Programma(_Strict):
    """A programme heading: its number, title and regisseur."""

    nummer: int = Field(ge=0)
    titel: Tekst
    regisseur: Sleutel


class Bedrag(_Strict):
    """An amount named in the card, with the phrase it came from."""

    bedrag: Decimal = Field(max_digits=14, decimal_places=2)
    per: Per | None = None
    bron: str | None = None


class Subsidie(_Strict):
    """A grant whose accountability (verantwoording) the service watches."""

    ontvanger: Tekst
    bedrag: Decimal | None = Field(default=None, max_digits=14, decimal_places=2, ge=0)
    periode_eind: dt.date | None = None
    verantwoording_uiterlijk: dt.date | None = None


class Monitoring(_Strict):
    """The activity's monitoring trigger: when progress is due and who reports."""

    ritme: Ritme | None = None
    door: str | None = None
    bron: str | None = None
    zeker: bool = True


class Mijlpaal(_Strict):
    """A dated milestone of an activity: the interval [vroegst, uiterlijk], both inclusive."""

    id: Sleutel
    soort: MijlpaalSoort
    omschrijving: Tekst
    vroegst: dt.date | None = None
    uiterlijk: dt.date | None = None
    herhaling: str | None = None
    bron: str | None = None
    veld: str | None = None
    zeker: bool = True
    gereed: dt.date | None = None

    @field_validator("herhaling")
    @classmethod
    def _rrule_text(cls, value: str | None) -> str | None:
        if value is None:
            return None
        text = value.strip()
        if text.upper().startswith("RRULE:"):
            text = text[6:]
        if "FREQ=" not in text.upper():
            raise ValueError(
                "herhaling moet een RRULE zijn met FREQ=, bijvoorbeeld "
                "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11"
            )
        return text

    @model_validator(mode="after")
    def _interval(self) -> Mijlpaal:
        if self.vroegst and self.uiterlijk and self.vroegst > self.uiterlijk:
            raise ValueError(
                f"vroegst ({self.vroegst.isoformat()}) ligt na uiterlijk "
                f"({self.uiterlijk.isoformat()}); zet vroegst op of vóór uiterlijk"
            )
        return self


class Indicator(_Strict):
    """A measured indicator of an activity (extension of the contract)."""

    id: Sleutel
    naam: Tekst
    eenheid: str | None = None
    streefwaarde: Decimal | None = None


class Activiteit(_Strict):
    """One activity card: a tracked task with milestones, an owner and a monitoring trigger."""

    id: Sleutel
    titel: Tekst
    eigenaar: Sleutel | None = None
    status: ActiviteitStatus = "gepland"
    soort: ActiviteitSoort = "overig"
    velden: dict[str, str | None] = Field(default_factory=dict)
    bedragen: list[Bedrag] = Field(default_factory=list)
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    subsidies: list[Subsidie] = Field(default_factory=list)
    monitoring: Monitoring | None = None
    indicatoren: list[Indicator] = Field(default_factory=list)
    bronregels: tuple[int, int] | None = None
    opmerkingen: list[str] = Field(default_factory=list)

    @field_validator("bronregels")
    @classmethod
    def _line_range(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not 1 <= value[0] <= value[1]:
            raise ValueError("bronregels is [eerste regel, laatste regel], met eerste ≤ laatste")
        return value


class ProgrammaBestand(_Strict):
    """One programme file: ``register/<gemeente>/programma-N.yaml``."""

    gemeente: Tekst
    bron: Bron | None = None
    programma: Programma
    activiteiten: list[Activiteit] = Field(default_factory=list)


class Persoon(_Strict):
    """A role holder; documents never name people, so owners come from this file."""

    sleutel: Sleutel
    naam: Tekst
    rollen: list[Rol] = Field(default_factory=list)
    kanalen: list[str] = Field(default_factory=list)


class Vergadering(_Strict):
    """A meeting that progress reports go to: MOSD (managers) or PoHo (aldermen)."""

    soort: Literal["mosd", "poho"]
    datum: dt.date
    omschrijving: str | None = None


class VergaderingenBestand(_Strict):
    """``vergaderingen.yaml``: the meeting calendar of one municipality (or its region)."""

    vergaderingen: list[Vergadering] = Field(default_factory=list)


class PersonenBestand(_Strict):
    """``personen.yaml``: the people of one municipality."""

    personen: list[Persoon] = Field(default_factory=list)
