"""`regie laad` names every error of a file in one round (docs/register.md): the mail addresses of a
personen.yaml that has other format errors, and an amount of `per: totaal` without years whose
`bedrag` is wrong too, showed only in a second round."""

from __future__ import annotations

from pathlib import Path

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_addresses_are_told_with_a_bad_role_in_the_same_round(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    personen = sample / "bronckhorst" / "personen.yaml"
    _replace(personen, "rollen: [regisseur]", "rollen: [regiseur]")
    _replace(personen, '"mailto://beleid.onderwijs@example.org"',
             '"anna.devries@zutphen,nl", "mosd zutphen@example.org", "griffie@zutphennl"')
    outcome = regie("laad", str(sample))
    assert outcome.code != 0
    said = outcome.out + outcome.err
    assert "ongeldige waarde 'regiseur'" in said
    assert "veld personen[beleid-onderwijs].kanalen[1]: 'anna.devries@zutphen,nl' is geen bruikbaar" in said
    assert "'mosd zutphen@example.org' is geen bruikbaar e-mailadres" in said
    assert "'griffie@zutphennl' is geen bruikbaar e-mailadres" in said


def test_a_total_without_years_is_told_with_its_bad_amount(regie, sample: Path) -> None:  # type: ignore[no-untyped-def]
    programme = sample / "bronckhorst" / "programma-1.yaml"
    _replace(programme, "      - bedrag: 35000\n        per: jaar", "      - bedrag: 1,5 mln\n        per: totaal")
    outcome = regie("laad", str(sample))
    said = outcome.out + outcome.err
    assert "'1,5 mln' is geen getal" in said
    assert "bedragen[1]: per: totaal is een bedrag voor een reeks jaren; geef vanaf en tot_en_met" in said
    assert "2020 en tot_en_met: 2022" not in said  # no fixed year unrelated to the plan
