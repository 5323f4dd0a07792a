"""An estimated date on the answer page (a trial: "medio 2021", the register's `zeker: false`, showed as a
plain "Uiterlijk 30 juni 2021", with nothing to say the programme names no precise day)."""

from __future__ import annotations

import re
from html import unescape

from sqlmodel import select

from domain.rules.datum_onzeker import DATUM_ONZEKER
from tests.web.test_answer_page import _link


def test_an_estimated_date_is_said_to_be_one_on_the_page(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Activity, Milestone

    with db.session() as session:
        estimate = session.exec(select(Milestone).where(Milestone.zeker == False)  # noqa: E712
                                .where(Milestone.gereed == None)).first()  # noqa: E711
        owner = session.get(Activity, estimate.activiteit_id).eigenaar_id
        sure = session.exec(select(Milestone).where(Milestone.zeker == True)  # noqa: E712
                            .where(Milestone.activiteit_id.in_(select(Activity.id).where(Activity.eigenaar_id == owner)))
                            .where(Milestone.gereed == None)).first()  # noqa: E711
    said = " ".join(unescape(client.get(_link(owner)).text).split())
    note = f" ({DATUM_ONZEKER}: het programma noemt geen precieze dag)"
    assert re.search(re.escape(estimate.omschrijving) + r".{0,400}?" + re.escape(note), said), said
    if sure is not None:
        assert not re.search(re.escape(sure.omschrijving) + r"[^<]{0,200}?" + re.escape(note), said)
