"""An answering command in a terminal whose database holds no register (a new terminal without
REGIE_DATA_DIR looks in another database than the demo's) says which database it looked in, instead
of only "bestaat niet" for an id that is right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is the message, not the database
POH = "voortgang-pilot-jeugd-poh-soh"


EMPTY = ("geen programma's gevonden in de database {url}. Laad eerst een register met: regie laad MAP (of zet "
         "REGIE_DATA_DIR of REGIE_DATABASE_URL zoals bij het laden).")


def test_an_id_in_an_empty_database_names_the_database_and_how_to_load(db: Database, regie) -> None:  # type: ignore[no-untyped-def]
    for args in (("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-06-15"),
                 ("verplaats", f"{POH}/evaluatie-pilot", "--naar", "2020-09-30", "--reden", "zomer"),
                 ("voortgang", POH, "--koers", "risico"), ("meting", "x", "--waarde", "1")):
        said = regie(*args, "--door", "regisseur-jeugd")
        text = " ".join(said.err.split())
        assert said.code == 2 and text == "Niet vastgelegd: " + EMPTY.format(url=db.url), said


@pytest.mark.parametrize("args", [("link", "bram"), ("link", "intrekken", "bram"), ("status",),
                                  ("agenda", "--persoon", "bram"), ("overzicht",), ("geschiedenis", POH),
                                  ("simuleer", "--van", "2020-06-15", "--tot", "2020-06-19"), ("rapport", "--vergadering", "mosd"),
                                  ("indicatoren", "vergelijk", "x"), ("exporteer", "uit"),
                                  ("controle", "--droog", "--peildatum", "2020-06-15"),
                                  ("controle", "--peildatum", "2020-06-15")])
def test_every_command_that_reads_the_register_says_the_database_holds_none(
        db: Database, regie, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Before, with a wrong or empty data directory, `regie link bram` said "Persoon 'bram' bestaat niet:
    geen sleutel of naam in personen.yaml luidt zo." while `regie status` named the database and how to
    load a register: one check (regie/geen_register.py) for every command that needs a register."""
    said = regie(*args)
    text = " ".join(said.err.split())
    assert said.code == 2 and text == "G" + EMPTY.format(url=db.url)[1:], said


def test_a_wrong_id_in_a_loaded_register_gets_no_such_hint(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    said = regie("gereed", f"{POH}/evaluatie-pilott", "--datum", "2020-06-15", "--door", "regisseur-jeugd")
    assert said.code == 2 and "bestaat niet" in said.err and "nog geen register" not in said.err, said
