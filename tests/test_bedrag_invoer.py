"""One reading of an amount a user types (domain/documents/bedrag_invoer.py): Dutch, and an ambiguous dot
refused, on the command line as on the answer page (tests/web/test_answer_amounts.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.documents.bedrag_invoer import GeenBedrag, bedrag_tekst, lees_bedrag

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
DOOR = ("--door", "regisseur-jeugd")


@pytest.mark.parametrize(("typed", "value"), [
    ("45.000", "45000"), ("1.500,50", "1500.50"), ("1,50", "1.50"), ("1,5", "1.50"), ("12500", "12500"),
    ("€ 12.500,50", "12500.50"), ("35.000,-", "35000"), ("1.234.567", "1234567"), ("0,05", "0.05"),
    ("12 500", "12500"), ("-5", "-5")])
def test_a_dutch_amount_reads_as_a_dutch_reader_means_it(typed: str, value: str) -> None:
    assert lees_bedrag(typed) == Decimal(value)


@pytest.mark.parametrize(("typed", "said"), [
    ("1.5", "'1.5' is geen duidelijk bedrag: schrijf 1500 of 1,50."),
    ("1.50", "'1.50' is geen duidelijk bedrag: schrijf 1500 of 1,50."),
    ("12.5", "'12.5' is geen duidelijk bedrag: schrijf 12500 of 12,50."),
    ("1,500", "'1,500' is geen duidelijk bedrag: schrijf 1500 of 1,50."),
    ("1,500.50", "'1,500.50' is geen duidelijk bedrag. Schrijf bijvoorbeeld 12500 of 12.500,50."),
    ("0.125", "'0.125' is geen duidelijk bedrag. Schrijf bijvoorbeeld 12500 of 12.500,50."),
    ("0.500.000", "'0.500.000' is geen duidelijk bedrag."),
    ("veel", "'veel' is geen bedrag. Schrijf bijvoorbeeld 12500 of 12.500,50."),
    ("NaN", "'NaN' is geen bedrag."), ("1e5", "'1e5' is geen bedrag."),
    ("1234567890123", "is te groot voor een bedrag")])
def test_an_ambiguous_or_wrong_amount_is_refused_in_dutch_not_guessed(typed: str, said: str) -> None:
    with pytest.raises(GeenBedrag) as refused:
        lees_bedrag(typed)
    assert said in refused.value.melding


def test_an_amount_written_back_reads_the_same() -> None:
    for value in ("45000", "1250.50", "1.50", "0.05", "1234567.89"):
        assert lees_bedrag(bedrag_tekst(Decimal(value))) == Decimal(value)


def test_besteed_on_the_command_line_reads_dutch_and_refuses_a_dot_it_cannot_read(db, sample, regie,  # type: ignore[no-untyped-def]
                                                                                 monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(sample)).code == 0
    done = regie("voortgang", POH, "--besteed", "45.000", "--jaar", "2020", *DOOR)
    assert done.code == 0 and "€ 45.000 besteed in 2020" in done.out, done
    assert "besteed in 2020 € 45.000" in " ".join(regie("geschiedenis", POH).out.split())
    before = db.snapshot()
    for typed, fix in (("1.5", "schrijf 1500 of 1,50."), ("12.50", "schrijf 12500 of 12,50.")):
        refused = regie("voortgang", POH, "--besteed", typed, *DOOR)
        assert refused.code == 2, refused
        assert " ".join(refused.err.split()) == f"Niet vastgelegd: --besteed '{typed}' is geen duidelijk bedrag: {fix}"
    assert db.snapshot() == before


def test_a_register_amount_with_a_dot_between_thousands_is_refused_with_its_line(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """YAML reads "bedrag: 45.000" as 45.0: forty-five thousand would be loaded as € 45."""
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      - bedrag: 231907.60\n" in text
    path.write_text(text.replace("      - bedrag: 231907.60\n", "      - bedrag: 45.000\n"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("      - bedrag: 45.000") + 1
    refused = regie("laad", str(sample))
    said = " ".join(refused.err.split())
    assert refused.code == 2, refused
    assert (f"programma-1.yaml, regel {line}, veld activiteiten[voortgang-pilot-jeugd-poh-soh].bedragen[1].bedrag: '45.000' is geen duidelijk bedrag: in een "
            "registerbestand is de punt het decimaalteken, dus dit leest als € 45. "
            "Schrijf 45000 (zonder punt tussen de duizendtallen) als u € 45.000 bedoelt, of 45 als u € 45 bedoelt.") in said, said
    path.write_text(text.replace("      - bedrag: 231907.60\n", "      - bedrag: 231907.60  # bedrag: 45.000\n"),
                    encoding="utf-8")
    assert regie("laad", str(sample)).code == 0  # a comment or a text is not read as an amount
