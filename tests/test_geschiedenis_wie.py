"""`regie geschiedenis` says who by name, as the report, the answer page and the overview do, with the key
that --door takes; and a reason stands beside the change it was given for, also when one answer gave a
koers and moved a milestone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide terminal, whatever runs the tests: a cell then never wraps onto a second line."""
    monkeypatch.setenv("COLUMNS", "400")

POH = "voortgang-pilot-jeugd-poh-soh"
NAAM = "Regisseur programma 1 (Gezond en weerbaar)"
REDEN = "De evaluator is pas in oktober beschikbaar"


def _rows(text: str) -> list[str]:
    """The table's rows (one line each: the terminal is wide, ``_wide``)."""
    return [line for line in text.splitlines() if line.startswith("│")]


def test_the_history_names_who_by_name_with_the_key_for_door(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", POH, "--koers", "risico", "--door", "regisseur-jeugd").code == 0
    shown = regie("geschiedenis", POH)
    assert shown.code == 0, shown.err
    [answer] = [row for row in _rows(shown.out) if "voortgang: risico" in row]
    assert NAAM in answer and "sleutel: regisseur-jeugd" in " ".join(shown.out.split()), shown.out
    [load] = [row for row in _rows(shown.out) if "toegevoegd met" in row]
    assert "register" in load and "sleutel:" not in load  # no person: said as it was recorded


def test_a_reason_stands_beside_the_move_it_was_given_for_not_the_koers(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    from services.checkins.progress import Antwoord, MijlpaalAntwoord, apply

    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        apply(session=session, antwoord=Antwoord(
            activiteit=POH, koers="achter", tekst="Personeel ontbreekt",
            mijlpalen=[MijlpaalAntwoord("evaluatie-pilot", nieuwe_datum=dt.date(2020, 10, 31), reden=REDEN)]),
            door="regisseur-jeugd", bron="antwoord", vandaag=dt.date(2020, 6, 18))
        session.commit()
    shown = regie("geschiedenis", POH)
    assert shown.code == 0, shown.err
    rows = _rows(shown.out)
    [koers] = [row for row in rows if "voortgang: achter" in row]
    [move] = [row for row in rows if "„Evaluatie Pilot Jeugd POH/SOH” · uiterlijk: 31 juli 2020 → 31 oktober 2020" in row]
    assert REDEN not in koers and REDEN in move, shown.out
    assert NAAM in koers and NAAM not in move  # who and when once per action
