"""A list item whose '- ' is missing: YAML reads it as the item above with its keys written twice.
The message names the list and where the dash goes, never "Houd er één over" (which loses data)."""

from __future__ import annotations

import pytest

from tests import test_register_errors
from tests.test_register_errors import PEOPLE, PROGRAMME, assert_refused, break_file

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

loaded = test_register_errors.loaded  # the fixture, here too


def _no_advice_to_delete(err: str) -> None:
    assert "Houd er één over" not in err, err


def test_a_milestone_without_its_dash_is_named_as_a_new_milestone(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    first = break_file(sample, PROGRAMME, "      - id: beleidsregels-oab-in-werking", "      - id: beleidsregels-oab-in-werking")
    line = break_file(sample, PROGRAMME, "      - id: uitvoeringsplan-oab-concreet", "        id: uitvoeringsplan-oab-concreet")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        "veld activiteiten[oab-integreren-in-sociaal-domein].mijlpalen: hier begint waarschijnlijk een nieuwe "
        "mijlpaal, maar het streepje ontbreekt",
        f"Zet '- ' voor 'id' op regel {line}, recht onder de '-' van '- id' op regel {first}, "
        "zo: „      - id: uitvoeringsplan-oab-concreet”"])
    _no_advice_to_delete(outcome.err)
    assert db.snapshot() == loaded


def test_an_activity_without_its_dash_is_named_as_a_new_activity(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "  - id: versterking-pleegzorg", "    id: versterking-pleegzorg")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line, words=[
        "veld activiteiten: hier begint waarschijnlijk een nieuwe activiteit, maar het streepje ontbreekt",
        f"Zet '- ' voor 'id' op regel {line}, recht onder de '-' van '- id' op regel 14"])
    _no_advice_to_delete(outcome.err)
    assert db.snapshot() == loaded


def test_a_person_without_its_dash_is_named_as_a_new_person(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PEOPLE, "  - sleutel: beleid-onderwijs", "    sleutel: beleid-onderwijs")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="personen.yaml", line=line, words=[
        "veld personen: hier begint waarschijnlijk een nieuwe persoon, maar het streepje ontbreekt",
        "Zet '- ' voor 'sleutel' op regel 8, recht onder de '-' van '- sleutel' op regel 4, "
        "zo: „  - sleutel: beleid-onderwijs”"])
    _no_advice_to_delete(outcome.err)


@pytest.mark.parametrize(("relative", "old", "new", "words"), [
    (PROGRAMME, "      - id: uitvoeringsplan-oab-concreet", "      id: uitvoeringsplan-oab-concreet",
     "veld mijlpalen: hier begint waarschijnlijk een nieuwe mijlpaal, maar het streepje ontbreekt. Zet '- ' "
     "voor 'id' op regel {line}, recht onder de '-' van '- id' op regel 132, zo: „      - id: "
     "uitvoeringsplan-oab-concreet”"),
    (PEOPLE, "  - sleutel: beleid-onderwijs", "  sleutel: beleid-onderwijs",
     "veld personen: hier begint waarschijnlijk een nieuwe persoon, maar het streepje ontbreekt. Zet '- ' voor "
     "'sleutel' op regel {line}, recht onder de '-' van '- sleutel' op regel 4, zo: „  - sleutel: beleid-onderwijs”"),
])
def test_a_dash_taken_away_is_named_as_a_new_item_not_as_indentation(  # type: ignore[no-untyped-def]
        db, sample, loaded, regie, relative, old: str, new: str, words: str) -> None:
    """Only the '- ' taken away (the key where the dash stood): YAML cannot read it, and the indentation
    message said to indent it as the fields above, which merges the two items (then "Houd er één over")."""
    line = break_file(sample, relative, old, new)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file=relative.name, line=line, words=[words.format(line=line)])
    assert "de inspringing:" not in outcome.err, outcome.err
    assert db.snapshot() == loaded


def test_a_key_written_twice_in_a_list_item_keeps_the_old_message(db, sample, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    """One field twice in a milestone, not its first: a true duplicate, not a missing dash."""
    line = break_file(sample, PROGRAMME, "        soort: oplevering\n", "        soort: oplevering\n        soort: besluit\n")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1,
                   words=["veld 'soort' staat twee keer in hetzelfde blok. Houd er één over."])
    assert "streepje" not in outcome.err
