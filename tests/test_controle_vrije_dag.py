"""On a day off the daily check does not run: `regie controle` says so and names the next working
day, instead of "0 te laat, 0 binnenkort" while items are late. Dates from the project clock only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_terminal_line_on_every_day_off_of_a_year_names_the_next_working_day() -> None:
    from domain.rules.instellingen import RegelInstellingen
    from domain.werkdagen import Werkdagen
    from regie.controle_tekst import samenvatting
    from services.rendering import dag

    werkdagen, day, off = Werkdagen(), dt.date(2020, 1, 1), 0
    while day.year == 2020:
        summary = {"te_laat": 4, "binnenkort": 0, "overig": 0, "overig_per_regel": {}, "nieuw": 0, "bezorgd": 0,
                   "werkdag": werkdagen.is_werkdag(day), "volgende_werkdag": werkdagen.op_of_na(day).isoformat()}
        line = samenvatting(day, False, summary, RegelInstellingen())
        if werkdagen.is_werkdag(day):
            assert line.startswith(f"Dagelijkse controle {dag(day)}: 4 te laat"), line
        else:
            off += 1
            nxt = werkdagen.op_of_na(day)
            assert nxt > day and werkdagen.is_werkdag(nxt)
            assert "te laat, " not in line and f"eerstvolgende controle is op {dag(nxt)}" in line, line
        day += dt.timedelta(days=1)
    assert off > 104  # the weekends and the holidays


@pytest.mark.usefixtures("prefect")
def test_a_check_on_saturday_27_june_2020_says_it_did_not_run(db: Database, sample: Path, smtp: Mailserver) -> None:
    from models.settings import get_settings
    from regie.controle_tekst import samenvatting
    from tests.test_dagelijkse_controle import check, load

    load(sample)
    _, summary = check(dt.date(2020, 6, 27))
    assert summary["werkdag"] is False and summary["volgende_werkdag"] == "2020-06-29"
    assert samenvatting(dt.date(2020, 6, 27), False, summary, get_settings().regels) == (
        "Dagelijkse controle zaterdag 27 juni 2020: geen controle, het is geen werkdag. "
        "Op vrije dagen loopt de controle niet en gaat er niets uit; de "
        "eerstvolgende controle is op maandag 29 juni 2020 en haalt alles in. Wat nu te laat is, toont "
        "'regie status'.")
    assert not smtp.received
