"""The check-in form in the Prefect UI stays usable for a coordinator: no None toggles."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlmodel import select

from tests.web.fixtures import DAG, POH


def test_the_prefect_form_has_no_optional_fields_and_dutch_descriptions(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from flows.voortgang_uitvragen import _form
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        form = made.formulier
    schema = _form(form).model_json_schema()
    text = json.dumps(schema)
    assert '"type": "null"' not in text and "anyOf" not in text  # the UI shows None as a toggle
    fields = schema["properties"]
    assert all("default" in f for f in fields.values())
    dates = [f for name, f in fields.items() if name.endswith("_gereed")]
    assert dates and all("JJJJ-MM-DD" in f["description"] for f in dates)


def test_a_bad_date_on_the_prefect_form_is_a_dutch_problem_and_changes_nothing(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    before = db.snapshot()
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={f"a{i}_m0_gereed": "31 juli",
                                                                                   f"a{i}_besteed": "12,50"},
                                        door="regisseur-jeugd", vandaag=DAG)
        session.rollback()
    assert problems and "'31 juli' mist het jaar. Schrijf het jaar erbij" in problems[0]  # which year: theirs
    assert db.snapshot() == before
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={
            f"a{i}_m0_gereed": "2020-07-31", f"a{i}_besteed": "1.250,50", f"a{i}_koers": "risico"},
            door="regisseur-jeugd", vandaag=DAG)
        assert problems == [] and record.status == "beantwoord"


def test_voor_a_day_on_the_prefect_form_offers_the_day_before(db, loaded) -> None:  # type: ignore[no-untyped-def]
    """'vóór 1 augustus 2020' is due the day before, as `regie laad` and the answer page read it
    (tests/test_datum_voor_zonder_jaar.py)."""
    from models.tables import CheckIn
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    before = db.snapshot()
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, door="regisseur-jeugd", vandaag=DAG,
                                        values={f"a{i}_m0_gereed": "vóór 1 augustus 2020"})
        session.rollback()
    assert problems and ("'vóór 1 augustus 2020' is geen datum: schrijf de dag, bijvoorbeeld 2020-07-31 of 31 "
                         "juli 2020 (vóór 1 augustus is uiterlijk 31 juli).") in problems[0], problems
    assert db.snapshot() == before


def test_a_refused_answer_is_quoted_on_the_prefect_form_as_text_not_markup() -> None:
    """The form's description is Markdown in the Prefect UI; a refusal quotes what was typed."""
    from flows.voortgang_uitvragen import _description

    typed = "'<img src=x onerror=alert(1)>' is geen datum; zie [uitleg](javascript:alert(2))"
    shown = _description(typed)
    assert shown.startswith("**Niet verwerkt, pas dit aan:** ")
    assert re.search(r"(?<!\\)[<\[\]]", shown) is None  # every bracket escaped: no tag, no link
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in shown
    assert "Niet verwerkt" not in _description("")


def test_the_prefect_form_reads_a_date_as_the_answer_page_does_and_names_an_example_otherwise(  # type: ignore[no-untyped-def]
        db, loaded) -> None:
    """'1 maart 2027' was refused on the Prefect form ("Schrijf JJJJ-MM-DD"); it now reads dates with
    the answer page's reader (domain.melding.getypte_datum), words with a year included."""
    from models.tables import Activity, CheckIn, Milestone
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    j = next(n for n, m in enumerate(made.formulier[i]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")
    omschrijving = made.formulier[i]["mijlpalen"][j]["omschrijving"]
    veld = f"{made.formulier[i]['titel']}, mijlpaal „{omschrijving}”, nieuwe datum"
    for typed, said in (
            ("31 februari", f"{veld}: '31 februari': het jaar ontbreekt, en 31 februari bestaat niet: februari "
                            "heeft 28 of 29 dagen. Schrijf de datum met het jaar."),
            ("31 februari 2027", f"{veld}: '31 februari 2027' is geen bestaande datum. Schrijf JJJJ-MM-DD "
                                 "of de datum met het jaar, bijvoorbeeld 2027-02-28 (februari 2027 heeft 28 dagen).")):
        with db.session() as session:
            record = session.exec(select(CheckIn)).one()
            problems = checkin.apply_answer(session=session, checkin=record, values={
                f"a{i}_m{j}_nieuwe_datum": typed, f"a{i}_m{j}_reden": "Na de zomer"},
                door="regisseur-jeugd", vandaag=DAG)
            session.rollback()
        assert problems == [said]
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={
            f"a{i}_m{j}_nieuwe_datum": "1 maart 2027", f"a{i}_m{j}_reden": "Na de zomer"},
            door="regisseur-jeugd", vandaag=DAG)
        assert problems == [] and record.status == "beantwoord"
        milestone = session.exec(select(Milestone).join(Activity, Activity.id == Milestone.activiteit_id).where(
            Activity.sleutel == POH, Milestone.sleutel == "evaluatie-pilot")).one()
        assert milestone.uiterlijk == dt.date(2027, 3, 1)
