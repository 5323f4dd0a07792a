"""The choice a user meant when they wrote another word for it: the same word with an accent or
capitals ("coördinator", "Lopend"), the answer page's label of it ("loopt", web/answers.py) or a
common Dutch synonym ("klaar", "wethouder"). Pure: for the message of a refused choice."""

from __future__ import annotations

import unicodedata

# Words people write for a choice of the register (status, rollen, soort of a meeting).
SYNONIEMEN = {
    "loopt": "lopend", "bezig": "lopend", "actief": "lopend", "gestart": "lopend", "in uitvoering": "lopend",
    "klaar": "afgerond", "gereed": "afgerond", "af": "afgerond", "voltooid": "afgerond",
    "afgesloten": "afgerond",
    "achter": "vertraagd", "vertraging": "vertraagd", "uitgesteld": "vertraagd",
    "gestaakt": "gestopt", "stopgezet": "gestopt", "beeindigd": "gestopt", "geannuleerd": "gestopt",
    "nieuw": "gepland", "nog niet gestart": "gepland", "niet gestart": "gepland",
    "wethouder": "poho", "portefeuillehouder": "poho", "gemeenteraad": "raad", "griffie": "raad",
    "programmaregisseur": "regisseur", "regionaal": "regio", "eigen": "gemeente",
}


def _plain(word: str) -> str:
    """Without accents, capitals and extra spaces: 'Coördinator ' is 'coordinator'."""
    decomposed = unicodedata.normalize("NFKD", word)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def bedoelde_keuze(value: object, choices: list[str]) -> str | None:
    """The one of ``choices`` that ``value`` stands for, or None."""
    if not isinstance(value, str):
        return None
    plain = _plain(value)
    for choice in choices:
        if _plain(choice) == plain:
            return choice
    meant = SYNONIEMEN.get(plain)
    return meant if meant in choices else None
