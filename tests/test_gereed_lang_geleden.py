"""`regie gereed --datum` long ago is recorded with a warning: a trial typed 1999 for a milestone of
2020 and it passed in silence, while a done milestone cannot be changed again from the command line
(only 'gereed:' in the register file). `regie verplaats` already warns about a date far ahead."""

from __future__ import annotations

import pytest
from sqlalchemy import select

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

EVALUATIE = "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"
DOOR = ("--door", "regisseur-jeugd")


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


def test_a_done_date_more_than_two_years_back_is_recorded_with_a_warning(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Milestone

    assert regie("laad", str(sample)).code == 0
    old = regie("gereed", EVALUATIE, "--datum", "1999-01-01", *DOOR)  # today is 23-11-2026 (tests/conftest.py)
    said = " ".join(old.err.split())
    assert old.code == 0 and "is gereed op 1 januari 1999" in old.out, old
    assert ("Let op: 1 januari 1999 ligt meer dan 2 jaar terug (vandaag is 23 november 2026). Klopt dat? Was het een "
            f"tikfout, heropen de mijlpaal dan en meld hem opnieuw gereed: regie heropen {EVALUATIE} --reden "
            f"\"verkeerde datum\", en daarna regie gereed {EVALUATIE} --datum JJJJ-MM-DD.") in said, said
    with db.session() as session:
        assert "1999-01-01" in {str(d) for d in session.scalars(select(Milestone.gereed).where(
            Milestone.sleutel == "evaluatie-pilot"))}
    edge = regie("gereed", AFSPRAKEN, "--datum", "2024-11-23", *DOOR)
    assert edge.code == 0 and edge.err == "", edge  # exactly two years back: no warning
