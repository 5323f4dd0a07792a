"""Bad register files: one Dutch message naming file, line and field; exit 2; nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database, Outcome

PROGRAMME = Path("bronckhorst") / "programma-1.yaml"
PEOPLE = Path("bronckhorst") / "personen.yaml"


def line_of(text: str, fragment: str) -> int:
    """1-based line number of the first line containing ``fragment``."""
    return text[: text.index(fragment)].count("\n") + 1


def break_file(sample: Path, relative: Path, old: str, new: str, *, occurrence: int = 1) -> int:
    """Replace the n-th ``old`` by ``new`` in a sample file; returns the line of the change."""
    path = sample / relative
    text = path.read_text(encoding="utf-8")
    index = -1
    for _ in range(occurrence):
        index = text.index(old, index + 1)
    text = text[:index] + new + text[index + len(old):]
    path.write_text(text, encoding="utf-8")
    return text[:index].count("\n") + 1 + new[: len(new) - len(new.lstrip("\n"))].count("\n")


@pytest.fixture
def loaded(db: Database, sample: Path, regie: Callable[..., Outcome]) -> dict[str, list[tuple[object, ...]]]:
    """The sample register loaded; returns the database snapshot to compare against."""
    assert regie("laad", str(sample)).code == 0
    return db.snapshot()


def assert_refused(outcome: Outcome, *, file: str, line: int | None, words: list[str]) -> None:
    assert outcome.code == 2, outcome
    assert "Traceback" not in outcome.err + outcome.out
    assert "Het register is niet geladen" in outcome.err
    assert "De database is niet veranderd" in outcome.err
    expected_place = file + (f", regel {line}" if line is not None else "")
    assert expected_place in outcome.err, outcome.err
    for word in words:
        assert word in outcome.err, (word, outcome.err)


def test_a_yaml_syntax_error_names_its_line(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "  titel: Gezond en weerbaar", "  titel: Gezond: en: weerbaar")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=["YAML-opmaak", "aanhalingstekens"])
    assert db.snapshot() == loaded


@pytest.mark.parametrize(("old", "new", "said"), [
    ("    eigenaar: beleid-onderwijs", "\teigenaar: beleid-onderwijs", "deze regel springt in met een tab"),
    ("    eigenaar: beleid-onderwijs", "  \teigenaar: beleid-onderwijs", "deze regel springt in met een tab"),
    ("    eigenaar: beleid-onderwijs", "    eigenaar:\tbeleid-onderwijs", "na de ':' staat een tab"),
])
def test_a_tab_says_it_is_a_tab_on_its_line(db, sample, loaded, regie, old: str, new: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """A tab typed or pasted from a spreadsheet got 'Controleer inspringing (spaties, geen tabs) en dubbele
    punten': the line now says what is wrong on it."""
    line = break_file(sample, PROGRAMME, old, new)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[said])
    assert db.snapshot() == loaded


def test_an_unknown_key_suggests_the_nearest_known_one(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwijs", "    eigenar: beleid-onderwijs")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["onbekend veld 'eigenar'", "Bedoelt u 'eigenaar'?",
                          "activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].eigenar"])
    assert db.snapshot() == loaded


def test_a_missing_required_key_says_which_and_where(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "        omschrijving: Einde pilot Steungezinnen\n", "")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line - 2,
                   words=["verplicht veld 'omschrijving' ontbreekt",
                          "activiteiten[voortgang-pilot-steungezinnen].mijlpalen[einde-pilot].omschrijving"])
    assert db.snapshot() == loaded


def test_a_wrong_type_says_what_to_write(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "  nummer: 1", "  nummer: een")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["programma.nummer", "is geen geheel getal"])
    assert db.snapshot() == loaded


def test_an_impossible_date_is_refused_with_the_format_to_use(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "uiterlijk: 2020-09-30", "uiterlijk: 2020-13-01")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["ongeldige datum '2020-13-01'", "JJJJ-MM-DD", ".mijlpalen[collegebesluit-voortgang].uiterlijk"])
    assert db.snapshot() == loaded


@pytest.mark.parametrize(("written", "meant"), [
    ("30-09-2020", "2020-09-30"), ("30/9/2020", "2020-09-30"), ("2020-9-30", "2020-09-30"), ("31-09-2020", None)])
def test_a_date_written_the_dutch_way_is_refused_with_the_same_date_as_it_should_be(  # type: ignore[no-untyped-def]
        db, sample, loaded, regie, written: str, meant: str | None) -> None:
    """A coordinator fixing a date writes '30-09-2020': the message said 'bijvoorbeeld 2020-06-30', now it
    gives the date written as the register wants it; a date that does not exist keeps the example."""
    line = break_file(sample, PROGRAMME, "uiterlijk: 2020-09-30", f"uiterlijk: {written}")
    outcome = regie("laad", str(sample))
    hint = f"Schrijf een bestaande datum als JJJJ-MM-DD, dus {meant}." if meant else "bijvoorbeeld 2020-06-30."
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=[f"ongeldige datum '{written}'", hint, ".mijlpalen[collegebesluit-voortgang].uiterlijk"])
    assert db.snapshot() == loaded


def test_vroegst_after_uiterlijk_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "vroegst: 2020-09-01", "vroegst: 2020-10-15")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line - 3,
                   words=["vroegst (2020-10-15) ligt na uiterlijk (2020-09-30)", "zet vroegst op of vóór uiterlijk"])
    assert db.snapshot() == loaded


def test_a_duplicate_activity_id_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    first = break_file(sample, PROGRAMME, "  - id: versterking-pleegzorg", "  - id: voortgang-pilot-steungezinnen")
    second = line_of((sample / PROGRAMME).read_text(encoding="utf-8").split("\n", first)[-1],
                     "  - id: voortgang-pilot-steungezinnen") + first
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=second,
                   words=[f"activiteit 'voortgang-pilot-steungezinnen' staat ook in "
                          f"{sample}/bronckhorst/programma-1.yaml, regel {first}", "uniek binnen de gemeente"])
    assert db.snapshot() == loaded


def test_a_copy_of_a_programme_file_is_one_error_that_says_so(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    """A coordinator kept 'programma-1 (kopie).yaml' beside the file being edited: one error per activity
    said to rename each id to '…-2'. One error now says the two files look like copies."""
    original = sample / PROGRAMME
    (original.parent / "programma-1 (kopie).yaml").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=None,
                   words=["1 fout gevonden", "staat met dezelfde activiteiten ook in", "programma-1 (kopie).yaml",
                          "Haal de kopie uit de map"])
    assert "uniek binnen de gemeente" not in outcome.err
    assert db.snapshot() == loaded


def test_a_duplicate_milestone_id_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "      - id: collegebesluit-voortgang", "      - id: evaluatie-pilot")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["id 'evaluatie-pilot' komt twee keer voor"])
    assert db.snapshot() == loaded


def test_an_owner_missing_from_personen_is_refused_with_a_suggestion(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwijs", "    eigenaar: beleid-onderwys")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["'beleid-onderwys' staat niet in personen.yaml", "Bedoelt u 'beleid-onderwijs'?"])
    assert db.snapshot() == loaded


def test_an_empty_file_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / "bronckhorst" / "programma-2.yaml").write_text("\n  \n", encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["het bestand is leeg"])
    assert db.snapshot() == loaded


def test_a_cp1252_file_is_refused_with_how_to_save_it(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    first = min(i for i, ch in enumerate(text) if ord(ch) > 127)
    line = text[:first].count("\n") + 1
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["niet in UTF-8", "Windows-1252", "Sla het op als UTF-8"])
    assert db.snapshot() == loaded


def test_a_binary_file_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / "bronckhorst" / "programma-2.yaml").write_bytes(b"PK\x03\x04\x00\x00binary\x00" * 50)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["geen tekstbestand"])
    assert db.snapshot() == loaded


def test_a_ten_megabyte_file_is_refused_without_reading_it(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    with (sample / "bronckhorst" / "programma-2.yaml").open("w", encoding="utf-8") as handle:
        handle.write("gemeente: Bronckhorst\n" + "# opvulling\n" * (10 * 1024 * 1024 // 12))
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-2.yaml", line=None, words=["MB", "hoogstens 5 MB"])
    assert db.snapshot() == loaded


def test_a_duplicate_yaml_key_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "  titel: Gezond en weerbaar\n",
                      "  titel: Gezond en weerbaar\n  titel: Gezond\n")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1, words=["'titel' staat twee keer"])
    assert db.snapshot() == loaded


def test_a_wrong_status_lists_the_allowed_values(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    status: lopend", "    status: bezig")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["ongeldige waarde 'bezig'", "gepland, lopend, afgerond, vertraagd, gestopt"])
    assert db.snapshot() == loaded


def test_every_error_in_one_run_is_reported(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    break_file(sample, PROGRAMME, "  nummer: 1", "  nummer: een")
    break_file(sample, PEOPLE, "    rollen: [coordinator]", "    rollen: [coördinator]")
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "2 fouten gevonden" in outcome.err
    assert "personen.yaml" in outcome.err and "programma-1.yaml" in outcome.err
    assert db.snapshot() == loaded


def test_unknown_person_keys_are_named_in_the_same_round_as_format_errors(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    """A typo in an owner's or regisseur's key was reported only after every format error was fixed
    (the file, or personen.yaml, had to pass its format check first): a second round for the user.
    Keys are now looked up in the YAML of files with format errors too, and in personen.yaml's own
    YAML when it has format errors but every person's key can be read."""
    owner = break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwijs", "    eigenaar: beleid-onderwys")
    regisseur = break_file(sample, PROGRAMME, "  regisseur: regisseur-jeugd", "  regisseur: regiseur-jeugd")
    date = break_file(sample, PROGRAMME, "uiterlijk: 2020-05-31", "uiterlijk: 2020-05-32")
    role = break_file(sample, PEOPLE, "    rollen: [coordinator]", "    rollen: [coördinator]")
    outcome = regie("laad", str(sample))
    said = " ".join(outcome.err.split())
    assert outcome.code == 2 and "4 fouten gevonden" in said, said
    for line, words in ((owner, "veld activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].eigenaar: "
                                "'beleid-onderwys' staat niet in personen.yaml. Bedoelt u 'beleid-onderwijs'?"),
                        (regisseur, "veld programma.regisseur: 'regiseur-jeugd' staat niet in personen.yaml. "
                                    "Bedoelt u 'regisseur-jeugd'?"),
                        (date, "veld activiteiten[uitvoeringsstrategie-rijkere-visie-op-onderwijs].mijlpalen["
                               "uitvoeringsafspraken-alle-themas].uiterlijk: ongeldige datum '2020-05-32'")):
        assert f"programma-1.yaml, regel {line}, {words}" in said, (line, words, said)
    assert f"personen.yaml, regel {role}," in said
    # A key with a format error of its own is told once, for its format; a personen.yaml whose keys
    # cannot all be read checks no owners (they would all look unknown).
    break_file(sample, PROGRAMME, "    eigenaar: beleid-onderwys", "    eigenaar: Beleid Onderwijs")
    break_file(sample, PEOPLE, "  - sleutel: beleid-onderwijs", "  - sleutel: [beleid-onderwijs]")
    said = " ".join(regie("laad", str(sample)).err.split())
    assert "4 fouten gevonden" in said and "staat niet in personen.yaml" not in said, said
    assert said.count("eigenaar:") == 1 and said.count("regisseur:") == 0, said
    assert db.snapshot() == loaded


def test_a_missing_directory_is_a_clear_error(db, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("laad", str(tmp_path / "bestaat-niet"))
    assert outcome.code == 2
    assert "deze map bestaat niet" in outcome.err
    assert "Traceback" not in outcome.err


def test_a_missing_personen_file_is_a_clear_error(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    (sample / PEOPLE).unlink()
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "personen.yaml ontbreekt" in outcome.err
    assert db.snapshot() == loaded


def test_an_error_in_a_later_municipality_leaves_the_earlier_one_unwritten(
    db, sample, regie  # type: ignore[no-untyped-def]
) -> None:
    import shutil

    empty = db.snapshot()
    shutil.copytree(sample / "bronckhorst", sample / "zutphen")
    path = sample / "zutphen" / "programma-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("gemeente: Bronckhorst", "gemeente: Zutphen")
                    .replace("uiterlijk: 2020-09-30", "uiterlijk: 2020-02-30"), encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "zutphen/programma-1.yaml" in outcome.err
    assert db.snapshot() == empty


def test_zeker_may_be_written_ja_or_nee_and_anything_else_is_told_how(  # type: ignore[no-untyped-def]
        db, sample, loaded, regie) -> None:
    """A Dutch user writes 'zeker: nee' (the importer writes false): both mean the same; 'misschien'
    is refused naming both ways to write it."""
    from sqlalchemy import select

    from models.tables import Milestone

    def unsure() -> int:
        with db.session() as session:
            return [m.zeker for m in session.scalars(select(Milestone))].count(False)

    before = unsure()
    break_file(sample, PROGRAMME, "        zeker: false", "        zeker: nee")
    assert regie("laad", str(sample)).code == 0
    assert unsure() == before > 0
    line = break_file(sample, PROGRAMME, "        zeker: nee", "        zeker: misschien")
    assert_refused(regie("laad", str(sample)), file="programma-1.yaml", line=line,
                   words=["ja of nee (of true of false)"])
