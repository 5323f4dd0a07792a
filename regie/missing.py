"""A required option or argument left out, said in Dutch with what to write: Typer's "Missing option
'--reden'" became "Optie '--reden' ontbreekt.", which names neither an example nor the allowed values.
The answering commands (voortgang, gereed, meting, verplaats) start it with "Niet vastgelegd: ", as
every other refusal of theirs does (regie/voortgang_cli.py). The exit code stays 2 (regie/cli.main)."""

from __future__ import annotations

import datetime as dt
from typing import Any

# The commands that record an answer: a refusal says first that nothing was recorded.
ANSWERING = frozenset({"voortgang", "gereed", "heropen", "meting", "verplaats"})
# An option whose meaning depends on its command: (command, option) → what to give and an example.
_COMMAND_OPTIONS = {
    ("heropen", "--reden"): ("waarom de mijlpaal weer open gaat", '"per vergissing gereed gemeld"'),
}
NIET_VASTGELEGD = "Niet vastgelegd: "


def _a_month_ahead() -> str:
    """An example of a new date: a month from today by the one clock (models/clock.py), so the example
    is never a date in the past."""
    try:
        from models.clock import today

        return (today() + dt.timedelta(days=30)).isoformat()
    except Exception:  # a setting written wrong is named by its own message, not here
        return "JJJJ-MM-DD"


def _a_person_key() -> str:
    """An example person: the first key of the loaded register (a trial was offered the demo's
    'regisseur-jeugd' for its own register); SLEUTEL where none is loaded. No database is made for it."""
    try:
        from models.db import database_exists

        if not database_exists():
            return "SLEUTEL"
        from regie.common import open_session
        from services.register.municipalities import person_keys

        with open_session() as session:
            return next(iter(person_keys(session=session)), "SLEUTEL")
    except Exception:  # an example is a courtesy: a database that cannot be read is named elsewhere
        return "SLEUTEL"


def _meetings() -> str:
    from services.reports.reporting import NAMEN, OPENBAAR

    kinds = [f"{k} (de openbare versie)" if k in OPENBAAR else k for k in NAMEN]
    return ", ".join(kinds[:-1]) + f" of {kinds[-1]}"


# Per option: what to give (with the allowed values where there is a list) and an example value.
def _options() -> dict[str, tuple[str, str]]:
    return {
        "--reden": ("waarom de datum verschuift", '"wachten op collegebesluit"'),
        "--naar": ("de nieuwe uiterste datum als JJJJ-MM-DD", _a_month_ahead()),
        "--waarde": ("de gemeten waarde, een getal", "42 (of 12,5)"),
        "--vergadering": (f"de vergadering: {_meetings()}", "mosd"),
        "--gemeente": ("de naam van de gemeente", "Bronckhorst"),
        "--uitvoer": ("de map waarin het conceptregister komt", "register/bronckhorst"),
        "--van": ("de eerste dag als JJJJ-MM-DD", "2020-06-01"),
        "--tot": ("de laatste dag als JJJJ-MM-DD", "2020-06-30"),
    }


_ARGUMENTS = {
    "mijlpaal": "de mijlpaal op als ACTIVITEIT/MIJLPAAL, met de id's uit het registerbestand",
    "activiteit": "de activiteit op met haar id uit het registerbestand",
    "indicator": "de indicator op als ACTIVITEIT/INDICATOR of programma-N/INDICATOR, met de id's uit het "
                 "registerbestand",
}


# Per (command, argument) of the other commands: a value to copy after the command.
_ARGUMENT_EXAMPLES = {
    ("laad", "map"): "register/voorbeeld",
    ("exporteer", "map"): "mijn-export",
    ("importeer", "document"): "programma.pdf",
    ("geschiedenis", "activiteit"): "voortgang-pilot-jeugd-poh-soh",
    ("link", "persoon"): "",  # a key of the loaded register (_a_person_key), not the demo's
    ("indicatoren importeer", "bestand"): "83674NED.csv",
    ("indicatoren vergelijk", "code"): "JongerenMetJeugdhulp",
}


def missing_message(exc: BaseException) -> str | None:
    """The Dutch sentence for a missing required option or argument (click's ``MissingParameter``), or
    None for any other usage error."""
    if not any(cls.__name__ == "MissingParameter" for cls in type(exc).__mro__):
        return None
    param: Any = getattr(exc, "param", None)
    ctx: Any = getattr(exc, "ctx", None)
    if param is None:
        return None
    command = getattr(getattr(ctx, "command", None), "name", None) or ""
    answering = command in ANSWERING
    if param.param_type_name == "option":
        option = max(param.opts, key=len)
        what, example = _COMMAND_OPTIONS.get((command, option)) or _options().get(option, (_help(param), ""))
        text = f"geef {option} op ({what})" if answering else f"Optie '{option}' ontbreekt: geef {what}"
        text += f", bijvoorbeeld {option} {example}." if example else "."
    elif answering:
        what = _ARGUMENTS.get(param.name) or f"{param.human_readable_name.upper()} op ({_help(param)})"
        text = f"geef {what}."
    else:  # the argument's own help and a whole command to copy ("Argument 'map' ontbreekt." said neither)
        path = (getattr(ctx, "command_path", "") or f"regie {command}").strip()
        example = (_ARGUMENT_EXAMPLES.get((path.removeprefix("regie ").strip(), param.name), "...")
                   or _a_person_key())
        text = (f"Argument '{param.metavar or param.name}' ontbreekt. {_help(param, keep=True)}. "
                f"Bijvoorbeeld: {path} {example}")
    return NIET_VASTGELEGD + text if answering else text


def _help(param: Any, keep: bool = False) -> str:
    """The parameter's own help, as a clause (lower case first, no full stop; ``keep``: as written)."""
    text = (getattr(param, "help", None) or "").strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() and not keep else text
