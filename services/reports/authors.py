"""Whose words the report quotes under "Laatste woord van de regisseur": a text given by someone
other than the activity's owner or its programme's regisseur (a coordinator moving a milestone with
`regie verplaats --door coordinator`, whose reason became the answer's text:
services/checkins/moved_text.py) is not the regisseur's; the report names who recorded it
(docs/reports.md, "Whose words")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from domain.rules.feiten import ActiviteitFeit
from models.clock import start_of_day
from models.tables import Person, ProgressUpdate


def other_authors(session: Session, activiteiten: list[ActiviteitFeit], peildatum: dt.date) -> dict[int, str]:
    """Per activity id whose last text known on ``peildatum`` (the one the report quotes: the last
    answer with a text, services/reminders/daily_check._last_answers) was recorded by someone other
    than its owner or regisseur, that person's name."""
    own: dict[int, set[int | None]] = {a.id: {a.eigenaar_id, a.regisseur_id} for a in activiteiten
                                       if a.laatste_tekst}
    if not own:
        return {}
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    last: dict[int, int | None] = {}
    for aid, who in session.execute(
            select(u.c.activiteit_id, u.c.persoon_id)
            .where(u.c.activiteit_id.in_(sorted(own)), u.c.tekst.is_not(None), u.c.tekst != "",
                   u.c.vastgelegd_op < start_of_day(peildatum + dt.timedelta(days=1)))
            .order_by(u.c.vastgelegd_op, u.c.id)):
        last[aid] = who  # in order: the last text wins
    return named_others(session, last, own)


def named_others(session: Session, recorded_by: dict[int, int | None],
                 own: dict[int, set[int | None]]) -> dict[int, str]:
    """Per activity id whose quoted text was recorded (``recorded_by``: the answer's ``persoon``) by
    someone not in ``own`` (its owner and regisseur), that person's name; an answer without a
    persoon (older data) is nobody else's. The report's rule, and the page "Mijn activiteiten"'s
    (web/overview.py), where the latest answer's text is quoted."""
    others = {aid: who for aid, who in recorded_by.items() if who is not None and who not in own.get(aid, ())}
    if not others:
        return {}
    p = Person.__table__  # type: ignore[attr-defined]
    names: dict[int, str] = dict(session.execute(
        select(p.c.id, p.c.naam).where(p.c.id.in_(set(others.values())))).all())
    return {aid: names.get(who) or "iemand anders dan de regisseur" for aid, who in others.items()}
