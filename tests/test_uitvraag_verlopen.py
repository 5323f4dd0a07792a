"""An unanswered check-in expires after 14 days: its history and the coordinator's notice say what
the report shows (an activity answered recently keeps that answer there, it is not "geen koers"),
and the history rows are the check's (bron controle), not an answer's. Project clock only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def _setup(sample: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, list[dict[str, str]]]:
    """The demo trial: loaded on 18 June 2020; regisseur-jeugd's activities, as a check-in's form."""
    from models.db import session_scope
    from models.tables import Activity, Person

    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    with session_scope() as session:
        person = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one()
        form = [{"sleutel": a.sleutel, "titel": a.titel, "id": a.id} for a in session.scalars(
            select(Activity).where(Activity.eigenaar_id == person.id, Activity.status.in_(("lopend", "gepland",
                                                                                           "vertraagd"))))]
        return person.id, person.gemeente_id, form


def _answer(activiteit_id: int, day: dt.date, koers: str = "op-koers") -> None:
    from models.db import session_scope
    from models.tables import ProgressUpdate

    with session_scope() as session:
        session.add(ProgressUpdate(activiteit_id=activiteit_id, koers=koers,
                                   vastgelegd_op=dt.datetime.combine(day, dt.time(9), dt.UTC)))


def _expire(pid: int, gid: int, form: list[dict[str, str]], ronde: dt.date, day: dt.date) -> list:  # type: ignore[type-arg]
    from models.db import session_scope
    from models.tables import CheckIn
    from services.checkins.expiry import follow_ups

    with session_scope() as session:
        session.add(CheckIn(gemeente_id=gid, persoon_id=pid, flow_run_id=f"run-{ronde}", ronde=ronde,
                            formulier=[{k: v for k, v in a.items() if k != "id"} for a in form]))
    with session_scope() as session:
        return follow_ups(session=session, peildatum=day, herinner_na=7, verloopt_na=14,
                          coordinatoren={gid: (pid,)}, ui_url="http://ui")


def _report_stands(day: dt.date) -> dict[int, str]:
    from domain.reports.rapport import stand_van
    from models.db import session_scope
    from services.reminders.daily_check import collect_facts

    with session_scope() as session:
        facts = collect_facts(session=session, bekend_op=day, volledig=True)
    # what the report does with the fact reader's last answer (services/reports/reporting.py)
    return {a.id: stand_van(a.laatste_voortgang, a.laatste_koers, peildatum=day) for a in facts.activiteiten}


def _history(ronde: dt.date) -> list:  # type: ignore[type-arg]
    from models.db import session_scope
    from models.tables import Change
    from services.rendering import datum

    # the round's whole day ("ronde van 3 augustus 2020"): "%ronde van%3%" matched 13 July's round too,
    # and which came last depended on the database's row order (PostgreSQL, in CI)
    with session_scope() as session:
        return [(c.activiteit_id, c.veld, c.nieuw, c.bron, c.reden) for c in session.scalars(
            select(Change).where(Change.reden.like(f"%ronde van {datum(ronde)})%"))  # type: ignore[union-attr]
            .order_by(Change.id))]


def test_the_trial_answered_on_19_june_is_not_geen_update_when_the_22_june_request_expires(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from services.rendering import render

    pid, gid, form = _setup(sample, monkeypatch)
    for a in form:
        _answer(a["id"], dt.date(2020, 6, 19))  # type: ignore[arg-type]
    [notice] = _expire(pid, gid, form, dt.date(2020, 6, 22), dt.date(2020, 7, 6))
    n = len(form)
    item = {"regel": notice.regel, "wat": notice.wat, "dagen": notice.dagen, "soort": notice.soort,
            "rol": "coordinator", "datum": notice.vervaldatum.isoformat(), "te_laat": True, "onzeker": False,
            "vraag_evaluatie": False, "door": None, "bron": None, "begroting": None}
    assert render("partials/item.txt.j2", {"item": item}).strip() == (
        f"De vraag om voortgang (ronde van 22 juni 2020) is niet beantwoord binnen 14 dagen; de rapportage toont "
        f"voor de {n} activiteiten nog het antwoord van 19 juni 2020 (een antwoord telt daar 42 dagen; daarna "
        'staan ze als "geen koers").')
    rows = _history(dt.date(2020, 6, 22))
    assert len(rows) == n and {r[3] for r in rows} == {"controle"}
    assert {r[1:3] for r in rows} == {("uitvraag", "niet beantwoord")}
    assert rows[0][4] == ("uitvraag (ronde van 22 juni 2020) niet beantwoord in 14 dagen; de rapportage toont nog "
                          "het antwoord van 19 juni 2020 (op koers)")
    assert set(_report_stands(dt.date(2020, 7, 6)).values()) >= {"op-koers"}


def test_over_a_season_the_expiry_records_exactly_what_the_report_shows(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One activity answered on 19 June, one never, the rest answered on 1 July (risico): a request
    expiring on every day from 6 July to 31 August records per activity what the report shows."""
    pid, gid, form = _setup(sample, monkeypatch)
    _answer(form[0]["id"], dt.date(2020, 6, 19))  # type: ignore[arg-type]
    for a in form[2:]:
        _answer(a["id"], dt.date(2020, 7, 1), "risico")  # type: ignore[arg-type]
    day = dt.date(2020, 7, 6)
    while day <= dt.date(2020, 8, 31):
        ronde = day - dt.timedelta(days=14)
        [notice] = _expire(pid, gid, form, ronde, day)
        stands = _report_stands(day)
        rows = {r[0]: r for r in _history(ronde)}
        grey = [a for a in form if stands[a["id"]] == "geen-update"]  # type: ignore[index]
        for a in form:
            row = rows[a["id"]]
            assert row[3] == "controle"
            assert (row[1:3] == ("voortgang", "geen update")) is (stands[a["id"]] == "geen-update"), (day, row)  # type: ignore[index]
        if len(grey) == len(form):
            assert notice.soort == f'de {len(form)} activiteiten staan als "geen koers" in de rapportage.'
        else:
            assert f"{len(grey)} van de {len(form)} activiteiten" in notice.soort, (day, notice.soort)
        day += dt.timedelta(days=7)
