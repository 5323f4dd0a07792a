"""`--door PERSOON` for someone who neither owns the activity (nor is its programme's regisseur) nor
coordinates was recorded without a word (a new user's trial). It is still recorded (a colleague may
record for someone), but the answer says so after its reply, naming both by their names from
personen.yaml, and `regie geschiedenis` names who recorded it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"  # owned by regisseur-jeugd in the sample register
REGISSEUR = "Regisseur programma 1 (Gezond en weerbaar)"
WARNING = f"Let op: vastgelegd door Beleidsmedewerker onderwijs; de eigenaar van deze activiteit is {REGISSEUR}."


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def loaded(db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    return regie


def test_someone_else_is_recorded_with_a_warning_and_named_in_the_history(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    regie = loaded
    done = regie("voortgang", POH, "--tekst", "werving loopt", "--door", "beleid-onderwijs")
    assert done.code == 0, done
    assert "Voortgang van activiteit „Voortgang Pilot Jeugd POH/SOH” vastgelegd" in _flat(done.out)
    assert _flat(done.err) == WARNING, done.err
    marked = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-20", "--door", "beleid-onderwijs")
    assert marked.code == 0 and _flat(marked.err) == WARNING, marked
    monkeypatch.setenv("COLUMNS", "250")  # a history row on one line
    history = regie("geschiedenis", POH)
    rows = [line for line in history.out.splitlines() if "werving loopt" in line]
    assert len(rows) == 1 and "Beleidsmedewerker onderwijs" in rows[0], history.out
    assert "sleutel: beleid-onderwijs" in history.out


def test_the_owner_and_a_coordinator_get_no_warning(loaded) -> None:  # type: ignore[no-untyped-def]
    regie = loaded
    for door in ("regisseur-jeugd", "coordinator-sociaal-domein"):
        done = regie("voortgang", POH, "--tekst", f"stand door {door}", "--door", door)
        assert done.code == 0 and "Let op" not in done.err, (door, done)
    mine = regie("voortgang", POH, "--koers", "risico")  # REGIE_GEBRUIKER is the regisseur (tests/conftest.py)
    assert mine.code == 0 and mine.err == "", mine


def test_a_programmes_indicator_names_its_regisseur(loaded, sample: Path) -> None:  # type: ignore[no-untyped-def]
    regie = loaded
    programme = sample / "bronckhorst" / "programma-1.yaml"
    text = programme.read_text(encoding="utf-8")
    anchor = "  regisseur: regisseur-jeugd\n"
    assert anchor in text
    programme.write_text(text.replace(anchor, anchor + "  indicatoren:\n  - {id: pleeggezinnen, naam: Actieve "
                                      "pleeggezinnen, eenheid: gezinnen}\n", 1), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    done = regie("meting", "programma-1/pleeggezinnen", "--waarde", "12", "--datum", "2020-07-31", "--door",
                 "beleid-onderwijs")
    assert done.code == 0, done
    assert _flat(done.out) == ("Meting van „Actieve pleeggezinnen” (programma 1: Gezond en weerbaar) op 31 juli "
                               "2020: 12 gezinnen."), done.out
    assert _flat(done.err) == (f"Let op: vastgelegd door Beleidsmedewerker onderwijs; de regisseur van dit "
                               f"programma is {REGISSEUR}."), done.err
