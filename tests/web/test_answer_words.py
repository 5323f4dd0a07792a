"""The answer page and its confirmation use the report's words (tests/test_een_woord.py): the status
"Lopend" as `regie overzicht` and the register say it (it said "Loopt"), "geen koers" for an answer
without one, and quotes „…" as the report quotes (the confirmation quoted “…”)."""

from __future__ import annotations

import re
from html import unescape

from tests.web.fixtures import POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_page_offers_the_register_s_status_words_and_confirms_in_the_report_s_quotes(client, loaded) -> None:  # type: ignore[no-untyped-def]
    url = _link(loaded["persoon"])
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', client.get(url).text)
    assert dict(options) == {"gepland": "Gepland (nog niet begonnen)", "lopend": "Lopend", "vertraagd": "Vertraagd",
                             "afgerond": "Afgerond", "gestopt": "Gestopt"}
    a, done = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
    page = _post(client, url, {f"{a}_status": "vertraagd", f"{a}_tekst": "Wacht op de GGD", f"{done}_klaar": "1",
                               f"{done}_gereed": "2020-07-30"})
    assert page.status_code == 200, page.text
    said = " ".join(unescape(page.text).split())
    assert "Voortgang Pilot Jeugd POH/SOH: stand van zaken: „Wacht op de GGD”" in said
    assert "Voortgang Pilot Jeugd POH/SOH: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed op 30 juli 2020" in said
    assert "“" not in said
    page = _post(client, url, {f"{a}_status": "lopend"})
    assert "Voortgang Pilot Jeugd POH/SOH: status: lopend" in unescape(page.text)
    assert "Laatste antwoord: geen koers" in " ".join(unescape(client.get(url).text).split())
