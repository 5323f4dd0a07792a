"""Which output files the project wrote: a ledger in the data directory of each file `regie overzicht`
wrote, by its absolute path and the SHA-256 of its bytes. A file is "ours" only while its bytes are
still the ones we wrote: a workbook the coordinator opened, edited and saved (Excel keeps the maker
we recorded in it) or a CSV with our header row and someone's own notes below it is theirs now,
and is never replaced or removed without the user saying so (``--overschrijven``)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from models.settings import get_settings

LEDGER = "geschreven-bestanden.json"


def _ledger_path() -> Path:
    return get_settings().data_dir / LEDGER


def _read() -> dict[str, str]:
    try:
        data = json.loads(_ledger_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def fingerprint(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _key(path: Path) -> str:
    return str(path.expanduser().absolute())


def is_ours(path: Path) -> bool:
    """Whether ``path`` is a regular file the project wrote and nobody changed since."""
    if not path.is_file():
        return False
    recorded = _read().get(_key(path))
    return recorded is not None and recorded == fingerprint(path)


def remember(paths: Iterable[Path]) -> None:
    """Note ``paths`` (just written) as ours, with their current bytes."""
    ledger = _read()
    ledger.update({_key(p): fingerprint(p) for p in paths})
    folder = _ledger_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{LEDGER}.", suffix=".deel")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(ledger, handle, indent=0, sort_keys=True)
    os.replace(temporary, folder / LEDGER)


def temporary_beside(path: Path) -> Path:
    """A new, empty file of our own beside ``path`` to write into before putting it in place: a
    unique name (a fixed one such as ``.overzicht.xlsx.deel`` could be someone's file)."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".deel")
    os.close(fd)
    return Path(name)


def discard(temporary: Path) -> None:
    """Remove a temporary file of ours (after a failed write); never anything else."""
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
