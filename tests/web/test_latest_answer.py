"""The page's "Laatste antwoord" says what the latest answer did, as the report's "Laatste voortgang"
does (services/reports/authors.py), and its milestones come by date; through Starlette's TestClient on
a real database."""

from __future__ import annotations

from html import unescape

from tests.web.fixtures import DAG, POH
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


def test_an_activity_s_open_milestones_are_listed_by_their_date(client, loaded) -> None:  # type: ignore[no-untyped-def]
    """The pilot's milestones came in the register's order: 31 juli, 31 december (kosten/baten),
    30 september, 31 december; a regisseur reads them by date, as the agenda and the status do."""
    import re

    page = unescape(client.get(_link(loaded["persoon"])).text)
    pilot = page[page.index("Voortgang Pilot Jeugd POH/SOH</h3>"):]
    pilot = pilot[:pilot.index("</article>")]
    assert re.findall(r"Uiterlijk (\d+ \w+ \d{4})", pilot) == [
        "31 juli 2020", "30 september 2020", "31 december 2020", "31 december 2020"]


def test_an_answer_without_a_koers_shows_the_koers_that_stands_with_its_day(client, loaded, monkeypatch  # type: ignore[no-untyped-def]
                                                                           ) -> None:
    """After an answer of only an amount (or only words) the page said "Laatste antwoord: geen koers
    (18 juni 2020)", though the koers given before still stood ("achter": red in the overview and
    the report). It names what the latest answer did and the koers that stands, with its day."""
    from tests.conftest import set_today

    a = f"a{loaded['a:' + POH]}"
    set_today(monkeypatch, "2020-07-20")
    assert _post(client, _link(loaded["persoon"]), {f"{a}_koers": "achter"}).status_code == 200
    set_today(monkeypatch, DAG.isoformat())
    assert _post(client, _link(loaded["persoon"]), {f"{a}_besteed": "€45.000,-"}).status_code == 200
    said = " ".join(unescape(client.get(_link(loaded["persoon"])).text).split())
    assert ("Laatste antwoord: besteed in 2020 € 45.000 (3 augustus 2020); de koers is achter sinds "
            "20 juli 2020.") in said, said
    assert "geen koers" not in said, said
    assert _post(client, _link(loaded["persoon"]), {f"{a}_tekst": "werving loopt"}).status_code == 200
    said = " ".join(unescape(client.get(_link(loaded["persoon"])).text).split())
    assert "Laatste antwoord: „werving loopt” (3 augustus 2020); de koers is achter sinds 20 juli 2020." in said
