"""`regie geschiedenis`: the history of one activity as actions, one per thing someone did (a load, an
answer, a command), oldest first; each with its changes in words and dates written the Dutch way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from domain.reports.rapport import STAND_WOORDEN
from models.tables import Activity, Change, Indicator, Milestone, Person
from services.register.history import history_of, veld_woord
from services.rendering import citaat, datum

NOT_CHANGES = ("laad", "controle")  # rows that are no change made since the register was loaded
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MIN_NUL = re.compile(r"-(0(?:\.0+)?)")  # "-0.00", written by an earlier release for a value typed as -0


@dataclass
class Onderdeel:
    """What one action changed of one subject (the activity, one milestone, one indicator), and the
    reasons given for those changes: an answer that gives a koers and moves a milestone has two, so a
    reason is shown beside the change it was given for."""

    wijzigingen: list[str] = field(default_factory=list)
    redenen: list[str] = field(default_factory=list)


@dataclass
class Handeling:
    """One action: when, who (``door``: a person's key, 'register', …; ``naam``: that person's name
    in personen.yaml, None when ``door`` names no person), through what (laad, opdracht, antwoord),
    and per subject what changed and why."""

    tijdstip: dt.datetime
    door: str
    bron: str
    naam: str | None = None
    onderdelen: list[Onderdeel] = field(default_factory=list)

    @property
    def wijzigingen(self) -> list[str]:
        """Every change of the action, in order."""
        return [w for o in self.onderdelen for w in o.wijzigingen]


def dutch_dates(text: str) -> str:
    """'mosd 2020-06-24' as 'mosd 24 juni 2020': a key with a date, as `regie laad --plan` names it."""
    return _in_words(text)


def actions_of(*, session: Session, activity: Activity) -> list[Handeling]:
    """The history of ``activity`` as actions, oldest first. The rows one action wrote share their
    time, author and source (services/register/history.HistoryLog); an answer's progress note that
    only names the milestone it marked done or moved ('Mijlpaal X gereed') is left out beside that
    milestone's own change."""
    assert activity.id is not None
    titles = _titles(session, activity)
    actions = [_action(activity.sleutel, changes, titles)
               for changes in _grouped(history_of(session=session, activiteit_id=activity.id))]
    p = Person.__table__  # type: ignore[attr-defined]
    names: dict[str, str] = dict(session.execute(select(p.c.sleutel, p.c.naam).where(
        p.c.gemeente_id == activity.gemeente_id, p.c.sleutel.in_({a.door for a in actions}))).all())
    for action in actions:  # by name, as the report and the answer page say who; archived people too
        action.naam = names.get(action.door)
    return actions


def _titles(session: Session, activity: Activity) -> dict[str, str]:
    """The names a user reads for the activity's milestones and indicators (archived ones too), by the
    key a history row gives them ('evaluatie-pilot' → „Evaluatie pilot”)."""
    m, i = Milestone.__table__, Indicator.__table__  # type: ignore[attr-defined]
    rows = [*session.execute(select(m.c.sleutel, m.c.omschrijving).where(m.c.activiteit_id == activity.id)),
            *session.execute(select(i.c.sleutel, i.c.naam).where(i.c.activiteit_id == activity.id))]
    return {sleutel: citaat(naam) for sleutel, naam in rows}


def _in_words(text: str) -> str:
    """'2020-07-20' as '20 juli 2020', as `regie status` and the report write a date."""
    return _ISO_DAY.sub(lambda d: datum(d.group(0)), text)


def counted_changes(*, session: Session, activiteiten: dict[int, str], sinds: dt.datetime,
                    tot: dt.datetime) -> dict[int, int]:
    """Per activity id (``activiteiten``: id to key), how many changes were made in [sinds, tot): those
    `regie geschiedenis` lists, so one `regie gereed` is one change, not also the progress row "geen
    wijzigingen" its answer wrote (the report's "N wijzigingen sinds de vorige rapportage"). Not
    counted: a load, and the daily check's own note that a check-in went unanswered (``controle``,
    services/checkins/expiry.py), which changes nothing."""
    per: dict[int, list[Change]] = {}
    for change in session.scalars(select(Change).where(
            Change.activiteit_id.in_(sorted(activiteiten)),
            Change.bron.not_in(NOT_CHANGES),  # type: ignore[union-attr]
            Change.tijdstip >= sinds, Change.tijdstip < tot)  # type: ignore[arg-type]
            .order_by(Change.activiteit_id, Change.tijdstip, Change.id)):  # type: ignore[arg-type]
        per.setdefault(change.activiteit_id, []).append(change)
    counts = {aid: sum(len(_shown(activiteiten[aid], changes)) for changes in _grouped(rows))
              for aid, rows in per.items()}
    return {aid: n for aid, n in counts.items() if n}


def _grouped(changes: Iterable[Change]) -> list[list[Change]]:
    """One activity's rows, oldest first, as actions: the rows one action wrote share their time,
    author and source (services/register/history.HistoryLog)."""
    actions: list[tuple[tuple[object, ...], list[Change]]] = []
    for change in changes:
        key = (change.tijdstip, change.door, change.bron)
        if actions and actions[-1][0] == key:
            actions[-1][1].append(change)
        else:
            actions.append((key, [change]))
    return [rows for _, rows in actions]


def _shown(sleutel: str, changes: list[Change]) -> list[Change]:
    """The rows of one action that its history line names: an answer that only marked a milestone
    done or moved it wrote a progress note ('geen wijzigingen', or 'Mijlpaal X gereed' before) that
    the milestone's own change already says."""
    milestones = {c.sleutel.removeprefix(f"{sleutel}/") for c in changes if c.onderwerp == "mijlpaal"}
    return [c for c in changes if not (c.onderwerp == "voortgang" and milestones and (
        (c.nieuw or "") == "geen wijzigingen" or any((c.nieuw or "").startswith(f"Mijlpaal {m} ")
                                                    for m in milestones)))]


def _action(sleutel: str, changes: list[Change], titles: dict[str, str]) -> Handeling:
    first = changes[0]
    action = Handeling(first.tijdstip, first.door, first.bron)
    parts: dict[str, Onderdeel] = {}  # by subject, in the order the action changed them
    for c in _shown(sleutel, changes):
        part = parts.setdefault(c.sleutel, Onderdeel())
        part.wijzigingen.append(_change(sleutel, c, titles))
        if c.reden and c.reden not in part.redenen:
            part.redenen.append(c.reden)
    action.onderdelen = list(parts.values())
    return action


def _koers_in_words(note: str) -> str:
    """An answer's note starts with its koers as stored ('op-koers · …'); shown as the report and the
    answer page write it ('op koers · …')."""
    koers, sep, rest = note.partition(" · ")
    return f"{STAND_WOORDEN.get(koers, koers)}{sep}{rest}"


def _change(sleutel: str, c: Change, titles: dict[str, str]) -> str:
    """'„Evaluatie pilot” · gereed: — → 20 juli 2020', 'activiteit: toegevoegd met 4 mijlpalen',
    'voortgang: risico · besteed in 2026 € 12.500'."""
    wat = c.sleutel.removeprefix(f"{sleutel}/") if c.onderwerp in ("mijlpaal", "indicator") else c.onderwerp
    if c.onderwerp in ("mijlpaal", "indicator"):
        wat = titles.get(wat, wat)
    elif c.onderwerp == "subsidie":  # by its recipient: 'subsidie Yunio · bedrag: € 13.257 → € 13.300'
        wat = f"subsidie {c.sleutel.removeprefix(f'{sleutel}/')}"
    veld = f" · {veld_woord(c.veld)}" if c.veld and c.veld != wat else ""
    oud, nieuw = (_MIN_NUL.sub(r"\1", v) if v is not None and _MIN_NUL.fullmatch(v) else v
                  for v in (c.oud, c.nieuw))
    if c.onderwerp == "voortgang" and nieuw:
        nieuw = _koers_in_words(nieuw)
    if c.veld == "gereed" and oud is not None and nieuw is None:  # `regie heropen`: open again, not "—"
        return _in_words(f"{wat} · heropend (was gereed op {oud})")
    if oud is None and (c.veld is None or c.veld == wat):
        return _in_words(f"{wat}{veld}: {nieuw or '—'}")
    return _in_words(f"{wat}{veld}: {oud if oud is not None else '—'} → "
                       f"{nieuw if nieuw is not None else '—'}")
