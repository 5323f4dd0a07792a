"""The answer page reads a typed date also in words ('1 maart 2027'), but its refusal showed only
'dd-mm-jjjj, bijvoorbeeld 15-06-2020': a person who wrote words did not learn that words work with the
year. The message names both forms, with the year."""

from __future__ import annotations

import re
from html import unescape

from tests.web.conftest import POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _said(page, field: str) -> str:  # type: ignore[no-untyped-def]
    found = re.search(rf'id="{field}-fout">.*?</span>(.*?)</p>', page.text, re.S)
    assert found, page.text
    return " ".join(unescape(found.group(1)).split())


def test_a_date_that_is_no_date_is_told_both_forms_with_the_year(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    done = f"m{loaded[POH + '/evaluatie-pilot']}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{done}_gereed": "gisteren"})
    assert page.status_code == 400
    assert _said(page, f"{done}_gereed") == ("Dit is geen datum. Schrijf de datum met het jaar, als dd-mm-jjjj "
                                             "of in woorden, bijvoorbeeld 31-12-2020 of 31 december 2020.")
    assert db.snapshot() == before
