"""A date whose day does not exist ('31 februari 2021', '31-02-2021') got the page's general "Dit is
geen datum … bijvoorbeeld 31-12-2020", and '31 februari' without its year the same, while the command
line says that februari 2021 has 28 days. The page now says so too; and a refused date comes back as
typed, in a field where words can be typed (the message offers "in woorden" beside a date picker)."""

from __future__ import annotations

import re

from tests.web.fixtures import POH
from tests.web.test_answer_date_words import WAAR, _said
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_a_day_that_does_not_exist_is_told_how_many_days_the_month_has(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    done, moved = f"m{loaded[POH + '/evaluatie-pilot']}", f"m{loaded[POH + '/collegebesluit-voortgang']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "31 februari 2020",
                                                    f"{moved}_datum": "31-02-2021", f"{moved}_reden": "later"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == (
        f"{WAAR}, gereed op: deze datum bestaat niet: februari 2020 heeft 29 dagen. Schrijf een bestaande "
        "datum met het jaar.")
    assert "februari 2021 heeft 28 dagen" in _said(page, f"{moved}_datum")
    # the refused dates come back as typed, in fields that take words
    for name, typed in ((f"{done}_gereed", "31 februari 2020"), (f"{moved}_datum", "31-02-2021")):
        field = re.search(rf'<input type="(\w+)" name="{name}"[^>]*value="([^"]*)"', page.text)
        assert field and field.groups() == ("text", typed), field
    assert db.snapshot() == before


def test_a_day_without_year_that_never_exists_says_both(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    done = f"m{loaded[POH + '/evaluatie-pilot']}"
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "31 februari"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == (
        f"{WAAR}, gereed op: het jaar ontbreekt, en 31 februari bestaat niet: "
        "februari heeft 28 of 29 dagen. Schrijf een bestaande datum met het jaar.")
