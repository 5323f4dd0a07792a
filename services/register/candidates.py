"""Which people a user may have meant by a name or key that matches no one: names and keys that start
with what was typed, then those that contain it, then those spelled nearly so; never one guess from far
off, and several listed with their name, key and municipality."""

from __future__ import annotations

import difflib
from typing import Any

from models.tables import Municipality, Person

__all__ = ["meant_people", "meant_text", "nearest_key", "people_meant"]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def meant_people(typed: str, people: list[Person]) -> list[Person]:
    """The people ``typed`` may mean, best first: a name or key that starts with it, else one that contains
    it, else the nearest in spelling (at most three)."""
    word = _norm(typed)
    if not word:
        return []
    for test in (lambda s: s.startswith(word), lambda s: word in s):
        found = [p for p in people if test(_norm(p.naam)) or test(_norm(p.sleutel))]
        if found:
            return found
    def score(p: Person) -> float:
        # the whole name or key, or its start as long as what was typed ('Portefeuilehouder')
        return max(difflib.SequenceMatcher(None, word, text).ratio()
                   for s in (p.naam, p.sleutel) for text in (_norm(s), _norm(s)[:len(word)]))
    near = sorted((p for p in people if score(p) >= 0.75), key=score, reverse=True)
    return near[:3]


def meant_text(typed: str, people: list[Person], places: dict[int | None, Municipality],
               limit: int = 5) -> str:
    """' Bedoelt u NAAM in GEMEENTE (sleutel 'x')?' for the one person ``typed`` may mean, ' Bedoelt u een
    van deze? …' naming several, or '' when no one is near."""
    found = meant_people(typed, people)

    def one(p: Person) -> str:
        place = places.get(p.gemeente_id)
        return f"{p.naam}{f' in {place.naam}' if place else ''} (sleutel '{p.sleutel}')"
    if not found:
        return ""
    if len(found) == 1:
        return f" Bedoelt u {one(found[0])}?"
    more = f"; en nog {len(found) - limit}" if len(found) > limit else ""
    return f" Bedoelt u een van deze? {'; '.join(one(p) for p in found[:limit])}{more}."


def people_meant(session: Any, typed: str) -> str:
    """' Bedoelt u …?' naming the people in the register ``typed`` may mean, by name, key and municipality."""
    from services.register.municipalities import active_people

    people, places = active_people(session=session)
    return meant_text(typed, people, places)


def nearest_key(session: Any, value: str, known: list[str]) -> str | None:
    """The key nearest to ``value`` in spelling, else the key of the one person it names or starts the
    name of; None when neither (the command's example then offers the owner's key)."""
    from services.register.municipalities import active_people

    near = next(iter(difflib.get_close_matches(value, known, n=1, cutoff=0.6)), None)
    meant = meant_people(value, active_people(session=session)[0]) if near is None else []
    return near or (meant[0].sleutel if len(meant) == 1 else None)
