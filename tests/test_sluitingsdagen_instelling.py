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


@pytest.mark.parametrize(("typed", "days"), [
    ("2020-12-24 t/m 2020-12-27", [dt.date(2020, 12, d) for d in (24, 25, 26, 27)]),
    ("2020-06-17, 2020-12-30 t/m 2021-01-01",
     [dt.date(2020, 6, 17), dt.date(2020, 12, 30), dt.date(2020, 12, 31), dt.date(2021, 1, 1)]),
    ("2020-12-24 T/M 2020-12-24", [dt.date(2020, 12, 24)]),
])
def test_a_range_of_closing_days_is_every_day_of_it(monkeypatch: pytest.MonkeyPatch, typed: str,
                                                    days: list[dt.date]) -> None:
    """Before: "'t/m' is niet te lezen" for REGIE_SLUITINGSDAGEN="2020-12-24 t/m 2020-12-31"."""
    from models.settings import Settings

    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", typed)
    assert Settings().sluitingsdagen == days


@pytest.mark.parametrize(("typed", "said"), [
    ("2020-01-01 t/m 2021-12-31", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '2020-01-01 t/m "
                                  "2021-12-31' is langer dan een jaar (731 dagen). Schrijf een reeks van "
                                  "hoogstens 366 dagen, bijvoorbeeld 2020-12-24 t/m 2020-12-31."),
    ("2020-12-31 t/m 2020-12-24", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '2020-12-31 t/m "
                                  "2020-12-24' eindigt voor het begint. Schrijf de eerste dag vooraan, "
                                  "bijvoorbeeld 2020-12-24 t/m 2020-12-31."),
    ("24-12-2020 t/m 31-12-2020", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '24-12-2020 t/m "
                                  "31-12-2020'. Schrijf een reeks als JJJJ-MM-DD t/m JJJJ-MM-DD, dus "
                                  "2020-12-24 t/m 2020-12-31."),
    # a range without an end (a new user's trial): before "'t/m' is niet te lezen … bijvoorbeeld 2020-06-18"
    ("2020-12-24 t/m", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '2020-12-24 t/m': na 't/m' "
                       "ontbreekt de laatste dag. Schrijf 2020-12-24 t/m 2020-12-31."),
    ("2020-06-17, 2021-01-04 t/m ", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '2021-01-04 t/m': "
                                    "na 't/m' ontbreekt de laatste dag. Schrijf 2021-01-04 t/m 2021-01-11."),
    ("t/m 2020-12-31", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: 't/m 2020-12-31': voor 't/m' "
                       "ontbreekt de eerste dag. Schrijf 2020-12-24 t/m 2020-12-31."),
    ("24 december 2020", "De instelling REGIE_SLUITINGSDAGEN is niet te lezen: '24 december 2020'. Schrijf "
                         "een datum als JJJJ-MM-DD, dus 2020-12-24."),
])
def test_a_wrong_range_or_a_written_out_date_gets_one_message(monkeypatch: pytest.MonkeyPatch, typed: str,
                                                              said: str) -> None:
    from pydantic import ValidationError

    from models.settings import Settings, settings_problem

    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", typed)
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert settings_problem(refused.value) == said


@pytest.mark.parametrize(("vandaag", "typed", "said"), [
    ("2026-11-30", "24 december", "'24 december': het jaar ontbreekt. Schrijf de datum met het jaar als "
                                  "JJJJ-MM-DD, bijvoorbeeld 2026-12-24."),
    ("2020-06-18", "2020-06-17, 24 dec, 31 december", "'24 dec', '31 december': het jaar ontbreekt. Schrijf "
                                                     "de datum met het jaar als JJJJ-MM-DD, bijvoorbeeld "
                                                     "2020-12-24."),
    ("2021-01-04", "31 februari", "'31 februari': het jaar ontbreekt. Schrijf de datum met het jaar als "
                                  "JJJJ-MM-DD, bijvoorbeeld 2021-12-24."),
])
def test_a_date_without_a_year_gets_one_message_with_the_clocks_year(
        monkeypatch: pytest.MonkeyPatch, vandaag: str, typed: str, said: str) -> None:
    """A new user's trial: REGIE_SLUITINGSDAGEN="24 december" gave two messages, one for '24' and one
    for 'december', each with an example from 2020. Now one message names the value; the example has the
    year of the project's clock (REGIE_VANDAAG)."""
    from pydantic import ValidationError

    from models.settings import Settings, settings_problem

    monkeypatch.setenv("REGIE_VANDAAG", vandaag)
    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", typed)
    with pytest.raises(ValidationError) as refused:
        Settings()
    assert settings_problem(refused.value) == f"De instelling REGIE_SLUITINGSDAGEN is niet te lezen: {said}"
