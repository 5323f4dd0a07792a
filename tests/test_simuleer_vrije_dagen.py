"""`regie simuleer` on a weekday off (a holiday, a closing day of REGIE_SLUITINGSDAGEN) prints one line
saying why nothing goes out that day, in the words of the check itself (domain/werkdagen.py):
it passed them without a word, so a week around Christmas looked like a gap in the rules (a new user's
trial). Weekends stay silent: the daily check never runs on them."""

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
        f"do 24-12-2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        "vr 25-12-2020 geen werkdag (Eerste Kerstdag): de controle loopt niet, er gaat niets uit.",
        f"ma 28-12-2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"di 29-12-2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"wo 30-12-2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        f"do 31-12-2020 geen werkdag ({sluiting}): de controle loopt niet, er gaat niets uit.",
        "vr 01-01-2021 geen werkdag (Nieuwjaarsdag): de controle loopt niet, er gaat niets uit.",
    ]
    assert text.count("geen werkdag") == len(expected), outcome.out
    assert [text.index(line) for line in expected] == sorted(text.index(line) for line in expected), outcome.out
    assert "za 26-12-2020" not in text and "zo 27-12-2020" not in text  # the check never runs on weekends
    # the days in order: the closing day's line stands between the days around it
    assert text.index("wo 23-12-2020") < text.index("do 24-12-2020") < text.index("ma 04-01-2021")
    assert "weekend, feestdag of sluitingsdag" not in text
    assert text.endswith("in 16 dagen, waarvan 7 doordeweekse dagen zonder controle (niets verstuurd of bewaard).")
