"""What `regie laad` refuses in an amount or a done date that would otherwise load as something else
than the coordinator meant: a quoted "45.000" (read as € 45), a negative amount, a milestone done
in the future. Each named with file, line, field and what to write (docs/register.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is the register files, not the database (tests/conftest.py)

AMOUNT = "      - bedrag: 138371\n"
SUBSIDY = "        bedrag: 13257\n"
MILESTONE = "        omschrijving: Beleidsregels OAB gaan in\n"


def _write(sample: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in programma-1.yaml; the line of ``new``'s last line."""
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    changed = text.replace(old, new)
    path.write_text(changed, encoding="utf-8")
    return changed[:changed.index(new) + len(new)].count("\n")


def _refused(regie, sample: Path) -> str:  # type: ignore[no-untyped-def]
    refused = regie("laad", str(sample))
    assert refused.code == 2, refused
    return " ".join(refused.err.split())


@pytest.mark.parametrize("written", ["'45.000'", '"45.000"', "' 45.000 '"])
def test_a_quoted_amount_with_a_dot_between_thousands_is_refused_like_an_unquoted_one(
        db, sample, regie, written: str) -> None:  # type: ignore[no-untyped-def]
    line = _write(sample, AMOUNT, f"      - bedrag: {written}\n")
    said = _refused(regie, sample)
    assert (f"programma-1.yaml, regel {line}, veld activiteiten[oab-integreren-in-sociaal-domein].bedragen[1].bedrag: "
            "'45.000' is geen duidelijk bedrag: in een registerbestand is de punt het decimaalteken, dus dit leest als € 45. "
            "Schrijf 45000 (zonder punt tussen de duizendtallen) als u € 45.000 bedoelt, of 45 als u € 45 bedoelt.") in said, said


@pytest.mark.parametrize(("written", "said_here"), [
    ("1.234.567", "'1.234.567' is geen duidelijk bedrag: in een registerbestand is de punt het decimaalteken. "
                  "Schrijf 1234567 (zonder punt tussen de duizendtallen) als u € 1.234.567 bedoelt."),
    ("13.250", "dus dit leest als € 13,25. Schrijf 13250 (zonder punt tussen de duizendtallen) als u € 13.250 "
               "bedoelt, of 13.25 als u € 13,25 bedoelt."),
    ("12.345", "dus dit leest als € 12,345, met drie cijfers achter de komma. Schrijf 12345 (zonder punt tussen "
               "de duizendtallen) als u € 12.345 bedoelt."),
])
def test_a_dotted_amount_is_told_in_euros_as_a_dutch_reader_writes_them(
        db, sample, regie, written: str, said_here: str) -> None:  # type: ignore[no-untyped-def]
    """The amounts the user reads are Dutch ("€ 13,25", it said "13.25"); "1.234.567" crashed the load."""
    line = _write(sample, AMOUNT, f"      - bedrag: {written}\n")
    said = _refused(regie, sample)
    assert "Traceback" not in said and f"regel {line}, veld " in said, said
    assert said_here in said, said


def test_a_quoted_dotted_subsidy_amount_and_lower_bound_are_refused_too(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    bound = _write(sample, AMOUNT, AMOUNT + "        ondergrens: \"100.000\"\n")
    subsidy = _write(sample, SUBSIDY, "        bedrag: '13.257'\n")
    said = _refused(regie, sample)
    assert f"regel {subsidy}, veld " in said and "'13.257' is geen duidelijk bedrag" in said, said
    assert f"regel {bound}, veld " in said and "'100.000' is geen duidelijk bedrag" in said, said


def test_a_quoted_plain_amount_still_loads(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    _write(sample, AMOUNT, "      - bedrag: '138371.50'\n")
    assert regie("laad", str(sample)).code == 0


@pytest.mark.parametrize(("written", "fix"), [("-45000", "45000"), ("'-45000'", "45000"), ("-1.5", "1.5")])
def test_a_negative_amount_is_refused_with_what_to_write(db, sample, regie, written: str, fix: str) -> None:  # type: ignore[no-untyped-def]
    line = _write(sample, AMOUNT, f"      - bedrag: {written}\n")
    said = _refused(regie, sample)
    shown = written.strip("'")
    assert (f"programma-1.yaml, regel {line}, veld activiteiten[oab-integreren-in-sociaal-domein].bedragen[1].bedrag: "
            f"{shown} is een negatief bedrag: een bedrag in het register is nooit kleiner dan 0. Schrijf het "
            f"zonder minteken, bijvoorbeeld bedrag: {fix}.") in said, said


def test_a_negative_subsidy_amount_is_refused_the_same_way(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    line = _write(sample, SUBSIDY, "        bedrag: -13257\n")
    said = _refused(regie, sample)
    assert f"regel {line}, veld " in said and "-13257 is een negatief bedrag" in said, said


def test_a_milestone_done_in_the_future_is_refused_as_the_command_refuses_it(db, sample, regie,  # type: ignore[no-untyped-def]
                                                                            monkeypatch) -> None:
    line = _write(sample, MILESTONE, MILESTONE + "        gereed: 2026-11-24\n")
    said = _refused(regie, sample)  # the tests' today is 2026-11-23
    assert (f"programma-1.yaml, regel {line}, veld "
            "activiteiten[oab-integreren-in-sociaal-domein].mijlpalen[beleidsregels-oab-in-werking].gereed: gereed op "
            "24 november 2026 ligt in de toekomst (vandaag is 23 november 2026). Vul de datum in waarop de mijlpaal gereed "
            "wás, of laat gereed weg zolang hij niet gereed is.") in said, said
    set_today(monkeypatch, "2026-11-24")
    assert regie("laad", str(sample)).code == 0  # done today is allowed
