"""The answer page reads a typed date also in words ('1 maart 2027'), but its refusal showed only
'dd-mm-jjjj, bijvoorbeeld 15-06-2020': a person who wrote words did not learn that words work with the
year. The message names both forms, with the year."""

from __future__ import annotations

import re
from html import unescape

from tests.web.fixtures import POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
WAAR = "Voortgang Pilot Jeugd POH/SOH, mijlpaal „Evaluatie Pilot Jeugd POH/SOH”"  # which field (tests/web/test_answer_messages_named.py)


def _said(page, field: str) -> str:  # type: ignore[no-untyped-def]
    found = re.search(rf'id="{field}-fout">.*?</span>(.*?)</p>', page.text, re.S)
    assert found, page.text
    return " ".join(unescape(found.group(1)).split())


def test_a_date_that_is_no_date_is_told_both_forms_with_the_year(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    done = f"m{loaded[POH + '/evaluatie-pilot']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "gisteren"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == (
        f"{WAAR}, gereed op: dit is geen datum. Schrijf de datum met het jaar, als dd-mm-jjjj of in woorden"
        ", bijvoorbeeld 31-12-2020 of 31 december 2020.")
    assert db.snapshot() == before


def test_a_day_without_its_year_is_told_the_year_to_write_beside_its_field(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """A done date lies behind today, a new date ahead: the page offers the year that day has then."""
    done, moved = f"m{loaded[POH + '/evaluatie-pilot']}", f"m{loaded[POH + '/collegebesluit-voortgang']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "1 maart", f"{moved}_datum": "1-3",
                                                    f"{moved}_reden": "wachten op de raad"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == (
        f"{WAAR}, gereed op: hier ontbreekt het jaar. Schrijf het jaar erbij: de laatste 1 maart tot en met"
        " vandaag (3 augustus 2020) is 1 maart 2020.")
    assert _said(page, f"{moved}_datum") == (
        "Voortgang Pilot Jeugd POH/SOH, mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH”, nieuwe "
        "datum: hier ontbreekt het jaar. Schrijf het jaar erbij: de eerstvolgende "
        "1 maart vanaf vandaag (3 augustus 2020) is 1 maart 2021.")
    assert db.snapshot() == before


def test_the_prefect_form_names_the_year_to_write_for_a_day_without_it(db, loaded) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from models.tables import CheckIn
    from services.checkins import checkin
    from tests.web.fixtures import DAG

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
    i = next(n for n, spec in enumerate(made.formulier) if spec["sleutel"] == POH)
    with db.session() as session:
        record = session.exec(select(CheckIn)).one()
        problems = checkin.apply_answer(session=session, checkin=record, values={f"a{i}_m0_gereed": "31 juli"},
                                        door="regisseur-jeugd", vandaag=DAG)
        session.rollback()
    assert problems and problems[0].endswith(
        "'31 juli' mist het jaar. Schrijf het jaar erbij: de laatste 31 juli tot en met vandaag (3 augustus 2020) is "
        "31 juli 2020."), problems
