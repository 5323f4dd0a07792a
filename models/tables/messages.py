"""What is sent: reminders and other messages recorded once, their delivery per channel, and the
reports made for a meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.columns import foreign_key, timestamp_field
from models.types import utcnow


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
        # A run's messages for a batch of people (outbox bundles): status and recipient together,
        # so neither all held messages (a region's first check) nor a person's whole history is read.
        Index("ix_herinnering_status_ontvanger", "status", "ontvanger_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    onderwerp: str = Field(max_length=20)  # mijlpaal | activiteit | subsidie | bezorging
    onderwerp_id: int
    regel: str = Field(max_length=40)
    fase: str = Field(max_length=40)
    vervaldatum: dt.date
    ontvanger_id: int = foreign_key("persoon.id")
    gemeente_id: int | None = None
    # What the digest shows, as planned (so a retry days later shows the same item).
    inhoud: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False,
                                                                           server_default="{}"))
    # wachtend | bezig (a run holds it) | verstuurd | mislukt (kept for the next run)
    status: str = Field(default="wachtend", max_length=20)  # indexed with ontvanger_id (above)
    pogingen: int = 0
    mislukte_runs: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    laatste_fout: str | None = None
    geclaimd_door: str | None = Field(default=None, max_length=64)  # the run that is sending it
    geclaimd_op: dt.datetime | None = timestamp_field(default=None)
    # The claim's lease: the living run renews it; once it has passed, the run is taken for dead.
    geclaimd_tot: dt.datetime | None = timestamp_field(default=None)
    aangemaakt_door: str | None = Field(default=None, max_length=64)  # the run that recorded it
    aangemaakt_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)
    verstuurd_op: dt.datetime | None = timestamp_field(default=None)


class Delivery(SQLModel, table=True):
    """A message's delivery on one channel of its recipient: a channel that delivered is never
    sent the same message again; a failing one is retried alone.

    ``kanaal_sleutel`` is a hash of the channel (its URL may hold a token); ``kanaal`` a label
    without secrets.
    """

    __tablename__ = "bezorging"
    __table_args__ = (UniqueConstraint("herinnering_id", "kanaal_sleutel", name="uq_bezorging_eenmalig"),)

    id: int | None = Field(default=None, primary_key=True)
    herinnering_id: int = foreign_key("herinnering.id")
    kanaal_sleutel: str = Field(max_length=40)
    kanaal: str = Field(max_length=300)
    status: str = Field(max_length=20)         # verstuurd | mislukt | opgegeven (bezorg_max_runs)
    pogingen: int = 0
    mislukte_runs: int = 0
    laatste_fout: str | None = None
    verstuurd_door: str | None = Field(default=None, max_length=64, index=True)  # the run that sent it
    verstuurd_op: dt.datetime | None = timestamp_field(default=None)
    bijgewerkt_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)


class BundleDelivery(SQLModel, table=True):
    """One message (a bundle of a person's items: a digest, a check-in request, a report) delivered
    on one channel: one row for all its items, where ``bezorging`` had one per item (125 rows
    written per national digest). ``bezorging`` keeps the failures per item (retried, counted and
    given up per item and channel) and the deliveries from before this table; an item is delivered
    on a channel when either says so.

    ``hoogste_id`` is the highest of ``herinnering_ids``: a row that holds one of a person's held
    items has ``hoogste_id`` at least the lowest held id, so a batch reads only the rows that can
    hold its items, not the person's whole history.
    """

    __tablename__ = "zending"
    __table_args__ = (Index("ix_zending_ontvanger_hoogste", "ontvanger_id", "hoogste_id"),)

    id: int | None = Field(default=None, primary_key=True)
    ontvanger_id: int = foreign_key("persoon.id", index=False)
    kanaal_sleutel: str = Field(max_length=40)
    kanaal: str = Field(max_length=300)
    herinnering_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    hoogste_id: int
    verstuurd_door: str | None = Field(default=None, max_length=64, index=True)  # the run that sent it
    verstuurd_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)


class Report(SQLModel, table=True):
    """A progress report for one MOSD or PoHo meeting: made, archived and sent once."""

    __tablename__ = "rapport"
    __table_args__ = (UniqueConstraint("vergadering_id", name="uq_rapport_eenmalig"),)

    id: int | None = Field(default=None, primary_key=True)
    gemeente_id: int = foreign_key("gemeente.id")
    vergadering_id: int = foreign_key("vergadering.id")
    peildatum: dt.date
    pdf: str                                   # the archived PDF (the HTML sits beside it)
    verstuurd_aan: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False,
                                                                             server_default="[]"))
    status: str = Field(default="wachtend", max_length=20)  # wachtend | verstuurd | mislukt
    pogingen: int = 0
    mislukte_runs: int = 0
    laatste_fout: str | None = None
    aangemaakt_op: dt.datetime = timestamp_field(default_factory=utcnow, nullable=False)
    verstuurd_op: dt.datetime | None = timestamp_field(default=None)

