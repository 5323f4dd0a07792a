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
    # two sentences: "…, waarvan 7 doordeweekse dagen zonder controle" read as 7 of the reminders
    assert text.endswith("in 16 dagen (21 december 2020 t/m 5 januari 2021). Op 7 doordeweekse dagen loopt de "
                         "controle niet (vrije dagen, hierboven genoemd); in het weekend nooit. Er is niets "
                         "verstuurd of bewaard."), text[-300:]
    assert "waarvan" not in text.splitlines()[-1]


@pytest.mark.parametrize(("van", "tot", "vrij", "expected"), [
    ((2021, 5, 12), (2021, 6, 1), 2, "Samen 6 herinneringen in 21 dagen (12 mei 2021 t/m 1 juni 2021). Op 2 "
     "doordeweekse dagen loopt de controle niet (vrije dagen, hierboven genoemd); in het weekend nooit. Er is "
     "niets verstuurd of bewaard."),
    ((2021, 5, 17), (2021, 5, 19), 0, "Samen 6 herinneringen in 3 dagen (17 mei 2021 t/m 19 mei 2021). Er is "
     "niets verstuurd of bewaard."),
    ((2021, 5, 14), (2021, 5, 17), 0, "Samen 6 herinneringen in 4 dagen (14 mei 2021 t/m 17 mei 2021). In het "
     "weekend loopt de controle niet. Er is niets verstuurd of bewaard."),
    ((2021, 5, 13), (2021, 5, 13), 1, "Samen 6 herinneringen op 13 mei 2021. Op 1 "
     "doordeweekse dag loopt de controle niet (vrije dagen, hierboven genoemd). Er is niets verstuurd of bewaard."),
])
def test_the_last_line_counts_reminders_and_days_off_in_two_sentences(van, tot, vrij, expected) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from regie.status_cli import simulatie_slotregel

    assert simulatie_slotregel(6, dt.date(*van), dt.date(*tot), vrij) == expected
