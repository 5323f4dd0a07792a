"""A "Gereed" link of an older mail for a milestone that is done already (a new user's trial: the page
opened at the top without that milestone and no word): the page says near the top that it is done, since
when and by whom, and that there is nothing to do; only to the person whose activity it is."""

from __future__ import annotations

import re
from html import unescape

from tests.web.fixtures import POH


def _link(persoon_id: int, **kw) -> str:  # type: ignore[no-untyped-def]
    from web.links import personal_link

    return personal_link(persoon_id, **kw).replace("http://127.0.0.1:8400", "")


def _said(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_gereed_link_for_a_done_milestone_says_it_is_done_and_by_whom(client, loaded) -> None:  # type: ignore[no-untyped-def]
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    url = _link(loaded["persoon"], item=m, actie="gereed")
    page = client.get(url).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    done = client.post(url.split("?")[0], data={"csrf": csrf, f"{m}_klaar": "1", f"{m}_gereed": "2020-07-30"})
    assert done.status_code == 200, done.text
    again = client.get(url).text  # the same link from the older mail
    said = _said(again)
    notice = ("„Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) is al gereed sinds 30 juli 2020 "
              "(vastgelegd door Regisseur programma 1 (Gezond en weerbaar)). U hoeft hiervoor niets te doen. "
              "Was dat een vergissing, dan kunt u hem hieronder heropenen.")  # web/reopen.py
    assert notice in said, said
    assert said.index(notice) < said.index("Programma 1"), said  # near the top, before the activities
    assert re.search(rf'<p class="algereed" role="status" id="{m}" tabindex="-1" autofocus>', again)
    assert f'id="{m}_klaar"' not in again and again.count(f'id="{m}"') == 1  # the done one: {m}-gereed
    assert f'<fieldset class="mijlpaal gereed gekozen" id="{m}-gereed">' in again
    other = _said(client.get(_link(loaded["p:beleid-onderwijs"], item=m, actie="gereed")).text)
    assert "al gereed" not in other  # someone else's milestone: nothing said about it
