"""services/written_files.py: the ledger of the files the project wrote in folders users name. Two
commands writing at the same moment both keep their entries (a lost entry made the next run refuse
its own file), and files that are gone leave it, so it stays as large as what is on disk."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _write_many(data_dir: str, folder: str, name: str, count: int) -> None:
    import os

    os.environ["REGIE_DATA_DIR"] = data_dir
    from models.settings import get_settings
    from services.written_files import write_files

    get_settings.cache_clear()
    for i in range(count):
        write_files([(Path(folder) / f"{name}-{i}.txt", f"{name} {i}\n".encode())])


def test_two_writers_at_once_keep_every_entry_and_a_removed_file_leaves_the_ledger(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.settings import get_settings
    from services.written_files import LEDGER, is_ours, write_files

    data, out = tmp_path / "data", tmp_path / "uit"
    out.mkdir()
    monkeypatch.setenv("REGIE_DATA_DIR", str(data))
    get_settings.cache_clear()
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(data), str(out), name, 40)) for name in ("a", "b")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    ledger = json.loads((data / LEDGER).read_text(encoding="utf-8"))
    assert len(ledger) == 80 and all(is_ours(out / f"{n}-{i}.txt") for n in "ab" for i in range(40))
    for i in range(40):
        (out / f"a-{i}.txt").unlink()
    write_files([(out / "c.txt", b"c\n")])
    ledger = json.loads((data / LEDGER).read_text(encoding="utf-8"))
    assert sorted(Path(key).name for key in ledger) == sorted([f"b-{i}.txt" for i in range(40)] + ["c.txt"])


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Sets the process's umask for a test (as a shell's `umask 027` does); restored afterwards."""
    before = os.umask(0o022)
    yield os.umask  # type: ignore[misc]
    os.umask(before)


def _modes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): oct(p.stat().st_mode & 0o7777) for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _commands(out: Path) -> list[tuple[str, ...]]:
    """Every command that writes files where the user says, each into ``out``."""
    day = ("--peildatum", "2020-06-18")
    return [("rapport", "--vergadering", "mosd", *day, "--uitvoer", str(out / "rapport")),
            ("overzicht", *day, "--uitvoer", str(out / "overzicht.xlsx")),
            ("overzicht", *day, "--formaat", "csv", "--uitvoer", str(out / "csv")),
            ("exporteer", str(out / "register")),
            ("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(out / "regisseur.ics"))]


def test_files_written_for_the_user_get_the_mode_of_new_files_and_a_replaced_file_keeps_its_own(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, umask: Callable[[int], None], tmp_path: Path) -> None:
    """A coordinator's reports, overview, exported register and calendar came out as 0600 (the atomic
    write's temporary file): a colleague on the share could not open them. Each now gets what any new
    file gets (0666 less the umask), and a file it replaces keeps the mode its owner gave it."""
    from models.settings import get_settings

    assert regie("laad", str(sample)).code == 0
    for mask, mode in ((0o022, "0o644"), (0o027, "0o640")):
        umask(mask)
        for command in _commands(tmp_path / f"uit-{mask:o}"):
            assert regie(*command).code == 0, command
        modes = _modes(tmp_path / f"uit-{mask:o}")
        assert len(modes) > 10 and set(modes.values()) == {mode}, modes
    # Replacing: the owner gave the calendar, the workbook, a CSV file, a register file and the
    # report's PDF modes of their own; the commands' next run (under another umask) keeps each.
    umask(0o077)
    out = tmp_path / "uit-22"
    chosen = {"regisseur.ics": 0o640, "overzicht.xlsx": 0o660, "csv/open-mijlpalen.csv": 0o604,
              "register/bronckhorst/personen.yaml": 0o600, "rapport/rapport-mosd-bronckhorst-2020-06-25.pdf": 0o664}
    for name, mode_of_owner in chosen.items():
        (out / name).chmod(mode_of_owner)
    before = {name: (out / name).stat().st_ino for name in chosen}
    for command in _commands(out):
        assert regie(*command).code == 0, command
    modes = _modes(out)
    assert {name: modes[name] for name in chosen} == {name: oct(m) for name, m in chosen.items()}
    assert all((out / name).stat().st_ino != before[name] for name in chosen)  # replaced, not rewritten in place
    assert modes["rapport/rapport-mosd-bronckhorst-2020-06-25.html"] == "0o644"
    # The archive in the data directory follows the umask too (here 077: private).
    assert regie("rapport", "--vergadering", "poho", "--peildatum", "2020-06-18").code == 0
    archive = {name: mode for name, mode in _modes(get_settings().rapport_dir).items() if "poho" in name}
    assert archive and set(archive.values()) == {"0o600"}, archive
