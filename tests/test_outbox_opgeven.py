"""The outbox gives up: a channel that keeps failing is given up for a message after the set number of
runs, and a coordinator no channel reaches is shown once in the Prefect UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from tests import test_outbox
from tests.conftest import Database, Mailserver
from tests.test_outbox import COORDINATOR, NOTICE, Endpoint, deliver_held, people, reminder

failing_channel = test_outbox.failing_channel  # the fixture, here too


def test_a_channel_that_keeps_failing_is_given_up_for_a_message_after_the_set_number_of_runs(
        db: Database, smtp: Mailserver, failing_channel: Endpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person's second channel is broken for weeks: each message is tried there in at most
    ``bezorg_max_runs`` runs, so a run never retries a growing backlog and a repaired channel does
    not get weeks of stale digests. The mail went once; the message is then done (opgegeven)."""
    from models.db import session_scope
    from models.settings import get_settings
    from models.tables import BundleDelivery, Delivery, Person, SentReminder
    from services.outbox import store

    monkeypatch.setenv("REGIE_BEZORG_MAX_RUNS", "3")
    get_settings.cache_clear()
    [pid] = people(db, 1)
    with db.session() as session:
        person = session.get(Person, pid)
        person.kanalen = [*person.kanalen, failing_channel.url]  # type: ignore[union-attr]
        session.commit()
    with session_scope() as session:
        store.record(session=session, planned=[reminder(pid)], gemeenten={}, run="run-0", lease=30)
    posts = []
    for i in range(5):  # five daily runs; the message was recorded in the first
        before = len(failing_channel.bodies)
        deliver_held(f"run-{i}", get_settings())
        posts.append(len(failing_channel.bodies) > before)
    assert posts == [True, True, True, False, False]
    assert len(smtp.received) == 1
    with db.session() as session:
        [message] = session.scalars(select(SentReminder)).all()
        deliveries = {d.kanaal_sleutel: d.status for d in session.scalars(select(Delivery))}
        deliveries |= {z.kanaal_sleutel: "verstuurd" for z in session.scalars(select(BundleDelivery))}
    assert message.status == "opgegeven"
    assert sorted(deliveries.values()) == ["opgegeven", "verstuurd"]


@pytest.mark.usefixtures("prefect")
def test_when_no_channel_of_the_coordinator_works_the_notice_is_shown_once_in_the_prefect_ui(
        db: Database, sample: Path, failing_channel: Endpoint, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mail server is down and the coordinator's Teams-like webhook answers 500: the notice
    about a person's failing channel reaches nobody, so the run that recorded it shows it in the
    Prefect UI (an artifact of that run and its log), in Dutch, once, without any secret."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from tests.conftest import free_port
    from tests.test_dagelijkse_controle import check, load

    password, token = "Wacht/woord-71", "webhooktoken9x4"
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://regie:{password}@127.0.0.1:{free_port()}")  # nothing listens
    webhook = failing_channel.url.replace("json://", f"json://regie:{token}@")
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    for person in data["personen"]:
        if person["sleutel"] == "beleid-onderwijs":
            person["kanalen"] = []
        if person["sleutel"] == "coordinator-sociaal-domein":
            person["kanalen"] = [f"mailto://{COORDINATOR}", webhook]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load(sample)

    def artifacts(state: object) -> list[str]:
        run_id = state.state_details.flow_run_id  # type: ignore[attr-defined]
        with get_client(sync_client=True) as client:
            found = client.read_artifacts(artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["meldingen-niet-bezorgd"])))
            run = client.read_flow_run(run_id)
        assert run.state is not None and run.state.is_failed()
        assert password not in (run.state.message or "") and token not in (run.state.message or "")
        return [str(a.data) for a in found if a.flow_run_id == run_id]

    for day in (15, 16):
        state, _ = check(dt.date(2020, 6, day))
        assert artifacts(state) == []  # no notice yet: a channel is told about after 3 failed runs
    state, _ = check(dt.date(2020, 6, 17))
    [shown] = artifacts(state)
    text = " ".join(shown.replace("\\", "").split())
    assert text.count(f"Berichten aan Beleidsmedewerker onderwijs (beleid-onderwijs) {NOTICE}") == 1, text
    assert "## Aan Coördinator sociaal domein (coordinator-sociaal-domein)" in text
    assert "niet bezorgd via" in text and "Geen enkel kanaal van de ontvanger werkte" in text
    assert password not in shown and token not in shown and "Wacht" not in shown
    assert failing_channel.bodies, "the webhook was tried"
    # The next run tries the notices again, but does not show them in the UI a second time.
    state, _ = check(dt.date(2020, 6, 18))
    assert artifacts(state) == []
