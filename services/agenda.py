"""Calendar feeds: every open milestone of a person's activities as an all-day event (.ics), with
stable UIDs so calendar programs update events instead of adding them twice."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from icalendar import Calendar, Event, vRecur
from sqlmodel import Session, select

from models.tables import Activity, Milestone, Municipality, Person, Programme
from services.exporting import slug


def calendar_for(*, session: Session, persoon: Person, nu: dt.datetime) -> bytes:
    """The calendar of one person: the open milestones of the activities they own."""
    gemeente = session.get(Municipality, persoon.gemeente_id)
    assert gemeente is not None
    calendar = Calendar()
    calendar.add("prodid", "-//programmaregie//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"programmaregie – {persoon.naam}")
    rows = session.exec(
        select(Milestone, Activity, Programme)
        .join(Activity, Activity.id == Milestone.activiteit_id)
        .join(Programme, Programme.id == Activity.programma_id)
        .where(Activity.eigenaar_id == persoon.id, Activity.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
               Milestone.gearchiveerd_op.is_(None), Milestone.gereed.is_(None),  # type: ignore[union-attr]
               Milestone.uiterlijk.is_not(None))  # type: ignore[union-attr]
        .order_by(Milestone.uiterlijk))
    for milestone, activity, programme in rows:
        assert milestone.uiterlijk is not None
        event = Event()
        event.add("uid", f"{slug(gemeente.naam)}/{activity.sleutel}/{milestone.sleutel}@programmaregie")
        event.add("dtstamp", nu)
        event.add("dtstart", milestone.uiterlijk)
        event.add("dtend", milestone.uiterlijk + dt.timedelta(days=1))
        event.add("summary", f"{milestone.omschrijving} ({milestone.soort})")
        description = [f"Activiteit: {activity.titel}", f"Programma {programme.nummer}: {programme.titel}"]
        if milestone.bron:
            description.append(f"Uit het register: “{milestone.bron}”")
        if not milestone.zeker:
            description.append("Datum onzeker: controleer het register.")
        event.add("description", "\n".join(description))
        event.add("categories", [milestone.soort])
        if milestone.herhaling:
            event.add("rrule", vRecur.from_ical(milestone.herhaling))
        calendar.add_component(event)
    return calendar.to_ical()


def refresh_all(*, session: Session, folder: Path, nu: dt.datetime) -> list[Path]:
    """Write every person's .ics file (``folder/<gemeente>/<persoon>.ics``), atomically."""
    written = []
    for persoon in session.exec(select(Person).where(Person.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
        gemeente = session.get(Municipality, persoon.gemeente_id)
        assert gemeente is not None
        path = folder / slug(gemeente.naam) / f"{persoon.sleutel}.ics"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".ics.tmp")
        tmp.write_bytes(calendar_for(session=session, persoon=persoon, nu=nu))
        os.replace(tmp, path)
        written.append(path)
    return written
