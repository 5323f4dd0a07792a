"""Measurements (``meting``) of an activity's indicators: from the check-in form or typed by hand
with ``regie meting``. One value per indicator and date; every new or changed value is one
history row (``wijziging``), in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from sqlalchemy import false
from sqlmodel import Session, select

from domain.documents.getal_invoer import GeenGetal, getal_deel, lees_getal, lees_meting
from domain.melding import bedoelt_u
from models.tables import Activity, Indicator, Measurement, Programme
from services.checkins.progress import Ongeldig
from services.register.history import HistoryLog
from services.register.municipalities import in_several, municipalities
from services.rendering import datum as in_woorden

_GRENS = Decimal("1e12")  # the column holds 14 digits, 2 after the comma


def parse_waarde(text: str, indicator: tuple[str, str | None] | None = None) -> Decimal:
    """A value as a user types it (domain/documents/getal_invoer.py, the one reading of the CLI, the
    answer page and the Prefect form): 1234, 12,5, 1.234.567 or 12.5; raises ``Ongeldig`` for text that
    is no number or no clear one ("1.250": 1250 or 1,25?), and, with ``indicator`` (its name and unit),
    for a value below 0 where the unit cannot be (a share, a count, an amount)."""
    try:
        return lees_getal(text) if indicator is None else lees_meting(text, naam=indicator[0],
                                                                      eenheid=indicator[1])
    except GeenGetal as fout:
        raise Ongeldig(f"waarde {fout.melding}") from None


def check_waarde(value: Decimal | float, shown: str | None = None) -> Decimal:
    """``value`` as it is stored (2 decimals), or ``Ongeldig`` when it cannot be a measurement."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) >= _GRENS:
        raise Ongeldig(f"waarde '{shown if shown is not None else value}' kan geen meting zijn: vul een "
                       "gewoon getal in (kleiner dan 1.000.000.000.000).")
    number = number.quantize(Decimal("0.01"))
    return number.copy_abs() if number.is_zero() else number  # -0.0 from a form is 0, not "-0"


def find_indicator(*, session: Session, verwijzing: str, gemeente: str | None = None,
                   ) -> tuple[Activity | None, Indicator, str]:
    """An active indicator by 'activiteit/indicator', 'programma-N/indicator' (a programme's own
    indicator) or just 'indicator' when that is unambiguous; with the name the history gives it."""
    owner, _, key = verwijzing.rpartition("/")
    query = select(Activity, Indicator).join(Indicator, Indicator.activiteit_id == Activity.id).where(  # type: ignore[arg-type]
        Indicator.sleutel == key, Indicator.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    own = select(Programme, Indicator).join(Indicator, Indicator.programma_id == Programme.id).where(  # type: ignore[arg-type]
        Indicator.sleutel == key, Indicator.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Programme.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    number = re.fullmatch(r"programma-(\d{1,6})", owner)
    if owner:
        query = query.where(Activity.sleutel == owner)
        own = own.where(Programme.nummer == int(number.group(1))) if number else own.where(false())
    if gemeente:
        ids = [m.id for m in municipalities(session=session, gemeente=gemeente)]  # any case; unknown: refused
        query = query.where(Activity.gemeente_id.in_(ids))  # type: ignore[attr-defined]
        own = own.where(Programme.gemeente_id.in_(ids))  # type: ignore[attr-defined]
    places: list[int | None] = []  # the municipality of each found
    found: list[tuple[Activity | None, Indicator, str]] = []
    for a, i in session.exec(query):
        found.append((a, i, f"{a.sleutel}/{i.sleutel}"))
        places.append(a.gemeente_id)
    for p, i in session.exec(own):
        found.append((None, i, f"programma-{p.nummer}/{i.sleutel}"))
        places.append(p.gemeente_id)
    if not found:
        raise Ongeldig(f"indicator '{verwijzing}' bestaat niet.{_nearest(session, verwijzing)} Schrijf "
                       "ACTIVITEIT/INDICATOR met de id's uit het registerbestand (onder 'indicatoren:' bij "
                       "de activiteit), of programma-N/INDICATOR voor een indicator van het programma zelf.")
    if len(found) > 1 and len({label for _, _, label in found}) == 1:  # one id in several municipalities
        raise Ongeldig(f"indicator '{verwijzing}' {in_several(session, places)}")
    if len(found) > 1:
        hint = "" if gemeente else " of geef --gemeente NAAM mee"
        raise Ongeldig(f"indicator '{verwijzing}' komt bij meer dan één activiteit of programma voor. "
                       f"Schrijf ACTIVITEIT/{key} of programma-N/{key}{hint}.")
    return found[0]


def _nearest(session: Session, verwijzing: str) -> str:
    """' Bedoelt u …?' with the nearest reference the register has, else a few it has (or none)."""
    active = Indicator.gearchiveerd_op.is_(None)  # type: ignore[union-attr]
    known = sorted({f"{a.sleutel}/{i.sleutel}" for a, i in session.exec(select(Activity, Indicator).join(
        Indicator, Indicator.activiteit_id == Activity.id).where(  # type: ignore[arg-type]
            active, Activity.gearchiveerd_op.is_(None)))}  # type: ignore[union-attr]
        | {f"programma-{p.nummer}/{i.sleutel}" for p, i in session.exec(select(Programme, Indicator).join(
            Indicator, Indicator.programma_id == Programme.id).where(  # type: ignore[arg-type]
                active, Programme.gearchiveerd_op.is_(None)))})  # type: ignore[union-attr]
    if hint := bedoelt_u(verwijzing, known):
        return hint
    if not known:
        return " Het register heeft nog geen indicatoren."
    return f" Het register kent onder meer {', '.join(known[:3])}."


def record(*, session: Session, activity: Activity | None, indicator: Indicator, datum: dt.date,
           waarde: Decimal, log: HistoryLog, bron: str, periode: str = "", label: str | None = None) -> bool:
    """Record ``waarde`` for ``datum`` (and, for an imported figure, its CBS ``periode``): a second value
    for the same date and period replaces the first, with the old value in the history; False when that
    value was already recorded. ``label`` names a programme's indicator (it has no activity)."""
    existing = session.exec(select(Measurement).where(Measurement.indicator_id == indicator.id,
                                                      Measurement.datum == datum,
                                                      Measurement.periode == periode)).first()
    if existing is not None and existing.waarde == waarde:
        return False
    name = label or f"{activity.sleutel if activity else '?'}/{indicator.sleutel}"
    log.add(onderwerp="indicator", sleutel=name, activiteit_id=activity.id if activity else None,
            onderwerp_id=indicator.id, veld=f"meting {periode or datum.isoformat()}",
            oud=existing.waarde if existing else None, nieuw=waarde)
    if existing is None:
        assert indicator.id is not None
        session.add(Measurement(indicator_id=indicator.id, datum=datum, waarde=waarde, bron=bron,
                                periode=periode))
    else:
        existing.waarde, existing.bron = waarde, bron
        session.add(existing)
    session.flush()
    return True


class Gemeten(NamedTuple):
    """What ``record_by_hand`` recorded: the indicator (its history label, its row), of which activity
    or (a programme's own indicator) programme, the value, and whether it changed anything."""

    label: str
    indicator: Indicator
    activity: Activity | None
    programme: Programme | None
    waarde: Decimal
    veranderd: bool


def record_by_hand(*, session: Session, verwijzing: str, waarde: str, datum: dt.date, door: str,
                   vandaag: dt.date, gemeente: str | None = None) -> Gemeten:
    """``regie meting``: one value typed by hand, with history; raises ``Ongeldig`` (nothing changed)."""
    parse_waarde(getal_deel(waarde))  # a number first; its unit (a sign, a word after it) and below 0
    # are judged by the indicator's unit, once it is found
    if datum > vandaag:
        raise Ongeldig(f"de datum {in_woorden(datum)} ligt in de toekomst. Geef de datum waarop gemeten is "
                       "(vandaag of eerder).")
    activity, indicator, label = find_indicator(session=session, verwijzing=verwijzing, gemeente=gemeente)
    value = parse_waarde(waarde, (indicator.naam, indicator.eenheid))
    programme = None if activity is not None else session.get(Programme, indicator.programma_id)
    gemeente_id = activity.gemeente_id if activity is not None else programme.gemeente_id  # type: ignore[union-attr]
    log = HistoryLog(gemeente_id=gemeente_id, door=door, bron="opdracht")
    changed = record(session=session, activity=activity, indicator=indicator, datum=datum, waarde=value,
                     log=log, bron="opdracht", label=label)
    log.flush(session)
    return Gemeten(label, indicator, activity, programme, value, changed)
