"""One clock: "today in Amsterdam" is decided in models/clock.py, and a set date reaches every
process the service starts."""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, VANDAAG, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_every_test_runs_on_the_fixed_date_and_timestamps_follow_it() -> None:
    from models.clock import now, today
    from models.types import utcnow

    assert today() == dt.date.fromisoformat(VANDAAG)
    assert now().tzinfo is not None and now().date() == today()
    assert abs(utcnow() - now()) < dt.timedelta(seconds=5)


def test_a_set_date_reaches_a_process_the_service_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2021-04-02")  # Good Friday
    code = "from models.clock import today; from models.types import utcnow; print(today(), utcnow().date())"
    shown = subprocess.run([sys.executable, "-c", code], env=dict(os.environ), cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    assert shown[0] == "2021-04-02" and shown[1] in ("2021-04-01", "2021-04-02")  # UTC may be the day before


def test_the_cli_takes_the_clock_for_its_default_peildatum(monkeypatch: pytest.MonkeyPatch, db, sample,
                                                             regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2021-04-03")
    shown = regie("status", "--gemeente", "Bronckhorst")
    assert shown.code == 0 and "peildatum zaterdag 3 april 2021" in " ".join(shown.out.split())


ALLOWED = {"models/clock.py"}


def test_nothing_but_the_clock_reads_the_system_date() -> None:
    """``date.today()``, ``datetime.now()`` and ``utcnow()`` of the standard library appear only in
    models/clock.py (the local mailbox's file names too: they carry the project clock's date)."""
    offenders = []
    for folder in ("domain", "models", "services", "tasks", "flows", "regie", "deployments", "web"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            if name in ALLOWED or "migrations" in name:
                continue
            source = path.read_text(encoding="utf-8")
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr in ("today", "now", "utcnow") \
                        and isinstance(node.func.value, ast.Attribute | ast.Name):
                    owner = node.func.value
                    text = owner.attr if isinstance(owner, ast.Attribute) else owner.id
                    if text in ("date", "datetime"):
                        offenders.append(f"{name}: {source.splitlines()[node.lineno - 1].strip()}")
    # By the line's text, not its number: an edit elsewhere in the file moved it and failed CI.
    assert offenders == []


def test_a_mails_date_is_the_clocks_moment_as_is_when_a_report_was_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's mails carried the machine's date (email.utils.formatdate) while their contents and
    "al gemaakt op 18-06-2020 11:32" carried the demo's day: every date and time a user reads comes
    from models/clock.py. (The time of day of a set date is the real one: that is the clock's own
    rule, docs/clock.md, and "al gemaakt op" shows the clock's moment whole, date and time.)"""
    from email.utils import parsedate_to_datetime

    from models.settings import get_settings
    from models.types import utcnow
    from services.outbox.smtp import build_mail
    from tests.conftest import set_today

    set_today(monkeypatch, "2020-06-18")
    made = utcnow()  # how a report's aangemaakt_op is stamped
    mail = build_mail(afzender="regie@example.org", aan="a@example.org", onderwerp="x", html="<p>x</p>",
                      tekst="x")
    dated = parsedate_to_datetime(mail["Date"])
    tz = get_settings().tz
    assert dated.date() == dt.date(2020, 6, 18) == made.astimezone(tz).date()
    assert abs(dated - made) < dt.timedelta(seconds=5)
    assert dated.utcoffset() == dt.timedelta(hours=2)  # Amsterdam's summer time on that day
    assert not [path for path in (ROOT / "services").rglob("*.py") if "formatdate(" in path.read_text()]


def _zone_where_the_day_differs_from_utc() -> str:
    """A time zone whose calendar day is not the UTC day right now: UTC−12 before noon UTC, UTC+14
    after. The day the service shows must be the municipality's day whatever the hour; in
    Amsterdam the two differ only from midnight to 01:00 or 02:00, so a test run at that hour
    found what a run at any other hour cannot (answers, spending and history a day early)."""
    return "Etc/GMT+12" if dt.datetime.now(dt.UTC).hour < 12 else "Pacific/Kiritimati"


def test_an_answer_shows_the_municipalitys_day_in_the_report_overview_page_and_spending(
        monkeypatch: pytest.MonkeyPatch, db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models.clock import local_date
    from models.tables import Municipality, ProgressUpdate
    from services import budget
    from services.rendering import environment
    from services.reports.overview import build_overview
    from services.reports.reporting import build

    monkeypatch.setenv("REGIE_TIJDZONE", _zone_where_the_day_differs_from_utc())
    assert regie("laad", str(sample)).code == 0
    day = dt.date(2020, 6, 10)
    set_today(monkeypatch, day.isoformat())
    poh = "voortgang-pilot-jeugd-poh-soh"
    assert regie("voortgang", poh, "--koers", "risico", "--tekst", "loopt", "--besteed", "1.000",
                 "--gemeente", "Bronckhorst").code == 0
    with db.session() as session:
        stored = session.scalars(select(ProgressUpdate.vastgelegd_op)).one()
        assert stored.date() != day  # the UTC day differs: the test's premise
        assert local_date(stored) == day
        gemeente = session.scalars(select(Municipality)).one()
        rapport = build(session=session, gemeente=gemeente, soort="poho", peildatum=day, vergaderdatum=None)
        activiteit = next(a for p in rapport.programmas for a in p.activiteiten
                          if a.titel == "Voortgang Pilot Jeugd POH/SOH")
        assert activiteit.laatste_voortgang == day
        regel = next(r for r in build_overview(session=session, peildatum=day).gemeenten["Bronckhorst"]
                     if r.sleutel == poh)
        assert regel.laatste_antwoord_op == day
        # spending as known on the day it was given, not only from the next day on
        spent = budget.spending(session=session, peildatum=day)
        assert any(2020 in years for years in spent.values())
    # the answer page and the mails show a timestamp through the `datum` filter: "10 juni 2020"
    assert environment().filters["datum"](stored) == "10 juni 2020"
