"""A person typed by the start of their name or key (a new user's trial: `regie link "Regisseur programma 1"`
offered the Gorinchem regisseur, `regie link regisseur` only one of two): the hint names those whose name or
key starts with or contains what was typed, with name, key and municipality; never one guess from far off.
`--door` finds them the same way."""

from __future__ import annotations

from pathlib import Path

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

JEUGD = "Regisseur programma 1 (Gezond en weerbaar) in Bronckhorst (sleutel 'regisseur-jeugd')"
SOCIAAL = "Regisseur programma 7 (Sociaal Domein) in Gorinchem (sleutel 'regisseur-sociaal-domein')"


def _said(text: str) -> str:
    return " ".join(text.split())


def test_the_start_of_a_name_offers_that_person(regie, region: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    said = _said(regie("link", "Regisseur programma 1").err)
    assert f"Bedoelt u {JEUGD}?" in said, said
    assert "programma 7" not in said


def test_a_word_in_several_names_and_keys_lists_them_all(regie, region: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    said = _said(regie("link", "regisseur").err)
    assert f"Bedoelt u een van deze? {JEUGD}; {SOCIAAL}." in said, said


def test_door_with_the_start_of_a_name_offers_that_person_and_their_key(regie, region: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    outcome = regie("voortgang", "statushouders", "--tekst", "x", "--door", "Regisseur programma 1")
    said = _said(outcome.err)
    assert outcome.code == 2 and f"Bedoelt u {JEUGD}?" in said, said
    assert "--door regisseur-jeugd" in said, said
