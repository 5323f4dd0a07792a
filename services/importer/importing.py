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

from domain.documents.begroot_toelichting import koppel_begroot
from domain.documents.concept import concept_register
from domain.documents.documents import lees_document
from domain.documents.programmakeuze import kies_programmas, plaats, programmalijst
from domain.documents.verslag import Verslag
from domain.melding import Melding
from services.importer.document_formats import DocumentFout, read_document
from services.register.exporting import dump_yaml
from services.register.register_files import iter_register

MAX_DOCUMENT = 100 * 1_048_576
# The kind of document and its year, within one line and one sentence: "Programmabegroting 2021",
# "Uitvoeringsprogramma's 2019-2022". Read in the title (the first short lines) and the file name.
_TITLE_YEAR = re.compile(r"\b(begroting|jaarstukken|jaarrekening|jaarverslag|uitvoeringsprogramma\w*|"
                         r"beleidskader|programma)[^\d.!?\n]{0,40}?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?",
                         re.IGNORECASE)
TITLE_WORDS = 15  # a longer line is text, not a title or heading


class ImportFout(Melding):
    """A problem with the document or the output directory, in Dutch."""


@dataclass
class ImportResultaat:
    """What an import wrote and found."""

    bestanden: list[Path]
    verslag: Verslag
    documentdatum: dt.date
    documentdatum_geschat: bool
    codering: str
    documentdatum_bron: str = ""  # where an estimated date came from: "de titel 'Begroting 2025'"
    # personen.yaml kept because the user filled it in (None: written), with the keys of the new draft
    # that are not in it
    personen_bewaard: list[str] | None = None


def estimate_document_date(text: str, name: str) -> tuple[dt.date, str] | None:
    """A document date from the title (the first lines of the text), else from the file name, with
    where it came from: a budget for YYYY is written in autumn YYYY-1, annual accounts for YYYY in
    spring YYYY+1, a programme for YYYY-ZZZZ in autumn YYYY. None when neither names one: the
    importer never falls back on today's date (that turned past years into 'gereed')."""
    title = [line for line in text.splitlines()[:15] if len(line.split()) <= TITLE_WORDS]
    for source, head in (("de titel", "\n".join(title)),
                         ("de bestandsnaam", re.sub(r"[-_.]+", " ", name))):
        match = _TITLE_YEAR.search(head)
        if match is None:
            continue
        kind, year = match.group(1).lower(), int(match.group(2))
        source = f"{source} '{' '.join(match.group(0).split())}'"
        if kind == "programma" and "begroting" in match.group(0).lower():
            kind = "begroting"  # "Programmabegroting 2021" is a budget, written in autumn 2020
        if kind == "begroting":
            return dt.date(year - 1, 10, 1), source
        if kind in ("jaarstukken", "jaarrekening", "jaarverslag"):
            return dt.date(year + 1, 4, 1), source
        return dt.date(year, 10, 1), source
    return None


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
    overschrijven: bool = False, regio: str | None = None, max_size: int = MAX_DOCUMENT,
    programma: str | None = None, paginas: tuple[int, int] | None = None,
) -> ImportResultaat:
    """Write a draft register for ``document`` to ``uitvoer``; raises ``ImportFout`` and writes
    nothing when the document or the output directory is not usable."""
    if not gemeente.strip():
        raise ImportFout("--gemeente is leeg. Geef de naam van de gemeente, bijvoorbeeld "
                         "--gemeente Bronckhorst.")
    _check_output(uitvoer, overschrijven=overschrijven)
    raw = _read_bounded(document, max_size=max_size)
    try:
        bron = read_document(raw, naam=document.name, paginas=paginas)
    except DocumentFout as fout:
        raise ImportFout(fout.melding) from None
    text = bron.tekst
    estimate = estimate_document_date(text, document.name) if documentdatum is None else None
    lines = text.split("\n")
    keuze = kies_programmas(lines, programma=programma, paginas=bron.paginas or None)
    if keuze is not None:
        if not keuze.programmas:
            found = programmalijst(lines)
            wish = f"'{programma}'" if programma else "over het sociaal domein"
            raise ImportFout(f"In {document.name} staat geen programma {wish}. Gevonden programma's: "
                             f"{'; '.join(found) or 'geen'}. Kies er een met --programma NUMMER.")
        text = "\n".join(keuze.regels)
    parsed = lees_document(text, standaard_titel=_default_title(document.name, gemeente.strip()))
    if not parsed.kaarten:
        raise ImportFout(
            f"In {document.name} staan geen herkenbare activiteiten: geen genummerde resultaten, geen "
            "activiteitenkaarten ('Activiteit … |' met 'Tijdpad …'-regels), geen tabel 'Onderwerp / "
            "Toelichting' en geen thema's met een kop en tekst. Er is niets geschreven. Controleer of dit "
            "een uitvoeringsprogramma of begroting is, of kies met --programma of --paginas het goede deel.")
    geschat, bron_datum = documentdatum is None, ""
    if documentdatum is None:
        if estimate is None:
            raise ImportFout(
                f"In {document.name} is geen documentdatum gevonden: de titel en de bestandsnaam noemen geen "
                "begroting, jaarstukken of programma met een jaar. Zonder documentdatum is niet te zeggen "
                "of 'in 2021' al voorbij is of nog komt. Er is niets geschreven. Geef de datum van het "
                "document op, bijvoorbeeld --documentdatum 2020-10-01 (een begroting voor 2021 is in het "
                "najaar van 2020 geschreven).")
        documentdatum, bron_datum = estimate
    datum = documentdatum
    files, verslag = concept_register(parsed, gemeente=gemeente.strip(), bestandsnaam=document.name,
                                      documentdatum=datum, regio=regio)
    verslag.lezer = bron.lezer
    if keuze is not None:
        verslag.gebruikt = keuze.gebruikt
        activities = [a for data in files.values() for a in data.get("activiteiten", [])]
        unlinked = koppel_begroot(activities, keuze.begroot, plaats(bron.paginas or None))
        verslag.overgeslagen = keuze.overgeslagen + unlinked + verslag.overgeslagen
    elif bron.paginas:
        verslag.gebruikt = [f"pagina's {bron.paginas[0]}–{bron.paginas[-1]} (het hele document)"]
    herkomst = f", geschat uit {bron_datum}" if geschat else ""
    header = (f"Concept, geïmporteerd uit {document.name} (documentdatum {datum:%d-%m-%Y}{herkomst}; "
              f"gelezen als {bron.lezer}).\n# Controleer vooral mijlpalen met 'zeker: false' en de "
              "opmerkingen; vul personen.yaml aan.\n# Laad met: regie laad "
              + str(uitvoer))
    kept = _filled_in_people(uitvoer, files["personen.yaml"])
    written = _write_draft(uitvoer, {name: dump_yaml(_plain(data), header) for name, data in files.items()},
                           keep=("personen.yaml",) if kept is not None else ())
    return ImportResultaat(bestanden=written, verslag=verslag, documentdatum=datum,
                           documentdatum_geschat=geschat, codering=bron.codering,
                           documentdatum_bron=bron_datum, personen_bewaard=kept)


def _filled_in_people(uitvoer: Path, draft: dict[str, Any]) -> list[str] | None:
    """A personen.yaml in ``uitvoer`` that the importer did not write as it is now (the user filled in
    names and channels) is kept: the keys of the new draft's people missing from it; None when there is
    none or it is the importer's own, unchanged (services/written_files.py), and may be replaced."""
    import yaml

    from services.written_files import is_ours

    path = uitvoer / "personen.yaml"
    if not path.is_file() or is_ours(path):
        return None
    try:
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))["personen"]
        present = {str(p.get("sleutel")) for p in listed}
    except Exception:  # unreadable now: kept all the same, and every key named
        present = set()
    return [p["sleutel"] for p in draft["personen"] if p["sleutel"] not in present]


_OURS = re.compile(r"^(?:programma-[\w-]+\.yaml|personen\.yaml)$")


def _check_output(uitvoer: Path, *, overschrijven: bool) -> None:
    """The output folder is new, empty, or (with --overschrijven) holds only files the importer writes."""
    if uitvoer.exists() and not uitvoer.is_dir():
        raise ImportFout(f"{uitvoer} is een bestand, geen map. Geef een (nieuwe) map op voor het register.")
    if not uitvoer.exists():
        return
    present = sorted(p.name for p in uitvoer.iterdir())
    if present and not overschrijven:
        raise ImportFout(f"{uitvoer} bevat al bestanden. Kies een lege map of gebruik --overschrijven.")
    foreign = [name for name in present if not (_OURS.match(name) and (uitvoer / name).is_file())]
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" en {len(foreign) - 5} meer" if len(foreign) > 5 else "")
        raise ImportFout(f"{uitvoer} bevat ook bestanden die de importeur niet schrijft ({shown}). "
                         "--overschrijven vervangt alleen programma-*.yaml en personen.yaml; kies een lege "
                         "map voor het concept. Er is niets geschreven of verwijderd.")


def _read_bounded(document: Path, *, max_size: int) -> bytes:
    """The document's bytes: a regular file, read up to ``max_size`` (a device reports size 0)."""
    if not document.exists():
        raise ImportFout(f"{document} bestaat niet. Controleer het pad van het document.")
    if document.is_dir():
        raise ImportFout(f"{document} is een map. Geef het bestand van het document op.")
    if not document.is_file():
        raise ImportFout(f"{document} is geen gewoon bestand (een apparaat, pipe of socket). Geef het "
                         "documentbestand zelf op.")
    with document.open("rb") as handle:
        raw = handle.read(max_size + 1)
    if len(raw) > max_size:
        raise ImportFout(f"{document.name} is groter dan {max_size / 1_048_576:.0f} MB; zo groot is een "
                         "programmadocument niet. Controleer of dit het goede bestand is, of knip het "
                         "sociaal-domeindeel eruit.")
    return raw


def _write_draft(uitvoer: Path, texts: dict[str, str], keep: tuple[str, ...] = ()) -> list[Path]:
    """Write into a fresh directory beside ``uitvoer`` and check that it loads; then replace only the
    importer's own files in ``uitvoer`` (checked by ``_check_output``), all but ``keep``, and note them
    as the importer's (services/written_files.py)."""
    from services.written_files import remember

    parent = uitvoer.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{uitvoer.name}.nieuw-"))
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8")
        errors: list[Any] = []
        list(iter_register(staging, max_size=MAX_DOCUMENT, errors=errors))
        if errors:
            # A bug in the importer: say what, without naming the staging folder that is gone.
            detail = "; ".join(str(e).replace(str(staging), str(uitvoer)).replace(staging.name, uitvoer.name)
                               for e in errors[:3])
            raise ImportFout(f"Het concept voor {uitvoer} zou niet laden ({detail}). Er is niets "
                             "geschreven. Dit is een fout in de importeur: meld het met het document erbij.")
        uitvoer.mkdir(parents=True, exist_ok=True)
        for old in uitvoer.iterdir():
            if _OURS.match(old.name) and old.is_file() and old.name not in texts:
                old.unlink()  # a programme file of an earlier import of this folder
        for name in texts:
            if name not in keep:
                os.replace(staging / name, uitvoer / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    written = [uitvoer / name for name in texts if name not in keep]
    remember(written)
    return written
