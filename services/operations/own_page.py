"""Whether a port is held by our own answer page: its /gezond answer carries a mark of the data
directory it serves (a hash, never the path), so a second `regie dienst` or `./start.sh` can say
"your own answer page for this data directory runs there" instead of "another program"."""

from __future__ import annotations

import contextlib
import hashlib
import urllib.request
from pathlib import Path

__all__ = ["HEADER", "data_dir_mark", "page_on_port"]

HEADER = "X-Regie-Datamap"
ZELFDE, ANDERE = "zelfde", "andere"  # our answer page for this data directory, or for another one


def data_dir_mark(data_dir: Path) -> str:
    """A short mark of a data directory: the same directory gives the same mark in every process."""
    return hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]


def page_on_port(port: int, data_dir: Path) -> str | None:
    """ZELFDE when our answer page for ``data_dir`` answers on the port, ANDERE when ours for another
    data directory does, None when no answer page of ours (another program, or nothing)."""
    address = f"http://127.0.0.1:{port}/gezond"
    with contextlib.suppress(OSError, ValueError), urllib.request.urlopen(address, timeout=2) as reply:
        mark = reply.headers.get(HEADER)
        if mark:
            return ZELFDE if mark == data_dir_mark(data_dir) else ANDERE
    return None
