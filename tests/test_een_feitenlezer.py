"""One fact reader, one rule, one clock (issue 17): the daily check, `regie status`, the overview and
the report read the same facts (services/reminders/daily_check.collect_facts) and, with the answer
page, judge "overdue" by the same rule (domain/rules/milestones.py), so they cannot disagree about
one activity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

import pytest
from sqlalchemy import update
from sqlmodel import select

from domain.register.register import MijlpaalSoort
from tests.conftest import Database

PEILDATUM = dt.date(2026, 11, 23)  # the tests' today (tests/conftest.py VANDAAG), a Monday
SLEUTEL = "een-feitenlezer"
# 00:30 on the peildatum in Amsterdam, still the day before in UTC
JUST_AFTER_MIDNIGHT = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
ACTIVITY = f"""  - id: {SLEUTEL}
    titel: Een feitenlezer
    status: lopend
    soort: project
    mijlpalen:
      - id: gestart
        soort: start
        omschrijving: Gestart (een begin in het verleden)
        uiterlijk: {PEILDATUM - dt.timedelta(days=10)}
      - id: opgeleverd
        soort: oplevering
        omschrijving: Oplevering (te laat)
        uiterlijk: {PEILDATUM - dt.timedelta(days=3)}
      - id: vandaag
        soort: overig
        omschrijving: Overleg (vandaag)
        uiterlijk: {PEILDATUM}
      - id: maandelijks
        soort: rapportage
        omschrijving: Maandrapportage (elke eerste van de maand)
        vroegst: 2026-01-01
        uiterlijk: 2026-01-01
        herhaling: FREQ=MONTHLY;BYMONTHDAY=1
"""


def _load(sample: Path, regie, db: Database) -> None:  # type: ignore[no-untyped-def]
    from models.tables import ProgressUpdate

    path = sample / "bronckhorst" / "programma-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + ACTIVITY, encoding="utf-8")
    loaded = regie("laad", str(sample))
    assert loaded.code == 0, loaded
    answered = regie("voortgang", SLEUTEL, "--koers", "op-koers", "--tekst", "loopt")
    assert answered.code == 0, answered
    with db.session() as session:  # the answer was given at 00:30 Amsterdam time
        session.execute(update(ProgressUpdate).values(vastgelegd_op=JUST_AFTER_MIDNIGHT))
        session.commit()


def test_the_check_the_status_the_overview_and_the_report_agree_about_one_activity(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from models.tables import Activity, Municipality, Person
    from services.checkins.checkin import _activity_spec, prepare
    from services.reminders.daily_check import collect_facts
    from services.reminders.status import programme_states
    from services.reports.overview import build_overview
    from services.reports.reporting import build
    from web.links import Houder
    from web.overview import overview as answer_page

    _load(sample, regie, db)
    settings = get_settings()
    with db.session() as session:
        # the daily check, as tasks/daily_check.collect_and_plan reads and plans
        facts = collect_facts(session=session, periode=(PEILDATUM, PEILDATUM),
                              vooruit=settings.regels.langste_aanloop)
        [fact] = [a for a in facts.activiteiten if a.sleutel == SLEUTEL]
        planned = [h for h in plan(facts.activiteiten, peildatum=PEILDATUM, regels=settings.regels,
                                   werkdagen=Werkdagen(settings.sluitingsdagen),
                                   coordinatoren=facts.coordinatoren)
                   if h.activiteit_id == fact.id and h.onderwerp == "mijlpaal"]
        [state] = [a for p in programme_states(session=session, peildatum=PEILDATUM) for a in p.activiteiten
                   if a.sleutel == SLEUTEL]
        overview = build_overview(session=session, peildatum=PEILDATUM)
        [row] = [r for r in overview.gemeenten["Bronckhorst"] if r.sleutel == SLEUTEL]
        gemeente = session.exec(select(Municipality)).one()
        rapport = build(session=session, gemeente=gemeente, soort="poho", peildatum=PEILDATUM,
                        vergaderdatum=None)
        owner = session.get(Person, fact.eigenaar_id)
        assert owner is not None and owner.id is not None
        [page] = [a for p in answer_page(session=session, vandaag=PEILDATUM, person=Houder(
            owner.id, owner.sleutel, owner.naam, owner.gemeente_id, None, None)) for a in p.activiteiten
            if a.sleutel == SLEUTEL]
        checkin = prepare(session=session, persoon=owner.sleutel, gemeente_id=owner.gemeente_id,
                          flow_run_id="feitenlezer", ronde=PEILDATUM)
        # answered at 00:30 on the round's day: the check-in leaves it out (asking.recent_answers), so
        # the form it would have is read as the check-in makes it
        assert checkin is not None and not isinstance(checkin, str)
        assert SLEUTEL not in [a["sleutel"] for a in checkin.formulier]
        form = _activity_spec(session, session.get(Activity, fact.id), PEILDATUM)  # type: ignore[arg-type]
    [stand] = [a for p in rapport.programmas for a in p.activiteiten if a.titel == "Een feitenlezer"]

    late = {"Oplevering (te laat)"}
    assert {h.wat for h in planned if h.te_laat} == late                        # the check
    assert {wat for _, wat in state.te_laat} == late                             # the status
    assert {m.omschrijving for m in overview.mijlpalen
            if m.activiteit == "Een feitenlezer" and m.te_laat_dagen} == late   # the overview
    assert row.te_laat_dagen == 3
    assert {m.omschrijving for m in page.mijlpalen if m.te_laat} == late       # the answer page
    assert {m["omschrijving"] for m in form["mijlpalen"] if m["te_laat"]} == late  # the check-in form
    assert {m.omschrijving for m in rapport.alle("te_laat") if m.activiteit == "Een feitenlezer"} == late

    # due today: the check's reminder on the day, the status's and overview's next milestone, the
    # report's "binnenkort"
    assert {h.wat for h in planned if not h.te_laat and h.dagen == 0} == {"Overleg (vandaag)"}
    assert state.volgende == (PEILDATUM, "Overleg (vandaag)")
    assert (row.volgende_datum, row.volgende_mijlpaal) == (PEILDATUM, "Overleg (vandaag)")
    soon = {m.omschrijving: m.uiterlijk for m in rapport.alle("binnenkort") if m.activiteit == "Een feitenlezer"}
    assert soon["Overleg (vandaag)"] == PEILDATUM
    # a recurring milestone is due on its next occurrence everywhere, never late (the report used
    # to count its first date, January, as overdue)
    assert soon["Maandrapportage (elke eerste van de maand)"] == dt.date(2026, 12, 1)

    # one clock: the answer given at 00:30 in Amsterdam is of the peildatum in every view
    assert fact.laatste_voortgang == PEILDATUM
    assert row.laatste_antwoord_op == PEILDATUM
    assert stand.laatste_voortgang == PEILDATUM and stand.stand == "op-koers"


@pytest.mark.parametrize("soort", get_args(MijlpaalSoort))
def test_the_checks_sql_filter_keeps_exactly_the_past_milestones_the_rule_can_call_late(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, soort: str) -> None:
    """The daily check leaves in the database the past milestones the rule never calls late
    (``NOOIT_TE_LAAT``, in SQL); what it leaves must be exactly what the rule would skip."""
    from domain.rules.milestones import kan_te_laat
    from services.reminders.daily_check import collect_facts

    path = sample / "bronckhorst" / "programma-1.yaml"
    past = PEILDATUM - dt.timedelta(days=30)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + f"""  - id: {SLEUTEL}
    titel: Een feitenlezer
    status: lopend
    soort: project
    mijlpalen:
      - id: lang-geleden
        soort: {soort}
        omschrijving: Lang geleden
        uiterlijk: {past}
""", encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    with db.session() as session:
        filtered = collect_facts(session=session, periode=(PEILDATUM, PEILDATUM), vooruit=42)
        whole = collect_facts(session=session)
    [kept] = [[m.omschrijving for m in a.mijlpalen] for a in filtered.activiteiten if a.sleutel == SLEUTEL]
    [every] = [[m.omschrijving for m in a.mijlpalen] for a in whole.activiteiten if a.sleutel == SLEUTEL]
    assert every == ["Lang geleden"]
    assert kept == (["Lang geleden"] if kan_te_laat(soort, None) else [])
