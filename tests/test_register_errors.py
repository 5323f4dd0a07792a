"""Bad register files: one Dutch message naming file, line and field; exit 2; nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Database, Outcome

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

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


@pytest.mark.parametrize(("old", "new", "fixed"), [
    ("  titel: Gezond en weerbaar", "  titel: Gezond: en: weerbaar", 'titel: "Gezond: en: weerbaar"'),
    ("      tijdpad: >-\n", '      tijdpad: Let op: de "nieuwe" aanpak # zie kaart\n        ',
     'tijdpad: "Let op: de \\"nieuwe\\" aanpak" # zie kaart'),
])
def test_a_colon_in_a_text_names_its_field_and_the_line_to_write(db, sample, loaded, regie, old: str, new: str,
                                                                 fixed: str) -> None:  # type: ignore[no-untyped-def]
    """A ':' in a plain text got "een ':' staat op een onverwachte plek" without the field or the line to write."""
    line = break_file(sample, PROGRAMME, old, new)
    outcome = regie("laad", str(sample))
    field = fixed.split(":")[0]
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        f"regel {line}, veld {field}: de YAML-opmaak klopt niet: een ':' in de tekst van dit veld",
        f"Zet de tekst tussen dubbele aanhalingstekens. Schrijf: {fixed}"])
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
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[f"veld eigenaar: de YAML-opmaak klopt niet: {said}"])
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
    gives the date written as the register wants it; a date that does not exist gets the nearest real one
    with the user's year and month (tests/test_datum_voorstel.py)."""
    line = break_file(sample, PROGRAMME, "uiterlijk: 2020-09-30", f"uiterlijk: {written}")
    outcome = regie("laad", str(sample))
    hint = f"Schrijf de datum als JJJJ-MM-DD, dus {meant}." if meant else \
        "bijvoorbeeld 2020-09-30 (september 2020 heeft 30 dagen)."
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=[f"ongeldige datum '{written}'", hint, ".mijlpalen[collegebesluit-voortgang].uiterlijk"])
    assert db.snapshot() == loaded


def test_vroegst_after_uiterlijk_is_refused(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "vroegst: 2020-09-01", "vroegst: 2020-10-15")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line - 3,
                   words=["vroegst (15 oktober 2020) ligt na uiterlijk (30 september 2020). Zet vroegst op of vóór "
                          "uiterlijk."])
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


@pytest.mark.parametrize("copy", ["programma-1 (kopie).yaml", "programma-1-oud.yml"])
def test_a_copy_of_a_programme_file_is_one_error_that_says_so(db, sample, loaded, regie, copy: str) -> None:  # type: ignore[no-untyped-def]
    """A coordinator kept 'programma-1 (kopie).yaml' beside the file being edited: one error per activity
    said to rename each id to '…-2'. One error now says the two files look like copies, and which files
    are read: a .yml copy is read too (it said "elk .yaml-bestand")."""
    original = sample / PROGRAMME
    (original.parent / copy).write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=None,
                   words=["1 fout gevonden", "staat met dezelfde activiteiten ook in", copy,
                          "regie laad leest elk .yaml- en .yml-bestand in de map. Haal de kopie uit de map"])
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
