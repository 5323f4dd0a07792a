"""Helpers for the bulk paths (loading a register, the daily check over a region)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, collect: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk work.

    Loading a register or reading a region's facts allocates millions of acyclic objects (YAML
    nodes, rows, facts, reminders); reference counting frees them, but the cyclic collector keeps
    rescanning the survivors and costs a third to a half of the time. ``collect``: one collection
    of the young generations afterwards picks up the few cycles left (skip it when the objects are
    still in use). Only the young ones: everything made during the pause is young (the collector
    did not run), and a full collection also rescans every long-lived object of the process
    (0.16–0.3 s in the web service or a test process, for nothing).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        if collect:
            gc.collect(1)
