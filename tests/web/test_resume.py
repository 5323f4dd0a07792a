"""An answer for a waiting check-in run is recorded with the answer and handed to Prefect after the
commit, by a background thread: nothing is lost when Prefect is down or the process stops."""

from __future__ import annotations

import datetime as dt
import threading
import time

from sqlmodel import select

from tests.conftest import Database
from tests.web.fixtures import DAG, POH
from tests.web.test_answer_page import _link, _post


def _waiting(db: Database, run: str = "run-1") -> list[dict[str, object]]:
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id=run,
                               ronde=DAG)
        session.commit()
        return made.formulier  # type: ignore[no-any-return]


def _answer(client, loaded) -> None:  # type: ignore[no-untyped-def]
    a = f"a{loaded['a:' + POH]}"
    page = _post(client, _link(loaded["persoon"]), {f"{a}_koers": "risico"})
    assert page.status_code == 200 and "De openstaande uitvraag is hiermee beantwoord" in page.text


def _checkin(db: Database):  # type: ignore[no-untyped-def]
    from models.tables import CheckIn

    with db.session() as session:
        return session.exec(select(CheckIn)).one()


def test_an_answer_survives_a_crash_before_prefect_heard_of_it_and_the_next_process_hands_it_over(
        db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app

    _waiting(db)
    # The first process records the answer, then stops before its thread could resume the run
    # (Prefect refuses every call, like a process that died right after the commit).
    def down(run: str, values: dict[str, object]) -> None:
        raise ConnectionError("Prefect is niet bereikbaar")

    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=down)
    with TestClient(app, base_url="http://127.0.0.1:8400") as client:
        _answer(client, loaded)
    recorded = _checkin(db)
    assert recorded.status == "beantwoord" and recorded.hervat_invoer and recorded.hervat_op is None
    # The next process hands it over as it starts (its lease has not run out: the failed attempt
    # set a retry time, which is moved back here as if that time had passed).
    from models.tables import CheckIn

    with db.session() as session:
        row = session.exec(select(CheckIn)).one()
        row.hervat_bezet_tot = None
        session.add(row)
        session.commit()
    resumed: list[tuple[str, dict[str, object]]] = []
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: resumed.append((run, values)))
    with TestClient(app, base_url="http://127.0.0.1:8400"):
        for _ in range(100):
            if resumed:
                break
            time.sleep(0.05)
    assert resumed == [("run-1", recorded.hervat_invoer)]
    assert _checkin(db).hervat_op is not None


def test_a_failed_hand_over_is_tried_again_later_and_a_run_that_no_longer_waits_is_left_alone(
        db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app
    from web.resumer import NietMeerWachtend, resume_pending

    _waiting(db)
    calls: list[str] = []

    def flaky(run: str, values: dict[str, object]) -> None:
        calls.append(run)
        raise ConnectionError("Prefect is niet bereikbaar")

    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=flaky)
    with TestClient(app, base_url="http://127.0.0.1:8400") as client:
        _answer(client, loaded)
        for _ in range(100):
            if calls:
                break
            time.sleep(0.05)
    first = _checkin(db)
    assert calls == ["run-1"] and first.hervat_op is None and first.hervat_pogingen == 1
    # Not before its retry time (1 s after the first attempt)…
    assert resume_pending(engine=db.engine, resume=flaky) == 0 and calls == ["run-1"]
    later = first.hervat_bezet_tot + dt.timedelta(seconds=1)
    assert resume_pending(engine=db.engine, resume=lambda run, values: None, now=lambda: later) == 1
    assert _checkin(db).hervat_op is not None
    # A run that finished meanwhile (resumed by the coordinator in the Prefect UI) is left alone.
    from models.tables import CheckIn  # the same row as a fresh hand-over

    with db.session() as session:
        row = session.exec(select(CheckIn)).one()
        row.hervat_op, row.hervat_bezet_tot = None, None
        session.add(row)
        session.commit()

    def finished(run: str, values: dict[str, object]) -> None:
        raise NietMeerWachtend("Completed")

    assert resume_pending(engine=db.engine, resume=finished) == 0
    gone = _checkin(db)
    assert gone.hervat_op is not None and "wachtte niet meer" in (gone.fout or "")
    assert resume_pending(engine=db.engine, resume=flaky) == 0 and calls == ["run-1"]


def test_two_processes_handing_over_at_the_same_moment_resume_the_run_once(db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app
    from web.resumer import resume_pending

    _waiting(db)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: (_ for _ in ()).throw(ConnectionError()))
    with TestClient(app, base_url="http://127.0.0.1:8400") as client:
        _answer(client, loaded)
    from models.tables import CheckIn

    with db.session() as session:
        row = session.exec(select(CheckIn)).one()
        row.hervat_bezet_tot = None
        session.add(row)
        session.commit()
    resumed: list[str] = []
    barrier = threading.Barrier(4)

    def slow(run: str, values: dict[str, object]) -> None:
        resumed.append(run)
        time.sleep(0.3)

    def worker() -> None:
        barrier.wait()
        resume_pending(engine=db.engine, resume=slow)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert resumed == ["run-1"]
