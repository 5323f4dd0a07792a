"""The answer links a digest offers per item: what fits the item (a late milestone is never offered
"Loopt volgens plan"), the same in the HTML and the text part, and what the page does with them."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.fixtures import DAG, POH


def test_the_digest_carries_the_personal_link_and_a_direct_link_per_item(loaded) -> None:  # type: ignore[no-untyped-def]
    from services.outbox.messages import Overzicht, message

    item = {"programma": "Programma 1", "activiteit": "Voortgang Pilot Jeugd POH/SOH",
            "activiteit_id": loaded["a:" + POH], "wat": "Evaluatie Pilot Jeugd POH/SOH", "soort": "evaluatie",
            "dagen": 3, "te_laat": True, "onzeker": False, "vraag_evaluatie": False, "door": None, "bron": None,
            "rol": "eigenaar", "datum": "2020-07-31", "link": None, "regel": "te-laat", "onderwerp": "mijlpaal",
            "onderwerp_id": loaded[POH + "/evaluatie-pilot"]}
    digest = Overzicht(loaded["persoon"], "regisseur-jeugd", "Regisseur", ["regisseur"], ["mailto://x@example.org"],
                       "Bronckhorst", [1], {"Programma 1": [item]})
    mail = message(digest, peildatum=DAG, link="http://127.0.0.1:4200")
    html = unescape(mail.html)
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    assert re.search(rf'<a href="http://127.0.0.1:8400/mijn/[^"?]+\?item={m}&actie=gereed#{m}">Gereed</a>', html)
    assert f"item={m}&actie=datum#{m}\">Nieuwe datum</a>" in html
    # Late: no "Loopt volgens plan" (a trial saw it beside a milestone 170 days late), an explanation.
    a = f"a{loaded['a:' + POH]}"
    assert "volgens-plan" not in html + mail.tekst and "Loopt volgens plan" not in html + mail.tekst
    assert f'item={a}&actie=toelichting#{a}">Toelichting</a>' in html
    assert ">Mijn activiteiten: voortgang doorgeven</a>" in html
    assert re.search(r"http://127.0.0.1:8400/mijn/\S+", mail.tekst)
    assert "4200" not in mail.tekst  # a regisseur is not sent to the Prefect UI


@pytest.mark.parametrize(("kind", "offered"), [
    ({"regel": "vooraf", "onderwerp": "mijlpaal"}, ["Gereed", "Nieuwe datum", "Loopt volgens plan"]),
    ({"regel": "te-laat", "onderwerp": "mijlpaal", "te_laat": True, "dagen": 170},
     ["Gereed", "Nieuwe datum", "Toelichting"]),
    ({"regel": "pilot-evaluatie", "onderwerp": "mijlpaal", "te_laat": True}, ["Gereed", "Toelichting"]),
    ({"regel": "verantwoording", "onderwerp": "subsidie", "te_laat": True}, ["Toelichting"]),
    ({"regel": "verantwoording", "onderwerp": "subsidie"}, ["Loopt volgens plan"]),
    ({"regel": "stilstand", "onderwerp": "activiteit"}, ["Loopt volgens plan"]),
    ({"regel": "te-laat", "onderwerp": "mijlpaal", "te_laat": True, "rol": "coordinator"}, []),
])
def test_each_kind_of_item_is_offered_the_answers_that_fit_it(kind, offered) -> None:  # type: ignore[no-untyped-def]
    from services.outbox.answer_links import answer_links

    item = {"activiteit_id": 3, "onderwerp_id": 7, "rol": "eigenaar", "te_laat": False, **kind}
    links = answer_links(1, item)
    assert [label for label, _url in links] == offered
    assert all("/mijn/" in url for _label, url in links)
