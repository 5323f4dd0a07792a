"""A season, a quarter written short ("eind Q3 '20") or a month's end without its year ("eind september")
gets the date it most likely means as the example, not an unrelated one that users copied
("Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2022-12-31." for 'voorjaar 2021')."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("typed", "hint"), [
    ("voorjaar 2021", "bijvoorbeeld 2021-05-31 (een seizoen is geen datum; dit is de laatste dag van het "
                      "voorjaar 2021, maart tot en met mei)."),
    ("najaar van 2020", "bijvoorbeeld 2020-11-30 (een seizoen is geen datum; dit is de laatste dag van het "
                        "najaar 2020, september tot en met november)."),
    ("winter 2020", "bijvoorbeeld 2021-02-28 (een seizoen is geen datum; dit is de laatste dag van de winter "
                    "2020-2021, december tot en met februari)."),
    ("eind Q3 '20", "bijvoorbeeld 2020-09-30 (het einde van het derde kwartaal 2020; het begin is 2020-07-01)."),
    ("einde van het tweede kwartaal 2021", "bijvoorbeeld 2021-06-30 (het einde van het tweede kwartaal 2021; "
                                           "het begin is 2021-04-01)."),
])
def test_a_season_or_a_short_quarter_suggests_its_last_day(typed: str, hint: str) -> None:
    from domain.melding import datum_hint

    assert datum_hint(typed, "2022-12-31") == hint


@pytest.mark.parametrize(("typed", "richting", "meant"), [
    ("eind september", "vooruit", dt.date(2020, 9, 30)), ("eind september", "terug", dt.date(2019, 9, 30)),
    ("eind mei", "terug", dt.date(2020, 5, 31)), ("eind mei", "vooruit", dt.date(2021, 5, 31)),
    ("medio maart", None, dt.date(2020, 3, 15)), ("voorjaar", "vooruit", dt.date(2021, 5, 31)),
    ("eind Q3", "vooruit", dt.date(2020, 9, 30)), ("september", "vooruit", None),
])
def test_a_period_without_its_year_gets_the_year_its_direction_means(typed: str, richting: str | None,
                                                                     meant: dt.date | None) -> None:
    from domain.datumperiode import periode_zonder_jaar

    found = periode_zonder_jaar(typed, vandaag=dt.date(2020, 6, 18), richting=richting)
    assert (found and found[0]) == meant


def test_regie_laad_and_verplaats_offer_the_date_meant(db, regie, sample: Path, monkeypatch: pytest.MonkeyPatch,
                                                       ) -> None:  # type: ignore[no-untyped-def]
    set_today(monkeypatch, "2020-06-18")  # the year of 'eind september' comes from the project clock
    programme = sample / "bronckhorst" / "programma-1.yaml"
    original = programme.read_text(encoding="utf-8")
    programme.write_text(original.replace("uiterlijk: 2020-05-31", "uiterlijk: voorjaar 2021", 1)
                         .replace("uiterlijk: 2020-01-01", "uiterlijk: eind Q3 '20", 1), encoding="utf-8")
    said = " ".join(regie("laad", str(sample)).err.split())
    assert "ongeldige datum 'voorjaar 2021'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2021-05-31 (een " \
           "seizoen is geen datum; dit is de laatste dag van het voorjaar 2021, maart tot en met mei)." in said, said
    assert "bijvoorbeeld 2020-09-30 (het einde van het derde kwartaal 2020" in said
    programme.write_text(original, encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    outcome = regie("verplaats", "werkplan-2020-combinatiefunctionarissen/evaluatie-werkplan-2019",
                    "--naar", "eind september", "--reden", "later")
    assert outcome.code == 2 and ("--naar 'eind september' is een periode, geen dag. Schrijf JJJJ-MM-DD, DD-MM-JJJJ "
                                  "of in woorden met dag, maand en jaar, bijvoorbeeld 2020-09-30, 30-09-2020 of "
                                  "30 september 2020 (het einde van september 2020)") in \
        " ".join(outcome.err.split())
