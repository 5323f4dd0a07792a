"""The answer page gave 'eind juli' (no year) or 'Q3 2021' in a date field only its generic example
("bijvoorbeeld 31-12-2020 of 31 december 2020"): it says a period is no day and gives the day it most
likely means in both forms, as `regie verplaats --naar` does (tests/test_datum_periode_dag.py)."""

from __future__ import annotations

from tests.web.fixtures import POH
from tests.web.test_answer_date_words import WAAR, _said
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_answer_page_tells_a_period_is_no_day(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """Before: "dit is geen datum. Schrijf de datum met het jaar, …, bijvoorbeeld 31-12-2020 of 31
    december 2020." for 'eind juli'; the year as for a day without its year (today 3 August 2020)."""
    done, moved = f"m{loaded[POH + '/evaluatie-pilot']}", f"m{loaded[POH + '/collegebesluit-voortgang']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "eind juli", f"{moved}_datum": "Q3 2021",
                                                    f"{moved}_reden": "wachten op de raad"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == (
        f"{WAAR}, gereed op: dit is een periode, geen dag: schrijf de dag met het jaar, bijvoorbeeld 31-07-2020 "
        "of 31 juli 2020 (het einde van juli 2020).")
    assert _said(page, f"{moved}_datum") == (
        "Voortgang Pilot Jeugd POH/SOH, mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH”, nieuwe "
        "datum: dit is een periode, geen dag: schrijf de dag met het jaar, bijvoorbeeld 30-09-2021 of 30 "
        "september 2021 (het einde van het derde kwartaal 2021; het begin is 2021-07-01).")
    assert db.snapshot() == before


def test_the_answer_page_reads_voor_as_the_day_before(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    """'vóór 1 maart 2021' got the generic example; it means due the day before (../shared/domain.md), as
    `regie laad` and the date options read it (tests/test_datum_voor_zonder_jaar.py)."""
    moved = f"m{loaded[POH + '/collegebesluit-voortgang']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{moved}_datum": "vóór 1 maart 2021",
                                                    f"{moved}_reden": "wachten op de raad"})
    assert page.status_code == 400
    assert _said(page, f"{moved}_datum") == (
        "Voortgang Pilot Jeugd POH/SOH, mijlpaal „Collegebesluit over de voortgang Pilot Jeugd POH/SOH”, nieuwe "
        "datum: dit is geen datum: schrijf de dag met het jaar, bijvoorbeeld 28-02-2021 of 28 februari 2021 "
        "(vóór 1 maart is uiterlijk 28 februari).")
    assert db.snapshot() == before
