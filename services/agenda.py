"""Calendar feeds: every open milestone of a person's activities as an all-day event (.ics), with
stable UIDs so calendar programs update events instead of adding them twice.

The daily check refreshes every person's file, but rewrites only the files whose events changed:
each file carries a fingerprint of its events (``X-PROGRAMMAREGIE-INHOUD``), and building a
calendar with icalendar costs ≈ 0.4 ms per event (a region has half a million)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event, vRecur
from sqlalchemy import select
from sqlmodel import Session

from domain.herhaling import check as check_rule
from domain.problemen import Probleem
from domain.tekstcontrole import visible
from models.tables import Activity, Milestone, Municipality, Person, Programme
from services.exporting import slug
from services.municipalities import find_person

_FINGERPRINT = "X-PROGRAMMAREGIE-INHOUD"
_STORED = re.compile(rb"\r\n" + _FINGERPRINT.encode() + rb":([0-9a-f]{32})\r\n")


def _rows(session: Session, eigenaren: Sequence[int] | None) -> dict[int, list[tuple[Any, ...]]]:
    """The open milestones of the owners' activities, per owner, by due date."""
    m, a, p = (t.__table__ for t in (Milestone, Activity, Programme))  # type: ignore[attr-defined]
    query = (select(a.c.eigenaar_id, m.c.sleutel, m.c.omschrijving, m.c.soort, m.c.uiterlijk, m.c.bron,
                    m.c.zeker, m.c.herhaling, a.c.sleutel, a.c.titel, p.c.nummer, p.c.titel)
             .join(a, a.c.id == m.c.activiteit_id).join(p, p.c.id == a.c.programma_id)
             .where(a.c.gearchiveerd_op.is_(None), m.c.gearchiveerd_op.is_(None), m.c.gereed.is_(None),
                    m.c.uiterlijk.is_not(None))
             .order_by(a.c.eigenaar_id, m.c.uiterlijk, m.c.id))
    if eigenaren is not None:
        query = query.where(a.c.eigenaar_id.in_(eigenaren))
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in session.execute(query):
        grouped[row[0]].append(row[1:])
    return grouped


def _fingerprint(gemeente: str, persoon: Person, rows: Iterable[tuple[Any, ...]]) -> str:
    digest = hashlib.sha256(repr((gemeente, persoon.naam, persoon.sleutel)).encode())
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()[:32]  # 128 bits: the line stays under 75 octets, unfolded


def _build(gemeente: str, persoon: Person, rows: list[tuple[Any, ...]], nu: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//programmaregie//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _one_line(f"programmaregie – {persoon.naam}"))
    calendar.add(_FINGERPRINT.lower(), _fingerprint(gemeente, persoon, rows))
    for (sleutel, omschrijving, soort, uiterlijk, bron, zeker, herhaling, activiteit, titel, nummer,
         programma) in rows:
        event = Event()
        event.add("uid", f"{slug(gemeente)}/{activiteit}/{sleutel}@programmaregie")
        event.add("dtstamp", nu)
        event.add("dtstart", uiterlijk)
        event.add("dtend", uiterlijk + dt.timedelta(days=1))
        event.add("summary", _one_line(f"{omschrijving} ({soort})"))
        description = [f"Activiteit: {titel}", f"Programma {nummer}: {programma}"]
        if bron:
            description.append(f"Uit het register: “{bron}”")
        if not zeker:
            description.append("Datum onzeker: controleer het register.")
        rule = _usable_rule(herhaling, uiterlijk)
        if herhaling and rule is None:
            description.append("De herhaling in het register is onleesbaar; alleen deze datum staat in "
                               "de agenda.")
        event.add("description", _printable("\n".join(description)))
        event.add("categories", [_one_line(soort)])
        if rule is not None:
            event.add("rrule", vRecur.from_ical(rule))
        calendar.add_component(event)
    return calendar.to_ical()


def _printable(text: str) -> str:
    """Text without control characters other than line breaks (they have no place in a calendar)."""
    return "".join(ch if ch == "\n" or ch.isprintable() else " " for ch in text)


def _one_line(text: str) -> str:
    """A name or title on one line: a line break in an unescaped property (X-WR-CALNAME) makes
    icalendar refuse the whole calendar."""
    return " ".join(_printable(text).split())


def _usable_rule(herhaling: str | None, start: dt.date) -> str | None:
    """The RRULE if the rules could use it too; None for one that would not have loaded."""
    if not herhaling:
        return None
    try:
        text = check_rule(herhaling, start)
        vRecur.from_ical(text)
    except ValueError:
        return None
    return text


def calendar_for(*, session: Session, persoon: Person, nu: dt.datetime) -> bytes:
    """The calendar of one person: the open milestones of the activities they own."""
    gemeente = session.get(Municipality, persoon.gemeente_id)
    assert gemeente is not None and persoon.id is not None
    return _build(gemeente.naam, persoon, _rows(session, [persoon.id]).get(persoon.id, []), nu)


def calendar_of(*, session: Session, sleutel: str, gemeente: str | None, nu: dt.datetime) -> bytes:
    """`regie agenda`: the calendar of the person with key ``sleutel``; ``NietGevonden`` when the
    key names nobody (or people in several municipalities)."""
    persoon, _ = find_person(session=session, sleutel=sleutel, gemeente=gemeente)
    return calendar_for(session=session, persoon=persoon, nu=nu)


def _stored_fingerprint(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            match = _STORED.search(handle.read(1024))
    except OSError:
        return None
    return match.group(1).decode() if match else None


def refresh_all(*, session: Session, folder: Path, nu: dt.datetime,
                problemen: list[Probleem] | None = None) -> list[Path]:
    """Every person's .ics file (``folder/<gemeente>/<persoon>.ics``), written atomically where
    its events changed. Returns the files written. A person whose calendar cannot be written is
    skipped and noted in ``problemen``; everyone else's is written."""
    names = dict(session.execute(select(Municipality.id, Municipality.naam)).all())
    people = list(session.scalars(select(Person).where(Person.gearchiveerd_op.is_(None))))  # type: ignore[union-attr]
    rows = _rows(session, None)
    written = []
    for persoon in people:
        assert persoon.id is not None
        gemeente = names[persoon.gemeente_id]
        own = rows.get(persoon.id, [])
        path = folder / slug(gemeente) / f"{persoon.sleutel}.ics"
        if _stored_fingerprint(path) == _fingerprint(gemeente, persoon, own):
            continue
        try:
            data = _build(gemeente, persoon, own, nu)
        except Exception as exc:  # one person's calendar, not everyone's
            if problemen is None:
                raise
            waar = visible(f"{gemeente} › {persoon.sleutel}", 200)
            problemen.append(Probleem("persoon", persoon.id, waar, "agenda",
                                      f"de agenda kon niet worden geschreven ({type(exc).__name__}); "
                                      "controleer naam en mijlpalen van deze persoon in het register.",
                                      gemeente_id=persoon.gemeente_id))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".ics.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(path)
    return written
