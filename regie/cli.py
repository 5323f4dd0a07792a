"""The `regie` command: every verb, option and message a municipal user reads is Dutch."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from domain.errors import RegisterFouten, sort_errors
from domain.tekstcontrole import visible
from regie import nederlands

EXIT_INVOER = 2  # bad input: the user can fix it
EXIT_INTERN = 1

app = typer.Typer(
    name="regie",
    help="programmaregie: volg de activiteiten, mijlpalen en verantwoording van de "
    "uitvoeringsprogramma's sociaal domein.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _SafeConsole(Console):
    """A console that shows control characters in text instead of sending them to the terminal:
    an escape sequence in a register value must not recolour or rewrite the user's screen."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().print(*(visible(o, 1_000_000, lines=True) if isinstance(o, str) else o for o in objects),
                      **kwargs)


def cell(value: object) -> str:
    """Register data for a table cell: control characters shown, not executed."""
    return visible("" if value is None else str(value), 5000, lines=True)


def out() -> Console:
    """Standard output; made per call so the terminal width (COLUMNS) is read when printing.
    Markup is off: names and titles from the register are data ("Bronckhorst [/bold]", "[fase 2]"
    must show as typed), so styles are given as ``Text`` objects, never as markup in strings."""
    return _SafeConsole(highlight=False, markup=False)


def err() -> Console:
    """Standard error; messages are never hard-wrapped, so they stay greppable."""
    return _SafeConsole(stderr=True, soft_wrap=True, highlight=False, markup=False)


class Stop(Exception):
    """A Dutch message for the user and an exit code; never a traceback."""

    def __init__(self, melding: str, code: int = EXIT_INVOER) -> None:
        super().__init__(melding)
        self.melding = melding
        self.code = code


def _datum(text: str | None, optie: str = "--peildatum") -> dt.date:
    if text is None:
        from models.clock import today

        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Stop(f"{optie} '{text}' is geen datum. Schrijf JJJJ-MM-DD, "
                   "bijvoorbeeld 2020-06-15.") from None


def _session():  # type: ignore[no-untyped-def]
    from models.db import get_engine, migrate, session_scope

    migrate(get_engine())
    return session_scope()


@app.command("laad")
def laad(
    map: Annotated[Path, typer.Argument(help="Registermap: één gemeente of een map met gemeenten.",
                                        show_default=False)],
    plan: Annotated[bool, typer.Option("--plan", help="Toon wat het laden zou toevoegen, wijzigen en "
                                       "archiveren, en schrijf niets.")] = False,
    archiveren_toestaan: Annotated[bool, typer.Option(
        "--archiveren-toestaan", help="Laad ook als er een heel programma of een groot deel van de "
        "activiteiten van een gemeente gearchiveerd wordt.")] = False,
) -> None:
    """Laad een register in de database: alles of niets, twee keer laden verandert niets."""
    from models.settings import get_settings
    from services.load_plan import ArchiveerStop, load_or_plan

    settings = get_settings()
    try:
        with _session() as session:
            outcome = load_or_plan(session=session, root=map, max_size=settings.max_bestandsgrootte,
                                   plan=plan, archiveren_toestaan=archiveren_toestaan,
                                   max_aandeel=settings.archiveer_max_aandeel)
    except ArchiveerStop as stop:
        _print_changes(stop.outcome.result, "Plan (er is niets geschreven)")
        raise Stop(stop.melding) from None
    result = outcome.result
    gemeenten = ", ".join(result.gemeenten)
    if plan:
        if result.unchanged:
            out().print(f"Plan ({gemeenten}): laden verandert niets. Er is niets geschreven.", markup=False)
            return
        _print_changes(result, "Plan (er is niets geschreven)")
        for bezwaar in outcome.bezwaren:
            out().print(f"Let op: {bezwaar} Laden vraagt dan om --archiveren-toestaan.", markup=False)
        return
    if result.unchanged:
        out().print(f"Register geladen ({gemeenten}): niets veranderd.", markup=False)
        return
    out().print(f"Register geladen ({gemeenten}).", markup=False)
    _print_changes(result, None)


def _print_changes(result: Any, title: str | None) -> None:
    """Per municipality: added, changed and archived per kind, and what is archived by name."""
    from rich.text import Text

    from services.loading import KINDS

    if title:
        out().print(f"{title}:", markup=False)
    for g in result.per_gemeente:
        if not (g.toegevoegd or g.gewijzigd or g.gearchiveerd):
            out().print(Text(f"{g.naam}: niets veranderd"))
            continue
        table = Table(title=Text(g.naam), title_justify="left", show_edge=False, box=None, pad_edge=False)
        for column in ("", "toegevoegd", "gewijzigd", "gearchiveerd"):
            table.add_column(column, justify="right" if column else "left")
        for kind in KINDS:
            counts = (g.toegevoegd[kind], g.gewijzigd[kind], g.gearchiveerd[kind])
            if any(counts):
                table.add_row(kind, *(str(c) for c in counts))
        out().print(table)
        archived = g.programmas_gearchiveerd + [f"activiteit {a}" for a in g.activiteiten_gearchiveerd]
        if archived:
            shown = ", ".join(archived[:10]) + (f" en nog {len(archived) - 10}" if len(archived) > 10 else "")
            out().print(Text(f"  gearchiveerd: {shown}"))


@app.command("exporteer")
def exporteer(
    map: Annotated[Path, typer.Argument(help="Map waarin de registerbestanden komen.",
                                        show_default=False)],
    overschrijven: Annotated[bool, typer.Option("--overschrijven",
                                                help="Schrijf in een map die al bestanden heeft.")] = False,
) -> None:
    """Schrijf de database terug als registerbestanden (één map per gemeente)."""
    from services.exporting import export_register

    if map.exists() and not map.is_dir():
        raise Stop(f"{map} is een bestand, geen map. Geef een (nieuwe) map op.")
    if map.exists() and any(map.iterdir()) and not overschrijven:
        raise Stop(f"{map} bevat al bestanden. Kies een lege map of gebruik --overschrijven.")
    with _session() as session:
        written = export_register(session=session, out_dir=map)
    if not written:
        raise Stop("De database bevat nog geen register. Laad eerst een register met: regie laad MAP")
    out().print(f"{len(written)} bestanden geschreven in {map}.")


@app.command("status")
def status(
    peildatum: Annotated[str | None, typer.Option("--peildatum",
                                                  help="Datum JJJJ-MM-DD (standaard: vandaag).",
                                                  show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Toon per programma de activiteiten, hun status, de volgende mijlpaal en wat te laat is."""
    from services.status import programme_states

    datum = _datum(peildatum)
    with _session() as session:
        states = programme_states(session=session, peildatum=datum, gemeente=gemeente)
    if not states:
        raise Stop("Geen programma's gevonden. Laad eerst een register met: regie laad MAP"
                   + (f" (of controleer de naam '{gemeente}')." if gemeente else ""))
    for state in states:
        table = Table(title=cell(f"{state.gemeente} · programma {state.nummer}: {state.titel} "
                                 f"(regisseur: {state.regisseur}) · peildatum {datum:%d-%m-%Y}"),
                      title_justify="left", expand=False)
        table.add_column("Activiteit", overflow="fold", max_width=48)
        table.add_column("Status")
        table.add_column("Volgende mijlpaal", overflow="fold", max_width=44)
        table.add_column("Te laat", justify="right")
        for a in state.activiteiten:
            volgende = f"{a.volgende[0]:%d-%m-%Y} {a.volgende[1]}" if a.volgende else "—"
            te_laat = str(len(a.te_laat)) if a.te_laat else ""
            style = "red" if a.te_laat else None
            table.add_row(cell(a.titel), cell(a.status), cell(volgende), te_laat, style=style)
        if not state.activiteiten:
            table.add_row("(geen activiteiten)", "", "", "")
        out().print(table)
        for probleem in state.problemen:
            out().print(Text(f"  Overgeslagen: {visible(probleem, 600)}", style="yellow"))
        out().print()


@app.command("importeer")
def importeer(
    document: Annotated[Path, typer.Argument(
        help="Het programmadocument: PDF (met tekstlaag), Word (.docx), webpagina (.html) of tekst (.txt).",
        show_default=False)],
    gemeente: Annotated[str, typer.Option("--gemeente", help="Naam van de gemeente.", show_default=False)],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help="Map waarin het conceptregister komt.",
                                          show_default=False)],
    documentdatum: Annotated[str | None, typer.Option(
        "--documentdatum", help="Datum van het document, JJJJ-MM-DD: het anker voor 'in december' "
        "zonder jaar (standaard: geschat uit de titel).", show_default=False)] = None,
    programma: Annotated[str | None, typer.Option(
        "--programma", help="Welk programma van een hele begroting of jaarstukken: nummer (2) of een woord "
        "uit de titel ('sociaal'). Standaard: de programma's van het sociaal domein.",
        show_default=False)] = None,
    paginas: Annotated[str | None, typer.Option(
        "--paginas", help="Alleen deze pagina's van een PDF lezen, bijvoorbeeld 18-34.",
        show_default=False)] = None,
    verslag: Annotated[bool, typer.Option("--verslag", help="Toon wat er gevonden is, welke pagina's en "
                                          "delen gebruikt en overgeslagen zijn, en wat niet te lezen "
                                          "was.")] = False,
    overschrijven: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang programma-*.yaml en personen.yaml in een map met een eerder "
        "concept; andere bestanden laat de importeur staan en dan weigert hij.")] = False,
    regio: Annotated[str, typer.Option("--regio", help="Regio voor de schoolvakanties: noord, midden of "
                                       "zuid ('voor de zomervakantie').")] = "midden",
) -> None:
    """Maak van een programmadocument een conceptregister: activiteiten, mijlpalen, bedragen."""
    from services.importing import ImportFout, import_document

    datum = None
    if documentdatum is not None:
        try:
            datum = dt.date.fromisoformat(documentdatum)
        except ValueError:
            raise Stop(f"--documentdatum '{documentdatum}' is geen datum. Schrijf JJJJ-MM-DD, "
                       "bijvoorbeeld 2019-10-01.") from None
    if regio.lower() not in ("noord", "midden", "zuid"):
        raise Stop(f"--regio '{regio}' bestaat niet. Kies noord, midden of zuid.")
    bereik = None
    if paginas is not None:
        found = re.fullmatch(r"\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5}))?\s*", paginas)
        if found is None or int(found.group(2) or found.group(1)) < int(found.group(1)):
            raise Stop(f"--paginas '{paginas[:40]}' is geen paginabereik. Schrijf bijvoorbeeld "
                       "--paginas 18-34 of --paginas 20.")
        bereik = (int(found.group(1)), int(found.group(2) or found.group(1)))
    try:
        result = import_document(document=document, gemeente=gemeente, uitvoer=uitvoer,
                                 documentdatum=datum, overschrijven=overschrijven, regio=regio.lower(),
                                 programma=programma, paginas=bereik)
    except ImportFout as fout:
        raise Stop(fout.melding) from None
    v = result.verslag
    geschat = (" (geschat uit de titel; geef --documentdatum als dat niet klopt)"
               if result.documentdatum_geschat else "")
    out().print(f"Gelezen als {v.lezer}.", markup=False)
    out().print(f"Conceptregister geschreven in {uitvoer}: {len(result.bestanden)} bestanden, "
                f"{v.kaarten} activiteiten, {v.mijlpalen_zeker + v.mijlpalen_onzeker} mijlpalen "
                f"({v.mijlpalen_onzeker} te controleren), {v.bedragen} bedragen.", markup=False)
    out().print(f"Documentdatum {result.documentdatum:%d-%m-%Y}{geschat}; "
                f"tekst gelezen als {result.codering}.", markup=False)
    if verslag:
        _print_report(v)
    out().print(f"Controleer de bestanden en laad ze met: regie laad {uitvoer}", markup=False)


def _print_report(v) -> None:  # type: ignore[no-untyped-def]
    table = Table(title="Gevonden per programma", title_justify="left", show_edge=False)
    table.add_column("Programma")
    table.add_column("Activiteiten", justify="right")
    for nummer, titel, aantal in v.per_programma:
        table.add_row(cell(f"{nummer}. {titel}"), str(aantal))
    out().print(table)
    for regel in v.gebruikt:
        out().print(f"Gebruikt: {regel}", markup=False)
    out().print(f"Mijlpalen: {v.mijlpalen_zeker} zeker, {v.mijlpalen_onzeker} te controleren (zeker: false).")
    out().print(f"Bedragen: {v.bedragen}.")
    if v.onleesbaar:
        out().print("Niet als datum te lezen (vul zelf een datum in waar die er is):")
        for titel, veld, zin in v.onleesbaar:
            out().print(f"  • {titel} · {veld}: {zin}", markup=False)
    if v.overgeslagen:
        out().print("Overgeslagen of aangenomen:")
        for regel in v.overgeslagen:
            out().print(f"  • {regel}", markup=False)


def _prefect_env() -> None:
    """Prefect's own database under the data directory; no calls out of the machine."""
    from models.settings import get_settings

    os.environ.setdefault("PREFECT_HOME", str(get_settings().data_dir / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # Without a server, a command starts a temporary one; Prefect gives it 20 s, which a busy
    # 2-core machine can exceed on the first start (database migrations).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _mail_goes_to_local_mailbox() -> bool:
    """True when the SMTP setting points at the local mailbox's address (127.0.0.1:postvak_poort)."""
    from models.settings import get_settings
    from services.secrets import UrlFout, smtp_parts

    settings = get_settings()
    try:
        url = smtp_parts(settings.smtp_url.get_secret_value())
    except UrlFout:
        return False  # delivery and 'regie diagnose' say what is wrong with it, without its parts
    return url.host in ("127.0.0.1", "localhost") and (url.port or 25) == settings.postvak_poort


def _local_mailbox_needed() -> bool:
    """True when mail goes to the local mailbox's address and nothing listens there yet."""
    import socket

    from models.settings import get_settings

    settings = get_settings()
    if not _mail_goes_to_local_mailbox():
        return False
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", settings.postvak_poort)) != 0


@app.command("controle")
def controle(
    peildatum: Annotated[str | None, typer.Option(
        "--peildatum", help="Datum JJJJ-MM-DD (standaard: vandaag).", show_default=False)] = None,
    droog: Annotated[bool, typer.Option(
        "--droog", help="Plan en toon, maar verstuur en bewaar niets.")] = False,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Voer de dagelijkse controle één keer uit: herinneringen plannen, één keer versturen."""
    import contextlib

    from models.settings import get_settings

    datum = _datum(peildatum)
    _prefect_env()
    with _session():
        pass  # migrate first, so the flow finds the current schema
    from flows.dagelijkse_controle import run_daily_check
    from services.mailbox import mailbox

    settings = get_settings()
    local = not droog and _local_mailbox_needed()
    with mailbox(settings.postvak_dir, port=settings.postvak_poort) if local else contextlib.nullcontext():
        state = run_daily_check(peildatum=datum, droog=droog, gemeente=gemeente, return_state=True)
    summary = state.result(raise_on_failure=False)  # a Failed state still carries the summary
    if not isinstance(summary, dict):
        raise Stop(f"De dagelijkse controle is mislukt: {state.message}", EXIT_INTERN)
    out().print(f"Dagelijkse controle {datum:%d-%m-%Y}{' (droog: niets verstuurd)' if droog else ''}: "
                f"{summary['te_laat']} te laat, {summary['binnenkort']} binnenkort, "
                f"{summary['overig']} overige punten; {summary['nieuw']} nieuwe herinneringen, "
                f"{summary['bezorgd']} overzichten bezorgd.")
    if local:
        out().print(f"Lokaal postvak: {settings.postvak_dir}")
    if summary["niet_bezorgd"]:
        raise Stop(f"{summary['niet_bezorgd']} herinneringen niet bezorgd; ze blijven bewaard en de volgende "
                   "controle probeert het opnieuw. Zie 'regie diagnose' of de logboeken in de Prefect UI.",
                   EXIT_INTERN)


@app.command("simuleer")
def simuleer(
    van: Annotated[str, typer.Option("--van", help="Eerste dag, JJJJ-MM-DD.", show_default=False)],
    tot: Annotated[str, typer.Option("--tot", help="Laatste dag, JJJJ-MM-DD.", show_default=False)],
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Laat per dag zien wat de regels zouden versturen en aan wie, zonder iets te versturen."""
    from services.simulation import simulate

    begin, eind = _datum(van), _datum(tot)
    if eind < begin:
        raise Stop("--tot ligt vóór --van. Geef eerst de vroegste datum.")
    if (eind - begin).days > 731:
        raise Stop("Simuleer hoogstens twee jaar tegelijk (de uitvoer wordt anders onleesbaar).")
    problemen: list[Any] = []
    with _session() as session:
        days = simulate(session=session, van=begin, tot=eind, gemeente=gemeente, problemen=problemen)
    total = 0
    for dag, people in days:
        if not people:
            continue
        weekdag = ("ma", "di", "wo", "do", "vr", "za", "zo")[dag.weekday()]
        out().print(Text(f"{weekdag} {dag:%d-%m-%Y}", style="bold"))
        for naam, regels in people:
            total += len(regels)
            out().print(f"  {naam}: {len(regels)} {'punt' if len(regels) == 1 else 'punten'}", markup=False)
            for regel in regels:
                out().print(f"    • {regel}", markup=False)
    out().print(f"{total} herinneringen in {len(days)} dagen (niets verstuurd of bewaard).")
    for probleem in problemen:
        out().print(Text(f"Overgeslagen: {probleem}", style="yellow"))


@app.command("postvak")
def postvak() -> None:
    """Start het lokale postvak (SMTP op 127.0.0.1) dat elk bericht als .eml-bestand bewaart."""
    import time

    from models.settings import get_settings
    from services.mailbox import mailbox

    settings = get_settings()
    with mailbox(settings.postvak_dir, port=settings.postvak_poort):
        out().print(f"Postvak luistert op 127.0.0.1:{settings.postvak_poort}; berichten komen in "
                    f"{settings.postvak_dir}. Stop met Ctrl-C.")
        while True:
            time.sleep(3600)


def _door(door: str | None) -> str:
    """Who makes a change from the command line: --door, REGIE_GEBRUIKER, or the login name."""
    import getpass

    return door or os.environ.get("REGIE_GEBRUIKER") or f"opdrachtregel ({getpass.getuser()})"


def _apply(antwoord: object, *, door: str | None, gemeente: str | None) -> None:
    from services.progress import Ongeldig, apply

    with _session() as session:
        try:
            apply(session=session, antwoord=antwoord, door=_door(door), bron="opdracht",  # type: ignore[arg-type]
                  vandaag=_datum(None), gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(f"Niet vastgelegd: {fout.melding}") from None


DOOR = typer.Option("--door", help="Wie dit doorgeeft (sleutel uit personen.yaml; standaard REGIE_GEBRUIKER "
                    "of uw inlognaam).", show_default=False)
GEMEENTE = typer.Option("--gemeente", help="De gemeente, als de id in meer gemeenten voorkomt.",
                        show_default=False)


@app.command("voortgang")
def voortgang(
    activiteit: Annotated[str, typer.Argument(help="De id van de activiteit (uit het registerbestand).",
                                              show_default=False)],
    koers: Annotated[str | None, typer.Option("--koers", help="op-koers, risico of achter.",
                                              show_default=False)] = None,
    status: Annotated[str | None, typer.Option("--status", help="Status van de activiteit: lopend, afgerond, "
                                               "vertraagd, gestopt of gepland.", show_default=False)] = None,
    tekst: Annotated[str | None, typer.Option("--tekst", help="Korte stand van zaken.",
                                              show_default=False)] = None,
    besteed: Annotated[str | None, typer.Option(
        "--besteed", help="Besteed in het jaar van --jaar (standaard dit jaar) tot nu toe, in euro "
        "(1234,56).",
        show_default=False)] = None,
    jaar: Annotated[int | None, typer.Option("--jaar", help="Het jaar waarin het bedrag van --besteed is "
                                             "uitgegeven (standaard dit jaar).", show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Leg voortgang van een activiteit vast (zet ook de klok voor 'geen voortgang' terug)."""
    from decimal import Decimal, InvalidOperation

    from services.progress import Antwoord

    bedrag = None
    if besteed is not None:
        try:
            bedrag = Decimal(besteed.replace("€", "").replace(".", "").replace(",", ".").strip())
        except InvalidOperation:
            raise Stop(f"--besteed '{besteed}' is geen bedrag. Schrijf bijvoorbeeld 12500 of "
                       "12.500,50.") from None
    if jaar is not None and bedrag is None:
        raise Stop("--jaar hoort bij --besteed: geef ook het bedrag, bijvoorbeeld "
                   "--besteed 12500 --jaar 2021.")
    if koers is None and status is None and tekst is None and bedrag is None:
        raise Stop("Geef minstens één van --koers, --status, --tekst of --besteed.")
    _apply(Antwoord(activiteit=activiteit, koers=koers, status=status, tekst=tekst, besteed=bedrag,
                    besteed_jaar=jaar), door=door, gemeente=gemeente)
    out().print(f"Voortgang van '{activiteit}' vastgelegd.")


@app.command("gereed")
def gereed(
    mijlpaal: Annotated[str, typer.Argument(help="ACTIVITEIT/MIJLPAAL (de id's uit het registerbestand).",
                                            show_default=False)],
    datum: Annotated[str | None, typer.Option("--datum", help="Gereed op (JJJJ-MM-DD; standaard vandaag).",
                                              show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Markeer een mijlpaal als gereed: er komen geen herinneringen meer voor."""
    from services.progress import MijlpaalAntwoord

    dag = _datum(datum)
    name = _answer_milestone(mijlpaal, gemeente=gemeente, door=door, tekst="gereed",
                             antwoord=lambda key: MijlpaalAntwoord(key, gereed=dag))
    out().print(f"Mijlpaal '{name}' is gereed op {dag:%d-%m-%Y}.")


def _answer_milestone(verwijzing: str, *, gemeente: str | None, door: str | None, tekst: str,
                      antwoord: Any) -> str:
    """Find a milestone and apply one answer about it; returns ACTIVITEIT/MIJLPAAL."""
    from services.progress import Antwoord, Ongeldig, find_milestone

    with _session() as session:
        try:
            activity, milestone = find_milestone(session=session, verwijzing=verwijzing, gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(fout.melding) from None
    _apply(Antwoord(activiteit=activity.sleutel, tekst=f"Mijlpaal {milestone.sleutel} {tekst}",
                    mijlpalen=[antwoord(milestone.sleutel)]), door=door, gemeente=gemeente)
    return f"{activity.sleutel}/{milestone.sleutel}"


@app.command("meting")
def meting(
    indicator: Annotated[str, typer.Argument(help="ACTIVITEIT/INDICATOR of programma-N/INDICATOR (de id's "
                                             "uit het registerbestand).",
                                             show_default=False)],
    waarde: Annotated[str, typer.Option("--waarde", help="De gemeten waarde, bijvoorbeeld 42 of 12,5.",
                                        show_default=False)],
    datum: Annotated[str | None, typer.Option("--datum", help="Gemeten op (JJJJ-MM-DD; standaard vandaag).",
                                              show_default=False)] = None,
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Leg een meting van een indicator vast (met geschiedenis); dezelfde datum vervangt de waarde."""
    from services.measurements import record_by_hand
    from services.progress import Ongeldig

    dag = _datum(datum, "--datum")
    with _session() as session:
        try:
            name, found, value, changed = record_by_hand(
                session=session, verwijzing=indicator, waarde=waarde, datum=dag, door=_door(door),
                vandaag=_datum(None), gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(f"Niet vastgelegd: {fout.melding}") from None
    shown = format(value.normalize(), "f").replace(".", ",")  # 1250 and 12,5, not 1250,00
    unit = f" {found.eenheid}" if found.eenheid else ""
    out().print(f"Meting van '{name}' op {dag:%d-%m-%Y}: {shown}{unit}{'' if changed else ' (stond er al)'}.")


@app.command("verplaats")
def verplaats(
    mijlpaal: Annotated[str, typer.Argument(help="ACTIVITEIT/MIJLPAAL (de id's uit het registerbestand).",
                                            show_default=False)],
    naar: Annotated[str, typer.Option("--naar", help="De nieuwe uiterste datum (JJJJ-MM-DD).",
                                      show_default=False)],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de datum verschuift.", show_default=False)],
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Verplaats een mijlpaal naar een nieuwe datum; de herinneringen gaan daarop opnieuw lopen."""
    from services.progress import MijlpaalAntwoord

    dag = _datum(naar)
    name = _answer_milestone(mijlpaal, gemeente=gemeente, door=door, tekst=f"verplaatst: {reden}",
                             antwoord=lambda key: MijlpaalAntwoord(key, nieuwe_datum=dag, reden=reden))
    out().print(f"Mijlpaal '{name}' verplaatst naar {dag:%d-%m-%Y}.")


@app.command("geschiedenis")
def geschiedenis(
    activiteit: Annotated[str, typer.Argument(help="De id van de activiteit.", show_default=False)],
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Toon elke wijziging van een activiteit en haar mijlpalen: wie, wanneer, wat, oud → nieuw."""

    from models.settings import get_settings
    from services.history import GeenActiviteit, activity_for_history, history_of

    tz = get_settings().tz
    with _session() as session:
        try:
            activity = activity_for_history(session=session, sleutel=activiteit, gemeente=gemeente)
        except GeenActiviteit as fout:
            raise Stop(fout.melding) from None
        assert activity.id is not None
        changes = history_of(session=session, activiteit_id=activity.id)
    archived = (f" (gearchiveerd op {activity.gearchiveerd_op.astimezone(tz):%d-%m-%Y}: staat niet meer in "
                "het register)" if activity.gearchiveerd_op else "")
    table = Table(title=cell(f"Geschiedenis van {activity.titel}{archived}"), title_justify="left")
    for column in ("Wanneer", "Wie", "Via", "Wat", "Oud", "Nieuw", "Reden"):
        table.add_column(column, overflow="fold")
    for c in changes:
        wat = c.sleutel.removeprefix(f"{activity.sleutel}/") if c.onderwerp == "mijlpaal" else c.onderwerp
        veld = f" · {c.veld}" if c.veld and c.veld != wat else ""
        table.add_row(f"{c.tijdstip.astimezone(tz):%d-%m-%Y %H:%M}", *(cell(v) for v in (
            c.door, c.bron, f"{wat}{veld}", c.oud, c.nieuw, c.reden)))
    out().print(table)


@app.command("dienst")
def dienst(
    peildatum: Annotated[str | None, typer.Option(
        "--peildatum", help="Laat direct één dagelijkse controle en één uitvraag lopen als van deze datum "
        "(JJJJ-MM-DD), zodat de UI meteen iets toont.", show_default=False)] = None,
    eenmalig: Annotated[bool, typer.Option("--eenmalig", help="Eén ronde en dan stoppen.")] = False,
    poort: Annotated[int | None, typer.Option("--poort", help="Poort van de Prefect-server en de UI "
                                              "(standaard: instelling REGIE_PREFECT_POORT, 4200).",
                                              show_default=False)] = None,
) -> None:
    """Start de dienst: Prefect-server met UI op 127.0.0.1, het lokale postvak en de deployments
    (dagelijkse controle 07:00, uitvragen 07:30 op werkdagen). Stop met Ctrl-C."""
    import contextlib
    import signal
    import time

    from models.settings import get_settings
    from regie.dienst import DienstFout, PoortBezet, check_ports, demo_cycle, running, started, web_lines
    from services.mailbox import mailbox

    datum = _datum(peildatum) if peildatum else None
    settings = get_settings()
    poort = poort or settings.prefect_poort
    local = _mail_goes_to_local_mailbox()
    try:
        check_ports(prefect=poort, postvak=settings.postvak_poort if local else None,
                    data_dir=settings.data_dir, web=settings.web_poort)
    except PoortBezet as fout:
        raise Stop(str(fout), EXIT_INVOER) from None
    with _session():
        pass  # migrate first: the runner's flows find the current schema

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM (systemd, kill) stops the server and runner like Ctrl-C

    signal.signal(signal.SIGTERM, stop)
    try:
        box = (mailbox(settings.postvak_dir, port=settings.postvak_poort) if local
               else contextlib.nullcontext())
        with box, running(poort, settings.data_dir / "logs"), \
                started(settings.data_dir, prefect=poort, postvak=settings.postvak_poort if local else None):
            out().print(f"Prefect UI: http://127.0.0.1:{poort} (runs, deployments, artefacten)")
            if local:
                out().print(f"Lokaal postvak: {settings.postvak_dir} "
                            f"(SMTP op 127.0.0.1:{settings.postvak_poort})")
            for line in web_lines():
                out().print(line, markup=False, soft_wrap=True)
            if datum is not None:
                for line in demo_cycle(datum):
                    out().print(f"  {line}", markup=False)
            if eenmalig:
                out().print("Eén ronde gedaan; de dienst stopt.")
                return
            out().print("De dienst draait. Stop met Ctrl-C.")
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        out().print("De dienst is gestopt.")
    except DienstFout as fout:
        raise Stop(str(fout), EXIT_INTERN) from None


@app.command("rapport")
def rapport(
    vergadering: Annotated[str, typer.Option("--vergadering", help="mosd of poho.", show_default=False)],
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Stand per deze datum (JJJJ-MM-DD; "
                                                  "standaard vandaag).", show_default=False)] = None,
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", help="Map voor het HTML- en PDF-bestand "
                                                 "(standaard het rapportarchief in de datamap).",
                                                 show_default=False)] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Maak nu een voortgangsrapportage (HTML en PDF) voor de eerstvolgende MOSD- of PoHo-vergadering;
    er wordt niets verstuurd of vastgelegd."""
    from sqlmodel import select

    from models.settings import get_settings
    from models.tables import Meeting, Municipality
    from services.exporting import slug
    from services.report_run import report_folder
    from services.reporting import build, make

    soort = vergadering.lower()
    if soort not in ("mosd", "poho"):
        raise Stop(f"--vergadering '{vergadering}' bestaat niet. Kies mosd of poho.")
    datum = _datum(peildatum)
    settings = get_settings()
    with _session() as session:
        query = select(Municipality).order_by(Municipality.naam)
        if gemeente:
            query = query.where(Municipality.naam.ilike(gemeente))  # type: ignore[attr-defined]
        municipalities = session.exec(query).all()
        if not municipalities:
            raise Stop("Geen gemeente gevonden. Laad eerst een register met: regie laad MAP")
        for municipality in municipalities:
            meeting = session.exec(select(Meeting).where(
                Meeting.gemeente_id == municipality.id, Meeting.soort == soort, Meeting.datum > datum,
                Meeting.gearchiveerd_op.is_(None)).order_by(Meeting.datum)).first()  # type: ignore[union-attr]
            report = build(session=session, gemeente=municipality, soort=soort, peildatum=datum,
                           vergaderdatum=meeting.datum if meeting else None, treden=settings.regels.subsidie)
            # In a folder the user names, each municipality gets its own file names: a region's
            # reports must not overwrite each other (the archive already has a folder each).
            folder = uitvoer or report_folder(settings, municipality.naam)
            prefix = f"rapport-{slug(municipality.naam)}" if uitvoer else "rapport"
            made = make(report, folder=folder, name=f"{prefix}-{datum.isoformat()}-{soort}")
            when = f" voor {meeting.datum:%d-%m-%Y}" if meeting else " (geen vergadering in de kalender)"
            out().print(f"{municipality.naam}{when}: {made.pdf_pad} en {made.html_pad.name}", markup=False)


@app.command("agenda")
def agenda(
    persoon: Annotated[str, typer.Option("--persoon", help="Sleutel uit personen.yaml.", show_default=False)],
    uitvoer: Annotated[Path | None, typer.Option(
        "--uitvoer", help="Bestand (.ics); standaard naar het scherm.", show_default=False)] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Schrijf de open mijlpalen van iemands activiteiten als agenda (.ics) voor Outlook of een
    andere agenda; dezelfde mijlpaal houdt dezelfde UID, dus opnieuw importeren werkt bij."""
    from sqlmodel import select

    from models.tables import Municipality, Person
    from models.types import utcnow
    from services.agenda import calendar_for

    with _session() as session:
        query = (select(Person).join(Municipality, Municipality.id == Person.gemeente_id)
                 .where(Person.sleutel == persoon))
        if gemeente:
            query = query.where(Municipality.naam.ilike(gemeente))  # type: ignore[attr-defined]
        found = session.exec(query).all()
        if not found:
            raise Stop(f"persoon '{persoon}' staat niet in personen.yaml (of de gemeente klopt niet).")
        if len(found) > 1:
            raise Stop(f"persoon '{persoon}' bestaat in meer gemeenten. Geef --gemeente NAAM mee.")
        data = calendar_for(session=session, persoon=found[0], nu=utcnow())
    if uitvoer is None:
        sys.stdout.write(data.decode())
        return
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    uitvoer.write_bytes(data)
    out().print(f"Agenda geschreven: {uitvoer}")


@app.command("diagnose")
def diagnose() -> None:
    """Controleer database, schema, register, mail, kanalen en de Prefect-API, en zeg wat te doen."""
    from models.db import get_engine
    from models.settings import get_settings
    from services.diagnosis import diagnose as check

    findings = check(engine=get_engine(), settings=get_settings())
    table = Table(title="Diagnose", title_justify="left")
    for column in ("Onderdeel", "Status", "Toelichting"):
        table.add_column(column, overflow="fold")
    styles = {"ok": "green", "let op": "yellow", "fout": "red"}
    for f in findings:
        table.add_row(f.onderdeel, Text(f.status, style=styles[f.status]), cell(f.uitleg))
    out().print(table)
    if any(f.status == "fout" for f in findings):
        raise Stop("Er is iets mis; zie de tabel hierboven.", EXIT_INTERN)


@app.command("migreer")
def migreer() -> None:
    """Breng de database op het nieuwste schema (gebeurt ook vanzelf bij elke opdracht)."""
    from models.db import current_revision, get_engine, migrate

    migrate(get_engine())
    out().print(f"Database is bijgewerkt (schemaversie {current_revision(get_engine())}).")


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    from models.settings import get_settings

    return make_url(get_settings().resolved_database_url()).render_as_string(hide_password=True)


def _register_web() -> None:
    from regie.indicatoren_cli import register as register_indicators
    from regie.overzicht_cli import register as register_overview
    from regie.web_cli import register

    register(app)
    register_overview(app)
    register_indicators(app)


_register_web()


_WRITES = {"vastgelegd": 0}


def _count_writes() -> None:
    """Count the transactions this command committed with changes in them, so that an internal
    error can say truthfully whether anything was written."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session as OrmSession

    if getattr(_count_writes, "done", False):
        return
    _count_writes.done = True  # type: ignore[attr-defined]

    @event.listens_for(OrmSession, "after_flush")
    def _flushed(session, context):  # type: ignore[no-untyped-def]
        session.info["geschreven"] = True

    @event.listens_for(OrmSession, "do_orm_execute")
    def _statement(state):  # type: ignore[no-untyped-def]
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info["geschreven"] = True

    @event.listens_for(OrmSession, "after_commit")
    def _committed(session):  # type: ignore[no-untyped-def]
        if session.info.pop("geschreven", False):
            _WRITES["vastgelegd"] += 1

    @event.listens_for(OrmSession, "after_rollback")
    def _rolled_back(session):  # type: ignore[no-untyped-def]
        session.info.pop("geschreven", None)


def _written() -> str:
    if _WRITES["vastgelegd"]:
        return ("Wat vóór de fout klaar was, is opgeslagen (elke stap is één transactie); de stap die "
                "mislukte is teruggedraaid.")
    return "Er is niets weggeschreven."


def main() -> None:
    """Entry point: runs the app and turns every error into a Dutch message without traceback."""
    from sqlalchemy.exc import OperationalError

    _count_writes()
    _WRITES["vastgelegd"] = 0
    try:
        code = nederlands.command(app)(standalone_mode=False, prog_name="regie")
        if isinstance(code, int) and code:
            sys.exit(code)
    except RegisterFouten as problem:
        fouten = sort_errors(problem.fouten)
        err().print(Text("Het register is niet geladen", style="bold red"), f": {len(fouten)} "
                  f"{'fout' if len(fouten) == 1 else 'fouten'} gevonden. "
                  "De database is niet veranderd.", highlight=False, sep="")
        for fout in fouten:
            err().print(f"  • {fout}", highlight=False, markup=False)
        sys.exit(EXIT_INVOER)
    except Stop as stop:
        err().print(stop.melding, highlight=False, markup=False)
        sys.exit(stop.code)
    except OperationalError:
        err().print(f"De database is niet bereikbaar ({_safe_url()}). Controleer "
                  "REGIE_DATABASE_URL en of de databaseserver draait.", markup=False)
        sys.exit(EXIT_INTERN)
    except KeyboardInterrupt:
        err().print("Afgebroken.")
        sys.exit(130)
    except Exception as exc:
        if _is_click(exc, "UsageError"):
            err().print(nederlands.usage_message(exc), markup=False, highlight=False)
            sys.exit(EXIT_INVOER)
        if _is_click(exc, "Abort"):
            err().print("Afgebroken.")
            sys.exit(130)
        if os.environ.get("REGIE_DEBUG"):
            raise
        err().print(f"Interne fout ({type(exc).__name__}). {_written()} "
                  "Zet REGIE_DEBUG=1 voor details en meld het aan de beheerder.", markup=False)
        sys.exit(EXIT_INTERN)


def _is_click(exc: BaseException, name: str) -> bool:
    """Typer ships its own copy of click, so match click's exceptions by class name."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


if __name__ == "__main__":
    main()
