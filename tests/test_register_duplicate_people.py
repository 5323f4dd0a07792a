"""A person key used twice in personen.yaml is named in the same round as the file's other format
errors (a bad address, a misspelt field), with both its lines; before, it showed only in a second
round, once every format error was fixed. Nothing is loaded."""

from __future__ import annotations

from pathlib import Path

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

SECOND = ("  - sleutel: beleid-onderwijs\n"
          "    naam: Nog een beleidsmedewerker\n"
          "    rollen: []\n"
          "    kanalen: [\"mailto://beleid.onderwijs2@example.org\"]\n")


def _line(path: Path, text: str, after: int = 0) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text, after) + 1


def _add_second_person(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + SECOND, encoding="utf-8")


def _refused_naming_the_duplicate(db, sample: Path, regie, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Run `regie laad`: refused, nothing loaded, the duplicate named with both its lines; what it said."""
    first = _line(path, "  - sleutel: beleid-onderwijs")
    second = _line(path, "  - sleutel: beleid-onderwijs", first)
    before = db.snapshot()
    refused = regie("laad", str(sample))
    said = " ".join(refused.err.split())
    assert refused.code == 2, refused
    assert (f"personen.yaml, regel {second}, veld personen[beleid-onderwijs].sleutel: sleutel "
            f"'beleid-onderwijs' komt twee keer voor: ook op regel {first}. Geef elke persoon een eigen "
            "sleutel.") in said, said
    assert db.snapshot() == before
    return said


def test_duplicate_key_is_named_with_format_errors_in_one_round(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "personen.yaml"
    _add_second_person(path)
    text = path.read_text(encoding="utf-8")
    bad_address = '    kanalen: ["mailto://mosd@example.org"]\n'
    misspelt = "    naam: Portefeuillehouder sociaal domein\n"
    assert bad_address in text and misspelt in text
    path.write_text(text.replace(bad_address, '    kanalen: ["mailto://mosd@example,org"]\n')
                    .replace(misspelt, misspelt.replace("naam:", "nam:")), encoding="utf-8")
    said = _refused_naming_the_duplicate(db, sample, regie, path)
    assert "onbekend veld 'nam'" in said and "mosd@example,org" in said
    assert said.count("komt twee keer voor") == 1


def test_duplicate_key_alone_names_both_lines(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "personen.yaml"
    _add_second_person(path)
    _refused_naming_the_duplicate(db, sample, regie, path)
