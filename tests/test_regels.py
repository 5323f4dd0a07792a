"""The reminder rules and working days, as pure functions (no database, no Prefect)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from domain.rules.begroting import BedragFeit
from domain.rules.regels import (
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
from services.rendering import sentence

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
    (d(2020, 8, 14), [("te-laat", "te-laat-1", EIGENAAR), ("te-laat", "escalatie-regisseur", REGISSEUR)]),
    (d(2020, 8, 28), [("te-laat", "te-laat-3", EIGENAAR), ("te-laat", "escalatie-regisseur", REGISSEUR),
                      ("te-laat", "escalatie-coordinator", COORDINATOR)]),  # 28 days: the coordinator too
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


def test_a_pilot_end_is_announced_90_and_30_days_ahead_and_on_the_day_asking_for_an_evaluation() -> None:
    end = MijlpaalFeit(id=7, soort="einde", omschrijving="Einde pilot", uiterlijk=d(2020, 10, 31))
    [h] = _plan(d(2020, 8, 3), _activity(end, soort="pilot"))
    assert (h.regel, h.fase, h.vraag_evaluatie) == ("pilot-einde", "90d", True)
    later = MijlpaalFeit(id=101, soort="evaluatie", omschrijving="Evaluatie", uiterlijk=d(2020, 12, 1))
    [h] = _plan(d(2020, 10, 1), _activity(end, later, soort="pilot"))
    assert h.regel == "pilot-einde" and h.fase == "30d" and not h.vraag_evaluatie
    [h] = _plan(d(2020, 10, 30), _activity(end, soort="pilot"))  # 31 October is a Saturday
    assert (h.regel, h.fase, h.vraag_evaluatie) == ("pilot-einde", "0d", True)


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
    # How to answer, at once: only `regie dienst`'s check-in round sends a separate question, and the
    # digest carries the page's link (before, its footer promised a question that never came without it).
    assert sentence({**h._asdict(), "datum": h.vervaldatum}) == (
        "Tijd voor een voortgangsbericht over deze activiteit (ritme: kwartaal): geef de voortgang door op de "
        "pagina \"Mijn activiteiten\". Verwacht ook de rapportage van Yunio.")
    assert _plan(d(2020, 4, 20), activity) == []  # outside the 14-day window: no surprise reminder weeks later


@pytest.mark.parametrize("answered", [d(2020, 4, 1), d(2020, 4, 3)])
def test_an_owner_who_answered_since_the_moment_is_not_asked_again_nor_counted(answered: dt.date) -> None:
    """A trial's `regie controle` kept saying "1 vraag om voortgang" on the days after the moment
    although both owners had answered: an answer on or after the moment settles it."""
    activity = _activity(ritme="kwartaal", status="lopend", laatste_voortgang=answered)
    assert _plan(d(2020, 4, 6), activity) == []
    for before_or_after in (d(2020, 3, 31), d(2020, 4, 7)):  # before the moment, or after the day checked
        assert [h.regel for h in _plan(d(2020, 4, 6), _activity(ritme="kwartaal", status="lopend",
                                                                   laatste_voortgang=before_or_after))] == ["monitoring"]


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


def test_spending_at_70_percent_of_an_undated_budget_is_signalled_once() -> None:
    """An amount without period or years means what it did before: spending of all years against it,
    under the stage the alert always had (so an alert sent before the upgrade is not repeated)."""
    activity = _activity(bedragen=(BedragFeit(Decimal(10000)),), besteed=((2019, Decimal(3000)), (2020, Decimal(4000))))
    [h] = _plan(d(2020, 6, 15), activity)
    assert (h.regel, h.fase, h.dagen) == ("budget", "70", 70)
    assert _plan(d(2020, 6, 15), _activity(bedragen=(BedragFeit(Decimal(10000)),),
                                           besteed=((2020, Decimal(6999)),))) == []


def test_working_days_know_easter_liberation_day_and_local_closing_days() -> None:
    assert not W.is_werkdag(d(2020, 4, 10))   # Good Friday
    assert not W.is_werkdag(d(2021, 5, 5))    # Bevrijdingsdag, also outside lustrum years
    assert not W.is_werkdag(d(2020, 12, 26))
    local = Werkdagen([d(2020, 12, 24)])
    assert W.is_werkdag(d(2020, 12, 24)) and not local.is_werkdag(d(2020, 12, 24))
    assert local.op_of_voor(d(2020, 12, 27)) == d(2020, 12, 23)
    assert W.op_of_na(d(2020, 4, 25)) == d(2020, 4, 28)   # Saturday → past King's Day


def _season(first: dt.date, days: int, *activities: ActiviteitFeit) -> list[tuple[int, str, int, str]]:
    """What is new each day of a run of consecutive days, as the daily check records it: a
    reminder whose once-only key was recorded before is not sent again. (days late, rule,
    recipient, sentence) per message sent."""
    sent: set[tuple[object, ...]] = set()
    out = []
    for n in range(days):
        day = first + dt.timedelta(days=n)
        for h in _plan(day, *activities):
            if h.sleutel not in sent:
                sent.add(h.sleutel)
                out.append((h.dagen, h.regel, h.ontvanger_id, sentence({**h._asdict(), "datum": h.vervaldatum})))
    return out


def test_the_regisseur_is_told_once_at_14_days_late_and_the_coordinator_once_at_28() -> None:
    """Overdue every day for five weeks (working days only, as the schedule runs): the owner hears
    weekly, the regisseur once (at 14 days, not again at 15), the coordinator once (at 28, not 29)."""
    due = d(2021, 3, 1)  # a Monday; 14 and 28 days late are Mondays too
    milestone = MijlpaalFeit(id=1, soort="oplevering", omschrijving="Plan van aanpak", uiterlijk=due)
    sent = _season(due + dt.timedelta(days=1), 40, _activity(milestone))
    assert [(late, who) for late, _, who, _ in sent] == [
        (1, EIGENAAR), (8, EIGENAAR), (14, REGISSEUR), (15, EIGENAAR), (22, EIGENAAR), (28, COORDINATOR),
        (29, EIGENAAR), (36, EIGENAAR)]
    assert [late for late, _, who, _ in sent if who == REGISSEUR] == [14]
    assert [late for late, _, who, _ in sent if who == COORDINATOR] == [28]
    assert sent[0][3] == "Plan van aanpak: 1 dag te laat (uiterlijk was 1 maart 2021)"


def test_an_escalation_due_on_a_holiday_reaches_the_regisseur_on_the_next_working_day_once() -> None:
    due = d(2021, 3, 19)  # 14 days late is Good Friday 2 April, then Easter Monday: Tuesday 6 April
    milestone = MijlpaalFeit(id=1, soort="oplevering", omschrijving="Plan", uiterlijk=due)
    sent = _season(due, 30, _activity(milestone))
    assert [late for late, _, who, _ in sent if who == REGISSEUR] == [18]


def test_a_subsidy_deadline_moved_by_the_termijnenwet_shows_the_moved_date() -> None:
    """1 May 2021 is a Saturday: the deadline is Monday 3 May, and that is the date in the text."""
    grant = SubsidieFeit(id=5, ontvanger="Yunio", bedrag=Decimal(13257), periode_eind=None,
                         verantwoording_uiterlijk=d(2021, 5, 1))
    [h] = _plan(d(2021, 5, 3), _activity(subsidies=(grant,)))
    assert sentence({**h._asdict(), "datum": h.vervaldatum}) == \
        "Subsidieverantwoording Yunio: uiterlijk 3 mei 2021 (vandaag)"
    [h] = _plan(d(2021, 4, 30), _activity(subsidies=(grant,)))
    assert sentence({**h._asdict(), "datum": h.vervaldatum}) == \
        "Subsidieverantwoording Yunio: uiterlijk 3 mei 2021 (over 3 dagen)"
    [h] = _plan(d(2021, 5, 4), _activity(subsidies=(grant,)))
    assert sentence({**h._asdict(), "datum": h.vervaldatum}) == \
        "Subsidieverantwoording Yunio: 1 dag te laat (uiterlijk was 3 mei 2021)"


def test_a_pilot_end_is_asked_about_on_the_day_and_then_as_an_evaluation_not_as_a_repeating_end() -> None:
    """No 'loopt af … (9 dagen geleden)' every week: on the end day the question whether an
    evaluation is needed; without an answer, a week later and then weekly as a late evaluation
    (escalated once per rung); with an evaluation planned, nothing about the end after the day."""
    end = MijlpaalFeit(id=7, soort="einde", omschrijving="Einde pilot", uiterlijk=d(2021, 3, 1))
    sent = _season(d(2021, 3, 1), 40, _activity(end, soort="pilot"))
    assert [(late, regel, who) for late, regel, who, _ in sent] == [
        (0, "pilot-einde", EIGENAAR), (7, "pilot-evaluatie", EIGENAAR), (14, "pilot-evaluatie", EIGENAAR),
        (14, "pilot-evaluatie", REGISSEUR), (21, "pilot-evaluatie", EIGENAAR), (28, "pilot-evaluatie", EIGENAAR),
        (28, "pilot-evaluatie", COORDINATOR), (36, "pilot-evaluatie", EIGENAAR)]  # 35: Easter Monday
    assert sent[0][3] == ("De pilot loopt af: Einde pilot vandaag. Er staat geen evaluatie gepland: "
                          "is een evaluatie nodig?")
    assert sent[1][3].startswith("Evaluatie van de pilot: Einde pilot was op 1 maart 2021 (7 dagen geleden)")
    assert not any("loopt af" in text for *_, text in sent[1:])
    evaluation = MijlpaalFeit(id=8, soort="evaluatie", omschrijving="Evaluatie", uiterlijk=d(2021, 6, 1))
    with_evaluation = _season(d(2021, 3, 1), 40, _activity(end, evaluation, soort="pilot"))
    assert [(late, regel) for late, regel, who, _ in with_evaluation if who == EIGENAAR] == [(0, "pilot-einde")]


def test_a_rule_without_dates_counts_from_the_day_it_was_checked_from_at_load() -> None:
    """Found by the fuzz suite: without vroegst and uiterlijk the load checked a rule from 1 January
    2000 and the rules counted it from 1 January of the peildatum's year, so a rule that loaded found
    no day from another year's start and the rules raised (2024, 2029, 2030 for this one)."""
    from domain.register.register import Mijlpaal
    from domain.rules.milestones import next_due

    rule = Mijlpaal(id="m", soort="evaluatie", omschrijving="x", herhaling="FREQ=DAILY;INTERVAL=647;BYWEEKNO=3")
    for year in range(2018, 2034):
        due = next_due(uiterlijk=None, vroegst=None, herhaling=rule.herhaling, peildatum=dt.date(year, 6, 1))
        assert due is None or due >= dt.date(year, 6, 1)
    # every other year, counted from a fixed start: the even years, not every year
    biennial = Mijlpaal(id="b", soort="evaluatie", omschrijving="x",
                        herhaling="FREQ=YEARLY;INTERVAL=2;BYMONTH=10;BYMONTHDAY=11")
    assert [next_due(uiterlijk=None, vroegst=None, herhaling=biennial.herhaling, peildatum=dt.date(y, 1, 1))
            for y in (2025, 2026, 2027)] == [dt.date(2026, 10, 11), dt.date(2026, 10, 11), dt.date(2028, 10, 11)]
