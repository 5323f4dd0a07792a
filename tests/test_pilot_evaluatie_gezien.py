"""A pilot's end asks "is een evaluatie nodig?" only when the activity has no evaluation milestone
(docs/rules.md). A trial's digest of 3 September 2020 asked it of "Voortgang pilot Steungezinnen",
whose evaluation had been marked done: the daily check reads only open milestones near the day,
so an evaluation that is done, or due after the check's horizon, was not seen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

STEUN = "voortgang-pilot-steungezinnen"
EINDE_AANKONDIGING = dt.date(2020, 8, 3)  # the first working day from 90 days before 31 October 2020


def _pilot_end(db: Database) -> list[bool]:
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders import daily_check

    regels = get_settings().regels
    with db.session() as session:
        facts = daily_check.collect_facts(session=session, periode=(EINDE_AANKONDIGING, EINDE_AANKONDIGING),
                                          vooruit=regels.langste_aanloop)
        planned = plan(facts.activiteiten, peildatum=EINDE_AANKONDIGING, regels=regels, werkdagen=Werkdagen(),
                       coordinatoren=facts.coordinatoren)
    return [h.vraag_evaluatie for h in planned if h.regel == "pilot-einde" and "Steungezinnen" in h.wat]


@pytest.mark.parametrize("evaluatie", [
    {"gereed": dt.date(2020, 6, 19)},                                  # done before the end
    {"vroegst": dt.date(2021, 2, 1), "uiterlijk": dt.date(2021, 3, 31)},  # after the end, past the horizon
])
def test_an_evaluation_done_or_far_ahead_is_an_evaluation(db: Database, sample: Path,
                                                          evaluatie: dict[str, dt.date]) -> None:
    from tests.test_dagelijkse_controle import edit_milestone, load

    edit_milestone(sample, STEUN, "evaluatie-pilot", **evaluatie)
    load(sample)
    assert _pilot_end(db) == [False]


def test_a_pilot_without_an_evaluation_is_still_asked(db: Database, sample: Path) -> None:
    import yaml

    from services.register.exporting import dump_yaml
    from tests.test_dagelijkse_controle import PROGRAMME, load

    path = sample / PROGRAMME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [steun] = [a for a in data["activiteiten"] if a["id"] == STEUN]
    steun["mijlpalen"] = [m for m in steun["mijlpalen"] if m["soort"] != "evaluatie"]
    path.write_text(dump_yaml(data, "bewerkt in een test"), encoding="utf-8")
    load(sample)
    assert _pilot_end(db) == [True]
