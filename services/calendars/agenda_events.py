"""What goes into a person's calendar feed: the open milestones and the grants' accountability
deadlines of the activities they own, and the meetings of their roles (MOSD, PoHo) — each with a
UID that stays the same as long as the thing itself does."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from icalendar import vRecur
from sqlalchemy import select
from sqlmodel import Session

from domain.documents.bedragen import euro
from domain.register.herhaling import OngeldigeHerhaling
from domain.register.herhaling import check as check_rule
from domain.register.herkomst import plaats
from domain.register.tekstcontrole import shown
from domain.rules.datum_onzeker import CONTROLEER, DATUM_ONZEKER
from domain.rules.problemen import Probleem
from domain.rules.regels import SubsidieFeit, SubsidieTreden, verantwoording_datum
from models.tables import Activity, Meeting, Milestone, Municipality, Person, Programme, Subsidy
from services.register.exporting import slug
from services.register.history import dates_set_by_people


class Herkomst(NamedTuple):
    """Where an event's item is kept: for a message when it cannot be put in a calendar. Kept as
    the raw values (made for every event of every feed); the message text is made when needed."""

    onderwerp: str          # mijlpaal | activiteit (a grant is named by its activity) | vergadering
    onderwerp_id: int
    veld: str | None
    gemeente: str
    sleutel: str            # the activity's key, or what the item is
    onder: str = ""         # the milestone's key, the grant's recipient
    bestand: str | None = None
    regel: int | None = None
    activiteit_id: int = 0
    gemeente_id: int = 0

    @property
    def waar(self) -> str:
        """"Bronckhorst › activiteit/mijlpaal"."""
        pad = f"{self.sleutel}/{self.onder}" if self.onder else self.sleutel
        return f"{self.gemeente} › {pad}"

    def probleem(self, melding: str, veld: str | None = None) -> Probleem:
        """The Dutch report of this item (``melding`` says what happened to it), by ``veld`` or its own."""
        return Probleem(self.onderwerp, self.onderwerp_id, self.waar, veld or self.veld, melding,
                        activiteit_id=self.activiteit_id, gemeente_id=self.gemeente_id,
                        bron=plaats(self.bestand, self.regel))


@dataclass(frozen=True)
class Afspraak:
    """One all-day event of a feed."""

    uid: str
    datum: dt.date
    titel: str
    omschrijving: str
    soort: str
    herhaling: str | None = None  # an RRULE the rules can use too
    # Not part of the event (nor of the feed's fingerprint): where it came from, for messages.
    herkomst: Herkomst | None = field(default=None, compare=False, repr=False)


def uid(gemeente: str, *parts: str) -> str:
    """A stable UID: the municipality and the register's own keys."""
    return "/".join((_gemeente_slug(gemeente), *parts)) + "@programmaregie"


# A region's half a million UIDs name a few hundred municipalities: each slug made once.
_gemeente_slug = functools.lru_cache(maxsize=4096)(slug)


_M, _A, _P, _S = (t.__table__ for t in (Milestone, Activity, Programme, Subsidy))  # type: ignore[union-attr]
_G = Municipality.__table__  # type: ignore[attr-defined]


def _owned(query: Any, table: Any, eigenaren: Sequence[int] | None) -> Any:
    """``query`` over ``table`` (milestones or grants) joined to its live activity, programme and
    municipality; only the owners' activities when ``eigenaren`` is given."""
    query = (query.select_from(table).join(_A, _A.c.id == table.c.activiteit_id)
             .join(_P, _P.c.id == _A.c.programma_id).join(_G, _G.c.id == _A.c.gemeente_id)
             .where(_A.c.gearchiveerd_op.is_(None)))
    return query if eigenaren is None else query.where(_A.c.eigenaar_id.in_(eigenaren))


def milestones(session: Session, eigenaren: Sequence[int] | None,
               problemen: list[Probleem] | None = None) -> dict[int, list[Afspraak]]:
    """The open milestones with a date of the owners' activities, per owner, in the register's
    order (``events`` sorts each feed by date; sorting half a million rows by date in SQL took
    three times as long as reading them). A milestone whose rule cannot be used goes in with its
    date only, and is noted in ``problemen`` by its register file, line and field."""
    query = _owned(select(_A.c.eigenaar_id, _G.c.naam, _M.c.sleutel, _M.c.omschrijving, _M.c.soort,
                          _M.c.uiterlijk, _M.c.bron, _M.c.zeker, _M.c.herhaling, _A.c.sleutel, _A.c.titel,
                          _P.c.nummer, _P.c.titel, _M.c.id, _A.c.id, _A.c.gemeente_id,
                          _M.c.herkomst_bestand, _M.c.herkomst_regel), _M, eigenaren)
    query = query.where(_M.c.gearchiveerd_op.is_(None), _M.c.gereed.is_(None), _M.c.uiterlijk.is_not(None))
    grouped: dict[int, list[Afspraak]] = defaultdict(list)
    moved = dates_set_by_people(session=session)  # their register words describe an old date
    for (eigenaar, gemeente, sleutel, omschrijving, soort, uiterlijk, bron, zeker, herhaling, activiteit,
         titel, nummer, programma, mijlpaal_id, activiteit_id, gemeente_id, bestand, regel,
         ) in session.execute(query.order_by(_M.c.id)):
        herkomst = Herkomst("mijlpaal", mijlpaal_id, "uiterlijk", gemeente, activiteit, sleutel, bestand,
                            regel, activiteit_id, gemeente_id)
        description = [f"Activiteit: {titel}", f"Programma {nummer}: {programma}"]
        if bron and mijlpaal_id not in moved:
            description.append(f"Uit het register: “{bron}”")
        if not zeker:
            description.append(f"{DATUM_ONZEKER.capitalize()}: {CONTROLEER}.")
        rule, fout = _usable_rule(herhaling, uiterlijk)
        if fout is not None:
            waarom = fout if isinstance(fout, OngeldigeHerhaling) else "een agenda kan deze regel niet lezen."
            melding = (f"de herhaling {shown(herhaling)} is niet te gebruiken: {waarom} Alleen de datum "
                       f"{uiterlijk:%d-%m-%Y} staat in de agenda, zonder herhaling, tot het register is "
                       "verbeterd en opnieuw geladen.")
            probleem = herkomst.probleem(melding, "herhaling")
            description.append(f"De herhaling in het register is onleesbaar; alleen deze datum staat in de "
                               f"agenda. {probleem}")
            if problemen is not None:
                problemen.append(probleem)
        grouped[eigenaar].append(Afspraak(uid(gemeente, activiteit, sleutel), uiterlijk,
                                          f"{omschrijving} ({soort})", "\n".join(description), soort, rule,
                                          herkomst))
    return grouped


def done(session: Session, eigenaren: Sequence[int] | None) -> set[str]:
    """The UIDs of milestones marked done: they leave a feed at once, not as a cancellation."""
    query = _owned(select(_G.c.naam, _A.c.sleutel, _M.c.sleutel), _M, eigenaren)
    query = query.where(_M.c.gereed.is_not(None))
    return {uid(gemeente, activiteit, sleutel) for gemeente, activiteit, sleutel in session.execute(query)}


def subsidies(session: Session, eigenaren: Sequence[int] | None, treden: SubsidieTreden,
              ) -> dict[int, list[Afspraak]]:
    """Every grant's accountability deadline (the daily check's rule), for the activity's owner."""
    query = _owned(select(_A.c.eigenaar_id, _G.c.naam, _A.c.sleutel, _A.c.titel, _P.c.nummer, _P.c.titel,
                          _A.c.id, _A.c.gemeente_id, _A.c.herkomst_bestand, _A.c.herkomst_regel,
                          _S.c.id, _S.c.ontvanger, _S.c.bedrag, _S.c.periode_eind,
                          _S.c.verantwoording_uiterlijk), _S, eigenaren)
    grouped: dict[int, list[Afspraak]] = defaultdict(list)
    seen: set[str] = set()
    for (eigenaar, gemeente, activiteit, titel, nummer, programma, activiteit_id, gemeente_id, bestand, regel,
         *feit) in session.execute(query.order_by(_S.c.activiteit_id, _S.c.volgorde)):
        subsidie = SubsidieFeit(*feit)
        datum = verantwoording_datum(subsidie, treden)
        if datum is None:
            continue
        key, n = uid(gemeente, activiteit, f"subsidie-{slug(subsidie.ontvanger)}"), 1
        while key in seen:  # two grants to one recipient: numbered in the register's order
            n += 1
            key = uid(gemeente, activiteit, f"subsidie-{slug(subsidie.ontvanger)}-{n}")
        seen.add(key)
        bedrag = f" ({euro(subsidie.bedrag)})" if subsidie.bedrag is not None else ""  # the one formatter
        grond = ("datum uit het register" if subsidie.verantwoording_uiterlijk else
                 f"berekend uit het einde van de periode ({subsidie.periode_eind:%d-%m-%Y}) en het bedrag")
        grouped[eigenaar].append(Afspraak(
            key, datum, f"Subsidieverantwoording {subsidie.ontvanger}",
            "\n".join((f"Subsidie aan {subsidie.ontvanger}{bedrag}: verantwoording uiterlijk deze dag "
                       f"({grond}).", f"Activiteit: {titel}", f"Programma {nummer}: {programma}")),
            "verantwoording", herkomst=Herkomst(
                "activiteit", activiteit_id, "subsidies", gemeente, activiteit,
                f"subsidie aan {subsidie.ontvanger}", bestand, regel, activiteit_id, gemeente_id)))
    return grouped


def meetings(session: Session, personen: Sequence[int] | None) -> dict[int, list[Afspraak]]:
    """The municipality's meetings for everyone who has the meeting's role (who gets its report)."""
    from services.reports.reporting import NAMEN  # the meetings' names; imported here, it loads matplotlib

    people = select(Person.id, Person.gemeente_id, Person.rollen).where(  # type: ignore[call-overload]
        Person.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if personen is not None:
        people = people.where(Person.id.in_(personen))  # type: ignore[union-attr]
    roles = {pid: (gid, set(rollen or ())) for pid, gid, rollen in session.execute(people)}
    rows = session.execute(select(Meeting.gemeente_id, Municipality.naam,  # type: ignore[call-overload]
                                  Meeting.soort, Meeting.datum, Meeting.omschrijving)
                           .join(Municipality, Municipality.id == Meeting.gemeente_id)
                           .where(Meeting.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
                           .order_by(Meeting.datum)).all()
    per_gemeente: dict[int, list[Any]] = defaultdict(list)  # a region: people × meetings would be millions
    for row in rows:
        per_gemeente[row[0]].append(row)
    grouped: dict[int, list[Afspraak]] = defaultdict(list)
    for pid, (gid, rollen) in roles.items():
        for _, gemeente, soort, datum, omschrijving in per_gemeente.get(gid, ()):
            if soort in rollen:
                naam = NAMEN.get(soort, soort)
                tekst = f"Vergadering {naam} van {gemeente}."
                if omschrijving:
                    tekst += f"\n{omschrijving}"
                grouped[pid].append(Afspraak(
                    uid(gemeente, "vergadering", f"{soort}-{datum.isoformat()}"), datum,
                    f"Vergadering {naam}", tekst, "vergadering", herkomst=Herkomst(
                        "vergadering", 0, "datum", gemeente, f"vergadering {naam} van {datum.isoformat()}",
                        gemeente_id=gid)))
    return grouped


def _usable_rule(herhaling: str | None, start: dt.date) -> tuple[str | None, ValueError | None]:
    """(the RRULE if the rules could use it too, else None; why not)."""
    if not herhaling:
        return None, None
    try:
        text = check_rule(herhaling, start)
        vRecur.from_ical(text)
    except ValueError as exc:
        return None, exc
    return text, None


def events(session: Session, personen: Sequence[int] | None, treden: SubsidieTreden,
           problemen: list[Probleem] | None = None) -> dict[int, list[Afspraak]]:
    """Everything in each person's feed, by date; a milestone whose rule cannot be used is noted
    in ``problemen`` (it is in the feed with its date only)."""
    grouped: dict[int, list[Afspraak]] = defaultdict(list)
    for part in (milestones(session, personen, problemen), subsidies(session, personen, treden),
                 meetings(session, personen)):
        for pid, items in part.items():
            grouped[pid].extend(items)
    for items in grouped.values():
        items.sort(key=lambda e: (e.datum, e.uid))
    return grouped
