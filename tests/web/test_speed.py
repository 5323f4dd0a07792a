"""What keeps the answer page fast under many answers at once (docs/answering.md, bench/web.py)."""

from __future__ import annotations

import asyncio
import threading
import time

from tests.conftest import Database
from tests.web.fixtures import DAG

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_many_people_at_once_share_a_few_database_threads_instead_of_forty(db: Database, loaded,  # type: ignore[no-untyped-def]
                                                                           monkeypatch) -> None:
    """On SQLite one request at a time per process does its database work (writers queue for one
    lock anyway; forty threads racing for it and the GIL cost twice the CPU); PostgreSQL gets four."""
    import httpx

    import web.app
    from models.settings import get_settings
    from web.links import personal_link

    running, most, lock = [0], [0], threading.Lock()
    real = web.app.overview

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.02)  # long enough for the other requests to arrive meanwhile
            return real(**kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(web.app, "overview", counted)
    app = web.app.create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                             resume=lambda run, values: None)
    url = personal_link(loaded["persoon"]).replace("http://127.0.0.1:8400", "")

    async def ten_at_once() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as c:
            return [r.status_code for r in await asyncio.gather(*(c.get(url) for _ in range(10)))]

    assert asyncio.run(ten_at_once()) == [200] * 10
    assert most[0] == (1 if db.engine.dialect.name == "sqlite" else 4)


def test_an_answer_costs_a_few_statements_whatever_the_page_holds(db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    """A typical answer (a koers, a text, a milestone done) reads the link's person, the activities
    and milestones it names and a waiting check-in, then writes the update, the milestone and the
    history: eight statements and the commit, however many activities the person has (each
    statement through SQLAlchemy costs ≈ 0.1–0.2 ms of CPU, half of what an answer costs). The
    milestone done changes its owner's calendar feed, but that rewrite (≈ 35–250 ms of CPU for a
    person with 50 activities: 5–30 answers' worth) is not on the answer's path: the app's feed
    writer does it afterwards on its own thread (services/calendars/agenda_writer.py)."""
    import re

    from sqlalchemy import event
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all
    from tests.web.fixtures import POH
    from web.app import create_app
    from web.links import personal_link

    with db.session() as session:
        refresh_all(session=session, folder=folder(), nu=utcnow())
    feed = folder() / "bronckhorst" / "regisseur-jeugd.ics"
    before = feed.read_bytes()
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: None, agenda_delay=60)  # the writer writes on flush only
    writer = app.state.agenda
    url = personal_link(loaded["persoon"]).replace("http://127.0.0.1:8400", "")
    statements: list[tuple[str, str]] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append((threading.current_thread().name, statement.split(None, 1)[0].upper()))

    with TestClient(app, base_url="http://127.0.0.1:8400") as client:
        page = client.get(url).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        a, m = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            done = client.post(url, data={"csrf": csrf, f"{a}_koers": "risico", f"{a}_tekst": "Loopt iets uit",
                                          f"{m}_klaar": "1", f"{m}_gereed": "2020-07-30"})
            answered = list(statements)
            assert done.status_code == 200 and "uw antwoord is vastgelegd" in done.text
            assert feed.read_bytes() == before  # confirmed before the feed was touched
            assert writer.flush(timeout=30)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
    # The answer itself: five reads, then its writes in one transaction; nothing else.
    assert [kind for _, kind in answered] == ["SELECT"] * 5 + ["INSERT", "UPDATE", "INSERT"], answered
    # The feed: afterwards, by the writer's thread, which only reads the database.
    later = statements[len(answered):]
    assert later and {name for name, _ in later} == {"regie-agenda"} and {k for _, k in later} == {"SELECT"}
    assert writer.written == 1 and feed.read_bytes() != before


def test_the_feed_writer_waits_while_the_page_serves_requests(db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    """A burst of answers does not share its cores and the interpreter's lock with feed rewrites:
    the writer waits until the page has had no request for a moment, at most ``longest`` seconds
    after the answer (then it writes anyway). A flush does not wait."""
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all
    from services.calendars.agenda_writer import FeedWriter
    from services.checkins.progress import find_milestone

    with db.session() as session:
        refresh_all(session=session, folder=folder(), nu=utcnow())
        _, milestone = find_milestone(session=session, verwijzing="voortgang-pilot-jeugd-poh-soh/evaluatie-pilot")
        milestone.gereed = DAG
        session.commit()
    busy = threading.Event()
    busy.set()
    writer = FeedWriter(engine=lambda: db.engine, delay=0, longest=120, busy=busy.is_set)
    writer.submit([loaded["persoon"]])
    assert not writer.wait(timeout=0.5) and writer.written == 0  # requests being served: it waits
    busy.clear()
    assert writer.wait(timeout=30) and writer.written == 1  # quiet: it writes, unhurried
    busy.set()
    writer.submit([loaded["persoon"]])
    assert writer.flush(timeout=30)  # a flush (a test, the shutdown) does not wait for quiet
    writer.stop()
