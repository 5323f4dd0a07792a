"""A tijdpad phrase copied into a register date field ('uiterlijk: medio 2021 evalueren') got an example
date of the file ("bijvoorbeeld 2021-09-30") that read like a reading of its text (a new user's trial):
the refusal names the date words it found, by the importer's reader, and the date they stand for
(domain/register/datumzin.py); text without such words keeps the file's date as example."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

_REST = "hoort in tijdpad of omschrijving."


@pytest.mark.parametrize(("typed", "said"), [
    ("medio 2021 evalueren", "'medio 2021 evalueren' is geen datum. Bedoelt u medio 2021, schrijf dan "
                             f"2021-06-30 (het midden van 2021); de rest ('evalueren') {_REST}"),
    ("Collegebesluit september 2021", "'Collegebesluit september 2021' is geen datum. Bedoelt u september "
                                      "2021, schrijf dan 2021-09-30 (een datum heeft ook een dag; dit is de "
                                      f"laatste dag van september 2021); de rest ('Collegebesluit') {_REST}"),
    ("besluit in Q3 2021", "'besluit in Q3 2021' is geen datum. Bedoelt u Q3 2021, schrijf dan 2021-09-30 (het "
                           "einde van het derde kwartaal 2021; het begin is 2021-07-01); de rest ('besluit') "
                           f"{_REST}"),
    ("eind 2021, daarna evalueren", "'eind 2021, daarna evalueren' is geen datum. Bedoelt u eind 2021, schrijf "
                                    f"dan 2021-12-31 (het einde van 2021); de rest ('daarna evalueren') {_REST}"),
    ("uiterlijk september 2021", "'uiterlijk september 2021' is geen datum. Bedoelt u september 2021, schrijf "
                                 "dan 2021-09-30 (een datum heeft ook een dag; dit is de laatste dag van "
                                 "september 2021)."),
    ("evaluatie 1 maart 2021", "'evaluatie 1 maart 2021' is geen datum. Bedoelt u 1 maart 2021, schrijf dan "
                               f"2021-03-01; de rest ('evaluatie') {_REST}"),
    ("2021-06-30 evalueren", f"'2021-06-30 evalueren' is geen datum. Schrijf alleen de datum, 2021-06-30; de "
                             f"rest ('evalueren') {_REST}"),
    # no phrase with a year, or the value itself a (period or) date: domain.melding.datum_hint answers
    ("evalueren eind juli", None), ("evaluatie 2021", None), ("2021-02-30 evalueren", None), ("morgen", None),
    ("medio 2021", None), ("juni 2021", None), ("1 maart 2021", None),
])
def test_the_date_words_in_a_phrase_are_named(typed: str, said: str | None) -> None:
    from domain.register.datumzin import datum_in_zin

    assert datum_in_zin(typed) == said


def test_regie_laad_reads_the_date_words_of_a_copied_tijdpad_phrase(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    programme = sample / "bronckhorst" / "programma-1.yaml"
    text = programme.read_text(encoding="utf-8")
    assert "uiterlijk: 2020-05-31" in text and "vroegst: 2020-01-01" in text
    text = text.replace("uiterlijk: 2020-05-31", "uiterlijk: medio 2021 evalueren", 1)
    text = text.replace("vroegst: 2020-01-01", "vroegst: Collegebesluit september 2021", 1)
    programme.write_text(text, encoding="utf-8")
    outcome = regie("laad", str(sample))
    said = " ".join((outcome.out + outcome.err).split())
    assert outcome.code != 0
    assert (".uiterlijk: 'medio 2021 evalueren' is geen datum. Bedoelt u medio 2021, schrijf dan 2021-06-30 "
            f"(het midden van 2021); de rest ('evalueren') {_REST}") in said, said
    assert (".vroegst: 'Collegebesluit september 2021' is geen datum. Bedoelt u september 2021, schrijf dan "
            "2021-09-30 (een datum heeft ook een dag; dit is de laatste dag van september 2021); de rest "
            f"('Collegebesluit') {_REST}") in said, said
    assert "ongeldige datum 'medio 2021 evalueren'" not in said
