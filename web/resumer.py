"""Handing answers from the page to the check-in runs that wait for them, off the request's path.

The answer page records the run input in the answer's own transaction (``uitvraag.hervat_invoer``),
so a crash after the commit loses nothing. A thread in every web process then resumes the
waiting Prefect run: at once after an answer (``wake``), at start (what a crashed process left),
and every ``POLL`` seconds. An attempt claims its check-in with a conditional UPDATE and holds it
``LEASE`` long, so several worker processes never resume the same run at once; a failed attempt
is retried later (1 s, 2 s, 4 s … up to 5 minutes), until the run no longer waits.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select, update

from domain.maanden import in_woorden
from models.db import session_scope
from models.tables import CheckIn, Municipality, Person
from models.types import utcnow

log = logging.getLogger("regie.web")
POLL = 30.0
LEASE = dt.timedelta(seconds=120)
MAX_WAIT = 300.0


class NietMeerWachtend(Exception):
    """The run does not wait any more (finished, cancelled, timed out): trying again is useless."""


class GeenPrefectServer(RuntimeError):
    """This process knows no Prefect server (`regie web` alone, without PREFECT_API_URL)."""


Resume = Callable[[str, dict[str, Any]], None]


def _open(now: dt.datetime) -> Any:
    t = CheckIn.__table__  # type: ignore[attr-defined]
    return (t.c.hervat_invoer.is_not(None), t.c.hervat_op.is_(None),
            (t.c.hervat_bezet_tot.is_(None)) | (t.c.hervat_bezet_tot <= now))


def resume_pending(*, engine: Engine, resume: Resume, now: Callable[[], dt.datetime] = utcnow) -> int:
    """Resume every check-in run whose answer is recorded but not yet handed over; the number
    handed over."""
    t = CheckIn.__table__  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        ids = list(session.scalars(select(t.c.id).where(*_open(now())).order_by(t.c.id).limit(50)))
    handed = 0
    for checkin_id in ids:
        with session_scope(engine) as session:  # the claim: one attempt at a time, across processes
            moment = now()
            claimed = session.execute(update(t).where(t.c.id == checkin_id, *_open(moment)).values(
                hervat_bezet_tot=moment + LEASE, hervat_pogingen=t.c.hervat_pogingen + 1))
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                continue
            run_id, values, attempts = session.execute(select(
                t.c.flow_run_id, t.c.hervat_invoer, t.c.hervat_pogingen).where(t.c.id == checkin_id)).one()
        outcome: dict[str, Any]
        try:
            resume(run_id, dict(values))
            outcome, handed = {"hervat_op": now(), "hervat_bezet_tot": None}, handed + 1
        except NietMeerWachtend as reason:
            log.warning("Uitvraag-run %s wacht niet meer (%s); het antwoord is wel vastgelegd.", run_id,
                        reason)
            outcome = {"hervat_op": now(), "hervat_bezet_tot": None,
                       "fout": f"Prefect-run wachtte niet meer bij het doorgeven van het antwoord: {reason}"}
        except Exception as exc:  # Prefect unreachable or busy: the answer is safe, try again later
            wait = min(MAX_WAIT, 2.0 ** (attempts - 1))
            log.warning("%s", not_resumed(engine, checkin_id, run_id, exc, attempts=attempts, wait=wait))
            log.debug("Hervatten van Prefect-run %s mislukte:", run_id, exc_info=exc)  # for operators
            outcome = {"hervat_bezet_tot": now() + dt.timedelta(seconds=wait)}
        with session_scope(engine) as session:
            session.execute(update(t).where(t.c.id == checkin_id).values(**outcome))
    return handed


def _unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the Prefect server did not answer: no connection,
    or Prefect's "Failed to reach API" around one."""
    import httpx

    seen: BaseException | None = exc
    for _ in range(10):  # a chain of causes, never a loop
        if seen is None:
            return False
        if isinstance(seen, ConnectionError | httpx.ConnectError | httpx.ConnectTimeout) or (
                isinstance(seen, RuntimeError) and str(seen).startswith("Failed to reach API")):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _seconds(wait: float) -> str:
    seconds = round(wait)
    if seconds >= 120:
        return f"{round(seconds / 60)} minuten"
    return "1 seconde" if seconds == 1 else f"{seconds} seconden"


def _whose(engine: Engine, checkin_id: int) -> str:
    """"van Jan Jansen (Bronckhorst) op de uitvraag van 7 september 2020 (Titel en 2 andere activiteiten)"."""
    with session_scope(engine) as session:
        found = session.execute(select(Person.naam, Municipality.naam, CheckIn.ronde, CheckIn.formulier)
                                .join(Person, Person.id == CheckIn.persoon_id)  # type: ignore[arg-type]
                                .join(Municipality, Municipality.id == CheckIn.gemeente_id)  # type: ignore[arg-type]
                                .where(CheckIn.id == checkin_id)).first()  # type: ignore[arg-type]
    if found is None:
        return ""
    person, municipality, ronde, form = found
    titles = [str(item.get("titel")) for item in form or [] if isinstance(item, dict) and item.get("titel")]
    more = len(titles) - 1
    others = f" en {more} andere activiteit{'en' if more > 1 else ''}" if more > 0 else ""
    about = f" ({titles[0]}{others})" if titles else ""
    return f" van {person} ({municipality}) op de uitvraag van {in_woorden(ronde)}{about}"


def not_resumed(engine: Engine, checkin_id: int, run_id: str, exc: BaseException, *, attempts: int,
                wait: float) -> str:
    """The coordinator's line when a recorded answer could not yet be handed to its waiting run: the
    answer is safe, why Prefect did not take it (no exception class), what to do, when it is tried again."""
    if isinstance(exc, GeenPrefectServer):
        why = ("deze antwoordpagina draait zonder Prefect-server (alleen 'regie web'). Stop deze pagina "
               "met Ctrl-C en start 'regie dienst': die start de Prefect-server en een eigen antwoordpagina, "
               "en geeft het antwoord dan door")
    elif _unreachable(exc):
        why = ("de Prefect-server is niet bereikbaar. Het hervatten gebeurt vanzelf zodra de Prefect-server "
               "weer antwoordt; draait 'regie dienst' niet, start die dan")
    else:
        said = " ".join(str(exc).split())[:200]
        why = ("Prefect gaf een fout" + (f" („{said}”)" if said else "") + ". Het wordt opnieuw geprobeerd "
               "zolang de uitvraag wacht; draait 'regie dienst' niet, start die dan")
    return (f"Het antwoord{_whose(engine, checkin_id)} is vastgelegd (de antwoordpagina heeft dat de "
            f"regisseur ook gezegd), maar de wachtende uitvraag in Prefect is nog niet hervat: {why}. "
            f"Volgende poging over {_seconds(wait)} (dit was poging {attempts}; Prefect-run {run_id}).")


class Resumer:
    """The background thread of one web process that hands recorded answers to their runs."""

    def __init__(self, *, engine: Callable[[], Engine], resume: Resume, poll: float = POLL) -> None:
        self.engine, self.resume, self.poll = engine, resume, poll
        self.woken, self.stopping = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run, name="regie-hervatten", daemon=True)

    def start(self) -> None:
        """Start the thread (it first hands over what an earlier process left)."""
        self.thread.start()

    def wake(self) -> None:
        """An answer was just recorded: hand it over now."""
        self.woken.set()

    def stop(self) -> None:
        """Stop after the attempt in progress (an unfinished one is free again after ``LEASE``)."""
        self.stopping.set()
        self.woken.set()
        self.thread.join(10)

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.woken.clear()
            try:
                resume_pending(engine=self.engine(), resume=self.resume)
            except Exception as exc:  # the database briefly unreachable: the next round tries again
                log.warning("Antwoorden doorgeven aan Prefect mislukte (%s); straks opnieuw.",
                            type(exc).__name__)
            self.woken.wait(self.poll)


def resume_checkin(flow_run_id: str, values: dict[str, Any]) -> None:
    """Resume a suspended ``voortgang-per-regisseur`` run with the answer as its RunInput."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import FlowPauseTimeout, NotPausedError
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():  # never start a temporary Prefect server from a web process
        raise GeenPrefectServer("PREFECT_API_URL is niet gezet")
    try:
        resume_flow_run(flow_run_id, run_input=values)  # type: ignore[arg-type]
    except FlowPauseTimeout:
        raise NietMeerWachtend("de wachttijd is verstreken") from None
    except NotPausedError:  # finished or cancelled: give up; still starting to wait: try again
        with get_client(sync_client=True) as client:
            state = client.read_flow_run(flow_run_id).state  # type: ignore[arg-type]
        if state is None or state.is_final():
            raise NietMeerWachtend(state.name if state else "geen status") from None
        raise
