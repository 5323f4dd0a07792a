"""The outbox: each message once per channel, only the failing channel retried, the coordinator
told once, concurrent runs that each count what they sent; check-in requests and reports through
the same state. Real SMTP (aiosmtpd), a real failing HTTP endpoint, real Prefect flows."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import Database, Mailserver

ONDERWIJS = "beleid.onderwijs@example.org"
COORDINATOR = "coordinator.sociaaldomein@example.org"
NOTICE = "konden in 3 runs niet worden bezorgd"


@dataclass
class Endpoint:
    """A chat channel that always answers 500, and every body it was sent."""

    url: str
    bodies: list[str]


@pytest.fixture
def failing_channel() -> Iterator[Endpoint]:
    """A tiny HTTP server on a free port answering 500, used as Apprise ``json://``."""
    bodies: list[str] = []

    class Refuse(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            bodies.append(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Endpoint(f"json://127.0.0.1:{server.server_address[1]}/", bodies)
    server.shutdown()
    server.server_close()


def _html(message) -> str:  # type: ignore[no-untyped-def]
    """The HTML part of a received mail, decoded."""
    import html

    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    return html.unescape(part.get_payload(decode=True).decode())


def people(db: Database, n: int) -> list[int]:
    """``n`` people of one municipality, each with one e-mail channel (p0@example.org, …)."""
    from models.tables import Municipality, Person

    with db.session() as session:
        gemeente = Municipality(naam="Testgemeente")
        session.add(gemeente)
        session.flush()
        persons = [Person(gemeente_id=gemeente.id, sleutel=f"p{i}", naam=f"Persoon {i}", rollen=["eigenaar"],
                          kanalen=[f"mailto://p{i}@example.org"]) for i in range(n)]
        session.add_all(persons)
        session.commit()
        return [p.id for p in persons]  # type: ignore[misc]


def reminder(person_id: int, fase: str = "1"):  # type: ignore[no-untyped-def]
    """A late milestone of ``person_id``'s."""
    from domain.rules.regels import Herinnering

    return Herinnering("mijlpaal", person_id, "te-laat", fase, dt.date(2020, 6, 6), person_id, "eigenaar",
                       activiteit_id=1, programma="Bronckhorst · programma 1: Gezond", activiteit="Pilot jeugd",
                       wat="Evaluatie pilot", soort="evaluatie", dagen=9, te_laat=True)


def deliver_held(run: str, settings) -> list[str]:  # type: ignore[no-untyped-def]
    """Claim, send and release as the daily check does; returns what failed."""
    from models.db import session_scope
    from services import outbox
    from services.outbox import store

    store.claim(run=run, lease=settings.bezorg_lease_seconden, where=store.everything_but_reports())
    failed = outbox.deliver(run=run, where=store.everything_but_reports(), settings=settings,
                            peildatum=dt.date(2020, 6, 15), link="http://127.0.0.1:4200/runs")
    with session_scope() as session:
        store.release(session=session, run=run)
    return failed


def _load(register: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=register, max_size=10_000_000)


def _channels(register: Path, **extra: list[str]) -> None:
    path = register / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for person in data["personen"]:
        person["kanalen"] += extra.get(person["sleutel"].replace("-", "_"), [])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _check(peildatum: dt.date):  # type: ignore[no-untyped-def]
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine
    from models.settings import get_settings

    get_settings.cache_clear()
    get_engine.cache_clear()
    state = run_daily_check(peildatum=peildatum, return_state=True)
    result = state.result(raise_on_failure=False)
    return state, getattr(result, "samenvatting", result)  # a Failed run carries it in its exception


def _run_log(state) -> str:  # type: ignore[no-untyped-def]
    """The run's log as the Prefect UI shows it (read through the API)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()  # the records still on their way to the server
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[state.state_details.flow_run_id])))
    return "\n".join(log.message for log in logs)


@pytest.mark.usefixtures("prefect")
def test_a_failing_second_channel_gets_retried_alone_and_the_mail_arrives_once(
        db: Database, sample: Path, smtp: Mailserver, failing_channel: Endpoint, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail plus a channel that answers 500: one mail in three working days (not one per attempt
    and day), the failing channel tried in every run, the coordinator told once after three runs
    over mail, never over the failing endpoint (which is also a route of the coordinator's)."""
    config = tmp_path / "apprise.yml"
    config.write_text(f"urls:\n  - {failing_channel.url}:\n      tag: coordinator\n", encoding="utf-8")
    monkeypatch.setenv("REGIE_APPRISE_CONFIG", str(config))
    _channels(sample, beleid_onderwijs=[failing_channel.url])
    _load(sample)
    tries = []
    for day in (17, 18, 19):  # beleid-onderwijs's items (of the 15th and 17th) are all due on the first day
        state, summary = _check(dt.date(2020, 6, day))
        # Everyone got the digest by mail: completed, with a Dutch warning naming the failing channel.
        assert state.is_completed() and summary["niet_bezorgd"] == 0, state.message
        assert summary["waarschuwing"].startswith("1 kanaal faalt: Beleidsmedewerker onderwijs "
                                                  "(beleid-onderwijs)"), summary["waarschuwing"]
        assert "de server gaf een fout (HTTP-status 500)" in summary["waarschuwing"]
        assert ".." not in summary["waarschuwing"] and "Failed" not in summary["waarschuwing"]
        tries.append(sum("Uitvoeringsafspraken" in body for body in failing_channel.bodies))
        # The sending task failed (Prefect retries it) under a Dutch name and message, as the UI shows it.
        assert "Task run failed with exception: NietBezorgd('2 overzichten niet overal bezorgd: beleid-onderwijs: " \
            in _run_log(state)
    assert [r for r, _ in smtp.received].count([ONDERWIJS]) == 1
    assert "Uitvoeringsafspraken voor alle thema" in smtp.text(ONDERWIJS)
    assert tries[0] >= 1 and tries[0] < tries[1] < tries[2]  # retried in every run
    told = [_html(m) for r, m in smtp.received if r == [COORDINATOR] and NOTICE in _html(m)]
    assert len(told) == 1
    text = " ".join(told[0].split())
    assert "Berichten aan Beleidsmedewerker onderwijs (beleid-onderwijs) " + NOTICE in text
    assert f"via {failing_channel.url.split('?')[0]}" in text
    assert not any(NOTICE in body for body in failing_channel.bodies)
    before = len(smtp.received)
    _check(dt.date(2020, 6, 19))  # run again
    assert not any(NOTICE in _html(m) for _, m in smtp.received[before:])
    assert [r for r, _ in smtp.received].count([ONDERWIJS]) == 1


def test_two_runs_at_the_same_moment_send_each_reminder_once_and_their_summaries_add_up(
        db: Database, smtp: Mailserver) -> None:
    """Each run records, claims and sends concurrently: every reminder goes out in exactly one
    mail, and what each run says it recorded and delivered adds up to the total."""
    from models.db import session_scope
    from models.settings import get_settings
    from models.tables import SentReminder
    from services.outbox import store

    ids = people(db, 12)
    planned = [reminder(pid, fase) for pid in ids for fase in ("1", "2")]
    barrier = threading.Barrier(2)
    counts: dict[str, tuple[int, int]] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            barrier.wait()
            with session_scope() as session:
                nieuw = store.record(session=session, planned=planned, gemeenten={}, run=name, lease=30)
            assert deliver_held(name, get_settings()) == []
            with session_scope() as session:
                counts[name] = (nieuw, store.delivered_by(session=session, run=name))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"run-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.session() as session:
        rows = session.scalars(select(SentReminder)).all()
    assert len(rows) == 24 and {r.status for r in rows} == {"verstuurd"}
    assert sum(n for n, _ in counts.values()) == 24
    assert sum(d for _, d in counts.values()) == len(smtp.received)
    items = [line for _, m in smtp.received for line in _html(m).split("<tr>")[1:]]
    assert len(items) == 24  # every reminder in exactly one mail


def test_a_check_in_request_goes_once_per_channel_however_often_its_task_runs(
        db: Database, sample: Path, smtp: Mailserver, failing_channel: Endpoint) -> None:
    """The request for a check-in goes through the outbox: mail once, the failing channel tried
    again on each rerun, and never twice on a channel that took it."""
    from models.tables import BundleDelivery, Delivery
    from tasks.checkin import prepare_checkin

    _channels(sample, regisseur_jeugd=[failing_channel.url])
    _load(sample)
    ronde = dt.date(2020, 6, 15)
    for _ in range(3):  # the task retried, the flow rerun after a resume
        assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", ronde)[1] == "wachtend"
    assert smtp.to() == ["regisseur.jeugd@example.org"]
    assert "de voortgang doorgeven van uw" in smtp.text("regisseur.jeugd@example.org")
    assert sum("de voortgang doorgeven" in body for body in failing_channel.bodies) == 3
    with db.session() as session:
        # A failure is kept per item and channel, a delivery as one row for the whole message.
        failed = {(d.kanaal.split(":")[0], d.status, d.pogingen) for d in session.scalars(select(Delivery))}
        sent = [z.kanaal for z in session.scalars(select(BundleDelivery))]
    assert failed == {("json", "mislukt", 3)} and sent == ["e-mail regisseur.jeugd@example.org"]


@pytest.mark.usefixtures("prefect")
def test_a_report_goes_once_per_channel_and_only_the_failing_channel_is_tried_again(
        db: Database, sample: Path, smtp: Mailserver, failing_channel: Endpoint) -> None:
    """A report (PDF attached) to a person with mail and a failing channel: one mail, the
    failing channel tried in each run until the meeting."""
    from flows.voortgangsrapportage import run_reports

    _channels(sample, mosd_secretariaat=[failing_channel.url])
    _load(sample)
    for day in (18, 19, 22):
        assert run_reports(peildatum=dt.date(2020, 6, day)) == ["Bronckhorst mosd 2020-06-25: niet verstuurd"]
    assert smtp.to() == [COORDINATOR, "mosd@example.org"]  # the report once; the coordinator told once
    [(_, report)] = [(r, m) for r, m in smtp.received if r == ["mosd@example.org"]]
    assert [p.get_content_type() for p in report.walk()].count("application/pdf") == 1
    assert "kon in 3 runs niet worden verstuurd" in smtp.text(COORDINATOR)
    tries = [body for body in failing_channel.bodies if "Voortgangsrapportage Bronckhorst" in body]
    assert len(tries) == 6  # each run: the first attempt and one retry, on the failing channel only
