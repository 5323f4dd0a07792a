"""Secrets never leave: an SMTP password with '/' in it, and channel tokens taken from the
environment (env:NAAM). Every place a user or an operator can read is searched for them: the
command's output, the run logs and flow runs in Prefect's database, the artifacts, the
application's database (history, reminders) and the calendars and reports on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import apprise
import pytest
import yaml
from sqlalchemy import text

from tests.conftest import Database, Mailserver
from tests.test_dagelijkse_controle import check, load

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

PASSWORD = "Zeer/Geheim-4471"          # urlsplit would read 'Zeer' as the port
TOKEN = "token-Geheim-8812"
SENT: list[str] = []


@apprise.decorators.notify(on="geheimkanaal", name="programmaregie secret test sink")
def _sink(body: str, title: str, notify_type: str, meta: dict, *args: object, **kwargs: object) -> bool:  # type: ignore[type-arg]
    SENT.append(meta["url"])
    return True


def _everything(db: Database, data: Path) -> dict[str, str]:
    """Every text a person could read afterwards, by where it is."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        logs = " ".join(log.message for log in client.read_logs())
        runs = " ".join(f"{r.name} {r.state.message if r.state else ''} {r.parameters}"
                        for r in client.read_flow_runs())
        artifacts = " ".join(f"{a.data} {a.description}" for a in client.read_artifacts())
    with db.engine.connect() as connection:
        stored = " ".join(str(row) for table in ("wijziging", "herinnering", "persoon")
                          for row in connection.execute(text(f"SELECT * FROM {table}")))
    files = " ".join(p.read_text(errors="replace") for p in data.rglob("*") if p.is_file()
                     and p.suffix in (".ics", ".html", ".log", ".eml", ".md", ".yaml"))
    return {"logs": logs, "flow runs": runs, "artifacts": artifacts, "database": stored, "files": files}


@pytest.mark.usefixtures("prefect")
def test_an_smtp_password_with_a_slash_and_an_env_token_never_show_anywhere(
        db: Database, sample: Path, smtp: Mailserver, regie, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    data["personen"][0]["kanalen"] = ["env:REGIE_TEST_KANAAL"]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("REGIE_TEST_KANAAL", f"geheimkanaal://{TOKEN}")
    load(sample)
    # The register changes from a token in the file to env:: the history keeps neither token.
    data["personen"][0]["kanalen"] = [f"geheimkanaal://{TOKEN}-oud"]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load(sample)
    data["personen"][0]["kanalen"] = ["env:REGIE_TEST_KANAAL"]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load(sample)

    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://regie:{PASSWORD}@127.0.0.1:{smtp.port}")
    _, summary = check(dt.date(2020, 6, 15))
    assert f"geheimkanaal://{TOKEN}" in SENT  # the env: channel was read at send time and used
    assert isinstance(summary, dict)
    # The test server offers no STARTTLS, so mail with a password is refused; the error is stored.
    assert summary["niet_bezorgd"] > 0
    shown = regie("diagnose")
    assert shown.code == 1 and "Interne fout" not in shown.err
    assert "biedt geen STARTTLS" in " ".join(shown.out.split())
    # The export (register files) and a report written by hand land in the data folder, so they
    # are searched with the rest.
    assert regie("exporteer", str(tmp_path / "data" / "export")).code == 0
    assert regie("rapport", "--vergadering", "mosd", "--peildatum", "2020-06-18",
                 "--uitvoer", str(tmp_path / "data" / "rapport")).code == 0
    places = _everything(db, tmp_path / "data")
    assert "kanalen" in places["files"] and "Voortgangsrapportage" in places["files"]
    places["diagnose"] = shown.out + shown.err
    with db.engine.connect() as connection:
        history = " ".join(str(r) for r in connection.execute(text("SELECT oud, nieuw FROM wijziging "
                                                                   "WHERE veld = 'kanalen'")))
    assert "geheimkanaal://***" in history and "env:REGIE_TEST_KANAAL" in history
    for secret in (PASSWORD, "Geheim-4471", "Zeer%2F", TOKEN):
        for where, found in places.items():
            assert secret not in found, where


def test_a_bad_port_in_the_smtp_url_is_told_without_any_part_of_it(
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings
    from services.outbox.messages import Bericht
    from services.outbox.sending import send

    monkeypatch.setenv("REGIE_SMTP_URL", "smtp://regie:Geheim-31@host.example.nl:poort")
    get_settings.cache_clear()
    outcome = send(Bericht(1, "a", (), ("a@example.org",), "x", "<p>x</p>", "x"), get_settings())
    assert not outcome.gelukt and "poortnummer" in (outcome.fout or "") and "Geheim" not in (outcome.fout or "")
    assert regie("laad", str(sample)).code == 0
    shown = regie("diagnose")
    assert "poortnummer" in " ".join(shown.out.split()) and "Geheim" not in shown.out + shown.err


def test_an_env_channel_that_is_not_set_is_named_by_diagnose_and_fails_only_that_delivery(
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings
    from services.outbox.messages import Bericht
    from services.outbox.sending import send

    monkeypatch.delenv("REGIE_ONBEKEND", raising=False)
    outcome = send(Bericht(1, "a", (), ("env:REGIE_ONBEKEND",), "x", "<p>x</p>", "x"), get_settings())
    assert not outcome.gelukt and "REGIE_ONBEKEND is niet gezet" in (outcome.fout or "")
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    data["personen"][0]["kanalen"] = ["env:REGIE_ONBEKEND"]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    shown = " ".join(regie("diagnose").out.split())
    assert "REGIE_ONBEKEND is niet gezet" in shown


def test_diagnose_calls_the_prefect_api_with_the_login_not_only_health(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server whose /health answers but whose API wants a login: without the login diagnose says
    'fout' (it used to say 'prefect ok' while every flow then failed), with it 'ok'."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from services.operations.diagnosis import _prefect
    from tests.conftest import free_port

    login = "regie:Geheim-UI-55"

    class Api(BaseHTTPRequestHandler):
        def _answer(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # /api/health is open, as on a real server
            self._answer(200, b"true")

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            expected = "Basic " + base64.b64encode(login.encode()).decode()
            self._answer(200, b"[]") if self.headers.get("Authorization") == expected else self._answer(401, b"{}")

        def log_message(self, *args: object) -> None:
            pass

    port = free_port()
    server = HTTPServer(("127.0.0.1", port), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{port}/api")
        monkeypatch.delenv("PREFECT_API_AUTH_STRING", raising=False)
        monkeypatch.delenv("PREFECT_API_KEY", raising=False)
        without = _prefect()
        assert without.status == "fout" and "PREFECT_API_AUTH_STRING" in without.uitleg
        monkeypatch.setenv("PREFECT_API_AUTH_STRING", "regie:fout")
        assert _prefect().status == "fout"
        monkeypatch.setenv("PREFECT_API_AUTH_STRING", login)
        with_login = _prefect()
        assert with_login.status == "ok" and "Geheim" not in with_login.uitleg
    finally:
        server.shutdown()
