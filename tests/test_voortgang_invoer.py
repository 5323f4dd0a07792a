"""How a regisseur's typed answer is read on the command line and in the Prefect form, as the answer
page reads it: a blank --tekst was recorded as text (the report then quoted „   ” as the last words,
and the reminder clock was reset); 'op koers' and 'Risico', the words users see, were refused; a
date in words ('15 september 2020') or dd-mm-jjjj was refused by the date options."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
POH = "voortgang-pilot-jeugd-poh-soh"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"


def _updates(db):  # type: ignore[no-untyped-def]
    from models.tables import ProgressUpdate

    with db.session() as session:
        return session.execute(select(ProgressUpdate.koers, ProgressUpdate.tekst)
                               .order_by(ProgressUpdate.id)).all()


@pytest.mark.parametrize("tekst", ["   ", ""])
def test_a_blank_text_alone_is_refused_and_records_nothing(db, sample, regie, monkeypatch, tekst) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-18")
    monkeypatch.setenv("REGIE_GEBRUIKER", "regisseur-jeugd")
    refused = regie("voortgang", POH, "--tekst", tekst)
    assert refused.code == 2, refused
    assert ("Niet vastgelegd: --tekst is leeg; geef minstens één van --koers, --status, --tekst of --besteed, "
            "bijvoorbeeld --tekst \"werving loopt\".") in " ".join(refused.err.split())
    assert _updates(db) == []


def test_a_blank_text_beside_a_koers_is_no_text_and_koers_words_are_read(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-18")
    monkeypatch.setenv("REGIE_GEBRUIKER", "regisseur-jeugd")
    first = regie("voortgang", POH, "--koers", "Op koers", "--tekst", "  ")
    assert first.code == 0, first
    assert "Voortgang van activiteit „Voortgang Pilot Jeugd POH/SOH” vastgelegd: koers op koers." in " ".join(first.out.split())
    assert regie("voortgang", POH, "--koers", "RISICO", "--tekst", " werving loopt ").code == 0
    assert regie("voortgang", POH, "--koers", "op_koers").code == 0
    refused = regie("voortgang", POH, "--koers", "groen")
    assert "koers 'groen' bestaat niet: kies op koers, risico of achter." in refused.err
    assert _updates(db) == [("op-koers", None), ("risico", "werving loopt"), ("op-koers", None)]


def test_the_prefect_form_takes_blank_text_as_none_and_presets_the_koers_that_stands(  # type: ignore[no-untyped-def]
        db, sample, regie, monkeypatch) -> None:
    from models.tables import CheckIn, ProgressUpdate
    from services.checkins import checkin

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-17")  # the day before the round: an answer of its day leaves it out
    monkeypatch.setenv("REGIE_GEBRUIKER", "regisseur-jeugd")
    assert regie("voortgang", POH, "--koers", "risico").code == 0
    assert regie("voortgang", POH, "--besteed", "45.000").code == 0  # an amount only: the koers stands
    set_today(monkeypatch, "2020-06-18")
    day = dt.date(2020, 6, 18)
    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=day)
        session.commit()
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    assert made.formulier[i]["koers"] == "risico"
    with db.session() as session:
        record = session.execute(select(CheckIn)).scalar_one()
        assert checkin.apply_answer(session=session, checkin=record, door="regisseur-jeugd", vandaag=day,
                                    values={f"a{i}_koers": "risico", f"a{i}_tekst": "   "}) == []
        session.commit()
        texts = session.execute(select(func.count()).where(ProgressUpdate.tekst.is_not(None))).scalar_one()  # type: ignore[union-attr]
    assert texts == 0


def test_date_options_read_dates_as_the_answer_page_does(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-18")
    monkeypatch.setenv("REGIE_GEBRUIKER", "regisseur-jeugd")
    moved = regie("verplaats", AFSPRAKEN, "--naar", "15 september 2020", "--reden", "wachten op de raad")
    assert moved.code == 0, moved
    assert "(Uitvoeringsstrategie Rijkere Visie op Onderwijs) verplaatst naar 15 september 2020." in " ".join(moved.out.split())
    done = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "17-06-2020")
    assert done.code == 0 and "gereed op 17 juni 2020" in done.out, done
    for typed in ("31 februari 2021", "31-02-2021", "2021-02-31"):
        refused = regie("status", "--peildatum", typed)
        assert refused.code == 2 and "(februari 2021 heeft 28 dagen)" in refused.err, refused
    refused = regie("verplaats", AFSPRAKEN, "--naar", "31 februari", "--reden", "r")
    assert ("--naar '31 februari': het jaar ontbreekt, en 31 februari bestaat niet: februari heeft 28 of 29 "
            "dagen. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar, bijvoorbeeld ") in " ".join(refused.err.split()), refused
    assert "mist het jaar" in regie("status", "--peildatum", "15 september").err  # ambiguous: still refused


def test_a_text_with_its_own_full_stop_is_quoted_once_and_ends_the_reply(sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A trial read "tekst 'Eerste ervaringen huisartsen positief.'." (other quotes, two full stops)."""
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-18")
    own = regie("voortgang", POH, "--tekst", "Eerste ervaringen positief.", "--door", "regisseur-jeugd")
    assert " ".join(own.out.split()).endswith("vastgelegd: tekst „Eerste ervaringen positief.”"), own
