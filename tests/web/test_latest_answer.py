"""The page's "Laatste antwoord" says what the latest answer did, as the report's "Laatste voortgang"
does (services/reports/authors.py); through Starlette's TestClient on a real database."""

from __future__ import annotations

from html import unescape

from tests.web.conftest import DAG, POH
from tests.web.test_answer_page import _link, _post


def test_my_own_answer_without_words_says_which_milestone_it_marked_done_as_the_report_does(  # type: ignore[no-untyped-def]
        client, loaded, monkeypatch) -> None:
    """A regisseur marked a milestone done and gave spending, no words: the report said "Laatste
    voortgang 1 september 2020: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed", the page only
    "Laatste antwoord: geen koers, besteed in 2020 € 12.500" (the milestone was named only when
    someone else had recorded it)."""
    from tests.conftest import set_today

    set_today(monkeypatch, DAG.isoformat())
    m, a = f"m{loaded[POH + '/evaluatie-pilot']}", f"a{loaded['a:' + POH]}"
    answered = _post(client, _link(loaded["persoon"]), {f"{m}_klaar": "1", f"{a}_besteed": "12.500"})
    assert answered.status_code == 200
    said = " ".join(unescape(client.get(_link(loaded["persoon"])).text).split())
    assert ("Laatste antwoord: geen koers, mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed, besteed in 2020 "
            "€ 12.500 (3 augustus 2020).") in said, said
