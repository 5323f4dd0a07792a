"""A period written where a date belongs ('Q1 2027', 'eind 2026') and an amount with a word for its size
('1,5 mln') suggest what the user meant, not the fixed "bijvoorbeeld 2020-06-30" (a new user's trial);
a date that cannot be read at all gets a date of its own file as the example."""

from __future__ import annotations

from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("typed", "hint"), [
    ("Q1 2027", "bijvoorbeeld 2027-03-31 (het einde van het eerste kwartaal 2027; het begin is 2027-01-01)."),
    ("2027-Q3", "bijvoorbeeld 2027-09-30 (het einde van het derde kwartaal 2027; het begin is 2027-07-01)."),
    ("4e kwartaal 2026", "bijvoorbeeld 2026-12-31 (het einde van het vierde kwartaal 2026; het begin is "
                         "2026-10-01)."),
    ("eind 2026", "bijvoorbeeld 2026-12-31 (het einde van 2026)."),
    ("Begin 2027", "bijvoorbeeld 2027-01-01 (het begin van 2027)."),
    ("medio 2027", "bijvoorbeeld 2027-06-30 (het midden van 2027)."),
    ("eind maart 2027", "bijvoorbeeld 2027-03-31 (het einde van maart 2027)."),
    ("tweede helft 2026", "bijvoorbeeld 2026-12-31 (het einde van het tweede halfjaar 2026; het begin is "
                          "2026-07-01)."),
    ("H1 2027", "bijvoorbeeld 2027-06-30 (het einde van het eerste halfjaar 2027; het begin is 2027-01-01)."),
    ("Q5 2027", "bijvoorbeeld 2020-06-30."),
    # a year the calendar has not: an example, not an internal error ("Interne fout (ValueError)")
    ("Q3 0000", "bijvoorbeeld 2020-06-30."), ("winter 9999", "bijvoorbeeld 2020-06-30."),
    ("december 9999", "bijvoorbeeld 9999-12-31 (een datum heeft ook een dag; dit is de laatste dag van december "
                      "9999)."),
])
def test_a_period_suggests_the_date_it_ends_on(typed: str, hint: str) -> None:
    from domain.melding import datum_hint

    assert datum_hint(typed, "2020-06-30") == hint


def test_regie_laad_suggests_what_periods_and_amounts_in_words_mean(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    programme = sample / "bronckhorst" / "programma-1.yaml"
    text = programme.read_text(encoding="utf-8")
    text = text.replace("vroegst: 2020-03-01", "vroegst: Q1 2027", 1)
    text = text.replace("uiterlijk: 2020-05-31", "uiterlijk: eind 2026", 1)
    text = text.replace("vroegst: 2020-01-01", "vroegst: morgen", 1)
    text = text.replace("      - bedrag: 35000", "      - bedrag: 1,5 mln", 1)
    programme.write_text(text, encoding="utf-8")
    outcome = regie("laad", str(sample))
    said = " ".join((outcome.out + outcome.err).split())
    assert outcome.code != 0
    assert ("ongeldige datum 'Q1 2027'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2027-03-31 (het einde van "
            "het eerste kwartaal 2027; het begin is 2027-01-01).") in said
    assert "ongeldige datum 'eind 2026'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-31" in said
    assert "'1,5 mln' is geen getal. Schrijf 1500000" in said
    # A date of the file itself, not the fixed 2020-06-30.
    assert "ongeldige datum 'morgen'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2020-06-30" not in said
    assert "ongeldige datum 'morgen'. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 20" in said


@pytest.mark.parametrize("typed", ["Q3 0000", "winter 9999", "eind 0000"])
def test_a_period_in_a_year_the_calendar_has_not_is_refused_not_an_internal_error(typed: str, regie,  # type: ignore[no-untyped-def]
                                                                                 sample: Path) -> None:
    moved = regie("verplaats", "a/b", "--reden", "later", "--naar", typed)
    assert moved.code == 2 and f"--naar '{typed}' is geen datum." in " ".join(moved.err.split()), moved
    programme = sample / "bronckhorst" / "programma-1.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("uiterlijk: 2020-05-31", f"uiterlijk: {typed}",
                                                                       1), encoding="utf-8")
    loaded = regie("laad", str(sample))
    assert loaded.code != 0 and f"ongeldige datum '{typed}'" in " ".join(loaded.err.split()), loaded
