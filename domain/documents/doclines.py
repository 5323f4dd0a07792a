"""Lines of a document, cleaned, and the structures the readers produce. Pure."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAGS = re.compile(r"</?(?:p|b|i|u|em|strong|span|div|br|td|tr|th|li|ul|ol|font)\b[^>]*>", re.IGNORECASE)
_EMPHASIS = [(re.compile(r"\*\*(.+?)\*\*"), r"\1"), (re.compile(r"__(.+?)__"), r"\1"),
             (re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])"), r"\1")]
_PAGE_NUMBER = re.compile(r"^(?:pagina\s+|blz\.?\s*|p\.\s*)?\d{1,4}(?:\s*(?:van|/)\s*\d{1,4})?$",
                          re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,9}\.?\s+[A-ZÀ-Ý]")
_BULLET_MARKER = re.compile(r"^-\s*(?:[–•\-—]|\d{1,2}\)|[A-Za-z][.)])?\s*$")


@dataclass
class Kaart:
    """One activity found in a document, with its fields verbatim."""

    titel: str
    velden: dict[str, str]
    regels: tuple[int, int]
    vorm: str                      # kaart | actie | tabel | tekst | resultaat
    opmerkingen: list[str] = field(default_factory=list)
    jaar: int | None = None        # the year of the heading above a numbered result list
    jaar_bron: str | None = None   # that heading, verbatim


@dataclass
class ProgrammaDeel:
    """A programme heading and the activities under it."""

    nummer: int
    titel: str
    regel: int
    kaarten: list[Kaart] = field(default_factory=list)


@dataclass
class Document:
    """What a document holds: programmes, and blocks that look like cards but are not activities."""

    programmas: list[ProgrammaDeel]
    overgeslagen: list[str] = field(default_factory=list)

    @property
    def kaarten(self) -> list[Kaart]:
        """All activities, in document order."""
        return [k for p in self.programmas for k in p.kaarten]


def clean_line(line: str) -> str:
    """A line without HTML tags, entities or markdown emphasis; whitespace normalised."""
    if "<" in line:
        line = _TAGS.sub(" ", line)
    if "&" in line:
        line = html.unescape(line)
    if "*" in line or "__" in line:
        for pattern, repl in _EMPHASIS:
            line = pattern.sub(repl, line)
    line = line.replace("\u00a0", " ").replace("\u200b", "")
    tabs = line.split("\t")
    return "\t".join(re.sub(r"[ \f\v\r]+", " ", t).strip() for t in tabs).strip("\t ") if "\t" in line \
        else re.sub(r"\s+", " ", line).strip()


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, cleaned text); a lone bullet marker ("- –") joins the next line."""
    out: list[tuple[int, str]] = []
    pending: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_line(raw)
        if _PAGE_NUMBER.match(line):
            line = ""  # a page number left in a text copied from a PDF is never a title
        if _BULLET_MARKER.match(line):
            pending = number
            continue
        if pending is not None and line:
            out.append((pending, "• " + line))
            pending = None
            continue
        out.append((number, line))
    return out


def is_heading(line: str) -> bool:
    """A short line that reads as a heading, not a sentence."""
    # A line that starts with a number is a heading only when it is numbered ("3.1 Jeugd", "2. Zorg"):
    # "40.000 voor de buurt" is the tail of a sentence split by a page break.
    return (0 < len(line) <= 80 and len(line.split()) <= 10 and not line.endswith((".", ";", ",", "|"))
            and (line[0].isupper() or bool(_NUMBERED.match(line))) and not line.startswith("•"))


