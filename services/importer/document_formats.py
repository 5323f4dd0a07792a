"""A document file becomes lines of text, whatever it was: PDF, Word (.docx), a saved web page
or plain text. The reader is chosen by the file's content (its first bytes), not its name.

Every reader gives the same shape: one line per paragraph, heading or list item ("• …"), and a
table row as its cells separated by tabs, which is what the table readers in ``domain`` expect.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class DocumentFout(Exception):
    """A document that cannot be read, with the Dutch sentence that says why and what to do."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


@dataclass
class Bron:
    """The text of a document, which reader read it, and the page of every line (PDF)."""

    tekst: str
    lezer: str
    codering: str
    paginas: list[int] = field(default_factory=list)   # page number per line; empty: no pages
    aantal_paginas: int = 0


def sniff(raw: bytes) -> str:
    """'pdf', 'docx', 'html', 'doc' (old Word), 'zip' (another zip file) or 'tekst'."""
    if raw.startswith(b"%PDF") or raw[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:65536].lower():
        return "html"
    if re.search(rb"<(?:html|head|body)\b", head):
        return "html"
    return "tekst"


def read_document(raw: bytes, *, naam: str, paginas: tuple[int, int] | None = None) -> Bron:
    """The document's lines, read by the reader its content asks for, without control characters
    (PDF text layers carry some, e.g. \\x02 for a soft hyphen; the register refuses them)."""
    bron = _read(raw, naam=naam, paginas=paginas)
    bron.tekst = _CONTROL.sub("", bron.tekst)
    return bron


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufffe\uffff]")


def _read(raw: bytes, *, naam: str, paginas: tuple[int, int] | None) -> Bron:
    kind = sniff(raw)
    if paginas is not None and kind != "pdf":
        raise DocumentFout(f"--paginas geldt alleen voor een PDF; {naam} is geen PDF. Laat --paginas weg.")
    if kind == "pdf":
        from services.importer.document_pdf import read_pdf

        return read_pdf(raw, naam=naam, paginas=paginas)
    if kind == "docx":
        return read_docx(raw, naam=naam)
    if kind == "html":
        return read_html(raw, naam=naam)
    if kind == "doc":
        raise DocumentFout(f"{naam} is een oud Word-bestand (.doc). Sla het in Word op als .docx (of als "
                           "PDF) en importeer dat bestand.")
    if kind == "zip":
        raise DocumentFout(f"{naam} is een zip-bestand maar geen Word-document (.docx). Pak het uit en "
                           "importeer het document zelf.")
    text, codering = decode_document(raw, naam=naam)
    return Bron(tekst=text, lezer=f"platte tekst ({codering})", codering=codering)


def decode_document(raw: bytes, *, naam: str) -> tuple[str, str]:
    """Document text and the encoding it was in; ``ImportFout`` for binary or unreadable bytes."""
    if not raw.strip():
        raise DocumentFout(f"{naam} is leeg. Geef het programmadocument op (PDF, .docx, webpagina of tekst).")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        raise DocumentFout(f"{naam} is geen tekstbestand en ook geen PDF, Word-document (.docx) of "
                           "webpagina (het bevat binaire gegevens). Sla het document op als PDF, .docx of "
                           ".txt en importeer dat bestand.")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentFout(f"{naam} is niet te lezen: het is geen UTF-8 en geen Windows-1252 (ANSI). "
                         "Sla het document op als tekst in UTF-8 en importeer opnieuw.") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > len(text) / 100:
        raise DocumentFout(f"{naam} is geen tekstbestand (het bevat binaire gegevens). Sla het document "
                         "op als platte tekst (.txt) en importeer dat bestand.")
    return text, "Windows-1252"



# Python's re keeps a frame per repetition of a group: "(?:\.\d+)*" over a line of 4 MB of "1."
# took 286 MB (the fuzz bench's most memory), so every repeated group on a whole line is bounded.
_LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+){0,9}|[a-z])[.)]\s")
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
                lines.append(text if _LIST_NUMBER.match(text) else f"• {text}")
            else:
                lines.append(text)
        elif isinstance(block, Table):
            rows = [[_cell_text(cell._tc) for cell in row.cells] for row in block.rows]
            lines.extend(["", *_table_rows(rows), ""])
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


def _table_rows(rows: list[list[str]]) -> list[str]:
    """Rows as tab-separated cells; merged cells (repeated by the reader) once; a one-column table
    (a framed paragraph) as plain lines."""
    out = []
    for cells in rows:
        unique: list[str] = []
        for cell in cells:
            text = re.sub(r"\s+", " ", cell).strip()
            if not unique or text != unique[-1]:
                unique.append(text)
        unique = [c for c in unique if c] or [""]
        out.append("\t".join(unique))
    return out


_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "caption", "blockquote", "pre")


# BeautifulSoup builds ≈ 17,000 elements a second here: a page of half a million (a fuzzed 5 MB
# file) took 30 s. A saved programme page holds a few thousand; beyond this it is refused.
MAX_HTML_ELEMENTEN = 100_000


def _blocks(root: Any) -> Iterator[Any]:
    """The block elements under ``root`` in document order, without those whose text is part of an
    enclosing block (a row inside a row; anything else inside a list item, row, definition, quote,
    heading or paragraph). One walk over the tree: asking each element for its ancestors
    (BeautifulSoup's ``find_parent``) took a third of the time of a page of 40,000 elements, and
    nested blocks each gave their whole text again: 8,000 nested ``<pre>`` (a 56 KB page) made
    64 MB of text in 12 s, 90,000 would have made gigabytes."""
    from bs4 import Tag

    above = (root.find_parent(list(_BLOCKS)) is not None, root.find_parent("tr") is not None)
    stack: list[tuple[Any, bool, bool]] = [(root, *above)]
    while stack:
        element, in_item, in_row = stack.pop()
        name = element.name
        if element is not root and name in _BLOCKS and (not in_row if name == "tr" else not in_item):
            yield element
        if element is not root:
            in_item, in_row = in_item or name in _BLOCKS, in_row or name == "tr"
        children = [c for c in element.contents if isinstance(c, Tag)]
        stack.extend((c, in_item, in_row) for c in reversed(children))


def read_html(raw: bytes, *, naam: str) -> Bron:
    """Headings, paragraphs, list items and table rows of a saved web page, in order."""
    from bs4 import BeautifulSoup, Tag

    if raw.count(b"<") > MAX_HTML_ELEMENTEN:
        raise DocumentFout(
            f"{naam} is een webpagina met meer dan {MAX_HTML_ELEMENTEN:,} HTML-elementen".replace(",", ".")
            + ": zo groot is een opgeslagen programmatekst niet. Geef het PDF- of Word-bestand van het "
            "programma, of sla alleen het deel met het programma op als webpagina.")
    soup = BeautifulSoup(raw, "lxml")
    for junk in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "svg", "template"]):
        junk.decompose()
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    lines: list[str] = []
    for element in _blocks(root):
        if element.name == "tr":
            cells = [c.get_text(" ", strip=True) for c in element.children
                     if isinstance(c, Tag) and c.name in ("td", "th")]
            lines.append(_table_rows([cells])[0])
            continue
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        if element.name.startswith("h"):
            lines.extend(["", text])
        elif element.name == "li":
            lines.append(text if _LIST_NUMBER.match(text) else f"• {text}")
        else:
            lines.append(text)
    if not any(line.strip() for line in lines):
        text = root.get_text("\n", strip=True)
        lines = text.splitlines()
    return Bron(tekst="\n".join(lines), lezer="webpagina (HTML, gelezen met BeautifulSoup en lxml)",
                codering="HTML")
