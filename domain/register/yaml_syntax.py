"""A YAML syntax error in Dutch, at the line where the mistake is.

PyYAML reports where it gave up, which for an unclosed quote or bracket is far from the mistake: at
the end of the file (`naam: "Pilot wijkteam` with no closing quote anywhere after it), or on a later
line where another quote happened to close it. The line a person must fix is where the quote or the
``[``/``{`` was opened; this module names that line, its field, and the line as it should read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from domain.register.yaml_dubbelepunt import missing_colon
from domain.register.yaml_inspringing import misindented

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "een ':' staat op een onverwachte plek. Zet tekst met "
     "een dubbele punt tussen aanhalingstekens, of controleer de inspringing."),
    ("tab character", "deze regel springt in met een tab. Spring in met spaties, net zo ver als de andere "
     "velden van hetzelfde blok (een tab zie je in de meeste editors niet: haal hem weg en typ spaties)."),
    ("must be followed by a valid YAML whitespace", "na de ':' staat een tab (of een ander teken dan een "
     "spatie). Schrijf 'naam: waarde' met één spatie na de dubbele punt."),
    ("cannot start any token", "hier staat een teken waarmee YAML niet kan beginnen (vaak een "
     "tab of een '@' of '`'). Spring in met spaties en zet zulke tekst tussen aanhalingstekens."),
    ("could not find expected ':'", "deze regel mist de ':' tussen naam en waarde. Schrijf "
     "'naam: waarde'."),
    ("expected <block end>", "de inspringing klopt niet: deze regel staat verder of minder ver "
     "in dan de regels erboven. Lijn hem uit met de andere velden van hetzelfde blok."),
    ("while scanning a quoted scalar", "een aanhalingsteken wordt niet gesloten. Sluit de tekst "
     "af met hetzelfde aanhalingsteken."),
    ("while parsing a flow", "een lijst of blok tussen [ ] of { } wordt niet goed gesloten. "
     "Controleer de haakjes."),
    ("expected a single document", "het bestand bevat meer dan één YAML-document (een regel "
     "met alleen '---'). Zet alles in één document of verdeel het over twee bestanden."),
    ("maximum nesting depth", "het bestand is te diep genest (lijsten of blokken in elkaar, honderden "
     "niveaus diep). Een registerbestand heeft er een stuk of zes: controleer de haakjes en de inspringing."),
    ("found undefined alias", "hier staat een '*' die naar niets verwijst. Zet de tekst tussen "
     "aanhalingstekens."),
)


def syntax_message(exc: Exception) -> str:
    """PyYAML's or yaml-rs's complaint as a Dutch hint."""
    text = str(exc)
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return f"de YAML-opmaak klopt niet: {hint}"
    return "de YAML-opmaak klopt niet. Controleer inspringing (spaties, geen tabs) en dubbele punten."


@dataclass(frozen=True)
class Syntaxfout:
    """Where a syntax error is to be fixed: the 1-based line, the field on it (if any), the message."""

    regel: int | None
    veld: str | None
    melding: str


# The key a line gives a value to: "    naam: ..." or "  - sleutel: ..." (up to the value's column).
_KEY = re.compile(r"^\s*(?:-\s+)*(?P<key>[^\s#:\-\[{'\"][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s|$)")
_WHERE_EOF = "tot het einde van het bestand"


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number] if 0 <= number < len(lines) else ""


def _field(text: str, line: int, column: int) -> str | None:
    """The field whose value starts at ``line``/``column`` (0-based): the key on that line, or for an
    item of a list ('- "abc') the key the list belongs to, on the nearest line above it that is
    indented less."""
    source = _line(text, line)
    found = _KEY.match(source[:column])
    if found:
        return found.group("key").strip("'\"")
    indent = len(source) - len(source.lstrip())
    for above in range(line - 1, -1, -1):
        candidate = _line(text, above)
        if not candidate.strip() or candidate.lstrip().startswith("#"):
            continue
        depth = len(candidate) - len(candidate.lstrip())
        if depth < indent or (depth == indent and not candidate.lstrip().startswith("-")):
            parent = _KEY.match(candidate)
            return parent.group("key").strip("'\"") if parent else None
    return None


def _ends_at_eof(exc: Any, text: str) -> bool:
    mark = exc.problem_mark
    return mark is not None and (mark.index >= len(text.rstrip()) or "end of stream" in (exc.problem or ""))


def _closed(source: str, column: int, mark: str) -> str | None:
    """The line as it should read with the quote opened at ``column`` closed: at the end, or before a
    comment; None inside [ ] or { }, where only the writer knows where the text ends."""
    if any(c in "[{" for c in source[:column]):
        return None
    value, hash_, comment = source.partition(" #")
    return f"{value.rstrip()}{mark}{hash_}{comment}".strip() if hash_ else f"{source.strip()}{mark}"


def _quote(text: str, line: int, column: int, closed_at: int | None, *,
           inspringen: bool = False) -> Syntaxfout:
    """An unclosed quote opened at ``line``/``column`` (0-based); ``closed_at``: the line where a later
    quote closed it, None when nothing did (the end of the file)."""
    source = _line(text, line)
    mark = source[column:column + 1] or '"'
    until = _WHERE_EOF if closed_at is None else f"tot het volgende {mark} op regel {closed_at + 1}"
    single = " Een ' in tekst tussen enkele aanhalingstekens schrijft u dubbel ('')." if mark == "'" else ""
    closed = _closed(source, column, mark)
    fix = (f"Schrijf: {closed} (sluit af met hetzelfde aanhalingsteken), of laat de aanhalingstekens weg."
           if closed else "Sluit de tekst af met hetzelfde aanhalingsteken.")
    field = _field(text, line, column)
    if inspringen and field:  # a text meant to run over several lines is indented further than its field
        fix += (" Loopt de tekst echt over meer regels, spring de volgende regels dan verder in dan "
                f"'{field}:'.")
    return Syntaxfout(line + 1, field, (
        f"de YAML-opmaak klopt niet: het aanhalingsteken {mark} op deze regel wordt niet gesloten, dus YAML "
        f"leest de tekst door {until}. {fix}{single}"))


def _text_after_quote(text: str, exc: Any, last: Any) -> Syntaxfout | None:
    """Text after the quote that closes a value on the same line ('Jan's boek', "Het "Huis""): the quote
    inside the text closed it."""
    source = _line(text, last.start_mark.line)
    mark = source[last.start_mark.column:last.start_mark.column + 1]
    if exc.problem_mark.line != last.end_mark.line or exc.problem_mark.column < last.end_mark.column:
        return None
    rest = source[last.start_mark.column + 1:].rstrip()
    inner = rest[:-1] if rest.endswith(mark) else rest
    other = "'" if mark == '"' else '"'
    instead = (f"{inner.replace(mark, mark * 2)}" if mark == "'" else inner.replace('"', '\\"'))
    key = source[:last.start_mark.column].strip()
    alternative = f", of: {key} {other}{inner}{other}" if other not in inner else ""
    hint = f"Schrijf: {key} {mark}{instead}{mark}{alternative}."
    return Syntaxfout(last.start_mark.line + 1, _field(text, last.start_mark.line, last.start_mark.column), (
        f"de YAML-opmaak klopt niet: de tekst tussen aanhalingstekens ({mark}) wordt te vroeg gesloten door "
        f"een {mark} in de tekst, en daarna staat er nog tekst. {hint}"))


def _bracket(text: str, exc: Any) -> Syntaxfout:
    """A '[' or '{' that is not closed: named where it was opened."""
    mark = exc.context_mark
    source = _line(text, mark.line)
    opener = source[mark.column:mark.column + 1] or "["
    closer = "]" if opener == "[" else "}"
    soort, die = ("de lijst", "die") if opener == "[" else ("het blok", "dat")
    apart = "elk onderdeel op een eigen regel die met '- ' begint" if opener == "[" else (
        "elk veld op een eigen regel 'naam: waarde'")
    until = _WHERE_EOF if _ends_at_eof(exc, text) else f"tot regel {exc.problem_mark.line + 1}"
    shown = source.strip()
    example = f" Schrijf: {shown}{closer}." if closer not in source[mark.column:] and shown else ""
    return Syntaxfout(mark.line + 1, _field(text, mark.line, mark.column), (
        f"de YAML-opmaak klopt niet: {soort} {die} op deze regel met {opener} begint, wordt niet met "
        f"{closer} gesloten; YAML zocht de {closer} {until}.{example} Sluit {soort} af met {closer} op "
        f"dezelfde regel, of zet zonder haakjes {apart}."))


def _multiline_quote(text: str, exc: Any, loader: Any) -> Syntaxfout | None:
    """A quote closed by a later quote: the parser stops just after that quoted text ends, on a later
    line than it began. None when the error has another cause."""
    last = None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.ScalarEvent):
                last = event
    except yaml.YAMLError:
        pass
    if (last is None or last.style not in ('"', "'") or last.start_mark is None or last.end_mark is None
            or exc.problem_mark is None or exc.problem_mark.line != last.end_mark.line):
        return None
    if last.start_mark.line == last.end_mark.line:
        return _text_after_quote(text, exc, last)
    return _quote(text, last.start_mark.line, last.start_mark.column, last.end_mark.line)


def indented_quote(text: str, line: int | None, loader: Any) -> Syntaxfout | None:
    """yaml-rs refuses a quoted text over several lines whose next lines are not indented further than
    its field (PyYAML reads it): nearly always a quote left open that a later quote closed. The quoted
    text that holds ``line`` (1-based), named where it opens; None when there is none."""
    if line is None:
        return None
    try:
        for event in yaml.parse(text, Loader=loader):
            if (isinstance(event, yaml.ScalarEvent) and event.style in ('"', "'") and event.start_mark
                    and event.end_mark and event.start_mark.line < line - 1 <= event.end_mark.line):
                return _quote(text, event.start_mark.line, event.start_mark.column, event.end_mark.line,
                              inspringen=True)
    except yaml.YAMLError:
        return None
    return None


# What PyYAML and libyaml say about a field indented a space too few or too many.
_MISINDENTED = ("expected <block end>", "mapping values are not allowed", "did not find expected key",
                "did not find expected '-' indicator")


def syntax_error(text: str, exc: yaml.MarkedYAMLError, loader: Any) -> Syntaxfout:
    """Where to fix ``exc`` in ``text`` and how, in Dutch."""
    context = exc.context or ""
    if exc.context_mark is not None and "while scanning a quoted scalar" in context:
        return _quote(text, exc.context_mark.line, exc.context_mark.column, None)
    opened = (_line(text, exc.context_mark.line)[exc.context_mark.column:exc.context_mark.column + 1]
              if exc.context_mark is not None else "")
    if context.startswith("while parsing a flow") and opened and opened in "[{":
        return _bracket(text, exc)
    found = _multiline_quote(text, exc, loader)
    if found is not None:
        return found
    colon_missing = missing_colon(text, exc)  # noticed a line later: named where the name began
    if colon_missing is not None:
        return Syntaxfout(*colon_missing)
    problem = exc.problem or ""
    if exc.problem_mark is not None and "mapping values are not allowed" in problem:
        colon = _colon_in_text(text, exc.problem_mark.line, exc.problem_mark.column)
        if colon is not None:
            return colon
    if exc.problem_mark is not None and any(says in problem for says in _MISINDENTED):
        shifted = misindented(text, exc.problem_mark.line)  # a field one or more spaces off: which, where
        if shifted is not None:
            return Syntaxfout(*shifted)
    mark = exc.problem_mark or exc.context_mark
    message, line = syntax_message(exc), mark.line + 1 if mark else None
    return Syntaxfout(line, tab_field(text, line, message), message)


def tab_field(text: str, line: int | None, message: str) -> str | None:
    """The field on ``line`` (1-based) when ``message`` is about a tab on it: the key the line gives a
    value to; None for another message or a line without a key of its own."""
    if line is None or not any(word in message for word in ("een tab", "een teken waarmee")):
        return None
    found = _KEY.match(_line(text, line - 1).replace("\t", " "))
    return found.group("key").strip("'\"") if found else None


def _colon_in_text(text: str, line: int, column: int) -> Syntaxfout | None:
    """A ':' inside a plain value on its field's line ("tijdpad: Let op: …"): named with the field and
    the line as it should read, the value between double quotes. None when the ':' is elsewhere."""
    source = _line(text, line)
    found = _KEY.match(source)
    if not found or column < found.end():
        return None
    value, hash_, comment = source[found.end():].partition(" #")
    value = value.strip()
    if not value or value[0] in "'\"[{|>&*!%@`":
        return None
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    fixed = f"{source[:found.end()].strip()} {quoted}" + (f" #{comment}" if hash_ else "")
    return Syntaxfout(line + 1, found.group("key").strip("'\""), (
        "de YAML-opmaak klopt niet: een ':' in de tekst van dit veld lijkt voor YAML het begin van een nieuw "
        f"veld. Zet de tekst tussen dubbele aanhalingstekens. Schrijf: {fixed}"))
