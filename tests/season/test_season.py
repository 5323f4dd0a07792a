"""A quarter of working days (4 January – 2 April 2021) run by the real service, the way the
schedules would run it, with the events of ``scenario.KWARTAAL``; then what every regisseur,
coordinator and meeting received is checked against the database. See docs/season.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests.season import invariants
from tests.season.conftest import QUARTER_BACKENDS, run_season
from tests.season.invariants import known
from tests.season.scenario import KWARTAAL, Verslag, d

_RUN: dict[str, Verslag] = {}


@pytest.fixture(scope="module", params=QUARTER_BACKENDS)
def kwartaal(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             ) -> Iterator[Verslag]:
    """The quarter, run once per database; every test below reads what it left. Kept for the
    session: pytest tears a module fixture down when a worker runs another module in between, and
    the quarter must not run twice."""
    verslag = _RUN.get(request.param)
    if verslag is not None:
        yield verslag
        return
    verslag = _RUN[request.param] = run_season(
        KWARTAAL, backend=request.param, folder=tmp_path_factory.mktemp(f"kwartaal-{request.param}"))
    print(f"\nseason {request.param}: {verslag.seconden:.0f} s, {len(verslag.runs)} runs, "
          f"{len(verslag.mails)} mails")
    for name, check in invariants.ALLE.items():
        print(f"  {name}: {check(verslag)[:4]}")
    print(f"  runs: {[r for r in verslag.runs if r[2] != 'COMPLETED']}")
    print(f"  answers: {[(day, a.persoon, outcome) for day, a, outcome in verslag.antwoorden]}")
    yield verslag


def _mails(v: Verslag, to: str, day: dt.date) -> list[str]:
    """What ``to`` read on ``day``: "activity: sentence", and the group's heading in brackets after
    an item that is someone else's ("[U ontvangt dit punt als regisseur, niet als eigenaar: …]")."""
    return [f"{a}: {z}" + (f" [{k}]" if k else "") for m in v.mails if m.day == day and to in m.to
            for a, z, k in m.rows()]


def test_the_season_happened_as_the_table_says(kwartaal: Verslag) -> None:
    """The schedules ran every working day in order, the SMTP server was down two days, the broken
    channel was tried, a run was killed in the middle of sending and followed at once."""
    v = kwartaal
    days = {day for day, _, _ in v.runs}
    assert min(days) == d("2021-01-04") and max(days) == d("2021-04-02")
    assert not [day for day in days if day.weekday() >= 5], "the schedules run Monday to Friday"
    assert [dep for day, dep, _ in v.runs if day == d("2021-01-05")] == [
        "voortgangsrapportage", "dagelijkse-controle", "voortgang-uitvragen"]
    assert len(days) == 65
    assert not [m for m in v.mails if m.day in (d("2021-01-20"), d("2021-01-21"))], "the SMTP server was down"
    assert v.kapot, "the broken second channel was never tried"
    [(killed_on, pids)] = v.afgebroken
    assert killed_on == d("2021-03-01") and pids
    assert next(s for day, dep, s in v.runs if day == killed_on and dep == "dagelijkse-controle") == "CRASHED"
    # What the killed run had in flight is bounded: at most one message per open SMTP connection.
    in_flight = [m for m in v.mails if m.poort in v.onderweg]
    assert len(in_flight) <= len(v.onderweg) and all(m.day == killed_on for m in in_flight)
    assert {day for day, _ in v.uitvragen} >= {d("2021-01-04"), d("2021-02-01"), d("2021-02-03"), d("2021-03-11")}


@known("bezorgd")
def test_every_due_reminder_reaches_its_recipient(kwartaal: Verslag) -> None:
    assert invariants.bezorgd(kwartaal) == []


@known("eenmaal")
def test_each_item_stage_person_and_channel_arrives_exactly_once(kwartaal: Verslag) -> None:
    assert invariants.eenmaal(kwartaal) == []


def test_no_mail_on_weekends_holidays_or_the_closing_day(kwartaal: Verslag) -> None:
    assert invariants.vrije_dagen(kwartaal) == []
    assert [dep for day, dep, _ in kwartaal.runs if day == d("2021-04-02")], "Good Friday was run"


@known("escalatie")
def test_late_items_escalate_once_per_rung(kwartaal: Verslag) -> None:
    problems = invariants.escalatie(kwartaal)
    # The evaluation due Friday 26 February: the regisseur hears of it at 14 days, the coordinator at 28.
    assert any("Evaluatie sportakkoord" in s and "als regisseur" in s
               for s in _mails(kwartaal, "regisseur.jeugd@zonnedal.example.org", d("2021-03-12")))
    assert any("Evaluatie sportakkoord" in s and "als coördinator" in s
               for s in _mails(kwartaal, "coordinator@zonnedal.example.org", d("2021-03-26")))
    assert problems == []


@known("uitvragen")
def test_every_check_in_the_round_started_is_answered_or_expires_and_none_fails(kwartaal: Verslag) -> None:
    assert invariants.uitvragen(kwartaal) == []


@known("antwoorden")
def test_every_answer_is_in_the_history_and_the_next_report(kwartaal: Verslag) -> None:
    assert len(kwartaal.antwoorden) == 6
    assert invariants.antwoorden(kwartaal) == []


@known("antwoorden")
def test_answers_move_a_date_and_complete_a_milestone(kwartaal: Verslag) -> None:
    s = kwartaal.snapshot
    assert s is not None
    assert s.milestones["wmo-loket/nieuw-loket"]["uiterlijk"] == d("2021-03-31")
    assert s.milestones["preventieakkoord/collegebesluit"]["gereed"] == d("2021-02-02")
    # The moved delivery is announced again on its new date; the completed decision never again.
    assert any("Oplevering nieuw Wmo-loket: vandaag" in z
               for z in _mails(kwartaal, "regisseur.wmo@zonnedal.example.org", d("2021-03-31")))
    assert not [m for m in kwartaal.mails if m.day > d("2021-02-02")
                for _, z in m.items() if "Collegebesluit preventieakkoord" in z]


@known("meting")
def test_an_indicator_value_from_the_form_is_recorded(kwartaal: Verslag) -> None:
    s = kwartaal.snapshot
    assert s is not None
    assert [(m["indicator"], m["waarde"]) for m in s.measurements] == [("bereik", 42.0)]


@known("termijnenwet")
def test_a_subsidy_deadline_on_a_saturday_moves_to_monday_and_the_mail_says_so(kwartaal: Verslag) -> None:
    said = [z for z in _mails(kwartaal, "regisseur.wmo@zonnedal.example.org", d("2021-03-01"))
            if "Subsidieverantwoording" in z]
    assert said and all("1 maart 2021" in z and "27 februari" not in z for z in said), said


@known("pilot-einde")
def test_a_pilot_end_is_reminded_on_the_end_day(kwartaal: Verslag) -> None:
    assert any("De pilot loopt af" in z for z in _mails(kwartaal, "regisseur.jeugd@zonnedal.example.org",
                                                       d("2021-03-15")))


def test_each_meeting_gets_its_report_once_before_it(kwartaal: Verslag) -> None:
    assert invariants.rapporten(kwartaal) == []
    sent = sorted({(m.day, m.subject) for m in kwartaal.mails if m.subject.startswith("Voortgangsrapportage")})
    assert sent == [
        (d("2021-02-10"), "Voortgangsrapportage Zonnedal voor het MOSD van 18 februari 2021"),
        (d("2021-02-18"), "Voortgangsrapportage Zonnedal voor het PoHo sociaal van 25 februari 2021"),
        (d("2021-03-18"), "Voortgangsrapportage Zonnedal voor het MOSD van 25 maart 2021"),
        (d("2021-03-25"), "Voortgangsrapportage Zonnedal voor het PoHo sociaal van 1 april 2021"),
    ]


def test_reminders_land_on_the_working_day_before_a_closing_day(kwartaal: Verslag) -> None:
    """The evaluation's 14-day stage falls on the closing day (Friday 12 February): it comes on the 11th."""
    assert any("Evaluatie sportakkoord aan het college: over 15 dagen" in z
               for z in _mails(kwartaal, "beleid.onderwijs@zonnedal.example.org", d("2021-02-11")))
