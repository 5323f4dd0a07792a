"""What keeps the answer page fast under many answers at once (docs/answering.md, bench/web.py)."""

from __future__ import annotations

import asyncio
import threading
import time

from tests.conftest import Database
from tests.web.conftest import DAG


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


def test_an_answer_costs_a_few_statements_whatever_the_page_holds(client, loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    """A typical answer (a koers, a text, a milestone done) reads the link's person, the activities
    and milestones it names and a waiting check-in, then writes the update, the milestone and the
    history: eight statements and the commit, however many activities the person has (each
    statement through SQLAlchemy costs ≈ 0.1–0.2 ms of CPU, half of what an answer costs)."""
    import re

    from sqlalchemy import event

    from tests.web.conftest import POH
    from web.links import personal_link

    url = personal_link(loaded["persoon"]).replace("http://127.0.0.1:8400", "")
    page = client.get(url).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    a, m = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
    statements: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        done = client.post(url, data={"csrf": csrf, f"{a}_koers": "risico", f"{a}_tekst": "Loopt iets uit",
                                      f"{m}_klaar": "1", f"{m}_gereed": "2020-07-30"})
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert done.status_code == 200 and "uw antwoord is vastgelegd" in done.text
    # The answer itself: five reads, then its writes in one transaction. A milestone marked done
    # then rewrites its owner's calendar feed after the commit (services/agenda.refresh_after_commit),
    # which only reads.
    assert statements[:8] == ["SELECT"] * 5 + ["INSERT", "UPDATE", "INSERT"], statements
    assert set(statements[8:]) <= {"SELECT"}, statements
