"""Typer's own words in Dutch: "Usage:", "Show this message and exit.", the type labels, the panel
titles, [OPTIONS] and the usage errors.

Typer 0.29 carries its own copy of click, with these words written into the code in English (click's
gettext catalogue no longer applies), so there is nothing to translate with gettext. They are set at
the seams Typer offers instead: its ``rich_utils`` constants, the command tree that
``typer.main.get_command`` builds (metavars, help option, type labels, usage prefix), and the
messages of the usage errors, matched by their English wording. A Typer upgrade that changes one of
them fails tests/test_cli_nederlands.py, which lists the English words that must never show.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import typer
import typer.rich_utils as rich_utils
from typer import _click  # Typer's copy of click: the only place its Context and formatter live

rich_utils.OPTIONS_PANEL_TITLE = "Opties"
rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
rich_utils.COMMANDS_PANEL_TITLE = "Opdrachten"
rich_utils.ERRORS_PANEL_TITLE = "Fout"
rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
rich_utils.DEFAULT_STRING = "[standaard: {}]"
rich_utils.ENVVAR_STRING = "[omgevingsvariabele: {}]"
rich_utils.DEPRECATED_STRING = "(verouderd) "
rich_utils.ABORTED_TEXT = "Afgebroken."
rich_utils.RICH_HELP = "Zie [blue]'{command_path} {help_option}'[/]."

OPTIES = "[OPTIES]"
OPDRACHT = "OPDRACHT [ARGUMENTEN]..."
HULP = "Toon deze hulp en stop."

# Typer's type labels (``<str>``) in words a user reads; a flag (``<bool>``) gets none.
TYPES: dict[str, str | None] = {
    "<str>": "<tekst>", "<int>": "<geheel getal>", "<float>": "<getal>", "<bool>": None,
    "<path>": "<pad>", "<file>": "<bestand>", "<directory>": "<map>", "<datetime>": "<datum en tijd>",
    "<date>": "<datum>", "<uuid>": "<uuid>", "<decimal>": "<getal>",
}


class _Formatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Gebruik: " if prefix is None else prefix)


class _Context(_click.Context):
    formatter_class = _Formatter


def _commands(command: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _commands(sub, f"{path} {name}".strip())


# A text option whose help asks for JJJJ-MM-DD takes a date (regie/datum_optie.py, parse_date): its label
# says so, not "<tekst>" (a file name such as overzicht-JJJJ-MM-DD.xlsx is no such request).
_ASKS_A_DATE = re.compile(r"(?<![-\w])JJJJ-MM-DD")


def _dutch_type(param: Any) -> None:
    english = param.display_type_rich
    is_date = bool(_ASKS_A_DATE.search(getattr(param, "help", None) or ""))

    def display_type_rich(ctx: Any) -> str | None:
        label = english(ctx=ctx)
        if label is not None and label.startswith("<int range>"):
            return "<geheel getal>" + label.removeprefix("<int range>")
        if label == "<str>" and is_date:
            return "<datum>"
        return TYPES.get(label, label) if label is not None else None

    param.display_type_rich = display_type_rich


def one_paragraph(text: str | None) -> str | None:
    """A docstring as the help shows it: the line breaks of the source joined into spaces, so the
    terminal wraps it at its own width; an empty line still starts a new paragraph."""
    if text is None:
        return None
    paragraphs = re.split(r"\n\s*\n", inspect.cleandoc(text))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _usage_name(param: Any) -> Any:
    """The usage line names an argument as a user writes it (MAP, [PERSOON]) instead of Typer's
    ``{map}``: braces read as something to type."""

    def usage_display_name() -> str:
        name = param.display_name_raw.upper()
        name = name if param.required else f"[{name}]"
        return name + ("..." if param.nargs != 1 else "")

    return usage_display_name


def command(app: typer.Typer) -> Any:
    """The click command tree of ``app`` with Typer's words in Dutch."""
    root = typer.main.get_command(app)
    for _, cmd in _commands(root):
        cmd.help = one_paragraph(cmd.help)
        cmd.context_class = _Context
        cmd.options_metavar = OPTIES
        if hasattr(cmd, "subcommand_metavar"):
            cmd.subcommand_metavar = OPDRACHT
        help_option = cmd.get_help_option(_Context(cmd, info_name=cmd.name, **(root.context_settings or {})))
        for param in [*cmd.params, *([help_option] if help_option is not None else [])]:
            if param is help_option:
                param.help = HULP
            _dutch_type(param)
            if param.param_type_name == "argument" and hasattr(param, "_usage_display_name"):
                param._usage_display_name = _usage_name(param)
    return root


def command_names(app: typer.Typer) -> list[str]:
    """Every command path below ``regie`` ("", "laad", …), for tests and docs."""
    return [path for path, _ in _commands(typer.main.get_command(app))]


# Usage errors, by the English wording of Typer's copy of click (and pydantic's, for a value that
# is not of the option's type). Longest first where one phrase contains another.
_ERRORS: list[tuple[str, str]] = [
    (r"Missing argument '([^']*)'\.?", r"Argument '\1' ontbreekt."),
    (r"Missing option '([^']*)'\.?", r"Optie '\1' ontbreekt."),
    (r"Missing parameter: (\S+)", r"Waarde ontbreekt: \1"),
    (r"Missing command\.", "Geef een opdracht."),
    (r"No such option: (\S+)", r"Onbekende optie: \1"),
    (r"\(Possible options: ([^)]*)\)", r"(mogelijke opties: \1)"),
    (r"No such command '([^']*)'\.", r"Onbekende opdracht '\1'."),
    (r"Did you mean ([^?]*)\?", r"Bedoelt u \1?"),
    (r"Got unexpected extra argument(?:\(s\)|s)? \(([^)]*)\)", r"Onverwacht extra argument: \1"),
    (r"Option '([^']*)' requires an argument\.", r"Optie '\1' heeft een waarde nodig."),
    (r"Option '([^']*)' requires (\d+) arguments\.", r"Optie '\1' heeft \2 waarden nodig."),
    (r"Option '([^']*)' does not take a value\.", r"Optie '\1' heeft geen waarde."),
    (r"Invalid value for ([^:]*):", r"Ongeldige waarde voor \1:"),
    (r"Invalid value:", "Ongeldige waarde:"),
    (r"Input should be a valid integer[^.\n]*", "schrijf een geheel getal, bijvoorbeeld 4"),
    (r"Input should be a valid number[^.\n]*", "schrijf een getal"),
    (r"Input should be a valid boolean[^.\n]*", "schrijf ja of nee"),
    (r"Input should be a valid date[^.\n]*", "schrijf een datum als JJJJ-MM-DD"),
    (r"Input should be greater than or equal to (\S+)", r"toegestaan: \1 of meer"),
    (r"Input should be less than or equal to (\S+)", r"toegestaan: \1 of minder"),
    (r"Input should be ([^.\n]*)", r"toegestaan: \1"),
    (r"is not in the range ([^.\n]*)", r"ligt niet tussen \1"),
    (r"Value must be an iterable\.", "geef een lijst van waarden."),
    (r"Value '([^']*)' is not a valid (\w+)\.", r"'\1' is geen geldige waarde."),
    (r"Path '([^']*)' does not exist\.", r"'\1' bestaat niet."),
    (r"Could not open file '([^']*)'", r"Kan bestand '\1' niet openen"),
]


def usage_message(exc: BaseException) -> str:
    """A usage error (an unknown option, a missing argument, a value of the wrong type) in Dutch,
    with where to find help."""
    ctx = getattr(exc, "ctx", None)
    hint = f"Zie '{ctx.command_path} --help'." if ctx is not None else "Zie 'regie --help'."
    from regie.missing import missing_message

    text = missing_message(exc)  # a required option left out: what to write, with an example
    if text is None:
        text = exc.format_message()  # type: ignore[attr-defined]
        for english, dutch in _ERRORS:
            text = re.sub(english, dutch, text)
        if (port := _port_example(exc)) is not None:  # `regie web --poort abc` said "bijvoorbeeld 4"
            text = text.replace("schrijf een geheel getal, bijvoorbeeld 4", f"schrijf een poortnummer, "
                                f"bijvoorbeeld {port}")
        elif getattr(getattr(exc, "param", None), "name", None) == "jaar":  # `--jaar twintig`: a year
            from models.clock import today

            text = text.replace("schrijf een geheel getal, bijvoorbeeld 4", f"schrijf een jaartal, "
                                f"bijvoorbeeld {today().year}")
    return f"{text}\n{hint}"


def _port_example(exc: BaseException) -> int | None:
    """The example for a port option (``--poort``): the port it stands for by default (models/settings.py:
    the Prefect server's for `regie dienst`, else the answer page's); None for any other option."""
    from models.settings import Settings

    param, ctx = getattr(exc, "param", None), getattr(exc, "ctx", None)
    if param is None or getattr(param, "name", None) != "poort":
        return None
    if isinstance(param.default, int):
        return param.default
    veld = "prefect_poort" if ctx is not None and ctx.command.name == "dienst" else "web_poort"
    return int(Settings.model_fields[veld].default)
