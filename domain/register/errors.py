"""Errors in register files, told in Dutch with file, line, field and what to write instead."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from domain.melding import Melding, bedoelt_u, datum_bestaat_niet, datum_hint
from domain.register.datumzin import datum_in_zin, zonder_jaar_zin
from domain.register.jaarcontext import jaar_van_bestand, met_jaren_van_bestand, voorbeelddatum
from domain.register.keuzes import bedoelde_keuze
from domain.register.modelvelden import allowed_keys as _allowed_keys
from domain.register.modelvelden import empty_block_above
from domain.register.persoonsleutel import KEY_FIELDS, bad_key_message
from domain.register.tekstcontrole import (
    MULTI_LINE,
    ONE_LINE,
    bounded_date_message,
    clean_text,
    shown,
    visible,
)
from domain.register.yamlsource import YamlDocument


@dataclass(frozen=True)
class RegisterFout:
    """One problem in one register file."""

    bestand: str
    regel: int | None
    veld: str | None
    melding: str

    def __str__(self) -> str:
        # File names and field labels come from the user too: shown, never executed or echoed whole.
        waar = visible(self.bestand, 300)
        if self.regel is not None:
            waar += f", regel {self.regel}"
        if self.veld:
            waar += f", veld {visible(self.veld, 200)}"
        return f"{waar}: {visible(self.melding)}"


class RegisterFouten(Exception):
    """Raised when a register cannot be loaded; carries every problem found."""

    def __init__(self, fouten: Sequence[RegisterFout]) -> None:
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten = list(fouten)


_INTEGER = ("geheel getal", "een geheel getal, bijvoorbeeld 3")
_NUMBER = ("getal", "een getal, bijvoorbeeld 13257.50")
_MAPPING = ("blok", "een blok met regels 'naam: waarde'")
_LIST = ("lijst", "een lijst (regels die beginnen met '- ', of [a, b])")
_TYPES = {
    "string_type": ("tekst", "tekst"),
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "bool_type": ("ja/nee-waarde", "ja of nee (of true of false)"),
    "bool_parsing": ("ja/nee-waarde", "ja of nee (of true of false)"),
    "list_type": _LIST,
    "tuple_type": ("lijst", "een lijst van twee regelnummers, bijvoorbeeld [167, 179]"),
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
}


def _show(value: Any) -> str:
    if isinstance(value, dict | list | tuple):
        return f"een {'blok' if isinstance(value, dict) else 'lijst'}"  # never echo a whole structure
    return shown(value)


# What the choices of a budget amount mean, for the one who wrote something else (domain/rules/begroting.py).
_CHOICES = {
    "per": " jaar: elk jaar; kwartaal: elk kwartaal; eenmalig: één keer (met jaar: in dat jaar); totaal: "
           "één bedrag voor de jaren vanaf … tot_en_met samen. Laat per weg als het niet bekend is.",
    "schaal": " gemeente: het eigen deel van de gemeente; per-gemeente: het bedrag dat elke gemeente "
              "krijgt; regio: een totaal voor meer gemeenten ('voor zeven gemeenten'), dat telt niet als "
              "eigen budget.",
}
_YEARS = ("jaar", "vanaf", "tot_en_met")
_DATES = ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact")


def _message(error: Any, model: type[BaseModel], people: Mapping[str, str] | None = None,
             voorbeeld: str = "2020-06-30", jaar: int | None = None) -> str:
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = bedoelt_u(str(name), allowed)
        return (
            f"onbekend veld '{name}'.{hint} Toegestaan zijn: {', '.join(allowed)}."
            if allowed
            else f"onbekend veld '{name}'. Haal het weg.{hint}"
        )
    if kind == "missing":
        return f"verplicht veld '{name}' ontbreekt. Voeg een regel '{name}: …' toe."
    if kind in _DATES:
        if zin := datum_in_zin(value):  # 'medio 2021 evalueren': the date words in it, named
            return zin
        if jaar is not None and (zin := zonder_jaar_zin(value, jaar)):  # 'september': with a year of the file
            return zin
        # "bestaande" only for a day that does not exist ('2022-02-30'), not for '1 maart 2027'.
        wat = "een bestaande datum" if datum_bestaat_niet(value) else "de datum"
        return (f"ongeldige datum {_show(value)}. Schrijf {wat} als JJJJ-MM-DD, "
                f"{datum_hint(value, voorbeeld)}")
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        expected = expected.replace(" or ", ", ").replace("'", "")
        choices = expected.split(", ")
        meant = bedoelde_keuze(value, choices)
        # A typo gets the nearest choice; words ("zeven gemeenten") get the meaning of each choice below.
        typo = isinstance(value, str) and " " not in value.strip()
        hint = (f" Bedoelt u '{meant}'?" if meant
                else bedoelt_u(str(value), choices, any_case=True) if typo else "")
        return f"ongeldige waarde {_show(value)}.{hint} Kies uit: {expected}.{_CHOICES.get(str(name), '')}"
    if name in _YEARS and kind in ("greater_than_equal", "less_than_equal", "int_parsing", "int_type",
                                   "int_from_float"):
        return (f"{_show(value)} is geen jaartal. Schrijf het jaar met vier cijfers, bijvoorbeeld "
                f"{name}: 2021.")
    if kind == "string_pattern_mismatch" and isinstance(value, str) and error.get("ctx", {}).get(
            "pattern") in (MULTI_LINE, ONE_LINE):
        try:
            clean_text(value, limit=len(value), single_line=error["ctx"]["pattern"] == ONE_LINE)
        except ValueError as refused:
            return str(refused)
    if kind == "string_pattern_mismatch" and name in KEY_FIELDS and isinstance(value, str):
        return bad_key_message(str(name), value, people)
    if kind == "string_pattern_mismatch":
        return (
            f"ongeldige sleutel {_show(value)}. Gebruik kleine letters, cijfers en streepjes, "
            "bijvoorbeeld 'pilot-steungezinnen'."
        )
    if kind in ("string_too_short", "too_short"):
        return "mag niet leeg zijn. Vul een waarde in."
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length", "?")
        size = f"{len(value)} tekens lang" if isinstance(value, str) else "te lang"
        return (f"de tekst is {size}; hier passen er hoogstens {limit}. Maak hem korter (begint met "
                f"{shown(value, 40) if isinstance(value, str) else '?'}).")
    bound = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("le"))
    if kind in ("greater_than_equal", "less_than_equal") and (
            isinstance(bound, dt.date) or isinstance(value, dt.date) or str(bound)[4:5] == "-"):
        return bounded_date_message(value)
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_show(value)} is te klein: gebruik 0 of meer."
    if kind in ("less_than_equal", "less_than"):
        limit = error.get("ctx", {}).get("le", error.get("ctx", {}).get("lt", ""))
        return f"{_show(value)} is te groot: gebruik hoogstens {limit}."
    if kind in ("finite_number", "int_from_float") and not isinstance(value, int):
        return f"{_show(value)} is geen gewoon getal. Schrijf bijvoorbeeld 13257.50."
    if kind == "invalid_key":
        return "een veldnaam moet tekst zijn. Zet de naam tussen aanhalingstekens of kies een woord."
    if kind in ("decimal_max_places", "decimal_max_digits", "decimal_whole_digits"):
        return f"bedrag {_show(value)} heeft te veel cijfers; gebruik hoogstens twee decimalen."
    if kind in ("too_long", "tuple_type") and name == "bronregels":
        return "bronregels is een lijst van twee regelnummers, bijvoorbeeld [167, 179]."
    if kind in _TYPES and value is None and kind != "string_type" and _TYPES[kind] in (_MAPPING, _LIST):
        # "'None' is geen blok": nearly always the lines that belong under it are not indented further
        return (f"'{name}' is leeg: achter '{name}:' staat niets en de regels eronder springen niet verder "
                f"in dan '{name}'. Zet de regels die bij '{name}' horen verder in, bijvoorbeeld 2 spaties "
                "meer.")
    if kind in _TYPES:
        noun, example = _TYPES[kind]
        return f"{_show(value)} is geen {noun}. Schrijf hier {example}."
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    # Anything not foreseen: Dutch without pydantic's English text (its type name says enough).
    return f"ongeldige waarde {_show(value)} (controle '{kind}'). Vergelijk met register/voorbeeld."


def _nearest(word: str, known: list[str]) -> str | None:
    """The known field ``bedoelt_u`` suggests for ``word``, if any."""
    import difflib

    guess = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return guess[0] if guess else None


def field_label(loc: Sequence[str | int], data: Any) -> str:
    """Readable field path; list items are named by their id where they have one."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            label = str(part + 1)
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(item, dict):
                for key in ("id", "sleutel"):
                    if isinstance(item.get(key), str):
                        label = shown(item[key], 120).strip("'")
                        break
            parts[-1] = f"{parts[-1]}[{label}]" if parts else f"[{label}]"
            node = item
        else:
            parts.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(parts)


def error_paths(exc: ValidationError) -> list[tuple[str | int, ...]]:
    """The paths in the file of pydantic's errors (what ``YamlDocument.line_of`` takes)."""
    return [tuple(p for p in error["loc"] if isinstance(p, str | int)) for error in exc.errors()]


def validation_errors(
    exc: ValidationError, *, bestand: str, document: YamlDocument, model: type[BaseModel],
    people: Mapping[str, str] | None = None, vandaag: dt.date | None = None,
) -> list[RegisterFout]:
    """Translate pydantic's errors into Dutch register errors with line numbers; ``people`` (key →
    naam from personen.yaml, when read) lets a person field say which key was meant; ``vandaag`` (the
    project clock) gives a date without its year one when the file has none (``jaar_van_bestand``)."""
    fouten = []
    errors, paths = exc.errors(), error_paths(exc)
    # A misspelt field ("omschrjving") is also a missing one ("omschrijving"): told once, as the typo.
    typos = {(*loc[:-1], guess) for error, loc in zip(errors, paths, strict=True)
             if error["type"] == "extra_forbidden"
             and (guess := _nearest(str(loc[-1]), _allowed_keys(model, error["loc"][:-1])))}
    voorbeeld = voorbeelddatum(document.data, "2020-06-30")  # a date of this file, not a fixed one
    jaar_bij = jaar_van_bestand(document.data, vandaag)  # for a date without its year
    for error, loc in zip(errors, paths, strict=True):
        if error["type"] == "missing" and loc in typos:
            continue
        jaar = jaar_bij(loc) if error["type"] in _DATES else None
        melding = met_jaren_van_bestand(_message(error, model, people, voorbeeld, jaar), document.data, loc)
        extra = error["type"] == "extra_forbidden"
        opener = empty_block_above(model, error["loc"], document.data) if extra else None
        if opener:
            where = document.line_of((*loc[:-1], opener))
            melding = (f"'{loc[-1]}' hoort bij '{opener}' op regel {where}, maar springt niet verder in dan "
                       f"'{opener}', dus staat het hier als onbekend veld. Zet de regels die bij '{opener}' "
                       "horen verder in, bijvoorbeeld 2 spaties meer.")
        # A model validator error points at the model; keep the path of that model.
        regel = document.line_of(loc[:-1]) if error["type"] == "missing" else document.line_of(loc)
        fouten.append(
            RegisterFout(
                bestand=bestand,
                regel=regel,
                veld=field_label(loc, document.data) or None,
                melding=melding,
            )
        )
    return fouten


def sort_errors(fouten: Iterable[RegisterFout]) -> list[RegisterFout]:
    """Errors in reading order: by file, then line."""
    return sorted(fouten, key=lambda f: (f.bestand, f.regel or 0))


PER_BESTAND = 20  # errors shown per file; a file with more is mostly one mistake repeated


def shown_errors(fouten: Iterable[RegisterFout], per_bestand: int = PER_BESTAND) -> list[str]:
    """The lines `regie laad` prints: every file's errors in reading order, at most ``per_bestand``
    of a file, then one line with how many more that file has."""
    lines: list[str] = []
    for bestand, group in itertools.groupby(sort_errors(fouten), key=lambda f: f.bestand):
        own = list(group)
        lines += [str(f) for f in own[:per_bestand]]
        if (meer := len(own) - per_bestand) > 0:
            lines.append(f"{visible(bestand, 300)}: en {meer} meer in dit bestand. Verbeter de fouten "
                         "hierboven en laad opnieuw: dan staan de overige hier.")
    return lines


class NietGevonden(Melding):
    """A municipality or person the user typed matches nothing in the register (or more than one);
    ``melding`` says what to write instead. `regie` shows it wherever it is raised (regie/cli.py)."""
