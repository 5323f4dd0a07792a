"""`regie dienst`, `regie controle`, `regie postvak` and `regie diagnose`: running the service and
checking it (thin: the work is in regie/dienst.py, flows/ and services/)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from regie.common import EXIT_INTERN, EXIT_INVOER, Stop, cell, err, open_session, out
from regie.datum_optie import DATUMVORMEN, parse_date


def _prefect_env() -> None:
    """Prefect's own database under the data directory; no calls out of the machine."""
    from models.settings import get_settings

    os.environ.setdefault("PREFECT_HOME", str(get_settings().data_dir / "prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # Without a server a command starts a temporary one: Prefect's 20 s are too short on a busy machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    # The terminal gets the Dutch summary, warnings and errors; Prefect's English progress lines
    # ("Starting temporary server", "Finished in state Completed()") still reach the run's log in the UI.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")


def _local_mailbox_needed() -> bool:
    """True when mail goes to the local mailbox's address and nothing listens there yet."""
    return _local_mailbox_plan()[0]


def _local_mailbox_plan() -> tuple[bool, bool]:
    """(start the mailbox, mail lands in this folder's mailbox). Stops when another data directory's
    mailbox (or, with REGIE_SMTP_URL unset, some other server) listens there: before anything is
    recorded, so nothing is given up and everything goes out once, later."""
    from models.settings import get_settings
    from services.outbox.local_mailbox import AnderPostvak, local_mailbox_plan

    try:
        return local_mailbox_plan(get_settings())
    except AnderPostvak as refused:
        raise Stop(f"De dagelijkse controle is niet uitgevoerd: {refused}. Er is niets vastgelegd of "
                   "verstuurd; daarna legt 'regie controle' alles vast en verstuurt het één keer.",
                   EXIT_INVOER) from None


def controle(
    peildatum: Annotated[str | None, typer.Option(
        "--peildatum", help=f"Datum: {DATUMVORMEN} (standaard: vandaag).", show_default=False)] = None,
    droog: Annotated[bool, typer.Option(
        "--droog", help="Plan en toon, maar verstuur en bewaar niets.")] = False,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
) -> None:
    """Voer de dagelijkse controle één keer uit: herinneringen plannen, één keer versturen."""
    import contextlib

    from models.settings import get_settings
    from regie.controle_tekst import bezig, not_ahead, op_een_vrije_dag, zeg_samenvatting
    from regie.geen_register import known_municipality, open_register

    datum = parse_date(peildatum, "--peildatum")
    if gemeente:  # an unknown name is refused, a day off too: the check would silently do nothing
        gemeente = known_municipality(gemeente)
    if (vrij := op_een_vrije_dag(datum)) is not None:  # said at once: no temporary Prefect server, mailbox
        out().print(vrij)
        return
    if not droog:
        not_ahead(datum)
    _prefect_env()
    bezig(datum, droog)  # in a terminal: the wait is said
    with open_register():  # migrates first, so the flow finds the current schema; an empty one is said
        pass
    from flows.dagelijkse_controle import run_daily_check
    from services.operations.mailbox import mailbox

    settings = get_settings()
    local, own = _local_mailbox_plan() if not droog else (False, False)
    if not droog:  # the demo's sample people in a real data directory would be mailed (docs/livegang.md)
        from regie.livegang import warn_demo_data

        warn_demo_data()
    _no_tracebacks_on_the_terminal()
    with mailbox(settings.postvak_dir, port=settings.postvak_poort, dag=datum) if local \
            else contextlib.nullcontext():
        state = run_daily_check(peildatum=datum, droog=droog, gemeente=gemeente, return_state=True)
    summary = state.result(raise_on_failure=False)  # a Failed state still carries the summary
    summary = getattr(summary, "samenvatting", summary)  # in its exception (NietAllesBezorgd)
    if not isinstance(summary, dict):
        raise Stop(f"De dagelijkse controle is mislukt: {state.message}. {_why_undelivered()}"
                   "Het logboek van de run staat in de Prefect UI.", EXIT_INTERN)
    zeg_samenvatting(datum, droog, summary, settings.regels)  # and the reports it does not make
    if own and summary.get("werkdag") is not False:  # a day off says "geen controle": no 'bezorgd'
        from regie.dienst_demo import how_to_open
        from services.outbox.local_mailbox import local_mailbox_note

        out().print(f"Let op: 'bezorgd' betekent hier: {local_mailbox_note(settings)}.", markup=False,
                    soft_wrap=True)
        how_to_open(settings, page_runs=not local)  # as `regie dienst --eenmalig` says it
    if summary["niet_bezorgd"]:
        from services.outbox.shortfall import undelivered

        raise Stop(f"{undelivered(summary['niet_bezorgd'])} (via geen enkel kanaal); bewaard, de volgende "
                   f"controle probeert het opnieuw. {_why_undelivered()}Zie ook 'regie diagnose' of de "
                   "logboeken in de Prefect UI.", EXIT_INTERN)
    if summary.get("waarschuwing"):  # everyone got it on some channel: exit 0, with the warning
        out().print(f"Let op: controle voltooid; {summary['waarschuwing']}. De volgende controle probeert "
                    "dat opnieuw; zie ook 'regie diagnose'.", markup=False, soft_wrap=True)


def _no_tracebacks_on_the_terminal() -> None:
    """Prefect's engine logs a failed task or flow at ERROR with its traceback and English framing ("Task
    run failed with exception"), and Apprise logs English warnings; the terminal gets the Dutch account
    instead (the run's log in the UI keeps everything). The check's own warnings ("Overgeslagen: …") show."""
    import logging

    class NoErrors(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            # Apprise's English warnings: the command says in Dutch why a channel failed; a record
            # the command tells itself (regie_uitgelegd) is not shown twice.
            return (record.levelno < logging.ERROR and not record.name.startswith("apprise")
                    and not getattr(record, "regie_uitgelegd", False))

    for name in ("", "prefect", "prefect.flow_runs", "prefect.task_runs"):  # "": the root (Prefect's place)
        for handler in logging.getLogger(name).handlers:
            if type(handler).__name__ == "PrefectConsoleHandler":
                handler.addFilter(NoErrors())


def _why_undelivered() -> str:
    """Who is still waiting for messages, and why, as one sentence (empty when nobody is)."""
    from services.outbox.unheard import waiting_failed

    with open_session() as session:
        waiting = waiting_failed(session=session)
    if not waiting:
        return ""
    return "Niet bezorgd aan: " + "; ".join(
        f"{who}: {', '.join(w.rstrip(' .') for w in why) or 'onbekende fout'}" for who, why in waiting) + ". "


def postvak() -> None:
    """Start het lokale postvak (SMTP op 127.0.0.1) dat elk bericht als .eml-bestand bewaart."""
    import time

    from models.settings import get_settings
    from services.operations.mailbox import mailbox

    settings = get_settings()
    with mailbox(settings.postvak_dir, port=settings.postvak_poort):
        out().print(f"Postvak luistert op 127.0.0.1:{settings.postvak_poort}; berichten komen in "
                    f"{settings.postvak_dir}. Stop met Ctrl-C.")
        while True:
            time.sleep(3600)


def dienst(
    peildatum: Annotated[str | None, typer.Option(
        "--peildatum", help=f"Laat direct één ronde lopen als van deze datum ({DATUMVORMEN}), zodat de UI "
        "meteen iets toont; wat er loopt: zie --eenmalig.", show_default=False)] = None,
    eenmalig: Annotated[bool, typer.Option("--eenmalig", help=(
        "Eén ronde als van vandaag (of --peildatum), dan stoppen: de rapportage (als die aan de beurt is), "
        "de dagelijkse controle en de uitvraag (wie aan de beurt is), zoals het rooster ze op werkdagen "
        "start; alleen in de demo-datamap (./start.sh) ook een vraag om voortgang aan de eerste regisseur."
    ))] = False,
    poort: Annotated[int | None, typer.Option("--poort", show_default=False, help=(
        "Poort van de Prefect-server en de UI (standaard: instelling REGIE_PREFECT_POORT, 4200)."))] = None,
) -> None:
    """Start de dienst: Prefect-server met UI op 127.0.0.1, antwoordpagina, lokaal postvak en de deployments
    (rapportage 06:45, dagelijkse controle 07:00, uitvragen 07:30 op werkdagen). Stop met Ctrl-C."""
    import contextlib

    from models.clock import today
    from models.settings import get_settings
    from regie.dienst import (
        STOP_SECONDEN,
        DienstFout,
        OnderdeelGestopt,
        PoortBezet,
        Toezicht,
        check_alive,
        check_ports,
        logs_to_file,
        prefect_env,
        running,
        started,
        stop_signals,
        supervise,
        web_lines,
    )
    from regie.dienst_demo import ONLY_WHILE_RUNNING, answer_page_command, demo_cycle, starting, what_remains
    from services.operations.mailbox import mailbox
    from services.outbox.local_mailbox import goes_to_local_mailbox

    # One round is a round of a day: today's by the project clock without --peildatum (not a start and stop).
    datum = parse_date(peildatum, "--peildatum") if peildatum else (today() if eenmalig else None)
    settings = get_settings()
    poort = poort or settings.prefect_poort
    local = goes_to_local_mailbox(settings)  # the SMTP setting names 127.0.0.1:postvak_poort
    try:
        check_ports(prefect=poort, postvak=settings.postvak_poort if local else None,
                    data_dir=settings.data_dir, web=settings.web_poort)
    except PoortBezet as fout:
        raise Stop(str(fout), EXIT_INVOER) from None
    with open_session():
        pass  # migrate first: the runner's flows find the current schema
    from regie.livegang import is_demo, warn_demo_data
    warn_demo_data()  # the demo's sample people in a real data directory (docs/livegang.md)

    logs = settings.data_dir / "logs"
    # Prefect's settings are read when it is first imported (logs_to_file imports it): its API, its
    # login and its home must be in the environment before that, or this process's client talks to
    # no server or without the login (the deployments were then never seen to start).
    os.environ.update(prefect_env(poort))
    logs_to_file(logs)  # Prefect's and the libraries' English lines: to a file, the terminal stays Dutch
    out().print(starting(), markup=False, soft_wrap=True)
    try:
        box = (mailbox(settings.postvak_dir, port=settings.postvak_poort, dag=datum if eenmalig else None)
               if local else contextlib.nullcontext())
        # SIGTERM (systemd, kill), SIGHUP and SIGINT (also inherited as ignored) stop it like Ctrl-C.
        with stop_signals(), box, running(poort, logs) as parts, \
                started(settings.data_dir, prefect=poort, postvak=settings.postvak_poort if local else None):
            try:
                if eenmalig:
                    out().print(ONLY_WHILE_RUNNING)
                out().print(f"Prefect UI: http://127.0.0.1:{poort} (runs, deployments, artefacten)")
                out().print(f"Logboeken van Prefect en de onderdelen (Engelstalig; alleen nodig als er iets "
                            f"misgaat): {logs}", markup=False, soft_wrap=True)
                if local:
                    out().print(f"Lokaal postvak: {settings.postvak_dir} (SMTP op 127.0.0.1:"
                                f"{settings.postvak_poort}; een testpostbus, geen echte mail: zet "
                                "REGIE_SMTP_URL voor echte bezorging, en zie docs/livegang.md)",
                                markup=False, soft_wrap=True)
                for line in web_lines():
                    out().print(line, markup=False, soft_wrap=True)
                if datum is not None:
                    try:
                        look = Toezicht(parts, logs, port=poort, stil=settings.prefect_stil_seconden)
                        for line in demo_cycle(datum, alive=look):
                            out().print(f"  {line}", markup=False)
                    except Exception:
                        check_alive(parts, logs)  # a dead server or runner, rather than its symptom
                        raise
                    if is_demo():  # the demo's last word: where a municipality goes next
                        out().print("Volgende stap, uw eigen gemeente: zie docs/livegang.md.")
                if not eenmalig:
                    out().print("De dienst draait. Stop met Ctrl-C.")
                    from regie.dienst_antwoorden import Antwoorden  # a waiting check-in answered: said

                    supervise(parts, logs, port=poort, stil=settings.prefect_stil_seconden,  # only raises
                              ook=Antwoorden(lambda line: out().print(f"  {line}", markup=False)))
                out().print("Eén ronde gedaan; de dienst stopt.")
            except KeyboardInterrupt:
                # Said at once; the stop keeps to it (regie/dienst_toezicht.py, tested).
                out().print(f"De dienst stopt; lopende runs krijgen tot 15 seconden om af te ronden, "
                            f"alles samen hooguit {STOP_SECONDEN} seconden...")
                raise
            except OnderdeelGestopt as fout:
                err().print(f"{fout} De dienst stopt nu helemaal; lopende runs krijgen tot 15 seconden.")
                raise
    except KeyboardInterrupt:
        out().print("De dienst is gestopt.")
        return
    except OnderdeelGestopt as fout:
        raise Stop(fout.afloop, EXIT_INTERN) from None
    except DienstFout as fout:
        raise Stop(str(fout), EXIT_INTERN) from None
    # Prefect on PostgreSQL: named by the setting (Prefect 3's name or its older alias), never its value.
    external = [k for k in ("PREFECT_SERVER_DATABASE_CONNECTION_URL", "PREFECT_API_DATABASE_CONNECTION_URL")
                if os.environ.get(k)]
    prefect_db = external[0] if external else f"{prefect_env(poort)['PREFECT_HOME']}/prefect.db"
    from services.operations.mailbox import messages

    page = ((settings.web_base_url, answer_page_command(settings))
            if local and messages(settings.postvak_dir) else None)
    for line in what_remains(postvak=settings.postvak_dir if local else None, rapporten=settings.rapport_dir,
                             prefect_db=prefect_db, antwoordpagina=page):
        out().print(line, markup=False, soft_wrap=True)


def diagnose() -> None:
    """Controleer database, schema, register, mail, kanalen en de Prefect-API, en zeg wat te doen."""
    from models.db import absent_database, get_engine
    from models.settings import get_settings
    from services.operations.diagnosis import diagnose as check

    findings = check(engine=None if absent_database() else get_engine(), settings=get_settings())
    table = Table(title="Diagnose", title_justify="left")
    for column in ("Onderdeel", "Status", "Toelichting"):
        table.add_column(column, overflow="fold")
    styles = {"ok": "green", "let op": "yellow", "fout": "red"}
    for f in findings:
        table.add_row(f.onderdeel, Text(f.status, style=styles[f.status]), cell(f.uitleg))
    out().print(table)
    if any(f.status == "fout" for f in findings):
        raise Stop("Er is iets mis; zie de tabel hierboven.", EXIT_INTERN)
