"""`regie simuleer` on a weekday off (a holiday, a closing day of REGIE_SLUITINGSDAGEN) prints one line
saying why nothing goes out that day, in the words of the check itself (domain/werkdagen.py):
it passed them without a word, so a week around Christmas looked like a gap in the rules (a new user's
trial). Weekends stay silent: the daily check never runs on them. Each day is written in words with its
weekday, as `regie status` writes its peildatum ("donderdag 24 december 2020"; it said "do 24-12-2020")."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_simuleer_names_each_weekday_off_and_why(db, sample: Path, regie, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                 ) -> None:
    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", "2020-12-24,2020-12-28,2020-12-29,2020-12-30,2020-12-31")
    assert regie("laad", str(sample)).code == 0
    outcome = regie("simuleer", "--van", "2020-12-21", "--tot", "2021-01-05")
    assert outcome.code == 0, outcome
    # Compared as one line of words: the console wraps long lines at its width.
    text = " ".join(outcome.out.split())
    sluiting = "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN"
    expected = [
        f"donderdag 24 december 2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        "vrijdag 25 december 2020 geen werkdag (Eerste Kerstdag): de controle loopt niet, er gaat niets uit.",
        f"maandag 28 december 2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"dinsdag 29 december 2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"woensdag 30 december 2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"donderdag 31 december 2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        "vrijdag 1 januari 2021 geen werkdag (Nieuwjaarsdag): de controle loopt niet, er gaat niets uit.",
    ]
    assert text.count("geen werkdag") == len(expected), outcome.out
    assert [text.index(line) for line in expected] == sorted(text.index(line) for line in expected), outcome.out
    assert "zaterdag 26 december 2020" not in text and "zondag 27 december 2020" not in text  # the check never runs on weekends
    # the days in order: the closing day's line stands between the days around it
    assert text.index("woensdag 23 december 2020") < text.index("donderdag 24 december 2020") < text.index("maandag 4 januari 2021")
    assert "weekend, feestdag of sluitingsdag" not in text
    assert text.endswith("in 16 dagen, waarvan 7 doordeweekse dagen zonder controle (niets verstuurd of bewaard).")
