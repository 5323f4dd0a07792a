"""Writes the coordinator's overview (services/reports/overview.py) as one Excel workbook (openpyxl) or as
one CSV file per sheet. Dutch headers; dates are real date cells (shown DD-MM-JJJJ) in Excel and
Dutch dates in CSV; amounts are numbers in Excel and Dutch numbers (1234,50) in CSV. Text that looks
like a formula (=, +, -, @) is kept as text: a title from the register must never run in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from domain.rules.datum_onzeker import DATUM_ONZEKER_UITLEG
from models.settings import get_settings
from services import written_files
from services.register.exporting import slug
from services.rendering import datum
from services.reports.overview import ActiviteitRegel, Overzicht, build_overview

MAKER = "programmaregie (regie overzicht)"  # the workbook's maker; which files are ours: written_files
STOPLICHT = {"op-koers": "groen (op koers)", "risico": "oranje (risico)", "achter": "rood (achter)",
             "geen-update": "grijs (geen recent antwoord)",
             "geen-koers": "grijs (nog geen koers doorgegeven)"}  # answered recently, never a koers
# "Te laat (dagen)" stood beside "Volgende mijlpaal" and read as that milestone's lateness while it was
# another's (the oldest late one): the late milestone is now named in its own column beside its days.
# The light is the koers of the last answer, while a milestone can be late beside it: "groen (op koers)"
# next to "Te laat (dagen) 1" read as a contradiction (a new user's trial), so the cell says whose word
# the koers is and points to the late milestone's column.
OP_KOERS_MAAR_TE_LAAT = ("groen (op koers volgens het laatste antwoord; toch is een mijlpaal te laat: "
                         "zie Oudste te late mijlpaal)")
# `regie status` shows under "Volgende mijlpaal" the first open milestone, a late one too ("· 83 dagen te
# laat"); this column holds the next one that is not late (the late one has its own column). Under the
# same header a coordinator reading both saw two answers (an empty cell here beside a late milestone
# there), so the header says what it holds.
VOLGENDE = "Volgende mijlpaal (niet te laat)"
# "Eigenaar (regisseur)" read as "the owner, who is the regisseur", but an owner need not be: the column is
# "Eigenaar" (the programme's regisseur only when the activity names no owner; docs/overview.md).
KOPPEN_ACTIVITEITEN = ("Programma", "Activiteit", "Id", "Eigenaar", "Status", "Stoplicht",
                       VOLGENDE, "Datum volgende mijlpaal", "Oudste te late mijlpaal",
                       "Te laat (dagen)", "Budget (€)", "Besteed (€)", "Laatste antwoord op",
                       "Laatste antwoord")
GEEN_BUDGET = "geen budget"  # the budget cell beside spending without a budget
KOPPEN_MIJLPALEN = ("Gemeente", "Programma", "Activiteit", "Mijlpaal", "Id", "Soort", "Eigenaar",
                    "Vroegst", "Uiterlijk", "Te laat (dagen)", "Zeker")
MIJLPALEN_BLAD = "Open mijlpalen"
_TEKST_GRENS = 32_000  # Excel holds at most 32,767 characters in a cell
_FORMULE = re.compile(r"^[=+\-@\t\r]")
_BLAD_VERBODEN = re.compile(r"[\[\]:*?/\\]")


class OverzichtFout(Exception):
    """A Dutch message: the overview was not written (nothing was)."""


OVERSCHRIJF = "of geef --overschrijven om het te vervangen"


def sheets(overview: Overzicht) -> list[tuple[str, str, tuple[str, ...], list[tuple[object, ...]]]]:
    """(sheet name, file stem, headers, rows) per sheet: one per municipality, then the open milestones."""
    result = []
    used: set[str] = set()
    stems: set[str] = set()
    for gemeente, rows in overview.gemeenten.items():
        result.append((_sheet_name(gemeente, used), _unique(f"overzicht-{slug(gemeente)}", stems),
                       KOPPEN_ACTIVITEITEN, [
            (r.programma, r.titel, r.sleutel, r.eigenaar, r.status, _stoplicht(r),
             r.volgende_mijlpaal, r.volgende_datum, r.te_laat_mijlpaal, r.te_laat_dagen, _budget(r),
             r.besteed, r.laatste_antwoord_op, r.laatste_antwoord) for r in rows]))
    result.append((_sheet_name(MIJLPALEN_BLAD, used), _unique("open-mijlpalen", stems), KOPPEN_MIJLPALEN, [
        (m.gemeente, m.programma, m.activiteit, m.omschrijving, m.sleutel, m.soort, m.eigenaar, m.vroegst,
         m.uiterlijk, m.te_laat_dagen, "ja" if m.zeker else f"nee ({DATUM_ONZEKER_UITLEG})")
        for m in overview.mijlpalen]))
    return result


def _stoplicht(row: ActiviteitRegel) -> str:
    """The light in words; "op koers" beside a late milestone says that it is the last answer's word."""
    if row.stoplicht == "op-koers" and row.te_laat_dagen is not None:
        return OP_KOERS_MAAR_TE_LAAT
    return STOPLICHT.get(row.stoplicht, row.stoplicht)


def _budget(row: ActiviteitRegel) -> object:
    """The budget cell: the amount, or "geen budget" beside spending without one (as in the report)."""
    return GEEN_BUDGET if row.budget is None and row.besteed is not None else row.budget


def _sheet_name(name: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique without regard to case."""
    base = _BLAD_VERBODEN.sub("-", name).strip("'") or "Gemeente"
    candidate, n = base[:31], 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base[:31 - len(str(n)) - 1]} {n}"
    used.add(candidate.lower())
    return candidate


def _unique(stem: str, used: set[str]) -> str:
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate


def write_overview(*, session: Session, peildatum: dt.date, formaat: str, uitvoer: Path | None,
                   gemeente: str | None = None, aangemaakt: list[Path] | None = None,
                   overschrijf: bool = False) -> list[Path]:
    """`regie overzicht`: build the overview and write it as xlsx (one file) or csv (a folder of files);
    a folder that did not exist is created and noted in ``aangemaakt``. Raises ``OverzichtFout`` with
    a Dutch message when nothing could be written. An existing file is replaced only when this
    command wrote it and nobody changed it since, or with ``overschrijf``; no other file is touched."""
    if formaat not in ("xlsx", "csv"):
        raise OverzichtFout(f"--formaat '{formaat}' bestaat niet. Kies xlsx (één Excel-bestand) of csv "
                            "(een map met een bestand per blad).")
    overview = build_overview(session=session, peildatum=peildatum, gemeente=gemeente)
    if not overview.gemeenten:
        raise OverzichtFout("Geen gemeente gevonden. Laad eerst een register met: regie laad MAP"
                            + (f" (of controleer de naam '{gemeente}')." if gemeente else ""))
    # One municipality's overview is named after it (the name as in the register, as ASCII), so a
    # coordinator who mails it sends a file that says whose it is; the region's keeps the date alone.
    whose = f"{slug(next(iter(overview.gemeenten)))}-" if gemeente and len(overview.gemeenten) == 1 else ""
    # Without --uitvoer: the project's folder of overviews in the data folder (as `regie rapport` writes
    # beside its archive), not the current folder, where a file of the same name may be someone's own.
    default = get_settings().overzicht_dir / f"overzicht-{whose}{peildatum.isoformat()}"
    nieuw = aangemaakt if uitvoer is not None else None  # the project's own folder is no typo to point out
    if formaat == "csv":
        return write_csv(overview, _folder_for(uitvoer or default, nieuw), overschrijf=overschrijf)
    path = uitvoer or default.with_suffix(".xlsx")
    if path.is_dir():
        path = path / default.with_suffix(".xlsx").name
    elif path.suffix.lower() != ".xlsx":
        raise OverzichtFout(f"--uitvoer '{path}' eindigt niet op .xlsx. Schrijf bijvoorbeeld "
                            f"--uitvoer {path.with_suffix('.xlsx')}, of geef een bestaande map.")
    return [write_xlsx(overview, _folder_for(path, nieuw), overschrijf=overschrijf)]


def _folder_for(path: Path, aangemaakt: list[Path] | None) -> Path:
    """``path``, with the folders it goes in created when missing; the outermost new folder is added
    to ``aangemaakt`` so the command can say so (a typo such as ~/Documnten then shows at once
    instead of leaving a file in a folder nobody looks in)."""
    parent = path.expanduser().absolute().parent
    missing = [p for p in (parent, *parent.parents) if not p.exists()]
    if any(p.exists() and not p.is_dir() for p in (parent, *parent.parents)):
        raise OverzichtFout(f"{parent} is geen map; er is niets geschreven. Controleer --uitvoer.")
    if missing:
        parent.mkdir(parents=True)
        if aangemaakt is not None:
            aangemaakt.append(missing[-1])
    return path


def _text(value: str) -> str:
    return value[:_TEKST_GRENS] + ("…" if len(value) > _TEKST_GRENS else "")


def write_xlsx(overview: Overzicht, path: Path, *, overschrijf: bool = False) -> Path:
    """Write the workbook to ``path``; refuses to replace a file this command did not write (or that
    was changed since) unless ``overschrijf``."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    if path.exists() and not path.is_file():
        raise OverzichtFout(f"{path} is geen gewoon bestand; er is niets geschreven. Kies met --uitvoer "
                            "een andere bestandsnaam.")
    if path.exists() and not overschrijf and not written_files.is_ours(path):
        raise OverzichtFout(f"{path} bestaat al en is niet door 'regie overzicht' gemaakt, of is daarna "
                            "veranderd; er is niets geschreven. Kies met --uitvoer een andere bestandsnaam, "
                            f"verplaats het bestand, {OVERSCHRIJF}.")
    # Write-only mode streams the rows instead of keeping every cell in memory (a region's workbook
    # has hundreds of thousands); it was no slower here (bench/overview_indicators.py).
    workbook = Workbook(write_only=True)
    workbook.properties.creator = MAKER
    workbook.properties.title = f"Overzicht programmaregie per {datum(overview.peildatum)}"
    for name, _stem, headers, rows in sheets(overview):
        sheet = workbook.create_sheet(name)
        widths = [len(h) for h in headers]
        for row in rows:
            for i, v in enumerate(row):
                if isinstance(v, str):
                    widths[i] = max(widths[i], min(len(v), 60))
                elif isinstance(v, dt.date):
                    widths[i] = max(widths[i], 10)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 2
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
        sheet.append(list(headers))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = written_files.temporary_beside(path)
    try:
        workbook.save(temporary)
        temporary.replace(path)  # a reader never sees half a workbook
    finally:
        written_files.discard(temporary)  # only when the save failed: it is in place otherwise
    written_files.remember([path])
    return path


def _xlsx_cell(sheet: Any, value: object) -> object:
    """A value for a write-only row: dates and amounts with a Dutch display format; text that
    openpyxl would take for a formula (it starts with '=') kept as text."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = _text(value)
        if not value.startswith("="):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if isinstance(value, dt.date | Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD-MM-YYYY" if isinstance(value, dt.date) else "#,##0.00"
        return cell
    return value


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    text = _text(str(value))
    return "'" + text if isinstance(value, str) and _FORMULE.match(text) else text


def write_csv(overview: Overzicht, folder: Path, *, overschrijf: bool = False) -> list[Path]:
    """One CSV file per sheet in ``folder`` (separator ';', UTF-8 with BOM, as Dutch Excel reads it).
    Refuses a folder holding files this command did not write (or that were changed since); replaces
    only its own files. With ``overschrijf`` it replaces its files' names and leaves any other alone."""
    planned = [(folder / f"{stem}.csv", headers, rows) for _name, stem, headers, rows in sheets(overview)]
    if folder.exists() and not folder.is_dir():
        raise OverzichtFout(f"{folder} is een bestand, geen map. Geef met --uitvoer een (lege) map op.")
    names = {p.name for p, _h, _r in planned}
    if folder.exists() and not overschrijf:
        others = sorted(p.name for p in folder.iterdir()
                        if p.name not in names or not written_files.is_ours(p))
        if others:
            shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
            raise OverzichtFout(f"{folder} bevat al andere bestanden ({shown}), of bestanden die na het "
                                "vorige overzicht zijn veranderd; er is niets geschreven. Kies met --uitvoer "
                                f"een lege map of een map met alleen een eerder overzicht, {OVERSCHRIJF} "
                                "(andere bestanden blijven staan).")
    if any(p.exists() and not p.is_file() for p, _h, _r in planned):
        raise OverzichtFout(f"{folder} bevat een map met de naam van een overzichtsbestand; er is niets "
                            "geschreven. Kies met --uitvoer een andere map.")
    folder.mkdir(parents=True, exist_ok=True)
    for path, headers, rows in planned:
        temporary = written_files.temporary_beside(path)
        try:
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(headers)
                writer.writerows(_csv_row(row) for row in rows)
            temporary.replace(path)
        finally:
            written_files.discard(temporary)
    written = [p for p, _h, _r in planned]
    written_files.remember(written)
    return written


def _csv_row(row: Iterable[object]) -> list[str]:
    return [_csv_value(v) for v in row]
