"""A new user's trial of check-ins: the Prefect form did not say by when to answer, nor what happens
after, and the reminder after seven days did not repeat the deadline. The form's description now
starts with the deadline in words (the meeting's, as the request mail says it, and the day the
question expires, with what happens then), and the reminder repeats them. Real SMTP server
(aiosmtpd), the sample register (Bronckhorst: MOSD 25 juni 2020)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, set_today
from tests.test_uitvragen import POH, _load

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
AFTER = ("Daarna vervalt de vraag: dit formulier sluit, de coördinator krijgt bericht en activiteiten zonder "
         "antwoord van de laatste 42 dagen staan als „geen koers” in de rapportage.")


def test_the_prefect_form_says_by_when_to_answer_and_what_happens_after(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.voortgang_uitvragen import _description, _form
    from tasks.checkin import prepare_checkin

    set_today(monkeypatch, "2020-06-11")
    _load(sample)
    # ten working days before MOSD 25 June: its report is made on 18 June, the question expires on 25 June
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2020, 6, 11))
    assert prepared is not None and prepared[1] == "wachtend"
    shown = _description("", termijn=prepared[2])
    assert shown.startswith(
        "**Antwoord uiterlijk woensdag 17 juni 2020**: dan staat het antwoord in de rapportage voor het MOSD "
        "van 25 juni 2020. Een later antwoord kan nog vóór donderdag 25 juni 2020 en telt dan in de rapportage "
        f"daarna. {AFTER}\n\nGeef per activiteit de stand van zaken."), shown
    # the Prefect UI (v1) squeezes the description above a long form to nothing: the first field says it too
    fields = _form(prepared[0], termijn=prepared[2]).model_json_schema()["properties"]
    assert next(iter(fields)) == "a0_koers"
    assert fields["a0_koers"]["description"] == "Antwoord uiterlijk woensdag 17 juni 2020. Koers: op koers, risico " \
        "of achter."
    # asked again after a bad answer: the problem first, the deadline still above the instructions
    again = _description("'31 juli' mist het jaar.", termijn=prepared[2])
    assert again.startswith("**Niet verwerkt, pas dit aan:** '31 juli' mist het jaar.\n\n**Antwoord uiterlijk "
                            "woensdag 17 juni 2020**"), again
    # asked again after the meeting's deadline (a bad answer on 18 June): only the day it expires
    set_today(monkeypatch, "2020-06-18")
    stale = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2020, 6, 11))
    assert stale is not None
    assert _description("", termijn=stale[2]).startswith(f"**Antwoord vóór donderdag 25 juni 2020.** {AFTER}")
    # no report is made while the question waits: only the day it expires
    set_today(monkeypatch, "2020-07-15")
    later = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-2", dt.date(2020, 7, 15))
    assert later is not None
    assert _description("", termijn=later[2]).startswith(f"**Antwoord vóór woensdag 29 juli 2020.** {AFTER}")
    assert _form(later[0], termijn=later[2]).model_json_schema()["properties"]["a0_koers"]["description"] == \
        "Antwoord vóór woensdag 29 juli 2020. Koers: op koers, risico of achter."


def _ask(sample: Path, ronde: dt.date) -> None:
    from models.db import session_scope
    from models.tables import CheckIn, Person

    _load(sample)
    with session_scope() as session:
        person = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one()
        session.add(CheckIn(gemeente_id=person.gemeente_id, persoon_id=person.id, flow_run_id="run-1", ronde=ronde,
                            aangemaakt_op=dt.datetime.combine(ronde, dt.time(7, 30), tzinfo=dt.UTC),
                            formulier=[{"sleutel": POH, "titel": "Voortgang Pilot Jeugd POH/SOH"}]))


@pytest.mark.usefixtures("prefect")
def test_the_reminder_after_seven_days_repeats_the_deadline(db: Database, sample: Path, smtp: Mailserver) -> None:
    from flows.dagelijkse_controle import run_daily_check

    _ask(sample, dt.date(2026, 11, 2))  # a Monday; the sample's meetings are in 2020: no report to name
    run_daily_check(peildatum=dt.date(2026, 11, 10))
    reminder = " ".join(smtp.text("regisseur.jeugd@example.org").split())
    assert ("U heeft de vraag om voortgang (ronde van 2 november 2026) nog niet beantwoord; hij staat al 8 dagen "
            'klaar op uw pagina "Mijn activiteiten" (persoonlijke link in dit bericht). Antwoord vóór maandag 16 '
            "november 2026; daarna vervalt de vraag en krijgt de coördinator bericht.") in reminder, reminder
    assert "Wilt u uiterlijk" not in reminder


@pytest.mark.usefixtures("prefect")
@pytest.mark.parametrize(("mosd", "said"), [
    # MOSD on Thursday 19 November: its report is made on 12 November, so answer by the 11th
    ("2026-11-19", "Wilt u uiterlijk woensdag 11 november 2026 antwoorden? Dan staat uw antwoord in de rapportage "
                   "voor het MOSD van 19 november 2026. Antwoord vóór maandag 16 november 2026; daarna vervalt"),
    # MOSD on Thursday 12 November: answer by 4 November for its report; the reminder goes on the 10th
    ("2026-11-12", "Voor de rapportage voor het MOSD van 12 november 2026 was uw antwoord uiterlijk woensdag 4 "
                   "november 2026 nodig; die dag is voorbij, maar uw antwoord telt nog in de rapportage daarna. "
                   "Antwoord vóór maandag 16 november 2026; daarna vervalt de vraag"),
])
def test_the_reminder_gives_the_meetings_deadline_ahead_or_passed_and_when_the_question_expires(
        db: Database, sample: Path, smtp: Mailserver, mosd: str, said: str) -> None:
    from flows.dagelijkse_controle import run_daily_check

    (sample / "bronckhorst" / "vergaderingen.yaml").write_text(
        f"vergaderingen:\n  - {{soort: mosd, datum: {mosd}}}\n", encoding="utf-8")
    _ask(sample, dt.date(2026, 11, 2))
    run_daily_check(peildatum=dt.date(2026, 11, 10))
    reminder = " ".join(smtp.text("regisseur.jeugd@example.org").split())
    assert f"(persoonlijke link in dit bericht). {said}" in reminder, reminder
