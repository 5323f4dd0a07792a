"""The answer page and the Prefect check-in form read a typed amount as `regie voortgang --besteed` does
(domain/documents/bedrag_invoer.py): "45.000" is forty-five thousand, "1.5" is refused beside its field;
and a typed date with one reader too (tests/web/test_prefect_form.py for the form's messages)."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from sqlmodel import select

from tests.web.fixtures import DAG, POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _asked(db) -> int:  # type: ignore[no-untyped-def]
    """A check-in asked of the regisseur (as the flow asks it); the place of the POH activity in its form."""
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    return next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)


def test_the_page_reads_45_000_as_forty_five_thousand(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import ProgressUpdate

    a = f"a{loaded['a:' + POH]}"
    page = _post(client, _link(loaded["persoon"]), {f"{a}_besteed": "45.000"})
    assert page.status_code == 200, page.text
    assert "besteed in 2020 tot nu toe: € 45.000" in unescape(page.text)
    with db.session() as session:
        assert session.exec(select(ProgressUpdate.besteed)).one() == Decimal("45000")


def test_the_page_refuses_an_ambiguous_amount_beside_its_field(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    a = f"a{loaded['a:' + POH]}"
    before = db.snapshot()
    for typed, fix in (("1.5", "schrijf 1500 of 1,50."), ("1.50", "schrijf 1500 of 1,50.")):
        page = _post(client, _link(loaded["persoon"]), {f"{a}_besteed": typed})
        assert page.status_code == 400
        said = re.search(rf'id="{a}_besteed-fout">.*?</span>(.*?)</p>', page.text, re.S)
        assert said and " ".join(unescape(said.group(1)).split()) == (
            f"Voortgang Pilot Jeugd POH/SOH, besteed in 2020: '{typed}' is geen duidelijk bedrag: {fix}")
    assert db.snapshot() == before


def test_the_prefect_form_reads_the_same_amounts_and_prefills_one_it_reads_back(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn, ProgressUpdate
    from services.checkins import checkin

    i = _asked(db)
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={f"a{i}_besteed": "1.5"},
                                        door="regisseur-jeugd", vandaag=DAG)
        session.rollback()
    assert problems and problems[0].endswith("besteed: '1.5' is geen duidelijk bedrag: schrijf 1500 of 1,50.")
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        assert checkin.apply_answer(session=session, checkin=record, values={f"a{i}_besteed": "45.000"},
                                    door="regisseur-jeugd", vandaag=DAG) == []
        session.commit()
        spent = session.exec(select(ProgressUpdate.besteed).where(ProgressUpdate.besteed.is_not(None))).one()  # type: ignore[union-attr]
        assert spent == Decimal("45000")
    with db.session() as session:  # the next round's form is prefilled with "45.000", which reads back
        again = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-2",
                                ronde=DAG.replace(month=9))
    assert again.formulier[i]["besteed"] == "45.000"


def test_an_indicator_value_on_the_page_reads_as_regie_meting_reads_it(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Indicator, Measurement

    with db.session() as session:
        session.add(Indicator(activiteit_id=loaded["a:" + POH], sleutel="deelnemers", naam="Deelnemers"))
        session.commit()
        indicator = session.exec(select(Indicator)).one().id
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"i{indicator}": "1.250"})  # 1250 or 1,25?
    assert page.status_code == 400
    said = re.search(rf'id="i{indicator}-fout">.*?</span>(.*?)</p>', page.text, re.S)
    assert said and "'1.250' is geen duidelijk getal: schrijf 1250 of 1,25" in unescape(said.group(1)), page.text
    assert db.snapshot() == before
    page = _post(client, _link(loaded["persoon"]), {f"i{indicator}": "12.5"})  # a dot with no other reading
    assert page.status_code == 200, page.text
    with db.session() as session:
        assert session.exec(select(Measurement.waarde)).one() == Decimal("12.5")


def test_the_prefect_form_refuses_an_indicator_value_with_two_readings(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn, Indicator
    from services.checkins import checkin

    with db.session() as session:
        session.add(Indicator(activiteit_id=loaded["a:" + POH], sleutel="deelnemers", naam="Deelnemers"))
        session.commit()
    i = _asked(db)
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={f"a{i}_i0": "1.250"},
                                        door="regisseur-jeugd", vandaag=DAG)
    assert problems == ["Deelnemers: waarde '1.250' is geen duidelijk getal: schrijf 1250 of 1,25 (een komma "
                        "voor decimalen, geen teken tussen duizendtallen)."]


def test_the_page_reads_a_date_in_words_as_the_prefect_form_does(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """One reader of a typed date for both forms (domain.melding.getypte_datum): '1 maart 2027'."""
    from models.tables import Milestone

    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    page = _post(client, _link(loaded["persoon"]), {f"{m}_datum": "1 maart 2027", f"{m}_reden": "Na de zomer"})
    assert page.status_code == 200, page.text
    with db.session() as session:
        assert session.get(Milestone, loaded[POH + "/evaluatie-pilot"]).uiterlijk.isoformat() == "2027-03-01"  # type: ignore[union-attr]
    page = _post(client, _link(loaded["persoon"]), {f"{m}_datum": "31 februari 2027", f"{m}_reden": "Na de zomer"})
    assert page.status_code == 400 and re.search(rf'id="{m}_datum-fout">.*februari 2027 heeft 28 dagen', page.text)


def test_a_new_date_without_a_reason_names_the_milestone_and_the_field(client, loaded) -> None:  # type: ignore[no-untyped-def]
    """It said "Geef een reden voor de nieuwe datum." in the summary, naming no milestone (and behind it
    the key 'collegebesluit-voortgang' from the shared check)."""
    moved = f"m{loaded[POH + '/collegebesluit-voortgang']}"
    page = _post(client, _link(loaded["persoon"]), {f"{moved}_datum": "2020-11-30"})
    assert page.status_code == 400
    said = re.search(rf'id="{moved}_reden-fout">.*?</span> (.*?)</p>', unescape(page.text)).group(1)  # type: ignore[union-attr]
    assert said == ("Voortgang Pilot Jeugd POH/SOH, mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH”: geef een reden voor de "
                    "nieuwe datum in het veld „Reden van de nieuwe datum” naast de datum."), said
    assert "collegebesluit-voortgang" not in said and "--" not in said
