"""A document file becomes lines of text, whatever it was: PDF, Word (.docx), a saved web page
or plain text. The reader is chosen by the file's content (its first bytes), not its name.

Every reader gives the same shape: one line per paragraph, heading or list item ("• …"), and a
table row as its cells separated by tabs, which is what the table readers in ``domain`` expect
(``document_text.Bron``). The readers: ``document_pdf``, ``document_word``, ``document_html``; plain
text is decoded here.
"""

from __future__ import annotations

import io
import re
import zipfile

from services.importer.document_html import read_html
from services.importer.document_text import Bron, DocumentFout
from services.importer.document_word import read_docx

__all__ = ["Bron", "DocumentFout", "decode_document", "read_document", "read_docx", "read_html", "sniff"]


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

