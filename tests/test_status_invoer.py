"""`regie voortgang --status` read only the register's words in lower case: `--status Lopend` or
`--status " lopend"` was refused as a status that does not exist (a new user's trial). Any case and spaces
around it are read now, by the one reading the answer page and the Prefect form share
(services/checkins/progress.status_van); anything else is refused naming the statuses there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"


def _status(db: Database) -> str:
    from sqlmodel import select

    from models.tables import Activity

    with db.session() as session:
        return session.exec(select(Activity.status).where(Activity.sleutel == POH)).one()


@pytest.mark.parametrize("typed", ["Afgerond", " AFGEROND ", "afgerond"])
def test_a_status_in_any_case_is_read_as_the_registers_word(typed: str, db: Database, sample: Path,  # type: ignore[no-untyped-def]
                                                            regie) -> None:
    assert regie("laad", str(sample)).code == 0
    done = regie("voortgang", POH, "--status", typed)
    assert done.code == 0, done
    assert " ".join(done.out.split()) == ("Voortgang van activiteit „Voortgang Pilot Jeugd POH/SOH” vastgelegd: "
                                          "status afgerond."), done.out
    assert _status(db) == "afgerond"


def test_an_unknown_status_is_refused_with_the_statuses_there_are(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    before = db.snapshot()
    refused = regie("voortgang", POH, "--status", "Lopnd")
    assert refused.code == 2, refused
    assert " ".join(refused.err.split()) == ("Niet vastgelegd: status 'Lopnd' bestaat niet: kies gepland, lopend, "
                                             "afgerond, vertraagd of gestopt."), refused.err
    assert db.snapshot() == before


def test_the_answer_page_and_the_form_read_it_alike() -> None:
    from services.checkins.progress import Antwoord

    assert Antwoord("x", status="  Vertraagd").status == "vertraagd"
    assert Antwoord("x", status="").status == ""  # the page's "no change" stays as it was
    assert Antwoord("x").status is None
