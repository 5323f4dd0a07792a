"""`regie diagnose`: what works and what does not, each with what to do about it (Dutch)."""

from __future__ import annotations

import json
import os
import socket
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from models.db import current_revision, head_revision
from models.settings import Settings
from models.tables import Activity, Municipality, Person
from services.channels import channel_problem, shown_channel
from services.delivery import hide_secrets
from services.service_state import FILE, DienstStaat, port_answers, read_state, service_alive


@dataclass
class Bevinding:
    """One check: ok, a warning, or an error, and what to do."""

    onderdeel: str
    status: str        # ok | let op | fout
    uitleg: str


def diagnose(*, engine: Engine, settings: Settings) -> list[Bevinding]:
    """Check the database, migrations, register, mail, channels and the Prefect API."""
    service, staat = _service(settings)
    found: list[Bevinding] = [service]
    try:
        revision = current_revision(engine)
    except Exception as exc:
        why = f"niet bereikbaar ({type(exc).__name__}); controleer REGIE_DATABASE_URL en of de server draait"
        return [*found, Bevinding("database", "fout", hide_secrets(why, settings))]
    head = head_revision()
    found.append(Bevinding("database", "ok", f"bereikbaar ({engine.dialect.name})"))
    found.append(Bevinding("schema", "ok" if revision == head else "fout",
                           f"versie {revision}" if revision == head else
                           f"versie {revision}, nieuwste is {head}: voer 'regie migreer' uit"))
    if revision != head:
        return found
    with Session(engine) as session:
        gemeenten = session.scalar(select(func.count()).select_from(Municipality)) or 0
        activiteiten = session.scalar(select(func.count()).select_from(Activity)
                                      .where(Activity.gearchiveerd_op.is_(None))) or 0  # type: ignore[union-attr]
        people = session.exec(select(Person).where(Person.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
    found.append(Bevinding("register", "ok" if gemeenten else "let op",
                           f"{gemeenten} gemeente(n), {activiteiten} activiteiten" if gemeenten else
                           "nog leeg: laad een register met 'regie laad MAP'"))
    found.append(_smtp(settings))
    without = [p.sleutel for p in people if not p.kanalen]
    # The same check as `regie laad`, for data loaded before it existed; scheme and host only.
    invalid = [f"{p.sleutel}: {shown_channel(c)}" for p in people for c in p.kanalen if channel_problem(c)]
    if invalid:
        found.append(Bevinding("kanalen", "fout", "ongeldige Apprise-URL's: " + "; ".join(invalid[:10])))
    found.append(Bevinding("kanalen", "let op" if without else "ok",
                           f"zonder kanaal (krijgen niets): {', '.join(without[:10])}" if without else
                           f"{len(people)} personen hebben een kanaal"))
    found.append(_prefect(staat))
    return found


def _service(settings: Settings) -> tuple[Bevinding, DienstStaat | None]:
    """The service of this data directory, from its state file, checked: process and ports."""
    staat = read_state(settings.data_dir)
    if staat is None:
        return Bevinding("dienst", "let op", f"draait niet voor deze datamap ({settings.data_dir}); "
                         "start met 'regie dienst'"), None
    since = f"gestart {staat.gestart.astimezone(settings.tz):%d-%m-%Y %H:%M}"
    ports = [(staat.prefect_poort, "Prefect-UI")]
    if staat.postvak_poort is not None:
        ports.append((staat.postvak_poort, "lokaal postvak"))
    if not service_alive(staat.pid):
        left = [f"{what} op poort {port}" for port, what in ports if port_answers(port)]
        rest = (f"; er antwoordt nog iets op {', '.join(left)}: stop dat achtergebleven proces eerst"
                if left else "")
        return Bevinding("dienst", "let op", f"niet netjes gestopt: proces {staat.pid} ({since}) bestaat "
                         f"niet meer{rest}. Start opnieuw met 'regie dienst' (die vervangt {FILE})"), None
    silent = [f"{what} (poort {port})" for port, what in ports if not port_answers(port)]
    if silent:
        return Bevinding("dienst", "fout", f"proces {staat.pid} draait ({since}), maar {', '.join(silent)} "
                         f"antwoordt niet; zie de logboeken in {settings.data_dir / 'logs'}"), staat
    where = ", ".join(f"{what} op 127.0.0.1:{port}" for port, what in ports)
    return Bevinding("dienst", "ok", f"draait (proces {staat.pid}, {since}): {where}"), staat


def _smtp(settings: Settings) -> Bevinding:
    url = urlsplit(settings.smtp_url.get_secret_value())
    host, port = url.hostname or "127.0.0.1", url.port or (465 if url.scheme in ("smtps", "mailtos") else 25)
    with socket.socket() as probe:
        probe.settimeout(3)
        reachable = probe.connect_ex((host, port)) == 0
    local = host in ("127.0.0.1", "localhost") and port == settings.postvak_poort
    if reachable:
        return Bevinding("mail", "ok", f"SMTP-server {host}:{port} bereikbaar")
    if local:
        hint = "'regie controle' en 'regie dienst' starten het zelf (of 'regie postvak')"
        return Bevinding("mail", "let op", f"het lokale postvak ({host}:{port}) draait nu niet; {hint}")
    return Bevinding("mail", "fout", f"SMTP-server {host}:{port} niet bereikbaar: controleer REGIE_SMTP_URL")


def _prefect(staat: DienstStaat | None) -> Bevinding:
    api = os.environ.get("PREFECT_API_URL") or (
        f"http://127.0.0.1:{staat.prefect_poort}/api" if staat is not None else None)
    if not api:
        return Bevinding("prefect", "let op", "geen PREFECT_API_URL: 'regie controle' start een tijdelijke "
                                              "server; voor de UI en de schema's: 'regie dienst'")
    try:
        with urllib.request.urlopen(api.rstrip("/") + "/health", timeout=5) as response:
            healthy = bool(json.loads(response.read() or b"false"))
    except (OSError, ValueError):
        healthy = False
    return Bevinding("prefect", "ok" if healthy else "fout",
                     f"API {api} antwoordt" if healthy else f"API {api} antwoordt niet: start 'regie dienst'")
