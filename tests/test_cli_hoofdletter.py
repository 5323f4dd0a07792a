"""A CLI message starts with a capital: `regie geschiedenis onbekend` said "activiteit 'onbekend'
bestaat niet, …" in lower case (the words are shared with "Niet vastgelegd: activiteit …")."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_a_message_on_its_own_starts_with_a_capital(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    refused = regie("geschiedenis", "onbekend")
    assert refused.code == 2, refused
    assert refused.err.startswith("Activiteit 'onbekend' bestaat niet, ook niet in het archief."), refused.err
    # after "Niet vastgelegd:" the same words go on in lower case
    refused = regie("voortgang", "onbekend", "--tekst", "x", "--door", "regisseur-jeugd")
    assert refused.err.startswith("Niet vastgelegd: activiteit 'onbekend' bestaat niet"), refused.err


def test_sentence_leaves_an_option_or_a_capital_as_it_is() -> None:
    from regie.common import sentence

    assert sentence("activiteit 'x' bestaat niet.") == "Activiteit 'x' bestaat niet."
    assert sentence("--door 'x' is geen sleutel.") == "--door 'x' is geen sleutel."
    assert sentence("") == ""
    # a file name, a path or an id stays as written
    assert sentence("enorm.html is een webpagina") == "enorm.html is een webpagina"
    assert sentence("register/x bestaat niet") == "register/x bestaat niet"
    assert sentence("regisseur-jeugd heeft geen kanaal") == "regisseur-jeugd heeft geen kanaal"
