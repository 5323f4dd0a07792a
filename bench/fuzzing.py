"""Mutated register directories for the fuzz tests and bench/fuzz.py: the sample register with
one to three mutations, chosen by a seeded ``random.Random`` so every case can be made again.

Mutations are what people and tools do to YAML by hand (a deleted character, a duplicated or
truncated line, a value of the wrong kind, a far too long text, a pasted escape sequence) and
what an attacker tries (alias bombs, deep nesting, devices and FIFOs, binary data).
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "register" / "voorbeeld" / "bronckhorst"

HOSTILE_VALUES: list[Any] = [
    "", " ", "...", "---", "~", "null", "ja", "12:30", "[/bold]", "Bronckhorst [/bold]", "[fase 2]",
    "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "\x1b[31mrood", "a\x07b", "a\uffffb",
    "regel\neen", "\u202eomgekeerd", "x" * 300, "x" * 20_000, "é" * 121, "FREQ=", "FREQ=SECONDLY",
    "FREQ=DAILY;UNTIL=gisteren", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;COUNT=0",
    "FREQ=YEARLY;INTERVAL=0", "FREQ=WEEKLY;BYHOUR=1", "FREQ=YEARLY;UNTIL=19000101",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11",
    0, -1, 1, 2 ** 31, 2 ** 63, 10 ** 30, 1.5, -0.01, 1e400, float("nan"), 13257.505, True, False, None,
    "2020-13-01", "0001-01-01", "9999-12-31", "2020-02-29", "2021-02-29", "1899-12-31", "2200-01-01",
    [], {}, [1, 2], {"a": 1}, ["mailto://a@b.nl"], ["msteams://x/y/z"], ["env:REGIE_GEEN"],
    "mailto://a@b.nl", "smtp://u:p/q@h:x",
]

SPECIAL_FILES = {
    "alias-bomb": "".join(f"{chr(97 + i)}: &{chr(97 + i)} ["
                          + ",".join([f"*{chr(96 + i)}"] * 9 if i else ['"x"'] * 9) + "]\n"
                          for i in range(9)),
    "deep-flow": "a: " + "[" * 1000 + "]" * 1000 + "\n",
    "deep-block": "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "x: 1\n",
    "dots": "...\n",
    "int-key": "1: x\n",
    "bool-key": "true: x\n",
    "tab-indent": "gemeente: B\n\tprogramma: 1\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "undefined-alias": "a: *x\n",
    "only-comment": "# niets\n",
    "a-list": "- 1\n- 2\n",
}


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every value in a parsed YAML document."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _leaves(value, (*path, index))
    return found


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _delete(node: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


def _mutate_data(text: str, rng: random.Random) -> str:
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return _mutate_text(text, rng)  # an earlier mutation already broke the YAML
    leaves = _leaves(data)
    if not leaves:
        return text
    path = rng.choice(leaves)
    kind = rng.random()
    if kind < 0.6:
        _set(data, path, rng.choice(HOSTILE_VALUES))
    elif kind < 0.75:
        _delete(data, path)
    elif kind < 0.85 and isinstance(path[-1], str):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[rng.choice(["onbekend", "titel2", "1", "herhaling", "velden"])] = rng.choice(HOSTILE_VALUES)
    else:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, list) and isinstance(path[-1], int):
            parent.append(parent[path[-1]])  # a duplicated item (same id)
        else:
            _set(data, path, rng.choice(HOSTILE_VALUES))
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)
    except yaml.YAMLError:
        return text


_CHARACTERS = [":", "-", " ", "\t", "\n", "'", '"', "[", "]", "{", "}", "&", "*", "!", "%", "@", "`", "#",
               "|", ">", "\x00", "\x1b", "\x07", "\uffff", "\u202e", "é", "€", "0", "9"]


def _mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(7)
    if not lines:
        return text + rng.choice(_CHARACTERS)
    i = rng.randrange(len(lines))
    if kind == 0:  # a character typed in
        pos = rng.randrange(len(text) + 1)
        return text[:pos] + rng.choice(_CHARACTERS) + text[pos:]
    if kind == 1:  # a character deleted
        pos = rng.randrange(len(text))
        return text[:pos] + text[pos + 1:]
    if kind == 2:  # a line duplicated
        return "".join([*lines[:i + 1], lines[i], *lines[i + 1:]])
    if kind == 3:  # a line deleted
        return "".join(lines[:i] + lines[i + 1:])
    if kind == 4:  # the file cut off (a truncated save)
        return text[:rng.randrange(len(text))]
    if kind == 5:  # two lines swapped
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    return "".join(lines[:i]) + "  " + "".join(lines[i:])  # indentation shifted


def mutated_register(seed: int, target: Path) -> list[str]:
    """Write a mutated copy of the sample register to ``target`` (a region directory holding
    ``bronckhorst/``); returns what was done, for the report of a failing case."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    folder = target / "bronckhorst"
    shutil.copytree(SAMPLE, folder)
    files = sorted(p.name for p in folder.iterdir())
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        name = rng.choice(files)
        path = folder / name
        if not path.is_file() or path.is_symlink():
            continue
        roll = rng.random()
        # surrogateescape: a file an earlier mutation made non-UTF-8 keeps its bytes.
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        if roll < 0.45:
            path.write_text(_mutate_data(text, rng), encoding="utf-8", errors="surrogateescape")
            done.append(f"{name}: waarde")
        elif roll < 0.85:
            path.write_text(_mutate_text(text, rng), encoding="utf-8", errors="surrogateescape")
            done.append(f"{name}: tekst")
        elif roll < 0.93:
            special = rng.choice(sorted(SPECIAL_FILES))
            path.write_text(SPECIAL_FILES[special], encoding="utf-8")
            done.append(f"{name}: {special}")
        else:
            done.append(f"{name}: {_spoil_file(path, rng)}")
    return done


def _spoil_file(path: Path, rng: random.Random) -> str:
    kind = rng.randrange(6)
    path.unlink()
    if kind == 0:
        path.symlink_to("/dev/zero")
        return "koppeling naar /dev/zero"
    if kind == 1:
        os.mkfifo(path)
        return "FIFO"
    if kind == 2:
        path.mkdir()
        return "map"
    if kind == 3:
        path.write_bytes(b"gemeente: Br\xe9nckhorst\n")
        return "Windows-1252"
    if kind == 4:
        path.write_bytes(bytes(rng.randrange(256) for _ in range(200)))
        return "binair"
    path.symlink_to(path.parent / "bestaat-niet.yaml")
    return "gebroken koppeling"
