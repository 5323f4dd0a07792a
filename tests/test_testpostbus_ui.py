"""The Prefect UI says when mail went to the local test mailbox. A new user's trial: the terminal said
"geen echte mail", but the daily check's summary in the UI said "Bezorgd: 4 overzichten" and the
report's "Verstuurd aan 1 ontvanger", where the coordinator follows the service. A real daily-check
flow run on the Prefect test server, the data directory's own mailbox (aiosmtpd) and a real SMTP server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver
from tests.mailserver import free_port
from tests.test_dagelijkse_controle import check, load

pytestmark = pytest.mark.usefixtures("prefect")
SQLITE_ONLY = True


def _summary(state: object) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["dagelijkse-controle"])))
    return next(a.data for a in found if a.flow_run_id == state.state_details.flow_run_id)  # type: ignore[attr-defined]


def test_the_check_summary_says_no_real_mail_when_it_went_to_the_local_mailbox(
        db: Database, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings
    from services.operations.mailbox import mailbox, messages

    port = free_port()
    monkeypatch.delenv("REGIE_SMTP_URL", raising=False)
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(port))
    get_settings.cache_clear()
    postvak = get_settings().postvak_dir
    load(sample)
    with mailbox(postvak, port=port):
        state, counted = check(dt.date(2020, 6, 15))
        assert run_reports(peildatum=dt.date(2020, 6, 18)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
    with get_client(sync_client=True) as client:
        # The newest of that key: an earlier test on this worker's Prefect server made one too.
        report = max(client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(
            any_=["rapport-bronckhorst-mosd"]))), key=lambda artifact: artifact.created)
    assert "**Let op: geen echte mail.** E-mail komt in de lokale testpostbus" in report.data
    assert state.is_completed() and counted["bezorgd"] > 0  # type: ignore[attr-defined]
    assert len(messages(postvak)) == counted["bezorgd"] + 1  # and the report
    said = " ".join(_summary(state).split())
    assert f"**Let op: geen echte mail.** E-mail komt in de lokale testpostbus {postvak} als .eml-bestanden " \
           "(geen echte mail); zet REGIE_SMTP_URL voor echte bezorging." in said.replace("\\", "")


def test_real_mail_gets_no_such_note(db: Database, sample: Path, smtp: Mailserver) -> None:
    load(sample)
    state, counted = check(dt.date(2020, 6, 15))
    assert state.is_completed() and counted["bezorgd"] > 0 and smtp.received  # type: ignore[attr-defined]
    assert "geen echte mail" not in _summary(state)
