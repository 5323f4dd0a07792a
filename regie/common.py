"""What every `regie` command shares: the consoles, the Dutch stop with its exit code (dates from
options: regie/datum_optie.py), the database session and the common options. No command lives here."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from domain.melding import Melding
from domain.register.tekstcontrole import shell_word, visible

EXIT_INVOER = 2  # bad input: the user can fix it
EXIT_INTERN = 1


class _SafeConsole(Console):
    """A console that shows control characters in text instead of sending them to the terminal:
    an escape sequence in a register value must not recolour or rewrite the user's screen."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        shown = [visible(o, 1_000_000, lines=True) if isinstance(o, str) else o for o in objects]
        if self.is_terminal or self.record:
            super().print(*shown, **kwargs)
            return
        # Not a terminal (`regie status | cat`, a file, a mail): rich pads each line of a table and its
        # title to the table's width; without the spaces at the end, a pasted table reads as on screen.
        with self.capture() as captured:
            super().print(*shown, **kwargs)
        self.file.write(_TRAILING.sub("", captured.get()))
        self.file.flush()


def cell(value: object) -> str:
    """Register data for a table cell: control characters shown, not executed."""
    return visible("" if value is None else str(value), 5000, lines=True)


# The spaces at the end of a line (before the codes that end a style, when colours are forced); not at
# the end of a print that ends no line (``end=""``): the next print continues that line.
_TRAILING = re.compile(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*\n)")

# The width when standard output is not a terminal (`regie status | cat`, `> status.txt`) and COLUMNS is
# not set: rich would use 80 and break tables and sentences for no screen; a line per row reads and greps
# better in a file. Tables take only the width their cells need.
NIET_TERMINAL_BREEDTE = 1000


def out() -> Console:
    """Standard output; made per call so the terminal width (COLUMNS) is read when printing; not
    wrapped at 80 columns when it is not a terminal (COLUMNS still sets the width when given).
    Markup is off: names and titles from the register are data ("Bronckhorst [/bold]", "[fase 2]"
    must show as typed), so styles are given as ``Text`` objects, never as markup in strings."""
    console = _SafeConsole(highlight=False, markup=False)
    if not console.is_terminal and not os.environ.get("COLUMNS", "").isdigit():
        console.width = NIET_TERMINAL_BREEDTE
    return console


def terminal() -> bool:
    """Standard output is a terminal (not a pipe or a file): tables may cap columns to fit a screen."""
    return out().is_terminal


def err() -> Console:
    """Standard error; messages are never hard-wrapped, so they stay greppable."""
    return _SafeConsole(stderr=True, soft_wrap=True, highlight=False, markup=False)


def sentence(melding: str) -> str:
    """A message as the user reads it on its own: starting with a capital ("Activiteit 'x' bestaat
    niet"), though the same words follow "Niet vastgelegd: " or a colon elsewhere in lower case. Only
    a plain word: a file name, a path or an id first ("enorm.html is …", "regisseur-jeugd …") stays
    as the user wrote it."""
    first = melding.split(" ", 1)[0]
    return melding[:1].upper() + melding[1:] if first.isalpha() and first.islower() else melding


class Stop(Melding):
    """A Dutch message for the user and an exit code; never a traceback."""

    def __init__(self, melding: str, code: int = EXIT_INVOER) -> None:
        super().__init__(melding)
        self.code = code


class GeenSleutel(Stop):
    """--door (or REGIE_GEBRUIKER) names no one: ``zin`` says why without the command to copy, ``sleutel``
    is the key that command offers, so a refusal for two reasons can give one command for both."""

    def __init__(self, zin: str, sleutel: str) -> None:
        super().__init__(f"{zin} Bijvoorbeeld: {als_getypt({'--door': sleutel})}")
        self.zin, self.sleutel = zin, sleutel


SCHERM = "-"  # the Unix habit for "standard output", typed where a file or folder is named


def naar_scherm(pad: Any, *, optie: str, opdracht: str, wat: str | None = None, naam: str = "") -> bool:
    """Whether ``pad`` is '-' (the Unix habit for standard output). A command that prints what it writes
    (`regie agenda`: one .ics) calls it without ``wat`` and prints; one that writes ``wat`` (a file or
    a folder) is refused before anything is written or created, with the command the user typed and
    ``naam`` in the place of '-' to copy (a folder literally named '-' was made before)."""
    if pad is None or str(pad) != SCHERM:
        return False
    if wat is None:
        return True
    die = "die map" if wat.startswith("een map") else "dat bestand"
    raise Stop(f"{optie} '-' kan niet: {opdracht} schrijft {wat}, niet naar het scherm ('-' zou de naam van "
               f"{die} worden). Er is niets geschreven of aangemaakt. Geef een echte naam, bijvoorbeeld: "
               f"{als_getypt({optie: naam}, oud=SCHERM)}")


def als_getypt(vervang: dict[str, str], *, oud: str | None = None) -> str:
    """The command as the user typed it (sys.argv), to copy, with each option of ``vervang`` given its
    value there ('--door iemand' → '--door regisseur-jeugd'; '--uitvoer=-' → '--uitvoer NAAM'; added at
    the end when it was not typed) and an argument typed as ``oud`` replaced by ``vervang``'s value."""
    typed: list[str] = []
    args, left = iter(sys.argv[1:]), dict(vervang)
    for arg in args:
        optie = arg.split("=", 1)[0]
        if optie in left:
            typed += [optie, left.pop(optie)]
            if "=" not in arg:
                next(args, None)
        elif arg == oud:  # a positional argument ('regie exporteer -'): named by the first key
            first = next(iter(vervang))
            typed.append(vervang[first])
            left.pop(first, None)
        else:
            typed.append(arg)
    for optie, waarde in left.items():
        typed += [optie, waarde]
    return "regie " + " ".join(shell_word(a) for a in typed)


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February: the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def open_session():  # type: ignore[no-untyped-def]
    """A session on the database, migrated to the current schema first."""
    from models.db import get_engine, migrate, session_scope

    migrate(get_engine())
    return session_scope()


def who(door: str | None) -> str:
    """Who makes a change from the command line: --door, REGIE_GEBRUIKER, or the login name."""
    import getpass

    return door or os.environ.get("REGIE_GEBRUIKER") or f"opdrachtregel ({getpass.getuser()})"


DOOR = typer.Option("--door", help="Wie dit doorgeeft: uw sleutel uit personen.yaml (standaard "
                    "REGIE_GEBRUIKER, of uw inlognaam als die een sleutel is; anders verplicht).",
                    show_default=False)
GEMEENTE = typer.Option("--gemeente", help="De gemeente, als de id in meer gemeenten voorkomt.",
                        show_default=False)
MIJLPAAL = typer.Argument(help="ACTIVITEIT/MIJLPAAL (de id's uit het registerbestand).", show_default=False)


def door_of(session: Any, door: str | None, eigenaar: Callable[[], str | None] | None = None) -> str:
    """Who the history names: --door is a person's key from personen.yaml (refused when no one in the
    register has it, with the nearest key); without it REGIE_GEBRUIKER, checked the same way, or the login
    name when that is a person's key. Otherwise the answer is refused, naming the ways to say who one is:
    the history is never rewritten, and "opdrachtregel (root)" named no one (docs/progress.md). The example
    key offered is ``eigenaar()``, the owner of what the command is about, when it names one in the register
    (else the first key)."""
    import getpass

    from services.register.candidates import nearest_key
    from services.register.municipalities import known_names, person_keys

    known = person_keys(session=session)
    gebruiker = os.environ.get("REGIE_GEBRUIKER") or None
    # A key to copy: the nearest, or the owner's. No register: no keys to check against; the command
    # then says what it could not find, and that the database holds no register.
    if door is not None and known and door not in known:
        raise GeenSleutel(_not_a_key(session, f"--door '{door}'", door, known) + " Geef uw eigen sleutel "
                          "zoals die in personen.yaml staat (ook als coördinator), of zet die eenmaal in "
                          "REGIE_GEBRUIKER.", nearest_key(session, door, known) or _example(known, eigenaar))
    if door is None and gebruiker is not None and known and gebruiker not in known:
        raise GeenSleutel(_not_a_key(session, f"REGIE_GEBRUIKER '{gebruiker}'", gebruiker, known) + " Zet uw "
                          "eigen sleutel zoals die in personen.yaml staat in REGIE_GEBRUIKER (ook als "
                          "coördinator: export REGIE_GEBRUIKER=SLEUTEL), of geef hem met --door.",
                          nearest_key(session, gebruiker, known) or _example(known, eigenaar))
    if door is None and gebruiker is None and known:
        login = getpass.getuser()
        if login not in known:
            example = _example(known, eigenaar)
            raise Stop("Wie legt dit vast? Geef --door met uw sleutel uit personen.yaml (bijvoorbeeld "
                       f"--door {example}), of zet die sleutel eenmaal in uw omgeving: export "
                       f"REGIE_GEBRUIKER={example}. Sleutels in het register: {known_names(known)}.")
        door = login
    return who(door)


def sleutel_fout(session: Any, door: str | None, eigenaar: Callable[[], str | None] | None = None) -> Any:
    """The refusal ``door_of`` would raise for --door or REGIE_GEBRUIKER (a ``GeenSleutel``), or None: for a
    command that names it together with another refusal of the same answer."""
    try:
        door_of(session, door, eigenaar)
    except GeenSleutel as fout:
        return fout
    return None


def namens(door: str | None, gemeente: str | None = None) -> str:
    """' (vastgelegd door NAAM)' for a reply when --door names someone else than the user (REGIE_GEBRUIKER
    or the login name): the history names that person, and the reply says so by their name from
    personen.yaml, as `regie geschiedenis` and the report do (not their key); '' otherwise."""
    import getpass

    from services.register.municipalities import person_name

    user = os.environ.get("REGIE_GEBRUIKER") or getpass.getuser()
    if not door or door == user:
        return ""
    with open_session() as session:
        return f" (vastgelegd door {person_name(session=session, sleutel=door, gemeente=gemeente)})"


def _example(known: list[str], eigenaar: Callable[[], str | None] | None) -> str:
    """The key to offer as an example: the owner of the activity (or the programme's regisseur) the
    command is about, when it names one; else the first key of the register."""
    owner = eigenaar() if eigenaar is not None else None
    return owner if owner in known else (known[0] if known else "SLEUTEL")


def _not_a_key(session: Any, label: str, value: str, known: list[str]) -> str:
    """'--door 'x' is geen sleutel uit personen.yaml. Bedoelt u 'y'?', or for a role word the people
    with that role, or else the keys there are (at most ten, then how many more)."""
    from typing import get_args

    from domain.melding import bedoelt_u
    from domain.register.register import Rol
    from services.register.candidates import people_meant
    from services.register.municipalities import known_names, person_keys

    hint = bedoelt_u(value, known)
    if value in get_args(Rol):  # a role is not a person: name who has it
        with_role = person_keys(session=session, rol=value)
        hint = f" '{value}' is een rol, geen persoon" + (
            f"; met die rol: {known_names(with_role)}." if with_role else "; niemand heeft die rol.")
    if not hint:  # a name, or the start of a key or name: the people it may mean (as `regie link` says)
        hint = people_meant(session, value)
    if not hint and known:  # nothing near it: the keys there are (the first ten), to choose from
        hint = f" Sleutels in personen.yaml: {known_names(known, limit=10)}."
    return f"{label} is geen sleutel uit personen.yaml.{hint}"
