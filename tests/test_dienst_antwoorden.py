"""`regie dienst` running on says once when a waiting check-in is answered (regie/dienst_antwoorden.py):
the window kept showing "wacht op antwoord op het formulier" after the regisseur had answered. It
looks in the project's own database, where an answer marks the check-in, not at Prefect."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from sqlalchemy import select

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_a_waiting_check_in_answered_is_said_once_with_its_day_and_time(db, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn, Person
    from regie.dienst_antwoorden import Antwoorden
    from regie.dienst_toezicht import supervise

    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        person = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one()
        checkin = CheckIn(gemeente_id=person.gemeente_id, persoon_id=person.id, flow_run_id="run-1",
                          ronde=dt.date(2020, 6, 18), formulier=[])
        session.add(checkin)
        session.commit()
        checkin_id = checkin.id
    said: list[str] = []
    look = Antwoorden(said.append, elk=0)
    look()
    look()
    assert said == []  # waiting: the demo cycle's summary said so already
    with db.session() as session:
        checkin = session.get(CheckIn, checkin_id)
        checkin.status = "beantwoord"
        checkin.beantwoord_op = dt.datetime(2020, 6, 18, 8, 4, tzinfo=dt.UTC)  # 10:04 in Amsterdam
        session.commit()
    look()
    look()
    assert said == ["voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, donderdag 18 juni 2020: "
                    "beantwoord op donderdag 18 juni 2020 om 10:04"]
    # it looks at most every `elk` seconds: the service's loop calls it every second
    slow = Antwoorden(said.append, elk=3600)
    slow()
    assert slow.next > 0 and slow.waiting == set()

    class Stopped(Exception):
        pass

    calls: list[int] = []

    def once() -> None:  # the supervision loop calls it on each look (and a part that ends stops it)
        calls.append(1)
        raise Stopped

    with contextlib.suppress(Stopped):
        supervise({}, Path("."), interval=0, ook=once)
    assert calls == [1]
