"""An amount with a word for its size ("2 ton", "1,5 mln") gets the amount it stands for on the answer page,
as `regie laad` and `regie voortgang --besteed` give it: one reader and one sentence
(domain/documents/bedrag_invoer.py). The page said "Schrijf bijvoorbeeld 12500 of 12.500,50."."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.fixtures import POH
from tests.web.test_answer_page import _link, _post

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("typed", "said"), [
    ("2 ton", "schrijf 200000 of 200.000 (zonder woorden als mln of ton)."),
    ("1,5 mln", "schrijf 1500000 of 1.500.000 (zonder woorden als mln of ton)."),
    ("€ 250k", "schrijf 250000 of 250.000 (zonder woorden als mln of ton)."),
])
def test_the_reader_names_the_amount_a_word_stands_for(typed: str, said: str) -> None:
    from domain.documents.bedrag_invoer import GeenBedrag, lees_bedrag

    with pytest.raises(GeenBedrag) as refused:
        lees_bedrag(typed)
    assert refused.value.melding == f"'{typed}' is geen bedrag in cijfers: {said}"


def test_the_page_suggests_the_amount_meant_beside_its_field(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    a = f"a{loaded['a:' + POH]}"
    before = db.snapshot()
    page = _post(client, _link(loaded["persoon"]), {f"{a}_besteed": "2 ton"})
    assert page.status_code == 400
    said = re.search(rf'id="{a}_besteed-fout">.*?</span>(.*?)</p>', page.text, re.S)
    assert said and " ".join(unescape(said.group(1)).split()) == (
        "Voortgang Pilot Jeugd POH/SOH, besteed in 2020: '2 ton' is geen bedrag in cijfers: schrijf 200000 of "
        "200.000 (zonder woorden als mln of ton).")
    assert "12.500,50" not in unescape(page.text)
    assert db.snapshot() == before


def test_the_command_line_says_the_same(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    refused = regie("voortgang", "voortgang-pilot-jeugd-poh-soh", "--besteed", "2 ton")
    assert refused.code == 2 and " ".join(refused.err.split()) == (
        "Niet vastgelegd: --besteed '2 ton' is geen bedrag in cijfers: schrijf 200000 of 200.000 (zonder "
        "woorden als mln of ton).")
