"""`regie indicatoren importeer BESTAND`: figures from a CBS open-data table (domain/reports/cbs.py) recorded
as measurements of the register's indicators, matched by the indicator's national ``code`` and the
municipality's ``gemeentecode``. All or nothing; importing the same file twice adds nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from domain.documents.getal_invoer import buiten_grens
from domain.reports.cbs import ImportFout, ImportFouten, period_end, period_label, read_table
from models.tables import Activity, Indicator, Municipality, Programme
from services.checkins.measurements import record
from services.os_reasons import os_reden
from services.register.history import HistoryLog

MAX_GROOTTE = 50 * 1024 * 1024  # a CBS table for every municipality and ten years is a few MB
_VOLGNUMMER = re.compile(r"_\d+$")  # CBS numbers its measure columns: Bijstandsuitkeringen_1


@dataclass
class ImportResultaat:
    """What an import did."""

    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    kolommen: dict[str, str] = field(default_factory=dict)     # column → indicator code
    genegeerd: list[str] = field(default_factory=list)          # columns no indicator asks for
    gemeenten: set[str] = field(default_factory=set)
    onbekende_gemeenten: set[str] = field(default_factory=set)  # GM codes not in the register
    andere_regios: int = 0
    geweigerd: list[ImportFout] = field(default_factory=list)  # figures the indicator's unit cannot hold


def column_code(column: str, codes: set[str]) -> str | None:
    """The indicator code a CBS column stands for: the column name itself, or without CBS's number
    (``_1``), compared without regard to case."""
    by_lower = {c.lower(): c for c in codes}
    for candidate in (column, _VOLGNUMMER.sub("", column)):
        if candidate in codes:
            return candidate
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def read_cbs_file(pad: Path) -> str:
    """The text of the table at ``pad``; a file that cannot be read (missing, no access, too big, not
    UTF-8) raises ``ImportFouten``. `regie indicatoren importeer` asks this first: a missing file is
    a more basic problem than who records the import."""
    shown = pad.name
    try:
        if pad.stat().st_size > MAX_GROOTTE:
            raise ImportFouten([ImportFout(shown, None, None, f"het bestand is groter dan "
                                           f"{MAX_GROOTTE // 2**20} MB. Download alleen de gemeenten en "
                                           "perioden die u nodig hebt.")])
        text = pad.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFouten([ImportFout(shown, None, None, "het bestand is geen UTF-8-tekst. Sla het op als "
                                       "'CSV UTF-8' of download het opnieuw bij CBS.")]) from None
    except OSError as exc:
        raise ImportFouten([ImportFout(shown, None, None, f"het bestand kan niet gelezen worden "
                                       f"({os_reden(exc)}). Controleer de naam en de map.")]) from None
    return text


def import_cbs(*, session: Session, pad: Path, door: str, vandaag: dt.date) -> ImportResultaat:
    """Import the table at ``pad``; raises ``ImportFouten`` (Dutch, naming file, line and column) and
    then writes nothing. The caller's transaction holds every write."""
    shown, text = pad.name, read_cbs_file(pad)
    indicators = _indicators(session)
    codes = {code for code, _m in indicators}
    header_only = read_table(text.split("\n", 1)[0] + "\n", bestand=shown, vandaag=vandaag)
    result = ImportResultaat()
    for column in header_only.kolommen:
        code = column_code(column, codes)
        if code is None:
            result.genegeerd.append(column)
        else:
            result.kolommen[column] = code
    if not result.kolommen:
        known = ", ".join(sorted(codes)[:10]) or "(geen: geen enkele indicator heeft een code)"
        raise ImportFouten([ImportFout(shown, 1, None, "geen kolom hoort bij een indicator in het register. "
                                       f"De kolommen zijn: {', '.join(header_only.kolommen)[:300]}; de codes "
                                       f"in het register: {known}. Zet bij de indicator 'code: <kolomnaam>' "
                                       "en laad het register opnieuw.")])
    table = read_table(text, bestand=shown, vandaag=vandaag, kolommen=set(result.kolommen))
    result.andere_regios = table.andere_regios
    municipalities = {m.code: m for m in session.exec(select(Municipality).where(
        Municipality.code.is_not(None)))}  # type: ignore[union-attr]
    logs: dict[int, HistoryLog] = {}
    for cijfer in table.cijfers:
        municipality = municipalities.get(cijfer.gemeentecode)
        if municipality is None or municipality.id is None:
            result.onbekende_gemeenten.add(cijfer.gemeentecode)
            continue
        targets = indicators.get((result.kolommen[cijfer.kolom], municipality.id), [])
        if targets:
            result.gemeenten.add(municipality.naam)
        log = logs.setdefault(municipality.id,
                              HistoryLog(gemeente_id=municipality.id, door=door, bron="import"))
        for indicator, activity, label in targets:
            if reden := buiten_grens(cijfer.waarde, indicator.eenheid):  # the rule of regie meting
                result.geweigerd.append(ImportFout(shown, cijfer.regel, cijfer.kolom, (
                    f"{format(cijfer.waarde.normalize(), 'f')} kan niet voor {indicator.naam} "
                    f"({municipality.naam}, {label}), periode {period_label(cijfer.periode)}: {reden}.")))
                continue
            changed_or_new = record(session=session, activity=activity, indicator=indicator,
                                    datum=period_end(cijfer.periode), waarde=cijfer.waarde, log=log,
                                    bron=f"CBS {shown}"[:200], periode=cijfer.periode, label=label)
            if not changed_or_new:
                result.ongewijzigd += 1
            elif log.rows[-1]["oud"] is None:
                result.nieuw += 1
            else:
                result.gewijzigd += 1
    for log in logs.values():
        log.flush(session)
    return result


def _indicators(session: Session) -> dict[tuple[str, int], list[tuple[Indicator, Activity | None, str]]]:
    """Active indicators with a code, by (code, municipality id): with their activity (or none, for a
    programme's own indicator) and the name the history gives them."""
    found: dict[tuple[str, int], list[tuple[Indicator, Activity | None, str]]] = defaultdict(list)
    for indicator, activity in session.exec(
            select(Indicator, Activity).join(Activity, Activity.id == Indicator.activiteit_id)  # type: ignore[arg-type]
            .where(Indicator.code.is_not(None), Indicator.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
                   Activity.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
        found[(indicator.code, activity.gemeente_id)].append(
            (indicator, activity, f"{activity.sleutel}/{indicator.sleutel}"))
    for indicator, programme in session.exec(
            select(Indicator, Programme).join(Programme, Programme.id == Indicator.programma_id)  # type: ignore[arg-type]
            .where(Indicator.code.is_not(None), Indicator.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
                   Programme.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
        found[(indicator.code, programme.gemeente_id)].append(
            (indicator, None, f"programma-{programme.nummer}/{indicator.sleutel}"))
    return found
