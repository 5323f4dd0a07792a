"""Helpers of the importer's tests: a document imported with ``regie importeer`` (the command, in
process) and the draft register it wrote, read back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Draft:
    """The draft register ``regie importeer`` wrote in ``folder``, and what the command said."""

    folder: Path
    said: str
    programmas: list[dict[str, Any]]

    @property
    def activities(self) -> list[dict[str, Any]]:
        return [a for p in self.programmas for a in p["activiteiten"]]

    @property
    def milestones(self) -> list[dict[str, Any]]:
        return [m for a in self.activities for m in a.get("mijlpalen", [])]


def import_draft(regie: Any, tmp_path: Path, text: str | None = None, *, source: Path | None = None,
                 name: str = "begroting-2026.txt", gemeente: str = "Proefdorp",
                 documentdatum: str = "2025-10-01", options: tuple[str, ...] = ()) -> Draft:
    """Import ``text`` (written to ``name`` in ``tmp_path``) or the file ``source`` for ``gemeente``
    as of ``documentdatum``, with further ``options`` (``--verslag``); the command must succeed."""
    if source is None:
        assert text is not None
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", gemeente, "--uitvoer", str(out),
                    "--documentdatum", documentdatum, *options)
    assert outcome.code == 0, outcome
    programmas = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(out.glob("programma-*.yaml"))]
    return Draft(out, outcome.out, programmas)
