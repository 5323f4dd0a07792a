"""Calendar feeds (.ics): parsed back with icalendar; UIDs stay the same across runs."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_regie_agenda_lists_open_milestones_with_stable_uids(db: Database, sample: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "regisseur.ics"
    assert regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(target)).code == 0
    events = {str(e["uid"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    uid = "bronckhorst/voortgang-pilot-jeugd-poh-soh/evaluatie-pilot@programmaregie"
    event = events[uid]
    assert str(event["summary"]) == "Evaluatie Pilot Jeugd POH/SOH (evaluatie)"
    assert event.decoded("dtstart").isoformat() == "2020-07-31"
    assert "Programma 1: Gezond en weerbaar" in str(event["description"])
    assert "Medio 2020" in str(event["description"])
    # The policy officer's milestones are not in the regisseur's calendar.
    assert not any("uitvoeringsafspraken-alle-themas" in u for u in events)

    assert regie("gereed", "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot", "--datum", "2020-07-20").code == 0
    again = tmp_path / "again.ics"
    assert regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(again)).code == 0
    uids_again = {str(e["uid"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")}
    assert uids_again == set(events) - {uid}  # same UIDs; the done milestone is gone
    unknown = regie("agenda", "--persoon", "niemand")
    assert unknown.code == 2 and "geen sleutel of naam in personen.yaml luidt zo" in unknown.err
    # no one near "niemand": the keys to choose from (a trial typed `regie link jan` and had none)
    assert "De sleutels: beleid-onderwijs, coordinator-sociaal-domein, mosd-secretariaat, poho-sociaal, " \
        "regisseur-jeugd." in " ".join(unknown.err.split()), unknown.err
    # Its own file, unchanged, is replaced; a file it did not write (or that was changed) only when asked.
    assert regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(again)).code == 0
    theirs = tmp_path / "mijn-agenda.ics"
    theirs.write_text("BEGIN:VCALENDAR\r\nX-EIGEN: ja\r\nEND:VCALENDAR\r\n")
    refused = regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(theirs))
    assert refused.code == 2 and f"{theirs} bestaat al en is niet door 'regie agenda' gemaakt" in \
        " ".join(refused.err.split()) and "--overschrijven" in refused.err
    assert "X-EIGEN" in theirs.read_text()
    assert regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", str(theirs), "--overschrijven").code == 0
    assert "X-EIGEN" not in theirs.read_text() and "BEGIN:VEVENT" in theirs.read_text()


def test_the_daily_check_refreshes_everyones_calendar_file(db: Database, sample: Path, prefect, smtp) -> None:  # type: ignore[no-untyped-def]
    # No `regie` fixture here: its captured stdout would become the stream of Prefect's console
    # log handler for the rest of the session.
    import datetime as dt

    from flows.dagelijkse_controle import run_daily_check
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
    run_daily_check(peildatum=dt.date(2020, 6, 18))
    folder = get_settings().data_dir / "agenda" / "bronckhorst"
    files = sorted(p.name for p in folder.glob("*.ics"))
    assert "regisseur-jeugd.ics" in files and "beleid-onderwijs.ics" in files
    calendar = Calendar.from_ical((folder / "beleid-onderwijs.ics").read_bytes())
    assert any("uitvoeringsafspraken-alle-themas" in str(e["uid"]) for e in calendar.walk("VEVENT"))


def test_calendar_files_are_rewritten_only_where_their_events_changed(db: Database, sample: Path, tmp_path: Path) -> None:
    import datetime as dt

    from models.types import utcnow
    from services.calendars.agenda import refresh_all
    from services.checkins.progress import find_milestone
    from services.register.loading import load_register

    with db.session() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
        session.commit()
    folder = tmp_path / "agenda"
    with db.session() as session:
        first = refresh_all(session=session, folder=folder, nu=utcnow())
    regisseur = folder / "bronckhorst" / "regisseur-jeugd.ics"
    assert regisseur in first and len(first) == len(list(folder.rglob("*.ics"))) > 1
    before = {p: p.read_bytes() for p in first}
    with db.session() as session:
        assert refresh_all(session=session, folder=folder, nu=utcnow() + dt.timedelta(hours=1)) == []
    assert {p: p.read_bytes() for p in first} == before  # not even the DTSTAMP moved

    with db.session() as session:
        _, milestone = find_milestone(session=session, verwijzing="voortgang-pilot-jeugd-poh-soh/evaluatie-pilot")
        milestone.gereed = dt.date(2020, 7, 20)
        session.commit()
        assert refresh_all(session=session, folder=folder, nu=utcnow()) == [regisseur]
    uids = {str(e["uid"]) for e in Calendar.from_ical(regisseur.read_bytes()).walk("VEVENT")}
    assert "bronckhorst/voortgang-pilot-jeugd-poh-soh/evaluatie-pilot@programmaregie" not in uids
    regisseur.write_bytes(b"kapot")  # a damaged or hand-edited file is written anew
    with db.session() as session:
        assert refresh_all(session=session, folder=folder, nu=utcnow()) == [regisseur]


def _feeds(session, folder: Path, nu) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    """Refresh every feed; each person's events by UID, read back by both parsers (icalendar and
    vobject) and required to agree on UID, date, summary and status."""
    import vobject

    from services.calendars.agenda import refresh_all

    refresh_all(session=session, folder=folder, nu=nu)
    feeds = {}
    for path in folder.rglob("*.ics"):
        data = path.read_bytes()
        ours = {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
        theirs = {v.uid.value: v for v in vobject.readOne(data.decode()).contents.get("vevent", [])}
        assert set(ours) == set(theirs), path
        for key, event in ours.items():
            other = theirs[key]
            assert event.decoded("dtstart") == other.dtstart.value
            assert str(event["summary"]) == other.summary.value
            assert str(event.get("status", "")) == (other.status.value if hasattr(other, "status") else "")
        feeds[path.stem] = ours
    return feeds


def test_a_feed_carries_milestones_grant_deadlines_and_the_meetings_of_ones_role(db: Database, sample: Path, tmp_path: Path) -> None:
    import datetime as dt

    from models.types import utcnow
    from services.register.loading import load_register

    with db.session() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
        session.commit()
        feeds = _feeds(session, tmp_path / "agenda", utcnow())
    regisseur, mosd, poho = feeds["regisseur-jeugd"], feeds["mosd-secretariaat"], feeds["poho-sociaal"]
    # Yunio's grant: € 13.257 for a period ending 31 October 2020, not a calendar year: a one-off
    # accountability, due 13 weeks after the end (the daily check's tier rule).
    grant = regisseur["bronckhorst/voortgang-pilot-steungezinnen/subsidie-yunio@programmaregie"]
    assert grant.decoded("dtstart") == dt.date(2020, 10, 31) + dt.timedelta(weeks=13)
    assert str(grant["summary"]) == "Subsidieverantwoording Yunio"
    assert "berekend uit het einde van de periode (31-10-2020)" in str(grant["description"])
    assert any("evaluatie-pilot" in uid for uid in regisseur)
    # Meetings go to whoever has the meeting's role, and only theirs.
    mosd_dates = sorted(e.decoded("dtstart") for e in mosd.values())
    assert len(mosd_dates) == 8 and mosd_dates[0] == dt.date(2020, 1, 16)
    assert "bronckhorst/vergadering/mosd-2020-01-16@programmaregie" in mosd
    assert all("/vergadering/poho-" in uid for uid in poho) and len(poho) == 8
    assert not any("/vergadering/" in uid for uid in regisseur)
    assert str(mosd["bronckhorst/vergadering/mosd-2020-01-16@programmaregie"]["summary"]) == "Vergadering MOSD"


def test_what_went_away_is_cancelled_for_a_while_and_what_is_done_leaves_at_once(db: Database, sample: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from models.settings import get_settings
    from models.types import utcnow
    from services.checkins.progress import find_milestone
    from services.register.loading import load_register

    monkeypatch.setenv("REGIE_AGENDA_AFGEMELD_DAGEN", "10")
    get_settings.cache_clear()
    folder, nu = tmp_path / "agenda", utcnow()
    meeting = "bronckhorst/vergadering/mosd-2020-02-20@programmaregie"
    evaluation = "bronckhorst/voortgang-pilot-jeugd-poh-soh/evaluatie-pilot@programmaregie"
    with db.session() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
        session.commit()
        before = _feeds(session, folder, nu)
    assert str(before["mosd-secretariaat"][meeting].get("status", "")) == ""
    meetings = sample / "bronckhorst" / "vergaderingen.yaml"
    meetings.write_text(meetings.read_text().replace("  - {soort: mosd, datum: 2020-02-20}\n", ""))
    programme = sample / "bronckhorst" / "programma-1.yaml"
    text = programme.read_text()
    start = text.index("  - id: werkplan-2020-combinatiefunctionarissen")
    moved = text[start:text.index("  - id: voortgang-pilot-jeugd-poh-soh")]
    assert "eigenaar:" not in moved  # the regisseur's: now moved to the policy officer
    text = text.replace(moved, moved.replace("\n", "\n    eigenaar: beleid-onderwijs\n", 1))
    programme.write_text(text)
    with db.session() as session:
        load_register(session=session, root=sample, max_size=10_000_000)
        _, milestone = find_milestone(session=session, verwijzing="voortgang-pilot-jeugd-poh-soh/evaluatie-pilot")
        milestone.gereed = dt.date(2020, 7, 20)
        session.commit()
        after = _feeds(session, folder, nu + dt.timedelta(days=1))
        gone = after["mosd-secretariaat"][meeting]
        assert str(gone["status"]) == "CANCELLED" and int(gone["sequence"]) == 1
        work = [uid for uid in before["regisseur-jeugd"] if "/werkplan-2020-combinatiefunctionarissen/" in uid]
        assert work and all(str(after["regisseur-jeugd"][uid]["status"]) == "CANCELLED" for uid in work)
        assert all(str(after["beleid-onderwijs"][uid].get("status", "")) == "" for uid in work)
        assert evaluation in before["regisseur-jeugd"] and evaluation not in after["regisseur-jeugd"]
        # Still cancelled (same SEQUENCE) until the bound; then gone from the feed.
        later = _feeds(session, folder, nu + dt.timedelta(days=10))
        assert int(later["mosd-secretariaat"][meeting]["sequence"]) == 1
        last = _feeds(session, folder, nu + dt.timedelta(days=11))
        assert meeting not in last["mosd-secretariaat"]
        assert not any(uid in last["regisseur-jeugd"] for uid in work)


def test_a_milestone_marked_done_with_regie_gereed_leaves_the_feed_file_at_once(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    from models.db import session_scope
    from models.settings import get_settings
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all

    assert regie("laad", str(sample)).code == 0
    get_settings.cache_clear()
    with session_scope() as session:
        refresh_all(session=session, folder=folder(), nu=utcnow())
    path = folder() / "bronckhorst" / "regisseur-jeugd.ics"
    uid = "bronckhorst/voortgang-pilot-jeugd-poh-soh/evaluatie-pilot@programmaregie"
    assert uid in {str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert regie("gereed", "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot", "--datum", "2020-07-20").code == 0
    # No daily check ran: the answer itself rewrote the file, and the milestone is gone, not cancelled.
    assert uid not in {str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_a_regions_calendar_files_built_in_two_processes_are_the_ones_built_in_one(db: Database, region: Path, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    """The daily check spreads a region's people over worker processes when many files are new:
    the same files, byte for byte, and the same problems (here every milestone's rule is
    unusable, in both halves)."""
    import datetime as dt
    import logging
    import os

    import pytest
    from sqlalchemy import text

    from models.settings import get_settings
    from services.calendars.agenda import refresh_all
    from services.register.loading import load_register

    if (db.url.startswith("sqlite") and ":memory:" in db.url) or (os.cpu_count() or 1) < 2:
        pytest.skip("one core or an in-memory database: the check runs in one process")
    with db.session() as session:
        load_register(session=session, root=region, max_size=10_000_000)
        session.execute(text("UPDATE mijlpaal SET herhaling = 'FREQ='"))
        session.commit()
    nu = dt.datetime(2020, 6, 15, 4, 0, tzinfo=dt.UTC)
    settings = get_settings().model_copy(update={"agenda_processen": 2})
    outcome = {}
    for label, parallel_from in (("een", 10_000), ("twee", 1)):
        folder, problemen = tmp_path / label, []  # type: ignore[var-annotated]
        with caplog.at_level(logging.INFO, logger="regie.agenda"), db.session() as session:
            written = refresh_all(session=session, folder=folder, nu=nu, problemen=problemen,
                                  settings=settings, parallel_from=parallel_from)
        files = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.ics")}
        assert sorted(p.relative_to(folder) for p in written) == sorted(files)
        outcome[label] = files, sorted(map(str, problemen))
    assert outcome["een"] == outcome["twee"]
    assert [r.getMessage() for r in caplog.records] == ["Calendar feeds of 9 people (9 new) in 2 processes."]
    # The next day nothing is new: one process compares the fingerprints.
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="regie.agenda"), db.session() as session:
        assert refresh_all(session=session, folder=tmp_path / "twee", nu=nu, settings=settings, parallel_from=1) == []
    assert caplog.records == []
    files, problemen = outcome["twee"]
    assert len(files) == 9 and len({p.parts[0] for p in files}) == 2
    assert len(problemen) > 20 and all("herhaling" in p for p in problemen)


def test_the_person_is_given_as_regie_link_takes_it_or_with_persoon(sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """A trial typed `regie agenda fatima-el-amrani` (as `regie link PERSOON`) and read that --persoon was
    missing, with the demo's key as the example: both forms work, none names a key of this register."""
    assert regie("laad", str(sample)).code == 0
    plain, named = regie("agenda", "beleid-onderwijs"), regie("agenda", "--persoon", "beleid-onderwijs")
    def events(out: str) -> list[str]:  # without the stamp of the moment it was made
        return [line for line in out.splitlines() if not line.startswith(("DTSTAMP", "LAST-MODIFIED"))]

    assert plain.code == named.code == 0 and events(plain.out) == events(named.out), (plain, named)
    assert "BEGIN:VCALENDAR" in plain.out and "SUMMARY" in plain.out
    none = regie("agenda")
    assert none.code == 2 and " ".join(none.err.split()).startswith(
        "Van wie is de agenda? Geef de sleutel uit personen.yaml, bijvoorbeeld: regie agenda "), none
    two = regie("agenda", "beleid-onderwijs", "--persoon", "regisseur-jeugd")
    assert two.code == 2 and "Twee personen" in two.err
