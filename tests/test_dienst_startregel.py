"""`regie dienst`'s first line: said at once, and naming a moved project clock."""

from __future__ import annotations

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_service_says_first_that_it_starts_and_whether_its_clock_is_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    """`regie dienst`'s first line (before the minute or two its parts take) names a moved clock: a trial saw
    every planned run named after one day and nothing said why."""
    from models.settings import get_settings
    from regie.dienst_demo import starting

    monkeypatch.setenv("REGIE_VANDAAG", "2026-12-11")
    get_settings.cache_clear()
    try:
        assert starting().startswith("De dienst start: ")
        assert "Let op: de klok staat op vrijdag 11 december 2026 (REGIE_VANDAAG)" in starting()
        monkeypatch.delenv("REGIE_VANDAAG")
        get_settings.cache_clear()
        assert "klok" not in starting()
    finally:
        get_settings.cache_clear()
