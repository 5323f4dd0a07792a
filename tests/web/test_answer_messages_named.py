"""A user trial: the list above the answer page said "Gereed op 01-10-2020 ligt in de toekomst." and
"'1.5' is geen duidelijk bedrag" without saying which activity or milestone they were about, and wrote
dates as 01-10-2020 where the page writes "31 mei 2020". Each message now names its activity and its
milestone or field, with dates in words, on the command line too, with today's date beside a future one."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from tests.web.fixtures import DAG, POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

TITEL = "Voortgang Pilot Jeugd POH/SOH"
EVALUATIE = "Evaluatie Pilot Jeugd POH/SOH"


def _summary(page: str) -> list[str]:
    box = re.search(r'class="foutoverzicht".*?<ul>(.*?)</ul>', page, re.S)
    assert box, page
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", li)).split()) for li in re.findall(r"<li>(.*?)</li>", box.group(1), re.S)]


def test_each_message_names_its_activity_and_milestone_or_field_with_dates_in_words(client, loaded) -> None:  # type: ignore[no-untyped-def]
    a, done = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
    later = DAG + dt.timedelta(days=59)
    page = _post(client, _link(loaded["persoon"]), {f"{a}_besteed": "1.5", f"{done}_klaar": "1",
                                                    f"{done}_gereed": later.isoformat()})
    assert page.status_code == 400
    assert _summary(page.text) == [
        f"{TITEL}, besteed in 2020: '1.5' is geen duidelijk bedrag: schrijf 1500 of 1,50.",
        f"{TITEL}, mijlpaal „{EVALUATIE}”: gereed op 1 oktober 2020 ligt in de toekomst (vandaag is 3 "
        "augustus 2020). Vul de datum in waarop hij gereed wás, of verplaats de mijlpaal."]
    beside = re.search(rf'id="{done}_gereed-fout">.*?</span>(.*?)</p>', page.text, re.S)
    assert beside and "gereed op 1 oktober 2020" in unescape(beside.group(1))  # the same sentence beside the field


def test_the_command_line_says_its_dates_in_words_too(loaded, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`regie gereed --datum 2020-10-01` said "gereed op 01-10-2020 ligt in de toekomst.": neither what was
    typed nor words, where its other lines ("Mijlpaal … is gereed op 3 augustus 2020") say words."""
    from tests.conftest import set_today

    set_today(monkeypatch, DAG.isoformat())
    refused = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-10-01", "--door", "regisseur-jeugd")
    said = " ".join(refused.err.split())
    assert refused.code == 2 and (f"mijlpaal „{EVALUATIE}”: gereed op 1 oktober 2020 ligt in de toekomst (vandaag "
                                  "is 3 augustus 2020). Vul de datum in") in said, refused
