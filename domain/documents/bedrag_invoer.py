"""The one reading of an amount a user types: `regie voortgang --besteed`, the answer page and the
check-in form of the Prefect UI. Dutch: "45.000" is forty-five thousand, "1.500,50" is 1500.50, "1,50"
is 1.50. A dot that cannot be a thousands separator ("1.5", "1.50") is refused, not guessed: one
reading took € 15, another € 1,50. Pure: no I/O."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.documents.bedragen import euro
from domain.melding import Melding

GROOTSTE = Decimal("1e12")  # the database holds 14 digits, 2 after the comma
# 12500, 12.500, 1.234.567 with optionally ,5 / ,50 / ,- / ,-- for the cents
# (a thousands group never starts with 0: "0.125" was read as € 125)
_DUTCH = re.compile(r"-?(?P<euro>\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,(?P<cent>\d{1,2})|,-{1,2})?")
_ODD_DOT = re.compile(r"-?(?P<euro>\d+)\.(?P<rest>\d{1,2})")     # "1.5", "12.50": 1500 or 1,50?
_ODD_COMMA = re.compile(r"-?(?P<euro>\d{1,3}),(?P<rest>\d{3})")   # "1,500": 1500 (English) or 1,5?
VOORBEELD = "Schrijf bijvoorbeeld 12500 of 12.500,50."


class GeenBedrag(Melding):
    """Typed text that is no amount, or no clear one; ``melding`` is one Dutch sentence about the value
    (the caller names the field: "--besteed", the field on the page, the label in the Prefect UI)."""


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def lees_bedrag(text: str) -> Decimal:
    """An amount as a Dutch user types it ("€ 12.500,50", "12500", "45.000", "1,5"); raises ``GeenBedrag``
    for text that is no amount, an ambiguous one ("1.5", "1,500") or an absurdly large one."""
    typed = text.strip()
    cleaned = re.sub(r"[€\s\u00a0\u202f]|(?i:eur(?:o)?)", "", typed)
    if match := _DUTCH.fullmatch(cleaned):
        value = Decimal(match.group("euro").replace(".", "") + "." + (match.group("cent") or "0"))
        value = -value if cleaned.startswith("-") else value
        if abs(value) >= GROOTSTE:
            raise GeenBedrag(f"'{_shown(typed)}' is te groot voor een bedrag: hoogstens twaalf cijfers "
                             "vóór de komma.")
        return value.quantize(Decimal("0.01"))
    odd = _ODD_DOT.fullmatch(cleaned) or _ODD_COMMA.fullmatch(cleaned)
    if odd:
        whole, rest = odd.group("euro"), odd.group("rest")
        sign = "-" if cleaned.startswith("-") else ""
        if odd.re is _ODD_DOT:
            thousands, cents = int(whole + rest.ljust(3, "0")), Decimal(f"{whole}.{rest}")
        else:
            thousands, cents = int(whole + rest), Decimal(f"{whole}.{rest}")
        cents_text = euro(cents).removeprefix("€ ")
        raise GeenBedrag(f"'{_shown(typed)}' is geen duidelijk bedrag: schrijf {sign}{thousands} of "
                         f"{sign}{cents_text}.")
    if (meant := in_woorden(typed)) is not None:  # "2 ton": the amount it stands for, as `regie laad` says
        raise GeenBedrag(f"'{_shown(typed)}' is geen bedrag in cijfers: schrijf {kaal(meant)} of "
                         f"{bedrag_tekst(meant)} (zonder woorden als mln of ton).")
    if re.fullmatch(r"-?[\d.,]+", cleaned) and re.search(r"\d", cleaned):
        raise GeenBedrag(f"'{_shown(typed)}' is geen duidelijk bedrag. {VOORBEELD}")
    raise GeenBedrag(f"'{_shown(typed)}' is geen bedrag. {VOORBEELD}")


# An amount with a word for its size, as a plan writes it: "1,5 mln", "€ 2 ton", "250k", "3 miljard".
_WORDS = re.compile(r"(?:€|eur(?:o)?)?\s*(?P<n>\d+(?:[.,]\d{1,2})?)\s*"
                    r"(?P<w>mln|miljoen|mio|ton|k|duizend|dzd|mld|miljard)\.?(?:\s*(?:€|eur(?:o)?))?",
                    re.IGNORECASE)
_SIZE = {"mln": 10**6, "miljoen": 10**6, "mio": 10**6, "ton": 10**5, "k": 10**3, "duizend": 10**3,
         "dzd": 10**3, "mld": 10**9, "miljard": 10**9}


def in_woorden(typed: str) -> Decimal | None:
    """The number an amount with a word for its size stands for ("1,5 mln" → 1500000); None otherwise."""
    if not (match := _WORDS.fullmatch(typed.strip())):
        return None
    return Decimal(match["n"].replace(",", ".")) * _SIZE[match["w"].lower()]


def kaal(amount: Decimal) -> str:
    """An amount in digits alone, as a register file writes it: 200000, 1500.5."""
    return str(amount.quantize(Decimal(1))) if amount == amount.to_integral_value() else str(amount)


def bedrag_tekst(value: Decimal) -> str:
    """An amount written back the way ``lees_bedrag`` reads it ("12.500", "1.250,50"): for a form field
    prefilled with a known amount, or an answer handed on as text (the check-in run's input)."""
    return euro(value).removeprefix("€ ")
