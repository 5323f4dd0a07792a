"""Reading a PDF's text layer, layout-aware, with PDFium (pypdfium2).

Each page's positioned text runs are put back into reading order: two text columns one after the
other (not interleaved), running headers, footers and page numbers removed, words hyphenated at a
line end joined, and table rows kept as rows (cells separated by a tab, as the table readers
expect). A PDF without a text layer (a scan) is refused with a Dutch message.
"""

from __future__ import annotations

import itertools
import re
import time
from collections import Counter
from dataclasses import dataclass

from services.importer.document_text import Bron, DocumentFout

MAX_PAGES = 1_000
MAX_SECONDS = 60.0
_MARGIN = 0.08            # top and bottom share of a page where running headers and footers live
_CELL_GAP = 14.0          # points between two runs on one line that make them two table cells
_PAGE_NUMBER = re.compile(r"^(?:pagina|blz\.?|page)?\s*\d{1,4}(?:\s*(?:van|/|of)\s*\d{1,4})?$", re.I)


@dataclass(frozen=True)
class _Run:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def read_pdf(raw: bytes, *, naam: str, paginas: tuple[int, int] | None = None,
             max_seconds: float = MAX_SECONDS) -> Bron:
    """The text of a PDF, page by page in reading order; ``DocumentFout`` for a scan or a damaged file."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError:
        raise DocumentFout(f"{naam} is geen leesbare PDF (beschadigd of met een wachtwoord beveiligd). "
                           "Sla het document opnieuw op als PDF, of als Word- of tekstbestand.") from None
    try:
        total = len(pdf)
        if total > MAX_PAGES:
            raise DocumentFout(f"{naam} heeft {total} pagina's; de importeur leest er hoogstens {MAX_PAGES}. "
                               "Geef met --paginas het deel met het sociaal domein op, bijvoorbeeld "
                               "--paginas 18-34.")
        first, last = paginas or (1, total)
        if not 1 <= first <= last <= total:
            raise DocumentFout(f"--paginas {first}-{last} valt buiten {naam}, dat {total} pagina's heeft.")
        started = time.monotonic()
        pages: list[tuple[int, list[_Run], float, float]] = []
        for number in range(first, last + 1):
            if time.monotonic() - started > max_seconds:
                raise DocumentFout(f"{naam} lezen duurt langer dan {max_seconds:.0f} seconden (bij pagina "
                                   f"{number}). Beperk het met --paginas tot het sociaal domein.")
            page = pdf[number - 1]
            width, height = page.get_size()
            pages.append((number, _runs(page), width, height))
            page.close()
    finally:
        pdf.close()
    if not any(run.text.strip() for _, runs, _, _ in pages for run in runs):
        raise DocumentFout(f"{naam} heeft geen tekstlaag: het is een scan of bevat alleen afbeeldingen. "
                           "Vraag de gemeente om de digitale PDF of het Word-bestand, of laat de scan eerst "
                           "met tekstherkenning (OCR) omzetten. Er is niets geschreven.")
    running = _running_lines(pages)
    lines: list[str] = []
    page_of: list[int] = []
    for number, runs, width, height in pages:
        for line in _page_lines(runs, width, height, running):
            lines.append(line)
            page_of.append(number)
    lines, page_of = _join_hyphenation(lines, page_of)
    return Bron(tekst="\n".join(lines), lezer="PDF (tekstlaag, gelezen met PDFium)", codering="PDF",
                paginas=page_of, aantal_paginas=total)


def _runs(page: object) -> list[_Run]:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    runs = []
    for index in range(textpage.count_rects()):
        x0, y0, x1, y1 = textpage.get_rect(index)
        text = textpage.get_text_bounded(x0, y0, x1, y1).replace("\r", " ").replace("\n", " ")
        if text.strip():
            runs.append(_Run(x0, y0, x1, y1, text))
    textpage.close()
    return runs


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _in_margin(run: _Run, height: float) -> bool:
    return run.y0 > height * (1 - _MARGIN) or run.y1 < height * _MARGIN


def _running_lines(pages: list[tuple[int, list[_Run], float, float]]) -> set[str]:
    """Texts in the top or bottom margin that recur on many pages (digits ignored)."""
    seen: Counter[str] = Counter()
    for _, runs, _, height in pages:
        seen.update({_key(r.text) for r in runs if _in_margin(r, height)})
    least = max(3, len(pages) // 4)
    return {text for text, count in seen.items() if count >= least}


def _page_lines(runs: list[_Run], width: float, height: float, running: set[str]) -> list[str]:
    body = [r for r in runs if not (_in_margin(r, height) and (
        _key(r.text) in running or _PAGE_NUMBER.match(r.text.strip())))]
    gutter = _gutter(body, width)
    if gutter is None:
        return _lines(body)
    # Full-width runs (titles) stay in place; between them, the left column, then the right one.
    out: list[str] = []
    block: list[_Run] = []
    for run in sorted(body, key=lambda r: -r.y1):
        if run.x0 < gutter < run.x1:
            out.extend(_columns(block, gutter))
            block = []
            out.extend(_lines([run]))
        else:
            block.append(run)
    out.extend(_columns(block, gutter))
    return out


def _columns(block: list[_Run], gutter: float) -> list[str]:
    return _lines([r for r in block if r.x1 <= gutter]) + _lines([r for r in block if r.x0 >= gutter])


def _gutter(runs: list[_Run], width: float) -> float | None:
    """The x in the middle of the widest empty vertical strip between two text columns, or None for
    one column or a table. Columns are told from tables by their width: both sides hold running text."""
    if len(runs) < 12:
        return None
    allowed = max(1, len(runs) // 30)  # a title or a figure may cross the gutter
    empty = [x for x in range(int(width * 0.3), int(width * 0.7), 2)
             if sum(1 for r in runs if r.x0 < x < r.x1) <= allowed]
    if not empty:
        return None
    stretches: list[list[int]] = [[empty[0]]]
    for x in empty[1:]:
        if x - stretches[-1][-1] <= 2:
            stretches[-1].append(x)
        else:
            stretches.append([x])
    widest = max(stretches, key=len)
    x = (widest[0] + widest[-1]) / 2
    left = [r.x1 - r.x0 for r in runs if r.x1 <= x]
    right = [r.x1 - r.x0 for r in runs if r.x0 >= x]
    if len(left) < 5 or len(right) < 5:
        return None
    median = sorted(left)[len(left) // 2], sorted(right)[len(right) // 2]
    return x if min(median) > width * 0.2 else None


def _lines(runs: list[_Run]) -> list[str]:
    """Runs grouped into lines top to bottom; runs far apart on one line become tab-separated cells."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-round(r.y1), r.x0)):
        middle = (run.y0 + run.y1) / 2
        if rows and abs((rows[-1][0].y0 + rows[-1][0].y1) / 2 - middle) <= 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    out = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        text = row[0].text.strip()
        for previous, run in itertools.pairwise(row):
            gap = run.x0 - previous.x1
            text += ("\t" if gap > _CELL_GAP else " ") + run.text.strip()
        out.append(text)
    return out


_SOFT = ("\ufffe", "\u00ad", "\u2010")
_KEEP_HYPHEN = re.compile(r"^(?:en|of|tot|t/m)\b|^[A-Z0-9]")


def _join_hyphenation(lines: list[str], pages: list[int]) -> tuple[list[str], list[int]]:
    """'ontwik-' + 'keling …' becomes 'ontwikkeling …'; 'welzijns-' + 'en zorg' and 'Wmo-' +
    'Voorziening' keep their hyphen."""
    out: list[str] = []
    out_pages: list[int] = []
    for line, page in zip(lines, pages, strict=True):
        line = line.replace("\u00ad", "\ufffe")
        if out and out[-1].endswith(("\ufffe", "-")) and len(out[-1]) > 1 and out[-1][-2].isalpha():
            previous = out[-1][:-1]
            head, _, word = previous.rpartition(" ")
            if line[:1].islower() and not _KEEP_HYPHEN.match(line) and "\t" not in line:
                rest, _, tail = line.partition(" ")
                out[-1] = head if head else word + rest
                line = (word + rest + (" " + tail if tail else "")) if head else tail
                if not line:
                    continue
        out.append(line)
        out_pages.append(page)
    return [line.replace("\ufffe", "-") for line in out], out_pages
