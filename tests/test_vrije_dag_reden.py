"""A day off is named for what it is: "zaterdag", "zondag", the holiday's Dutch name ("Tweede
Kerstdag") or "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN", never the generic "weekend,
feestdag of sluitingsdag" (a new user's trial). One rule (domain/werkdagen.py), read by the
terminal line of `regie controle`, the Prefect summary, the demo and the check-in round."""

from __future__ import annotations

import datetime as dt

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

SLUITING = "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN"


@pytest.mark.parametrize(("day", "reason"), [
    (dt.date(2020, 6, 27), "zaterdag"),
    (dt.date(2020, 6, 28), "zondag"),
    (dt.date(2020, 12, 25), "Eerste Kerstdag"),
    (dt.date(2020, 12, 26), "zaterdag en Tweede Kerstdag"),
    (dt.date(2021, 12, 27), None),  # a Monday after Christmas on the weekend: a working day
    (dt.date(2020, 4, 10), "Goede Vrijdag"),
    (dt.date(2020, 4, 27), "Koningsdag"),
    (dt.date(2021, 5, 5), "Bevrijdingsdag"),  # every year for municipal staff (cao gemeenten)
    (dt.date(2020, 5, 21), "Hemelvaartsdag"),
    (dt.date(2020, 6, 1), "Tweede Pinksterdag"),
    (dt.date(2020, 12, 24), SLUITING),
    (dt.date(2020, 6, 18), None),
])
def test_why_a_day_is_off(day: dt.date, reason: str | None) -> None:
    from domain.werkdagen import Werkdagen

    werkdagen = Werkdagen([dt.date(2020, 12, 24)])
    assert werkdagen.waarom_vrij(day) == reason
    assert werkdagen.is_werkdag(day) is (reason is None)


def test_every_day_off_of_a_year_has_a_reason_and_no_working_day_has_one() -> None:
    from domain.werkdagen import Werkdagen

    werkdagen, day = Werkdagen([dt.date(2020, 12, 31)]), dt.date(2020, 1, 1)
    while day.year == 2020:
        reason = werkdagen.waarom_vrij(day)
        assert (reason is None) is werkdagen.is_werkdag(day), day
        assert reason is None or "weekend, feestdag" not in reason
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("day", "reason"), [
    (dt.date(2020, 6, 27), ""),  # "zaterdag 27 juni 2020 is geen werkdag (zaterdag)" said the day twice
    (dt.date(2020, 12, 26), " (Tweede Kerstdag)"),
    (dt.date(2020, 12, 24), f" ({SLUITING})"),
])
def test_the_terminal_line_of_regie_controle_names_the_day_off(day: dt.date, reason: str) -> None:
    from domain.rules.instellingen import RegelInstellingen
    from domain.werkdagen import Werkdagen
    from regie.controle_tekst import samenvatting
    from services.rendering import dag

    werkdagen = Werkdagen([dt.date(2020, 12, 24)])
    summary = {"te_laat": 4, "binnenkort": 0, "overig": 0, "overig_per_regel": {}, "nieuw": 0, "bezorgd": 0,
               "werkdag": False, "volgende_werkdag": werkdagen.op_of_na(day).isoformat(),
               "waarom_vrij": werkdagen.waarom_vrij(day)}
    line = samenvatting(day, False, summary, RegelInstellingen())
    assert line.startswith(f"Dagelijkse controle {dag(day)}: geen controle, het is geen werkdag{reason}. Op vrije "
                           "dagen"), line
    assert "weekend, feestdag of sluitingsdag" not in line


def test_the_prefect_summary_names_the_day_off() -> None:
    from services.rendering import render

    text = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": dt.date(2020, 12, 25), "droog": False, "werkdag": False, "vrij": "Eerste Kerstdag",
        "volgende_werkdag": dt.date(2020, 12, 28), "programmas": [], "problemen": []})
    assert "vrijdag 25 december 2020 is geen werkdag (Eerste Kerstdag): op vrije dagen" in text, text
    assert "weekend, feestdag of sluitingsdag" not in text


def test_the_check_in_round_names_the_day_off() -> None:
    from domain.werkdagen import Werkdagen
    from services.checkins.asking import not_a_working_day

    assert not_a_working_day(dt.date(2020, 12, 24), Werkdagen([dt.date(2020, 12, 24)])) == (
        f"donderdag 24 december 2020 is geen werkdag ({SLUITING}); op vrije dagen vragen we niemand om "
        "voortgang (de eerstvolgende werkdag is maandag 28 december 2020)")


def test_a_weekend_day_is_not_named_twice() -> None:
    """The weekday is in the day's own words already: only a holiday or a closing day adds a reason."""
    from domain.werkdagen import Werkdagen, bij_de_dag
    from services.checkins.asking import not_a_working_day
    from services.rendering import render

    werkdagen = Werkdagen([])
    assert not_a_working_day(dt.date(2020, 6, 20), werkdagen) == (
        "zaterdag 20 juni 2020 is geen werkdag; op vrije dagen vragen we niemand om voortgang (de "
        "eerstvolgende werkdag is maandag 22 juni 2020)")
    assert bij_de_dag(werkdagen.waarom_vrij(dt.date(2020, 12, 26))) == " (Tweede Kerstdag)"
    text = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": dt.date(2020, 6, 20), "droog": False, "werkdag": False, "vrij": "zaterdag",
        "volgende_werkdag": dt.date(2020, 6, 22), "programmas": [], "problemen": []})
    assert "zaterdag 20 juni 2020 is geen werkdag: op vrije dagen" in text, text
