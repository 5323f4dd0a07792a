"""What every document reader gives: a ``Bron`` (the text, one line per paragraph, heading or list
item "• …", a table row as its cells separated by tabs, which is what the table readers in
``domain`` expect), or a ``DocumentFout`` that says in Dutch why a file cannot be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.melding import Melding


class DocumentFout(Melding):
    """A document that cannot be read, with the Dutch sentence that says why and what to do."""


@dataclass
class Bron:
    """The text of a document, which reader read it, and the page of every line (PDF)."""

    tekst: str
    lezer: str
    codering: str
    paginas: list[int] = field(default_factory=list)   # page number per line; empty: no pages
    aantal_paginas: int = 0


# Python's re keeps a frame per repetition of a group: "(?:\.\d+)*" over a line of 4 MB of "1."
# took 286 MB (the fuzz bench's most memory), so every repeated group on a whole line is bounded.
LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+){0,9}|[a-z])[.)]\s")


def table_rows(rows: list[list[str]]) -> list[str]:
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

