"""REGIE_DATA_DIR that names a file, or a folder that cannot be made: before, every command said
'Interne fout (FileExistsError) ... Zet REGIE_DEBUG=1'."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_a_data_dir_that_is_a_file_is_named(tmp_path: Path) -> None:
    a_file = tmp_path / "regie.txt"
    a_file.write_text("x", encoding="utf-8")
    env = {**os.environ, "REGIE_DATA_DIR": str(a_file), "COLUMNS": "300"}
    env.pop("REGIE_DATABASE_URL", None)
    regie = Path(sys.executable).parent / "regie"
    result = subprocess.run([str(regie), "status"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2, result
    assert said == (f"De instelling REGIE_DATA_DIR noemt een bestand, geen map: {a_file}. Schrijf het pad van "
                    "een map (die nog niet hoeft te bestaan), bijvoorbeeld "
                    "REGIE_DATA_DIR=$HOME/.local/share/programmaregie."), said


@pytest.mark.parametrize("error", [FileExistsError, NotADirectoryError])
def test_a_file_above_the_data_dir_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type) -> None:
    from models.settings import data_dir_problem, get_settings

    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path / "bestand" / "data"))
    get_settings.cache_clear()
    said = data_dir_problem(error(20, "Not a directory", str(tmp_path / "bestand" / "data")))
    get_settings.cache_clear()
    assert said == (f"De instelling REGIE_DATA_DIR ({tmp_path}/bestand/data) ligt in een bestand, geen map: "
                    f"{tmp_path}/bestand. Schrijf het pad van een map (die nog niet hoeft te bestaan), "
                    "bijvoorbeeld REGIE_DATA_DIR=$HOME/.local/share/programmaregie.")


def test_a_data_dir_without_permission_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root may write anywhere, so the refusal the system gives is made here."""
    from models.settings import data_dir_problem, get_settings

    monkeypatch.setenv("REGIE_DATA_DIR", "/srv/regie/data")
    get_settings.cache_clear()
    said = data_dir_problem(PermissionError(13, "Permission denied", "/srv/regie"))
    elsewhere = data_dir_problem(PermissionError(13, "Permission denied", "/etc/shadow"))
    get_settings.cache_clear()
    assert said == ("De map van de instelling REGIE_DATA_DIR (/srv/regie/data) is niet te maken of te "
                    "beschrijven: geen toestemming voor /srv/regie. Kies een map waarin deze gebruiker mag "
                    "schrijven, bijvoorbeeld REGIE_DATA_DIR=$HOME/.local/share/programmaregie, of geef "
                    "schrijfrecht op /srv/regie.")
    assert elsewhere is None


def _as_a_user_who_may_not_write() -> list[str]:
    """The command prefix that makes the kernel refuse writes to a folder without write permission. Root
    writes anywhere (chmod does not stop it), so as root the command runs without the capabilities that
    let root pass file permissions (setpriv drops them from the bounding set; the user stays root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("as root a folder without write permission can only be tested with setpriv")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


@pytest.mark.parametrize("loaded", [False, True])
def test_an_existing_data_dir_without_write_permission_is_named(tmp_path: Path, loaded: bool) -> None:
    """A new user's trial: REGIE_DATA_DIR at an existing folder with chmod 555 said "De database is niet
    bereikbaar … Controleer REGIE_DATABASE_URL en of de databaseserver draait", which names neither the
    folder nor what to do. Now it gets the data folder's message, as a folder that cannot be made does."""
    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "REGIE_DATA_DIR": str(data), "COLUMNS": "300", "REGIE_GEBRUIKER": "regisseur-jeugd"}
    env.pop("REGIE_DATABASE_URL", None)
    regie = str(Path(sys.executable).parent / "regie")
    if loaded:  # a folder in use that later lost its write permission
        done = subprocess.run([regie, "laad", str(ROOT / "register" / "voorbeeld")], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=300)
        assert done.returncode == 0, done
    data.chmod(0o555)
    prefix = _as_a_user_who_may_not_write()
    try:
        probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(data / 'x')!r}, 'w')"],
                               capture_output=True, text=True, timeout=60)
        assert probe.returncode != 0 and "PermissionError" in probe.stderr, probe  # writing really fails
        result = subprocess.run([*prefix, regie, "status"], capture_output=True, text=True, env=env, cwd=ROOT,
                                timeout=120)
    finally:
        data.chmod(0o755)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2, result
    assert said == (f"De map van de instelling REGIE_DATA_DIR ({data}) is niet te maken of te beschrijven: geen "
                    f"toestemming voor {data}. Kies een map waarin deze gebruiker mag schrijven, bijvoorbeeld "
                    f"REGIE_DATA_DIR=$HOME/.local/share/programmaregie, of geef schrijfrecht op {data}."), said


def test_a_command_that_only_reads_makes_no_database_or_folder(tmp_path: Path) -> None:
    """Before, `regie link`, `regie status` (and agenda, overzicht, geschiedenis …) without REGIE_DATA_DIR
    silently made an empty production database in ~/.local/share/programmaregie. Now they say there is
    no register and make nothing; `regie laad` (a command that writes) still makes folder and database."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("REGIE_DATA_DIR", "REGIE_DATABASE_URL", "XDG_DATA_HOME")}
    env.update({"HOME": str(home), "COLUMNS": "300"})
    regie = str(Path(sys.executable).parent / "regie")
    data = home / ".local" / "share" / "programmaregie"
    for args in (["link", "bram"], ["status"]):
        result = subprocess.run([regie, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        said = " ".join(result.stderr.split())
        assert result.returncode == 2 and said.startswith(
            f"Geen programma's gevonden in de database sqlite:///{data}/regie.db. Laad eerst een register"), result
    assert list(home.rglob("*")) == []
    done = subprocess.run([regie, "laad", str(ROOT / "register" / "voorbeeld")], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and (data / "regie.db").is_file(), done
