"""YAML text to plain data, with the line of any value on demand for error messages.

The data comes from yaml-rs (Rust, YAML 1.2 core schema): about eight times faster than
composing PyYAML's node tree, it rejects duplicate keys and limits alias expansion. YAML 1.2
means ``nee``, ``off`` or ``12:30`` are text, not a boolean or a number (the "Norway problem").
Dates stay text (yaml-rs would also turn a quoted '2020-01-01' into a date): the register
models parse them, so an impossible date such as 2020-13-01 is named by the validator.

PyYAML (libyaml) is kept for what yaml-rs does not give: the line of a value (its node tree is
composed only when an error needs a line) and the Dutch hint for a syntax error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml_rs

from domain.melding import Melding
from domain.register.duizendtallen import punt_tussen_duizendtallen
from domain.register.yaml_streepje import missing_dash
from domain.register.yaml_syntax import indented_quote, syntax_error, syntax_message, tab_field

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WORDS = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), "tag:yaml.org,2002:null"),
    **dict.fromkeys(("true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
                     "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"),
                    "tag:yaml.org,2002:bool"),
}


class _Loader(_BASE):  # type: ignore[misc]
    """The safe loader with a short cut for the common case: a plain scalar that starts with a
    letter is text, a bool or null (YAML 1.1 rules unchanged; numbers and dates go the long way).
    Tag resolution is the slowest part of composing in PyYAML, and most scalars are text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value[:1].isalpha():
            return _WORDS.get(value, "tag:yaml.org,2002:str")
        if kind is yaml.ScalarNode and not implicit[0] and implicit[1]:
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)

_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlFout(Melding):
    """A YAML problem at a line (and the field on it, when known), in Dutch."""

    def __init__(self, regel: int | None, melding: str, veld: str | None = None) -> None:
        super().__init__(melding)
        self.regel = regel
        self.veld = veld


@dataclass
class YamlDocument:
    """Parsed YAML: the data and, for error messages, the node tree it came from."""

    data: Any
    root: yaml.Node | None
    text: str | None = None
    # What was read but cannot be loaded as written ("bedrag: 45.000"): reported with the file's
    # other errors, so one round names them all; a document with any is never loaded.
    fouten: list[YamlFout] = field(default_factory=list)

    def tree(self) -> yaml.Node | None:
        """The node tree; composed again from ``text`` when it was not kept (parallel loads)."""
        if self.root is None and self.text is not None:
            try:
                self.root = yaml.compose(self.text, Loader=_Loader)
            except (yaml.YAMLError, RecursionError):
                self.text = None  # only lines are lost: the data was read by yaml-rs
        return self.root

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """1-based line of the value at ``path``; the nearest existing parent if it is absent."""
        node = self.tree()
        line = node.start_mark.line + 1 if node is not None else None
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if key.value == part:
                        # For a scalar the key line is what a person looks for.
                        child = value
                        line = key.start_mark.line + 1
                        break
            elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(node.value)):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line


class _DubbelVeld(YamlFout):
    """A key written twice in one block: named in ``_parse_tree``, which knows the whole tree."""

    def __init__(self, block: yaml.MappingNode, index: int, key: Any) -> None:
        super().__init__(block.value[index][0].start_mark.line + 1,
                         f"veld '{key}' staat twee keer in hetzelfde blok. Houd er één over.")
        self.block, self.index = block, index


def _build(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag == _TIMESTAMP:
            try:
                value = _constructor.construct_yaml_timestamp(node)
            except ValueError:
                return node.value  # "2020-13-01": let the validator name it
            return value.date() if isinstance(value, dt.datetime) else value
        build = _constructor.yaml_constructors.get(node.tag)
        if build is None:
            return node.value
        return build(_constructor, node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(child) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            key = _build(key_node)
            if not isinstance(key, str | int | bool | float | dt.date) or key is None:
                raise YamlFout(key_node.start_mark.line + 1, "een veldnaam moet tekst zijn.")
            if key in result:
                raise _DubbelVeld(node, index, key)
            result[key] = _build(value_node)
        return result
    raise YamlFout(node.start_mark.line + 1, f"onbekende YAML-constructie ({node.tag}).")


# A document marker at the start of a line: the text may hold several documents, which
# yaml-rs returns as a list and PyYAML refuses with a line number.
_MARKER = re.compile(r"^(?:---|\.\.\.)", re.MULTILINE)
_RS_LINE = re.compile(r"at line (\d+)")


# A register is about six levels deep; anything far deeper is a mistake or an attack, and deep
# structures cost recursion in every later step.
MAX_DEPTH = 20
_ALIASES = ("ankers (&) en verwijzingen (*, die verwijst naar een anker) worden in een registerbestand "
            "niet gelezen: schrijf de "
            "waarde voluit, of zet tekst die met & of * begint tussen aanhalingstekens.")


_AFTER = frozenset(" \t\n\r[{,")
_NOT_A_NAME = frozenset(" \t\n\r[]{},")


def _may_hold_alias(text: str) -> bool:
    """'&' or '*' where YAML reads an anchor or alias: at a value's start, followed by a name.
    A scan of the few '&' and '*' characters (a regular expression over the whole text cost more
    than parsing it)."""
    for mark in "&*":
        at = text.find(mark)
        while at != -1:
            if (at == 0 or text[at - 1] in _AFTER) and at + 1 < len(text) and text[at + 1] not in _NOT_A_NAME:
                return True
            at = text.find(mark, at + 1)
    return False


def _refuse_aliases(text: str) -> None:
    """Aliases are refused before anything is built: a 400-byte alias bomb expands to gigabytes.
    The event stream is read without building values, so this costs little and no memory."""
    if not _may_hold_alias(text):
        return  # '&' and '*' inside text ("Zorg & Welzijn") need no event scan
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlFout(event.start_mark.line + 1 if event.start_mark else None, _ALIASES)
    except yaml.YAMLError:
        return  # a syntax error: the parsers below name it with its line


def _check_shape(data: Any, text: str) -> None:
    """Every key is text and nothing is nested deeper than ``MAX_DEPTH`` (iteratively: a deep
    structure must not exhaust the stack here either)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlFout(None, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus). Een "
                                 "registerbestand heeft er een stuk of zes: controleer de inspringing.")
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    name = str(key).lower() if isinstance(key, bool) else repr(key)
                    raise YamlFout(_key_line(text, key), f"veldnaam {name} is geen tekst. Een veldnaam is "
                                   "een woord zoals 'titel'; zet hem anders tussen aanhalingstekens.")
                if isinstance(value, dict | list):
                    stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node if isinstance(item, dict | list))


def _key_line(text: str, key: Any) -> int | None:
    """The line of the first mapping key whose value is ``key`` (only for an error message)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if (isinstance(event, yaml.ScalarEvent) and event.value == str(key).lower()) or (
                    isinstance(event, yaml.ScalarEvent) and event.value == str(key)):
                return int(event.start_mark.line) + 1 if event.start_mark else None
    except yaml.YAMLError:
        pass
    return None


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raises ``YamlFout`` with a Dutch message and a line."""
    _refuse_aliases(text)
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        _parse_tree(text)  # raises with PyYAML's line and a Dutch hint in nearly every case
        found = _RS_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        if "multiline quoted scalar" in str(exc) and (quote := indented_quote(text, line, _Loader)):
            raise YamlFout(quote.regel, quote.melding, quote.veld) from None
        raise YamlFout(line, message := syntax_message(exc), tab_field(text, line, message)) from None
    except RecursionError:
        raise YamlFout(None, "het bestand is te diep genest om te lezen.") from None
    except TypeError:  # a key that is a list or block ("? kl:\n  - "): unhashable in the reader
        line = next((n for n, regel in enumerate(text.splitlines(), 1) if regel.lstrip().startswith("?")),
                    None)
        raise YamlFout(line, "een veldnaam is hier zelf een lijst of blok (een regel die met '?' begint). "
                             "Schrijf elk veld als naam: waarde, zonder '?'.") from None
    if isinstance(data, list) and _MARKER.search(text):
        _parse_tree(text)  # several documents are refused there; one document that is a list is not
    _check_shape(data, text)
    dotted = punt_tussen_duizendtallen(text, data)  # "bedrag: 45.000" read as 45
    return YamlDocument(data=data, root=None, text=text,
                        fouten=[YamlFout(regel, melding, veld) for regel, veld, melding in dotted])


def _nesting(text: str) -> int:
    """How deep the document nests, read from the event stream (no recursion)."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_DEPTH:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


def _parse_tree(text: str) -> YamlDocument:
    """The slow path: compose the node tree with PyYAML and build the values from it."""
    if _nesting(text) > MAX_DEPTH:
        raise YamlFout(None, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus). Een "
                             "registerbestand heeft er een stuk of zes: controleer de inspringing.")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:  # named where it is to be fixed: an unclosed quote where it opened
        fout = syntax_error(text, exc, _Loader)
        raise YamlFout(fout.regel, fout.melding, fout.veld) from None
    except yaml.YAMLError as exc:
        raise YamlFout(None, syntax_message(exc)) from None
    if root is None:
        return YamlDocument(data=None, root=None)
    try:
        data = _build(root)
    except _DubbelVeld as twice:  # a list item's missing '- ' reads as its keys written twice
        dash = missing_dash(root, twice.block, twice.index, text)
        if dash is None:
            raise YamlFout(twice.regel, twice.melding) from None
        raise YamlFout(dash[0], dash[2], dash[1]) from None
    except RecursionError:
        raise YamlFout(None, "het bestand is te diep genest om te lezen.") from None
    _check_shape(data, text)
    try:
        return YamlDocument(data=data, root=root)
    except RecursionError:
        raise YamlFout(None, "het bestand is te diep genest om te lezen.") from None
