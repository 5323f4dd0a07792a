"""The runs the schedule plans have their Dutch name before they start (deployments/run_names.py): the
name their flow gives them as they start (flows/run_names.py), the day in words in Amsterdam, also
across the clock changes; only random names of our deployments' planned runs are changed, once; a
Prefect API that does not answer costs a pass, never the runner. The whole path (Prefect's scheduler,
`serve`, the thread beside it) is in tests/test_schedule.py."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from types import SimpleNamespace

import pytest


@pytest.mark.parametrize(("start", "name"), [
    # The daily check's 07:00 around the clock changes (tests/test_dienst.py): the day in Amsterdam.
    (dt.datetime(2021, 3, 29, 5, 0, tzinfo=dt.UTC), "dagelijkse controle van maandag 29 maart 2021"),
    (dt.datetime(2021, 11, 1, 6, 0, tzinfo=dt.UTC), "dagelijkse controle van maandag 1 november 2021"),
    # 00:30 in Amsterdam is still the day before in UTC: the run's day is Amsterdam's.
    (dt.datetime(2021, 10, 31, 23, 30, tzinfo=dt.UTC), "dagelijkse controle van maandag 1 november 2021"),
])
def test_a_planned_run_is_named_by_its_day_in_amsterdam(monkeypatch, start: dt.datetime, name: str) -> None:  # type: ignore[no-untyped-def]
    from flows.planned_names import planned_name
    from flows.run_names import daily_check
    from models.settings import get_settings

    monkeypatch.delenv("REGIE_VANDAAG")  # production: every planned run works on its own day
    get_settings.cache_clear()
    assert planned_name(SimpleNamespace(parameters={}, expected_start_time=start), daily_check) == name


def test_with_a_set_date_a_planned_run_is_named_by_the_day_it_will_check() -> None:
    from flows.planned_names import planned_name
    from flows.run_names import progress_round, reports

    # conftest sets REGIE_VANDAAG=2026-11-23: every run then checks that day, whenever it starts
    run = SimpleNamespace(parameters={}, expected_start_time=dt.datetime(2030, 1, 2, 6, 0, tzinfo=dt.UTC))
    assert planned_name(run, progress_round) == "voortgang uitvragen van maandag 23 november 2026"
    given = SimpleNamespace(parameters={"peildatum": "2020-06-18"}, expected_start_time=run.expected_start_time)
    assert planned_name(given, reports) == "voortgangsrapportage van donderdag 18 juni 2020"


@pytest.mark.usefixtures("prefect")
def test_only_random_names_of_our_planned_runs_change_once() -> None:
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    from flows.dagelijkse_controle import run_daily_check
    from flows.planned_names import rename_planned
    from flows.run_names import daily_check
    from models.clock import real_utcnow

    ours = run_daily_check.to_deployment(name="namen-ons").apply()
    other = run_daily_check.to_deployment(name="namen-ander").apply()
    soon = real_utcnow() + dt.timedelta(days=2)
    with get_client(sync_client=True) as client:
        def planned(deployment, at: dt.datetime = soon, **extra):  # type: ignore[no-untyped-def]
            return client.create_flow_run_from_deployment(deployment, state=Scheduled(scheduled_time=at), **extra).id

        random_ = planned(ours)
        dry = planned(ours, parameters={"peildatum": "2020-06-18", "droog": True})
        typed = planned(ours, name="controle voor de wethouder")
        dashed = planned(ours, name="Extra-Controle")  # a dash, but not Prefect's random name
        due = planned(ours, real_utcnow() + dt.timedelta(seconds=20))  # the flow names it as it starts
        foreign = planned(other)
        before = {run: client.read_flow_run(run).name for run in (random_, due, foreign)}
        assert all(before[run].count("-") >= 1 for run in before), before

        assert rename_planned(client, {ours: daily_check}, now=real_utcnow()) == 2
        names = {run: client.read_flow_run(run).name for run in (random_, dry, typed, dashed, due, foreign)}
        # idempotent: a second pass finds nothing to do
        assert rename_planned(client, {ours: daily_check}, now=real_utcnow()) == 0
        for run in names:  # the session's Prefect server is shared: leave it as found
            client.delete_flow_run(run)
        for deployment in (ours, other):
            client.delete_deployment(deployment)
    assert names == {
        random_: "dagelijkse controle van maandag 23 november 2026",  # the set date (conftest)
        dry: "dagelijkse controle van donderdag 18 juni 2020 (droog)",
        typed: "controle voor de wethouder", dashed: "Extra-Controle",
        due: before[due], foreign: before[foreign]}


def test_a_prefect_api_that_does_not_answer_costs_a_pass_not_the_runner(monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

    import deployments.run_names as run_names
    from deployments import deployments

    monkeypatch.setattr(run_names, "TIMEOUT", 0.5)
    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    api = f"http://127.0.0.1:{silent.getsockname()[1]}/api"
    names = run_names.PlannedNames(deployments())
    assert set(names.wanted) == {"dagelijkse-controle/dagelijkse-controle",
                                 "voortgang-uitvragen/voortgang-uitvragen",
                                 "voortgangsrapportage/voortgangsrapportage"}  # not the unscheduled one
    try:
        with caplog.at_level(logging.WARNING, logger="deployments.run_names"), \
                temporary_settings({PREFECT_API_URL: api, PREFECT_CLIENT_MAX_RETRIES: 0}):
            assert names.once() is None
            assert names.once() is None
    finally:
        silent.close()
    said = [r.getMessage() for r in caplog.records if r.name == "deployments.run_names"]
    assert said == ["Geplande runs nog niet hernoemd, de Prefect-API: geen antwoord binnen de wachttijd. "
                    "Over 10 seconden opnieuw."]  # once, not once per pass


def test_a_check_in_run_is_named_by_person_and_the_rounds_day_in_words() -> None:
    """The Prefect UI's list of check-ins: "voortgang Anna de Vries, Bronckhorst, 2020-06-18" had an ISO day."""
    from flows.run_names import checkin

    asked = {"persoon": "regisseur-jeugd", "gemeente": "Bronckhorst", "ronde": "2020-06-18"}
    assert checkin(asked, dt.date(2020, 6, 22), "Anna de Vries") == (
        "voortgang Anna de Vries, Bronckhorst, donderdag 18 juni 2020")
    assert checkin({"gemeente": "Bronckhorst"}, dt.date(2020, 6, 22), "Anna de Vries").endswith(
        ", maandag 22 juni 2020")


@pytest.mark.usefixtures("prefect")
def test_the_flows_hook_names_the_planned_runs_of_its_own_deployment_only() -> None:
    """On a work pool nothing of ours runs beside Prefect's worker: the scheduled flows' completion and
    failure hook names their deployment's planned runs (the whole path: tests/test_scale_out.py)."""
    from prefect.client.orchestration import get_client
    from prefect.states import Scheduled

    from flows.dagelijkse_controle import run_daily_check
    from flows.planned_names import name_next_runs
    from models.clock import real_utcnow

    assert {h.__name__ for h in run_daily_check.on_completion_hooks + run_daily_check.on_failure_hooks} == {
        "name_next_runs"}
    ours = run_daily_check.to_deployment(name="haak-ons").apply()
    other = run_daily_check.to_deployment(name="haak-ander").apply()
    with get_client(sync_client=True) as client:
        at = Scheduled(scheduled_time=real_utcnow() + dt.timedelta(days=3))
        mine, foreign = (client.create_flow_run_from_deployment(d, state=at).id for d in (ours, other))
        name_next_runs(run_daily_check, SimpleNamespace(deployment_id=None), None)  # `regie controle`
        unchanged = client.read_flow_run(mine).name
        name_next_runs(run_daily_check, SimpleNamespace(deployment_id=ours), None)
        names = [client.read_flow_run(run).name for run in (mine, foreign)]
        for run in (mine, foreign):  # the session's Prefect server is shared: leave it as found
            client.delete_flow_run(run)
        for deployment in (ours, other):
            client.delete_deployment(deployment)
    assert "-" in unchanged and names[0] == "dagelijkse controle van maandag 23 november 2026", names
    assert "-" in names[1] and names[1] != names[0]
