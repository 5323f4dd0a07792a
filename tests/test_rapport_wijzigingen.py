"""The report's "(N wijzigingen sinds de vorige rapportage)" beside an activity counts what
`regie geschiedenis` lists: a trial's one `regie gereed` read "(2 wijzigingen …)", because the answer
it records also wrote a progress row "geen wijzigingen" that the history leaves out
(services/register/history_view.py); and an activity nobody touched read "(1 wijziging …)" for the
daily check's own note that its check-in went unanswered (services/checkins/expiry.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

WERKPLAN = "werkplan-2020-combinatiefunctionarissen"
OAB = "oab-integreren-in-sociaal-domein"
DOOR = ("--door", "regisseur-jeugd")


def test_one_gereed_is_one_change_and_a_gereed_and_a_move_are_two(  # type: ignore[no-untyped-def]
        db: Database, region: Path, monkeypatch: pytest.MonkeyPatch, regie) -> None:
    from models.tables import Activity, Municipality
    from services.register.history_view import actions_of
    from services.reports.reporting import build

    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(region)).code == 0
    assert regie("gereed", f"{OAB}/uitvoeringsplan-oab-concreet", *DOOR).code == 0
    assert regie("gereed", f"{WERKPLAN}/evaluatie-werkplan-2019", *DOOR).code == 0
    assert regie("verplaats", f"{WERKPLAN}/uitvoeringsprogramma-concreet", "--naar", "2020-10-01",
                 "--reden", "Wacht op cijfers van de sportbond", *DOOR).code == 0
    with db.session() as session:  # an unanswered check-in noted by the daily check, as expiry.py does
        from services.register.history import HistoryLog

        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        log = HistoryLog(gemeente_id=gemeente.id, door="dagelijkse controle", bron="controle")
        for sleutel in (OAB, WERKPLAN, "versterking-pleegzorg"):
            aid = session.scalars(select(Activity.id).where(Activity.sleutel == sleutel)).one()
            log.add(onderwerp="voortgang", sleutel=sleutel, activiteit_id=aid, veld="voortgang",
                    nieuw="geen update", reden="uitvraag (ronde van 1 juni 2020) niet beantwoord in 17 dagen")
        log.flush(session)
        session.commit()
    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        report = build(session=session, gemeente=gemeente, soort="mosd", peildatum=dt.date(2020, 6, 18),
                       vergaderdatum=dt.date(2020, 6, 25))
        listed = {}
        for sleutel in (OAB, WERKPLAN):
            activity = session.scalars(select(Activity).where(Activity.sleutel == sleutel)).one()
            listed[activity.titel] = sum(len(a.wijzigingen) for a in actions_of(session=session, activity=activity)
                                         if a.bron not in ("laad", "controle"))
    counted = {a.titel: a.wijzigingen for p in report.programmas for a in p.activiteiten if a.wijzigingen}
    assert counted == {"Onderwijs Achterstanden Beleid (OAB) integreren in het Sociaal Domein": 1,
                       "Werkplan 2020 Combinatiefunctionarissen": 2}
    assert counted == listed
