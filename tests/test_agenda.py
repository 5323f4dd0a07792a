"""Calendar feeds (.ics): parsed back with icalendar; UIDs stay the same across runs."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from tests.conftest import Database


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
    assert unknown.code == 2 and "staat niet in personen.yaml" in unknown.err


def test_the_daily_check_refreshes_everyones_calendar_file(db: Database, sample: Path, prefect, smtp) -> None:  # type: ignore[no-untyped-def]
    # No `regie` fixture here: its captured stdout would become the stream of Prefect's console
    # log handler for the rest of the session.
    import datetime as dt

    from flows.dagelijkse_controle import run_daily_check
    from models.db import session_scope
    from models.settings import get_settings
    from services.loading import load_register

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
    from services.agenda import refresh_all
    from services.loading import load_register
    from services.progress import find_milestone

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
