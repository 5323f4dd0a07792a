"""`regie verplaats … --reden "  "` said "mijlpaal 'collegebesluit-uitvoeringsagenda': geef een reden
voor de nieuwe datum." (a key, no option, no example), and `--door iemand` did not list the keys there
are: both now say what the user knows and what to type."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

BESLUIT = "uitvoeringsagenda-regionaal-sportakkoord/collegebesluit-uitvoeringsagenda"


def _said(text: str) -> str:
    return " ".join(text.split())


def test_a_move_without_a_reason_names_the_milestone_and_the_option(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    snapshot = db.snapshot()
    refused = regie("verplaats", BESLUIT, "--naar", "2020-09-30", "--reden", "  ", "--door", "regisseur-jeugd")
    assert refused.code == 2, refused
    assert _said(refused.err) == (
        "Niet vastgelegd: geef met --reden een reden voor de nieuwe datum van mijlpaal „Collegebesluit over "
        "de uitvoeringsagenda” (Uitvoeringsagenda Regionaal Sportakkoord Achterhoek in Beweging), bijvoorbeeld: "
        f"regie verplaats {BESLUIT} --naar 2020-09-30 --reden \"wachten op collegebesluit\"."), refused.err
    assert db.snapshot() == snapshot


def test_a_door_that_is_no_key_lists_the_keys_there_are(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    refused = regie("verplaats", BESLUIT, "--naar", "2020-09-30", "--reden", "later", "--door", "iemand")
    assert refused.code == 2, refused
    assert ("Niet vastgelegd: --door 'iemand' is geen sleutel uit personen.yaml. Sleutels in personen.yaml: "
            "'beleid-onderwijs', 'coordinator-sociaal-domein', 'mosd-secretariaat', 'poho-sociaal' en "
            "'regisseur-jeugd'. Geef uw eigen sleutel") in _said(refused.err), refused.err


def test_more_than_ten_keys_are_cut_short() -> None:
    from services.register.municipalities import known_names

    keys = [f"persoon-{n:02}" for n in range(13)]
    assert known_names(keys, limit=10).endswith("'persoon-09' en nog 3")


def test_the_example_quotes_a_gemeente_with_spaces(
        db: Database, sample: Path, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`--gemeente Alphen aan den Rijn` in the example split into three words when pasted; it is quoted
    as `regie status` quotes it (domain/register/tekstcontrole.shell_word)."""
    for path in sample.rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("gemeente: Bronckhorst",
                                                                 "gemeente: Alphen aan den Rijn"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    refused = regie("verplaats", BESLUIT, "--naar", "2020-09-30", "--reden", " ", "--gemeente",
                    "Alphen aan den Rijn", "--door", "regisseur-jeugd")
    assert refused.code == 2, refused
    assert _said(refused.err).endswith(
        f"regie verplaats {BESLUIT} --naar 2020-09-30 --gemeente \"Alphen aan den Rijn\" --reden "
        "\"wachten op collegebesluit\"."), refused.err
