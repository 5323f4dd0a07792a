"""The demo's history reads in the order things happened. A trial: after `./start.sh --eenmalig`,
`regie geschiedenis` listed the demo's answers (each recorded on its own date in May and June) before
"activiteit: toegevoegd", because the register was loaded as of the demo's day, 18 June. One clock
(models/clock.py) records both; the demo's story was wrong: start.sh now loads the register the first
time as of the day register/demo/antwoorden.yaml says it was loaded (services/checkins/demo_answers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.checkins.demo_answers import demo_register, main, record_demo
from tests.conftest import ROOT, Database, set_today

SQLITE_ONLY = True  # the demo's steps and the command's output are the subject

DEMO = ROOT / "register" / "demo"


def _load_day(capsys: pytest.CaptureFixture[str]) -> str:
    main([str(DEMO), "--laaddag"])
    return capsys.readouterr().out.strip()


def test_the_demo_s_history_lists_the_load_first_then_the_answers(  # type: ignore[no-untyped-def]
        db: Database, regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    set_today(monkeypatch, "2020-06-18")
    register = demo_register(ROOT / "register" / "voorbeeld", tmp_path / "demo-register", DEMO)
    # start.sh's steps: the load as of --laaddag, then the answers on their own dates
    assert 'REGIE_VANDAAG=${LAADDAG:-$PEILDATUM} step .venv/bin/python -m regie laad "$DEMO_REGISTER"' in (
        ROOT / "start.sh").read_text(encoding="utf-8")
    day = _load_day(capsys)
    assert day == "2020-05-01"
    set_today(monkeypatch, day)
    assert regie("laad", str(register)).code == 0
    set_today(monkeypatch, "2020-06-18")
    said = record_demo(DEMO, metingen=True)
    assert said[0] == "voortgang versterking-pleegzorg (maandag 4 mei 2020)"  # start.sh's words for a day
    said = regie("geschiedenis", "versterking-pleegzorg", "--gemeente", "Bronckhorst")
    assert said.code == 0, said.out + said.err
    lines = [line for line in said.out.splitlines() if " laad " in line or " opdracht " in line]
    assert "toegevoegd" in lines[0] and all("voortgang:" in line for line in lines[1:]), said.out
    # the day in words, as everywhere a user reads one (it said 01-05-2020)
    assert [line.split("│")[1].split()[:3] for line in lines] == [["1", "mei", "2020"], ["4", "mei", "2020"],
                                                                 ["10", "juni", "2020"]]
    # a later start (the register edited) loads as of the demo's day: the reload comes after the answers
    assert _load_day(capsys) == "2020-06-18"


def test_the_load_day_is_found_on_a_new_database_without_tables(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """start.sh asks before its first `regie laad`, when the data folder's database has no tables yet."""
    from models.settings import get_settings

    monkeypatch.setenv("REGIE_DATABASE_URL", f"sqlite:///{tmp_path / 'nieuw.db'}")
    get_settings.cache_clear()
    set_today(monkeypatch, "2020-06-18")
    assert _load_day(capsys) == "2020-05-01"
    assert (tmp_path / "nieuw.db").exists()  # made and migrated: the answer came from it
    set_today(monkeypatch, "2020-04-01")  # a demo day before the story's load: that day
    assert _load_day(capsys) == "2020-04-01"
