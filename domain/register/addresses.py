"""E-mail channels: which entries of `kanalen` are plain e-mail addresses, and what is wrong with
one that is meant as an address but cannot be delivered to (no I/O, no Apprise, no DNS)."""

from __future__ import annotations

import re
from urllib.parse import unquote

# The local part (before the @): the "atext" characters of RFC 5322 and dots between them.
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
# One label of the domain: letters (also accented ones), digits and hyphens, not at either end.
_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]*[^\W_])?$")


def bare_address(channel: str) -> str:
    """The address part of ``mailto:adres``, ``mailto://adres`` or a bare address."""
    value = channel.strip()
    for prefix in ("mailto://", "mailto:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
            break
    return unquote(value.split("?", 1)[0])


def _fault(address: str) -> str | None:
    """Why ``address`` cannot be a deliverable address (Dutch, after "is geen bruikbaar e-mailadres: "),
    or None when it can be."""
    if not address:
        return "er staat geen adres"
    if ";" in address:
        return "er staat een puntkomma in; zet elk adres op een eigen regel onder kanalen"
    if any(c.isspace() for c in address):
        return "er staat een spatie in; een e-mailadres heeft geen spaties"
    if address.count("@") == 0:
        return "het @-teken ontbreekt (een adres is naam@domein, bijvoorbeeld j.jansen@gemeente.nl)"
    if address.count("@") > 1:
        return "er staan meer @-tekens in; een adres heeft er precies één"
    local, domain = address.split("@")
    if "," in address:
        return f"er staat een komma in {'het domein (na de @)' if ',' in domain else 'de naam (voor de @)'}"
    if not local:
        return "voor de @ staat niets (een adres is naam@domein)"
    if not _LOCAL.match(local):
        return "de naam voor de @ bevat een teken dat niet in een e-mailadres hoort, of een punt aan het " \
               "begin of eind of twee punten achter elkaar"
    if "." not in domain:
        return f"het domein '{domain}' (na de @) heeft geen punt, zoals gemeente.nl"
    labels = domain.rstrip(".").split(".")
    if not all(_LABEL.match(label) for label in labels):
        return (f"het domein '{domain}' (na de @) klopt niet: daar horen alleen letters, cijfers, streepjes "
                "en losse punten")
    if len(labels[-1]) < 2 or labels[-1].isdigit():
        return f"het domein '{domain}' eindigt niet op een echte extensie zoals .nl of .org"
    return None


def email_address(channel: str) -> str | None:
    """The address of an e-mail channel (``mailto:adres``, ``mailto://adres`` or a bare address)
    when it can be delivered to; None otherwise."""
    value = bare_address(channel)
    return value if _fault(value) is None else None


def meant_as_address(channel: str) -> bool:
    """Whether a channel is meant as an e-mail address rather than an Apprise URL: a bare value, a
    ``mailto:`` one, or ``mailto://`` with something before the @ that is no user:password."""
    value = channel.strip()
    lower = value.lower()
    if lower.startswith("env:"):
        return False
    if lower.startswith("mailto://"):
        user = bare_address(value).rpartition("@")[0]
        return "@" in bare_address(value) and ":" not in user
    return lower.startswith("mailto:") or "://" not in value


def address_problem(channel: str) -> str | None:
    """What is wrong with a channel meant as an e-mail address (Dutch, to follow the value: "is geen
    bruikbaar e-mailadres: …"), with the address meant when it is obvious ("Bedoelt u
    'c.visser@lochem.example.nl'?"); None when it is fine."""
    address = bare_address(channel)
    fault = _fault(address)
    if fault is None:
        return None
    if "@" not in address and not channel.strip().lower().startswith("mailto:"):
        return ("is geen e-mailadres en geen Apprise-URL: het @-teken ontbreekt. Schrijf een e-mailadres "
                "(naam@gemeente.nl of mailto:naam@gemeente.nl) of een URL als workflows://… of json://….")
    guesses = _guesses(address)
    hint = (" Bedoelt u " + " of ".join(f"'{g}'" for g in guesses) + "?" if guesses
            else " Schrijf het als naam@domein, bijvoorbeeld j.jansen@gemeente.nl.")
    return f"is geen bruikbaar e-mailadres: {fault}.{hint}"


def _guesses(address: str) -> list[str]:
    """The address meant, when one typing slip explains the fault: a comma for a dot, a space too many,
    a doubled @ or dot; a space between two words can be a dot as well ('mosd zutphen@example.org':
    'mosd.zutphen@…' or 'mosdzutphen@…', both offered)."""
    if any(c.isspace() for c in address.strip()):
        spaced = [re.sub(r"\s+", ".", address.strip()), "".join(address.split())]
        return [c for i, c in enumerate(spaced) if _fault(c) is None and c not in spaced[:i]]
    candidates = [
        address.replace(",", "."),
        address.replace("@@", "@"),
        re.sub(r"\.{2,}", ".", address),
        address.strip(".,;"),
    ]
    return next(([c] for c in candidates if c != address and _fault(c) is None), [])
