"""`regie diagnose`: what works and what does not, each with what to do about it (Dutch)."""

from __future__ import annotations

import base64
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from domain.register.herkomst import plaats
from domain.register.tekstcontrole import aantal
from domain.rules.problemen import beschrijving
from models.db import absent_database, current_revision, head_revision, missing_database
from models.settings import Settings
from models.tables import Activity, Milestone, Municipality, Person
from services.operations.golive import golive_findings, unanswered
from services.operations.service_state import FILE, DienstStaat, port_answers, read_state, service_alive
from services.operations.undelivered import undelivered
from services.os_reasons import os_reden, verbinding_reden
from services.outbox.delivery import hide_secrets
from services.outbox.local_mailbox import (
    goes_to_local_mailbox,
    greeting,
    is_own,
    local_mailbox_note,
    wrong_mailbox,
)
from services.register.channels import channel_problem
from services.register.demo_data import demo_warning
from services.rendering import tijdstip
from services.secrets import UrlFout, masked_channel, resolve_channel, smtp_parts


@dataclass
class Bevinding:
    """One check: ok, a warning, or an error, and what to do."""

    onderdeel: str
    status: str        # ok | let op | fout
    uitleg: str


def diagnose(*, engine: Engine | None, settings: Settings) -> list[Bevinding]:
    """Check the database, migrations, register, mail, channels and the Prefect API. ``engine`` None:
    no database yet (absent_database says why; nothing is made for the check)."""
    service, staat = _service(settings)
    found: list[Bevinding] = [service]
    if engine is None or absent_database():  # "bereikbaar" and "versie None" for a typo in REGIE_DATA_DIR
        return [*found, Bevinding("database", "fout", f"{absent_database() or 'geen database'}: er is nog "
                                  "niets geladen; begin met 'regie laad MAP' (dat maakt wat ontbreekt)")]
    try:
        revision = current_revision(engine)
    except Exception as exc:
        why = missing_database(exc) or (f"niet bereikbaar ({verbinding_reden(exc)}); controleer "
                                        "REGIE_DATABASE_URL en of de server draait")
        return [*found, Bevinding("database", "fout", hide_secrets(why, settings))]
    head = head_revision()
    found.append(Bevinding("database", "ok", f"bereikbaar ({engine.dialect.name})"))
    leftover = settings.data_dir / "regie.db"  # made before REGIE_DATABASE_URL was set (docs/livegang.md)
    if settings.database_url and leftover.is_file() and str(leftover) not in settings.resolved_database_url():
        found.append(Bevinding("database", "let op", f"{leftover} wordt niet gebruikt (REGIE_DATABASE_URL "
                               "wijst naar een andere database); gooi het weg of bewaar het elders"))
    behind = (f"versie {revision}, nieuwste is {head}: voer 'regie migreer' uit" if revision else
              "de database is leeg (nog geen tabellen): laad een register met 'regie laad MAP'")
    found.append(Bevinding("schema", "ok" if revision == head else "fout",
                           f"versie {revision}" if revision == head else behind))
    if revision != head:
        return found
    with Session(engine) as session:
        gemeenten = session.scalar(select(func.count()).select_from(Municipality)) or 0
        activiteiten = session.scalar(select(func.count()).select_from(Activity)
                                      .where(Activity.gearchiveerd_op.is_(None))) or 0  # type: ignore[union-attr]
        people = session.exec(select(Person).where(Person.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
        names = dict(session.exec(select(Municipality.id, Municipality.naam)).all())
    found.append(Bevinding("register", "ok" if gemeenten else "let op",
                           f"{aantal(gemeenten, 'gemeente', 'gemeenten')}, "
                           f"{aantal(activiteiten, 'activiteit', 'activiteiten')}" if gemeenten else
                           "nog leeg: laad een register met 'regie laad MAP'"))
    found.extend(_demo_data(engine, settings))
    found.append(_smtp(settings))
    found.extend(Bevinding(part, "let op", uitleg) for part, uitleg in golive_findings(settings))
    without = [p.sleutel for p in people if not p.kanalen]
    invalid = _channel_problems(people)
    if invalid:
        found.append(Bevinding("kanalen", "fout", "; ".join(invalid[:10])))
    tried, unreachable = _reachable(people, settings)
    if unreachable:
        found.append(Bevinding("kanalen", "fout", f"{len(unreachable)} niet bereikbaar (verbinding "
                               "geprobeerd, geen bericht verstuurd): " + "; ".join(unreachable[:10])))
    checked = f"; {tried} {'adres' if tried == 1 else 'adressen'} van kanalen geprobeerd" if tried else ""
    if people:  # an empty register has no channels to judge: its own line says to load one
        have = aantal(len(people), "persoon heeft", "personen hebben")
        found.append(Bevinding("kanalen", "let op" if without else "ok",
                               f"zonder kanaal (krijgen niets): {', '.join(without[:10])}" if without else
                               f"{have} een kanaal{checked}"))
    found.extend(Bevinding(part, "let op", uitleg) for part, uitleg in unanswered(people, names, settings))
    found.extend(Bevinding("bezorging", "let op", uitleg) for uitleg in undelivered(engine, settings))
    found.append(_prefect(staat))
    found.extend(_stored_values(engine))
    return found


def _demo_data(engine: Engine, settings: Settings) -> list[Bevinding]:
    """The demo's sample people (addresses at example.org) in a data directory that is not the demo's."""
    with Session(engine) as session:
        warning = demo_warning(session=session, data_dir=settings.data_dir)
    return [Bevinding("register", "let op", warning[0].upper() + warning[1:])] if warning else []


def _service(settings: Settings) -> tuple[Bevinding, DienstStaat | None]:
    """The service of this data directory, from its state file, checked: process and ports."""
    staat = read_state(settings.data_dir)
    if staat is None:  # not started on a folder that does not exist (a typo: the database row says it)
        start = "start met 'regie dienst'" if settings.data_dir.is_dir() else "die map bestaat niet"
        return Bevinding("dienst", "let op", f"draait niet voor deze datamap ({settings.data_dir}); {start}"
                         ), None
    since = f"gestart {tijdstip(staat.gestart, settings.tz)}"
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


def _channel_problems(people: list[Person]) -> list[str]:
    """Each channel that could not be used when sending, named masked (no token on screen)."""
    problems = []
    for person in people:
        for listed in person.kanalen:
            try:
                channel = resolve_channel(listed)
            except UrlFout as fout:
                problems.append(f"{person.sleutel}: {fout}")
                continue
            problem = channel_problem(channel)  # the same check as `regie laad`
            if problem:
                problems.append(f"{person.sleutel}: '{masked_channel(listed)}' {problem}")
    return problems


def _reachable(people: list[Person], settings: Settings) -> tuple[int, list[str]]:
    """Each non-mail channel's endpoint tried with a TCP connection (no message sent)."""
    from services.operations.reachability import unreachable

    try:
        return unreachable(people, settings)
    except Exception as exc:  # e.g. an unreadable Apprise config: told, the other checks go on
        why = os_reden(exc) if isinstance(exc, OSError) else f"{exc}"[:200]
        return 0, [hide_secrets(f"kanalen niet te controleren ({why})", settings)]


def _smtp(settings: Settings) -> Bevinding:
    """A real SMTP conversation with the configured security and login, ended before any mail."""
    try:
        parts = smtp_parts(settings.smtp_url.get_secret_value())
    except UrlFout as fout:
        return Bevinding("mail", "fout", str(fout))
    implicit_tls = parts.secure and parts.port in (None, 465)
    port = parts.port or (465 if implicit_tls else 25)
    where = f"SMTP-server {parts.host}:{port}"
    if goes_to_local_mailbox(settings) and not implicit_tls:
        mailbox = _local_mailbox(settings)
        if mailbox is not None:
            return mailbox
    try:
        client: smtplib.SMTP = (
            smtplib.SMTP_SSL(parts.host, port, timeout=5, context=ssl.create_default_context())
            if implicit_tls else smtplib.SMTP(parts.host, port, timeout=5))
    except (OSError, smtplib.SMTPException) as exc:
        return Bevinding("mail", "fout", f"{where} niet bereikbaar ({_reason(exc, settings)}): controleer "
                                         "REGIE_SMTP_URL")
    try:
        with client:
            client.ehlo()
            if not implicit_tls and (parts.secure or parts.username):
                if not client.has_extn("starttls"):
                    return Bevinding("mail", "fout", (
                        f"{where} biedt geen STARTTLS, terwijl er een wachtwoord of smtps:// is ingesteld: "
                        "het wachtwoord zou onversleuteld gaan en elke bezorging mislukt. Gebruik de juiste "
                        "poort (587 of 465) of een andere server."))
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if parts.username:
                client.login(parts.username, parts.password or "")
    except smtplib.SMTPAuthenticationError:
        return Bevinding("mail", "fout", f"{where} weigert de login uit REGIE_SMTP_URL: controleer gebruiker "
                                         "en wachtwoord")
    except ssl.SSLCertVerificationError as exc:  # the URL is not the problem, unless it names another host
        if exc.verify_code == 62:  # X509_V_ERR_HOSTNAME_MISMATCH
            return Bevinding("mail", "fout", f"{where}: het certificaat van de server noemt een andere naam "
                             f"dan {parts.host}: schrijf in REGIE_SMTP_URL de servernaam uit het certificaat")
        return Bevinding("mail", "fout", (
            f"{where}: {_reason(exc, settings)}. Is het certificaat van een eigen "
            "(interne) CA van de gemeente, laat deze computer die CA dan vertrouwen, bijvoorbeeld met "
            "SSL_CERT_FILE: zie 'Een eigen (interne) CA voor de mailserver' in docs/livegang.md, stap 4"))
    except (OSError, smtplib.SMTPException) as exc:
        return Bevinding("mail", "fout", f"{where}: {_reason(exc, settings)}; controleer REGIE_SMTP_URL")
    login = " en de login werkt" if parts.username else ""
    return Bevinding("mail", "ok", f"{where} antwoordt{login} (geen bericht verstuurd)")


def _local_mailbox(settings: Settings) -> Bevinding | None:
    """The local mailbox's address: whose mailbox answers there, and that it is no real mail. None:
    a server that is no programmaregie mailbox, which REGIE_SMTP_URL names on purpose (checked as any)."""
    where = f"127.0.0.1:{settings.postvak_poort}"
    try:
        banner = greeting(settings)
    except (OSError, smtplib.SMTPException):
        return None  # told by the ordinary check below, with its reason
    if banner is None:
        hint = "'regie controle' en 'regie dienst' starten het zelf (of 'regie postvak')"
        return Bevinding("mail", "let op", f"het lokale postvak ({where}) draait nu niet; {hint}. Berichten "
                                           f"komen dan {local_mailbox_note(settings)}")
    refused = wrong_mailbox(banner, settings)
    if refused:
        return Bevinding("mail", "fout", refused[0].upper() + refused[1:])
    if is_own(banner, settings):
        return Bevinding("mail", "let op", f"het lokale postvak van deze datamap antwoordt op {where}: "
                                           f"berichten komen {local_mailbox_note(settings)}")
    return None


def _reason(exc: BaseException, settings: Settings) -> str:
    return hide_secrets(os_reden(exc), settings)


def _prefect(staat: DienstStaat | None = None) -> Bevinding:
    """Not only /health (open without a login): a call that needs the login, as the flows make.
    Without PREFECT_API_URL, the running service of this data directory is asked."""
    api = os.environ.get("PREFECT_API_URL") or (
        f"http://127.0.0.1:{staat.prefect_poort}/api" if staat is not None else None)
    if not api:
        return Bevinding("prefect", "let op", "geen PREFECT_API_URL: 'regie controle' start een tijdelijke "
                                              "server; voor de UI en de schema's: 'regie dienst'")
    headers = {"Content-Type": "application/json"}
    auth = os.environ.get("PREFECT_API_AUTH_STRING")
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
    elif os.environ.get("PREFECT_API_KEY"):
        headers["Authorization"] = "Bearer " + os.environ["PREFECT_API_KEY"]
    request = urllib.request.Request(api.rstrip("/") + "/flows/filter", data=b'{"limit": 1}', method="POST",
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            json.loads(response.read() or b"[]")
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            why = ("de login in PREFECT_API_AUTH_STRING klopt niet" if auth else
                   "de API vraagt een login: zet PREFECT_API_AUTH_STRING (gebruiker:wachtwoord)")
            return Bevinding("prefect", "fout", f"API {api}: {why}")
        return Bevinding("prefect", "fout", f"API {api} antwoordt met fout {exc.code}")
    except (OSError, ValueError):
        return Bevinding("prefect", "fout", f"API {api} antwoordt niet: start 'regie dienst'")
    return Bevinding("prefect", "ok", f"API {api} antwoordt{' met de login' if auth else ''}")


def _stored_values(engine: Engine) -> list[Bevinding]:
    """Values in the database that the rules would skip (put there without 'regie laad')."""
    from domain.register.herhaling import OngeldigeHerhaling, check

    problems = []
    with Session(engine) as session:
        rows = session.execute(
            select(Municipality.naam, Activity.sleutel, Milestone.sleutel, Milestone.herhaling,
                   Milestone.vroegst, Milestone.uiterlijk, Milestone.herkomst_bestand,
                   Milestone.herkomst_regel)
            .join(Activity, Activity.id == Milestone.activiteit_id)
            .join(Municipality, Municipality.id == Activity.gemeente_id)
            .where(Milestone.herhaling.is_not(None), Milestone.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
                   Activity.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
    for gemeente, activiteit, mijlpaal, herhaling, vroegst, uiterlijk, bestand, regel in rows:
        try:
            check(herhaling, vroegst or uiterlijk)
        except OngeldigeHerhaling as fout:
            problems.append(beschrijving(f"{gemeente} › {activiteit}/{mijlpaal}", "herhaling", str(fout),
                                         bron=plaats(bestand, regel)))
    if not problems:
        return []
    wat = "mijlpaal wordt" if len(problems) == 1 else "mijlpalen worden"
    return [Bevinding("register", "fout", f"{len(problems)} {wat} overgeslagen (de rest loopt door); "
                      "verbeter het register en laad opnieuw: " + " | ".join(problems[:5]))]
