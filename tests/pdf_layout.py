"""Where a tagged PDF (PDF/UA-1, as WeasyPrint writes the report) puts its headings and their content.

The structure tree names every heading, table row, list item, figure and paragraph with the page it
starts on (/Pg), in reading order. A heading "heads" what follows it up to the next heading of its
own level or higher: its first table row with data cells (a header row alone is not content), list
item or figure, and only when there is none of those, its first paragraph. A heading on another
page than that first piece of content is a heading left at a page's foot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


@dataclass(frozen=True)
class Element:
    role: str  # "/H2", "/TR-data", "/TR-header", "/LI", "/Figure", "/P"
    page: int  # 1-based
    text: str  # the heading's or row's text, for the message


def reading_order(pdf: Path) -> list[Element]:
    """Headings, table rows, list items, figures and paragraphs of the PDF's structure tree in order."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    pages = {page.indirect_reference.idnum: number + 1 for number, page in enumerate(reader.pages)}
    texts = _marked_texts(reader)
    found: list[Element] = []

    def page_of(node: Any) -> int | None:
        if "/Pg" in node:
            return pages.get(node.raw_get("/Pg").idnum)
        for child in _children(node):
            if (page := page_of(child)) is not None:
                return page
        return None

    def text_of(node: Any, page: int | None) -> str:
        here = pages.get(node.raw_get("/Pg").idnum, page) if "/Pg" in node else page
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids]
        parts = [texts.get((here, kid), "") if isinstance(kid, int) else text_of(kid.get_object(), here)
                 for kid in kids if kid is not None and (isinstance(kid, int) or hasattr(kid.get_object(), "get"))]
        return " ".join(part for part in parts if part)

    def walk(node: Any) -> None:
        role = str(node.get("/S", ""))
        if role in (*HEADINGS, "/TR", "/LI", "/Figure", "/P"):
            page = page_of(node)
            if page is not None:
                if role == "/TR":
                    cells = {str(child.get("/S")) for child in _children(node)}
                    role = "/TR-data" if "/TD" in cells else "/TR-header"
                found.append(Element(role, page, " ".join(text_of(node, page).split())[:80]))
            if role != "/P":
                return  # a row, item or heading is one piece; paragraphs hold nothing we look for
        for child in _children(node):
            walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    return found


def headings_apart_from_their_content(pdf: Path) -> list[str]:
    """Each heading that starts on another page than the first row, item or figure it heads."""
    order = reading_order(pdf)
    apart = []
    for index, element in enumerate(order):
        if element.role not in HEADINGS:
            continue
        level = int(element.role[2])
        headed: list[Element] = []
        for following in order[index + 1:]:
            if following.role in HEADINGS and int(following.role[2]) <= level:
                break
            headed.append(following)
        content = next((e for e in headed if e.role in ("/TR-data", "/LI", "/Figure")), None) \
            or next((e for e in headed if e.role == "/P"), None)
        if content is not None and content.page != element.page:
            apart.append(f"„{element.text}” op pagina {element.page}, "
                         f"het eerste dat eronder hoort op pagina {content.page}: {content.text}")
    return apart


def _children(node: Any) -> list[Any]:
    kids = node.get("/K")
    if kids is None or isinstance(kids, int):
        return []
    kids = kids if isinstance(kids, list) else [kids]
    return [kid.get_object() for kid in kids if not isinstance(kid, int) and hasattr(kid.get_object(), "get")]


def _marked_texts(reader: Any) -> dict[tuple[int, int], str]:
    """The text of each marked-content sequence: (page, MCID) → text, through pypdf's text visitor."""
    found: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages, start=1):
        marks: list[int | None] = []

        def before(operator: bytes, operands: list[Any], _cm: Any, _tm: Any, marks: list[int | None] = marks) -> None:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else None
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                marks.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                marks.append(None)
            elif operator == b"EMC" and marks:
                marks.pop()

        def text(value: str, *_rest: Any, marks: list[int | None] = marks, number: int = number) -> None:
            mcid = next((m for m in reversed(marks) if m is not None), None)
            if mcid is not None:
                found[(number, mcid)] = found.get((number, mcid), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found
