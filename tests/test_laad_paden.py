"""`regie laad` names each file as the user typed the folder: `regie laad mijn/register` says
mijn/register/bronckhorst/programma-1.yaml (it said register/bronckhorst/…, relative to the folder's
parent, a path that does not exist where the user stands); an absolute folder gives absolute paths."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE


@pytest.fixture
def laad(regie, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`regie laad ARGS` typed in the folder ``cwd``, with the default database of a data directory there
    (the entry point in this process: tests/test_cli.py starts the installed command)."""
    def run(cwd: Path, *args: str):  # type: ignore[no-untyped-def]
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("REGIE_DATA_DIR", str(cwd / "data"))
        monkeypatch.delenv("REGIE_DATABASE_URL", raising=False)
        return regie("laad", *args)
    return run


def _broken_region(tmp_path: Path) -> Path:
    """The sample region under mijn/register, with an error in a programme file and in personen.yaml."""
    root = tmp_path / "mijn" / "register"
    shutil.copytree(SAMPLE, root)
    programme = root / "bronckhorst" / "programma-1.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("    status: lopend\n", "    status: bezig\n", 1),
                         encoding="utf-8")
    people = root / "gorinchem" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("rollen: [regisseur]", "rollen: [regiseur]", 1),
                      encoding="utf-8")
    return root


def _files_named(stderr: str) -> list[str]:
    return [line.strip().removeprefix("• ").split(", regel")[0] for line in stderr.splitlines()
            if line.strip().startswith("•")]


def test_files_are_named_under_the_folder_as_typed(tmp_path: Path, laad) -> None:  # type: ignore[no-untyped-def]
    _broken_region(tmp_path)
    for typed in ("mijn/register", "./mijn/register/", "mijn/register/../register"):
        result = laad(tmp_path, typed)
        assert result.code == 2, result
        shown = os.path.normpath(typed) if ".." not in typed else typed.rstrip("/")
        assert _files_named(result.err) == [f"{shown}/bronckhorst/programma-1.yaml",
                                               f"{shown}/gorinchem/personen.yaml"], result.err
    one = laad(tmp_path, "mijn/register/gorinchem")  # one municipality's folder
    assert _files_named(one.err) == ["mijn/register/gorinchem/personen.yaml"], one.err


def test_an_absolute_folder_gives_absolute_paths(tmp_path: Path, laad) -> None:  # type: ignore[no-untyped-def]
    root = _broken_region(tmp_path)
    result = laad(tmp_path / "mijn", str(root))
    assert result.code == 2, result
    assert _files_named(result.err) == [f"{root}/bronckhorst/programma-1.yaml",
                                           f"{root}/gorinchem/personen.yaml"], result.err


def test_a_folder_that_is_no_register_is_named_as_typed(tmp_path: Path, laad) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mijn" / "leeg").mkdir(parents=True)
    result = laad(tmp_path, "mijn/leeg")
    assert result.code == 2
    assert "  • mijn/leeg: hier staat geen register" in result.err, result.err
    result = laad(tmp_path, "mijn/bestaat-niet")
    assert "  • mijn/bestaat-niet: deze map bestaat niet" in result.err, result.err
