"""Checks on files that did not pass their format check, so one round of `regie laad` names every
error of a file: the mail addresses and keys used twice of a personen.yaml with a bad `rollen` value,
an amount of ``per: totaal`` without years whose `bedrag` is also wrong (these showed only in a
second round)."""

from __future__ import annotations

from domain.register.errors import RegisterFout, field_label
from domain.register.jaarcontext import totaal_melding, totaal_zonder_jaren
from services.register.channels import channel_error
from services.register.register_checks import Unparsed, duplicate_person


def check_unparsed_channels(unparsed: list[Unparsed], errors: list[RegisterFout]) -> None:
    """The channels of a personen.yaml with format errors elsewhere, each that has none of its own."""
    for shown, document, bad in unparsed:
        data = document.data if isinstance(document.data, dict) else {}
        people = data.get("personen")
        for i, person in enumerate(people if isinstance(people, list) else []):
            channels = person.get("kanalen") if isinstance(person, dict) else None
            if not isinstance(channels, list) or ("personen", i, "kanalen") in bad:
                continue
            for k, kanaal in enumerate(channels):
                path = ("personen", i, "kanalen", k)
                if not isinstance(kanaal, str) or any(loc[:len(path)] == path for loc in bad):
                    continue
                if fout := channel_error(kanaal, shown, document.line_of(path), field_label(path, data)):
                    errors.append(fout)


def check_unparsed_people_keys(unparsed: list[Unparsed], errors: list[RegisterFout]) -> None:
    """A person key used twice in a personen.yaml with format errors elsewhere (it showed only once
    every format error was fixed). Read from the YAML, only keys that passed their own format check."""
    for shown, document, bad in unparsed:
        data = document.data if isinstance(document.data, dict) else {}
        people = data.get("personen")
        seen: dict[str, int] = {}
        for i, person in enumerate(people if isinstance(people, list) else []):
            key = person.get("sleutel") if isinstance(person, dict) else None
            if not isinstance(key, str) or ("personen", i, "sleutel") in bad:
                continue
            if key.strip() in seen:
                errors.append(duplicate_person(shown, document, key.strip(), seen[key.strip()], i))
            seen.setdefault(key.strip(), i)


def check_unparsed_totals(unparsed: list[Unparsed], errors: list[RegisterFout]) -> None:
    """An amount of ``per: totaal`` without years, where another field of the same amount failed (the
    model checks the whole amount only once each of its fields is right)."""
    for shown, document, bad in unparsed:
        data = document.data if isinstance(document.data, dict) else {}
        activities = data.get("activiteiten")
        for i, activity in enumerate(activities if isinstance(activities, list) else []):
            amounts = activity.get("bedragen") if isinstance(activity, dict) else None
            for j, amount in enumerate(amounts if isinstance(amounts, list) else []):
                path = ("activiteiten", i, "bedragen", j)
                own = [loc for loc in bad if loc[:len(path)] == path]
                # Told already (the model's own check ran: its error is at the amount itself), or no
                # field failed (then the model checked it): nothing to add.
                if not own or path in own or not totaal_zonder_jaren(amount):
                    continue
                errors.append(RegisterFout(shown, document.line_of(path), field_label(path, data),
                                           totaal_melding(data, path)))
