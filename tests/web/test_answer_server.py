"""The answer page's server: regie web on 127.0.0.1, worker processes on TCP, HTTP in C, Dutch pages
for unknown addresses, answers waiting for SQLite's write lock, a past date asked about once."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlmodel import select

from tests.conftest import one_database
from tests.web.fixtures import POH
from tests.web.test_answer_page import _csrf, _link, _post


@one_database
def test_regie_web_serves_the_page_on_127_0_0_1_and_logs_neither_links_nor_key(db, loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from models.settings import get_settings
    from tests.conftest import free_port
    from web.links import make_token

    port = free_port()
    env = {**os.environ, "REGIE_DATABASE_URL": db.url, "REGIE_WEB_POORT": str(port)}
    regie_bin = str(Path(sys.executable).parent / "regie")
    process = subprocess.Popen([regie_bin, "web"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    try:
        token = make_token(loaded["persoon"])
        page, deadline = "", time.monotonic() + 180  # two worker processes start slowly on a busy machine
        while not page and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/mijn/{token}", timeout=5) as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert "Voortgang Pilot Jeugd POH/SOH" in page
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert f"Antwoordpagina: http://127.0.0.1:{port}" in output
    key = (get_settings().data_dir / "web-sleutel").read_text().strip()
    assert token not in output and key not in output and "Traceback" not in output


def test_a_link_for_an_unknown_person_is_a_dutch_message(loaded, regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("link", "niemand")
    assert outcome.code == 2 and "Persoon 'niemand' bestaat niet" in outcome.err
    outcome = regie("link", "intrekken", "niemand")
    assert outcome.code == 2 and "bestaat niet" in outcome.err


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_worker_processes_listen_on_a_tcp_socket_so_responses_are_not_held_back_by_nagle(loop: str) -> None:
    """uvicorn's own socket for worker processes has protocol 0; asyncio then leaves Nagle's
    algorithm on and every response waited ≈ 40 ms for the client's delayed ACK. The server runs
    on uvloop (web/server.py); asyncio's own loop is checked too."""
    import asyncio
    import socket

    import uvloop

    from tests.conftest import free_port
    from web.server import _Config

    listening = _Config("web.app:create_app", factory=True, host="127.0.0.1", port=free_port()).bind_socket()

    async def accepted_nodelay() -> int:
        seen: list[int] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=listening)
        _, writer = await asyncio.open_connection(*listening.getsockname())
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        return seen[0]

    factory = uvloop.new_event_loop if loop == "uvloop" else asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        assert runner.run(accepted_nodelay()) == 1


def test_the_server_parses_http_and_runs_its_loop_in_c() -> None:
    """httptools and uvloop, not h11 and asyncio's loop: ≈ 0.3 ms of CPU less per request."""
    import asyncio

    import uvloop
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    from tests.conftest import free_port
    from web.server import config

    settings = config(free_port())
    settings.load()
    assert settings.http_protocol_class is HttpToolsProtocol
    factory = settings.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop) and isinstance(loop, asyncio.AbstractEventLoop)
    finally:
        loop.close()


def test_an_unknown_address_or_method_gets_a_dutch_page(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/mijn/", "/bestaat-niet", "/static/nope.css"):
        response = client.get(path)
        assert response.status_code == 404 and "Pagina niet gevonden" in response.text, path
        assert "Not Found" not in response.text
    response = client.delete("/")
    assert response.status_code == 405 and "Dat kan hier niet" in response.text
    assert "Method Not Allowed" not in response.text


@one_database
def test_on_sqlite_an_answer_waits_for_another_processs_answer_on_the_write_lock_and_then_completes(
        client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """The web processes take turns on a kernel lock beside the database (web/threads.Database) instead
    of meeting in SQLite's busy handler, which sleeps up to 100 ms at a time: while another process
    holds the lock an answer waits, and it goes on the moment the lock is free."""
    import fcntl
    import threading
    from pathlib import Path

    from models.tables import ProgressUpdate

    url = _link(loaded["persoon"])
    a = f"a{loaded['a:' + POH]}"
    page = client.get(url)
    lock = Path(db.engine.url.database + ".schrijven")
    outcome: list[int] = []
    with lock.open("a") as held:  # another web process answering
        fcntl.flock(held, fcntl.LOCK_EX)
        poster = threading.Thread(target=lambda: outcome.append(client.post(url, data={
            "csrf": _csrf(page.text), f"{a}_koers": "achter"}).status_code))
        poster.start()
        poster.join(0.5)
        assert poster.is_alive() and outcome == []  # waiting for the lock, nothing written
        with db.session() as session:
            assert session.exec(select(ProgressUpdate)).all() == []
    poster.join(10)  # the lock is free: the answer completes
    assert outcome == [200]
    with db.session() as session:
        assert [u.koers for u in session.exec(select(ProgressUpdate))] == ["achter"]


@one_database
def test_on_sqlite_only_the_transaction_waits_for_the_write_lock_and_an_overtaken_answer_is_refused_whole(
        client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """An answer is read and checked before it takes the write lock, so a wrong answer gets its
    Dutch message while another process writes, and only the transaction queues. What changed
    between the check and the transaction is checked again inside it: an activity archived in
    between (a register load) refuses the whole answer, and nothing of it is written."""
    import fcntl
    import threading
    from pathlib import Path

    from models.tables import Activity, ProgressUpdate

    url = _link(loaded["persoon"])
    a, other = f"a{loaded['a:' + POH]}", loaded["a:" + POH]
    page = client.get(url)
    csrf = _csrf(page.text)
    lock = Path(db.engine.url.database + ".schrijven")
    outcome: list[object] = []
    with lock.open("a") as held:  # another web process answering
        fcntl.flock(held, fcntl.LOCK_EX)
        checked = threading.Thread(target=lambda: outcome.append(client.post(url, data={
            "csrf": csrf, f"{a}_koers": "achter", f"{a}_besteed": "veel"})))
        checked.start()
        checked.join(5)
        assert not checked.is_alive(), "a wrong answer waited for the write lock"
        wrong = outcome.pop()
        assert wrong.status_code == 400 and "'veel' is geen bedrag" in unescape(wrong.text)  # type: ignore[attr-defined]
        poster = threading.Thread(target=lambda: outcome.append(client.post(url, data={
            "csrf": csrf, f"{a}_koers": "achter", f"{a}_tekst": "Loopt uit"})))
        poster.start()
        poster.join(0.5)
        assert poster.is_alive() and outcome == []  # read and checked; its transaction waits
        with db.session() as session:  # meanwhile a load archives the activity
            activity = session.get(Activity, other)
            activity.gearchiveerd_op = dt.datetime(2020, 6, 17, 12, 0, tzinfo=dt.UTC)
            session.add(activity)
            session.commit()
    poster.join(10)
    (response,) = outcome
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "gearchiveerd" in unescape(response.text)  # type: ignore[attr-defined]
    with db.session() as session:
        assert session.exec(select(ProgressUpdate)).all() == []


def test_a_new_date_in_the_past_is_asked_about_beside_its_field_once_and_then_recorded(  # type: ignore[no-untyped-def]
        client, loaded, db) -> None:
    """`regie verplaats` warns when the new date has passed; the page took it without a word. Now
    the page asks, beside the field (its description) and in an announced box at the top, records
    nothing yet, and records it when the person sends the same date again."""
    from models.tables import Milestone

    url = _link(loaded["persoon"])
    moved = f"m{loaded[POH + '/collegebesluit-voortgang']}"
    answer = {f"{moved}_datum": "2020-07-01", f"{moved}_reden": "Al besloten in juli"}  # DAG is 3 August
    before = db.snapshot()
    page = _post(client, url, answer)
    assert page.status_code == 200 and db.snapshot() == before  # nothing recorded yet
    text = " ".join(unescape(page.text).split())
    warning = ("Let op: 1 juli 2020 ligt in het verleden (vandaag is 3 augustus 2020): de mijlpaal telt dan als te "
               "laat zolang hij niet gereed is. Klopt de datum, druk dan nogmaals op Versturen; was het een tikfout, "
               "schrijf dan een datum vanaf vandaag.")
    assert f'<p class="let-op" id="{moved}_datum-let-op"><span class="let-op-teken" aria-hidden="true">!</span> ' \
           f"{warning}</p>" in text
    assert re.search(rf'id="{moved}_datum"[^>]*aria-describedby="{moved}_datum-hint {moved}_datum-let-op"', text)
    assert f'id="{moved}_datum" value="2020-07-01"' in text and "aria-invalid" not in text  # a warning, no error
    assert re.search(r'<div class="letopoverzicht" role="alert" aria-labelledby="letopkop" tabindex="-1" autofocus>'
                     rf' <h2 id="letopkop">Klopt de datum\?</h2>.*<a href="#{moved}_datum">{re.escape(warning)}</a>',
                     text)
    assert "<title>Controleer uw antwoord: Mijn activiteiten" in text
    confirmed = re.search(rf'name="{moved}_datum_bevestigd" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert confirmed == "2020-07-01"
    other = _post(client, url, {**answer, f"{moved}_datum": "2020-06-30", f"{moved}_datum_bevestigd": confirmed})
    assert "Klopt de datum?" in other.text and db.snapshot() == before  # another date: asked again
    done = _post(client, url, {**answer, f"{moved}_datum_bevestigd": confirmed})
    assert done.status_code == 200 and "verplaatst naar 1 juli 2020" in unescape(done.text)
    with db.session() as session:
        assert session.get(Milestone, int(moved[1:])).uiterlijk == dt.date(2020, 7, 1)
    future = _post(client, url, {f"{moved}_datum": "2020-12-01", f"{moved}_reden": "Later"})
    assert "Klopt de datum?" not in future.text and "verplaatst naar 1 december 2020" in unescape(future.text)
