"""The answer page behind a personal link, through Starlette's TestClient on a real database."""

from __future__ import annotations

import datetime as dt
import re
import time
from html import unescape

import pytest
from sqlmodel import select

from tests.conftest import Database, one_database
from tests.web.conftest import DAG, POH


def _link(persoon_id: int, **kw) -> str:  # type: ignore[no-untyped-def]
    from web.links import personal_link

    return personal_link(persoon_id, **kw).replace("http://127.0.0.1:8400", "")


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _post(client, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    page = client.get(url)
    return client.post(url.split("?")[0].split("#")[0], data={"csrf": _csrf(page.text), **data})


def test_my_link_shows_my_open_activities_by_programme_and_not_someone_elses(client, loaded) -> None:  # type: ignore[no-untyped-def]
    page = client.get(_link(loaded["persoon"]))
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Mijn activiteiten" in text and "Programma 1: " in text
    assert "Voortgang Pilot Jeugd POH/SOH" in text and "Evaluatie Pilot Jeugd POH/SOH" in text
    assert "Laatste antwoord:\nnog geen" in text or "Laatste antwoord: nog geen" in text.replace("\n", " ")
    assert "Uitvoeringsstrategie rijkere visie op onderwijs" not in text  # owned by beleid-onderwijs
    other = unescape(client.get(_link(loaded["p:beleid-onderwijs"])).text)
    assert "Beleidsmedewerker onderwijs" in other
    assert "Voortgang Pilot Jeugd POH/SOH" not in other and "Regisseur programma 1" not in other


def test_a_get_of_any_link_changes_nothing(client, loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    before = db.snapshot()
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    urls = ["/", "/gezond", "/static/regie.css", _link(loaded["persoon"]),
            _link(loaded["persoon"], item=m, actie="gereed"), _link(loaded["persoon"], item=m, actie="datum"),
            _link(loaded["persoon"], item=f"a{loaded['a:' + POH]}", actie="volgens-plan"),
            "/mijn/niet-geldig", _link(loaded["persoon"])[:-3] + "abc"]
    for url in urls:
        assert client.get(url).status_code in (200, 403), url
    assert db.snapshot() == before


def test_a_direct_link_opens_the_item_focused_and_prefilled(client, loaded) -> None:  # type: ignore[no-untyped-def]
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    page = client.get(_link(loaded["persoon"], item=m, actie="gereed")).text
    assert re.search(rf'name="{m}_klaar" id="{m}_klaar" value="1" checked autofocus', page)
    assert f'name="{m}_gereed" id="{m}_gereed" max="2020-08-03" value="2020-08-03"' in page
    a = f"a{loaded['a:' + POH]}"
    page = client.get(_link(loaded["persoon"], item=a, actie="volgens-plan")).text
    assert f'id="{a}_koers_op-koers" value="op-koers" checked autofocus' in page


def test_expired_altered_and_revoked_links_get_a_dutch_page_that_says_what_to_do(client, loaded, db, regie) -> None:  # type: ignore[no-untyped-def]
    from models.types import utcnow
    from web.links import personal_link

    person = loaded["persoon"]
    old = utcnow() - dt.timedelta(days=31)  # the one clock, pinned by the tests
    expired = client.get(personal_link(person, now=old).replace("http://127.0.0.1:8400", ""))
    assert expired.status_code == 403 and "is verlopen" in expired.text and "regie link" in expired.text
    good = _link(person)
    token = good.rsplit("/", 1)[1]
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = client.get(f"/mijn/{altered}")
    assert page.status_code == 403 and "niet geldig" in page.text and "Voortgang Pilot" not in page.text
    other_person = re.sub(r"^[^.]+", "eyJwIjo1LCJ0IjoxfQ", token)  # another id, the old signature
    assert client.get(f"/mijn/{other_person}").status_code == 403
    assert client.get(good).status_code == 200
    outcome = regie("link", "intrekken", "regisseur-jeugd")
    assert outcome.code == 0 and "werken niet meer" in outcome.out
    revoked = client.get(good)
    assert revoked.status_code == 403 and "ingetrokken" in revoked.text and "volgende overzichtsmail" in revoked.text
    fresh = regie("link", "regisseur-jeugd")
    assert fresh.code == 0
    url = re.search(r"http://\S+", fresh.out).group(0)  # type: ignore[union-attr]
    assert client.get(url.replace("http://127.0.0.1:8400", "")).status_code == 200


def test_the_link_key_is_made_once_with_mode_0600_and_never_printed(client, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    key_file = get_settings().data_dir / "web-sleutel"
    assert not key_file.exists()
    outcome = regie("link", "regisseur-jeugd")
    assert outcome.code == 0 and "/mijn/" in outcome.out
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text().strip()
    again = regie("link", "regisseur-jeugd")
    assert key not in outcome.out + outcome.err + again.out + again.err and key_file.read_text().strip() == key


def test_a_post_without_the_pages_csrf_field_changes_nothing(client, loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    url = _link(loaded["persoon"])
    client.get(url)
    before = db.snapshot()
    a = f"a{loaded['a:' + POH]}"
    for data in ({f"{a}_koers": "risico"}, {f"{a}_koers": "risico", "csrf": "x" * 32}):
        page = client.post(url, data=data)
        assert page.status_code == 403 and "niet verwerkt" in page.text
    client.cookies.clear()
    page = client.post(url, data={f"{a}_koers": "risico", "csrf": "y" * 32})
    assert page.status_code == 403
    assert db.snapshot() == before


def test_an_invalid_answer_shows_each_dutch_message_beside_its_field_and_changes_nothing(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    url = _link(loaded["persoon"])
    a, done, moved = (f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}",
                      f"m{loaded[POH + '/collegebesluit-voortgang']}")
    before = db.snapshot()
    page = _post(client, url, {f"{a}_koers": "risico", f"{a}_besteed": "-5", f"{done}_klaar": "1",
                               f"{done}_gereed": "2020-09-01", f"{moved}_datum": "2020-11-30",
                               f"{a}_tekst": "Bijna klaar"})
    assert page.status_code == 400
    text = page.text
    for field, words in ((f"{a}_besteed", "negatief"), (f"{done}_gereed", "ligt in de toekomst"),
                         (f"{moved}_reden", "geef een reden")):
        assert re.search(rf'id="{field}-fout">.*{words}', text, re.I), field
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true" aria-describedby="[^"]*{field}-fout"', text), field
    assert "Uw antwoord is nog niet verwerkt" in text and "Er is nog niets gewijzigd" in text
    assert 'value="Bijna klaar"' in text or ">Bijna klaar</textarea>" in text  # what was typed stays
    page = _post(client, url, {f"{a}_besteed": "twaalf"})
    assert "geen bedrag" in page.text
    page = _post(client, url, {f"{done}_gereed": "31-13-2020"})
    assert re.search(rf'id="{done}_gereed-fout">.*geen datum', page.text)
    page = _post(client, url, {})
    assert page.status_code == 400 and "nog niets ingevuld" in page.text
    assert db.snapshot() == before


def test_a_valid_answer_is_applied_at_once_with_history_and_reminders_stop_or_move(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Change, Indicator, Measurement, Milestone, ProgressUpdate

    with db.session() as session:
        session.add(Indicator(activiteit_id=loaded["a:" + POH], sleutel="deelnemers", naam="Deelnemende praktijken",
                              eenheid="praktijken"))
        session.commit()
        indicator = session.exec(select(Indicator)).one().id
    url = _link(loaded["persoon"])
    a, done, moved = (f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}",
                      f"m{loaded[POH + '/collegebesluit-voortgang']}")
    page = _post(client, url, {f"{a}_koers": "risico", f"{a}_tekst": "Evaluatie afgerond", f"{a}_besteed": "1.250,50",
                               f"{done}_klaar": "1", f"{done}_gereed": "2020-07-30", f"{moved}_datum": "2020-11-30",
                               f"{moved}_reden": "Wachten op de evaluatie", f"i{indicator}": "12"})
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    assert "uw antwoord is vastgelegd" in text
    assert "mijlpaal “Evaluatie Pilot Jeugd POH/SOH” gereed op 30 juli 2020" in text
    assert "verplaatst naar 30 november 2020 (reden: Wachten op de evaluatie)" in text
    assert "besteed in 2020 tot nu toe: € 1.250,50" in text
    with db.session() as session:
        milestones = {m.id: m for m in session.exec(select(Milestone))}
        assert milestones[int(done[1:])].gereed == dt.date(2020, 7, 30)
        assert milestones[int(moved[1:])].uiterlijk == dt.date(2020, 11, 30)
        update = session.exec(select(ProgressUpdate)).one()
        assert (update.koers, update.tekst, str(update.besteed), update.besteed_jaar) == (
            "risico", "Evaluatie afgerond", "1250.50", 2020)  # spending of the year of the answer
        assert session.exec(select(Measurement)).one().waarde == 12
        changes = {(c.veld, c.nieuw, c.reden) for c in session.exec(select(Change).where(Change.bron == "antwoord"))}
        assert ("gereed", "2020-07-30", None) in changes
        assert ("uiterlijk", "2020-11-30", "Wachten op de evaluatie") in changes
        assert ("meting 2020-08-03", "12.00", None) in changes  # one rule for measurements (services/checkins/measurements.py)
    # The next daily check plans nothing for the completed milestone.
    from domain.rules.regels import plan
    from domain.rules.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    planned = plan(facts.activiteiten, peildatum=DAG + dt.timedelta(days=1), regels=get_settings().regels,
                   werkdagen=Werkdagen(), coordinatoren=facts.coordinatoren)
    assert "Evaluatie Pilot Jeugd POH/SOH" not in [h.wat for h in planned]
    # The page now shows the answer as the latest one, and the milestone no longer.
    again = unescape(client.get(url).text)
    assert "risico, “Evaluatie afgerond”" in again and 'Mijlpaal: Evaluatie Pilot Jeugd POH/SOH<' not in again


def test_an_answer_to_a_waiting_check_in_answers_it_and_resumes_its_run_with_the_form_values(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
        form = made.formulier
    i = next(n for n, spec in enumerate(form) if spec["sleutel"] == POH)
    j = next(n for n, m in enumerate(form[i]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")
    a, done = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
    page = _post(client, _link(loaded["persoon"]), {f"{a}_koers": "achter", f"{done}_klaar": "1",
                                                    f"{done}_gereed": "2020-07-31"})
    assert page.status_code == 200 and "De openstaande uitvraag is hiermee beantwoord" in page.text
    with db.session() as session:  # recorded in the answer's transaction, before any hand-over
        answered = session.exec(select(CheckIn)).one()
        assert answered.status == "beantwoord"
        assert answered.hervat_invoer == {f"a{i}_koers": "achter", f"a{i}_m{j}_gereed": "2020-07-31"}
    # handed to the waiting run by the app's background thread, right after the commit
    for _ in range(100):
        if client.resumed:
            break
        time.sleep(0.05)
    assert client.resumed == [("run-1", {f"a{i}_koers": "achter", f"a{i}_m{j}_gereed": "2020-07-31"})]
    for _ in range(100):  # the thread marks the hand-over right after the call
        with db.session() as session:
            if session.exec(select(CheckIn)).one().hervat_op is not None:
                break
        time.sleep(0.05)
    else:
        raise AssertionError("the hand-over was not marked")


def test_posts_are_rate_limited_per_link(client, loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    url = _link(loaded["persoon"])
    csrf = _csrf(client.get(url).text)
    codes = [client.post(url, data={"csrf": csrf}).status_code for _ in range(get_settings().web_posts_per_minuut + 2)]
    assert codes[:3] == [400, 400, 400] and codes[-1] == 429


def test_every_page_sends_the_security_headers_and_escapes_hostile_text(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Activity

    with db.session() as session:
        activity = session.get(Activity, loaded["a:" + POH])
        activity.titel = '<script>alert(1)</script><img src=x onerror=alert(2)>'
        session.add(activity)
        session.commit()
    for url in ("/", _link(loaded["persoon"]), "/mijn/kapot"):
        response = client.get(url)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no scripts
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"
    page = client.get(_link(loaded["persoon"])).text
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;alert(1)" in page


def test_the_digest_carries_the_personal_link_and_a_direct_link_per_item(loaded) -> None:  # type: ignore[no-untyped-def]
    from services.outbox.messages import Overzicht, message

    item = {"programma": "Programma 1", "activiteit": "Voortgang Pilot Jeugd POH/SOH",
            "activiteit_id": loaded["a:" + POH], "wat": "Evaluatie Pilot Jeugd POH/SOH", "soort": "evaluatie",
            "dagen": 3, "te_laat": True, "onzeker": False, "vraag_evaluatie": False, "door": None, "bron": None,
            "rol": "eigenaar", "datum": "2020-07-31", "link": None, "regel": "te-laat", "onderwerp": "mijlpaal",
            "onderwerp_id": loaded[POH + "/evaluatie-pilot"]}
    digest = Overzicht(loaded["persoon"], "regisseur-jeugd", "Regisseur", ["regisseur"], ["mailto://x@example.org"],
                       "Bronckhorst", [1], {"Programma 1": [item]})
    mail = message(digest, peildatum=DAG, link="http://127.0.0.1:4200")
    html = unescape(mail.html)
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    assert re.search(rf'<a href="http://127.0.0.1:8400/mijn/[^"?]+\?item={m}&actie=gereed#{m}">Gereed</a>', html)
    assert f"item={m}&actie=datum#{m}\">Nieuwe datum</a>" in html
    assert "actie=volgens-plan" in html and ">Mijn activiteiten: voortgang doorgeven</a>" in html
    assert re.search(r"http://127.0.0.1:8400/mijn/\S+", mail.tekst)
    assert "4200" not in mail.tekst  # a regisseur is not sent to the Prefect UI


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
        assert wrong.status_code == 400 and "Dit is geen bedrag" in unescape(wrong.text)  # type: ignore[attr-defined]
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
               "kies dan een datum vanaf vandaag.")
    assert f'<p class="let-op" id="{moved}_datum-let-op"><span class="let-op-teken" aria-hidden="true">!</span> ' \
           f"{warning}</p>" in text
    assert re.search(rf'id="{moved}_datum"[^>]*aria-describedby="{moved}_datum-let-op"', text)
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
