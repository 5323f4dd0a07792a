"""Measurements (``meting``) of an activity's indicators: from the check-in form or typed by hand
with ``regie meting``. One value per indicator and date; every new or changed value is one
history row (``wijziging``), in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from models.tables import Activity, Indicator, Measurement, Municipality
from services.history import HistoryLog
from services.progress import Ongeldig

_GRENS = Decimal("1e12")  # the column holds 14 digits, 2 after the comma
_GETAL = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?|-?\d+\.\d+")


def parse_waarde(text: str) -> Decimal:
    """A value as a Dutch user types it: 1234, 12,5, 1.234,5 or 12.5; raises ``Ongeldig``."""
    cleaned = text.strip().replace(" ", "")
    if not _GETAL.fullmatch(cleaned):
        raise Ongeldig(f"waarde '{text}' is geen getal. Schrijf bijvoorbeeld 42, 12,5 of 1.250.")
    if "," in cleaned or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return check_waarde(Decimal(cleaned), text)


def check_waarde(value: Decimal | float, shown: str | None = None) -> Decimal:
    """``value`` as it is stored (2 decimals), or ``Ongeldig`` when it cannot be a measurement."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) >= _GRENS:
        raise Ongeldig(f"waarde '{shown if shown is not None else value}' kan geen meting zijn: vul een "
                       "gewoon getal in (kleiner dan 1.000.000.000.000).")
    return number.quantize(Decimal("0.01"))


def find_indicator(*, session: Session, verwijzing: str, gemeente: str | None = None,
                   ) -> tuple[Activity, Indicator]:
    """An active indicator by 'activiteit/indicator' (or just 'indicator' when that is unambiguous)."""
    activity_key, _, key = verwijzing.rpartition("/")
    query = select(Activity, Indicator).join(Indicator, Indicator.activiteit_id == Activity.id).where(  # type: ignore[arg-type]
        Indicator.sleutel == key, Indicator.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if activity_key:
        query = query.where(Activity.sleutel == activity_key)
    if gemeente:
        query = query.join(Municipality, Municipality.id == Activity.gemeente_id).where(  # type: ignore[arg-type]
            Municipality.naam.ilike(gemeente))  # type: ignore[attr-defined]
    found = list(session.exec(query))
    if not found:
        raise Ongeldig(f"indicator '{verwijzing}' bestaat niet. Schrijf ACTIVITEIT/INDICATOR met de id's uit "
                       "het registerbestand (onder 'indicatoren:' bij de activiteit), bijvoorbeeld "
                       "voortgang-pilot-jeugd-poh-soh/bereik.")
    if len(found) > 1:
        hint = "" if gemeente else " of geef --gemeente NAAM mee"
        raise Ongeldig(f"indicator '{verwijzing}' komt bij meer dan één activiteit voor. Schrijf "
                       f"ACTIVITEIT/{key}{hint}.")
    activity, indicator = found[0]
    return activity, indicator


def record(*, session: Session, activity: Activity, indicator: Indicator, datum: dt.date, waarde: Decimal,
           log: HistoryLog, bron: str) -> bool:
    """Record ``waarde`` for ``datum`` (a second value for the same date replaces the first, with
    the old value in the history); False when that value was already recorded."""
    existing = session.exec(select(Measurement).where(Measurement.indicator_id == indicator.id,
                                                      Measurement.datum == datum)).first()
    if existing is not None and existing.waarde == waarde:
        return False
    log.add(onderwerp="indicator", sleutel=f"{activity.sleutel}/{indicator.sleutel}",
            activiteit_id=activity.id, onderwerp_id=indicator.id, veld=f"meting {datum.isoformat()}",
            oud=existing.waarde if existing else None, nieuw=waarde)
    if existing is None:
        assert indicator.id is not None
        session.add(Measurement(indicator_id=indicator.id, datum=datum, waarde=waarde, bron=bron))
    else:
        existing.waarde, existing.bron = waarde, bron
        session.add(existing)
    session.flush()
    return True


def record_by_hand(*, session: Session, verwijzing: str, waarde: str, datum: dt.date, door: str,
                   vandaag: dt.date, gemeente: str | None = None,
                   ) -> tuple[Activity, Indicator, Decimal, bool]:
    """``regie meting``: one value typed by hand, with history; raises ``Ongeldig`` (nothing changed)."""
    value = parse_waarde(waarde)
    if datum > vandaag:
        raise Ongeldig(f"de datum {datum:%d-%m-%Y} ligt in de toekomst. Geef de datum waarop gemeten is "
                       "(vandaag of eerder).")
    activity, indicator = find_indicator(session=session, verwijzing=verwijzing, gemeente=gemeente)
    log = HistoryLog(gemeente_id=activity.gemeente_id, door=door, bron="opdracht")
    changed = record(session=session, activity=activity, indicator=indicator, datum=datum, waarde=value,
                     log=log, bron="opdracht")
    log.flush(session)
    return activity, indicator, value, changed
