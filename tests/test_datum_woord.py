"""`regie verplaats … --naar morgen` said "Schrijf JJJJ-MM-DD, bijvoorbeeld 2020-09-08.": today's date,
which read as regie's reading of 'morgen' (and a wrong one). 'morgen' is read now (tests/
test_datum_optie_vormen.py); a word that is no date gets examples that are plainly the forms to write:
the end of the year, in each form."""

from __future__ import annotations

import pytest

from tests.conftest import set_today


@pytest.mark.parametrize(("option", "args"), [
    ("--naar", ("verplaats", "a/b", "--reden", "later", "--naar")),
    ("--datum", ("gereed", "a/b", "--datum")),
    ("--peildatum", ("status", "--peildatum")),
])
def test_a_word_for_a_date_gets_a_neutral_example(option: str, args: tuple[str, ...], regie,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    set_today(monkeypatch, "2020-09-08")
    refused = regie(*args, "overmorgen")
    assert refused.code == 2, refused
    said = " ".join(refused.err.split())
    assert (f"{option} 'overmorgen' is geen datum. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand "
            "en jaar, bijvoorbeeld 2020-12-31, 31-12-2020 of 31 december 2020; of vandaag, morgen of "
            "gisteren.") in said, said
    assert "2020-09-08" not in said and "2020-09-10" not in said
