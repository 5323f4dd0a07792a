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


@pytest.mark.parametrize(("vandaag", "peildatum", "said"), [
    ("2021-05-13", None, "Dagelijkse controle donderdag 13 mei 2021: geen controle, het is geen werkdag "
                         "(Hemelvaartsdag). Op vrije dagen loopt de controle niet en gaat er niets uit; de "
                         "eerstvolgende controle is op vrijdag 14 mei 2021 en haalt alles in."),
    ("2021-05-12", "2021-05-15", "Dagelijkse controle zaterdag 15 mei 2021: geen controle, het is geen werkdag. "
                                 "Op vrije dagen loopt de controle niet en gaat er niets uit; de eerstvolgende "
                                 "controle is op maandag 17 mei 2021 en haalt alles in."),
])
def test_the_installed_command_says_a_day_off_at_once_without_starting_prefect(
        tmp_path: Path, vandaag: str, peildatum: str | None, said: str) -> None:
    """Before: on Hemelvaartsdag or a Saturday `regie controle` started a temporary Prefect server and
    the local mailbox (2 to 5 minutes on a busy machine) only to print this line. Now nothing of the
    service starts: the data directory stays empty (Prefect's home would be in it, and the database)."""
    import os
    import subprocess
    import sys

    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"REGIE_DATA_DIR": str(data), "REGIE_VANDAAG": vandaag, "COLUMNS": "300"})
    env.pop("REGIE_DATABASE_URL", None)
    command = [str(Path(sys.executable).parent / "regie"), "controle"]
    command += ["--peildatum", peildatum] if peildatum else []
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result
    assert " ".join(result.stdout.split()).startswith(said), result.stdout
    assert not data.exists() or not any(data.iterdir()), sorted(data.rglob("*"))


def test_a_mistyped_municipality_is_refused_on_a_day_off_too(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """The day off is said without Prefect, but a misspelt --gemeente is still refused (it said "geen
    controle" before, and the same typo on Monday checked nothing for anyone)."""
    typo = regie("controle", "--peildatum", "2020-06-27", "--gemeente", "Bronkhorst")
    assert typo.code == 2 and "Geen programma's gevonden in de database" in typo.err, typo
    assert regie("laad", str(sample)).code == 0
    typo = regie("controle", "--peildatum", "2020-06-27", "--gemeente", "Bronkhorst")
    assert typo.code == 2, typo
    assert "Geen gemeente gevonden met de naam 'Bronkhorst'" in " ".join(typo.err.split()), typo
    right = regie("controle", "--peildatum", "2020-06-27", "--gemeente", "bronckhorst")
    assert right.code == 0 and "geen controle, het is geen werkdag" in " ".join(right.out.split()), right


def test_a_real_check_for_a_later_day_is_refused_before_anything_starts(db: Database, sample: Path, regie,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A trial: `regie controle --peildatum` a week ahead "to try it" mailed real people now, and that
    day's own check then sent nothing. Refused before anything starts (--droog is not: it sends nothing)."""
    from tests.conftest import set_today

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-15")
    ahead = regie("controle", "--peildatum", "2020-06-22")
    said = " ".join(ahead.err.split())
    assert ahead.code == 2, ahead
    assert said.startswith("De controle voor maandag 22 juni 2020 ligt na vandaag (maandag 15 juni 2020): die "
                           "zou nu al versturen wat pas op maandag 22 juni 2020 hoort"), said
    assert "Er is niets vastgelegd of verstuurd." in said
    with db.session() as session:
        from sqlalchemy import func, select

        from models.tables import SentReminder

        assert session.scalar(select(func.count()).select_from(SentReminder)) == 0
