"""What to say when a programme file names a person by something other than a key of personen.yaml:
their name ("eigenaar: Anna de Boer"), a misspelt key, or a key nobody has. Pure: it is handed the
people of the municipality (key → naam)."""

from __future__ import annotations

from collections.abc import Mapping

from domain.melding import bedoelt_u
from domain.register.tekstcontrole import shown

PERSONEN = "personen.yaml"
# The fields of a programme file whose value is the key of a person in personen.yaml, and the key of
# a person itself: their example is a person's key, not an activity's id.
PERSON_FIELDS = ("eigenaar", "regisseur")
KEY_FIELDS = (*PERSON_FIELDS, "sleutel")
VOORBEELD = "regisseur-jeugd"
SHOWN_KEYS = 5  # keys listed when nothing is near


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def key_of_name(value: str, people: Mapping[str, str]) -> str | None:
    """The key of the one person whose ``naam`` is ``value`` (case and spaces aside)."""
    keys = [key for key, naam in people.items() if naam and _plain(naam) == _plain(value)]
    return keys[0] if len(keys) == 1 else None


def _some_keys(people: Mapping[str, str]) -> str:
    keys = sorted(people)
    more = f" (en {len(keys) - SHOWN_KEYS} meer)" if len(keys) > SHOWN_KEYS else ""
    return ", ".join(keys[:SHOWN_KEYS]) + more


def bad_key_message(field: str, value: str, people: Mapping[str, str] | None) -> str:
    """A value of a person field (or a person's ``sleutel``) that is not written as a key."""
    if people and field in PERSON_FIELDS and (key := key_of_name(value, people)):
        return f"{shown(value)} is de naam van '{key}' in {PERSONEN}: schrijf {field}: {key}"
    voorbeeld = next(iter(people)) if people else VOORBEELD
    said = (f"ongeldige sleutel {shown(value)}. Een sleutel heeft kleine letters, cijfers en streepjes, "
            f"bijvoorbeeld '{voorbeeld}'.")
    if people and field in PERSON_FIELDS:
        hint = bedoelt_u(value, sorted(people), any_case=True)
        said += hint or f" Sleutels in {PERSONEN}: {_some_keys(people)}."
    return said


def unknown_person_message(field: str, key: str, people: Mapping[str, str]) -> str:
    """A key in a person field that no person in personen.yaml has."""
    if named := key_of_name(key, people):
        return f"{shown(key)} is de naam van '{named}' in {PERSONEN}: schrijf {field}: {named}"
    hint = bedoelt_u(key, sorted(people))
    listed = "" if hint else f" Sleutels in {PERSONEN}: {_some_keys(people)}."
    return (f"{shown(key)} staat niet in {PERSONEN}.{hint}{listed} Gebruik een sleutel uit {PERSONEN} of "
            "voeg de persoon daar toe.")
