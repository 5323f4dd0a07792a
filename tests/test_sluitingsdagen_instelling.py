"""REGIE_SLUITINGSDAGEN as a person writes it: one date, dates with commas or spaces, or a JSON list.
One bare date gave "Interne fout (SettingsError)" for every command (a new user's trial)."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(("typed", "days"), [
    ("2020-06-17", [dt.date(2020, 6, 17)]),
    ("2020-06-17, 2020-12-24", [dt.date(2020, 6, 17), dt.date(2020, 12, 24)]),
    ("2020-06-17 2020-12-24", [dt.date(2020, 6, 17), dt.date(2020, 12, 24)]),
    ('["2020-06-17", "2020-12-24"]', [dt.date(2020, 6, 17), dt.date(2020, 12, 24)]),
    ("", []),
])
def test_closing_days_read_as_typed(monkeypatch: pytest.MonkeyPatch, typed: str, days: list[dt.date]) -> None:
    from models.settings import Settings

    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", typed)
    assert Settings().sluitingsdagen == days


@pytest.mark.parametrize(("typed", "said"), [
    ("17-06-2020", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '17-06-2020'. Schrijf een datum als "
                   "JJJJ-MM-DD, dus 2020-06-17."),
    ("2020-06-31", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '2020-06-31'."),
])
def test_a_wrong_closing_day_is_named_with_what_to_write(monkeypatch: pytest.MonkeyPatch, typed: str,
                                                        said: str) -> None:
    from pydantic import ValidationError

    from models.settings import Settings, settings_problem

    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", typed)
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert said in (settings_problem(refused.value) or "")
