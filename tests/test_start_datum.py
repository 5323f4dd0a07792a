"""./start.sh says a day one way: as a user reads it ("donderdag 18 juni 2020"). A trial: its output
mixed ISO dates (2020-06-18, the run names, "mosd 2020-06-25", "De demo speelt op 2020-06-18") with
Dutch words ("zaterdag 20 juni 2020"); ISO stays only where the user types a value, and then says so."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT

SQLITE_ONLY = True  # no database


@pytest.mark.parametrize(("iso", "said"), [("2020-06-18", "donderdag 18 juni 2020"),
                                           ("2021-01-04", "maandag 4 januari 2021"),
                                           ("2020-12-27", "zondag 27 december 2020"),
                                           ("morgen", "morgen")])  # not a date: as given
def test_start_sh_says_the_demo_s_day_in_words(iso: str, said: str) -> None:
    done = subprocess.run(["bash", "-c", 'source scripts_common.sh && dutch_day "$1"', "-", iso], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (0, said + "\n", "")


def test_start_sh_names_the_day_in_words_and_says_why_the_export_line_is_iso() -> None:
    script = (ROOT / "start.sh").read_text(encoding="utf-8")
    assert 'echo "De demo speelt op $(dutch_day "$REGIE_VANDAAG").' in script
    assert "(REGIE_VANDAAG is die dag zoals opdrachten een datum lezen: JJJJ-MM-DD)" in script
    assert "De demo speelt op $REGIE_VANDAAG" not in script


def test_the_cycle_s_summary_says_its_dates_in_words() -> None:
    from regie.dienst_demo import in_words

    assert in_words("voortgangsrapportage 2020-06-18: Gorinchem mosd 2020-06-24: verstuurd; Bronckhorst poho "
                    "2020-06-25: al gemaakt op 18-06-2020 09:45 (niet opnieuw verstuurd)") == (
        "voortgangsrapportage donderdag 18 juni 2020: Gorinchem MOSD van woensdag 24 juni 2020: verstuurd; "
        "Bronckhorst PoHo van donderdag 25 juni 2020: al gemaakt op donderdag 18 juni 2020 om 09:45 (niet "
        "opnieuw verstuurd)")


def test_the_install_says_it_takes_one_to_two_minutes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A slow machine took 70-90 s where the install said "ongeveer een halve minuut" (a go-live trial)."""
    import shutil

    shutil.copy(ROOT / "scripts_common.sh", tmp_path)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    python = tmp_path / "python"  # passes the version check, then fails: only the first lines are said
    python.write_text('#!/bin/bash\n[ "$1" = "-c" ] && exit 0\nexit 1\n', encoding="utf-8")
    python.chmod(0o755)
    done = subprocess.run(["bash", "-c", "source scripts_common.sh && install_venv"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin",
                                                                           "PYTHON": str(python)})
    first = done.stderr.splitlines()[0]
    assert first == "programmaregie: installeren in .venv (de eerste keer een tot twee minuten)...", done.stderr
