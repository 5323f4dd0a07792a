"""The register's tables: municipalities, people, programmes, activities and their milestones,
amounts, subsidies and indicators, meetings, and the history of every change (``Change``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import foreign_key, json_field, money_field, timestamp_field
from models.types import utcnow


class Municipality(SQLModel, table=True):
    """A gemeente: the owner of programmes and people."""

    __tablename__ = "gemeente"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(unique=True, max_length=120)
    code: str | None = Field(default=None, max_length=6, index=True)  # CBS code (GMxxxx), from the register
    aangemaakt_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)


class Person(SQLModel, table=True):
    """A role holder of one municipality, with Apprise notification channels."""

    __tablename__ = "persoon"
    __table_args__ = (UniqueConstraint("gemeente_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    sleutel: str = Field(max_length=120)
    naam: str = Field(max_length=200)
    rollen: list[str] = json_field(list)
    kanalen: list[str] = json_field(list)
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)
    # Personal links to the answer page made before this moment no longer work (`regie link intrekken`).
    links_ingetrokken_op: dt.datetime | None = timestamp_field(default=None)
    # Where the register writes this person (file relative to the register folder, line): for messages.
    herkomst_bestand: str | None = Field(default=None, max_length=300)
    herkomst_regel: int | None = None


class Programme(SQLModel, table=True):
    """An uitvoeringsprogramma with its regisseur; one register file."""

    __tablename__ = "programma"
    __table_args__ = (UniqueConstraint("gemeente_id", "nummer"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    nummer: int
    titel: str = Field(max_length=300)
    regisseur_id: int = foreign_key("persoon.id")
    bron_document: str | None = Field(default=None, max_length=300)
    bron_documentdatum: dt.date | None = None
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)


class ActivityBase(SQLModel):
    """The fields of an activity as the register has them."""

    sleutel: str = Field(max_length=120)
    titel: str
    status: str = Field(default="gepland", max_length=20)
    soort: str = Field(default="overig", max_length=20)
    monitoring_ritme: str | None = Field(default=None, max_length=20)
    monitoring_door: str | None = None
    monitoring_bron: str | None = None
    monitoring_zeker: bool | None = None
    bronregel_van: int | None = None
    bronregel_tot: int | None = None


class Activity(ActivityBase, table=True):
    """An activity card: a tracked task. ``inhoud_hash`` lets a reload skip unchanged cards."""

    __tablename__ = "activiteit"
    __table_args__ = (UniqueConstraint("gemeente_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    programma_id: int = foreign_key("programma.id")
    eigenaar_id: int = foreign_key("persoon.id")
    volgorde: int = 0
    velden: dict[str, Any] = json_field(dict)
    opmerkingen: list[str] = json_field(list)
    inhoud_hash: str = Field(max_length=64)
    gewijzigd_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)
    # The register file (relative to the register folder) and line of its id: for messages.
    herkomst_bestand: str | None = Field(default=None, max_length=300)
    herkomst_regel: int | None = None


class MilestoneBase(SQLModel):
    """The fields of a milestone as the register has them."""

    sleutel: str = Field(max_length=120)
    soort: str = Field(max_length=20)
    omschrijving: str
    vroegst: dt.date | None = None
    uiterlijk: dt.date | None = Field(default=None, index=True)
    herhaling: str | None = None
    bron: str | None = None
    veld: str | None = Field(default=None, max_length=60)
    zeker: bool = True
    gereed: dt.date | None = None


class Milestone(MilestoneBase, table=True):
    """A dated milestone of an activity."""

    __tablename__ = "mijlpaal"
    __table_args__ = (UniqueConstraint("activiteit_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = foreign_key("activiteit.id")
    volgorde: int = 0
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)
    # The register file (relative to the register folder) and line of its id: for messages.
    herkomst_bestand: str | None = Field(default=None, max_length=300)
    herkomst_regel: int | None = None


class Amount(SQLModel, table=True):
    """An amount named on the card (kosten/baten)."""

    __tablename__ = "bedrag"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = foreign_key("activiteit.id")
    volgorde: int = 0
    bedrag: Decimal = money_field(nullable=False)
    per: str | None = Field(default=None, max_length=20)  # jaar | eenmalig | kwartaal | totaal
    bron: str | None = None
    schaal: str | None = Field(default=None, max_length=20)  # gemeente | per-gemeente | regio
    gemeenten: int | None = None
    ondergrens: Decimal | None = money_field()
    vanaf: int | None = None       # the years it applies to (both set to the year of `jaar:`)
    tot_en_met: int | None = None


class Subsidy(SQLModel, table=True):
    """A grant whose verantwoording (accountability) is watched."""

    __tablename__ = "subsidie"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = foreign_key("activiteit.id")
    volgorde: int = 0
    ontvanger: str
    bedrag: Decimal | None = money_field()
    periode_eind: dt.date | None = None
    verantwoording_uiterlijk: dt.date | None = None


class Indicator(SQLModel, table=True):
    """An indicator measured for an activity or for a whole programme (exactly one of the two);
    ``code`` is the national indicator code that CBS figures are imported by."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("activiteit_id", "sleutel"),
                      UniqueConstraint("programma_id", "sleutel", name="uq_indicator_programma_sleutel"),
                      CheckConstraint("(activiteit_id IS NULL) <> (programma_id IS NULL)",
                                      name="indicator_van_activiteit_of_programma"))

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int | None = foreign_key("activiteit.id", nullable=True)
    programma_id: int | None = foreign_key("programma.id", nullable=True)
    sleutel: str = Field(max_length=120)
    naam: str
    code: str | None = Field(default=None, max_length=60, index=True)
    eenheid: str | None = Field(default=None, max_length=40)
    richting: str | None = Field(default=None, max_length=20)  # hoger-is-beter | lager-is-beter
    streefwaarde: Decimal | None = money_field()
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)


class Meeting(SQLModel, table=True):
    """A MOSD or PoHo meeting from ``vergaderingen.yaml``; reports and check-ins count back from it."""

    __tablename__ = "vergadering"
    __table_args__ = (UniqueConstraint("gemeente_id", "soort", "datum"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    soort: str = Field(max_length=10)  # mosd | poho | raad
    datum: dt.date
    omschrijving: str | None = None
    gearchiveerd_op: dt.datetime | None = timestamp_field(default=None)


class Change(SQLModel, table=True):
    """One change to the register's data: who, when, what, and old → new (the history).

    Written by loads, imports, answers to check-ins and commands; never updated or deleted, so
    the history survives every reload.
    """

    __tablename__ = "wijziging"

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    activiteit_id: int | None = Field(default=None, index=True)
    onderwerp: str = Field(max_length=20)      # activiteit | mijlpaal | persoon | programma | voortgang
    onderwerp_id: int | None = None
    sleutel: str = Field(max_length=250)       # e.g. voortgang-pilot-jeugd-poh-soh/evaluatie-pilot
    veld: str | None = Field(default=None, max_length=60)
    oud: str | None = None
    nieuw: str | None = None
    door: str = Field(max_length=120)          # a person's key, 'register', or who ran a command
    bron: str = Field(max_length=20)           # laad | antwoord | opdracht
    reden: str | None = None
    tijdstip: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)

