"""One bad value affects only its own item: values put straight into the database (bypassing the
load checks) that the rules or the calendar writer cannot handle. The daily check still mails
the other municipality, the coordinator hears once which item was skipped and why, and
status, simuleer and agenda complete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Database, Mailserver
from tests.test_dagelijkse_controle import check, load

BAD_RULES = ("FREQ=DAILY;UNTIL=gisteren", "FREQ=", "FREQ=SECONDLY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
PROGRAMME = "bronckhorst/programma-1.yaml"


def _plant(db: Database, herhaling: str) -> str:
    """Give one Bronckhorst milestone a rule that would never have loaded, and a person a name with a
    line break; returns the milestone's key."""
    return _plant_row(db, herhaling)[1]


def _plant_row(db: Database, herhaling: str) -> tuple[str, str]:
    """As ``_plant``; returns the keys of the activity and the milestone."""
    with db.engine.begin() as connection:
        row = connection.execute(text(
            "SELECT m.id, m.sleutel, a.sleutel AS activiteit FROM mijlpaal m "
            "JOIN activiteit a ON a.id = m.activiteit_id "
            "JOIN gemeente g ON g.id = a.gemeente_id WHERE g.naam = 'Bronckhorst' ORDER BY m.id LIMIT 1")).one()
        connection.execute(text("UPDATE mijlpaal SET herhaling = :h WHERE id = :id"), {"h": herhaling, "id": row.id})
        connection.execute(text("UPDATE persoon SET naam = :n WHERE sleutel = 'regisseur-jeugd'"),
                           {"n": "Jan\nJansen\x1b[31m"})
    return str(row.activiteit), str(row.sleutel)


def _line(register: Path, activity: str, milestone: str) -> int:
    """The line of the milestone's id in the register file, as a person finds it in an editor."""
    lines = (register / PROGRAMME).read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {activity}")
    return next(n for n, line in enumerate(lines) if n > start and line.strip() == f"- id: {milestone}") + 1


def _place(register: Path, activity: str, milestone: str) -> str:
    return f"{PROGRAMME}, regel {_line(register, activity, milestone)}, veld herhaling"


@pytest.mark.usefixtures("prefect")
@pytest.mark.parametrize("herhaling", BAD_RULES[:2])
def test_a_bad_rule_in_the_database_skips_only_its_milestone_and_the_other_municipality_is_mailed(
        db: Database, region: Path, smtp: Mailserver, tmp_path: Path, herhaling: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    load(region)
    place = _place(region, *_plant_row(db, herhaling))
    state, summary = check(dt.date(2020, 6, 15))
    assert state.is_completed(), state.message
    assert isinstance(summary, dict)
    recipients = smtp.to()
    assert any(r.endswith("@gorinchem.example.org") for r in recipients), recipients
    assert "coordinator.sociaaldomein@example.org" in recipients
    notice = smtp.text("coordinator.sociaaldomein@example.org")
    assert "kon niet worden verwerkt en is overgeslagen" in notice and "herhaling" in notice
    # Named by the register file and line it came from, with what to write instead.
    assert place in " ".join(notice.split()), notice
    assert "Schrijf" in notice or "bijvoorbeeld" in notice
    with get_client(sync_client=True) as client:
        summaries = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["dagelijkse-controle"])))
    artifact = next(a for a in summaries if a.flow_run_id == state.state_details.flow_run_id).data
    assert "## Overgeslagen" in artifact and place in artifact.replace("\\", ""), artifact
    # Calendars: everyone's file is written, the person with the odd name too.
    calendars = sorted(p.name for p in (tmp_path / "data" / "agenda").rglob("*.ics"))
    assert "regisseur-sociaal-domein.ics" in calendars and "regisseur-jeugd.ics" in calendars
    # The notice goes out once: a second run sends nothing new about it.
    smtp.received.clear()
    state, _ = check(dt.date(2020, 6, 15))
    assert state.is_completed()
    assert all("overgeslagen" not in smtp.text(r) for r in smtp.to())


@pytest.mark.parametrize("herhaling", BAD_RULES)
def test_status_simuleer_agenda_and_diagnose_complete_and_name_the_skipped_milestone(
        db: Database, region: Path, regie, herhaling: str) -> None:  # type: ignore[no-untyped-def]
    import time

    assert regie("laad", str(region)).code == 0
    activity, key = _plant_row(db, herhaling)
    place = _place(region, activity, key)
    started = time.monotonic()
    status = regie("status", "--peildatum", "2020-06-15")
    assert status.code == 0, status.err
    assert "Gorinchem" in status.out and place in " ".join(status.out.split()), status.out
    assert f"{activity}/{key}" in status.out.replace("\n", "")
    simulated = regie("simuleer", "--van", "2020-06-01", "--tot", "2020-06-30")
    assert simulated.code == 0, simulated.err
    assert simulated.out.count("Overgeslagen:") == 1 and place in " ".join(simulated.out.split())
    agenda = regie("agenda", "--persoon", "regisseur-jeugd", "--gemeente", "Bronckhorst")
    assert agenda.code == 0, agenda.err
    assert "X-WR-CALNAME:programmaregie – Jan Jansen" in agenda.out and "\x1b" not in agenda.out
    diagnosis = regie("diagnose")
    shown = "".join(ch for ch in diagnosis.out if not ch.isspace() and ch != "│")  # the table wraps words
    assert "".join(place.split()) in shown and "overgeslagen(derestlooptdoor)" in shown, diagnosis.out
    assert f"/{key}" in shown
    assert time.monotonic() - started < 60  # FREQ=SECONDLY or an impossible rule never searches for minutes
    assert "Interne fout" not in status.err + simulated.err + agenda.err + diagnosis.err


def test_the_rules_skip_a_bad_milestone_and_plan_the_rest() -> None:
    from domain.rules.problemen import Probleem
    from domain.rules.regels import ActiviteitFeit, MijlpaalFeit, RegelInstellingen, plan
    from domain.werkdagen import Werkdagen

    good = MijlpaalFeit(1, "evaluatie", "Evaluatie", dt.date(2020, 6, 29))
    bad = MijlpaalFeit(2, "overig", "Kapot", None, herhaling="FREQ=SECONDLY")
    activity = ActiviteitFeit(1, 1, "Bronckhorst · programma 1: x", "Pilot", "project", "lopend", 5, 6,
                              mijlpalen=(bad, good))
    problemen: list[Probleem] = []
    planned = plan([activity], peildatum=dt.date(2020, 6, 15), regels=RegelInstellingen(), werkdagen=Werkdagen(),
                   coordinatoren={1: (9,)}, problemen=problemen)
    assert [h.onderwerp_id for h in planned if h.onderwerp == "mijlpaal"] == [1]
    assert [(p.onderwerp_id, p.veld) for p in problemen] == [(2, "herhaling")]
    assert "hoogstens dagelijks" in problemen[0].melding
    with pytest.raises(ValueError):  # without a list to report in, the error is not swallowed
        plan([activity], peildatum=dt.date(2020, 6, 15), regels=RegelInstellingen(), werkdagen=Werkdagen(),
             coordinatoren={})


def test_the_file_and_line_of_each_item_follow_the_register_without_counting_as_a_change(
        db: Database, region: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """Lines move when someone edits above an item; a reload keeps the stored place current, but
    that is not a change of the register: nothing counted, nothing in the history."""
    from domain.rules.problemen import Probleem
    from models.db import session_scope
    from services.register.provenance import with_sources

    assert regie("laad", str(region)).code == 0
    with db.engine.connect() as connection:
        activity, key = connection.execute(text(
            "SELECT a.sleutel, m.sleutel FROM mijlpaal m JOIN activiteit a ON a.id = m.activiteit_id "
            "JOIN gemeente g ON g.id = a.gemeente_id WHERE g.naam = 'Bronckhorst' ORDER BY m.id DESC")).first()
    line = _line(region, activity, key)
    query = text("SELECT m.id, m.herkomst_bestand, m.herkomst_regel FROM mijlpaal m JOIN activiteit a "
                 "ON a.id = m.activiteit_id WHERE a.sleutel = :a AND m.sleutel = :m")
    with db.engine.connect() as connection:
        milestone_id, bestand, regel = connection.execute(query, {"a": activity, "m": key}).one()
        history = connection.execute(text("SELECT count(*) FROM wijziging")).scalar_one()
    assert (bestand, regel) == (PROGRAMME, line)
    # Three lines of comment above everything, and a reload.
    path = region / PROGRAMME
    path.write_text("# een\n# twee\n# drie\n" + path.read_text())
    reload = regie("laad", str(region))
    assert reload.code == 0, reload.err
    with db.engine.connect() as connection:
        assert connection.execute(query, {"a": activity, "m": key}).one()[1:] == (PROGRAMME, line + 3)
        assert connection.execute(text("SELECT count(*) FROM wijziging")).scalar_one() == history
        person = connection.execute(text(
            "SELECT id, herkomst_bestand, herkomst_regel FROM persoon WHERE sleutel = 'regisseur-jeugd' "
            "AND gemeente_id = (SELECT id FROM gemeente WHERE naam = 'Bronckhorst')")).one()
    people = (region / "bronckhorst" / "personen.yaml").read_text().splitlines()
    assert person[1:] == ("bronckhorst/personen.yaml",
                          next(n for n, t in enumerate(people) if "sleutel: regisseur-jeugd" in t) + 1)
    with session_scope() as session:
        named = with_sources(session=session, problemen=[
            Probleem("mijlpaal", milestone_id, "Bronckhorst › x", "herhaling", "kapot."),
            Probleem("persoon", person[0], "Bronckhorst › regisseur-jeugd", "agenda", "kapot.")])
    assert str(named[0]).startswith(f"{PROGRAMME}, regel {line + 3}, veld herhaling: kapot.")
    assert str(named[1]).startswith(f"bronckhorst/personen.yaml, regel {person[2]}, veld agenda: kapot.")


def test_regie_agenda_names_by_file_line_and_field_what_it_cannot_put_in_the_calendar(
        db: Database, region: Path, regie) -> None:  # type: ignore[no-untyped-def]
    """A rule the calendar cannot use (the date goes in without it) and a date no calendar can
    hold (9999-12-31: the event ends a day later) bypassed the load checks: `regie agenda` writes
    the rest of the calendar and says, like status and diagnose, where each one is written."""
    from icalendar import Calendar

    assert regie("laad", str(region)).code == 0
    with db.engine.begin() as connection:
        rows = connection.execute(text(
            "SELECT m.id, m.sleutel, a.sleutel AS activiteit, m.herkomst_bestand FROM mijlpaal m "
            "JOIN activiteit a ON a.id = m.activiteit_id JOIN persoon p ON p.id = a.eigenaar_id "
            "JOIN gemeente g ON g.id = a.gemeente_id WHERE g.naam = 'Bronckhorst' "
            "AND p.sleutel = 'regisseur-jeugd' AND m.uiterlijk IS NOT NULL AND m.gereed IS NULL "
            "AND m.gearchiveerd_op IS NULL ORDER BY m.id")).all()
        assert len(rows) >= 3 and {r.herkomst_bestand for r in rows} == {PROGRAMME}
        rule, date = rows[0], rows[1]
        connection.execute(text("UPDATE mijlpaal SET herhaling = 'FREQ=' WHERE id = :id"), {"id": rule.id})
        connection.execute(text("UPDATE mijlpaal SET uiterlijk = :d WHERE id = :id"),
                           {"d": dt.date(9999, 12, 31), "id": date.id})
    agenda = regie("agenda", "--persoon", "regisseur-jeugd", "--gemeente", "Bronckhorst")
    assert agenda.code == 0, agenda.err
    assert "Interne fout" not in agenda.err and "Traceback" not in agenda.err
    told = " ".join(agenda.err.split())
    rule_place = f"{PROGRAMME}, regel {_line(region, rule.activiteit, rule.sleutel)}, veld herhaling:"
    date_place = f"{PROGRAMME}, regel {_line(region, date.activiteit, date.sleutel)}, veld uiterlijk:"
    assert rule_place in told and "'FREQ='" in told and "zonder herhaling" in told, told
    assert date_place in told and "9999-12-31" in told and "de rest van de agenda is geschreven" in told, told
    assert told.count("Niet (helemaal) in de agenda:") == 2
    # The calendar holds everything else: the rule's milestone by its date only, not the other.
    events = {str(e["uid"]): e for e in Calendar.from_ical(agenda.out.encode()).walk("VEVENT")}
    uids = {f"bronckhorst/{r.activiteit}/{r.sleutel}@programmaregie": r for r in rows}
    assert set(uids) - set(events) == {f"bronckhorst/{date.activiteit}/{date.sleutel}@programmaregie"}
    undated = events[f"bronckhorst/{rule.activiteit}/{rule.sleutel}@programmaregie"]
    assert "rrule" not in undated and rule_place in " ".join(str(undated["description"]).split())
    # Written to a file, the same.
    again = regie("agenda", "--persoon", "regisseur-jeugd", "--gemeente", "Bronckhorst", "--uitvoer",
                  str(region.parent / "jeugd.ics"))
    assert again.code == 0 and date_place in " ".join(again.err.split()), again.err
