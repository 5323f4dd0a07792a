"""`regie dienst`: the service on one machine. A Prefect server with the UI on 127.0.0.1, the
local mailbox, and the deployments served by a runner process; optionally one demo cycle."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.settings import get_settings
from regie.dienst_toezicht import (  # noqa: F401  (the supervision's names, as the CLI and tests use them)
    PARTS,
    STOP_SECONDEN,
    DienstFout,
    OnderdeelGestopt,
    Toezicht,
    _children,
    check_alive,
    healthy,
    stop_all,
    stop_signals,
    supervise,
)
from services.operations.children import parent_death_signal


class PoortBezet(DienstFout):
    """A port the service needs is taken; the user fixes it with a setting (exit code 2)."""


def _free_near(port: int) -> int | None:
    from services.operations.service_state import port_free

    return next((p for p in range(port + 1, min(port + 100, 65536)) if port_free(p)), None)


def check_ports(*, prefect: int, postvak: int | None, data_dir: Path, web: int | None = None) -> None:
    """Refuse to start when a port is taken: silently using whoever listens there sent mail to
    another user's mailbox. The user chooses the port, so links and mail addresses stay stable."""
    from regie.dienst_voorstart import adopt
    from services.operations.service_state import port_free, read_state, service_alive

    early = adopt(prefect)  # the parts ./start.sh started hold their ports: they are ours
    ours = {port for part, port in (("server", prefect), ("web", web)) if part in early}
    staat = read_state(data_dir)
    if staat is not None and service_alive(staat.pid):
        from services.rendering import tijdstip

        since = tijdstip(staat.gestart, get_settings().tz)  # as `regie diagnose` shows it
        raise PoortBezet(f"De dienst draait al voor deze datamap (pid {staat.pid}, gestart "
                         f"{since}; UI op http://127.0.0.1:{staat.prefect_poort}). "
                         "Stop die eerst (Ctrl-C in zijn venster), of gebruik een andere REGIE_DATA_DIR.")
    taken = [p for p in (prefect, postvak, web) if p is not None]
    if len(set(taken)) < len(taken):
        raise PoortBezet("De Prefect-server, het lokale postvak en de antwoordpagina hebben elk een eigen "
                         f"poort nodig (nu: {', '.join(map(str, taken))}). Kies ze met REGIE_PREFECT_POORT "
                         "of --poort, REGIE_POSTVAK_POORT en REGIE_WEB_POORT.")
    wanted = [(prefect, "de Prefect-server en de UI", "de optie --poort of de instelling REGIE_PREFECT_POORT",
               "REGIE_PREFECT_POORT={p}")]
    if postvak is not None:
        # Without REGIE_SMTP_URL the mail follows REGIE_POSTVAK_POORT (models/settings.py).
        both = " en REGIE_SMTP_URL=smtp://127.0.0.1:{p}" if os.environ.get("REGIE_SMTP_URL") else ""
        wanted.append((postvak, "het lokale postvak (SMTP)", "de instelling REGIE_POSTVAK_POORT",
                       "REGIE_POSTVAK_POORT={p}" + both))
    if web is not None:
        wanted.append((web, "de antwoordpagina voor regisseurs", "de instelling REGIE_WEB_POORT",
                       "REGIE_WEB_POORT={p}"))
    for port, what, setting, example in wanted:
        if port in ours or port_free(port):
            continue
        free = _free_near(port)
        hint = f" Bijvoorbeeld: {example.format(p=free)} (poort {free} is nu vrij)." if free else ""
        if port == web:
            _own_page(port, data_dir, setting, hint)
        raise PoortBezet(f"Poort {port} op 127.0.0.1 voor {what} is al in gebruik door een ander programma. "
                         "De dienst start niet, want dan zou hij dat programma gebruiken. Stop dat "
                         f"programma, of kies een andere poort met {setting}.{hint}")


def _own_page(port: int, data_dir: Path, setting: str, hint: str) -> None:
    """Refuse, naming it, when the port is held by our own answer page (`regie web`, or a service of
    another data directory): not "another program", which the user did not recognise as theirs."""
    from services.operations.own_page import ZELFDE, page_on_port

    whose = page_on_port(port, data_dir)
    if whose is None:
        return
    which = "voor deze datamap" if whose == ZELFDE else "voor een andere datamap"
    raise PoortBezet(f"Poort {port} op 127.0.0.1 is in gebruik door de antwoordpagina van programmaregie "
                     f"{which} (regie web of regie dienst). De dienst start niet naast die pagina. Stop die "
                     "eerst met Ctrl-C in het venster waarin hij draait (de dienst start dan zijn eigen "
                     f"antwoordpagina), of kies een andere poort met {setting}.{hint}")


def prefect_env(port: int) -> dict[str, str]:
    """The environment for the server, the runner and this process: everything on 127.0.0.1,
    Prefect's database under the data directory, no calls out of the machine."""
    settings = get_settings()
    env = {
        "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(settings.data_dir / "prefect")),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        # --poort for the runner's flows too: without REGIE_UI_URL their links follow it (models/settings.py)
        "REGIE_PREFECT_POORT": str(port),
        # The runner asks the server for due runs every 2 s instead of Prefect's 10: a run started
        # by hand, by the check-in round or by an answer that resumes a check-in starts within 2 s
        # (the demo cycle's five runs took 45 s, most of it waiting for the next poll).
        "PREFECT_RUNNER_POLL_FREQUENCY": os.environ.get("PREFECT_RUNNER_POLL_FREQUENCY", "2"),
    }
    # Behind the municipality's proxy (REGIE_UI_URL=https://regie-ui.gemeente.nl): the UI in the coordinator's
    # browser calls the API there, not on 127.0.0.1, which is the coordinator's own PC (docs/livegang.md).
    if (ui := os.environ.get("REGIE_UI_URL", "")) and not os.environ.get("PREFECT_UI_API_URL"):
        from services.operations.golive import on_this_machine  # here: 1 s of imports (dienst_voorstart)
        if not on_this_machine(ui):
            env["PREFECT_UI_API_URL"] = ui.strip().rstrip("/") + "/api"
    # Basic auth: the server checks PREFECT_SERVER_API_AUTH_STRING; this process and the runner
    # present it as PREFECT_API_AUTH_STRING. Taken from the environment, never printed.
    if os.environ.get("PREFECT_SERVER_API_AUTH_STRING") and not os.environ.get("PREFECT_API_AUTH_STRING"):
        env["PREFECT_API_AUTH_STRING"] = os.environ["PREFECT_SERVER_API_AUTH_STRING"]
    return env


OWN = ("regie", "services", "web", "models", "domain", "tasks", "flows", "deployments")  # our loggers
LOGBOEK = "dienst.log"  # the service's own process; the server's and runner's have their own files


def logs_to_file(log_dir: Path) -> Path:
    """Log records of this process go to ``log_dir/dienst.log``, not to the terminal: Prefect's
    console handler (on the root logger, where every library's records end up) printed English
    lines of Prefect's client, the local mailbox (aiosmtpd) and the web server among the service's
    Dutch output. Our own warnings and errors (loggers under ``OWN``, in Dutch) still reach the
    terminal too; Python's warnings go to the file. The server and the runner write their own
    files in the same folder (``running``). Returns the file's path."""
    import logging

    import prefect  # noqa: F401  (Prefect sets up its logging on import: replaced here, after it)

    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOGBOEK
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s | %(levelname)-7s | %(name)s - %(message)s"))
    ours = logging.StreamHandler(sys.stderr)
    ours.setLevel(logging.WARNING)
    ours.addFilter(lambda record: record.name.split(".")[0] in OWN)
    ours.setFormatter(logging.Formatter("%(message)s"))
    loggers = [logging.getLogger(), *(found for found in logging.Logger.manager.loggerDict.values()
                                      if isinstance(found, logging.Logger))]
    for logger in loggers:
        terminal = [h for h in logger.handlers if isinstance(h, logging.StreamHandler)
                    and not isinstance(h, logging.FileHandler)]
        for handler in terminal:
            logger.removeHandler(handler)
        if terminal and logger is not loggers[0]:  # a logger that does not propagate (uvicorn's)
            logger.addHandler(to_file)
    loggers[0].addHandler(to_file)
    loggers[0].addHandler(ours)
    logging.captureWarnings(True)
    return path


@contextlib.contextmanager
def running(port: int, log_dir: Path) -> Iterator[dict[str, Any]]:
    """A Prefect server of its own on the port (``check_ports`` made sure it is free) and the
    served deployments. Each process in a process group of its own: a Ctrl-C or a signal to the
    service's group reaches only the service, which stops them in order (``stop_all``). Signalled
    all at once, the server stopped under the runner, whose graceful stop then waited for its API
    until it was killed (23 s), and parts that ended by that signal were reported as died."""
    env = {**os.environ, **prefect_env(port)}
    os.environ.update(prefect_env(port))
    log_dir.mkdir(parents=True, exist_ok=True)
    server = runner = web = None
    hung = False
    try:
        # The runner starts beside the server: it imports the flows while the server starts, and
        # waits for the API before it serves (deployments.serve); the answer page's workers import the
        # web app meanwhile. Each may have been started already by ./start.sh (regie/dienst_voorstart.py).
        server = _part("server", port, env, log_dir)
        runner = _part("runner", port, env, log_dir)
        web = _start_web(log_dir)
        deadline = time.monotonic() + 120
        while not healthy(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise DienstFout(f"De Prefect-server start niet op 127.0.0.1:{port}. Zie "
                                 f"{log_dir / 'prefect-server.log'}.")
            time.sleep(0.25)
        _wait_for_deployments(runner, log_dir)
        _web_ready(web)
        try:
            yield {"server": server, "runner": runner, "web": web}
        except OnderdeelGestopt as fout:
            hung = fout.hangt
            raise
    finally:
        answers = server is not None and server.poll() is None and not hung and healthy(port, timeout=2)
        stop_all(server, runner, None if web is None else lambda: web.__exit__(None, None, None),
                 server_answers=answers, hung=hung)


@contextlib.contextmanager
def started(data_dir: Path, *, prefect: int, postvak: int | None) -> Iterator[None]:
    """The state file while the service runs (for `regie diagnose`); removed on a clean stop,
    left behind by a crash, where diagnose recognises it as stale."""
    from models.clock import real_utcnow
    from services.operations.service_state import DienstStaat, remove_state, write_state

    pid = os.getpid()
    # The real moment, not the one clock's: with REGIE_VANDAAG (the demo's day) that said the
    # service had started years ago.
    write_state(data_dir, DienstStaat(pid=pid, prefect_poort=prefect, postvak_poort=postvak,
                                      gestart_op=real_utcnow().isoformat(timespec="seconds")))
    try:
        yield
    finally:
        remove_state(data_dir, pid)


def _part(part: str, port: int, env: dict[str, str], log_dir: Path) -> subprocess.Popen[bytes]:
    """The server or the runner: the one ./start.sh started, or a new one."""
    from regie.dienst_voorstart import LOGS, claim, commands

    if (early := claim(part)) is not None:
        return early
    command, cwd = commands(port)[part]
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, cwd=cwd, process_group=0,
                            stdout=(log_dir / LOGS[part]).open("ab"), stderr=subprocess.STDOUT,
                            preexec_fn=parent_death_signal())


def _start_web(log_dir: Path) -> Any:
    """The answer page ("Mijn activiteiten") on 127.0.0.1: its worker processes (those ./start.sh
    started, or new ones), or a thread of this process, started; ``_web_ready`` waits until it answers."""
    from regie.dienst_voorstart import claim
    from web.server import Background, Processes

    settings = get_settings()
    if settings.web_processen > 1:
        web = Processes(settings.web_poort, settings.web_processen, log_dir / "antwoordpagina.log")
        web.child = claim("web")
        return web if web.child is not None else web.begin()
    return Background(settings.web_poort).begin()


def _web_ready(web: Any) -> None:
    with contextlib.suppress(OSError):
        web.ready()
        return
    raise DienstFout(f"De antwoordpagina start niet op 127.0.0.1:{get_settings().web_poort}; is de poort "
                     "bezet? Kies een andere met REGIE_WEB_POORT.")


def web_lines() -> list[str]:
    """Where the answer page is, and, for the demo only, the first regisseur's personal link (to try it
    at once). Outside the demo a real regisseur's 30-day link went to the terminal, and under systemd
    to the system log, at every start (docs/security.md): `regie link PERSOON` gives it on request."""
    from domain.register.tekstcontrole import met_haakjes
    from models.db import session_scope
    from services.register.demo_data import is_demo_dir
    from services.register.municipalities import first_regisseur
    from web.links import personal_link

    settings = get_settings()
    lines = [f"Antwoordpagina voor regisseurs: {settings.web_base_url} "
             "(een link per persoon: regie link PERSOON)"]
    if not is_demo_dir(settings.data_dir):
        return lines
    with session_scope() as session:
        found = first_regisseur(session=session)
    if found is not None and found[0].id is not None:
        first = found[0]
        who = met_haakjes(first.naam, first.sleutel)
        lines.append(f"Persoonlijke link van {who}: {personal_link(first.id)}")
    return lines


def _wait_for_deployments(runner: subprocess.Popen[bytes], log_dir: Path) -> None:
    from prefect.client.orchestration import get_client

    from deployments import ENTRYPOINTS

    deadline = time.monotonic() + 120
    missing = set(ENTRYPOINTS)
    with get_client(sync_client=True) as client:
        while True:
            for name in sorted(missing):
                with contextlib.suppress(Exception):
                    client.read_deployment_by_name(f"{name}/{name}")  # each is named after its flow
                    missing.discard(name)
            if not missing:
                return
            if runner.poll() is not None or time.monotonic() > deadline:
                raise DienstFout(f"De deployments zijn niet gestart. Zie {log_dir / 'runner.log'}.")
            time.sleep(0.5)
