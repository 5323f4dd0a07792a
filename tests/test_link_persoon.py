"""`regie link` finds a person the way a user names them: by the address written as a mail link
("mailto:…", "MAILTO://…", spaces around it) and by their naam from personen.yaml (a new user's trial:
"Niemand in het register krijgt mail op …" for an address that is in the register)."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

LINK = "Persoonlijke link van Regisseur programma 1 (Gezond en weerbaar; Bronckhorst)"


@pytest.mark.parametrize("typed", [
    "mailto:regisseur.jeugd@example.org", "mailto://regisseur.jeugd@example.org",
    "MAILTO:Regisseur.Jeugd@example.org", "  regisseur.jeugd@example.org ",
    "Regisseur programma 1 (Gezond en weerbaar)", "regisseur PROGRAMMA 1 (gezond en weerbaar) ",
])
def test_a_person_is_found_by_a_mail_link_or_their_name(regie, sample: Path, typed: str) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    outcome = regie("link", typed)
    assert outcome.code == 0, outcome
    assert LINK in " ".join(outcome.out.split())


def test_a_name_of_two_people_lists_their_keys(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    personen = sample / "bronckhorst" / "personen.yaml"
    text = personen.read_text(encoding="utf-8")
    personen.write_text(text.replace("naam: Beleidsmedewerker onderwijs", "naam: Anna de Vries")
                        .replace("naam: Secretariaat MOSD Achterhoek", "naam: Anna de Vries"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    outcome = regie("link", "anna de vries")
    assert outcome.code != 0
    assert ("'anna de vries' is de naam van meer dan één persoon. Gebruik de sleutel: beleid-onderwijs "
            "(Bronckhorst) of mosd-secretariaat (Bronckhorst).") in " ".join((outcome.out + outcome.err).split())


def test_a_channel_with_spaces_around_it_is_stored_without_them(db, regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from models.tables import Person

    personen = sample / "bronckhorst" / "personen.yaml"
    text = personen.read_text(encoding="utf-8")
    personen.write_text(text.replace('"mailto://mosd@example.org"', '"mailto://mosd@example.org "'), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        person = session.exec(select(Person).where(Person.sleutel == "mosd-secretariaat")).one()
        assert person.kanalen == ["mailto://mosd@example.org"]


def test_a_space_in_an_address_offers_a_dot_or_nothing_in_its_place(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    personen = sample / "bronckhorst" / "personen.yaml"
    text = personen.read_text(encoding="utf-8")
    personen.write_text(text.replace('"mailto://mosd@example.org"', '"mosd zutphen@example.org"'), encoding="utf-8")
    said = " ".join(regie("laad", str(sample)).err.split())
    assert ("'mosd zutphen@example.org' is geen bruikbaar e-mailadres: er staat een spatie in; een e-mailadres "
            "heeft geen spaties. Bedoelt u 'mosd.zutphen@example.org' of 'mosdzutphen@example.org'?") in said
