"""The calendar feed's text, written directly (services/calendars/feed_file.py), against what the
icalendar library wrote before: the same events, read back by icalendar and by vobject; RFC 5545
escaping, folding at 75 octets and CRLF line ends, also for hostile text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event, vRecur

from services.calendars.agenda_events import Afspraak
from services.calendars.feed_file import _one_line, _printable, build, fingerprint
from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

NU = dt.datetime(2020, 6, 15, 4, 0, 7, 123456, tzinfo=dt.UTC)
TITEL = ("Vaststelling van het uitvoeringsprogramma ‘Gezond en weerbaar opgroeien in de Achterhoek’, "
         "inclusief de evaluatie van de pilot POH/SOH; besluit van het college, daarna raadsinformatie 🎉")


def _old_build(gemeente: str, persoon, items: list[Afspraak], nu: dt.datetime) -> bytes:  # type: ignore[no-untyped-def]
    """The feed as services/calendars/feed_file.py wrote it with icalendar until 30 November 2026:
    the reference the direct writer is held to."""
    calendar = Calendar()
    calendar.add("prodid", "-//programmaregie//NL")
    calendar.add("version", "2.0")
    calendar.add("x-programmaregie-inhoud", fingerprint(gemeente, persoon, items))
    calendar.add("x-wr-calname", _one_line(f"programmaregie – {persoon.naam}"))
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", nu)
        event.add("dtstart", item.datum)
        event.add("dtend", item.datum + dt.timedelta(days=1))
        event.add("summary", _one_line(item.titel))
        event.add("description", _printable(item.omschrijving))
        event.add("categories", [_one_line(item.soort)])
        if item.herhaling is not None:
            event.add("rrule", vRecur.from_ical(item.herhaling))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _meaning(data: bytes) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    """A feed as icalendar reads it: the calendar's own properties, and per UID every property of
    the event, decoded."""
    calendar = Calendar.from_ical(data)
    head = {name: str(value) for name, value in calendar.property_items(recursive=False)
            if name not in ("BEGIN", "END", "X-WR-CALNAME")}
    events = {}
    for event in calendar.walk("VEVENT"):
        events[str(event["uid"])] = {name: event.decoded(name) for name in event}
    return head, events


def _assert_well_formed(data: bytes) -> None:
    """CRLF only, every physical line at most 75 octets and whole UTF-8 (folds between characters)."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")


def _same_as_before(gemeente: str, persoon, items: list[Afspraak]) -> bytes:  # type: ignore[no-untyped-def]
    new, old = build(gemeente, persoon, items, NU), _old_build(gemeente, persoon, items, NU)
    _assert_well_formed(new)
    assert _meaning(new) == _meaning(old)
    # vobject, an independent reader, agrees on every text, the calendar's name included
    ours, theirs = vobject.readOne(new.decode()), vobject.readOne(old.decode())
    assert ours.x_wr_calname.value == _one_line(f"programmaregie – {persoon.naam}")
    texts = {e.uid.value: (e.summary.value, e.description.value, e.dtstart.value)
             for e in ours.contents.get("vevent", [])}
    assert texts == {e.uid.value: (e.summary.value, e.description.value, e.dtstart.value)
                     for e in theirs.contents.get("vevent", [])}
    assert len(texts) == len(items)
    return new


def test_the_sample_registers_feeds_mean_what_icalendar_wrote(db: Database, region: Path) -> None:
    from sqlalchemy import select

    from models.settings import get_settings
    from models.tables import Municipality, Person
    from services.calendars.agenda_events import events
    from services.register.loading import load_register

    with db.session() as session:
        load_register(session=session, root=region, max_size=10_000_000)
        session.commit()
        feed = events(session, None, get_settings().regels.subsidie)
        names = dict(session.execute(select(Municipality.id, Municipality.naam)).all())  # type: ignore[call-overload]
        people = list(session.scalars(select(Person)))
        assert len(people) == 9 and sum(len(feed.get(p.id, [])) for p in people) >= 40
        for persoon in people:
            _same_as_before(names[persoon.gemeente_id], persoon, feed.get(persoon.id, []))


def test_hostile_text_means_what_icalendar_wrote() -> None:
    from models.tables import Person

    persoon = Person(id=1, gemeente_id=1, sleutel="jan", naam="Jansen, P.; regisseur \\ jeugd 👩‍👧", rollen=[])
    items = [
        Afspraak("bronckhorst/a-1/m,1;x@programmaregie", dt.date(2020, 7, 31), TITEL,
                 "Activiteit: Jeugd, gezin; onderwijs\nProgramma 1: Gezond\\weerbaar\n"
                 "Uit het register: “Medio 2020, uiterlijk 1 juli”\n\nDatum onzeker: controleer het register.",
                 "evaluatie"),
        Afspraak("bronckhorst/a-1/m2@programmaregie", dt.date(2020, 8, 1), "Ééndaagse\tsessie\x07 over\r\nschulden",
                 "tab\there, bel\x07, \x1b escape; en een regel\neinde", "besluit, vooraf",
                 "FREQ=MONTHLY;INTERVAL=3;COUNT=4"),
        Afspraak("bronckhorst/a-2/m3@programmaregie", dt.date(2021, 1, 4), "ë" * 120, "\\" * 80 + "é" * 40,
                 "oplevering"),
        Afspraak("bronckhorst/a-3/m4@programmaregie", dt.date(2020, 2, 29), "🎉" * 60, ";" * 100, "start"),
    ]
    data = _same_as_before("Bronckhorst", persoon, items)
    assert b"\r\n " in data  # long lines were folded


def test_a_typed_backslash_stays_text() -> None:
    """icalendar's writer turned a typed ``\\N`` into a line break; the direct writer escapes every
    backslash, so the text reads back as written (read by vobject: icalendar's own reader also
    takes an escaped backslash before an n for a line break)."""
    from models.tables import Person

    persoon = Person(id=1, gemeente_id=1, sleutel="p", naam="P", rollen=[])
    item = Afspraak("g/a/m@programmaregie", dt.date(2020, 1, 1), "pad C:\\Nieuw", "map \\N en \\n, \\;", "start")
    data = build("G", persoon, [item], NU)
    assert b"SUMMARY:pad C:\\\\Nieuw\r\n" in data
    event = vobject.readOne(data.decode()).vevent
    assert event.summary.value == "pad C:\\Nieuw" and event.description.value == "map \\N en \\n, \\;"


def test_an_item_that_cannot_be_written_is_left_out_and_named() -> None:
    """A date at the end of the calendar (its DTEND would be the year 10000) bypassed the load
    checks: the rest of the feed is written and the item is named."""
    from domain.rules.problemen import Probleem
    from models.tables import Person
    from services.calendars.agenda_events import Herkomst

    persoon = Person(id=1, gemeente_id=1, sleutel="p", naam="P", rollen=[])
    good = Afspraak("g/a/m1@programmaregie", dt.date(2020, 1, 1), "goed", "", "start")
    bad = Afspraak("g/a/m2@programmaregie", dt.date(9999, 12, 31), "kapot", "", "einde",
                   herkomst=Herkomst("mijlpaal", 7, "uiterlijk", "G", "a", "m2", "g/programma-1.yaml", 12))
    problemen: list[Probleem] = []
    data = build("G", persoon, [good, bad], NU, problemen=problemen)
    assert [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")] == [good.uid]
    assert len(problemen) == 1 and "g/programma-1.yaml, regel 12, veld uiterlijk" in str(problemen[0])
    assert "OverflowError" in str(problemen[0])


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_reads_back_as_written(text: str) -> None:
    """Whatever a register holds, the feed parses, and vobject reads the summary, description and
    calendar name back as the writer was given them (after the same clean-up as before: one line for a title, no control characters)."""
    from models.tables import Person

    persoon = Person(id=1, gemeente_id=1, sleutel="p", naam=text, rollen=[])
    item = Afspraak("g/a/m@programmaregie", dt.date(2020, 1, 1), text, text, "start")
    data = build("G", persoon, [item], NU)
    _assert_well_formed(data)
    assert [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")] == [item.uid]
    calendar = vobject.readOne(data.decode())
    assert calendar.vevent.summary.value == _one_line(text)
    assert calendar.vevent.description.value == _printable(text)
    assert calendar.x_wr_calname.value == _one_line(f"programmaregie – {text}")
