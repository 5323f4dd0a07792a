"""The `regie` command: every verb, option and message a municipal user reads is Dutch.

This module holds the app, its one list of commands (in the order `regie --help` shows them), the
register commands (`laad`, `exporteer`, `migreer`) and `main`, which turns every error into a Dutch
message. Each other command group lives in its own `regie/*_cli.py` module; what they share is in
regie/common.py."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from domain.melding import Melding
from domain.register.errors import RegisterFouten, shown_errors
from domain.register.tekstcontrole import aantal
from regie import nederlands
from regie.common import EXIT_INTERN, EXIT_INVOER, Stop, err, open_session, out, sentence, who
from regie.datum_optie import parse_date
from regie.geen_register import open_register

# The names other modules used before the split (parallel branches still import them from here).
_datum, _session, _door = parse_date, open_session, who

app = typer.Typer(
    name="regie",
    help="programmaregie: volg de activiteiten, mijlpalen en verantwoording van de "
    "uitvoeringsprogramma's sociaal domein.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def laad(
    map: Annotated[Path, typer.Argument(help="Registermap: één gemeente of een map met gemeenten.",
                                        show_default=False)],
    plan: Annotated[bool, typer.Option("--plan", help="Toon wat het laden zou toevoegen, wijzigen en "
                                       "archiveren, en schrijf niets.")] = False,
    archiveren_toestaan: Annotated[bool, typer.Option(
        "--archiveren-toestaan", help="Laad ook als er een heel programma of een groot deel van de "
        "activiteiten van een gemeente gearchiveerd wordt.")] = False,
    nieuwe_gemeente: Annotated[list[str] | None, typer.Option(
        "--nieuwe-gemeente", metavar="NAAM", show_default=False,
        help="Laad NAAM als nieuwe gemeente, ook als de naam lijkt op een gemeente die al geladen is "
        "(anders weigert 'regie laad' dat als mogelijke tikfout). Mag vaker.")] = None,
) -> None:
    """Laad een register in de database: alles of niets, twee keer laden verandert niets."""
    from models.settings import get_settings
    from regie.laad_antwoorden import tell_people, warn_answers
    from services.register.load_plan import ArchiveerStop, load_or_plan

    settings = get_settings()
    try:
        with open_session() as session:
            outcome = load_or_plan(session=session, root=map, max_size=settings.max_bestandsgrootte,
                                   plan=plan, archiveren_toestaan=archiveren_toestaan,
                                   max_aandeel=settings.archiveer_max_aandeel,
                                   nieuwe_gemeenten=nieuwe_gemeente or ())
    except ArchiveerStop as stop:
        _warn_folders(stop.outcome.result.waarschuwingen, geschreven=False)
        warn_answers(stop.outcome.result, plan=True)  # nothing written: as a plan
        _print_changes(stop.outcome.result, "Plan (er is niets geschreven)", stop.outcome.namen)
        raise Stop(stop.melding) from None
    result = outcome.result
    gemeenten = ", ".join(result.gemeenten)
    from regie.livegang import warn_demo_data

    _warn_folders(result.waarschuwingen, geschreven=outcome.geschreven)
    warn_demo_data()  # the demo's sample people in a real data directory: a real run would mail them
    if outcome.zonder_kanaal:  # said first: it holds for a plan, a load and a load that changed nothing
        shown = ", ".join(outcome.zonder_kanaal[:10]) + (" …" if len(outcome.zonder_kanaal) > 10 else "")
        err().print(Text(f"Let op: {len(outcome.zonder_kanaal)} personen zonder kanaal krijgen geen "
                         f"herinneringen en de dagelijkse controle meldt ze als niet bezorgd: {shown}. Vul "
                         "'kanalen' in personen.yaml in en laad opnieuw.", style="yellow"))
    warn_answers(result, plan=plan)  # a done kept, a date a person gave replaced (regie/laad_antwoorden.py)
    if plan:
        if result.unchanged:
            out().print(f"Plan ({gemeenten}): laden verandert niets. Er is niets geschreven.", markup=False)
            return
        _print_changes(result, "Plan (er is niets geschreven)", outcome.namen)
        for bezwaar in outcome.bezwaren:
            out().print(f"Let op: {bezwaar} Laden vraagt dan om --archiveren-toestaan.", markup=False)
        return
    if result.unchanged:
        out().print(f"Register geladen ({gemeenten}): niets veranderd.", markup=False)
        return
    out().print(f"Register geladen ({gemeenten}).", markup=False)
    _print_changes(result, None, outcome.namen)
    tell_people(outcome)  # whose date the load replaced: told now, or by the daily check


def _warn_folders(waarschuwingen: list[str], *, geschreven: bool) -> None:
    """A folder whose name does not mention the municipality its files name (services/register/
    folder_name.py), on standard error: before anything is written, or what to do now that it is."""
    after = ("'regie laad' verwijdert geen gemeente: was dit niet de bedoeling, begin dan opnieuw in een "
             "lege datamap (docs/livegang.md)." if geschreven else "Er is niets geschreven.")
    for waarschuwing in waarschuwingen:
        err().print(Text(f"Let op: {waarschuwing} {after}", style="yellow"))


PLAN_NAMEN = 10  # per kind and action, the plan names this many and counts the rest ("en nog 6")


def _print_changes(result: Any, title: str | None, namen: dict[str, Any]) -> None:
    """Per municipality: added, changed and archived per kind, then by name (``namen``, from the history
    rows the load wrote), the first PLAN_NAMEN of each action and kind; a plan and a load alike."""
    from rich.text import Text

    from services.register.loading import KINDS

    if title:
        out().print(f"{title}:", markup=False)
    for g in result.per_gemeente:
        if not (g.toegevoegd or g.gewijzigd or g.gearchiveerd or g.verwijderd):
            out().print(Text(f"{g.naam}: niets veranderd"))
            continue
        table = Table(title=Text(g.naam), title_justify="left", show_edge=False, box=None, pad_edge=False)
        # "verwijderd" only when something without an archive goes (an activity's amounts or subsidies)
        actions = ("toegevoegd", "gewijzigd", "gearchiveerd") + (("verwijderd",) if g.verwijderd else ())
        for column in ("", *actions):
            table.add_column(column, justify="right" if column else "left")
        for kind in KINDS:
            counts = tuple(getattr(g, actie)[kind] for actie in actions)
            if any(counts):
                table.add_row(kind, *(str(c) for c in counts))
        out().print(table)
        for actie, kinds in namen.get(g.naam, {}).items():
            for kind, names in sorted(kinds.items(), key=lambda kv: KINDS.index(kv[0])):  # as the table
                # "en nog": past the bound, or counted but not named
                rest = max(len(names), getattr(g, actie)[kind]) - min(len(names), PLAN_NAMEN)
                more = f" en nog {rest}" if rest > 0 else ""
                out().print(Text(f"  {actie} {kind}: {', '.join(names[:PLAN_NAMEN])}{more}"))




def exporteer(
    map: Annotated[Path, typer.Argument(help="Map waarin de registerbestanden komen: een lege (of nieuwe) "
                                        "map, of een map met een eerdere export.", show_default=False)],
    overschrijven: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang een bestaand bestand met dezelfde naam, ook als 'regie exporteer' "
        "het niet (zo) heeft geschreven. Andere bestanden blijven altijd staan.")] = False,
) -> None:
    """Schrijf de database terug als registerbestanden (één map per gemeente). Een eerdere export die
    sindsdien niet is veranderd, wordt vervangen; staan er andere of veranderde bestanden in de map,
    dan wordt er niets geschreven (tenzij --overschrijven)."""
    from regie.common import naar_scherm
    from services.register.exporting import export_register, municipality_folders, shared_folders
    from services.written_files import check_writable

    naar_scherm(map, optie="MAP", opdracht="regie exporteer", wat="een map met registerbestanden",
                naam="register-export/")
    if any(p.exists() and not p.is_dir() for p in (map, *map.parents)):
        raise Stop(f"{map} is een bestand, geen map (of ligt in een bestand); er is niets geschreven. Geef "
                   "een (nieuwe) map op.")
    check_writable(map, genoemd=str(map))
    with open_register() as session:
        written = export_register(session=session, out_dir=map, overschrijf=overschrijven)
        shared = shared_folders(municipality_folders(session=session))
    if not written:
        raise Stop("De database bevat nog geen register. Laad eerst een register met: regie laad MAP")
    out().print(f"{len(written)} bestanden geschreven in {map}.", markup=False, soft_wrap=True)
    if shared:  # two names, one folder name: each keeps its own folder, and the user is told which
        out().print(Text(f"Let op: {'; '.join(shared)} (dezelfde mapnaam; elke gemeente heeft een eigen map, "
                         "de naam in de bestanden is de echte).", style="yellow"))




def migreer() -> None:
    """Breng de database op het nieuwste schema (gebeurt ook vanzelf bij elke opdracht)."""
    from models.db import current_revision, get_engine, migrate

    migrate(get_engine())
    out().print(f"Database is bijgewerkt (schemaversie {current_revision(get_engine())}).")


def _register_commands() -> None:
    """Every command, in the order `regie --help` lists them."""
    from regie import dienst_cli, heropen_cli, importeer_cli, rapport_cli, status_cli, voortgang_cli
    from regie.indicatoren_cli import register as register_indicators
    from regie.overzicht_cli import register as register_overview
    from regie.web_cli import register as register_web

    for name, function in (
        ("laad", laad), ("exporteer", exporteer), ("status", status_cli.status),
        ("importeer", importeer_cli.importeer), ("controle", dienst_cli.controle),
        ("simuleer", status_cli.simuleer), ("postvak", dienst_cli.postvak),
        ("voortgang", voortgang_cli.voortgang), ("gereed", voortgang_cli.gereed),
        ("heropen", heropen_cli.heropen),
        ("meting", voortgang_cli.meting), ("verplaats", voortgang_cli.verplaats),
        ("geschiedenis", status_cli.geschiedenis), ("dienst", dienst_cli.dienst),
        ("rapport", rapport_cli.rapport), ("agenda", rapport_cli.agenda),
        ("diagnose", dienst_cli.diagnose), ("migreer", migreer),
    ):
        app.command(name)(function)
    register_web(app)
    register_overview(app)
    register_indicators(app)


_register_commands()



def _written() -> str:
    from models.db import commits_with_changes

    if commits_with_changes():
        return ("Wat vóór de fout klaar was, is opgeslagen (elke stap is één transactie); de stap die "
                "mislukte is teruggedraaid.")
    return "Er is niets weggeschreven."


@functools.cache
def _command_tree() -> Any:
    """The click command tree, built once per process: Typer reads the type hints of every command's
    function to build it (≈ 30 ms on a fast machine). A `regie` process builds it once anyway; the tests
    run `regie` in-process thousands of times, where it was a fifth of their time in the CLI."""
    return nederlands.command(app)


def main() -> None:
    """Entry point: runs the app and turns every error into a Dutch message without traceback."""
    # the driver's error, only to name it to the user
    from sqlalchemy.exc import OperationalError

    from models.db import count_commits, database_problem, unusable_url
    from models.settings import data_dir_problem, settings_problem
    from regie.stap import interrupted

    count_commits()
    try:
        code = _command_tree()(standalone_mode=False, prog_name="regie")
        if isinstance(code, int) and code:
            sys.exit(code)
    except RegisterFouten as problem:
        fouten = problem.fouten
        err().print(Text("Het register is niet geladen", style="bold red"),
                    f": {aantal(len(fouten), 'fout', 'fouten')} gevonden. De database is niet veranderd.",
                    highlight=False, sep="")
        for line in shown_errors(fouten):  # in file order, at most 20 per file
            err().print(f"  • {line}", highlight=False, markup=False)
        sys.exit(EXIT_INVOER)
    except Stop as stop:
        err().print(sentence(stop.melding), highlight=False, markup=False)
        sys.exit(stop.code)
    except Melding as fout:  # e.g. a municipality or person typed that is not in the register
        err().print(sentence(fout.melding), highlight=False, markup=False)
        sys.exit(EXIT_INVOER)
    except OperationalError as exc:
        if (problem := data_dir_problem(exc)) is not None:  # REGIE_DATA_DIR an existing folder, chmod 555
            err().print(problem, markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        err().print(database_problem(exc), markup=False, highlight=False)
        sys.exit(EXIT_INTERN)
    except KeyboardInterrupt:  # "Afgebroken.", and nothing in ./start.sh, which says it itself
        sys.exit(interrupted())
    except Exception as exc:
        if _is_click(exc, "UsageError"):
            err().print(nederlands.usage_message(exc), markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        if _is_click(exc, "Abort"):
            sys.exit(interrupted())
        if unusable_url(exc):  # REGIE_DATABASE_URL=mysql://…
            err().print(database_problem(exc), markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        if (problem := settings_problem(exc) or data_dir_problem(exc)) is not None:  # REGIE_VANDAAG=1-6-2020
            err().print(problem, markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        if os.environ.get("REGIE_DEBUG"):
            raise
        if isinstance(exc, OSError) and exc.filename:  # a file or folder the checks before could not foresee
            from services.os_reasons import os_reden

            err().print(f"{exc.filename}: niet te lezen of te schrijven ({os_reden(exc)}). {_written()} "
                        "Kies een andere map of controleer de rechten.", markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        err().print(f"Interne fout ({type(exc).__name__}). {_written()} "
                  "Zet REGIE_DEBUG=1 voor details en meld het aan de beheerder.", markup=False)
        sys.exit(EXIT_INTERN)


def _is_click(exc: BaseException, name: str) -> bool:
    """Typer ships its own copy of click, so match click's exceptions by class name."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


if __name__ == "__main__":
    main()
