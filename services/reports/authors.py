"""Whose words the report quotes under "Laatste woord van de regisseur": a text given by someone
other than the activity's owner or its programme's regisseur (a coordinator moving a milestone with
`regie verplaats --door coordinator`, whose reason became the answer's text:
services/checkins/moved_text.py) is not the regisseur's; the report names who recorded it
(docs/reports.md, "Whose words"). Likewise an answer without words that someone else recorded (a
coordinator's `regie gereed --door coordinator`) still counts as progress, but is shown as what it
did and who recorded it, not as the regisseur's silence (``wordless_actions``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from domain.rules.feiten import ActiviteitFeit
from models.clock import start_of_day
from models.tables import Change, Milestone, Person, ProgressUpdate
from services.register.history import ANSWER_SOURCES
from services.rendering import moved_sentence, reopened_sentence, spent_words


def other_authors(session: Session, activiteiten: list[ActiviteitFeit], peildatum: dt.date) -> dict[int, str]:
    """Per activity id whose last text known on ``peildatum`` (the one the report quotes: the last
    answer with a text, services/reminders/daily_check._last_answers) was recorded by someone other
    than its owner or regisseur, that person's name."""
    own: dict[int, set[int | None]] = {a.id: {a.eigenaar_id, a.regisseur_id} for a in activiteiten
                                       if a.laatste_tekst}
    if not own:
        return {}
    last = {aid: row[0] for aid, row in _last_answers(session, own, peildatum, met_tekst=True).items()}
    return named_others(session, last, own)


def wordless_actions(session: Session, activiteiten: list[ActiviteitFeit], peildatum: dt.date, *,
                     met_reden: bool = True) -> dict[int, tuple[str | None, str | None]]:
    """Per activity whose last answer known on ``peildatum`` (the one "Laatste voortgang" dates) gave
    no words: what it did to its milestones (``answer_actions``; None when nothing), and the name of
    who recorded it when that was not its owner or regisseur (None when it was). An answer by its
    own people that did nothing either is left out. Its words, where it had any, are
    ``other_authors``'. The report says "Laatste voortgang 19 juni 2020: mijlpaal „X” gereed". An
    answer that only gave the spending says it as the answer page confirmed it ("besteed in 2020 tot
    nu toe: € 12.500"): a trial's report said "Laatste voortgang 9 september 2020." and nothing more."""
    own: dict[int, set[int | None]] = {a.id: {a.eigenaar_id, a.regisseur_id} for a in activiteiten
                                       if a.laatste_voortgang}
    last = _last_answers(session, own, peildatum, met_tekst=False) if own else {}
    silent = {aid: row for aid, row in last.items() if not row[1]}
    names = named_others(session, {aid: row[0] for aid, row in silent.items()}, own)
    did = answer_actions(session, {aid: row[2] for aid, row in silent.items()}, met_reden=met_reden)
    for aid, (_, _, _, besteed, jaar) in silent.items():
        if besteed is not None:
            spent = spent_words(jaar, besteed)
            did[aid] = f"{did[aid]}; {spent}" if aid in did else spent
    return {aid: (did.get(aid), names.get(aid)) for aid in silent if aid in did or aid in names}


def answer_actions(session: Session, answers: dict[int, Any], *, met_reden: bool = True) -> dict[int, str]:
    """Per activity id, what its answer recorded at ``answers[id]`` (the answer's ``vastgelegd_op``,
    the moment of its history rows: services/checkins/progress.py) did to its milestones, in Dutch:
    'mijlpaal „Uitvoeringsplan OAB concreet” gereed', 'nieuwe datum voor „Evaluatie pilot”: 3 maart
    2021 (was 1 december 2020): wacht op de aanbesteding' (a move by `regie verplaats` or the answer
    page: without it the report's "Laatste woord" showed the answer's day alone). An activity whose
    answer did none of that is left out. Without ``met_reden`` (the council's public version) a move's
    reason, an internal note, is left out."""
    if not answers:
        return {}
    c, m = Change.__table__, Milestone.__table__  # type: ignore[attr-defined]
    done: dict[int, list[str]] = {}
    moved: dict[int, list[str]] = {}
    for aid, when, what, veld, oud, nieuw, reden in session.execute(
            select(c.c.activiteit_id, c.c.tijdstip, m.c.omschrijving, c.c.veld, c.c.oud, c.c.nieuw, c.c.reden)
            .join(m, m.c.id == c.c.onderwerp_id)
            .where(c.c.activiteit_id.in_(sorted(answers)), c.c.onderwerp == "mijlpaal",
                   or_(and_(c.c.veld == "gereed", c.c.oud.is_(None), c.c.nieuw.is_not(None)),
                       and_(c.c.veld == "gereed", c.c.nieuw.is_(None), c.c.bron.in_(ANSWER_SOURCES)),
                       and_(c.c.veld == "uiterlijk", c.c.bron.in_(ANSWER_SOURCES), c.c.nieuw.is_not(None))),
                   c.c.tijdstip.in_(set(answers.values())))
            .order_by(c.c.id)):
        if when != answers[aid]:  # read through the same column type: not another answer's moment
            continue
        if veld == "gereed" and nieuw is None:  # `regie heropen`: a done by mistake, undone
            moved.setdefault(aid, []).append(reopened_sentence(what, oud, reden if met_reden else None))
        elif veld == "gereed":
            done.setdefault(aid, []).append(f"„{what}”")
        else:
            moved.setdefault(aid, []).append(moved_sentence(what, oud, nieuw, reden if met_reden else None))
    said = {aid: f"{'mijlpalen' if len(names) > 1 else 'mijlpaal'} {_listed(names)} gereed"
            for aid, names in done.items()}
    for aid, sentences in moved.items():
        said[aid] = "; ".join(([said[aid]] if aid in said else []) + sentences)
    return said


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _last_answers(session: Session, ids: Any, peildatum: dt.date | None, *, met_tekst: bool,
                  ) -> dict[int, tuple[int | None, str | None, Any, Decimal | None, int | None]]:
    """Per activity id in ``ids`` its last answer known on ``peildatum`` (with a text only when
    ``met_tekst``): who recorded it, its text, its moment, and the spending it gave with its year."""
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    where = [u.c.activiteit_id.in_(sorted(ids))]
    if met_tekst:
        where += [u.c.tekst.is_not(None), u.c.tekst != ""]
    if peildatum is not None:
        where.append(u.c.vastgelegd_op < start_of_day(peildatum + dt.timedelta(days=1)))
    last: dict[int, tuple[int | None, str | None, Any, Decimal | None, int | None]] = {}
    for aid, who, tekst, when, besteed, jaar in session.execute(
            select(u.c.activiteit_id, u.c.persoon_id, u.c.tekst, u.c.vastgelegd_op, u.c.besteed,
                   u.c.besteed_jaar).where(*where).order_by(u.c.vastgelegd_op, u.c.id)):
        last[aid] = (who, tekst, when, besteed, jaar)  # in order: the last one wins
    return last


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
