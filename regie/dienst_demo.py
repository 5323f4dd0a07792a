"""The cycle of `regie dienst --eenmalig` (start.sh): one run of each scheduled flow through the served
deployments, as the schedule would start them, so the UI shows runs and artifacts at once; in the
demo's data directory only, also a check-in for its first regisseur (``plan``)."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A run's final state as the summary of `regie dienst --eenmalig` names it (Prefect's own are English).
STAAT = {"COMPLETED": "voltooid", "FAILED": "mislukt", "CRASHED": "vastgelopen", "CANCELLED": "geannuleerd",
         "PAUSED": "wacht op antwoord", "RUNNING": "loopt nog", "SCHEDULED": "gepland", "PENDING": "gepland"}


def _nothing() -> None:
    pass


def _until_final(client: Any, run_id: Any, *, timeout: float, paused_too: bool = False,
                 alive: Callable[[], None] = _nothing) -> Any:
    """The flow run once it has ended (or is paused, with ``paused_too``), looked at every half
    second (Prefect's run_deployment looks every 5 s), or as it is after ``timeout`` seconds.
    ``alive`` raises when a process of the service has ended (no run would end then)."""
    deadline = time.monotonic() + timeout
    while True:
        alive()
        flow_run = client.read_flow_run(run_id)
        state = flow_run.state
        if state is not None and (state.is_final() or (paused_too and state.is_paused())):
            return flow_run
        if time.monotonic() > deadline:
            return flow_run
        time.sleep(0.5)


@dataclass
class Plan:
    """What one cycle starts: the scheduled deployments (in the order the summary reads them) and, in
    the demo's data directory only, a check-in for its first regisseur (``vraag``: person key,
    municipality, person id) or why that regisseur is not asked (``niet_gevraagd``, a summary line)."""

    flows: tuple[str, ...]
    vraag: tuple[str, str, int] | None = None
    niet_gevraagd: str | None = None


def plan(peildatum: dt.date, *, demo: bool) -> Plan:
    """What a cycle as of ``peildatum`` runs. Everywhere: what the schedule runs on a working day (the
    report, the daily check, the check-in round; each does only what is due that day). Only in the
    demo's data directory (``demo``, start.sh's marker) also the first regisseur's check-in, to show a
    waiting form: in a real one that asked a real regisseur outside any schedule (a trial)."""
    from deployments import SCHEDULES
    from domain.werkdagen import Werkdagen
    from models.db import session_scope
    from models.settings import get_settings
    from services.checkins.asking import why_not_ask
    from services.register.municipalities import first_regisseur

    flows = tuple(SCHEDULES)  # voortgangsrapportage, dagelijkse-controle, voortgang-uitvragen
    if not demo:
        return Plan(flows)
    settings = get_settings()
    # Whether the first regisseur is asked: the rule the round follows (services/checkins/asking.py:
    # not on a day off, not while an earlier request waits or within uitvraag_dagen of it). Requests of
    # this round do not count there, so it is the same before the round as after it.
    with session_scope() as session:
        found = first_regisseur(session=session)
        if found is None or found[0].id is None:
            return Plan(flows)
        person, municipality = found
        skipped = why_not_ask(session=session, persoon_id=person.id, peildatum=peildatum,
                              werkdagen=Werkdagen(settings.sluitingsdagen), dagen=settings.uitvraag_dagen)
        if skipped is not None:
            # named as the check-in's run is ("voortgang NAAM, GEMEENTE, …"): a trial read one person two ways
            return Plan(flows, niet_gevraagd=(f"voortgang {person.naam}, {municipality.naam}, "
                                              f"{peildatum.isoformat()}: niet gevraagd: {skipped}"))
        return Plan(flows, vraag=(person.sleutel, municipality.naam, person.id))


def demo_cycle(peildatum: dt.date, timeout: float = 300, alive: Callable[[], None] = _nothing) -> list[str]:
    """One run of each scheduled flow as of ``peildatum``, so the UI shows runs and artifacts at once;
    in the demo's data directory also a check-in for the first regisseur, left waiting (``plan``)."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    from models.db import session_scope
    from regie.livegang import is_demo
    from services.outbox.marks import messages_sent
    from services.reports.report_run import report_states

    # What was there before: a second cycle on the same data sends nothing again (the outbox is
    # once-only) and must say so, not what the first one did.
    with session_scope() as session:
        before = Voor(report_states(session=session), messages_sent(session=session))
    day = {"peildatum": peildatum.isoformat()}
    todo = plan(peildatum, demo=is_demo())
    # The scheduled runs (and the demo's check-in) start together, and the runner runs them side by
    # side, as when their schedules fall on one minute; the check-in after the round took a flow run's
    # start (≈ 5 s) longer. When the round asks that regisseur too, the database asks them once
    # (services/checkins/checkin.py): whichever run comes second says "al gevraagd", and the summary
    # names the request that waits.
    started = [run_deployment(f"{name}/{name}", timeout=0, parameters=day) for name in todo.flows]
    checkin: Any = todo.niet_gevraagd
    if todo.vraag is not None:
        persoon, gemeente, _ = todo.vraag
        checkin = run_deployment("voortgang-per-regisseur/voortgang-per-regisseur", timeout=0,
                                 parameters={"persoon": persoon, "gemeente": gemeente,
                                             "ronde": peildatum.isoformat()})
    with get_client(sync_client=True) as client:
        ended = [_until_final(client, run.id, timeout=timeout, alive=alive) for run in started]
        if checkin is not None and not isinstance(checkin, str):
            checkin = _until_final(client, checkin.id, timeout=120, paused_too=True, alive=alive)
    return summary(peildatum, before, ended, checkin, todo.vraag[2] if todo.vraag else None)


@dataclass
class Voor:
    """The reports and the number of delivered messages before the cycle."""

    rapporten: dict[int, str]
    berichten: int


def _state(run: Any) -> str:
    state = run.state
    return STAAT.get(state.type.value, state.name) if state is not None else "?"


def summary(peildatum: dt.date, before: Voor, ended: list[Any], checkin: Any, person: int | None,
            ) -> list[str]:
    """What this cycle did, run by run (``ended``: the report, the daily check, the round; the
    check-in for ``person``), from the database: what it made and sent, and what was there already."""
    from domain.werkdagen import Werkdagen, bij_de_dag
    from models.db import session_scope
    from models.settings import get_settings
    from services.checkins.checkin import asked_in_round
    from services.outbox.marks import messages_sent
    from services.rendering import dag
    from services.reports.report_run import reports_of_day

    tz = get_settings().tz
    with session_scope() as session:
        made = reports_of_day(session=session, peildatum=peildatum, before=before.rapporten, tz=tz)
        lines = [f"{ended[0].name}: {'; '.join(made) if made else 'geen rapport nodig op deze dag'}"]
        check = ended[1]
        sent = messages_sent(session=session, runs=[str(check.id)])
        word = "bericht" if sent == 1 else "berichten"
        werkdagen = Werkdagen(get_settings().sluitingsdagen)
        if werkdagen.is_werkdag(peildatum) or _state(check) != "voltooid":
            lines.append(f"{check.name}: {_state(check)}, {sent} {word} verstuurd")
        else:  # "voltooid, 0 berichten" would suggest a check that found nothing
            lines.append(f"{check.name}: geen controle, {dag(peildatum)} is geen werkdag"
                         f"{bij_de_dag(werkdagen.waarom_vrij(peildatum))} (de eerstvolgende controle is op "
                         f"{dag(werkdagen.op_of_na(peildatum))})")
        lines += [f"{done.name}: {_state(done)}" for done in ended[2:]]
        if isinstance(checkin, str):  # not asked today, and why
            lines.append(checkin)
        elif checkin is not None:
            asked = asked_in_round(session=session, persoon_id=person, ronde=peildatum) if person else None
            state = checkin.state
            if asked is not None and asked.flow_run_id != str(checkin.id):  # another run asked already
                when = f"{asked.aangemaakt_op.astimezone(tz):%d-%m-%Y %H:%M}"
                shown = {"wachtend": f"wacht nog op antwoord (al gevraagd op {when}; niet opnieuw gevraagd)",
                         "beantwoord": f"al beantwoord (gevraagd op {when})",
                         }.get(asked.status, f"al gevraagd op {when} ({asked.status})")
            elif state is not None and state.is_paused():
                shown = "wacht op antwoord op het formulier"
            else:
                shown = _state(checkin)
            lines.append(f"{checkin.name}: {shown}")
        new = messages_sent(session=session) - before.berichten
    again = " (wat al eerder verstuurd was, gaat niet opnieuw uit)" if new == 0 and before.berichten else ""
    lines.append(f"Nieuwe berichten in deze ronde: {new}{again}")
    return [in_words(line) for line in lines]


_VERGADERING = {"mosd": "MOSD", "poho": "PoHo", "raad": "raad"}
_ISO = re.compile(r"\b(?:(mosd|poho|raad) )?(\d{4}-\d{2}-\d{2})\b")
_DAG_TIJD = re.compile(r"\b(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2})\b")


def in_words(line: str) -> str:
    """A summary line with its dates as the user reads them: a check-in run's name and the meetings
    carry ISO dates ('…, Bronckhorst, 2020-06-18', 'Bronckhorst mosd 2020-06-25'; the scheduled flows'
    runs are named in words, flows/run_names.py) and a moment '18-06-2020 10:04',
    beside 'zaterdag 20 juni 2020' in the same output. Now all as 'donderdag 18 juni 2020' (and
    'om 10:04'); 'MOSD van donderdag 25 juni 2020' for a meeting."""
    from services.rendering import dag

    line = _DAG_TIJD.sub(lambda m: f"{dag(f'{m[3]}-{m[2]}-{m[1]}')} om {m[4]}", line)
    return _ISO.sub(lambda m: (f"{_VERGADERING[m[1]]} van " if m[1] else "") + dag(m[2]), line)


WEB_POORT = 8400  # the answer page's port when REGIE_WEB_POORT is not set (models/settings.py)

# Said before the addresses with --eenmalig: they vanish when the cycle ends.
# Said before anything starts: the Prefect server, the runner and the answer page take one to two minutes
# to come up on a small server, and a silent terminal looked hung (a trial pressed Ctrl-C).
STARTING = ("De dienst start: de Prefect-server, de runner en de antwoordpagina komen op. Dat duurt meestal "
            "een tot twee minuten; daarna volgen hier de adressen.")


def starting() -> str:
    """The first line, and whether the project's clock is moved: with REGIE_VANDAAG every run checks that
    day and the planned runs are named after it (a trial wondered why all carried one day)."""
    from models.settings import get_settings
    from services.rendering import dag

    vandaag = get_settings().vandaag
    return STARTING + (f" Let op: de klok staat op {dag(vandaag)} (REGIE_VANDAAG): elke run werkt alsof het "
                       "die dag is, en de geplande runs dragen die dag in hun naam." if vandaag else "")
ONLY_WHILE_RUNNING = ("Eén ronde (--eenmalig): de UI, de antwoordpagina en de links hieronder werken alleen "
                      "zolang deze ronde loopt; daarna stopt de dienst.")


def answer_page_command(settings: Any) -> str:
    """The command that serves the answer page again for the links in this data directory's mails:
    on the demo's day (their links are signed on it and expire by it) and on the port they name."""
    import shlex

    env = f"REGIE_VANDAAG={settings.vandaag.isoformat()} " if settings.vandaag else ""
    port = f" --poort {settings.web_poort}" if settings.web_poort != WEB_POORT else ""
    return f"{env}REGIE_DATA_DIR={shlex.quote(str(settings.data_dir))} {regie_program()} web{port}"


def regie_program() -> str:
    """The `regie` program by its full path (beside this Python, in the project's .venv/bin): a new
    window has no PATH with .venv/bin in it, and a bare 'regie' there is "command not found"."""
    import shlex
    import sys

    program = Path(sys.executable).parent / "regie"  # not resolved: the venv's bin, not the system's
    return shlex.quote(str(program)) if program.is_file() else "regie"


def mailbox_lines(postvak: Path, antwoordpagina: tuple[str, str] | None = None, *,
                  weer: bool = True) -> list[str]:
    """How to open the messages in the local mailbox (after `regie dienst --eenmalig` and `regie
    controle`), and with ``antwoordpagina`` (the page's address, the command that serves it) that their
    links need that page running (``weer``: it ran, and stopped)."""
    lines = [f"de verstuurde berichten (.eml-bestanden, te openen in een mailprogramma): {postvak}"]
    if antwoordpagina is not None:
        address, command = antwoordpagina
        lines.append(f"de links in die berichten (naar de pagina \"Mijn activiteiten\") werken pas "
                     f"{'weer ' if weer else ''}als de antwoordpagina op {address} draait; start die "
                     f"alleen, in een ander venster, met: {command} (stop met Ctrl-C)")
    return lines


def how_to_open(settings: Any, *, page_runs: bool) -> None:
    """After `regie controle` sent to the local mailbox: how to open the messages (``mailbox_lines``, as
    `regie dienst --eenmalig` says it when it stops); without a running service (the command started the
    mailbox itself) also that their links need the answer page, and how to start it."""
    from regie.common import out
    from services.operations.mailbox import messages

    if not messages(settings.postvak_dir):
        return
    page = None if page_runs else (settings.web_base_url, answer_page_command(settings))
    for line in mailbox_lines(settings.postvak_dir, page, weer=False):
        out().print(line[:1].upper() + line[1:], markup=False, soft_wrap=True)  # no dot after a path


def what_remains(*, postvak: Path | None, rapporten: Path, prefect_db: str,
                 antwoordpagina: tuple[str, str] | None = None) -> list[str]:
    """Said after --eenmalig has stopped: what can still be opened, and how to see the rest again.
    ``antwoordpagina`` (the page's address, the command that serves it) when the local mailbox holds
    messages: their links lead to a page that no longer runs, and a user clicking one saw only an
    error of the browser. Never in a message itself: real mail to real people carries no such note."""
    lines = ["De dienst is gestopt: de UI en de antwoordpagina zijn niet meer bereikbaar. Wat blijft:"]
    if postvak is not None:
        lines += [f"  {line}" for line in mailbox_lines(postvak, antwoordpagina)]
    else:
        lines.append("  de verstuurde berichten: bij de SMTP-server van REGIE_SMTP_URL")
    if rapporten.is_dir() and any(rapporten.iterdir()):  # a folder named only when there is something in it
        lines.append(f"  de rapporten (HTML en PDF): {rapporten}")
    lines += [f"  de runs en artefacten, in Prefects database ({prefect_db})",
              "Om ze weer in de UI en op de antwoordpagina te zien: start de dienst zonder --eenmalig "
              "('./start.sh' of 'regie dienst'); die draait tot Ctrl-C."]
    return lines
