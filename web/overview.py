"""What "Mijn activiteiten" shows: a person's open activities and milestones by programme."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from domain.rules.milestones import te_laat
from domain.rules.regels import ACTIEF
from models.tables import Activity, Change, Indicator, Measurement, Milestone, Programme, ProgressUpdate
from services.reports.authors import answer_actions, named_others
from web.links import Houder

_FIELD = re.compile(r"([ami])(\d{1,12})(_|$)")


@dataclass
class MijlpaalRegel:
    """An open milestone as the page shows it."""

    id: int
    sleutel: str
    omschrijving: str
    uiterlijk: dt.date | None
    te_laat: bool
    soort: str = ""  # "start": "Start …", not "Uiterlijk …" (domain/rules/milestones.datumwoord)
    onzeker: bool = False  # the register's `zeker: false`: an estimate ("medio 2021"), said so on the page


@dataclass
class GereedRegel:
    """A done milestone as the page shows it: its date, and a way to reopen it (web/reopen.py).
    ``stand``: the id of the history row of the done the page showed (0: from the register file), so a
    reopen sent twice (a reload, the back button) or after the milestone was done again is not applied."""

    id: int
    sleutel: str
    omschrijving: str
    gereed: dt.date
    stand: int = 0
    uiterlijk: dt.date | None = None
    te_laat: bool = False  # late once reopened: the confirmation says so, as `regie heropen` does
    soort: str = ""  # a start past its date gets no reminder once reopened: said too


@dataclass
class IndicatorRegel:
    """An indicator with its latest value."""

    id: int
    sleutel: str
    naam: str
    eenheid: str | None
    laatste: Decimal | None
    laatste_datum: dt.date | None


@dataclass
class ActiviteitRegel:
    """An open activity with its latest answer."""

    id: int
    sleutel: str
    titel: str
    status: str
    koers: str | None = None
    tekst: str | None = None
    besteed: Decimal | None = None
    besteed_jaar: int | None = None  # the year ``besteed`` is about
    bijgewerkt: dt.datetime | None = None
    mijlpalen: list[MijlpaalRegel] = field(default_factory=list)
    indicatoren: list[IndicatorRegel] = field(default_factory=list)
    door: str | None = None  # who recorded the latest answer when not the owner or regisseur (a coordinator)
    actie: str | None = None  # what that answer did when it had no words: 'mijlpaal „X” gereed'
    koers_op: dt.datetime | None = None  # when ``koers``, the one that stands, came from an earlier answer
    # this year's spending as recorded (the latest answer that gave it), and when: the page shows it
    # beside the field, so an amount repeated (no change: services/checkins/spending.py) is seen to stand
    besteed_nu: Decimal | None = None
    besteed_nu_op: dt.datetime | None = None
    gereed_mijlpalen: list[GereedRegel] = field(default_factory=list)  # done ones: to reopen


@dataclass
class ProgrammaRegel:
    """A programme and the person's activities in it."""

    nummer: int
    titel: str
    activiteiten: list[ActiviteitRegel] = field(default_factory=list)


@cache
def _statements() -> dict[str, Any]:
    """The page's queries, built once with bound parameters: building and keying a statement costs
    more than running it on a small table, and a submit runs four of them."""
    a, p, u = Activity.__table__, Programme.__table__, ProgressUpdate.__table__  # type: ignore[attr-defined]
    m, i, v = Milestone.__table__, Indicator.__table__, Measurement.__table__  # type: ignore[attr-defined]
    w = Change.__table__  # type: ignore[attr-defined]
    ids = bindparam("ids", expanding=True)
    mine = (select(a.c.id, a.c.sleutel, a.c.titel, a.c.status, p.c.id, p.c.nummer, p.c.titel,
                   p.c.regisseur_id)
            .join(p, p.c.id == a.c.programma_id)
            .where(a.c.eigenaar_id == bindparam("persoon"), a.c.gearchiveerd_op.is_(None),
                   a.c.status.in_(ACTIEF))
            .order_by(p.c.nummer, a.c.volgorde))
    return {
        "alle": mine,
        # an answer: the activities it names, and those of the milestones and indicators it names
        "genoemd": mine.where(a.c.id.in_(bindparam("a", expanding=True)) | a.c.id.in_(
            select(m.c.activiteit_id).where(m.c.id.in_(bindparam("m", expanding=True)))) | a.c.id.in_(
            select(i.c.activiteit_id).where(i.c.id.in_(bindparam("i", expanding=True))))),
        "laatste": select(u.c.activiteit_id, u.c.koers, u.c.tekst, u.c.besteed, u.c.besteed_jaar,
                           u.c.vastgelegd_op, u.c.persoon_id)
        .where(u.c.activiteit_id.in_(ids)).order_by(u.c.vastgelegd_op, u.c.id),
        "mijlpalen": select(m.c.activiteit_id, m.c.id, m.c.sleutel, m.c.omschrijving, m.c.uiterlijk,
                            m.c.soort, m.c.herhaling, m.c.zeker, m.c.gereed)  # done ones too: to reopen
        .where(m.c.activiteit_id.in_(ids), m.c.gearchiveerd_op.is_(None))
        # by date, as the agenda and `regie status` read them (a milestone without one last)
        .order_by(m.c.activiteit_id, m.c.uiterlijk.is_(None), m.c.uiterlijk, m.c.volgorde),
        # the done the page shows, per done milestone: the latest history row of its 'gereed'
        "stand": select(w.c.onderwerp_id, func.max(w.c.id)).where(
            w.c.activiteit_id.in_(ids), w.c.onderwerp == "mijlpaal", w.c.veld == "gereed")
        .group_by(w.c.onderwerp_id),
        "indicatoren": select(i.c.activiteit_id, i.c.id, i.c.sleutel, i.c.naam, i.c.eenheid)
        .where(i.c.activiteit_id.in_(ids), i.c.gearchiveerd_op.is_(None)).order_by(i.c.id),
        "waarden": select(v.c.indicator_id, v.c.waarde, v.c.datum).where(v.c.indicator_id.in_(ids))
        .order_by(v.c.datum),
    }


def overview(*, session: Session, person: Houder, vandaag: dt.date,
             alleen: dict[str, set[int]] | None = None, volledig: bool = True) -> list[ProgrammaRegel]:
    """The person's open activities (owner, not archived, running) grouped by programme, in a
    few column queries however many activities there are; ``alleen``: just the activities an
    answer names (``touched``); without ``volledig`` the latest answers and values are left out
    (reading an answer does not need them)."""
    q = _statements()
    if alleen is None:
        rows = session.execute(q["alle"], {"persoon": person.id}).all()
    else:
        rows = session.execute(q["genoemd"], {"persoon": person.id, "a": list(alleen["a"]),
                                              "m": list(alleen["m"]), "i": list(alleen["i"])}).all()
    ids = {"ids": [r[0] for r in rows]}
    latest, koersen = {}, {}  # the latest answer, and the latest that gave a koers (the one that stands)
    spent = {}  # the latest that gave this year's spending
    for r in session.execute(q["laatste"], ids) if volledig else ():
        latest[r[0]] = r
        if r[1] is not None:
            koersen[r[0]] = r
        if r[3] is not None and r[4] == vandaag.year:
            spent[r[0]] = r
    milestones: dict[int, list[MijlpaalRegel]] = {}
    done: dict[int, list[GereedRegel]] = {}
    for activity_id, mid, key, text, due, soort, herhaling, zeker, gereed in session.execute(q["mijlpalen"],
                                                                                             ids):
        due = _day(due)
        late = te_laat(soort=soort, herhaling=herhaling, due=due, peildatum=vandaag)
        if gereed is not None:
            done.setdefault(activity_id, []).append(GereedRegel(mid, key, text, _day(gereed), 0, due, late,  # type: ignore[arg-type]
                                                                soort))
            continue
        milestones.setdefault(activity_id, []).append(MijlpaalRegel(
            mid, key, text, due, late, soort, onzeker=due is not None and not zeker))
    if volledig and done:  # reading an answer needs no stand: the transaction reads it (web/reopen.py)
        stand = {r[0]: r[1] for r in session.execute(q["stand"], ids)}
        for gereed_regels in done.values():
            for regel in gereed_regels:
                regel.stand = stand.get(regel.id, 0)
    # an answer without indicator values needs no indicators: one query less per submit
    found = session.execute(q["indicatoren"], ids).all() if alleen is None or alleen["i"] else []
    values = {r[0]: r for r in session.execute(q["waarden"], {"ids": [r[1] for r in found]})
              } if volledig and found else {}
    indicators: dict[int, list[IndicatorRegel]] = {}
    for activity_id, iid, key, name, unit in found:
        last = values.get(iid)
        indicators.setdefault(activity_id, []).append(IndicatorRegel(
            iid, key, name, unit, last[1] if last else None, _day(last[2]) if last else None))
    # the latest answer: its words, or else what it did to its milestones, as the report says it
    # ("mijlpaal „X” gereed", also when the person did it themselves), named when someone else
    # recorded it (the report's rule, services/reports/authors.py)
    door = named_others(session, {aid: last[6] for aid, last in latest.items()},
                        {r[0]: {person.id, r[7]} for r in rows}) if latest else {}
    acties = answer_actions(session, {aid: last[5] for aid, last in latest.items() if not last[2]})
    programmes: dict[int, ProgrammaRegel] = {}
    for aid, key, title, status, pid, number, ptitle, _regisseur in rows:
        last = latest.get(aid)
        programmes.setdefault(pid, ProgrammaRegel(number, ptitle)).activiteiten.append(ActiviteitRegel(
            aid, key, title, status, *(last[1:6] if last else (None, None, None, None, None)),
            milestones.get(aid, []), indicators.get(aid, []), door.get(aid), acties.get(aid)))
        row = programmes[pid].activiteiten[-1]
        row.gereed_mijlpalen = done.get(aid, [])
        if last and last[1] is None and (given := koersen.get(aid)):  # an answer without a koers keeps it
            row.koers, row.koers_op = given[1], given[5]
        if given := spent.get(aid):
            row.besteed_nu, row.besteed_nu_op = Decimal(given[3]), given[5]
    return list(programmes.values())


def _day(value: object) -> dt.date | None:
    """A date column as a date (core queries on SQLite may hand back text)."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def touched(form: dict[str, str]) -> dict[str, set[int]]:
    """The ids an answer's field names refer to (a12_koers, m34_klaar, i5), by kind: a, m, i."""
    kinds: dict[str, set[int]] = {"a": set(), "m": set(), "i": set()}
    for name, value in form.items():
        match = _FIELD.match(name)
        if match and value.strip():
            kinds[match.group(1)].add(int(match.group(2)))
    return kinds
