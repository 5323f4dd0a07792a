"""The answer page and the calendar feed: a milestone marked done on the page leaves the feed at once."""

from __future__ import annotations

import re

from icalendar import Calendar

from tests.web.conftest import POH


def _uids(path) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_a_milestone_marked_done_on_the_answer_page_leaves_the_feed_at_once(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.types import utcnow
    from services.agenda import folder, refresh_all
    from web.links import personal_link

    with db.session() as session:
        refresh_all(session=session, folder=folder(), nu=utcnow())
    path = folder() / "bronckhorst" / "regisseur-jeugd.ics"
    done, kept = (f"bronckhorst/{POH}/{m}@programmaregie" for m in ("evaluatie-pilot", "einde-pilot"))
    assert {done, kept} <= _uids(path)
    url = personal_link(loaded["persoon"]).replace("http://127.0.0.1:8400", "")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)  # type: ignore[union-attr]
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    page = client.post(url, data={"csrf": csrf, f"{m}_klaar": "1", f"{m}_gereed": "2020-07-30"})
    assert page.status_code == 200, page.text
    assert done not in _uids(path) and kept in _uids(path)


def test_a_milestone_marked_done_on_the_check_in_form_leaves_the_feed_at_once(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from models.tables import CheckIn
    from models.types import utcnow
    from services import checkin
    from services.agenda import folder, refresh_all
    from tests.web.conftest import DAG

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
