"""The daily check end to end: the real flow on a Prefect test server, a real database and a
real SMTP server on 127.0.0.1. Mail arrives once; nothing is lost when delivery fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import Database, Mailserver, free_port

pytestmark = pytest.mark.usefixtures("prefect")

REGISSEUR = "regisseur.jeugd@example.org"
COORDINATOR = "coordinator.sociaaldomein@example.org"
ONDERWIJS = "beleid.onderwijs@example.org"
PROGRAMME = "bronckhorst/programma-1.yaml"


def check(peildatum: dt.date, **kw: object) -> tuple[object, dict]:  # type: ignore[type-arg]
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine
    from models.settings import get_settings

    get_settings.cache_clear()
    get_engine.cache_clear()
    state = run_daily_check(peildatum=peildatum, return_state=True, **kw)
    result = state.result(raise_on_failure=False)
    return state, getattr(result, "samenvatting", result)  # a Failed run carries it in its exception


def load(register: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=register, max_size=10_000_000)


def edit_milestone(register: Path, activity: str, milestone: str, **changes: object) -> None:
    from services.register.exporting import dump_yaml

    path = register / PROGRAMME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [target] = [m for a in data["activiteiten"] if a["id"] == activity for m in a["mijlpalen"] if m["id"] == milestone]
    target.update(changes)
    path.write_text(dump_yaml(data, "bewerkt in een test"), encoding="utf-8")


def reminders(db: Database) -> list[tuple]:  # type: ignore[type-arg]
    from models.tables import SentReminder

    with db.session() as session:
        return [(r.regel, r.status, r.pogingen, r.laatste_fout, r.mislukte_runs)
                for r in session.scalars(select(SentReminder).order_by(SentReminder.id))]


def test_the_check_mails_each_person_one_digest_and_a_second_run_sends_nothing(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    load(sample)
    state, summary = check(dt.date(2020, 6, 15))
    assert state.is_completed(), state.message
    assert smtp.to() == sorted([REGISSEUR, COORDINATOR, ONDERWIJS])
    subjects = smtp.subjects()
    assert subjects[REGISSEUR].startswith("programmaregie 15 juni 2020:") and "te laat" in subjects[REGISSEUR]
    regisseur = smtp.text(REGISSEUR)
    assert "Bronckhorst · programma 1: Gezond en weerbaar" in regisseur
    assert "Collegebesluit over de uitvoeringsagenda: 167 dagen te laat" in regisseur
    # Owned by the policy officer, more than 14 days late: the regisseur hears of it as well.
    assert "Uitvoeringsafspraken voor alle thema" in regisseur and "als regisseur" in regisseur
    # The regisseur answers on their personal page; the coordinator also gets the Prefect UI's link.
    assert "/mijn/" in regisseur and "/runs/flow-run/" not in regisseur
    link = assert_link_opens_todays_summary(smtp.text(COORDINATOR))
    plain = [part.get_payload(decode=True).decode() for rcpts, message in smtp.received if COORDINATOR in rcpts
             for part in message.walk() if part.get_content_type() == "text/plain"]
    assert f"Coördinatoren: de samenvatting van de controle van 15 juni 2020 staat in Prefect: {link}" in plain[0]
    onderwijs = smtp.text(ONDERWIJS)
    assert "Uitvoeringsafspraken voor alle thema" in onderwijs and "15 dagen te laat" in onderwijs
    assert "als coördinator" in smtp.text(COORDINATOR)
    assert summary["bezorgd"] == 3 and summary["niet_bezorgd"] == 0 and summary["nieuw"] > 3
    assert {status for _, status, *_ in reminders(db)} == {"verstuurd"}

    state, summary = check(dt.date(2020, 6, 15))
    assert state.is_completed() and summary["nieuw"] == 0 and summary["bezorgd"] == 0
    assert len(smtp.received) == 3


def assert_link_opens_todays_summary(mail: str) -> str:
    """The coordinator's link opens the summary itself (not its key's list of versions), filled in."""
    import re
    import uuid

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterId

    found = re.search(r'<a href="http://127\.0\.0\.1:4200/artifacts/artifact/([0-9a-f-]{36})">'
                      "de samenvatting van de controle van 15 juni 2020</a> staat in Prefect", mail)
    assert found, mail
    with get_client(sync_client=True) as client:
        [summary] = client.read_artifacts(
            artifact_filter=ArtifactFilter(id=ArtifactFilterId(any_=[uuid.UUID(found[1])])))
    assert summary.key == "dagelijkse-controle" and summary.type == "markdown"
    assert summary.description == "Dagelijkse controle 15 juni 2020: te laat en binnenkort per programma"
    assert "Bezorgd: 3 overzichten" in str(summary.data) and "loopt nog" not in str(summary.data)
    return found[0].split('"')[1]


def test_when_smtp_is_down_nothing_is_lost_and_each_arrives_once_when_it_is_back(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    load(sample)
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://gebruiker:Geheim-Wachtwoord-42@127.0.0.1:{free_port()}")
    state, summary = check(dt.date(2020, 6, 15))
    assert state.is_failed() and "niet bezorgd" in (state.message or "")
    assert summary["bezorgd"] == 0 and summary["niet_bezorgd"] > 0
    stored = reminders(db)
    assert stored and all(status == "mislukt" and pogingen == 2 and runs == 1 for _, status, pogingen, _, runs in stored)
    assert all(fout and "Geheim-Wachtwoord-42" not in fout for *_, fout, _ in stored)

    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{smtp.port}")
    state, summary = check(dt.date(2020, 6, 16))
    assert state.is_completed()
    assert smtp.to() == sorted([REGISSEUR, COORDINATOR, ONDERWIJS])  # one digest each, with both days' items
    assert {status for _, status, *_ in reminders(db)} == {"verstuurd"}
    check(dt.date(2020, 6, 16))
    assert len(smtp.received) == 3


def test_a_moved_due_date_re_arms_and_a_done_milestone_stays_silent(db: Database, sample: Path, smtp: Mailserver) -> None:
    load(sample)
    check(dt.date(2020, 6, 15))
    smtp.received.clear()
    edit_milestone(sample, "uitvoeringsstrategie-rijkere-visie-op-onderwijs", "uitvoeringsafspraken-alle-themas",
                   uiterlijk=dt.date(2020, 6, 26))
    load(sample)
    check(dt.date(2020, 6, 16))
    assert smtp.to() == [ONDERWIJS]
    assert "Uitvoeringsafspraken voor alle thema's gemaakt: over 10 dagen" in smtp.text(ONDERWIJS)

    smtp.received.clear()
    edit_milestone(sample, "uitvoeringsstrategie-rijkere-visie-op-onderwijs", "uitvoeringsafspraken-alle-themas",
                   gereed=dt.date(2020, 6, 20))
    load(sample)
    check(dt.date(2020, 6, 26))  # the due day: a reminder would go out, but it is done
    assert all("Uitvoeringsafspraken" not in smtp.text(r) for r in smtp.to())


def test_after_three_failed_runs_the_coordinator_is_told(db: Database, sample: Path, smtp: Mailserver) -> None:
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    for person in data["personen"]:
        if person["sleutel"] == "beleid-onderwijs":
            person["kanalen"] = []  # a placeholder nobody filled in
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load(sample)
    for day in (15, 16, 17):
        state, _ = check(dt.date(2020, 6, day))
        assert state.is_failed()
    coordinator = [m for rcpts, m in smtp.received if COORDINATOR in rcpts]
    assert "Berichten aan Beleidsmedewerker onderwijs (beleid-onderwijs) konden in 3 runs niet worden bezorgd" \
        in smtp.text(COORDINATOR) or any("beleid-onderwijs" in str(m) for m in coordinator)
    notices = [r for r in reminders(db) if r[0] == "bezorging-mislukt"]
    assert len(notices) == 1 and notices[0][1] == "verstuurd"
    check(dt.date(2020, 6, 18))
    assert len([r for r in reminders(db) if r[0] == "bezorging-mislukt"]) == 1  # told once


def test_a_dry_run_plans_and_reports_but_records_and_sends_nothing(db: Database, sample: Path, smtp: Mailserver) -> None:
    load(sample)
    state, summary = check(dt.date(2020, 6, 15), droog=True)
    assert state.is_completed() and summary["te_laat"] > 0
    assert smtp.received == [] and reminders(db) == []
    # It says what a real run would record now, and for how many people ('0 nieuwe' before: untrue).
    _state, real = check(dt.date(2020, 6, 15))
    assert (summary["nieuw"], summary["personen"]) == (real["nieuw"], real["bezorgd"]) and real["nieuw"] > 0
    _state, again = check(dt.date(2020, 6, 15), droog=True)
    assert (again["nieuw"], again["personen"]) == (0, 0)  # recorded already: a real run adds nothing


def test_the_prefect_ui_shows_the_summary_and_table_artifacts(db: Database, sample: Path, smtp: Mailserver) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    load(sample)
    state, counted = check(dt.date(2020, 6, 15))
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
        summary = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["dagelijkse-controle"])))
        table = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["dagelijkse-controle-punten"])))
    assert run.name == "dagelijkse controle van maandag 15 juni 2020"
    mine = [a for a in summary if a.flow_run_id == run.id]
    assert mine and "# Dagelijkse controle 15 juni 2020" in mine[0].data
    # the table's short label (as the items' table has it), the whole title below the table
    assert "| Bronckhorst · P1 |" in mine[0].data and "- Bronckhorst · P1: Gezond en weerbaar" in mine[0].data
    # the other points by what they are (the words of `regie controle` too), not "overige punten"
    assert counted["overig"] == sum(counted["overig_per_regel"].values()) > 0
    assert counted["overig_per_regel"] == {"stilstand": 8}
    assert "0 binnenkort, 8 activiteiten 6 weken of langer zonder voortgang." in mine[0].data
    rows = next(a for a in table if a.flow_run_id == run.id).data
    # what matters first: the stand, the date it counts from, who, what (whole up to 80 characters)
    assert rows.startswith('[{"Stand": "167 dagen te laat", "Datum": "uiterlijk 31 december 2019", "Wie": ')
    assert '"Wat": "Collegebesluit over de uitvoeringsagenda"' in rows


def test_no_reminders_go_out_on_kings_day(db: Database, sample: Path, smtp: Mailserver) -> None:
    load(sample)
    state, summary = check(dt.date(2020, 4, 27))
    assert state.is_completed() and summary["nieuw"] == 0 and smtp.received == []


def test_two_checks_at_the_same_moment_send_each_reminder_once(db: Database, sample: Path, smtp: Mailserver) -> None:
    """Two runs claim, insert and deliver concurrently; the unique key decides who sends."""
    import threading

    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.db import session_scope
    from models.settings import get_settings
    from services.outbox import store
    from services.reminders import daily_check
    from tests.test_outbox import deliver_held

    load(sample)
    day = dt.date(2020, 6, 15)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            with session_scope() as session:
                facts = daily_check.collect_facts(session=session)
            planned = plan(facts.activiteiten, peildatum=day, regels=get_settings().regels, werkdagen=Werkdagen(),
                           coordinatoren=facts.coordinatoren)
            barrier.wait()
            with session_scope() as session:
                store.record(session=session, planned=planned, run=name, lease=30,
                             gemeenten={a.id: a.gemeente_id for a in facts.activiteiten})
            deliver_held(name, get_settings())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"run-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    items = [line for rcpts, m in smtp.received for line in smtp.text(rcpts[0]).split("<tr>")[1:]]
    assert len(items) == len(reminders(db))  # every reminder in exactly one mail
    assert all(status == "verstuurd" for _, status, *_ in reminders(db))
