"""`regie laad` names each file as the user typed the folder: `regie laad mijn/register` says
mijn/register/bronckhorst/programma-1.yaml (it said register/bronckhorst/…, relative to the folder's
parent, a path that does not exist where the user stands); an absolute folder gives absolute paths."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE


def _laad(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REGIE_DATA_DIR": str(cwd / "data")}
    env.pop("REGIE_DATABASE_URL", None)
    return subprocess.run([str(Path(sys.executable).parent / "regie"), "laad", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


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


def test_files_are_named_under_the_folder_as_typed(tmp_path: Path) -> None:
    _broken_region(tmp_path)
    for typed in ("mijn/register", "./mijn/register/", "mijn/register/../register"):
        result = _laad(tmp_path, typed)
        assert result.returncode == 2, result
        shown = os.path.normpath(typed) if ".." not in typed else typed.rstrip("/")
        assert _files_named(result.stderr) == [f"{shown}/bronckhorst/programma-1.yaml",
                                               f"{shown}/gorinchem/personen.yaml"], result.stderr
    one = _laad(tmp_path, "mijn/register/gorinchem")  # one municipality's folder
    assert _files_named(one.stderr) == ["mijn/register/gorinchem/personen.yaml"], one.stderr


def test_an_absolute_folder_gives_absolute_paths(tmp_path: Path) -> None:
    root = _broken_region(tmp_path)
    result = _laad(tmp_path / "mijn", str(root))
    assert result.returncode == 2, result
    assert _files_named(result.stderr) == [f"{root}/bronckhorst/programma-1.yaml",
                                           f"{root}/gorinchem/personen.yaml"], result.stderr


def test_a_folder_that_is_no_register_is_named_as_typed(tmp_path: Path) -> None:
    (tmp_path / "mijn" / "leeg").mkdir(parents=True)
    result = _laad(tmp_path, "mijn/leeg")
    assert result.returncode == 2
    assert "  • mijn/leeg: hier staat geen register" in result.stderr, result.stderr
    result = _laad(tmp_path, "mijn/bestaat-niet")
    assert "  • mijn/bestaat-niet: deze map bestaat niet" in result.stderr, result.stderr
