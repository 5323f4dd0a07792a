"""Splitting a tijdpad field into items: bullets, " - " between words, numbered and lettered items,
sentences, and items that start with a year; and where brackets are open in an item. Pure."""

from __future__ import annotations

import re

# Split points: bullets, " - " between words, numbered and lettered items, sentence ends, and
# an item that starts with a year ("2019 opstellen … 2019 onderzoek …").
_BULLETS = re.compile(
    r"\s*(?:[•▪●◦·]|(?<=\s)[-–—](?=\s)(?!\s*(?:19|20)\d\d\b)|;\s+)\s*"
    r"|(?:(?<=\s)|^)(?:\d{1,2}[a-z]?[.)](?=\s+[\w(])|[a-z][.)](?=\s+[A-Z(]))"
    r"|(?<=[.!?])\s+(?=[A-Z0-9•(])"
    r"|(?<=[a-z,)])\s+(?=(?:19|20)\d\d:?\s+(?!(?:en|of|tot|t/m|is|was|zijn|in|op|de|het|een|voor|met|"
    r"heeft|hebben|wordt|worden|moet|moeten|zal|zullen|kan|kunnen|mag|mogen)\b)[a-z])"
)


# A year right after a time word belongs to it: "Vóór de zomervakantie 2026 bespreken we …", "Na de kerst
# 2026 start …" is one phrase and its verb, not an item that starts with a year.
_NO_SPLIT_BEFORE_YEAR = re.compile(
    r"(?:\b(?:in|tot|t/m|vanaf|per|voor|vóór|na|sinds|van|op|rond|uiterlijk|eind|einde|begin|"
    r"medio|midden|najaar|voorjaar|zomer|winter|helft|kwartaal|loop|en|of|ingang|met|kalenderjaar|"
    r"begrotingsjaar|jaar|schooljaar|\w*vakantie|\w*reces|kerst(?:mis)?|pasen)|"
    r"\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)|"
    r"\bm\.i\.v\.)\s*$",  # "M.i.v. 2026": an abbreviation, not a sentence end
    re.IGNORECASE,
)


# A capitalised word that is not the first of its sentence: "de Beleidsregels Jeugdhulp 2019 gemeente …".
_NAME_WORD = re.compile(r"(?<=[\w,)] )[A-Z][\w'-]*\s*$")


def in_naam(tekst: str, positie: int) -> bool:
    """Whether a year at ``positie`` of ``tekst`` is part of a name: right after a capitalised word within a
    sentence ("de Beleidsregels Jeugdhulp 2019", "het Uitvoeringsprogramma 2026"), not a date."""
    return _NAME_WORD.search(tekst[max(0, positie - 40):positie]) is not None


def splits_items(tekst: str) -> list[str]:
    """The items of a field: bullets, numbered or lettered items, sentences, year-led items."""
    tekst = re.sub(r"\s+", " ", tekst).strip()
    items: list[str] = []
    position = 0
    for match in _BULLETS.finditer(tekst):
        # Only the few words before the split matter; a slice of the whole text would make long
        # fields quadratic.
        if match.group(0).strip() == "" and (_NO_SPLIT_BEFORE_YEAR.search(
                tekst[max(0, match.start() - 40):match.start()]) or in_naam(tekst, match.start())):
            continue
        piece = tekst[position:match.start()].strip(" ;")
        if piece:
            items.append(piece)
        position = match.end()
    rest = tekst[position:].strip(" ;")
    if rest:
        items.append(rest)
    return [i.strip(" -–•") for i in items if i.strip(" -–•.")]



def bracket_depths(item: str, positions: list[int]) -> list[int]:
    """How many '(' are open before each position: counted on from the previous position, not from
    the start for each (an item of thousands of dates counted its whole text thousands of times)."""
    depths, depth, last = [], 0, 0
    for position in positions:
        if position < last:  # not in order: count from the start
            depth, last = 0, 0
        depth += item.count("(", last, position) - item.count(")", last, position)
        last = position
        depths.append(depth)
    return depths
