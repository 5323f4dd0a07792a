"""The answer page and the calendar feed: a milestone marked done on the page leaves the feed
within about a second, rewritten by the web process's background writer (services/calendars/agenda_writer.py)
after the answer's commit, not on the answer's path."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.web.fixtures import DAG, POH

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

EVALUATIE, BESLUIT, EINDE = (f"bronckhorst/{POH}/{m}@programmaregie"
                             for m in ("evaluatie-pilot", "collegebesluit-voortgang", "einde-pilot"))


def _uids(path) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def _feed(db) -> Path:  # type: ignore[no-untyped-def]
    """Every feed written as the daily check writes them; the regisseur's."""
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all

    with db.session() as session:
        refresh_all(session=session, folder=folder(), nu=utcnow())
    return folder() / "bronckhorst" / "regisseur-jeugd.ics"


def _done(client, loaded, milestone: str, day: str) -> None:  # type: ignore[no-untyped-def]
    """The regisseur marks ``milestone`` of the POH/SOH pilot done on the answer page."""
    from web.links import personal_link

    url = personal_link(loaded["persoon"]).replace("http://127.0.0.1:8400", "")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)  # type: ignore[union-attr]
    m = f"m{loaded[f'{POH}/{milestone}']}"
    page = client.post(url, data={"csrf": csrf, f"{m}_klaar": "1", f"{m}_gereed": day})
    assert page.status_code == 200 and "uw antwoord is vastgelegd" in page.text, page.text


@pytest.fixture
def slow(db, loaded) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A client on an app whose feed writer waits a minute before it writes: only its flush (or
    the app's shutdown) writes, so a test sees what the answer itself did."""
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app

    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: None, agenda_delay=60)
    with TestClient(app, base_url="http://127.0.0.1:8400") as c:
        yield c


def test_a_milestone_marked_done_on_the_answer_page_leaves_the_feed_within_a_second(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    path = _feed(db)
    assert {EVALUATIE, EINDE} <= _uids(path)
    _done(client, loaded, "evaluatie-pilot", "2020-07-30")
    assert client.app.state.agenda.flush(timeout=30)  # what the answer handed over, written
    assert EVALUATIE not in _uids(path) and EINDE in _uids(path)
    assert client.app.state.agenda.written == 1


def test_the_feed_is_rewritten_off_the_answers_path_and_two_quick_answers_give_one_rewrite(slow, loaded, db) -> None:  # type: ignore[no-untyped-def]
    path = _feed(db)
    before = path.read_bytes()
    writer = slow.app.state.agenda
    _done(slow, loaded, "evaluatie-pilot", "2020-07-30")
    _done(slow, loaded, "collegebesluit-voortgang", "2020-08-01")
    assert path.read_bytes() == before and writer.written == 0  # both answers confirmed; no rewrite yet
    assert writer.flush(timeout=30)
    assert writer.written == 1  # one rewrite for both answers
    assert not {EVALUATIE, BESLUIT} & _uids(path) and EINDE in _uids(path)
    assert writer.flush(timeout=1) and writer.written == 1  # nothing left to write


def test_the_app_writes_the_pending_feeds_when_it_shuts_down(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app

    path = _feed(db)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: None, agenda_delay=60)
    with TestClient(app, base_url="http://127.0.0.1:8400") as c:
        _done(c, loaded, "evaluatie-pilot", "2020-07-30")
        assert EVALUATIE in _uids(path)  # the writer's minute has not passed
    assert EVALUATIE not in _uids(path) and app.state.agenda.written == 1


def test_a_failed_feed_rewrite_loses_no_answer_and_the_next_answer_or_daily_check_writes_the_feed(  # type: ignore[no-untyped-def]
        slow, loaded, db, caplog) -> None:
    from models.tables import Milestone
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all
    from web.links import personal_link

    path = _feed(db)
    writer = slow.app.state.agenda
    # The municipality's feed folder cannot be written: a file stands where it should be.
    shutil.move(path.parent, path.parent.with_name("weg"))
    path.parent.write_text("geen map")
    with caplog.at_level(logging.WARNING, logger="regie.agenda"):
        _done(slow, loaded, "evaluatie-pilot", "2020-07-30")
        assert writer.flush(timeout=30)
    assert writer.failed == 1 and writer.written == 0
    with db.session() as session:  # the answer stands
        assert session.get(Milestone, loaded[f"{POH}/evaluatie-pilot"]).gereed == dt.date(2020, 7, 30)
    warning = next(r.getMessage() for r in caplog.records if r.name == "regie.agenda")
    assert f"Calendar feed of person {loaded['persoon']} not rewritten" in warning
    token = personal_link(loaded["persoon"]).rsplit("/", 1)[1]
    assert token not in warning and "sqlite:" not in warning and "postgresql" not in warning

    # Back as it was: the feed is stale, it still has the milestone done on the page.
    path.parent.unlink()
    shutil.move(path.parent.with_name("weg"), path.parent)
    stale = path.read_bytes()
    assert EVALUATIE in _uids(path)
    # The daily check writes the whole feed from the database again: the milestone is gone.
    with db.session() as session:
        assert path in refresh_all(session=session, folder=folder(), nu=utcnow())
    assert EVALUATIE not in _uids(path)
    # So does the person's next answer, through the same writer (still running).
    path.write_bytes(stale)
    _done(slow, loaded, "collegebesluit-voortgang", "2020-08-01")
    assert writer.flush(timeout=30) and writer.written == 1
    assert not {EVALUATIE, BESLUIT} & _uids(path) and EINDE in _uids(path)


def test_a_milestone_marked_done_on_the_check_in_form_leaves_the_feed_when_the_answer_commits(db, loaded) -> None:  # type: ignore[no-untyped-def]
    """The check-in flow has no background writer: its answer rewrites the feed right after the commit."""
    from sqlmodel import select

    from models.tables import CheckIn
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all
    from services.checkins import checkin
    from tests.web.fixtures import DAG

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
        refresh_all(session=session, folder=folder(), nu=utcnow())
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    first = made.formulier[i]["mijlpalen"][0]["sleutel"]
    path = folder() / "bronckhorst" / "regisseur-jeugd.ics"
    done = f"bronckhorst/{POH}/{first}@programmaregie"
    assert done in _uids(path)
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        assert checkin.apply_answer(session=session, checkin=record, values={f"a{i}_m0_gereed": "2020-07-31"},
                                    door="regisseur-jeugd", vandaag=DAG) == []
        session.commit()
    assert done not in _uids(path)
