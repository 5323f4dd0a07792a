"""Importing a programme document: read it in whatever encoding, find its activities, write a
draft register that loads without edits. Nothing is written unless the whole draft is valid."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain.concept import Verslag, concept_register
from domain.documents import lees_document
from domain.errors import RegisterFouten
from models.clock import today
from services.exporting import dump_yaml
from services.register_files import iter_register

MAX_DOCUMENT = 20 * 1_048_576
_TITLE_YEAR = re.compile(r"\b(begroting|jaarstukken|jaarrekening|jaarverslag|uitvoeringsprogramma\w*|"
                         r"beleidskader|programma)\D{0,40}?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?",
                         re.IGNORECASE)


class ImportFout(Exception):
    """A problem with the document or the output directory, in Dutch."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


@dataclass
class ImportResultaat:
    """What an import wrote and found."""

    bestanden: list[Path]
    verslag: Verslag
    documentdatum: dt.date
    documentdatum_geschat: bool
    codering: str


def decode_document(raw: bytes, *, naam: str) -> tuple[str, str]:
    """Document text and the encoding it was in; ``ImportFout`` for binary or unreadable bytes."""
    if not raw.strip():
        raise ImportFout(f"{naam} is leeg. Geef het tekstbestand van het programmadocument op.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw or raw.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFout(f"{naam} is geen tekstbestand (PDF, Word of ander binair bestand). Sla het "
                         "document op als platte tekst (.txt) en importeer dat bestand.")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFout(f"{naam} is niet te lezen: het is geen UTF-8 en geen Windows-1252 (ANSI). "
                         "Sla het document op als tekst in UTF-8 en importeer opnieuw.") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > len(text) / 100:
        raise ImportFout(f"{naam} is geen tekstbestand (het bevat binaire gegevens). Sla het document "
                         "op als platte tekst (.txt) en importeer dat bestand.")
    return text, "Windows-1252"


def guess_document_date(text: str, name: str) -> dt.date | None:
    """A document date from its title: a budget for YYYY is written in autumn YYYY-1, annual
    accounts for YYYY in spring YYYY+1, a programme for YYYY-ZZZZ in autumn YYYY."""
    head = name.replace("-", " ") + "\n" + "\n".join(text.splitlines()[:15])
    match = _TITLE_YEAR.search(head)
    if match is None:
        return None
    kind, year = match.group(1).lower(), int(match.group(2))
    if kind == "begroting":
        return dt.date(year - 1, 10, 1)
    if kind in ("jaarstukken", "jaarrekening", "jaarverslag"):
        return dt.date(year + 1, 4, 1)
    return dt.date(year, 10, 1)


def _default_title(name: str, gemeente: str) -> str:
    words = re.sub(r"[-_]+", " ", Path(name).stem).strip()
    words = re.sub(rf"^{re.escape(gemeente)}\s+", "", words, flags=re.IGNORECASE)
    return (words[:1].upper() + words[1:]) or "Programma"


def _plain(value: Any) -> Any:
    """Register data ready for YAML: amounts as plain numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None or k in ("uiterlijk", "vroegst")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def import_document(
    *, document: Path, gemeente: str, uitvoer: Path, documentdatum: dt.date | None = None,
    overschrijven: bool = False, regio: str = "midden", max_size: int = MAX_DOCUMENT,
) -> ImportResultaat:
    """Write a draft register for ``document`` to ``uitvoer``; raises ``ImportFout`` and writes
    nothing when the document or the output directory is not usable."""
    if not document.exists():
        raise ImportFout(f"{document} bestaat niet. Controleer het pad van het document.")
    if document.is_dir():
        raise ImportFout(f"{document} is een map. Geef het tekstbestand van het document op.")
    if uitvoer.exists() and not uitvoer.is_dir():
        raise ImportFout(f"{uitvoer} is een bestand, geen map. Geef een (nieuwe) map op voor het register.")
    if uitvoer.exists() and any(uitvoer.iterdir()) and not overschrijven:
        raise ImportFout(f"{uitvoer} bevat al bestanden. Kies een lege map of gebruik --overschrijven.")
    if not gemeente.strip():
        raise ImportFout("--gemeente is leeg. Geef de naam van de gemeente, bijvoorbeeld "
                         "--gemeente Bronckhorst.")
    size = document.stat().st_size
    if size > max_size:
        raise ImportFout(f"{document.name} is {size / 1_048_576:.0f} MB; een programmadocument als tekst is "
                         f"hoogstens {max_size / 1_048_576:.0f} MB. Controleer of dit het goede bestand is.")
    text, codering = decode_document(document.read_bytes(), naam=document.name)
    geschat = documentdatum is None
    datum = documentdatum or guess_document_date(text, document.name) or today()
    parsed = lees_document(text, standaard_titel=_default_title(document.name, gemeente.strip()))
    if not parsed.kaarten:
        raise ImportFout(
            f"In {document.name} staan geen herkenbare activiteiten: geen activiteitenkaarten "
            "('Activiteit … |' met 'Tijdpad …'-regels), geen tabel 'Onderwerp / Toelichting' en geen "
            "thema's met een kop en tekst. Er is niets geschreven. Controleer of dit een "
            "uitvoeringsprogramma of begroting is, of zet de activiteiten in dat formaat.")
    files, verslag = concept_register(parsed, gemeente=gemeente.strip(), bestandsnaam=document.name,
                                      documentdatum=datum, regio=regio)
    header = (f"Concept, geïmporteerd uit {document.name} (documentdatum {datum.isoformat()}"
              f"{', geschat' if geschat else ''}).\n# Controleer vooral mijlpalen met 'zeker: false' en "
              "de opmerkingen; vul personen.yaml aan.\n# Laad met: regie laad " + str(uitvoer))
    written = _write_draft(uitvoer, {name: dump_yaml(_plain(data), header) for name, data in files.items()})
    return ImportResultaat(bestanden=written, verslag=verslag, documentdatum=datum,
                           documentdatum_geschat=geschat, codering=codering)


def _write_draft(uitvoer: Path, texts: dict[str, str]) -> list[Path]:
    """Write into a fresh directory beside ``uitvoer``, check that it loads, then swap it in."""
    parent = uitvoer.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{uitvoer.name}.nieuw-"))
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8")
        errors: list[Any] = []
        list(iter_register(staging, max_size=MAX_DOCUMENT, errors=errors))
        if errors:
            raise RegisterFouten(errors)  # a bug in the importer: nothing is written
        old = None
        if uitvoer.exists():
            old = parent / f".{uitvoer.name}.oud-{os.getpid()}"
            uitvoer.rename(old)
        staging.rename(uitvoer)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [uitvoer / name for name in texts]
