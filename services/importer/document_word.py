"""Reading a Word document (.docx): paragraphs, list items and table rows in document order,
read from the XML for speed, with a bound on the number of paragraphs."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from services.importer.document_text import LIST_NUMBER, Bron, DocumentFout, table_rows

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*\d|^title$|^titel$", re.IGNORECASE)


# A programme text or a whole budget in Word holds a few thousand paragraphs (table cells included).
# python-docx costs ≈ 0.1 ms per paragraph and table row, several times that with tracemalloc on:
# a fuzzed file of repeated cards (79,000 paragraphs in 40,000 table rows, 185 KB zipped) took
# 8 s to read and 32 s in the fuzz bench. Beyond this it is refused at once, as a web page is.
MAX_WORD_ALINEAS = 20_000


def _word_paragraphs(raw: bytes, limit: int) -> int:
    """How many paragraphs (``<w:p>``) the document part holds, counted while unzipping and only
    up to ``limit + 1``; 0 when the package cannot be opened (python-docx then says so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package, package.open("word/document.xml") as part:
            count, tail = 0, b""
            while count <= limit and (chunk := part.read(1 << 20)):
                block = tail + chunk
                count += block.count(b"<w:p>") + block.count(b"<w:p ")
                tail = block[-5:]
                count -= tail.count(b"<w:p>") + tail.count(b"<w:p ")  # counted again with the next chunk
            return count + tail.count(b"<w:p>") + tail.count(b"<w:p ")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, zlib.error):
        return 0


def read_docx(raw: bytes, *, naam: str) -> Bron:
    """Paragraphs (headings by their style, list items as bullets) and real tables, in order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if _word_paragraphs(raw, MAX_WORD_ALINEAS) > MAX_WORD_ALINEAS:
        grens = f"{MAX_WORD_ALINEAS:,}".replace(",", ".")
        raise DocumentFout(
            f"{naam} is een Word-document met meer dan {grens} alinea's en tabelcellen: zo groot is een "
            "programmatekst niet. Sla alleen het deel met het programma op als apart Word-document en "
            "importeer dat.")
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises several kinds for a damaged package
        raise DocumentFout(f"{naam} is geen leesbaar Word-document (.docx). Open het in Word, sla het "
                           "opnieuw op en importeer het nog eens.") from None
    lines: list[str] = []
    # Style name by style id, looked up once: python-docx finds a paragraph's style by scanning every
    # style of the document (the default one for each unstyled paragraph), ≈ 14 ms a paragraph here:
    # a Word file of 3,000 paragraphs took 43 s to read.
    names: dict[str | None, str] = {}
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = _paragraph_text(block._p).strip()
            if not text:
                lines.append("")
                continue
            style_id = block._p.style
            if style_id not in names:
                found = block.style
                names[style_id] = (found.name if found is not None else "") or ""
            style = names[style_id]
            if _HEADING_STYLE.match(style):
                lines.extend(["", text])
            elif (block._p.pPr is not None and block._p.pPr.numPr is not None) or "list" in style.lower():
                lines.append(text if LIST_NUMBER.match(text) else f"• {text}")
            else:
                lines.append(text)
        elif isinstance(block, Table):
            rows = [[_cell_text(cell._tc) for cell in row.cells] for row in block.rows]
            lines.extend(["", *table_rows(rows), ""])
    return Bron(tekst="\n".join(lines), lezer="Word (.docx, gelezen met python-docx)", codering="DOCX")


# The text of a paragraph and of a table cell as python-docx's ``Paragraph.text`` and ``_Cell.text``
# give it, read from the XML directly:
# python-docx runs an XPath query per paragraph and run (≈ 50 µs a cell), and a Word file of
# 40,000 table rows (a fuzzed one) took 4 s for that alone.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _run_text(run: Any) -> str:
    parts = []
    for element in run:
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}br":
            parts.append("\n" if element.get(f"{_W}type", "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _paragraph_text(paragraph: Any) -> str:
    parts = []
    for element in paragraph:
        if element.tag == f"{_W}r":
            parts.append(_run_text(element))
        elif element.tag == f"{_W}hyperlink":
            parts.extend(_run_text(run) for run in element if run.tag == f"{_W}r")
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    """A ``w:tc`` element's paragraphs, one per line (``_Cell.text``)."""
    return "\n".join(_paragraph_text(p) for p in cell if p.tag == f"{_W}p")

