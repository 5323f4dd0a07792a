"""The reminder rules and working days, as pure functions (no database, no Prefect)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from domain.regels import (
    ActiviteitFeit,
    MijlpaalFeit,
    RegelInstellingen,
    SubsidieFeit,
    SubsidieTreden,
    momenten,
    plan,
    verantwoording_uiterlijk,
)
from domain.werkdagen import Werkdagen

d = dt.date
EIGENAAR, REGISSEUR, COORDINATOR = 1, 2, 3
W = Werkdagen()
R = RegelInstellingen()


def _activity(*milestones: MijlpaalFeit, **kw: object) -> ActiviteitFeit:
    base: dict[str, object] = {"id": 10, "gemeente_id": 1, "programma": "Bronckhorst · programma 1: Gezond", "titel": "Pilot",
                                   "soort": "project", "status": "gepland", "eigenaar_id": EIGENAAR, "regisseur_id": REGISSEUR,
                                   "ritme": "geen", "mijlpalen": milestones}
    base.update(kw)
    return ActiviteitFeit(**base)  # type: ignore[arg-type]


def _plan(day: dt.date, *activities: ActiviteitFeit, regels: RegelInstellingen = R, werkdagen: Werkdagen = W):
    return plan(list(activities), peildatum=day, regels=regels, werkdagen=werkdagen,
                coordinatoren={1: (COORDINATOR,)})


def _keys(day: dt.date, *activities: ActiviteitFeit, **kw: object) -> list[tuple[str, str, int]]:
    return [(h.regel, h.fase, h.ontvanger_id) for h in _plan(day, *activities, **kw)]  # type: ignore[arg-type]


EVALUATIE = MijlpaalFeit(id=100, soort="evaluatie", omschrijving="Evaluatie pilot", uiterlijk=d(2020, 7, 31))


@pytest.mark.parametrize(("day", "expected"), [
    (d(2020, 6, 18), []),                                   # 43 days before: nothing yet
    (d(2020, 6, 19), [("vooraf", "42d", EIGENAAR)]),        # 42 days before (a Friday)
    (d(2020, 7, 16), [("vooraf", "42d", EIGENAAR)]),        # still the latest stage that came due
    (d(2020, 7, 17), [("vooraf", "14d", EIGENAAR)]),        # 14 days before
    (d(2020, 7, 31), [("vooraf", "0d", EIGENAAR)]),         # the day itself
    (d(2020, 8, 3), [("te-laat", "te-laat-0", EIGENAAR)]),  # late, first week
    (d(2020, 8, 10), [("te-laat", "te-laat-1", EIGENAAR)]),  # a week later: again
    (d(2020, 8, 14), [("te-laat", "te-laat-1", EIGENAAR), ("te-laat", "te-laat-1", REGISSEUR)]),  # 14 days: regisseur
    (d(2020, 8, 28), [("te-laat", "te-laat-3", EIGENAAR), ("te-laat", "te-laat-3", REGISSEUR),
                      ("te-laat", "te-laat-3", COORDINATOR)]),  # 28 days: the coordinator too
])
def test_an_evaluation_is_announced_42_14_and_0_days_ahead_then_repeated_weekly_and_escalated(day, expected) -> None:  # type: ignore[no-untyped-def]
    assert _keys(day, _activity(EVALUATIE)) == expected


def test_kings_day_2020_moves_the_reminder_to_the_friday_before() -> None:
    besluit = MijlpaalFeit(id=1, soort="oplevering", omschrijving="Plan", uiterlijk=d(2020, 4, 27))
    assert _plan(d(2020, 4, 27), _activity(besluit)) == []  # King's Day: no reminders at all
    [h] = _plan(d(2020, 4, 24), _activity(besluit))
    assert (h.fase, h.dagen) == ("0d", 3)


def test_a_reminder_due_on_a_skipped_weekend_is_caught_up_on_monday() -> None:
    milestone = MijlpaalFeit(id=1, soort="oplevering", omschrijving="Plan", uiterlijk=d(2020, 6, 20))  # a Saturday
    friday = _plan(d(2020, 6, 19), _activity(milestone))
    monday = _plan(d(2020, 6, 22), _activity(milestone))
    assert [h.sleutel for h in friday] == [(*h.sleutel[:3], "0d", d(2020, 6, 20), EIGENAAR) for h in friday]
    # The server was down on Friday: Monday's run plans the same reminder (once, by its key) …
    assert [h.sleutel for h in monday] != []
    # … now as the first overdue reminder, since the date has passed.
    assert monday[0].regel == "te-laat"


def test_moving_a_due_date_re_arms_and_done_silences() -> None:
    before = _plan(d(2020, 7, 31), _activity(EVALUATIE))
    moved = MijlpaalFeit(id=100, soort="evaluatie", omschrijving="Evaluatie pilot", uiterlijk=d(2020, 8, 14))
    after = _plan(d(2020, 7, 31), _activity(moved))
    assert before[0].sleutel != after[0].sleutel and after[0].fase == "14d"
    done = MijlpaalFeit(id=100, soort="evaluatie", omschrijving="Evaluatie", uiterlijk=d(2020, 7, 31),
                        gereed=d(2020, 7, 20))
    assert _plan(d(2020, 8, 10), _activity(done)) == []


@pytest.mark.parametrize("status", ["afgerond", "gestopt"])
def test_finished_or_stopped_activities_produce_nothing(status: str) -> None:
    assert _plan(d(2020, 8, 10), _activity(EVALUATIE, status=status)) == []


def test_a_pilot_end_is_announced_90_and_30_days_ahead_asking_for_an_evaluation() -> None:
    end = MijlpaalFeit(id=7, soort="einde", omschrijving="Einde pilot", uiterlijk=d(2020, 10, 31))
    [h] = _plan(d(2020, 8, 3), _activity(end, soort="pilot"))
    assert (h.regel, h.fase, h.vraag_evaluatie) == ("pilot-einde", "90d", True)
    later = MijlpaalFeit(id=101, soort="evaluatie", omschrijving="Evaluatie", uiterlijk=d(2020, 12, 1))
    [h] = _plan(d(2020, 10, 1), _activity(end, later, soort="pilot"))
    assert h.regel == "pilot-einde" and h.fase == "30d" and not h.vraag_evaluatie


def test_a_start_that_passed_is_not_late() -> None:
    start = MijlpaalFeit(id=8, soort="start", omschrijving="Start", uiterlijk=d(2020, 1, 1))
    assert _plan(d(2020, 3, 2), _activity(start)) == []


def test_a_recurring_milestone_produces_its_next_occurrence() -> None:
    yearly = MijlpaalFeit(id=9, soort="overig", omschrijving="Coming Out day", uiterlijk=d(2019, 10, 11),
                          vroegst=d(2019, 10, 11), herhaling="FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11")
    [h] = _plan(d(2021, 9, 27), _activity(yearly))
    assert (h.vervaldatum, h.fase) == (d(2021, 10, 11), "14d")


def test_the_monitoring_moment_asks_the_owner_and_names_the_partner() -> None:
    activity = _activity(ritme="kwartaal", door="Yunio", status="lopend", laatste_voortgang=d(2020, 3, 20))
    [h] = _plan(d(2020, 4, 1), activity)
    assert (h.regel, h.vervaldatum, h.door, h.ontvanger_id) == ("monitoring", d(2020, 4, 1), "Yunio", EIGENAAR)
    assert _plan(d(2020, 4, 20), activity) == []  # outside the 14-day window: no surprise reminder weeks later


def test_pc_cycle_moments_are_weeks_before_each_pc_document() -> None:
    moments = momenten("pc-cyclus", d(2020, 6, 1), R)
    assert d(2020, 3, 26) in moments  # 5 weeks before 30 April
    custom = RegelInstellingen(pc_data=(d(2020, 6, 15),), pc_weken_voor=4)
    assert momenten("pc-cyclus", d(2020, 6, 1), custom) == [d(2020, 5, 18)]


def test_progress_gone_stale_after_six_weeks() -> None:
    fresh = _activity(status="lopend", laatste_voortgang=d(2020, 5, 1))
    assert _plan(d(2020, 6, 11), fresh) == []
    [h] = _plan(d(2020, 6, 12), fresh)
    assert (h.regel, h.vervaldatum, h.dagen) == ("stilstand", d(2020, 6, 12), 42)


@pytest.mark.parametrize(("bedrag", "eind", "due"), [
    (Decimal(3000), d(2020, 12, 31), d(2021, 4, 1)),     # T0: the municipality settles within 13 weeks
    (Decimal(13257), d(2020, 11, 30), d(2021, 3, 1)),    # one-off: activity end + 13 weeks
    (Decimal(13257), d(2020, 12, 31), d(2021, 4, 30)),   # yearly T1: before 1 May
    (Decimal(231907), d(2020, 12, 31), d(2021, 7, 1)),   # yearly T2: by 1 July
])
def test_subsidy_verantwoording_follows_the_tier_rules(bedrag, eind, due) -> None:  # type: ignore[no-untyped-def]
    assert verantwoording_uiterlijk(bedrag, eind, SubsidieTreden()) == due


def test_a_statutory_deadline_on_a_weekend_moves_to_monday_and_its_reminder_to_friday() -> None:
    grant = SubsidieFeit(id=5, ontvanger="Yunio", bedrag=Decimal(13257), periode_eind=None,
                         verantwoording_uiterlijk=d(2021, 5, 1))  # a Saturday
    [h] = _plan(d(2021, 5, 3), _activity(subsidies=(grant,)))
    assert (h.regel, h.fase, h.dagen) == ("verantwoording", "0d", 0)  # due Monday 3 May
    [h] = _plan(d(2021, 4, 30), _activity(subsidies=(grant,)))
    assert h.dagen == 3


def test_spending_at_70_percent_of_the_budget_is_signalled_once() -> None:
    activity = _activity(budget=Decimal(10000), besteed=Decimal(7000))
    [h] = _plan(d(2020, 6, 15), activity)
    assert (h.regel, h.dagen) == ("budget", 70)
    assert _plan(d(2020, 6, 15), _activity(budget=Decimal(10000), besteed=Decimal(6999))) == []


def test_working_days_know_easter_liberation_day_and_local_closing_days() -> None:
    assert not W.is_werkdag(d(2020, 4, 10))   # Good Friday
    assert not W.is_werkdag(d(2021, 5, 5))    # Bevrijdingsdag, also outside lustrum years
    assert not W.is_werkdag(d(2020, 12, 26))
    local = Werkdagen([d(2020, 12, 24)])
    assert W.is_werkdag(d(2020, 12, 24)) and not local.is_werkdag(d(2020, 12, 24))
    assert local.op_of_voor(d(2020, 12, 27)) == d(2020, 12, 23)
    assert W.op_of_na(d(2020, 4, 25)) == d(2020, 4, 28)   # Saturday → past King's Day
