"""What `regie heropen` says a reopened milestone's reminders will be, from its own dates and the reminder
rules (services/checkins/reopen_words.py, shared with the answer page's confirmation): the lead times it
names are the days the rules plan a reminder on, not numbers of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"  # owned by regisseur-jeugd (REGIE_GEBRUIKER in the tests)
EVALUATIE = f"{POH}/evaluatie-pilot"  # soort evaluatie, uiterlijk 31 juli 2020


def _flat(text: str) -> str:
    return " ".join(text.split())


def _first_days(db: Database, first: dt.date, last: dt.date) -> dict[str, dt.date]:
    """Per stage, the first day the daily check would plan it for the evaluation's owner, by the rules
    themselves (a stage is recorded, and so sent, once: services/reminders/recorded.py)."""
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    stages: dict[str, dt.date] = {}
    day = first
    while day <= last:
        for h in plan(facts.activiteiten, peildatum=day, regels=get_settings().regels, werkdagen=Werkdagen(),
                      coordinatoren=facts.coordinatoren):
            if h.wat == "Evaluatie Pilot Jeugd POH/SOH" and h.rol == "eigenaar":
                stages.setdefault(h.fase, day)
        day += dt.timedelta(days=1)
    return stages


def test_a_milestone_reopened_before_its_date_names_the_reminders_still_to_come(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-07-01")  # 42 days before 31 July has passed: 14 days before and the day
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-06-30").code == 0
    reopened = regie("heropen", EVALUATIE, "--reden", "per vergissing gereed gemeld")
    assert reopened.code == 0, reopened
    assert _flat(reopened.out).endswith(
        "De uiterste datum is 31 juli 2020; u krijgt een herinnering bij de volgende controle, 14 dagen ervóór "
        "en op de dag zelf. Staat hij daarna nog open, dan krijgt u elke 7 dagen een herinnering."), reopened.out
    # what the rules plan: the 42 days' stage (its day passed, never sent) at the next check, 14 days
    # before (17 July), the day itself, then a stage a week while late (from Monday 3 August)
    assert _first_days(db, dt.date(2020, 7, 2), dt.date(2020, 8, 14)) == {
        "42d": dt.date(2020, 7, 2), "14d": dt.date(2020, 7, 17), "0d": dt.date(2020, 7, 31),
        "te-laat-0": dt.date(2020, 8, 3), "te-laat-1": dt.date(2020, 8, 10)}


def test_someone_else_who_reopens_is_told_the_owner_gets_them(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20").code == 0
    reopened = regie("heropen", EVALUATIE, "--reden", "per vergissing", "--door", "beleid-onderwijs")
    assert reopened.code == 0, reopened
    assert ("De uiterste datum (31 juli 2020) is voorbij: vanaf de volgende controle krijgt de eigenaar, "
            "Regisseur programma 1 (Gezond en weerbaar), weer herinneringen, elke 7 dagen zolang hij open "
            "staat.") in _flat(reopened.out), reopened.out


@pytest.mark.parametrize(("milestone", "activity", "said"), [
    ({"soort": "start", "uiterlijk": dt.date(2021, 3, 15)}, "overig",
     "De startdatum is 15 maart 2021; u krijgt een herinnering 7 dagen ervóór."),
    ({"soort": "start", "uiterlijk": dt.date(2020, 1, 1)}, "overig", None),  # its "Let op" says it
    ({"soort": "start", "uiterlijk": dt.date(2020, 8, 5)}, "overig",
     "De startdatum is 5 augustus 2020. Een start krijgt alleen vóór zijn datum een herinnering (7 dagen ervóór)."),
    ({"soort": "besluit", "uiterlijk": dt.date(2021, 3, 15)}, "overig",
     "De uiterste datum is 15 maart 2021; u krijgt een herinnering 28 en 7 dagen ervóór en op de dag zelf. "
     "Staat hij daarna nog open, dan krijgt u elke 7 dagen een herinnering."),
    ({"soort": "oplevering", "uiterlijk": dt.date(2020, 8, 3)}, "overig",
     "De uiterste datum is vandaag (3 augustus 2020). Staat hij daarna nog open, dan krijgt u elke 7 dagen "
     "een herinnering."),
    ({"soort": "einde", "uiterlijk": dt.date(2021, 3, 15)}, "pilot",
     "De einddatum van de pilot is 15 maart 2021; u krijgt een herinnering 90 en 30 dagen ervóór en op de dag "
     "zelf. Staat er geen evaluatie gepland, dan krijgt u daarna elke 7 dagen de vraag of die er komt."),
    ({"soort": "rapportage", "uiterlijk": None}, "overig",
     "Hij heeft geen datum: er komt geen herinnering voor tot er een datum is."),
])
def test_the_sentence_follows_the_rules_lead_times(milestone: dict, activity: str, said: str | None) -> None:  # type: ignore[type-arg]
    from models.settings import get_settings
    from services.checkins.reopen_words import reminders_after_reopen

    m = SimpleNamespace(vroegst=None, herhaling=None, **milestone)
    assert reminders_after_reopen(m, SimpleNamespace(soort=activity), vandaag=dt.date(2020, 8, 3),  # type: ignore[arg-type]
                                  regels=get_settings().regels) == said
