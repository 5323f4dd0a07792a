"""Calendar feeds: per person an .ics file of all-day events (services/calendars/agenda_events.py: open
milestones, grants' accountability deadlines, the meetings of their roles), with stable UIDs so
calendar programs update events instead of adding them twice.

An event that went away (a milestone archived or moved to another owner, a meeting removed) stays
in the feed as ``STATUS:CANCELLED`` for ``agenda_afgemeld_dagen`` days, so a calendar that imported
it removes it too; a milestone marked done leaves without a cancellation, right after the answer
(see below). The previous file is the memory of what was published (a lost file only loses the
cancellations).

The daily check refreshes every person's file, but rewrites only the files whose events changed:
each file carries a fingerprint of its events (``X-PROGRAMMAREGIE-INHOUD``; the file itself is
written and read back by services/calendars/feed_file.py, which writes the iCalendar text itself,
≈ 7 µs per event where icalendar took 0.2–0.4 ms; a region has half a million). A region's first
build is spread over ``agenda_processen`` processes. Marking a milestone done (or moving one) rewrites the
owner's file after the answer's commit (``refresh_after_commit``): synchronously for the command
line and the check-in flow, so the file has changed when `regie gereed` returns; on the answer page
by the web process's background writer (services/calendars/agenda_writer.py), within about a second
and off the answer's path (a rewrite reads the person's events from the database and writes a
file: more than the answer itself). A rewrite that fails or is lost with its process never touches
the committed answer: the next answer of that person or the next daily check writes the feed anew."""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlmodel import Session

from domain.register.tekstcontrole import visible
from domain.rules.problemen import Probleem
from models.settings import Settings, get_settings
from models.tables import Municipality, Person
from services.calendars.agenda_events import done, events
from services.calendars.feed_file import build, cancelled_events, fingerprint, stored_fingerprint
from services.performance import gc_paused
from services.register.exporting import slug
from services.register.municipalities import find_person

if TYPE_CHECKING:
    from services.calendars.agenda_writer import FeedWriter

log = logging.getLogger("regie.agenda")


def folder(settings: Settings | None = None) -> Path:
    """Where the feeds live: ``<data_dir>/agenda/<gemeente>/<persoon>.ics``."""
    return (settings or get_settings()).data_dir / "agenda"


def refresh(*, session: Session, folder: Path, nu: dt.datetime, personen: Sequence[int] | None = None,
            problemen: list[Probleem] | None = None, settings: Settings | None = None) -> list[Path]:
    """The .ics file of every active person (or of ``personen``), written atomically where its
    events changed or a cancellation expired. Returns the files written. With ``problemen``, an
    item that cannot be put in a calendar is left out (a rule that cannot be used: the date
    without it) and noted there by its register file and line; a person whose calendar cannot be
    written at all is skipped and noted; everyone else's is written."""
    settings = settings or get_settings()
    vandaag = nu.astimezone(settings.tz).date()
    dagen = settings.agenda_afgemeld_dagen
    names: dict[int, str] = dict(session.execute(select(Municipality.id, Municipality.naam)).all())  # type: ignore[call-overload]
    query = select(Person).where(Person.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if personen is not None:
        query = query.where(Person.id.in_(personen))  # type: ignore[union-attr]
    people = list(session.scalars(query))
    feed = events(session, personen, settings.regels.subsidie, problemen)
    finished = done(session, personen)
    written = []
    for persoon in people:
        assert persoon.id is not None
        gemeente = names[persoon.gemeente_id]
        own = feed.get(persoon.id, [])
        path = folder / slug(gemeente) / f"{persoon.sleutel}.ics"
        inhoud, stored = fingerprint(gemeente, persoon, own), stored_fingerprint(path)
        if stored and stored[0] == inhoud and (stored[1] is None or vandaag < stored[1]):
            continue
        try:
            gone = cancelled_events(path, {e.uid for e in own} | finished, vandaag, nu, dagen)
            data = build(gemeente, persoon, own, nu, gone, dagen, problemen, inhoud)
        except Exception as exc:  # one person's calendar, not everyone's
            if problemen is None:
                raise
            waar = visible(f"{gemeente} › {persoon.sleutel}", 200)
            problemen.append(Probleem("persoon", persoon.id, waar, "agenda",
                                      f"de agenda kon niet worden geschreven ({type(exc).__name__}); "
                                      "controleer naam en mijlpalen van deze persoon in het register.",
                                      gemeente_id=persoon.gemeente_id))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # a temporary name of this process and thread: two web processes may write one person's
        # feed at the same moment, and each must replace the file with a whole one
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(path)
    return written


# Below this many files to build a worker process costs more than it saves: it takes ≈ 1 s of CPU
# to start and reads its people's events again; a day on which few events changed reads the events
# and compares fingerprints faster in one process (bench/agenda.py).
PARALLEL_FROM = 500


def refresh_all(*, session: Session, folder: Path, nu: dt.datetime,
                problemen: list[Probleem] | None = None, settings: Settings | None = None,
                parallel_from: int = PARALLEL_FROM) -> list[Path]:
    """Every active person's file (the daily check). When ``parallel_from`` people or more have
    no file yet (the first check of a region), they are spread over ``agenda_processen``
    processes (this one and spawned workers, each reading its own people's events from the
    database), so that check uses every core."""
    settings = settings or get_settings()
    url = session.get_bind().engine.url
    rows = session.execute(select(Person.id, Municipality.naam, Person.sleutel)  # type: ignore[call-overload]
                           .join(Municipality, Municipality.id == Person.gemeente_id)
                           .where(Person.gearchiveerd_op.is_(None)).order_by(Person.id)).all()  # type: ignore[union-attr]
    people = [pid for pid, _, _ in rows]
    missing = sum(1 for _, gemeente, sleutel in rows
                  if not (folder / slug(gemeente) / f"{sleutel}.ics").exists())
    processes = min(settings.agenda_processen, os.cpu_count() or 1)
    in_memory = url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
    if processes <= 1 or missing < parallel_from or in_memory:
        with gc_paused():  # a region's half a million events: see services/performance.py
            return refresh(session=session, folder=folder, nu=nu, problemen=problemen, settings=settings)
    # Every n-th person: a municipality's people are neighbours, so each part gets a share of each.
    parts = [people[i::processes] for i in range(processes)]
    address = url.render_as_string(hide_password=False)
    log.info("Calendar feeds of %d people (%d new) in %d processes.", len(people), missing, processes)
    with ProcessPoolExecutor(processes - 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_refresh_part, address, folder, nu, part, problemen is not None, settings)
                   for part in parts[1:]]
        with gc_paused():
            written = refresh(session=session, folder=folder, nu=nu, personen=parts[0], problemen=problemen,
                              settings=settings)
        for future in futures:
            paths, found = future.result()
            written.extend(paths)
            if problemen is not None:
                problemen.extend(found)
    return written


def _refresh_part(url: str, folder: Path, nu: dt.datetime, personen: list[int], noted: bool,
                  settings: Settings) -> tuple[list[Path], list[Probleem]]:
    """A worker process's share of ``refresh_all``: these people's files, with a connection of its own."""
    from models.db import make_engine

    engine = make_engine(url)
    problemen: list[Probleem] | None = [] if noted else None
    try:
        with gc_paused(), Session(engine) as session:
            written = refresh(session=session, folder=folder, nu=nu, personen=personen,
                              problemen=problemen, settings=settings)
    finally:
        engine.dispose()
    return written, problemen or []


def calendar_for(*, session: Session, persoon: Person, nu: dt.datetime,
                 ) -> tuple[bytes | None, list[Probleem]]:
    """The feed of one person as it stands now (refreshed in the data directory, so what went
    away since the last refresh is in it as a cancellation), and what could not be put in it,
    each named by register file, line and field. None when the calendar cannot be written at all
    (the problems say why)."""
    from services.register.provenance import with_sources

    gemeente = session.get(Municipality, persoon.gemeente_id)
    assert gemeente is not None and persoon.id is not None
    target = folder()
    problemen: list[Probleem] = []
    refresh(session=session, folder=target, nu=nu, personen=[persoon.id], problemen=problemen)
    problemen = with_sources(session=session, problemen=problemen)
    if any(p.onderwerp == "persoon" and p.onderwerp_id == persoon.id for p in problemen):
        return None, problemen
    return (target / slug(gemeente.naam) / f"{persoon.sleutel}.ics").read_bytes(), problemen


def calendar_of(*, session: Session, sleutel: str, gemeente: str | None, nu: dt.datetime,
                ) -> tuple[bytes | None, list[Probleem]]:
    """`regie agenda`: the calendar of the person with key ``sleutel`` and what could not be put
    in it (``calendar_for``); ``NietGevonden`` when the key names nobody (or people in several
    municipalities)."""
    persoon, _ = find_person(session=session, sleutel=sleutel, gemeente=gemeente)
    return calendar_for(session=session, persoon=persoon, nu=nu)


def refresh_after_commit(session: Session, eigenaren: set[int], writer: FeedWriter | None = None) -> None:
    """Once ``session`` commits, rewrite the feeds of ``eigenaren`` (a milestone of theirs was marked
    done or moved: it leaves their calendar now, not at the next daily check). With a ``writer``
    (the answer page) the people are handed to it and the rewrite happens off the caller's path,
    within about a second; without one it runs here, in a session of its own (the committed one
    may no longer query). Either way a failed rewrite is logged and the commit stands."""
    if not eigenaren:
        return
    people = sorted(eigenaren)
    if writer is not None:
        sa_event.listen(session, "after_commit", lambda _session: writer.submit(people), once=True)
        return
    bind = session.get_bind()

    def after_commit(_session: Session) -> None:
        from models.types import utcnow

        try:
            with Session(bind) as own:
                refresh(session=own, folder=folder(), nu=utcnow(), personen=people)
        except Exception as exc:  # the answer is committed; the next answer or daily check writes the feed
            log.warning("Calendar feeds of persons %s not rewritten after an answer (%s); the next answer "
                        "or daily check writes them again.", people, type(exc).__name__)
            log.debug("Calendar feed rewrite failed", exc_info=True)

    sa_event.listen(session, "after_commit", after_commit, once=True)
