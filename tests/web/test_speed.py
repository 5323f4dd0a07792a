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
