"""The register contract (../shared/register-format.md) as pydantic models.

These models validate what people and the importer write. Names are the contract: they may be
extended, never renamed. Messages for users are made in ``domain.register.errors``; validators here
raise ``ValueError`` with a Dutch sentence that ends up in that message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from domain.maanden import in_woorden
from domain.register import herhaling as _herhaling
from domain.register.duizendtallen import geen_duizendtalpunt, niet_negatief
from domain.register.jaarcontext import TOTAAL_ZONDER_JAREN
from domain.register.tekstcontrole import EERSTE_JAAR, LAATSTE_JAAR, MULTI_LINE, ONE_LINE, bounded_number

Sleutel = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9-]*$"),
]


def _text(limit: int, *, single_line: bool, required: bool = True) -> StringConstraints:
    """Text of at most ``limit`` characters without control characters (and, for names and titles,
    without line breaks). Checked by pydantic-core's own regex engine: a Python validator per
    string made loading a large register several times slower. ``domain.register.errors`` turns a refusal
    into the Dutch sentence of ``domain.register.tekstcontrole.clean_text``."""
    return StringConstraints(strip_whitespace=required, min_length=1 if required else None, max_length=limit,
                             pattern=ONE_LINE if single_line else MULTI_LINE)


# Lengths follow the database columns where they have one (PostgreSQL enforces them, SQLite does
# not: the same file must load on both) and stay far above what a person writes elsewhere.
Tekst = Annotated[str, _text(10_000, single_line=False)]
Naam = Annotated[str, _text(200, single_line=True)]
Titel = Annotated[str, _text(300, single_line=True)]
GemeenteNaam = Annotated[str, _text(120, single_line=True)]
Kort = Annotated[str, _text(40, single_line=True, required=False)]
Regel = Annotated[str, _text(2_000, single_line=True, required=False)]
# Spaces around a channel ("mailto://kees@zutphen.nl ") are never meant: stored without them.
Kanaal = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000, pattern=ONE_LINE)]
Vrij = Annotated[str, _text(10_000, single_line=False, required=False)]
Lang = Annotated[str, _text(100_000, single_line=False, required=False)]   # a card field from a document
# Bounds as constraints, not a Python validator per date (a register has hundreds of thousands).
Datum = Annotated[dt.date, Field(ge=dt.date(EERSTE_JAAR, 1, 1), le=dt.date(LAATSTE_JAAR, 12, 31))]
Geheel = Annotated[int, Field(ge=0, le=2_147_483_647)]     # PostgreSQL's integer column
Getal = Annotated[Decimal, AfterValidator(bounded_number)]
# Money: "45.000" between quotes is refused as it is unquoted (duizendtallen.py), and never below 0.
Geld = Annotated[Decimal, BeforeValidator(geen_duizendtalpunt), AfterValidator(niet_negatief)]
# A yes/no field: true/false as the contract writes it, or ja/nee as a Dutch user does.
JaNee = Annotated[bool, BeforeValidator(
    lambda v: {"ja": True, "nee": False}.get(v.strip().lower(), v) if isinstance(v, str) else v)]

ActiviteitStatus = Literal["gepland", "lopend", "afgerond", "vertraagd", "gestopt"]
ActiviteitSoort = Literal["project", "pilot", "regulier", "onderzoek", "subsidie", "overig"]
MijlpaalSoort = Literal[
    "start", "einde", "evaluatie", "besluit", "oplevering", "verantwoording", "rapportage", "overig"
]
Ritme = Literal["maand", "kwartaal", "halfjaar", "jaar", "pc-cyclus", "geen"]
Rol = Literal["regisseur", "coordinator", "mosd", "poho", "raad"]
Per = Literal["jaar", "eenmalig", "kwartaal", "totaal"]
Schaal = Literal["gemeente", "per-gemeente", "regio"]
Jaar = Annotated[int, Field(ge=EERSTE_JAAR, le=LAATSTE_JAAR)]
Richting = Literal["hoger-is-beter", "lager-is-beter"]

ACTIVITEIT_STATUSSEN: tuple[str, ...] = ActiviteitStatus.__args__  # type: ignore[attr-defined]
# An activity's status as every page, mail and overview shows it: the register's own word, so that
# "zet status op lopend" and the answer page's "Lopend" name the same thing (the answer page said
# "Loopt" where `regie overzicht` said "lopend").
STATUS_WOORDEN = {"gepland": "gepland", "lopend": "lopend", "vertraagd": "vertraagd", "afgerond": "afgerond",
                  "gestopt": "gestopt"}


class _Strict(BaseModel):
    """Base for register models: unknown keys are errors (typos must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Bron(_Strict):
    """Where a programme file came from."""

    document: Titel
    documentdatum: Datum | None = None


class Programma(_Strict):
    """A programme heading: its number, title and regisseur, and its own indicators (extension)."""

    nummer: int = Field(ge=0, le=999_999)
    titel: Titel
    regisseur: Sleutel
    indicatoren: list[Indicator] = Field(default_factory=list)


class Bedrag(_Strict):
    """An amount named in the card, with the phrase it came from, its period (``per``), scope
    (``schaal``) and years (``jaar``, or ``vanaf``/``tot_en_met``); see domain.rules.begroting. Without
    them an amount means what it did before: part of the activity's whole budget."""

    bedrag: Geld = Field(max_digits=14, decimal_places=2)
    per: Per | None = None
    bron: Vrij | None = None
    schaal: Schaal | None = None
    gemeenten: int | None = Field(default=None, ge=2, le=999)
    ondergrens: Geld | None = Field(default=None, max_digits=14, decimal_places=2)
    jaar: Jaar | None = None
    vanaf: Jaar | None = None
    tot_en_met: Jaar | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Bedrag:
        if self.jaar is not None and (self.vanaf is not None or self.tot_en_met is not None):
            raise ValueError("geef óf jaar (één jaar), óf vanaf en tot_en_met (een reeks jaren), "
                             "niet allebei")
        if self.vanaf is not None and self.tot_en_met is not None and self.vanaf > self.tot_en_met:
            raise ValueError(f"vanaf ({self.vanaf}) ligt na tot_en_met ({self.tot_en_met}); zet het eerste "
                             "jaar bij vanaf en het laatste bij tot_en_met")
        if self.ondergrens is not None and self.ondergrens > self.bedrag:
            raise ValueError(f"ondergrens ({self.ondergrens}) is hoger dan bedrag ({self.bedrag}); bij een "
                             "bandbreedte is bedrag de bovengrens, bijvoorbeeld ondergrens: 10000 en "
                             "bedrag: 15000")
        if self.gemeenten is not None and self.schaal != "regio":
            raise ValueError("gemeenten (het aantal gemeenten) hoort alleen bij schaal: regio; zet schaal: "
                             "regio erbij of haal gemeenten weg")
        if self.per == "totaal" and self.jaar is None and self.vanaf is None and self.tot_en_met is None:
            # The example years come from the file (domain.register.jaarcontext.totaal_melding).
            raise ValueError(f"{TOTAAL_ZONDER_JAREN}.")
        return self


class Subsidie(_Strict):
    """A grant whose accountability (verantwoording) the service watches."""

    ontvanger: Titel
    bedrag: Geld | None = Field(default=None, max_digits=14, decimal_places=2)
    periode_eind: Datum | None = None
    verantwoording_uiterlijk: Datum | None = None


class Monitoring(_Strict):
    """The activity's monitoring trigger: when progress is due and who reports."""

    ritme: Ritme | None = None
    door: Regel | None = None
    bron: Vrij | None = None
    zeker: JaNee = True


class Mijlpaal(_Strict):
    """A dated milestone of an activity: the interval [vroegst, uiterlijk], both inclusive."""

    id: Sleutel
    soort: MijlpaalSoort
    omschrijving: Tekst
    vroegst: Datum | None = None
    uiterlijk: Datum | None = None
    herhaling: Regel | None = None
    bron: Vrij | None = None
    veld: Annotated[str, _text(60, single_line=True, required=False)] | None = None
    zeker: JaNee = True
    gereed: Datum | None = None

    @field_validator("herhaling")
    @classmethod
    def _rrule_text(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        # The same start the rules count from (domain.rules.milestones.next_due); vroegst and uiterlijk
        # are declared before herhaling, so they are validated (or missing) by now.
        return _herhaling.check(value, info.data.get("vroegst") or info.data.get("uiterlijk"))

    @model_validator(mode="after")
    def _interval(self) -> Mijlpaal:
        if self.vroegst and self.uiterlijk and self.vroegst > self.uiterlijk:
            raise ValueError(f"vroegst ({in_woorden(self.vroegst)}) ligt na uiterlijk "
                             f"({in_woorden(self.uiterlijk)}). Zet vroegst op of vóór uiterlijk.")
        return self


_INDICATORCODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,59}")
_GEMEENTECODE = re.compile(r"GM\d{4}")


class Indicator(_Strict):
    """A measured indicator of a programme or an activity (extension of the contract); ``code`` is
    the national indicator code (a column of a CBS open-data table) that figures are imported by."""

    id: Sleutel
    naam: Titel
    code: str | None = None
    eenheid: Kort | None = None
    richting: Richting | None = None
    streefwaarde: Getal | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _national_code(cls, value: object) -> object:
        if value is None:
            return None
        text = str(value).strip() if isinstance(value, str | int) else value
        if not isinstance(text, str) or not _INDICATORCODE.fullmatch(text):
            raise ValueError(
                f"indicatorcode {value!r} is geen landelijke code. Schrijf de code zoals de kolom in de "
                "CBS-tabel heet: letters, cijfers, '_', '.' of '-', zonder spaties, hoogstens 60 tekens, "
                "bijvoorbeeld 'JongerenMetJeugdzorgInNatura_1'")
        return text


class Activiteit(_Strict):
    """One activity card: a tracked task with milestones, an owner and a monitoring trigger."""

    id: Sleutel
    titel: Titel
    eigenaar: Sleutel | None = None
    status: ActiviteitStatus = "gepland"
    soort: ActiviteitSoort = "overig"
    velden: dict[Annotated[str, _text(60, single_line=True, required=False)], Lang | None] = Field(
        default_factory=dict)
    bedragen: list[Bedrag] = Field(default_factory=list)
    mijlpalen: list[Mijlpaal] = Field(default_factory=list)
    subsidies: list[Subsidie] = Field(default_factory=list)
    monitoring: Monitoring | None = None
    indicatoren: list[Indicator] = Field(default_factory=list)
    bronregels: tuple[Geheel, Geheel] | None = None
    opmerkingen: list[Vrij] = Field(default_factory=list)

    @field_validator("bronregels")
    @classmethod
    def _line_range(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not 1 <= value[0] <= value[1]:
            raise ValueError("bronregels is [eerste regel, laatste regel], met eerste ≤ laatste")
        return value


class ProgrammaBestand(_Strict):
    """One programme file: ``register/<gemeente>/programma-N.yaml``."""

    gemeente: GemeenteNaam
    gemeentecode: str | None = None    # CBS municipality code (extension), e.g. GM1876
    bron: Bron | None = None
    programma: Programma
    activiteiten: list[Activiteit] = Field(default_factory=list)

    @field_validator("gemeentecode", mode="before")
    @classmethod
    def _municipality_code(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, str) or not _GEMEENTECODE.fullmatch(value.strip()):
            raise ValueError(f"gemeentecode {value!r} is geen CBS-gemeentecode. Schrijf GM gevolgd door "
                             "vier cijfers, bijvoorbeeld GM1876 (Bronckhorst)")
        return value.strip()


class Persoon(_Strict):
    """A role holder; documents never name people, so owners come from this file."""

    sleutel: Sleutel
    naam: Naam
    rollen: list[Rol] = Field(default_factory=list)
    kanalen: list[Kanaal] = Field(default_factory=list)


class Vergadering(_Strict):
    """A meeting that progress reports go to: MOSD (managers), PoHo (aldermen) or the council (raad,
    which gets the public version of the report)."""

    soort: Literal["mosd", "poho", "raad"]
    datum: Datum
    omschrijving: Regel | None = None


class VergaderingenBestand(_Strict):
    """``vergaderingen.yaml``: the meeting calendar of one municipality (or its region)."""

    vergaderingen: list[Vergadering] = Field(default_factory=list)


class PersonenBestand(_Strict):
    """``personen.yaml``: the people of one municipality."""

    personen: list[Persoon] = Field(default_factory=list)
