"""What people report back: check-ins (the form asked), progress updates and measured values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import foreign_key, json_field, money_field, timestamp_field
from models.types import utcnow


class CheckIn(SQLModel, table=True):
    """A check-in (uitvraag): one regisseur asked for progress in one round, through a flow run
    that waits for their answer on a form. ``formulier`` keeps the form as it was asked."""

    __tablename__ = "uitvraag"
    # A person is asked once per round, however many runs start for them at the same moment.
    __table_args__ = (UniqueConstraint("persoon_id", "ronde", name="uq_uitvraag_persoon_ronde"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    persoon_id: int = foreign_key("persoon.id")
    flow_run_id: str = Field(max_length=64, unique=True)
    ronde: dt.date
    status: str = Field(default="wachtend", max_length=20)  # wachtend | beantwoord | verlopen
    formulier: list[Any] = json_field(list)
    fout: str | None = None
    aangemaakt_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)
    beantwoord_op: dt.datetime | None = timestamp_field(default=None)
    # An answer from the answer page for the waiting run, recorded in the answer's transaction and
    # handed to Prefect afterwards (web/resumer.py): the run input, when it was handed over, and
    # until when the attempt in progress holds it (after a crash it is free again then).
    hervat_invoer: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True),
                                                                                 nullable=True))
    hervat_op: dt.datetime | None = timestamp_field(default=None)
    hervat_bezet_tot: dt.datetime | None = timestamp_field(default=None)
    hervat_pogingen: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class ProgressUpdate(SQLModel, table=True):
    """A progress update (voortgang) from a regisseur; kept as history, never overwritten."""

    __tablename__ = "voortgang"

    id: int | None = Field(default=None, primary_key=True)
    activiteit_id: int = foreign_key("activiteit.id")
    persoon_id: int | None = foreign_key("persoon.id", nullable=True)
    koers: str | None = Field(default=None, max_length=20)  # op-koers | risico | achter
    activiteit_status: str | None = Field(default=None, max_length=20)
    tekst: str | None = None
    besteed: Decimal | None = money_field()
    # The year ``besteed`` is about: spent in that year so far (domain/rules/begroting.py).
    besteed_jaar: int | None = None
    vastgelegd_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)


class Measurement(SQLModel, table=True):
    """One value of an indicator at a date."""

    __tablename__ = "meting"
    # One value per indicator and day; an imported figure is one per period ("" for a value given by
    # hand or in a check-in), so a year and its last quarter, both ending 31 December, can coexist.
    __table_args__ = (
        UniqueConstraint("indicator_id", "datum", "periode", name="uq_meting_indicator_datum_periode"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = foreign_key("indicator.id")
    datum: dt.date
    waarde: Decimal = money_field(nullable=False)
    bron: str | None = None
    # A CBS period (2021JJ00, 2021KW01, 2021MM03) for an imported figure, else "".
    periode: str = Field(default="", max_length=8, sa_column_kwargs={"server_default": ""})
    vastgelegd_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)

