"""A new user's trial: the Prefect form's refusals named a milestone by its key from the register file
("Voortgang Pilot Jeugd POH/SOH: mijlpaal 'evaluatie-pilot': gereed op … ligt in de toekomst"), and
a date that was no date by the milestone alone, without its activity. They now name the activity and
the milestone as the answer page does ("Voortgang Pilot Jeugd POH/SOH, mijlpaal „Evaluatie Pilot
Jeugd POH/SOH”: …"), with dates in words; the field's hint writes its date in words too. Real SQLite,
the sample register, the check-in as the per-regisseur flow makes and applies it."""

from __future__ import annotations

from sqlmodel import select

from tests.web.fixtures import DAG, POH

TITEL, EVALUATIE = "Voortgang Pilot Jeugd POH/SOH", "Evaluatie Pilot Jeugd POH/SOH"


def _refused(db, values_of) -> list[str]:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from services.checkins import checkin

    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        i = next(n for n, spec in enumerate(record.formulier) if spec["sleutel"] == POH)
        j = next(n for n, m in enumerate(record.formulier[i]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")
        problems = checkin.apply_answer(session=session, checkin=record, values=values_of(f"a{i}_m{j}"),
                                        door="regisseur-jeugd", vandaag=DAG)
        session.rollback()
    return problems


def test_the_prefect_forms_refusals_name_the_milestone_and_its_activity_not_its_key(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from flows.voortgang_uitvragen import _form
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    before = db.snapshot()
    cases = {
        "gereed": (lambda f: {f"{f}_gereed": "2099-01-01"},
                   f"{TITEL}, mijlpaal „{EVALUATIE}”: gereed op 1 januari 2099 ligt in de toekomst (vandaag "
                   "is 3 augustus 2020). Vul de datum in waarop hij gereed wás, of verplaats de mijlpaal."),
        "verleden": (lambda f: {f"{f}_nieuwe_datum": "2020-07-01"},
                     f"{TITEL}, mijlpaal „{EVALUATIE}”: de nieuwe datum 1 juli 2020 ligt in het verleden. Geef een "
                     "reden, of kies een datum vanaf vandaag."),
        "geen datum": (lambda f: {f"{f}_gereed": "31 februari"},
                       f"{TITEL}, mijlpaal „{EVALUATIE}”, gereed op: '31 februari': het jaar ontbreekt, en 31 "
                       "februari bestaat niet: februari heeft 28 of 29 dagen. Schrijf de datum met het jaar."),
    }
    for what, (values_of, said) in cases.items():
        problems = _refused(db, values_of)
        assert problems == [said], (what, problems)
        assert "evaluatie-pilot" not in " ".join(problems)
    assert db.snapshot() == before
    # the field's hint gives the milestone's date in words, as the form's other texts do
    fields = _form(made.formulier).model_json_schema()["properties"]
    hints = [f["description"] for f in fields.values() if f.get("title", "").endswith(f"{EVALUATIE}: gereed op")]
    assert hints and hints[0].endswith("(uiterlijk 31 juli 2020)."), hints


def test_a_milestone_taken_out_of_the_register_since_the_form_was_asked_is_named_not_a_crash(  # type: ignore[no-untyped-def]
        db, loaded) -> None:
    """The form is kept as it was asked; a milestone archived by a later `regie laad` made the answer
    fail in the service with "mijlpaal 'evaluatie-pilot' hoort niet bij deze activiteit: kies er een uit
    collegebesluit-voortgang, …" (keys, and the run failed). Now the form is asked again, naming it."""
    from models.tables import Milestone
    from models.types import utcnow
    from services.checkins import checkin

    with db.session() as session:
        checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1", ronde=DAG)
        for milestone in session.exec(select(Milestone).where(Milestone.sleutel == "evaluatie-pilot")):
            milestone.gearchiveerd_op = utcnow()  # as a load archives what the register no longer holds
        session.commit()
    before = db.snapshot()
    problems = _refused(db, lambda f: {f"{f}_gereed": "2020-07-30"})
    assert problems == [f"{TITEL}, mijlpaal „{EVALUATIE}”: staat niet meer in het register. Laat dit veld leeg."]
    assert db.snapshot() == before
