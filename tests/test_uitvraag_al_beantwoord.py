"""Progress given on the answer page shortly before the round counts as its answer (the go-live trial:
answered at 13:43 after the daily overview, asked again at 13:45, the coordinator told 14 days later
that she did not answer). The round leaves such an activity out of the form and does not ask a person
whose every activity was answered; a check-in answered meanwhile never expires. Project clock only."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from tests.conftest import Database, one_database, set_today
from tests.mailserver import Mailserver
from tests.test_uitvragen import served  # noqa: F401  (the served per-regisseur deployment)
from tests.web.fixtures import DAG, POH
from tests.web.test_answer_page import _link, _post


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, DAG.isoformat())  # Monday 3 August 2020: the page's day and the round's


def _own(db: Database, loaded: dict[str, int]) -> dict[str, int]:
    """regisseur-jeugd's running activities: key → id."""
    from domain.rules.regels import ACTIEF
    from models.tables import Activity

    with db.session() as session:
        return {a.sleutel: a.id for a in session.exec(select(Activity).where(
            Activity.eigenaar_id == loaded["persoon"], Activity.status.in_(ACTIEF)))}  # type: ignore[attr-defined]


def _answer_on_page(client, loaded, ids: list[int]) -> str:  # type: ignore[no-untyped-def]
    page = _post(client, _link(loaded["persoon"]), {f"a{i}_koers": "op-koers" for i in ids})
    assert page.status_code == 200
    return page.text


def _expired_notices(db: Database, day: dt.date) -> list[str]:
    """The daily check's follow-ups of waiting check-ins on ``day``: the notices' rules."""
    from models.tables import Person
    from services.checkins.expiry import follow_ups

    with db.session() as session:
        coordinator = session.exec(select(Person.id)).first()
        out = follow_ups(session=session, peildatum=day, herinner_na=7, verloopt_na=14,
                         coordinatoren={1: (coordinator,)}, ui_url="http://ui")  # type: ignore[dict-item]
        session.commit()
    return [h.regel for h in out]


def test_an_activity_answered_before_the_round_is_left_out_and_all_answered_is_not_asked(
        client, loaded, db: Database, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    from tasks.checkin import answered_before_round, prepare_checkin

    own = _own(db, loaded)
    assert len(own) > 1 and POH in own
    _answer_on_page(client, loaded, [own[POH]])  # 07:10, after the overview mail
    # 07:30, the round: asked only for the other activities
    formulier, status, _ = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", DAG)
    assert status == "wachtend" and POH not in [a["sleutel"] for a in formulier]
    assert len(formulier) == len(own) - 1
    assert f"Vraag om voortgang van {len(own) - 1} activiteiten" in smtp.subjects()["regisseur.jeugd@example.org"]
    assert answered_before_round.fn([("regisseur-jeugd", "Bronckhorst")], DAG) == {}


def test_a_person_who_answered_every_activity_just_before_the_round_is_not_asked(
        client, loaded, db: Database, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from tasks.checkin import answered_before_round, prepare_checkin

    own = _own(db, loaded)
    _answer_on_page(client, loaded, list(own.values()))
    reason = (f"de voortgang van alle {len(own)} activiteiten is al doorgegeven op 3 augustus 2020; die "
              "antwoorden tellen voor deze ronde")
    assert answered_before_round.fn([("regisseur-jeugd", "Bronckhorst"), ("beleid-onderwijs", "Bronckhorst")],
                                    DAG) == {("regisseur-jeugd", "Bronckhorst"): reason}
    # the per-person run, started anyway (by hand, a rerun): asks nothing, sends nothing
    assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", DAG) == (
        [], f"niet gevraagd: {reason}", "")
    assert smtp.to() == []
    with db.session() as session:
        assert session.exec(select(CheckIn)).all() == []
        # the demo cycle's extra check-in (`regie dienst --eenmalig`) follows the same rule
        from domain.werkdagen import Werkdagen
        from services.checkins.asking import why_not_ask

        assert why_not_ask(session=session, persoon_id=loaded["persoon"], peildatum=DAG, werkdagen=Werkdagen(),
                           dagen=14) == reason
    # an answer of the working day before does not count: the round asks to bring it up to date
    assert answered_before_round.fn([("regisseur-jeugd", "Bronckhorst")], DAG + dt.timedelta(days=1)) == {}


def test_answered_on_the_page_after_the_round_the_check_in_never_expires(
        client, loaded, db: Database, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from tasks.checkin import prepare_checkin

    own = _own(db, loaded)
    assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", DAG)[1] == "wachtend"  # type: ignore[index]
    text = _answer_on_page(client, loaded, list(own.values()))
    assert "De openstaande uitvraag is hiermee beantwoord" in text
    assert _expired_notices(db, DAG + dt.timedelta(days=15)) == []
    with db.session() as session:
        assert session.exec(select(CheckIn)).one().status == "beantwoord"


def test_every_activity_answered_another_way_meanwhile_answers_the_check_in_and_a_partial_answer_does_not(
        loaded, db: Database, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    """`regie voortgang` (or a race with the round) records answers without touching the check-in: the
    daily check then finds every activity answered since the round and marks it answered, no notice;
    the web process's resumer ends the waiting run (an empty answer: its prefilled form)."""
    from models.tables import CheckIn
    from services.checkins.progress import Antwoord, apply
    from tasks.checkin import prepare_checkin

    own = _own(db, loaded)
    assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", DAG)[1] == "wachtend"  # type: ignore[index]

    def answer(keys: list[str]) -> None:
        with db.session() as session:
            for key in keys:
                apply(session=session, antwoord=Antwoord(activiteit=key, koers="risico"), door="regisseur-jeugd",
                      bron="regie", vandaag=DAG)
            session.commit()

    answer([k for k in own if k != POH])
    assert _expired_notices(db, DAG + dt.timedelta(days=8)) == ["uitvraag-herinnering"]  # POH still open
    answer([POH])
    assert _expired_notices(db, DAG + dt.timedelta(days=15)) == []
    with db.session() as session:
        checkin = session.exec(select(CheckIn)).one()
        assert checkin.status == "beantwoord" and checkin.hervat_invoer == {} and checkin.beantwoord_op


def test_a_partly_answered_check_in_still_expires(loaded, db: Database, smtp: Mailserver) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from services.checkins.progress import Antwoord, apply
    from tasks.checkin import prepare_checkin

    own = _own(db, loaded)
    assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", DAG)[1] == "wachtend"  # type: ignore[index]
    with db.session() as session:
        apply(session=session, antwoord=Antwoord(activiteit=next(k for k in own if k != POH), koers="risico"),
              door="regisseur-jeugd", bron="regie", vandaag=DAG)
        session.commit()
    assert _expired_notices(db, DAG + dt.timedelta(days=15)) == ["uitvraag-verlopen"]
    with db.session() as session:
        assert session.exec(select(CheckIn)).one().status == "verlopen"


@pytest.mark.usefixtures("prefect")
def test_the_round_says_who_it_did_not_ask_because_they_answered_just_before(
        loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    """The round's result (the flow run's result in the Prefect UI) names why, as "niet gevraagd: …"."""
    from domain.rules.regels import ACTIEF
    from flows.voortgang_uitvragen import ask_progress_round
    from models.tables import Activity, Person
    from services.checkins.progress import Antwoord, apply

    with db.session() as session:
        running = session.exec(select(Activity.sleutel, Person.sleutel).join(Person, Person.id == Activity.eigenaar_id)  # type: ignore[arg-type]
                               .where(Activity.status.in_(ACTIEF))).all()  # type: ignore[attr-defined]
        for activity, owner in running:  # everyone answers on the answer page before 07:30
            apply(session=session, antwoord=Antwoord(activiteit=activity, koers="op-koers"), door=owner,
                  bron="antwoord", vandaag=DAG)
        session.commit()
    result = ask_progress_round(peildatum=DAG, gemeente="Bronckhorst", iedereen=True)
    jeugd = sum(1 for _, owner in running if owner == "regisseur-jeugd")
    assert (f"Bronckhorst/regisseur-jeugd: niet gevraagd: de voortgang van alle {jeugd} activiteiten is al "
            "doorgegeven op 3 augustus 2020; die antwoorden tellen voor deze ronde") in result
    assert result and all(": niet gevraagd: de voortgang van " in line for line in result)


@one_database  # a runner process: SQLite only, as every test of Prefect serving (tests/test_uitvragen.py)
@pytest.mark.processes
@pytest.mark.usefixtures("prefect", "served")
def test_the_waiting_run_of_a_check_in_answered_meanwhile_is_resumed_and_ends(  # type: ignore[no-untyped-def]
        db: Database, sample, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The empty answer the daily check leaves for a check-in answered another way (hervat_invoer {})
    is accepted by the served run's form, which finds the check-in answered and ends Completed."""
    from models.tables import CheckIn
    from services.checkins.progress import Antwoord, apply
    from tests.test_uitvragen import _load, _start_checkin, _wait
    from web.resumer import resume_checkin, resume_pending

    _load(sample)
    run = _start_checkin()  # the round of Monday 15 June 2020
    _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
    set_today(monkeypatch, "2020-06-16")
    with db.session() as session:
        for spec in session.exec(select(CheckIn)).one().formulier:  # `regie voortgang`, every activity
            apply(session=session, antwoord=Antwoord(activiteit=spec["sleutel"], koers="op-koers"),
                  door="regisseur-jeugd", bron="opdracht", vandaag=dt.date(2020, 6, 16))
        session.commit()
    assert _expired_notices(db, dt.date(2020, 6, 30)) == []
    assert resume_pending(engine=db.engine, resume=resume_checkin) == 1
    final = _wait(run.id, lambda s: s.is_final(), "ended")
    assert final.is_completed(), final
    with db.session() as session:
        assert session.exec(select(CheckIn)).one().status == "beantwoord"
