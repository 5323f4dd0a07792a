"""`regie laad` counts indicators like every other kind: a load that added or archived only
indicators printed a table of headers without a row (a new user's trial: loading the sample over the
demo archived the demo's indicators without a word)."""

from __future__ import annotations

from pathlib import Path

from services.checkins.demo_answers import demo_register
from tests.conftest import ROOT, Database

SQLITE_ONLY = True  # the output of the command is the subject; the loading is tested on both


def _row(said: str, kind: str) -> list[str]:
    return next(line.split()[1:] for line in said.splitlines() if line.split()[:1] == [kind])


def test_indicators_added_and_archived_are_counted_in_the_load_summary(db: Database, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sample = ROOT / "register" / "voorbeeld"
    assert regie("laad", str(sample)).code == 0
    with_indicators = demo_register(sample, tmp_path / "demo", ROOT / "register" / "demo")
    added = regie("laad", str(with_indicators))
    assert added.code == 0, added
    assert _row(added.out, "indicatoren") == ["2", "0", "0"], added.out  # Bronckhorst: two, Gorinchem: one
    rows = [line for line in added.out.splitlines() if line.split()[:1] == ["indicatoren"]]  # a table each
    assert "Gorinchem" in added.out and len(rows) == 2, added.out
    assert "toegevoegd indicatoren: programma 7/jongeren-met-jeugdhulp" in added.out  # named, as the plan does
    archived = regie("laad", str(sample))
    assert archived.code == 0, archived
    assert _row(archived.out, "indicatoren") == ["0", "0", "2"], archived.out
