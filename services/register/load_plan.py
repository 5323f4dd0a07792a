"""`regie laad --plan` and the archive guard.

A load is always tried in full inside the caller's transaction, by the same code that writes it;
a plan, or a load the guard stops, is then rolled back. So the plan is exactly what the load
would do, and nothing of it stays in the database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from domain.melding import Melding
from models.clock import today
from models.tables import Change, Municipality
from services.outbox.replaced import Sleutel, queue
from services.register.history import veld_woord
from services.register.history_view import dutch_dates
from services.register.loading import LoadResult, load_register
from services.register.replaced_answers import DATES
from services.rendering import datum

# The history's subjects as the plan's kinds (services/register/loading.KINDS).
_KINDS = {"gemeente": "gemeenten", "persoon": "personen", "programma": "programma's",
          "activiteit": "activiteiten", "mijlpaal": "mijlpalen", "indicator": "indicatoren",
          "vergadering": "vergaderingen", "subsidie": "subsidies"}


@dataclass
class LoadOutcome:
    """A load or a plan: what it does, whether it was written, and why the guard objects."""

    result: LoadResult
    geschreven: bool
    bezwaren: list[str] = field(default_factory=list)
    zonder_kanaal: list[str] = field(default_factory=list)  # "Gorinchem: coordinator", who gets nothing
    # Per municipality, per action (toegevoegd, gewijzigd, gearchiveerd), per kind: what by name, from
    # the history rows the load wrote ("voortgang-pilot (titel, status)").
    namen: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    berichten: list[Sleutel] = field(default_factory=list)  # queued for the people whose date it replaced


class ArchiveerStop(Melding):
    """The load would archive too much and was not confirmed; nothing was written."""

    def __init__(self, outcome: LoadOutcome) -> None:
        super().__init__("Het register is niet geladen: het zou veel archiveren, en dat wijst vaak op een "
                         "verkeerd, afgekapt of dubbel bestand.\n"
                         + "".join(f"  • {b}\n" for b in outcome.bezwaren)
                         + "Controleer de bestanden. Is het archiveren de bedoeling, laad dan opnieuw met "
                         "--archiveren-toestaan. De database is niet veranderd.")
        self.outcome = outcome


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def archive_objections(result: LoadResult, *, max_aandeel: float) -> list[str]:
    """Why a load archives too much (Dutch, one line per reason): a whole programme, or more than
    ``max_aandeel`` of a municipality's active activities."""
    reasons = []
    for g in result.per_gemeente:
        for programme in g.programmas_gearchiveerd:
            # The usual cause: a second document of the municipality imported into a folder of its own.
            reasons.append(f"{g.naam}: {programme} staat niet meer in de bestanden en zou in zijn geheel "
                           "gearchiveerd worden. Staat het in een andere map? Zet alle programma-bestanden "
                           f"van {g.naam} in één map, met één personen.yaml, en laad die map.")
        gone = len(g.activiteiten_gearchiveerd)
        if g.actief_voor and gone / g.actief_voor > max_aandeel:
            reasons.append(f"{g.naam}: {gone} van de {g.actief_voor} activiteiten "
                           f"({_percent(gone / g.actief_voor)}) zouden gearchiveerd worden; de grens is "
                           f"{_percent(max_aandeel)} (instelling REGIE_ARCHIVEER_MAX_AANDEEL).")
    return reasons


def load_or_plan(*, session: Session, root: Path, max_size: int, plan: bool, archiveren_toestaan: bool,
                 max_aandeel: float, nieuwe_gemeenten: Collection[str] = ()) -> LoadOutcome:
    """Load ``root``, or only plan it (nothing written); raises ``ArchiveerStop`` (nothing written)
    when the load would archive too much and ``archiveren_toestaan`` is not set."""
    since = session.scalar(select(func.max(Change.id))) or 0  # type: ignore[arg-type]
    result = load_register(session=session, root=root, max_size=max_size, nieuwe_gemeenten=nieuwe_gemeenten)
    outcome = LoadOutcome(result=result, geschreven=False,
                          bezwaren=archive_objections(result, max_aandeel=max_aandeel),
                          zonder_kanaal=_without_channels(session, result.gemeenten))
    outcome.namen = _named(session, since)  # the load's summary names them too
    if plan or (outcome.bezwaren and not archiveren_toestaan):
        session.rollback()
    if plan:
        return outcome
    if outcome.bezwaren and not archiveren_toestaan:
        raise ArchiveerStop(outcome)
    outcome.geschreven = True
    # Whose date the load replaced is told once (services/outbox/replaced.py): queued in this transaction,
    # so a load that fails queues nothing, and a repeated load replaces (and queues) nothing new.
    outcome.berichten = queue(session=session, aanpassingen=result.aanpassingen, geladen=today())
    return outcome


def _without_channels(session: Session, gemeenten: list[str]) -> list[str]:
    """The people of the loaded municipalities without a channel ("Gorinchem: coordinator"): a draft
    from `regie importeer` has none, and the daily check cannot deliver their reminders."""
    from sqlmodel import select

    from models.tables import Municipality, Person

    rows = session.exec(select(Municipality.naam, Person.sleutel, Person.kanalen).join(
        Person, Person.gemeente_id == Municipality.id).where(  # type: ignore[arg-type]
        Municipality.naam.in_(gemeenten), Person.gearchiveerd_op.is_(None)))  # type: ignore[attr-defined,union-attr]
    return [f"{naam}: {sleutel}" for naam, sleutel, kanalen in rows if not kanalen]


def _day(value: str | None) -> str:
    """A milestone's date as the history holds it (2021-06-15), in words: '15 juni 2021', or 'geen'."""
    return datum(value[:10]) if value else "geen"


def _named(session: Session, since: int) -> dict[str, dict[str, dict[str, list[str]]]]:
    """What the load (still in the transaction) added, changed and archived, by name: from the history
    rows it wrote after row ``since``, so the names are exactly the load's."""
    named: dict[str, dict[str, dict[str, list[str]]]] = {}
    changed: dict[tuple[str, str, str], list[str]] = {}  # (gemeente, kind, name) → fields, in order

    def change(gemeente: str, kind: str, name: str, what: str) -> None:
        fields = changed.get((gemeente, kind, name))
        if fields is None:
            fields = changed[gemeente, kind, name] = []
            named[gemeente]["gewijzigd"].setdefault(kind, []).append(name)
        if what not in fields:  # bronregel_van and bronregel_tot are both "bronregels"
            fields.append(what)

    added: set[tuple[str, str]] = set()  # (gemeente, activity): new in this load
    for gemeente, onderwerp, sleutel, veld, oud, nieuw, activiteit_id in session.execute(
            select(Municipality.naam, Change.onderwerp, Change.sleutel, Change.veld, Change.oud, Change.nieuw,
                   Change.activiteit_id)
            .join(Municipality, Municipality.id == Change.gemeente_id)  # type: ignore[arg-type]
            .where(Change.id > since).order_by(Change.id)):  # type: ignore[arg-type,operator]
        kind, name = _KINDS.get(onderwerp), dutch_dates(sleutel)
        if kind is None:
            continue
        actions = named.setdefault(gemeente, {"toegevoegd": {}, "gewijzigd": {}, "gearchiveerd": {},
                                              "verwijderd": {}})
        if veld == "bedragen":  # an activity's amounts, as a whole: what they were and become
            kind = "bedragen"
            if oud is None or nieuw is None:
                actions["verwijderd" if nieuw is None else "toegevoegd"].setdefault(kind, []).append(
                    f"{name} ({oud if nieuw is None else nieuw})")
            else:
                change(gemeente, kind, name, f"{oud} → {nieuw}")
        elif veld is None and nieuw == "verwijderd":  # a subsidy: no archive; it was …
            actions["verwijderd"].setdefault(kind, []).append(f"{name} ({oud})" if oud else name)
        elif veld is None:  # "toegevoegd", "toegevoegd met 4 mijlpalen", "toegevoegd € 13.300 tot …"
            extra = (nieuw or "").removeprefix("toegevoegd").strip()
            actions["toegevoegd"].setdefault(kind, []).append(f"{name} ({extra})" if extra else name)
            if kind == "activiteiten":
                added.add((gemeente, name))
        elif veld == "gearchiveerd" and nieuw == "ja":
            actions["gearchiveerd"].setdefault(kind, []).append(name)
        elif veld == "kanalen":  # a changed address is a typo to catch before the first mail (secrets masked)
            change(gemeente, kind, name, f"kanalen {oud or 'geen'} → {nieuw or 'geen'}")
        elif kind == "subsidies" and veld != "volgorde":  # its amount and dates, old → new
            change(gemeente, kind, name, f"{veld_woord(veld)} {oud or 'geen'} → {nieuw or 'geen'}")
        elif kind == "mijlpalen" and veld in DATES:  # a date moved: which one, in words, old → new
            change(gemeente, kind, name, f"{veld} {_day(oud)} → {_day(nieuw)}")
        else:
            change(gemeente, kind, name,
                   "terug uit het archief" if veld == "gearchiveerd" else veld_woord(veld))
        if kind in ("mijlpalen", "indicatoren", "subsidies", "bedragen") and activiteit_id is not None:
            # its activity changes too, also when the activity's own fields stay; not a new activity (its
            # milestones are not in the history one by one: it says "met 4 mijlpalen")
            activity = name if kind == "bedragen" else name.partition("/")[0]
            if (gemeente, activity) not in added:
                change(gemeente, "activiteiten", activity, kind)
    for (gemeente, kind, name), fields in changed.items():
        names = named[gemeente]["gewijzigd"][kind]
        names[names.index(name)] = f"{name} ({', '.join(dict.fromkeys(fields))})"
    return named
