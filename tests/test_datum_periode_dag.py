"""`regie verplaats … --naar "eind juni 2021"` said "is geen datum. Schrijf JJJJ-MM-DD, bijvoorbeeld
2021-06-30 (het einde van juni 2021)." while the help said dates may be written "in woorden, met het
jaar": a period is not taken on purpose (a precise day is required), and the refusal now says so, with
the day in every form a date option reads (domain.melding.periode_voor_dag; the answer page: tests/web/test_answer_date_period.py)."""

from __future__ import annotations

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("typed", "day", "what"), [
    ("eind juni 2021", "2021-06-30, 30-06-2021 of 30 juni 2021", "het einde van juni 2021"),
    ("juni 2021", "2021-06-30, 30-06-2021 of 30 juni 2021", "de laatste dag van juni 2021"),
    ("Q1 2021", "2021-03-31, 31-03-2021 of 31 maart 2021", "het einde van het eerste kwartaal 2021; het begin is 2021-01-01"),
    ("voorjaar 2021", "2021-05-31, 31-05-2021 of 31 mei 2021", "de laatste dag van het voorjaar 2021, maart tot en met mei"),
    ("eind september", "2020-09-30, 30-09-2020 of 30 september 2020", "het einde van september 2020"),  # a new date: ahead
])
def test_a_period_on_a_date_option_is_refused_as_no_day(typed: str, day: str, what: str, regie,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    set_today(monkeypatch, "2020-06-18")
    refused = regie("verplaats", "a/b", "--reden", "later", "--naar", typed)
    assert refused.code == 2, refused
    assert (f"--naar '{typed}' is een periode, geen dag. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, "
            f"maand en jaar, bijvoorbeeld {day} ({what}); of vandaag, morgen of gisteren.") in \
        " ".join(refused.err.split()), refused
