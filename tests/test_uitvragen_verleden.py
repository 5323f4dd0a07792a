"""A check-in answered in the Prefect UI's form: a new date in the past is asked about once and
recorded when sent again."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import test_uitvragen
from tests.conftest import Database, Mailserver, one_database
from tests.test_uitvragen import _load, _start_checkin, _wait

pytestmark = pytest.mark.usefixtures("prefect")
served = test_uitvragen.served  # the fixture, here too


def _form_as_the_ui_shows_it(run_id, state) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    """The description above the form and the form's fields, read as the Prefect UI reads them."""
    import json

    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound, PrefectHTTPStatusError

    keyset = state.state_details.run_input_keyset
    deadline = time.monotonic() + 30
    with get_client(sync_client=True) as client:
        while True:  # the run is Paused a moment before it has saved its form
            try:
                description = client.read_flow_run_input(run_id, keyset["description"])
                schema = json.loads(client.read_flow_run_input(run_id, keyset["schema"]))
                break
            except (ObjectNotFound, PrefectHTTPStatusError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    # (the Markdown escapes of register text, services/rendering.py markdown_text, left out)
    return json.loads(description).replace("\\", ""), schema["properties"]


@one_database
@pytest.mark.processes
def test_a_new_date_in_the_past_on_the_prefect_form_is_asked_about_once_and_recorded_when_sent_again(
        db: Database, sample: Path, smtp: Mailserver, served: None) -> None:
    """The answer page asks once about a new date in the past ("Klopt de datum?"); the Prefect UI's
    form recorded it at once. Now the run records nothing, asks again with the Dutch warning above the
    form and beside the field, the form holding what was typed; the same date sent again is recorded,
    another past date is asked about again. Today is the tests' 23 November 2026."""
    from prefect.flow_runs import resume_flow_run

    from models.tables import Change, CheckIn, Milestone

    _load(sample)
    run = _start_checkin()
    _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
    with db.session() as session:
        form = session.scalars(select(CheckIn)).one().formulier
    i = next(i for i, a in enumerate(form) if a["sleutel"] == "uitvoeringsagenda-regionaal-sportakkoord")
    j = next(j for j, m in enumerate(form[i]["mijlpalen"]) if m["sleutel"] == "collegebesluit-uitvoeringsagenda")
    field, reason = f"a{i}_m{j}_nieuwe_datum", f"a{i}_m{j}_reden"
    snapshot = db.snapshot()

    answer = {field: "2026-11-01", reason: "Besluit na de zomer", f"a{i}_koers": "achter"}
    resume_flow_run(run.id, run_input=answer)
    state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-1", "asked")
    warning = ("Let op: 1 november 2026 ligt in het verleden (vandaag is 23 november 2026): de mijlpaal "
               "„Collegebesluit over de uitvoeringsagenda” van Uitvoeringsagenda Regionaal Sportakkoord")
    description, fields = _form_as_the_ui_shows_it(run.id, state)
    assert description.startswith(f"**Klopt de datum?** {warning}") and "Er is nog niets vastgelegd." in description
    assert "verstuur het formulier met dezelfde datum" in description
    assert fields[field]["default"] == "2026-11-01" and fields[field]["description"].startswith(warning)
    assert fields[reason]["default"] == "Besluit na de zomer" and fields[f"a{i}_koers"]["default"] == "achter"
    assert fields[field]["title"].endswith(": nieuwe verwachte datum")  # the form's own labels stay
    assert list(fields)[:2] == [field, reason]  # the question first (v1 hides the description of a long form)
    with db.session() as session:
        assert (session.scalars(select(CheckIn)).one().fout or "").startswith(warning)
    assert {k: v for k, v in db.snapshot().items() if k != "uitvraag"} == \
        {k: v for k, v in snapshot.items() if k != "uitvraag"}  # nothing recorded

    resume_flow_run(run.id, run_input={**answer, field: "2026-10-15"})  # another past date: asked again
    state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-2", "asked again")
    description, fields = _form_as_the_ui_shows_it(run.id, state)
    assert "Let op: 15 oktober 2026 ligt in het verleden" in description
    assert fields[field]["default"] == "2026-10-15"

    resume_flow_run(run.id, run_input={**answer, field: "2026-10-15"})  # the same date again: recorded
    final = _wait(run.id, lambda s: s.is_final(), "answered")
    assert final.is_completed(), final
    with db.session() as session:
        moved = session.scalars(select(Milestone).where(Milestone.sleutel == "collegebesluit-uitvoeringsagenda")).one()
        assert moved.uiterlijk == dt.date(2026, 10, 15)
        checkin = session.scalars(select(CheckIn)).one()
        assert checkin.status == "beantwoord" and checkin.fout is None
        [change] = session.scalars(select(Change).where(Change.veld == "uiterlijk")).all()
        assert (change.nieuw, change.reden, change.door) == ("2026-10-15", "Besluit na de zomer", "regisseur-jeugd")
