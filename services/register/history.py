"""The history: every change to the register's data with who, when, what and old → new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from domain.melding import Melding, onbekende_activiteit
from models.tables import Activity, Change
from models.types import utcnow
from services.register.municipalities import in_several, municipalities
from services.secrets import masked_channel

ANSWER_SOURCES = ("antwoord", "opdracht")  # changes people made after the register was loaded


def shown(value: Any) -> str | None:
    """A value as the history shows it."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(abs(value) if value.is_zero() else value, "f")  # never "-0.00"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 500 else text[:499] + "…"


# A stored column as the register file names it (the plan and `regie geschiedenis` show these words);
# a name not listed is the register's own key already (titel, status, uiterlijk, …).
VELD_WOORDEN = {"eigenaar_id": "eigenaar", "programma_id": "programma",
                "monitoring_ritme": "monitoring.ritme", "monitoring_door": "monitoring.door",
                "monitoring_bron": "monitoring.bron", "monitoring_zeker": "monitoring.zeker",
                "bronregel_van": "bronregels", "bronregel_tot": "bronregels",
                "volgorde": "plaats in het bestand", "regisseur_id": "regisseur",
                "bron_document": "bron.document", "bron_documentdatum": "bron.documentdatum"}


def veld_woord(veld: str) -> str:
    """``veld`` in the register's words: 'eigenaar', 'monitoring.ritme', 'bron.document', 'plaats in het
    bestand'; another column that points at a row ('gemeente_id') by the word without '_id'."""
    return VELD_WOORDEN.get(veld) or veld.removesuffix("_id")


def _masked(channels: Any) -> Any:
    if isinstance(channels, list | tuple):
        return [masked_channel(str(c)) for c in channels]
    return channels


@dataclass
class HistoryLog:
    """Collects changes and writes them in one statement."""

    gemeente_id: int
    door: str
    bron: str
    tijdstip: dt.datetime = field(default_factory=utcnow)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, *, onderwerp: str, sleutel: str, activiteit_id: int | None = None,
            onderwerp_id: int | None = None, veld: str | None = None, oud: Any = None, nieuw: Any = None,
            reden: str | None = None) -> None:
        """Note one change; channels are kept with their secrets masked (the history is never
        rewritten, so a token stored here could never be removed)."""
        if veld == "kanalen":
            oud, nieuw = _masked(oud), _masked(nieuw)
        self.rows.append({
            "gemeente_id": self.gemeente_id, "activiteit_id": activiteit_id, "onderwerp": onderwerp,
            "onderwerp_id": onderwerp_id, "sleutel": sleutel[:250], "veld": veld, "oud": shown(oud),
            "nieuw": shown(nieuw), "door": self.door[:120], "bron": self.bron, "reden": reden,
            "tijdstip": self.tijdstip})

    def flush(self, session: Session) -> None:
        """Write what was collected."""
        if self.rows:
            session.execute(insert(Change.__table__), self.rows)  # type: ignore[attr-defined]
            self.rows = []


class GeenActiviteit(Melding):
    """No (single) activity has that key; the message is Dutch."""


def activity_for_history(*, session: Session, sleutel: str, gemeente: str | None = None) -> Activity:
    """The activity with key ``sleutel``, archived ones included: their history stays readable."""
    query = select(Activity)
    if gemeente:  # any case; an unknown name raises NietGevonden naming the known ones
        query = query.where(Activity.gemeente_id.in_(  # type: ignore[attr-defined]
            [m.id for m in municipalities(session=session, gemeente=gemeente)]))
    found = list(session.scalars(query.where(Activity.sleutel == sleutel)))
    if not found:
        known = session.scalars(query.with_only_columns(Activity.sleutel).distinct())  # type: ignore[call-overload]
        raise GeenActiviteit(onbekende_activiteit(sleutel, list(known), archief=True))
    if len(found) > 1:
        raise GeenActiviteit(f"activiteit '{sleutel}' {in_several(session, (a.gemeente_id for a in found))}")
    return found[0]


def history_of(*, session: Session, activiteit_id: int) -> list[Change]:
    """The changes of one activity and its milestones, oldest first."""
    return list(session.scalars(select(Change).where(Change.activiteit_id == activiteit_id)
                                .order_by(Change.tijdstip, Change.id)))  # type: ignore[arg-type]


def answered(*, session: Session, activiteit_id: int) -> dict[tuple[int, str], Change]:
    """The latest change people made to each (milestone id, field) of an activity after loading:
    a reload whose file still holds the value from before that change keeps the answer."""
    latest: dict[tuple[int, str], Change] = {}
    for change in session.scalars(select(Change).where(
            Change.activiteit_id == activiteit_id, Change.onderwerp == "mijlpaal",
            Change.bron.in_(ANSWER_SOURCES)).order_by(Change.tijdstip, Change.id)):  # type: ignore[attr-defined]
        if change.onderwerp_id is not None and change.veld:
            latest[(change.onderwerp_id, change.veld)] = change
    return latest


def dates_set_by_people(*, session: Session) -> set[int]:
    """The milestones whose date a person set last (an answer, `regie verplaats`), not a load: the
    register's words for the date ("Medio 2020") no longer describe it, so the digest and the agenda
    leave them out. A reload that sets the date again makes the words the date's once more."""
    latest: dict[int, str] = {}
    for mid, bron in session.execute(select(Change.onderwerp_id, Change.bron).where(
            Change.onderwerp == "mijlpaal", Change.veld == "uiterlijk",
            Change.onderwerp_id.is_not(None)).order_by(Change.tijdstip, Change.id)):  # type: ignore[union-attr,arg-type]
        latest[mid] = bron
    return {mid for mid, bron in latest.items() if bron in ANSWER_SOURCES}


def last_change(*, session: Session, onderwerp: str, onderwerp_id: int, veld: str) -> Change | None:
    """The latest history row of one field of one subject (such as a milestone's ``gereed``): who set
    the value it holds now, and when; None when no row names that field (a value from the first load)."""
    return session.scalars(select(Change).where(
        Change.onderwerp == onderwerp, Change.onderwerp_id == onderwerp_id, Change.veld == veld)
        .order_by(Change.tijdstip.desc(), Change.id.desc()).limit(1)).first()  # type: ignore[attr-defined,union-attr]
