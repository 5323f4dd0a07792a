"""A register file with several errors names all of them in one round, in file order, each with file,
line, field and what to write instead (an amount written "45.000" and an id used twice were named only
after every other error was fixed); at most 20 per file, then how many more. Nothing is loaded."""

from __future__ import annotations

from pathlib import Path

from domain.register.errors import RegisterFout, shown_errors

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _line(path: Path, text: str, after: int = 0) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text, after) + 1


def test_every_error_of_a_file_is_named_in_one_round_and_nothing_is_loaded(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    for old in ("      - bedrag: 231907.60\n", "  - id: versterking-pleegzorg\n", "    status: lopend\n"):
        assert old in text
    path.write_text(text.replace("      - bedrag: 231907.60\n", "      - bedrag: 45.000\n")
                    .replace("  - id: versterking-pleegzorg\n", "  - id: versterking-gespecialiseerde-ambulante-hulp\n")
                    .replace("    status: lopend\n", "    status: bezig\n", 1), encoding="utf-8")
    status = _line(path, "    status: bezig")
    first = _line(path, "  - id: versterking-gespecialiseerde-ambulante-hulp")
    twice = _line(path, "  - id: versterking-gespecialiseerde-ambulante-hulp", first)
    amount = _line(path, "      - bedrag: 45.000")
    before = db.snapshot()
    refused = regie("laad", str(sample))
    assert refused.code == 2, refused
    lines = [" ".join(line.split()) for line in refused.err.split("  • ")]
    assert lines[0] == "Het register is niet geladen: 3 fouten gevonden. De database is niet veranderd."
    shown = lines[1].split("programma-1.yaml")[0]
    assert lines[1:] == [
        f"{shown}programma-1.yaml, regel {status}, veld activiteiten[versterking-gespecialiseerde-ambulante-hulp]"
        ".status: ongeldige waarde 'bezig'. Bedoelt u 'lopend'? Kies uit: gepland, lopend, afgerond, vertraagd, gestopt.",
        f"{shown}programma-1.yaml, regel {twice}, veld activiteiten[versterking-gespecialiseerde-ambulante-hulp].id: "
        f"activiteit 'versterking-gespecialiseerde-ambulante-hulp' staat ook in {shown}programma-1.yaml, regel "
        f"{first}. Een id is uniek binnen de gemeente: kies een andere, bijvoorbeeld "
        "'versterking-gespecialiseerde-ambulante-hulp-2'.",
        f"{shown}programma-1.yaml, regel {amount}, veld activiteiten[voortgang-pilot-jeugd-poh-soh].bedragen[1].bedrag: '45.000' is geen duidelijk bedrag: in een "
        "registerbestand is de punt het decimaalteken, dus dit leest als € 45. "
        "Schrijf 45000 (zonder punt tussen de duizendtallen) als u € 45.000 bedoelt, of 45 als u € 45 bedoelt.",
    ]
    assert db.snapshot() == before


def test_two_amounts_with_a_dot_between_thousands_are_both_named(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8").replace("      - bedrag: 231907.60\n", "      - bedrag: 45.000\n")
    path.write_text(text.replace("    status: lopend\n", "    status: lopend\n    bedragen:\n      - bedrag: 12.500\n",
                                 1), encoding="utf-8")
    refused = regie("laad", str(sample))
    said = " ".join(refused.err.split())
    assert refused.code == 2 and "'12.500' is geen duidelijk bedrag" in said and "'45.000' is geen duidelijk" in said
    assert said.index("'12.500'") < said.index("'45.000'")  # file order


def test_at_most_twenty_errors_of_a_file_are_shown_then_how_many_more() -> None:
    fouten = [RegisterFout("a/programma-1.yaml", n, "titel", f"fout {n}.") for n in range(25, 0, -1)]
    fouten.append(RegisterFout("a/personen.yaml", 3, "naam", "leeg."))
    lines = shown_errors(fouten)
    assert lines[0] == "a/personen.yaml, regel 3, veld naam: leeg."
    assert lines[1:21] == [f"a/programma-1.yaml, regel {n}, veld titel: fout {n}." for n in range(1, 21)]
    assert lines[21:] == ["a/programma-1.yaml: en 5 meer in dit bestand. Verbeter de fouten hierboven en laad "
                          "opnieuw: dan staan de overige hier."]
