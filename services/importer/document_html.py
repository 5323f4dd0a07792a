"""Reading a saved web page (HTML): its block elements in order, list items and table rows, with a
bound on the number of elements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from services.importer.document_text import LIST_NUMBER, Bron, DocumentFout, table_rows

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
            lines.append(table_rows([cells])[0])
            continue
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        if element.name.startswith("h"):
            lines.extend(["", text])
        elif element.name == "li":
            lines.append(text if LIST_NUMBER.match(text) else f"• {text}")
        else:
            lines.append(text)
    if not any(line.strip() for line in lines):
        text = root.get_text("\n", strip=True)
        lines = text.splitlines()
    return Bron(tekst="\n".join(lines), lezer="webpagina (HTML, gelezen met BeautifulSoup en lxml)",
                codering="HTML")

