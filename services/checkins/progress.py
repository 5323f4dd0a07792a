"""Progress from the regisseurs: a progress update, a milestone done, a date moved.

Every change is one transaction with its history rows; a bad answer raises ``Ongeldig`` with a
Dutch message saying what to fix, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from domain.documents.bedragen import euro
from domain.maanden import in_woorden as woorden
from domain.melding import onbekende_activiteit
from domain.register.register import ACTIVITEIT_STATUSSEN
from domain.register.tekstcontrole import EERSTE_JAAR
from models.tables import Activity, Indicator, Milestone, Person, ProgressUpdate
from services.calendars.agenda import refresh_after_commit
from services.checkins.lookup import Ongeldig as Ongeldig
from services.checkins.lookup import find_activity as find_activity
from services.checkins.lookup import find_milestone as find_milestone
from services.checkins.spending import spent_year, without_unchanged_spending
from services.register.history import HistoryLog

if TYPE_CHECKING:
    from services.calendars.agenda_writer import FeedWriter

KOERSEN = ("op-koers", "risico", "achter")


def koers_van(text: str | None) -> str | None:
    """A koers as a person types it, in the words the page and the mails show ('Op koers', 'op_koers',
    'RISICO'): the stored form (op-koers); anything else as typed, for ``check`` to refuse."""
    if text is None:
        return None
    woord = "-".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    return woord if woord in KOERSEN else text


def status_van(text: str | None) -> str | None:
    """An activity's status as a person types it, in any case and with spaces around it ('Lopend',
    ' GEPLAND '): the register's word (lopend); anything else as typed, for ``check`` to refuse."""
    if text is None:
        return None
    woord = " ".join(text.split()).casefold()
    return woord if woord in ACTIVITEIT_STATUSSEN else text


@dataclass
class MijlpaalAntwoord:
    """What an answer says about one milestone: done on a date, moved to a date, or reopened (a done
    marked by mistake: `regie heropen`, with its reason; the history keeps the done date it undoes)."""

    sleutel: str
    gereed: dt.date | None = None
    nieuwe_datum: dt.date | None = None
    reden: str | None = None
    heropend: bool = False


@dataclass
class Antwoord:
    """A regisseur's answer about one activity (from the form or the command line)."""

    activiteit: str
    koers: str | None = None
    status: str | None = None
    tekst: str | None = None
    besteed: Decimal | None = None
    besteed_jaar: int | None = None  # the year ``besteed`` is about (so far); None: the answer's year
    besteed_was: Decimal | None = None  # set by apply_all: the year's spending before this answer
    mijlpalen: list[MijlpaalAntwoord] = field(default_factory=list)
    metingen: dict[str, Decimal] = field(default_factory=dict)  # indicator values measured today, by key

    def __post_init__(self) -> None:
        # every way in (command line, answer page, Prefect form) reads a koers and a text alike: the
        # words users see ('Op koers'), and blank text is no text (it would replace the last words)
        self.koers = koers_van(self.koers)
        self.status = status_van(self.status)
        self.tekst = (self.tekst or "").strip() or None


def check(antwoord: Antwoord, *, milestones: dict[str, Milestone], vandaag: dt.date,
          reden_waar: str = "", datum: Callable[[dt.date], str] = woorden) -> list[str]:
    """Every problem with an answer, in Dutch; empty when it can be applied. ``reden_waar`` says where
    the reason goes (the answer page: its field beside the date); ``datum`` writes a date, in words on
    every surface ("1 oktober 2020": the command line said 01-10-2020 where its other lines say words)."""
    problems = []
    if antwoord.koers is not None and antwoord.koers not in KOERSEN:
        problems.append(f"koers '{antwoord.koers}' bestaat niet: kies op koers, risico of achter.")
    if antwoord.status is not None and antwoord.status not in ACTIVITEIT_STATUSSEN:
        *eerst, laatste = ACTIVITEIT_STATUSSEN  # as the koers: "kies …, vertraagd of gestopt."
        problems.append(f"status '{antwoord.status}' bestaat niet: kies {', '.join(eerst)} of {laatste}.")
    if antwoord.besteed is not None and antwoord.besteed < 0:
        problems.append("het bestede bedrag is negatief: vul het bedrag in dat tot nu toe is uitgegeven "
                        "(0 of meer).")
    if antwoord.besteed_jaar is not None and not EERSTE_JAAR <= antwoord.besteed_jaar <= vandaag.year:
        problems.append(f"besteed in {antwoord.besteed_jaar}: dat jaar is nog niet begonnen of bestaat niet. "
                        f"Geef het jaar waarin het geld is uitgegeven, uiterlijk {vandaag.year}.")
    for m in antwoord.mijlpalen:
        if m.sleutel not in milestones:
            problems.append(f"mijlpaal '{m.sleutel}' hoort niet bij deze activiteit: kies er een uit "
                            f"{', '.join(sorted(milestones)) or '(geen)'}.")
            continue
        # named as people know it (its omschrijving), not by its key from the register file
        omschrijving = getattr(milestones[m.sleutel], "omschrijving", None)
        name = f"mijlpaal „{omschrijving}”" if omschrijving else f"mijlpaal '{m.sleutel}'"
        if m.gereed is not None and m.gereed > vandaag:
            problems.append(f"{name}: gereed op {datum(m.gereed)} ligt in de toekomst (vandaag is "
                            f"{datum(vandaag)}). Vul de datum in waarop hij gereed wás, of verplaats de "
                            "mijlpaal.")
        if m.heropend and getattr(milestones[m.sleutel], "gereed", None) is None:
            problems.append(f"{name} is niet gereed: er is niets te heropenen.")
        elif m.heropend and not (m.reden or "").strip():
            problems.append(f"{name}: geef een reden waarom de mijlpaal weer open gaat.")
        # (the answer page hands only its open milestones, without a 'gereed')
        if m.nieuwe_datum is not None and getattr(milestones[m.sleutel], "gereed", None) is not None:
            problems.append(f"{name} is al gereed: een mijlpaal die gereed is, verplaatst u "
                            "niet. Voeg voor nieuw werk een mijlpaal toe in het registerbestand.")
        elif m.nieuwe_datum is not None and m.nieuwe_datum < vandaag and not (m.reden or "").strip():
            problems.append(f"{name}: de nieuwe datum {datum(m.nieuwe_datum)} ligt in het "
                            "verleden. Geef een reden, of kies een datum vanaf vandaag.")
        elif m.nieuwe_datum is not None and not (m.reden or "").strip():
            problems.append(f"{name}: geef een reden voor de nieuwe datum{reden_waar}.")
    return list(dict.fromkeys(problems))


def apply(*, session: Session, antwoord: Antwoord, door: str, bron: str, vandaag: dt.date,
          gemeente: str | None = None, bevestigt: bool = False) -> None:
    """Apply an answer in the caller's transaction; raises ``Ongeldig`` before changing anything."""
    activity = find_activity(session=session, sleutel=antwoord.activiteit, gemeente=gemeente)
    assert activity.id is not None
    # Who gave it: the person with that key in the activity's municipality, else in another one (a
    # key from any municipality of the register is accepted, regie/common.door_of): never nobody,
    # so the history, the overview and the report can name them.
    person = session.scalar(sa_select(Person.id).where(Person.sleutel == door).order_by(
        Person.gemeente_id != activity.gemeente_id, Person.id).limit(1))
    apply_all(session=session, antwoorden=[(activity.id, antwoord)], persoon_id=person, door=door, bron=bron,
              vandaag=vandaag, bevestigt=bevestigt)


@cache
def _activities_and_milestones() -> Any:
    """Activities by id with their active milestones: built once (building a statement costs more
    than running it)."""
    a, m = Activity.__table__, Milestone.__table__  # type: ignore[attr-defined]
    return (sa_select(a.c.id, a.c.sleutel, a.c.status, a.c.gemeente_id, a.c.eigenaar_id, m.c.id.label("mid"),
                      m.c.sleutel.label("msleutel"), m.c.gereed, m.c.uiterlijk, m.c.vroegst, m.c.zeker,
                      m.c.omschrijving)
            .outerjoin(m, and_(m.c.activiteit_id == a.c.id, m.c.gearchiveerd_op.is_(None)))
            .where(a.c.id.in_(bindparam("ids", expanding=True)), a.c.gearchiveerd_op.is_(None)))


def apply_all(*, session: Session, antwoorden: list[tuple[int, Antwoord]], persoon_id: int | None, door: str,
              bron: str, vandaag: dt.date, agenda: FeedWriter | None = None, bevestigt: bool = False) -> None:
    """Apply answers about several activities (by id) in the caller's transaction: every answer is
    checked first, and ``Ongeldig`` is raised before anything changes. Reads come first and the
    writes follow in a few statements, so a database that serialises writers (SQLite) holds its
    write lock only briefly. After the commit the calendar feeds of the owners of milestones done
    or moved are rewritten: by ``agenda`` (the answer page's background writer) when given, else
    synchronously (services/calendars/agenda.py). ``bevestigt``: an answer that says nothing new is
    still recorded ("geen wijzigingen": the check-in's form, where the person confirmed it)."""
    from services.checkins.measurements import check_waarde, record

    if not antwoorden:
        return
    ids = [activity_id for activity_id, _ in antwoorden]
    activities: dict[int, Any] = {}
    milestones: dict[int, dict[str, Any]] = {i: {} for i in ids}
    for row in session.execute(_activities_and_milestones(), {"ids": ids}):
        activities[row.id] = row
        if row.mid is not None:
            milestones[row.id][row.msleutel] = row
    problems = []
    for activity_id, antwoord in antwoorden:
        activity = activities.get(activity_id)
        if activity is None or activity.sleutel != antwoord.activiteit:
            raise Ongeldig(onbekende_activiteit(antwoord.activiteit, []))
        problems += check(antwoord, milestones=milestones[activity_id], vandaag=vandaag)
    if problems:
        raise Ongeldig(" ".join(problems))
    indicators = _indicators(session, antwoorden, activities)
    antwoorden = without_unchanged_spending(session, antwoorden, vandaag, keep_empty=bevestigt)
    if not antwoorden:
        return
    gemeente_id = activities[ids[0]].gemeente_id
    log = HistoryLog(gemeente_id=gemeente_id, door=door, bron=bron)
    updates: list[dict[str, Any]] = []
    moved: list[tuple[Any, int, dict[str, Any]]] = []
    calendars: set[int] = set()  # owners whose milestone is done or moved: their feed changes now
    for activity_id, antwoord in antwoorden:
        activity = activities[activity_id]
        before = len(moved)
        antwoord.besteed_jaar = spent_year(antwoord, vandaag)
        _changes(antwoord, activity, milestones[activity_id], log, moved)
        if any(table is Milestone for table, _, _ in moved[before:]):
            calendars.add(activity.eigenaar_id)
        updates.append({"activiteit_id": activity_id, "persoon_id": persoon_id, "koers": antwoord.koers,
                        "activiteit_status": antwoord.status,
                        "tekst": antwoord.tekst,  # a move's words are the history's (authors.answer_actions)
                        "besteed": antwoord.besteed, "besteed_jaar": spent_year(antwoord, vandaag),
                        "vastgelegd_op": log.tijdstip})
    # the writes: one insert of the updates, one per changed milestone or status, one of the history
    session.execute(insert(ProgressUpdate.__table__), updates)  # type: ignore[attr-defined]
    for table, row_id, values in moved:
        session.execute(update(table).where(table.id == row_id).values(**values))
    for activity_id, antwoord in antwoorden:  # today's values, through the one rule for measurements
        for key, value in antwoord.metingen.items():
            record(session=session, activity=activities[activity_id], indicator=indicators[activity_id][key],
                   datum=vandaag, waarde=check_waarde(value), log=log, bron=bron)
    log.flush(session)
    refresh_after_commit(session, calendars, agenda)


def _changes(antwoord: Antwoord, activity: Any, milestones: dict[str, Any], log: HistoryLog,
             moved: list[tuple[Any, int, dict[str, Any]]]) -> None:
    """The history rows of one answer, and the rows it changes (table, id, new values)."""

    def note(**kw: object) -> None:
        log.add(activiteit_id=activity.id, **kw)  # type: ignore[arg-type]

    spent = None
    if antwoord.besteed is not None:  # old → new, as a moved date shows
        was = f"{euro(antwoord.besteed_was)} → " if antwoord.besteed_was is not None else ""
        spent = f"besteed in {antwoord.besteed_jaar} {was}{euro(antwoord.besteed)}"
    parts = [str(v) for v in (antwoord.koers, antwoord.tekst, spent) if v]
    note(onderwerp="voortgang", sleutel=activity.sleutel, onderwerp_id=activity.id, veld="voortgang",
         nieuw=" · ".join(parts) or "geen wijzigingen")
    if antwoord.status and antwoord.status != activity.status:
        note(onderwerp="activiteit", sleutel=activity.sleutel, onderwerp_id=activity.id, veld="status",
             oud=activity.status, nieuw=antwoord.status)
        moved.append((Activity, activity.id, {"status": antwoord.status}))
    for m in antwoord.mijlpalen:
        milestone = milestones[m.sleutel]
        name, values = f"{activity.sleutel}/{milestone.msleutel}", dict[str, Any]()
        if m.gereed is not None and milestone.gereed is None:  # done once: a second answer changes nothing
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.mid, veld="gereed",
                 oud=_day(milestone.gereed), nieuw=m.gereed, reden=m.reden)
            values["gereed"] = m.gereed
        if m.heropend and milestone.gereed is not None:  # a done by mistake undone: old date → none
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.mid, veld="gereed",
                 oud=_day(milestone.gereed), nieuw=None, reden=m.reden)
            values["gereed"] = None
        if m.nieuwe_datum is not None and _day(milestone.uiterlijk) != m.nieuwe_datum:
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.mid, veld="uiterlijk",
                 oud=_day(milestone.uiterlijk), nieuw=m.nieuwe_datum, reden=m.reden)
            earliest = _day(milestone.vroegst)
            if earliest and earliest > m.nieuwe_datum:
                note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.mid, veld="vroegst",
                     oud=earliest, nieuw=m.nieuwe_datum, reden=m.reden)
                values["vroegst"] = m.nieuwe_datum
            values["uiterlijk"] = m.nieuwe_datum
        if m.nieuwe_datum is not None and not milestone.zeker:  # a date a person gives is certain
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.mid, veld="zeker", oud=False,
                 nieuw=True, reden=m.reden)
            values["zeker"] = True
        if values:
            moved.append((Milestone, milestone.mid, values))


def _day(value: object) -> dt.date | None:
    """A date column as a date (core queries on SQLite may hand back text)."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _indicators(session: Session, antwoorden: list[tuple[int, Antwoord]], activities: dict[int, Any],
                ) -> dict[int, dict[str, Indicator]]:
    """The active indicators of the activities that got values, by key; ``Ongeldig`` for a key that
    is not one of them (before anything is written)."""
    wanted = [i for i, antwoord in antwoorden if antwoord.metingen]
    found: dict[int, dict[str, Indicator]] = {i: {} for i in wanted}
    if wanted:
        for indicator in session.exec(select(Indicator).where(
                Indicator.activiteit_id.in_(wanted), Indicator.gearchiveerd_op.is_(None))):  # type: ignore[attr-defined,union-attr]
            found[indicator.activiteit_id][indicator.sleutel] = indicator
    for activity_id, antwoord in antwoorden:
        for key in antwoord.metingen:
            if key not in found[activity_id]:
                name = activities[activity_id].sleutel
                raise Ongeldig(f"indicator '{key}' hoort niet bij activiteit '{name}': "
                               f"kies er een uit {', '.join(sorted(found[activity_id])) or '(geen)'}.")
    return found
