"""Activity cards: a title row, then ``Label value |`` rows (../shared/domain.md).

Variants handled: title keyword ``Activiteit``/``Activiteiten``/``ACTIVITEIT:`` in any case with
or without colon, lettered or numbered headings (``A. …``), a whole paragraph as title, labels in
any case and order (``Kosten/Baten``, ``TIJDPAD``, ``KOSTEN``), missing fields, stray ``|``
lines, unlabeled rows (added to the field above) and rows without the closing ``|``.
Also actions written as prose (a title line followed by ``Wat gaan we doen:``). Pure.
"""

from __future__ import annotations

import re

from domain.documents.doclines import Kaart, is_heading

# Label (any case) → field name in the register. Longest labels are tried first.
CARD_LABELS = {
    "toelichting": "toelichting", "omschrijving": "toelichting", "beschrijving": "toelichting",
    "wat gaan we daarvoor doen": "wat_gaan_we_doen", "wat gaan we doen": "wat_gaan_we_doen",
    "wat doen we": "wat_gaan_we_doen", "aanpak": "wat_gaan_we_doen",
    "resultaat": "resultaat", "resultaten": "resultaat", "beoogd resultaat": "resultaat",
    "beoogde resultaten": "resultaat", "doel": "doel", "doelen": "doel", "doelstelling": "doel",
    "tijdpad": "tijdpad", "tijdsplanning": "tijdpad", "planning": "tijdpad", "tijdlijn": "tijdpad",
    "betrokkenen": "betrokkenen", "betrokken partijen": "betrokkenen", "partners": "betrokkenen",
    "samenwerkingspartners": "betrokkenen", "communicatie": "communicatie",
    "kosten/baten": "kosten_baten", "kosten / baten": "kosten_baten", "kosten en baten": "kosten_baten",
    "kosten": "kosten_baten", "baten": "kosten_baten", "financiën": "kosten_baten",
    "financiering": "kosten_baten", "budget": "kosten_baten", "middelen": "kosten_baten",
    "monitoring": "monitoring", "monitoring en evaluatie": "monitoring", "evaluatie": "evaluatie",
    "trekker": "trekker", "verantwoordelijke": "trekker",
}
_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(CARD_LABELS, key=len, reverse=True))
    + r")(?:\s*:\s*|\s+-\s+|\s+|\s*$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# The title keyword and its numbering: "Activiteit:", "Activiteit 1:", "Actie 3 :", "ACTIVITEIT 2." (one
# or two digits and a colon, full stop or bracket: "Actie 2026: …" keeps its year).
_KEYWORD = re.compile(r"^(?:activiteit(?:en)?|actie)(?:\s+\d{1,2}[a-z]?\s*[:.)]|\s*:?)(?:\s+|$)",
                      re.IGNORECASE)
_PREFIX = re.compile(r"^(?:[A-Z]|\d{1,2}(?:\.\d{1,2}){0,9})[.)]\s+")
# A sentence that starts inside a paragraph title without a full stop ("… inclusief We bieden …").
_RUN_ON = re.compile(r"(?<=[a-zë)])\s+(?=(?:We|Wij|Het|De|Dit|Deze|Er|In|Om|Ook|Jaarlijks|Regelmatig|Samen|"
                     r"Daarnaast|Hierbij|Hiermee|Zo|Door|Met|Voor|Bij|Als|Vanaf|Elk|Ieder|Iedere|Alle|"
                     r"Onze|Ons)\s)")
Lines = list[tuple[int, str]]
_PART = re.compile(r"^(?:\d{1,2}|[A-Z])\.\s+\S")


def label_of(line: str) -> tuple[str, str] | None:
    """(field name, value) when ``line`` is a labelled card row."""
    match = _LABEL.match(line)
    if match is None:
        return None
    rest = match.group("rest").strip().rstrip("|").strip()
    label = re.sub(r"\s+", " ", match.group("label").lower())
    if label in ("evaluatie", "budget", "planning", "doel", "aanpak", "kosten", "baten") \
            and rest and rest[:1].islower():
        return None  # a sentence that happens to start with the word ("Kosten zijn …")
    return CARD_LABELS[label], rest


def _next_text(lines: Lines, index: int) -> int | None:
    for j in range(index + 1, min(index + 4, len(lines))):
        if lines[j][1]:
            return j
    return None


def title_row_at(lines: Lines, index: int) -> bool:
    """Whether a card starts at ``lines[index]``."""
    line = lines[index][1]
    if not line or line.strip("| ") == "" or label_of(line):
        return False
    after = _next_text(lines, index)
    if line.endswith("|"):
        if after is None:
            return False
        following = lines[after][1]
        return following.strip() == "|" or label_of(following) is not None
    if _KEYWORD.match(line) and after is not None:
        for j in range(after, min(after + 3, len(lines))):
            if label_of(lines[j][1]):
                return True
    return False


def _title(raw: str) -> tuple[str, str | None]:
    """Card title, and the whole title paragraph when the title had to be shortened."""
    text = raw.rstrip("| ").strip()
    text = _KEYWORD.sub("", text).strip()
    text = _PREFIX.sub("", text).strip() or text
    full = text
    first = _RUN_ON.split(text, maxsplit=1)[0]
    first = re.split(r"(?<=[a-z)])\.\s+", first, maxsplit=1)[0].rstrip(" .")
    if len(first) > 100:
        first = first[:99].rsplit(" ", 1)[0] + "…"
    first = first[:1].upper() + first[1:]
    return first, (full if first.rstrip("…") != full.rstrip(" .") else None)


def read_card(lines: Lines, index: int, *, intro: str | None) -> tuple[Kaart, int]:
    """The card that starts at ``lines[index]`` and the index of its last line."""
    number, raw = lines[index]
    titel, full = _title(raw)
    velden: dict[str, str] = {}
    if intro:
        velden["inleiding"] = intro
    if full:
        velden["activiteit"] = full
    current: str | None = None
    closed = raw.endswith("|")
    end = index
    i = index + 1
    while i < len(lines):
        line = lines[i][1]
        if not line:
            i += 1
            continue
        if line.strip() == "|":
            end, closed = i, True
            i += 1
            continue
        if title_row_at(lines, i) and _starts_new_card(lines, i, velden):
            break
        labelled = label_of(line)
        if labelled:
            current, value = labelled
            velden[current] = f"{velden[current]} {value}".strip() if current in velden else value
        elif closed and not line.endswith("|"):
            break  # a paragraph after the card
        else:
            key = current or "overig"
            velden[key] = f"{velden.get(key, '')} {line.rstrip('|').strip()}".strip()
        closed = line.endswith("|")
        end = i
        i += 1
    return Kaart(titel=titel, velden=velden, regels=(number, lines[end][0]), vorm="kaart"), end


def _starts_new_card(lines: Lines, index: int, velden: dict[str, str]) -> bool:
    """Inside a card, a row followed by a lone '|' is a new card only if it names itself one
    (keyword or lettered heading) or the labels after it repeat ones this card already has;
    otherwise it is an unlabeled row of this card."""
    line = lines[index][1]
    if _KEYWORD.match(line) or _PREFIX.match(line):
        return True
    for j in range(index + 1, min(index + 6, len(lines))):
        following = label_of(lines[j][1])
        if following:
            return following[0] in velden
    return True


def intro_above(lines: Lines, start: int, end: int) -> str | None:
    """The paragraph(s) just above a card title, where pilot periods are often written."""
    return " ".join(lines[i][1] for i in intro_indices(lines, start, end)) or None


def intro_indices(lines: Lines, start: int, end: int) -> list[int]:
    """The indices of the lines ``intro_above`` takes, in order."""
    parts: list[int] = []
    for i in range(end - 1, start - 1, -1):
        line = lines[i][1]
        if not line:
            continue
        if is_heading(line) or line.endswith("|") or len(parts) == 2 or _PART.match(line):
            break  # a numbered part ("3. Hoofddoel: …") above the card is its heading, not its intro
        parts.append(i)
    return parts[::-1]


ACTION_LABEL = re.compile(r"^(wat\s+gaan\s+we\s+(?:daarvoor\s+)?doen|wat\s+doen\s+we)\s*:\s*$", re.IGNORECASE)
_RESULT_LABEL = re.compile(r"^(?:het\s+)?(?:beoogde?\s+)?resultaat\b.*:\s*$", re.IGNORECASE)


def prose_actions(lines: list[tuple[int, str]], index: int) -> tuple[list[Kaart], int]:
    """A group of actions written as prose: title line, 'Wat gaan we doen:', bullets, result."""
    if not (is_heading(lines[index][1]) and index + 1 < len(lines)
            and ACTION_LABEL.match(lines[index + 1][1])):
        return [], index
    actions: list[Kaart] = []
    shared: list[str] = []
    i = index
    while i < len(lines):
        number, line = lines[i]
        if i + 1 < len(lines) and is_heading(line) and ACTION_LABEL.match(lines[i + 1][1]):
            actions.append(Kaart(titel=line.rstrip(" :"), velden={}, regels=(number, number), vorm="actie",
                                 opmerkingen=["Actie uit de lopende tekst, geen activiteitenkaart."]))
            key, i = "wat_gaan_we_doen", i + 2
            shared = []
            continue
        if not line:
            i += 1
            continue
        current = actions[-1]
        if _RESULT_LABEL.match(line):
            key = "resultaat"
        elif is_heading(line) or title_row_at(lines, i):
            break
        elif line.startswith("•") and key in ("wat_gaan_we_doen", "resultaat"):
            current.velden[key] = (current.velden.get(key, "") + " " + line).strip()
        else:
            key = "toelichting"
            shared.append(line)
        current.regels = (current.regels[0], number)
        i += 1
    # Paragraphs after the last action that speak of "deze acties" belong to all of them.
    trailing = " ".join(shared)
    for action in actions:
        about_all = re.search(r"\b(deze|de|bovengenoemde)\s+acties\b", trailing, re.I)
        text = trailing if about_all or action is actions[-1] else ""
        if text:
            action.velden["toelichting"] = text
            report = [s for s in re.split(r"(?<=\.)\s+", text)
                      if re.search(r"rapporte|monitor|voortgang", s, re.I)]
            if report:
                action.velden["monitoring"] = " ".join(report)
    return actions, i - 1


