"""services/written_files.py: the ledger of the files the project wrote in folders users name. Two
commands writing at the same moment both keep their entries (a lost entry made the next run refuse
its own file), and files that are gone leave it, so it stays as large as what is on disk."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest


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
