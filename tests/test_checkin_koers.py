"""The check-in form offers a koers that fits the activity: with no earlier answer it preset "op koers"
for every activity, also one whose milestone is months late (a trial saw "Loopt volgens plan" offered
beside a milestone 170 days late in the digest; the Prefect UI's form did the same with its preset).
An activity with a late milestone now starts at "achter" and says why; an earlier answer still stands."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
POH = "voortgang-pilot-jeugd-poh-soh"  # its evaluation (uiterlijk 31 July 2020) is late on 3 August


def _form(db, ronde: dt.date) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    from models.tables import Municipality
    from services.checkins.checkin import prepare

    with db.session() as session:
        gemeente_id = session.scalars(select(Municipality.id).where(Municipality.naam == "Bronckhorst")).one()
        return prepare(session=session, persoon="regisseur-jeugd", gemeente_id=gemeente_id,  # type: ignore[union-attr]
                       flow_run_id=f"run-{ronde}", ronde=ronde).formulier


def test_an_activity_with_a_late_milestone_is_not_preset_on_course(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from services.checkins.checkin import form_fields

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-08-03")
    form = _form(db, dt.date(2020, 8, 3))
    fields = form_fields(form)
    by_key = {a["sleutel"]: (i, a) for i, a in enumerate(form)}
    i, poh = by_key[POH]
    assert any(m["te_laat"] for m in poh["mijlpalen"]) and poh["koers"] == "achter"
    assert fields[f"a{i}_koers"][1].default == "achter"
    assert "Een mijlpaal is te laat: kies op koers alleen als dat klopt." in fields[f"a{i}_koers"][1].description
    on_time = [(i, a) for i, a in by_key.values() if not any(m["te_laat"] for m in a["mijlpalen"])]
    assert on_time and all(a["koers"] == "op-koers" for _i, a in on_time)
    assert all(fields[f"a{i}_koers"][1].description == "Op koers, risico of achter." for i, _a in on_time)


def test_an_earlier_answer_stays_the_preset_also_with_a_late_milestone(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-07-31")  # the working day before: an answer of the round's day leaves it out
    assert regie("voortgang", POH, "--koers", "risico").code == 0
    set_today(monkeypatch, "2020-08-03")
    form = _form(db, dt.date(2020, 8, 3))
    [poh] = [a for a in form if a["sleutel"] == POH]
    assert poh["koers"] == "risico"
