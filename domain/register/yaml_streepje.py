"""A list item whose '- ' is missing, told apart from a key truly written twice.

When the dash before the second milestone (or activity, person, indicator) is left out and its
fields are indented as those of the item above, YAML reads both items as one block in which 'id'
(and more) appears twice. "veld 'id' staat twee keer in hetzelfde blok. Houd er één over." then
asked the user to throw away half of the data (a new user's trial). A repeated key in a block that
is an item of a list, where it is the item's first key or more keys repeat, is named as the start of
a new item with the line as it should read.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

# What one item of a register list is called, with its article ("een nieuwe mijlpaal").
_ITEM = {
    "activiteiten": "een nieuwe activiteit",
    "mijlpalen": "een nieuwe mijlpaal",
    "personen": "een nieuwe persoon",
    "indicatoren": "een nieuwe indicator",
    "bedragen": "een nieuw bedrag",
    "subsidies": "een nieuwe subsidie",
    "vergaderingen": "een nieuwe vergadering",
    "kanalen": "een nieuw kanaal",
}


def _label(item: yaml.Node, index: int) -> str:
    """An item named by its id or sleutel where it has one (as the register's other messages do)."""
    if isinstance(item, yaml.MappingNode):
        for wanted in ("id", "sleutel"):
            for key, value in item.value:
                if key.value == wanted and isinstance(value, yaml.ScalarNode) and value.value:
                    return value.value[:120]
    return str(index + 1)


def _lists(node: yaml.Node, path: str) -> Iterator[tuple[yaml.SequenceNode, str]]:
    """Every list in the tree with its field path ("activiteiten[pilot].mijlpalen"), iteratively."""
    stack = [(node, path)]
    while stack:
        here, where = stack.pop()
        if isinstance(here, yaml.MappingNode):
            for key, value in here.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, f"{where}.{name}" if where else name))
        elif isinstance(here, yaml.SequenceNode):
            yield here, where
            for index, item in enumerate(here.value):
                stack.append((item, f"{where}[{_label(item, index)}]"))


def _name(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def missing_dash(root: yaml.Node, block: yaml.MappingNode, repeated: int,
                 text: str) -> tuple[int, str, str] | None:
    """(1-based line, list path, Dutch message) when the key at index ``repeated`` of ``block`` most
    likely starts a new list item whose '- ' is missing; None for a key truly written twice."""
    holder = next(((seq, where) for seq, where in _lists(root, "") if any(i is block for i in seq.value)),
                  None)
    if holder is None or block.flow_style:
        return None
    keys = [_name(key) for key, _ in block.value]
    key_node = block.value[repeated][0]
    first = block.value[0][0]
    again = sum(1 for i, k in enumerate(keys[repeated:]) if k in keys[:repeated])
    if key_node.start_mark.column != first.start_mark.column or (keys[repeated] != keys[0] and again < 2):
        return None
    lines = text.splitlines()
    above, here = lines[first.start_mark.line], lines[key_node.start_mark.line]
    dash = None  # the column of the item's dash, when it is on the line of its first key
    for column in range(first.start_mark.column - 1, -1, -1):
        if above[column:column + 1] == "-":
            dash = column
            break
    key, sequence_path = keys[repeated] or "?", holder[1]
    fixed = None
    if dash is not None and here[:first.start_mark.column].strip() == "":
        fixed = f"{here[:dash]}{above[dash:first.start_mark.column]}{here[first.start_mark.column:]}"
    return key_node.start_mark.line + 1, sequence_path, streepje_melding(
        sequence_path, key, key_node.start_mark.line + 1, keys[0] or "?", first.start_mark.line + 1, fixed)


def streepje_melding(lijst: str, key: str, regel: int, eerste: str, item_regel: int, fixed: str | None, *,
                     dubbel: bool = True) -> str:
    """The message for a missing '- ' before ``key`` on ``regel`` (1-based), in the list ``lijst`` (its
    path or name) whose item above starts with '- ``eerste``' on ``item_regel``; ``fixed``: the line as
    it should read, when known; ``dubbel``: YAML read the item's keys as written twice in the one above."""
    noun = _ITEM.get(lijst.rsplit(".", 1)[-1].split("[")[0], "een nieuw onderdeel van de lijst")
    zo = f", zo: „{fixed}”" if fixed else ""
    why = (": YAML leest deze regels als velden van het onderdeel erboven, dus "
           f"'{key}' staat twee keer in één blok" if dubbel else "")
    return (f"hier begint waarschijnlijk {noun}, maar het streepje ontbreekt{why}. Zet '- ' voor '{key}' op "
            f"regel {regel}, recht onder de '-' van '- {eerste}' op regel {item_regel}{zo} (de velden "
            f"eronder laat u even ver inspringen als '{key}'). Haal geen veld weg: dan raakt u gegevens "
            "kwijt.")
