"""An amount equal to the year's current one is no change (services/checkins/spending.py): nothing is
recorded for it. The answer page's confirmation then said "uw antwoord is vastgelegd" over an empty
list. It says what `regie voortgang` says ("besteed in 2020 was al € 12.000; niets vastgelegd"), and
the page shows the amount that stands beside the field, with its day."""

from __future__ import annotations

import re
from html import unescape

from tests.web.fixtures import DAG, POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
TITEL = "Voortgang Pilot Jeugd POH/SOH"


def _main(page) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r"<main[^>]*>(.*?)</main>", page.text, re.S)
    assert found, page.text
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def test_only_the_same_amount_again_says_it_was_so_already_and_records_nothing(client, loaded, db,  # type: ignore[no-untyped-def]
                                                                               monkeypatch) -> None:
    from tests.conftest import set_today

    set_today(monkeypatch, DAG.isoformat())
    url, a = _link(loaded["persoon"]), f"a{loaded['a:' + POH]}"
    first = _main(_post(client, url, {f"{a}_besteed": "12.000"}))
    assert f"uw antwoord is vastgelegd Dit hebben we vastgelegd: {TITEL}: besteed in 2020 tot nu toe: € 12.000" in first
    before = db.snapshot()
    again = _post(client, url, {f"{a}_besteed": "12000"})
    said = _main(again)
    assert again.status_code == 200 and db.snapshot() == before  # nothing recorded, no history
    assert said.startswith("Dank u, Regisseur programma 1 (Gezond en weerbaar): er was niets te wijzigen "
                           "Wat u doorgaf, stond al zo vastgelegd; er is niets gewijzigd: "
                           f"{TITEL}: besteed in 2020 was al € 12.000 Terug naar Mijn activiteiten"), said
    assert "vastgelegd:" not in said.replace("stond al zo vastgelegd;", "")
    assert "<title>Niets gewijzigd" in again.text
    # The page shows the amount that stands beside the field, also after an answer without it.
    assert _post(client, url, {f"{a}_tekst": "werving loopt"}).status_code == 200
    page = unescape(client.get(url).text)
    hint = re.search(rf'id="{a}_besteed-hint">(.*?)</p>', page, re.S)
    assert hint and hint.group(1).startswith("Laatst doorgegeven: € 12.000 op 3 augustus 2020. Wat in 2020"), hint


def test_the_same_amount_beside_a_recorded_answer_is_named_unchanged_with_it(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    url, a = _link(loaded["persoon"]), f"a{loaded['a:' + POH]}"
    page = client.get(url).text
    other = next(x for x in re.findall(r'<article class="activiteit[^"]*" id="(a\d+)"', page) if x != a)
    other_title = unescape(re.search(rf'<h3 id="{other}-titel">(.*?)</h3>', page).group(1))  # type: ignore[union-attr]
    assert _post(client, url, {f"{a}_besteed": "12.000", f"{other}_besteed": "500"}).status_code == 200
    said = _main(_post(client, url, {f"{a}_besteed": "12.000", f"{a}_tekst": "werving loopt",
                                     f"{other}_besteed": "500"}))
    assert (f"uw antwoord is vastgelegd Dit hebben we vastgelegd: {TITEL}: stand van zaken: „werving loopt” "
            f"{TITEL}: besteed in 2020 was al € 12.000: ongewijzigd Dit stond al zo vastgelegd; daarvoor is "
            f"niets gewijzigd: {other_title}: besteed in 2020 was al € 500 ") in said, said
