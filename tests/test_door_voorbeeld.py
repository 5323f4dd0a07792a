"""Who answers on the command line (regie/common.door_of): without --door and REGIE_GEBRUIKER the
refusal offers the owner of the activity concerned as the example key (not the register's
alphabetically first person), and a REGIE_GEBRUIKER that is no person's key is refused like a wrong
--door, with the nearest key."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"  # Bronckhorst, owned by its regisseur: regisseur-jeugd
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"  # beleid-onderwijs


def _said(text: str) -> str:
    return " ".join(text.split())


def _with_indicators(region: Path) -> Path:
    """The sample region with an indicator on a Gorinchem activity and one on its programme."""
    path = region / "gorinchem" / "programma-7.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  regisseur: regisseur-sociaal-domein\n", "  regisseur: regisseur-sociaal-domein\n"
                        "  indicatoren:\n    - id: bereik\n      naam: Bereik van het programma\n", 1)
    text = text.replace("    soort: project\n", "    soort: project\n    indicatoren:\n"
                        "      - id: deelnemers\n        naam: Deelnemers\n", 1)
    path.write_text(text, encoding="utf-8")
    return region


@pytest.mark.parametrize(("args", "owner"), [
    (("voortgang", POH, "--tekst", "x"), "regisseur-jeugd"),
    (("gereed", f"{POH}/evaluatie-pilot"), "regisseur-jeugd"),
    (("verplaats", AFSPRAKEN, "--naar", "2027-01-31", "--reden", "later"), "beleid-onderwijs"),
    (("gereed", "statushouders/voorbereiding"), "regisseur-sociaal-domein"),
    (("meting", "statushouders/deelnemers", "--waarde", "3"), "regisseur-sociaal-domein"),
    (("meting", "programma-7/bereik", "--waarde", "3"), "regisseur-sociaal-domein"),
])
def test_without_door_the_example_is_the_owner_of_the_activity(args: tuple[str, ...], owner: str, db, region,
                                                                regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(_with_indicators(region))).code == 0
    monkeypatch.delenv("REGIE_GEBRUIKER")
    monkeypatch.setenv("LOGNAME", "beheerder")  # getpass.getuser() reads it first: no person's key
    snapshot = db.snapshot()
    refused = regie(*args)
    assert refused.code == 2, refused
    said = _said(refused.err)
    assert said.startswith("Niet vastgelegd: wie legt dit vast? Geef --door met uw sleutel uit personen.yaml "
                           f"(bijvoorbeeld --door {owner}), of zet die sleutel eenmaal in uw omgeving: export "
                           f"REGIE_GEBRUIKER={owner}. Sleutels in het register: 'beleid-onderwijs', "), said
    assert db.snapshot() == snapshot


def test_without_an_activity_found_the_example_is_the_first_key(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    monkeypatch.delenv("REGIE_GEBRUIKER")
    monkeypatch.setenv("LOGNAME", "beheerder")
    said = _said(regie("voortgang", "bestaat-niet", "--tekst", "x").err)
    assert "(bijvoorbeeld --door beleid-onderwijs)" in said, said


@pytest.mark.parametrize(("value", "hint"), [
    ("regiseur-jeugd", " Bedoelt u 'regisseur-jeugd'?"),
    ("testgebruiker", " Sleutels in personen.yaml: 'beleid-onderwijs', 'coordinator-sociaal-domein', 'mosd-secretariaat', 'poho-sociaal' en 'regisseur-jeugd'."),
    ("coordinator", " 'coordinator' is een rol, geen persoon; met die rol: 'coordinator-sociaal-domein'."),
])
def test_a_regie_gebruiker_that_is_no_key_is_refused_with_the_nearest(value: str, hint: str, db, sample, regie,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models.tables import Change

    assert regie("laad", str(sample)).code == 0  # Bronckhorst (in Gorinchem a person's key is 'coordinator')
    monkeypatch.setenv("REGIE_GEBRUIKER", value)
    snapshot = db.snapshot()
    for args in (("voortgang", POH, "--tekst", "x"), ("gereed", f"{POH}/evaluatie-pilot"),
                 ("verplaats", AFSPRAKEN, "--naar", "2027-01-31", "--reden", "later"),
                 ("meting", "x/y", "--waarde", "1")):
        refused = regie(*args)
        assert refused.code == 2, (args, refused)
        said, example = _said(refused.err).split(" Bijvoorbeeld: ")  # the command as typed, with a key
        assert said == (
            f"Niet vastgelegd: REGIE_GEBRUIKER '{value}' is geen sleutel uit personen.yaml.{hint} Zet uw eigen "
            "sleutel zoals die in personen.yaml staat in REGIE_GEBRUIKER (ook als coördinator: export "
            "REGIE_GEBRUIKER=SLEUTEL), of geef hem met --door."), refused.err
        assert example.startswith(f"regie {args[0]} ") and " --door " in example, example
    assert db.snapshot() == snapshot
    # --door wins over a wrong REGIE_GEBRUIKER, and a right one is taken
    assert regie("voortgang", POH, "--tekst", "met --door", "--door", "regisseur-jeugd").code == 0
    monkeypatch.setenv("REGIE_GEBRUIKER", "coordinator-sociaal-domein")
    assert regie("voortgang", POH, "--tekst", "goed gezet").code == 0
    with db.session() as session:
        assert [c.door for c in session.scalars(select(Change).where(Change.bron == "opdracht")
                                                .order_by(Change.id))] == [
            "regisseur-jeugd", "coordinator-sociaal-domein"]
