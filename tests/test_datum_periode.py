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
