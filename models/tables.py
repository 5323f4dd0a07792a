"""SQLModel tables. Column names follow the register contract (Dutch domain words).

Nothing is ever deleted by a load: rows that disappeared from the register get
``gearchiveerd_op`` so their history stays.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Integer, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import AwareDateTime, utcnow


def _timestamp(**kwargs: Any) -> Any:
    nullable = kwargs.pop("nullable", True)
    return Field(sa_column=Column(AwareDateTime(), nullable=nullable), **kwargs)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey(target, ondelete="RESTRICT"), nullable=nullable, index=index
        ),
    )


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


def _money(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(Numeric(14, 2), nullable=nullable))


class Municipality(SQLModel, table=True):
    """A gemeente: the owner of programmes and people."""

    __tablename__ = "gemeente"

    id: int | None = Field(default=None, primary_key=True)
    naam: str = Field(unique=True, max_length=120)
    code: str | None = Field(default=None, max_length=6, index=True)  # CBS code (GMxxxx), from the register
    aangemaakt_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)


class Person(SQLModel, table=True):
    """A role holder of one municipality, with Apprise notification channels."""

    __tablename__ = "persoon"
    __table_args__ = (UniqueConstraint("gemeente_id", "sleutel"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
    sleutel: str = Field(max_length=120)
    naam: str = Field(max_length=200)
    rollen: list[str] = _json(list)
    kanalen: list[str] = _json(list)
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)
    # Personal links to the answer page made before this moment no longer work (`regie link intrekken`).
    links_ingetrokken_op: dt.datetime | None = _timestamp(default=None)
    # Where the register writes this person (file relative to the register folder, line): for messages.
    herkomst_bestand: str | None = Field(default=None, max_length=300)
    herkomst_regel: int | None = None


class Programme(SQLModel, table=True):
    """An uitvoeringsprogramma with its regisseur; one register file."""

    __tablename__ = "programma"
    __table_args__ = (UniqueConstraint("gemeente_id", "nummer"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
    nummer: int
    titel: str = Field(max_length=300)
    regisseur_id: int = _fk("persoon.id")
    bron_document: str | None = Field(default=None, max_length=300)
    bron_documentdatum: dt.date | None = None
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)


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
    gemeente_id: int = _fk("gemeente.id")
    programma_id: int = _fk("programma.id")
    eigenaar_id: int = _fk("persoon.id")
    volgorde: int = 0
    velden: dict[str, Any] = _json(dict)
    opmerkingen: list[str] = _json(list)
    inhoud_hash: str = Field(max_length=64)
    gewijzigd_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)
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
    activiteit_id: int = _fk("activiteit.id")
    volgorde: int = 0
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)
    # The register file (relative to the register folder) and line of its id: for messages.
    herkomst_bestand: str | None = Field(default=None, max_length=300)
    herkomst_regel: int | None = None


class Amount(SQLModel, table=True):
    """An amount named on the card (kosten/baten)."""

    __tablename__ = "bedrag"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = _fk("activiteit.id")
    volgorde: int = 0
    bedrag: Decimal = _money(nullable=False)
    per: str | None = Field(default=None, max_length=20)  # jaar | eenmalig | kwartaal | totaal
    bron: str | None = None
    schaal: str | None = Field(default=None, max_length=20)  # gemeente | per-gemeente | regio
    gemeenten: int | None = None
    ondergrens: Decimal | None = _money()
    vanaf: int | None = None       # the years it applies to (both set to the year of `jaar:`)
    tot_en_met: int | None = None


class Subsidy(SQLModel, table=True):
    """A grant whose verantwoording (accountability) is watched."""

    __tablename__ = "subsidie"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = _fk("activiteit.id")
    volgorde: int = 0
    ontvanger: str
    bedrag: Decimal | None = _money()
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
    activiteit_id: int | None = _fk("activiteit.id", nullable=True)
    programma_id: int | None = _fk("programma.id", nullable=True)
    sleutel: str = Field(max_length=120)
    naam: str
    code: str | None = Field(default=None, max_length=60, index=True)
    eenheid: str | None = Field(default=None, max_length=40)
    richting: str | None = Field(default=None, max_length=20)  # hoger-is-beter | lager-is-beter
    streefwaarde: Decimal | None = _money()
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)


class Measurement(SQLModel, table=True):
    """One value of an indicator at a date."""

    __tablename__ = "meting"
    # One value per indicator and day; an imported figure is one per period ("" for a value given by
    # hand or in a check-in), so a year and its last quarter, both ending 31 December, can coexist.
    __table_args__ = (
        UniqueConstraint("indicator_id", "datum", "periode", name="uq_meting_indicator_datum_periode"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = _fk("indicator.id")
    datum: dt.date
    waarde: Decimal = _money(nullable=False)
    bron: str | None = None
    # A CBS period (2021JJ00, 2021KW01, 2021MM03) for an imported figure, else "".
    periode: str = Field(default="", max_length=8, sa_column_kwargs={"server_default": ""})
    vastgelegd_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)


class ProgressUpdate(SQLModel, table=True):
    """A progress update (voortgang) from a regisseur; kept as history, never overwritten."""

    __tablename__ = "voortgang"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = _fk("activiteit.id")
    persoon_id: int | None = _fk("persoon.id", nullable=True)
    koers: str | None = Field(default=None, max_length=20)  # op-koers | risico | achter
    activiteit_status: str | None = Field(default=None, max_length=20)
    tekst: str | None = None
    besteed: Decimal | None = _money()
    # The year ``besteed`` is about: spent in that year so far (domain/rules/begroting.py).
    besteed_jaar: int | None = None
    vastgelegd_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)


class SentReminder(SQLModel, table=True):
    """A reminder, recorded once per (subject, rule, stage, due date, recipient).

    The unique constraint is what makes "never twice for the same thing" hold even when two
    daily checks run at the same moment.
    """

    __tablename__ = "herinnering"
    __table_args__ = (
        UniqueConstraint(
            "onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id",
            name="uq_herinnering_eenmalig",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    onderwerp: str = Field(max_length=20)  # mijlpaal | activiteit | subsidie | bezorging
    onderwerp_id: int
    regel: str = Field(max_length=40)
    fase: str = Field(max_length=40)
    vervaldatum: dt.date
    ontvanger_id: int = _fk("persoon.id")
    gemeente_id: int | None = None
    # What the digest shows, as planned (so a retry days later shows the same item).
    inhoud: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False,
                                                                           server_default="{}"))
    # wachtend | bezig (a run holds it) | verstuurd | mislukt (kept for the next run)
    status: str = Field(default="wachtend", max_length=20, index=True)
    pogingen: int = 0
    mislukte_runs: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    laatste_fout: str | None = None
    geclaimd_door: str | None = Field(default=None, max_length=64)  # the run that is sending it
    geclaimd_op: dt.datetime | None = _timestamp(default=None)
    # The claim's lease: the living run renews it; once it has passed, the run is taken for dead.
    geclaimd_tot: dt.datetime | None = _timestamp(default=None)
    aangemaakt_door: str | None = Field(default=None, max_length=64)  # the run that recorded it
    aangemaakt_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)
    verstuurd_op: dt.datetime | None = _timestamp(default=None)


class Delivery(SQLModel, table=True):
    """A message's delivery on one channel of its recipient: a channel that delivered is never
    sent the same message again; a failing one is retried alone.

    ``kanaal_sleutel`` is a hash of the channel (its URL may hold a token); ``kanaal`` a label
    without secrets.
    """

    __tablename__ = "bezorging"
    __table_args__ = (UniqueConstraint("herinnering_id", "kanaal_sleutel", name="uq_bezorging_eenmalig"),)

    id: int | None = Field(default=None, primary_key=True)
    herinnering_id: int = _fk("herinnering.id")
    kanaal_sleutel: str = Field(max_length=40)
    kanaal: str = Field(max_length=300)
    status: str = Field(max_length=20)         # verstuurd | mislukt | opgegeven (bezorg_max_runs)
    pogingen: int = 0
    mislukte_runs: int = 0
    laatste_fout: str | None = None
    verstuurd_door: str | None = Field(default=None, max_length=64, index=True)  # the run that sent it
    verstuurd_op: dt.datetime | None = _timestamp(default=None)
    bijgewerkt_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)


class Change(SQLModel, table=True):
    """One change to the register's data: who, when, what, and old → new (the history).

    Written by loads, imports, answers to check-ins and commands; never updated or deleted, so
    the history survives every reload.
    """

    __tablename__ = "wijziging"

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
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
    tijdstip: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)


class CheckIn(SQLModel, table=True):
    """A check-in (uitvraag): one regisseur asked for progress in one round, through a flow run
    that waits for their answer on a form. ``formulier`` keeps the form as it was asked."""

    __tablename__ = "uitvraag"
    # A person is asked once per round, however many runs start for them at the same moment.
    __table_args__ = (UniqueConstraint("persoon_id", "ronde", name="uq_uitvraag_persoon_ronde"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
    persoon_id: int = _fk("persoon.id")
    flow_run_id: str = Field(max_length=64, unique=True)
    ronde: dt.date
    status: str = Field(default="wachtend", max_length=20)  # wachtend | beantwoord | verlopen
    formulier: list[Any] = _json(list)
    fout: str | None = None
    aangemaakt_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)
    beantwoord_op: dt.datetime | None = _timestamp(default=None)
    # An answer from the answer page for the waiting run, recorded in the answer's transaction and
    # handed to Prefect afterwards (web/resumer.py): the run input, when it was handed over, and
    # until when the attempt in progress holds it (after a crash it is free again then).
    hervat_invoer: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True),
                                                                                 nullable=True))
    hervat_op: dt.datetime | None = _timestamp(default=None)
    hervat_bezet_tot: dt.datetime | None = _timestamp(default=None)
    hervat_pogingen: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class Meeting(SQLModel, table=True):
    """A MOSD or PoHo meeting from ``vergaderingen.yaml``; reports and check-ins count back from it."""

    __tablename__ = "vergadering"
    __table_args__ = (UniqueConstraint("gemeente_id", "soort", "datum"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
    soort: str = Field(max_length=10)  # mosd | poho | raad
    datum: dt.date
    omschrijving: str | None = None
    gearchiveerd_op: dt.datetime | None = _timestamp(default=None)


class Report(SQLModel, table=True):
    """A progress report for one MOSD or PoHo meeting: made, archived and sent once."""

    __tablename__ = "rapport"
    __table_args__ = (UniqueConstraint("vergadering_id", name="uq_rapport_eenmalig"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = _fk("gemeente.id")
    vergadering_id: int = _fk("vergadering.id")
    peildatum: dt.date
    pdf: str                                   # the archived PDF (the HTML sits beside it)
    verstuurd_aan: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False,
                                                                             server_default="[]"))
    status: str = Field(default="wachtend", max_length=20)  # wachtend | verstuurd | mislukt
    pogingen: int = 0
    mislukte_runs: int = 0
    laatste_fout: str | None = None
    aangemaakt_op: dt.datetime = _timestamp(default_factory=utcnow, nullable=False)
    verstuurd_op: dt.datetime | None = _timestamp(default=None)
