"""The tests' wait for a check-in's form: Prefect shows Paused before the form's schema is stored,
and a resume in that moment is refused ("Run input schema not found", a CI failure of session 13)."""

from __future__ import annotations

import pytest

from tests.prefect_fixtures import form_stored


@pytest.mark.usefixtures("prefect")
def test_a_run_paused_for_input_counts_as_waiting_only_once_its_schema_is_stored() -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.input.run_input import keyset_from_paused_state
    from prefect.states import Paused

    @flow(name="wacht-op-formulier")
    def waits() -> None:  # never run: only its run and states are made
        pass

    with get_client(sync_client=True) as client:
        run = client.create_flow_run(waits)
        assert form_stored(client, run.id, run.state)  # not paused: nothing to wait for
        paused = Paused(pause_key="antwoord-0", reschedule=True)
        keyset = keyset_from_paused_state(paused)
        paused.state_details.run_input_keyset = keyset
        client.set_flow_run_state(run.id, paused, force=True)
        state = client.read_flow_run(run.id).state
        assert state.is_paused()
        assert not form_stored(client, run.id, state)
        client.create_flow_run_input(run.id, keyset["schema"], '{"type": "object"}')
        assert form_stored(client, run.id, state)
