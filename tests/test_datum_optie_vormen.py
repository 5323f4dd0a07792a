"""A new user's trial: `regie status --help` said --peildatum reads "JJJJ-MM-DD, DD-MM-JJJJ of in woorden
…", but `--peildatum morgen` was refused with "Schrijf JJJJ-MM-DD, bijvoorbeeld 2020-12-31 …": one form
of three. Every date option now reads 'vandaag', 'morgen' and 'gisteren' by the one clock, and a refusal
names every form it reads, with an example of each (regie/datum_optie.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

FORMS = ("Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar, bijvoorbeeld {}; of vandaag, "
         "morgen of gisteren.")


@pytest.mark.parametrize(("typed", "day"), [
    ("2020-09-18", dt.date(2020, 9, 18)), ("18-09-2020", dt.date(2020, 9, 18)),
    ("18/9/2020", dt.date(2020, 9, 18)), ("18 september 2020", dt.date(2020, 9, 18)),
    ("vandaag", dt.date(2020, 9, 8)), ("morgen", dt.date(2020, 9, 9)), ("gisteren", dt.date(2020, 9, 7)),
    (" Morgen ", dt.date(2020, 9, 9)), ("GISTEREN", dt.date(2020, 9, 7)), ("Vandaag ", dt.date(2020, 9, 8)),
])
def test_a_date_option_reads_every_form_its_help_names(typed: str, day: dt.date, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.datum_optie import parse_date

    set_today(monkeypatch, "2020-09-08")
    assert parse_date(typed, "--peildatum") == day


def test_the_words_follow_the_one_clock_across_a_month_and_a_year(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.datum_optie import parse_date

    set_today(monkeypatch, "2020-12-31")
    assert parse_date("morgen", "--naar") == dt.date(2021, 1, 1)
    set_today(monkeypatch, "2021-03-01")
    assert parse_date("gisteren", "--datum") == dt.date(2021, 2, 28)


def _importeer(tmp_path: Path) -> tuple[str, ...]:
    document = tmp_path / "programma.txt"
    document.write_text("Tijdpad: in 2021\n", encoding="utf-8")
    return ("importeer", str(document), "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path / "uit"),
            "--documentdatum")


COMMANDS = [
    ("--peildatum", ("status", "--peildatum")),
    ("--peildatum", ("overzicht", "--peildatum")),
    ("--peildatum", ("controle", "--droog", "--peildatum")),
    ("--naar", ("verplaats", "a/b", "--reden", "later", "--naar")),
    ("--datum", ("gereed", "a/b", "--datum")),
    ("--datum", ("meting", "a/b", "--waarde", "3", "--datum")),
    ("--van", ("simuleer", "--tot", "2020-09-30", "--van")),
    ("--tot", ("simuleer", "--van", "2020-09-01", "--tot")),
    ("--documentdatum", None),
]


@pytest.mark.parametrize(("typed", "example"), [
    ("overmorgen", "2020-12-31, 31-12-2020 of 31 december 2020"),
    ("31-07-20", "2020-12-31, 31-12-2020 of 31 december 2020"),
    ("2020-02-30", "2020-02-29, 29-02-2020 of 29 februari 2020 (februari 2020 heeft 29 dagen)"),
    ("31 april 2021", "2021-04-30, 30-04-2021 of 30 april 2021 (april 2021 heeft 30 dagen)"),
    ("2020-13-01", "2020-12-01, 01-12-2020 of 1 december 2020 (een maand is 1 tot en met 12)"),
])
@pytest.mark.parametrize(("option", "args"), COMMANDS)
def test_a_refused_date_names_the_option_what_was_typed_and_every_form(  # type: ignore[no-untyped-def]
        option: str, args: tuple[str, ...] | None, typed: str, example: str, regie, monkeypatch, tmp_path) -> None:
    set_today(monkeypatch, "2020-09-08")
    refused = regie(*(args or _importeer(tmp_path)), typed)
    said = " ".join(refused.err.split())
    assert refused.code == 2, refused
    assert f"{option} '{typed}' is geen datum. {FORMS.format(example)}" in said, said
    assert "2020-09-08" not in said and "2020-09-09" not in said  # no reading of 'overmorgen' offered


def test_a_period_or_a_phrase_names_every_form_with_the_day_it_means(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    set_today(monkeypatch, "2020-09-08")
    period = " ".join(regie("status", "--peildatum", "eind juni 2021").err.split())
    assert ("--peildatum 'eind juni 2021' is een periode, geen dag. " + FORMS.format(
        "2021-06-30, 30-06-2021 of 30 juni 2021 (het einde van juni 2021)")) in period, period
    phrase = " ".join(regie("status", "--peildatum", "vóór 1 maart 2021").err.split())
    assert ("--peildatum 'vóór 1 maart 2021' is geen datum. " + FORMS.format(
        "2021-02-28, 28-02-2021 of 28 februari 2021 (vóór 1 maart is uiterlijk 28 februari)")) in phrase, phrase


def test_the_words_work_in_every_command_that_takes_a_date(db, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`regie status --peildatum morgen`, `regie simuleer --van gisteren --tot morgen`, `regie gereed --datum
    gisteren` and `regie verplaats --naar morgen`: each by the clock REGIE_VANDAAG sets."""
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    def said(outcome) -> str:  # type: ignore[no-untyped-def]  # at any terminal width
        return " ".join(outcome.out.split())

    shown = regie("status", "--peildatum", " Morgen ")
    assert shown.code == 0 and "peildatum dinsdag 16 juni 2020" in said(shown), shown
    simulated = regie("simuleer", "--van", "gisteren", "--tot", "MORGEN")
    assert simulated.code == 0, simulated
    assert "14 juni 2020" in said(simulated) and "16 juni 2020" in said(simulated) and "17 juni" not in said(simulated)
    done = regie("gereed", "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot", "--datum", "gisteren")
    assert done.code == 0 and "14 juni 2020" in said(done), done
    moved = regie("verplaats", "voortgang-pilot-steungezinnen/evaluatie-pilot", "--naar", "morgen", "--reden", "x")
    assert moved.code == 0 and "16 juni 2020" in said(moved), moved
