"""The one reading of an indicator value a user types: `regie meting --waarde`, the answer page and the
check-in form of the Prefect UI all read it here (through services.checkins.measurements.parse_waarde).
Dutch first: "1.234.567" and "1.250,5" are read as written, "12,5" is twelve and a half. A dot that
cannot separate thousands ("12.5", "0.75": one or two digits after it) is a decimal point, the only
reading it has. Text with two readings a thousand apart is refused, not guessed: "1.250" (Dutch 1250,
English 1.25), "1,250" (Dutch 1,25, English 1250), "0.125". So is a value the database cannot hold
exactly (more than two decimals): it was rounded without a word. A value below 0 is refused for an
indicator whose unit (``eenheid``) cannot go below 0: a share (%), a count (aantal, gezinnen …) or an
amount (€); a change (procentpunt, verschil, groei …), an index or a unit that is none of those
clearly keeps its sign (``nooit_negatief``, the one rule). A value above 100 is refused only where the
unit says it is a share of a whole ("aandeel", "percentage", "% van de …": ``hoogstens``); a bare "%"
may be growth or a ratio to a target. Pasted or typed as people do: "-0" is 0, the minus sign of Word
and Excel ("−3", U+2212, or a dash "–3") is a minus, and a unit sign beside the number ("12%", "12 %",
"€ 1.250", "5‰") is read away when it is the indicator's unit and refused when it is not; so is a unit
word after the number ("−2,5 procentpunt", "12 gezinnen", "12 procent" for %, any case). Pure: no I/O."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from domain.melding import Melding

GROOTSTE = Decimal("1e12")  # the column holds 14 digits, 2 after the comma
VOORBEELD = "Schrijf bijvoorbeeld 42, 12,5 of 1250."
_GROUP = r"[0-9]{1,3}(?:\.[0-9]{3}){2,}"  # 1.234.567: two dots or more, only thousands
_PLAIN = re.compile(r"-?[0-9]+(?:,[0-9]+)?", re.ASCII)             # 1250, 12,5
_THOUSANDS = re.compile(rf"-?(?:{_GROUP}|[0-9]{{1,3}}\.[0-9]{{3}}),[0-9]+|-?{_GROUP}", re.ASCII)  # 1.250,5
# 12.5, 0.75, 1.2500, 0.125 (a number starting with 0 has no thousands)
_DOT_DECIMAL = re.compile(r"-?(?:[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})|0\.[0-9]+)", re.ASCII)
_TWO_READINGS = re.compile(r"-?(?P<heel>[1-9][0-9]{0,2})[.,](?P<rest>[0-9]{3})", re.ASCII)  # 1.250, 1,250
_SPACES = re.compile(r"(?<=[0-9])[ \u00a0\u202f](?=[0-9]{3}(?![0-9]))")  # 1 250 (a space per thousand)
# the minus of Word and Excel (U+2212), a dash typed for it (– —, U+2013 U+2014), then a space or not
_MINUS = re.compile(r"^[\u2212\u2013\u2014-][ \u00a0\u202f]*(?=[0-9])")
# a unit sign beside the number: "12%", "12 %", "5‰", "1250 €", "€ 1.250"
_TEKEN = re.compile(r"^(?:(?P<voor>€)[ \u00a0\u202f]*)?(?P<getal>.*?)(?:[ \u00a0\u202f]*(?P<na>[%‰€]))?$",
                    re.DOTALL)
# the units a sign may stand for
_TEKEN_EENHEID = {"%": re.compile(r"%|procent|percent", re.IGNORECASE),
                  "‰": re.compile(r"‰|promille", re.IGNORECASE),
                  "€": re.compile(r"€|\beuro|\beur\b", re.IGNORECASE)}

# a unit word after the number: "−2,5 procentpunt", "12 gezinnen" (a word starts with a letter)
_WOORD = re.compile(r"(?P<getal>.*?[0-9])[ \u00a0\u202f]*(?P<woord>[^\W\d_][^0-9]*)", re.DOTALL)


# A unit that names a change or a scale may go below 0 (checked first: "procentpunt", "verschil in %").
_VERANDERING = re.compile(r"punt|\bpp\b|verschil|verandering|mutatie|groei|toename|afname|saldo|delta|"
                          r"index|score|cijfer|graden|\+/-|±", re.IGNORECASE)
_AANDEEL = re.compile(r"%|‰|procent|percentage|promille|aandeel", re.IGNORECASE)
# a share of a whole: never above 100 (above 1000 for per mille); a bare "%" may be growth or a ratio
_GEHEEL = re.compile(r"aandeel|percentage|(?:%|procent|‰|promille)\s+van\b", re.IGNORECASE)
_PROMILLE = re.compile(r"‰|promille", re.IGNORECASE)
_BEDRAG = re.compile(r"€|\beuros?\b|\beur\b|bedrag", re.IGNORECASE)
# a count: "aantal …" or people or things counted (the first word of the unit)
_AANTAL = frozenset({
    "aantal", "stuks", "personen", "mensen", "inwoners", "jongeren", "jeugdigen", "kinderen", "ouderen",
    "gezinnen", "huishoudens", "cliënten", "clienten", "deelnemers", "leerlingen", "klanten", "bezoekers",
    "vrijwilligers", "plekken", "plaatsen", "trajecten", "meldingen", "aanvragen", "woningen", "praktijken",
    "organisaties", "activiteiten", "bijeenkomsten"})


def nooit_negatief(eenheid: str | None) -> str | None:
    """What an indicator in ``eenheid`` is when it can never be below 0 ("een aandeel (%)", "een aantal
    (gezinnen)", "een bedrag (€)"), or None when its unit allows a negative value (a change, an index,
    no unit, or a unit that is not clearly a share, a count or an amount)."""
    unit = " ".join((eenheid or "").split())
    if not unit or _VERANDERING.search(unit):
        return None
    words = unit.lower().split()
    if _AANDEEL.search(unit):
        soort = "aandeel"
    elif _BEDRAG.search(unit):
        soort = "bedrag"
    elif words[0] in _AANTAL:
        soort = "aantal"
    else:
        return None
    return f"een {soort}" if unit.lower() == soort else f"een {soort} ({unit})"


def hoogstens(eenheid: str | None) -> tuple[int, str] | None:
    """The most an indicator in ``eenheid`` can be, with what it is, when its unit says it is a share of
    a whole ("aandeel (%)", "% van de jongeren", "percentage": 100; in per mille 1000); None otherwise: a
    bare "%" or "procent" may be growth or a ratio to a target, a change may be any size."""
    unit = " ".join((eenheid or "").split())
    if not unit or _VERANDERING.search(unit) or not _GEHEEL.search(unit):
        return None
    soort = "een aandeel van een geheel"
    soort = soort if unit.lower() == "aandeel" else f"{soort} ({unit})"
    return (1000 if _PROMILLE.search(unit) else 100), soort


class GeenGetal(Melding):
    """Typed text that is no number, or no clear one; ``melding`` is one Dutch sentence about the value
    (the caller names the field: "--waarde", the field on the page, the label in the Prefect UI)."""


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _dutch(value: Decimal) -> str:
    """``value`` as the answer is shown back (12,5 and 1250): no thousands dot, the comma for decimals."""
    return format(value.normalize(), "f").replace(".", ",")


def lees_getal(text: str) -> Decimal:
    """An indicator value as typed ("42", "12,5", "12.5", "1.234.567", "1.250,5", "1 250"), with at most
    two decimals; raises ``GeenGetal`` for text that is no number, a number with two readings a
    thousand apart, one with more than two decimals or one too large to keep."""
    typed = text.strip()
    cleaned = _SPACES.sub("", _MINUS.sub("-", _teken(typed)[0]))
    if (_PLAIN.fullmatch(cleaned) and not _TWO_READINGS.fullmatch(cleaned)) or _THOUSANDS.fullmatch(cleaned):
        value = Decimal(cleaned.replace(".", "").replace(",", "."))
    elif _DOT_DECIMAL.fullmatch(cleaned):
        value = Decimal(cleaned)
    elif two := _TWO_READINGS.fullmatch(cleaned):
        sign = "-" if cleaned.startswith("-") else ""
        heel, rest = two.group("heel"), two.group("rest")
        small = _dutch(Decimal(f"{heel}.{rest}"))
        raise GeenGetal(f"'{_shown(typed)}' is geen duidelijk getal: schrijf {sign}{int(heel + rest)} of "
                        f"{sign}{small} (een komma voor decimalen, geen teken tussen duizendtallen).")
    else:
        raise GeenGetal(f"'{_shown(typed)}' is geen getal. {VOORBEELD}")
    if not value.is_finite() or abs(value) >= GROOTSTE:
        raise GeenGetal(f"'{_shown(typed)}' is te groot voor een meting: vul een getal kleiner dan "
                        "1.000.000.000.000 in.")
    if value != value.quantize(Decimal("0.01")):
        rounded = _dutch(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        raise GeenGetal(f"'{_shown(typed)}' heeft meer dan twee cijfers achter de komma; een meting "
                        f"bewaart er twee. Schrijf bijvoorbeeld {rounded}.")
    value = value.quantize(Decimal("0.01"))
    return value.copy_abs() if value.is_zero() else value  # "-0" is 0, not "-0 %"


def _teken(typed: str) -> tuple[str, str | None]:
    """``typed`` without a unit sign beside its number ("12 %" → "12", "%"), and the sign (or None)."""
    found = _TEKEN.fullmatch(typed)
    if found is None or not found.group("getal") or (found.group("voor") and found.group("na")):
        return typed, None
    return found.group("getal"), found.group("voor") or found.group("na")


def lees_meting(text: str, *, naam: str, eenheid: str | None) -> Decimal:
    """A value typed for the indicator ``naam`` in ``eenheid``: read as ``lees_getal`` reads it, and
    refused (``GeenGetal``) when it is below 0 and the unit cannot be (``nooit_negatief``), above what a
    share of a whole can be (``hoogstens``), or typed with a unit sign that is not the unit's."""
    text = _zonder_woord(text.strip(), naam=naam, eenheid=eenheid)
    value = lees_getal(text)
    teken = _teken(text.strip())[1]
    if teken is not None and not _TEKEN_EENHEID[teken].search(eenheid or ""):
        unit = " ".join((eenheid or "").split())
        gemeten = f"wordt gemeten in {unit}" if unit else "heeft geen eenheid"
        raise GeenGetal(f"'{_shown(text.strip())}' heeft het teken {teken}, maar {naam} {gemeten}: vul "
                        f"alleen het getal in, bijvoorbeeld {_dutch(value)}.")
    reden = buiten_grens(value, eenheid)
    if reden is not None and value > 0:
        grens = hoogstens(eenheid)
        raise GeenGetal(f"'{_shown(text.strip())}' kan niet voor {naam}: {reden}. Vul 0 tot en met "
                        f"{grens and grens[0]} in; een groei of een verhouding tot een doel meet u met een "
                        "indicator in % (zonder 'aandeel' of 'van').")
    if reden is not None:
        raise GeenGetal(f"'{_shown(text.strip())}' kan niet voor {naam}: {reden}. Vul 0 of meer in, "
                        f"bijvoorbeeld {_dutch(-value)}; een verandering meet u met een indicator in "
                        "procentpunt of als verschil.")
    return value


def buiten_grens(value: Decimal, eenheid: str | None) -> str | None:
    """Why ``value`` cannot be a value of an indicator in ``eenheid`` ("een aandeel van een geheel
    (aandeel (%)) is nooit meer dan 100", "een aantal (gezinnen) is nooit kleiner dan 0"), or None when
    it can be. The one rule for every way in: typed (``lees_meting``) and imported from CBS
    (services/checkins/indicator_import.py)."""
    grens = hoogstens(eenheid)
    if grens is not None and value > grens[0]:
        return f"{grens[1]} is nooit meer dan {grens[0]}"
    soort = nooit_negatief(eenheid) if value < 0 else None
    return f"{soort} is nooit kleiner dan 0" if soort is not None else None


def _zonder_woord(typed: str, *, naam: str, eenheid: str | None) -> str:
    """``typed`` without a unit word after its number when the word is the indicator's unit (any case,
    or the word a sign stands for: "procent" for %); ``GeenGetal`` naming the unit when it is another."""
    found = _WOORD.fullmatch(typed)
    if found is None:
        return typed
    woord, unit = " ".join(found.group("woord").split()), " ".join((eenheid or "").split())
    if woord.lower() == unit.lower() or any(
            sign.fullmatch(woord) and sign.fullmatch(unit) for sign in _TEKEN_EENHEID.values()):
        return found.group("getal")
    value = _dutch(lees_getal(found.group("getal")))
    wat = (f"wordt gemeten in {unit}: schrijf {value} of {value} {unit}." if unit
           else f"heeft geen eenheid: schrijf alleen het getal, {value}.")
    raise GeenGetal(f"'{_shown(typed)}' heeft de eenheid '{woord}', maar {naam} {wat}")


def getal_deel(typed: str) -> str:
    """``typed`` without a word after its number ("−2,5 procentpunt" → "−2,5"), not yet judged: for a
    check of the number before the indicator, and so its unit, is known (``lees_meting`` judges it)."""
    found = _WOORD.fullmatch(typed.strip())
    return found.group("getal") if found else typed
