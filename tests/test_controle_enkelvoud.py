"""`regie controle`'s line counts reminders and digests with the noun in the right number: a trial
read "1 nieuwe herinneringen, 1 overzichten bezorgd" on 15 June 2020 of the sample register."""

from __future__ import annotations

import datetime as dt

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("nieuw", "bezorgd", "woorden"), [
    (1, 1, "1 nieuwe herinnering, 1 overzicht bezorgd."),
    # nothing new is no failure: it says so
    (0, 0, "0 nieuwe herinneringen, 0 overzichten bezorgd (niets nieuws sinds de vorige controle; wat al "
           "verstuurd is, gaat niet opnieuw uit)."),
    (14, 3, "14 nieuwe herinneringen, 3 overzichten bezorgd."),
])
def test_one_reminder_and_one_digest_are_singular(nieuw: int, bezorgd: int, woorden: str) -> None:
    from domain.rules.instellingen import RegelInstellingen
    from regie.controle_tekst import samenvatting

    summary = {"te_laat": 7, "binnenkort": 0, "overig": 0, "overig_per_regel": {}, "nieuw": nieuw,
               "bezorgd": bezorgd, "niet_bezorgd": 0}
    line = samenvatting(dt.date(2020, 6, 15), False, summary, RegelInstellingen())
    assert line == f"Dagelijkse controle maandag 15 juni 2020: 7 te laat, 0 binnenkort; {woorden}"


def test_a_dry_run_of_one_reminder_is_singular() -> None:
    from domain.rules.instellingen import RegelInstellingen
    from regie.controle_tekst import samenvatting

    summary = {"te_laat": 7, "binnenkort": 0, "overig": 0, "overig_per_regel": {}, "nieuw": 1, "personen": 1}
    line = samenvatting(dt.date(2020, 6, 15), True, summary, RegelInstellingen())
    assert "een echte run zou nu 1 nieuwe herinnering vastleggen, voor 1 persoon " in line


@pytest.mark.parametrize("droog", [False, True])
def test_the_prefect_summary_of_one_reminder_and_one_digest_is_singular(droog: bool) -> None:
    from services.rendering import render

    markdown = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": dt.date(2020, 6, 15), "droog": droog, "werkdag": True, "activiteiten": 12, "te_laat": 7,
        "binnenkort": 0, "andere": [], "nieuw": 1, "bezorgd": 1, "niet_bezorgd": 0, "problemen": [],
        "programmas": []})
    if droog:
        assert "Een echte run zou nu 1 nieuwe herinnering vastleggen, voor 1 persoon " in markdown
    else:
        assert "Nieuw vastgelegd: 1 herinnering. Bezorgd: 1 overzicht." in markdown
