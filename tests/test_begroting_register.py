"""Budgets that add up, through the real paths (issue 16.3): amounts with period, scope, years and a
range load and export; spending is recorded per year by `regie voortgang`; the daily check's facts
give the alert that compares like with like; the report shows budget and spending per year; old
spending figures survive migration 0014; bad values get a Dutch message naming file, line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from sqlalchemy import insert, select, text

from tests.conftest import Database, set_today

POH = "voortgang-pilot-jeugd-poh-soh"
PROGRAMME = Path("bronckhorst") / "programma-1.yaml"
OLD_AMOUNTS = """    bedragen:
      - bedrag: 231907.60
        per: jaar
        bron: jaarlijks € 231.907,60
"""
NEW_AMOUNTS = """    bedragen:
      - bedrag: 700000
        per: jaar
        schaal: regio
        gemeenten: 7
        bron: € 700.000 per jaar voor zeven gemeenten
      - bedrag: 100000
        per: jaar
        vanaf: 2025
        bron: ons deel € 100.000 per jaar
      - bedrag: 15000
        ondergrens: 10000
        per: eenmalig
        jaar: 2026
        bron: € 10.000 – € 15.000 voor de evaluatie
      - bedrag: 90000
        per: totaal
        vanaf: 2024
        tot_en_met: 2026
      - bedrag: 5000
        per: jaar
        schaal: per-gemeente
        jaar: 2026
"""


def _with_new_amounts(sample: Path) -> None:
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    assert OLD_AMOUNTS in text
    path.write_text(text.replace(OLD_AMOUNTS, NEW_AMOUNTS, 1), encoding="utf-8")


def test_amounts_keep_period_scope_years_and_range_through_load_and_export(db, sample, regie, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Activity, Amount

    _with_new_amounts(sample)
    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        rows = session.execute(select(Amount.bedrag, Amount.per, Amount.schaal, Amount.gemeenten, Amount.ondergrens,
                                      Amount.vanaf, Amount.tot_en_met)
                               .join(Activity, Activity.id == Amount.activiteit_id)
                               .where(Activity.sleutel == POH).order_by(Amount.volgorde)).all()
    assert [tuple(r) for r in rows] == [
        (Decimal(700000), "jaar", "regio", 7, None, None, None),
        (Decimal(100000), "jaar", None, None, None, 2025, None),
        (Decimal(15000), "eenmalig", None, None, Decimal(10000), 2026, 2026),  # jaar: both ends
        (Decimal(90000), "totaal", None, None, None, 2024, 2026),
        (Decimal(5000), "jaar", "per-gemeente", None, None, 2026, 2026)]
    assert regie("exporteer", str(tmp_path / "uit")).code == 0
    exported = yaml.safe_load((tmp_path / "uit" / PROGRAMME).read_text(encoding="utf-8"))
    [poh] = [a for a in exported["activiteiten"] if a["id"] == POH]
    written = yaml.safe_load(NEW_AMOUNTS)["bedragen"]
    assert poh["bedragen"] == written
    # and the exported register loads to the same rows: nothing changes
    before = db.snapshot()
    assert regie("laad", str(tmp_path / "uit")).code == 0
    assert db.snapshot()["bedrag"] == before["bedrag"]


def test_an_old_register_loads_with_the_old_meaning(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """An amount without per, scope or years is part of the whole budget, compared with all
    spending, as it was before budgets had years."""
    from domain.rules.begroting import stand
    from services import budget
    from services.checkins.progress import find_activity

    path = sample / PROGRAMME
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_AMOUNTS, "    bedragen:\n      - bedrag: 10000\n", 1),
                    encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    set_today(pytest.MonkeyPatch(), "2025-05-01")
    assert regie("voortgang", POH, "--besteed", "4000").code == 0
    set_today(pytest.MonkeyPatch(), "2026-05-01")
    assert regie("voortgang", POH, "--besteed", "3500").code == 0
    with db.session() as session:
        activity = find_activity(session=session, sleutel=POH)
        amounts = budget.amounts(session=session, ids=[activity.id])[activity.id]
        spent = budget.spending(session=session, ids=[activity.id])[activity.id]
    assert spent == {2025: Decimal(4000), 2026: Decimal(3500)}
    assert stand(amounts, spent, 2026) == (Decimal(10000), Decimal(7500))


def test_spending_per_year_gives_the_alert_and_the_report_rows(db, sample, regie, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from domain.rules.begroting import JaarRegel
    from domain.rules.regels import RegelInstellingen, plan
    from domain.werkdagen import Werkdagen
    from models.tables import Municipality
    from services.reminders.daily_check import collect_facts
    from services.rendering import sentence
    from services.reports.reporting import build, make

    _with_new_amounts(sample)
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2025-06-16")
    assert regie("voortgang", POH, "--besteed", "80000").code == 0     # 2025: 80% of 100,000
    set_today(monkeypatch, "2026-11-23")
    assert regie("voortgang", POH, "--besteed", "84000", "--jaar", "2025").code == 0  # a correction for 2025
    assert regie("voortgang", POH, "--besteed", "90000").code == 0      # 2026: 90,000 of 120,000
    refused = regie("voortgang", POH, "--besteed", "100", "--jaar", "2027")
    assert refused.code != 0 and "2027: dat jaar is nog niet begonnen" in refused.err
    assert "--jaar hoort bij --besteed" in regie("voortgang", POH, "--jaar", "2025").err
    with db.session() as session:
        facts = collect_facts(session=session)
        gemeente = session.scalars(select(Municipality)).one()
        report = build(session=session, gemeente=gemeente, soort="poho", peildatum=dt.date(2026, 11, 23),
                       vergaderdatum=None)
    alerts = [h for h in plan(facts.activiteiten, peildatum=dt.date(2026, 11, 23), regels=RegelInstellingen(),
                              werkdagen=Werkdagen(), coordinatoren={}) if h.regel == "budget"]
    # 2026: 100,000 yearly + 15,000 once (upper bound) + 5,000 per gemeente = 120,000; 90,000 is 75%.
    # The total 2024–2026 of 90,000 is passed too (174,000 spent in its years). The regional 700,000 never counts.
    assert [(h.fase, h.dagen) for h in alerts] == [("70-2026", 75), ("70-2024-2026", 193)]
    shown = " ".join(sentence({"regel": "budget", "dagen": alerts[0].dagen, "onzeker": False, "rol": "eigenaar",
                               "begroting": alerts[0].begroting.als_inhoud()}).split())
    assert shown == ("75% van het budget voor 2026 is besteed: € 90.000 besteed in 2026, van een budget van "
                     "€ 120.000. Het budget is een bandbreedte; vergeleken is met de bovengrens. Het regionale "
                     "bedrag van € 700.000 telt niet mee: dat is niet het eigen budget van de gemeente.")
    [poh] = [a for p in report.begroting for a in p.activiteiten if a.activiteit == "Voortgang Pilot Jeugd POH/SOH"]
    assert poh.jaren == (JaarRegel(2025, Decimal(100000), Decimal(84000)),
                         JaarRegel(2026, Decimal(120000), Decimal(90000), True, Decimal(115000)))
    [line] = [a for p in report.programmas for a in p.activiteiten if a.titel == "Voortgang Pilot Jeugd POH/SOH"]
    assert (line.budget, line.besteed) == (Decimal(120000), Decimal(90000))
    made = make(report, folder=tmp_path, name="r")
    page = " ".join(made.html.split())
    assert "Budget en besteding per jaar" in page
    assert "€ 115.000 – € 120.000" in page and "€ 90.000" in page and "75%" in page
    assert "2024–2026 samen" in page and "7 gemeenten samen: niet het eigen budget" in page


def test_old_spending_figures_become_spending_per_year(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """An installation at 0013 had totals to date over all years; after 0014 each figure is the
    spending of the year it was recorded in (Amsterdam time), and the years add up to the last total."""
    from alembic import command

    from models.db import _alembic_config, current_revision, head_revision, migrate
    from models.tables import ProgressUpdate
    from services import budget
    from services.checkins.progress import find_activity

    assert regie("laad", str(sample)).code == 0
    command.downgrade(_alembic_config(db.engine), "0013")
    with db.session() as session:
        activity = find_activity(session=session, sleutel=POH)
        utc = dt.UTC
        session.execute(insert(ProgressUpdate.__table__), [  # type: ignore[attr-defined]
            {"activiteit_id": activity.id, "besteed": Decimal(v), "vastgelegd_op": dt.datetime(*when, tzinfo=utc)}
            for v, when in ((10000, (2024, 5, 1, 9)), (25000, (2024, 11, 1, 9)), (40000, (2025, 3, 1, 9)),
                            (52000, (2025, 12, 31, 23, 30)))])   # 00:30 on 1 January 2026 in Amsterdam
        session.execute(insert(ProgressUpdate.__table__), [  # type: ignore[attr-defined]
            {"activiteit_id": activity.id, "tekst": "zonder bedrag", "vastgelegd_op": dt.datetime(2025, 6, 1, tzinfo=utc)}])
        session.commit()
    migrate(db.engine)
    assert current_revision(db.engine) == head_revision()
    with db.session() as session:
        rows = session.execute(select(ProgressUpdate.besteed_jaar, ProgressUpdate.besteed)
                               .order_by(ProgressUpdate.vastgelegd_op)).all()
        spent = budget.spending(session=session)[activity.id]
    assert [tuple(r) for r in rows] == [(2024, Decimal(10000)), (2024, Decimal(25000)), (2025, Decimal(15000)),
                                        (None, None), (2026, Decimal(12000))]
    assert spent == {2024: Decimal(25000), 2025: Decimal(15000), 2026: Decimal(12000)}
    assert sum(spent.values()) == 52000
    command.downgrade(_alembic_config(db.engine), "0013")  # and back: totals to date again
    assert current_revision(db.engine) == "0013"
    with db.engine.connect() as connection:
        back = connection.execute(text("SELECT besteed FROM voortgang WHERE besteed IS NOT NULL "
                                       "ORDER BY vastgelegd_op")).scalars().all()
    assert [Decimal(v) for v in back] == [10000, 25000, 40000, 52000]
    migrate(db.engine)
