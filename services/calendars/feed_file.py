"""One person's calendar feed as a file: its iCalendar bytes, the fingerprint that says whether its
events changed (read back from the first bytes of the stored file), and the events of the previous
file that went away, kept as cancellations for a while (see services/calendars/agenda.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from icalendar import Calendar, Event, vRecur

from domain.register.tekstcontrole import visible
from domain.rules.problemen import Probleem
from models.tables import Person
from services.calendars.agenda_events import Afspraak

_FINGERPRINT = "X-PROGRAMMAREGIE-INHOUD"
_CLEANUP = "X-PROGRAMMAREGIE-OPRUIMEN"   # the day the first cancellation expires: rewrite then
_GONE = "X-PROGRAMMAREGIE-WEG-SINDS"     # on a cancelled event: the day it went away
_STORED = re.compile(rb"\r\n" + _FINGERPRINT.encode() + rb":([0-9a-f]{32})\r\n(?:"
                     + _CLEANUP.encode() + rb":(\d{8})\r\n)?")


def fingerprint(gemeente: str, persoon: Person, items: Iterable[Afspraak]) -> str:
    digest = hashlib.sha256(repr((gemeente, persoon.naam, persoon.sleutel)).encode())
    for item in items:
        digest.update(repr(item).encode())
    return digest.hexdigest()[:32]  # 128 bits: the line stays under 75 octets, unfolded


def _event(item: Afspraak, nu: dt.datetime) -> Event:
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
    return event


def build(gemeente: str, persoon: Person, items: list[Afspraak], nu: dt.datetime,
           cancelled: Sequence[tuple[Event, dt.date]] = (), bewaar_dagen: int = 30,
           problemen: list[Probleem] | None = None) -> bytes:
    try:
        return _calendar(gemeente, persoon, items, nu, cancelled, bewaar_dagen)
    except Exception:
        if problemen is None:
            raise
    # Some item cannot be written (a value that bypassed the load checks, such as a date at the
    # end of the calendar): find it by writing each event alone, leave it out and name it. Only
    # then, so the usual calendar is written once.
    usable = []
    for item in items:
        try:
            _event(item, nu).to_ical()
        except Exception as exc:
            if item.herkomst is None:
                raise
            problemen.append(item.herkomst.probleem(
                f"dit punt kon niet in de agenda van {visible(persoon.naam, 100)} worden gezet "
                f"({type(exc).__name__}); de rest van de agenda is geschreven. Controleer de datum "
                f"({item.datum.isoformat()}) en de tekst in het register en laad opnieuw."))
            continue
        usable.append(item)
    return _calendar(gemeente, persoon, usable, nu, cancelled, bewaar_dagen)


def _calendar(gemeente: str, persoon: Person, items: list[Afspraak], nu: dt.datetime,
              cancelled: Sequence[tuple[Event, dt.date]], bewaar_dagen: int) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//programmaregie//NL")
    calendar.add("version", "2.0")
    calendar.add(_FINGERPRINT.lower(), fingerprint(gemeente, persoon, items))
    if cancelled:
        first = min(since for _, since in cancelled) + dt.timedelta(days=bewaar_dagen)
        calendar.add(_CLEANUP.lower(), f"{first:%Y%m%d}")
    calendar.add("x-wr-calname", _one_line(f"programmaregie – {persoon.naam}"))
    for item in items:
        calendar.add_component(_event(item, nu))
    for event, _ in cancelled:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _printable(text: str) -> str:
    """Text without control characters other than line breaks (they have no place in a calendar)."""
    if text.replace("\n", "").isprintable():  # nearly always: no walk over every character
        return text
    return "".join(ch if ch == "\n" or ch.isprintable() else " " for ch in text)


def _one_line(text: str) -> str:
    """A name or title on one line: a line break in an unescaped property (X-WR-CALNAME) makes
    icalendar refuse the whole calendar."""
    return " ".join(_printable(text).split())


_VEVENT = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


_UID = re.compile(rb"^UID:([^\r\n]*)", re.M)


def cancelled_events(path: Path, keep: set[str], vandaag: dt.date, nu: dt.datetime, dagen: int,
          ) -> list[tuple[Event, dt.date]]:
    """The events of the previous file that are no longer in the feed (and not done), as
    cancellations, while they are younger than ``dagen``: a newly gone event gets the next
    SEQUENCE, so calendar programs accept the cancellation as newer than what they have."""
    try:
        raw = path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n\t", b"")  # unfolded (RFC 5545 3.1)
    except OSError:  # no file yet: nothing to cancel
        return []
    gone: list[tuple[Event, dt.date]] = []
    for block in _VEVENT.findall(raw):
        # Only what left the feed is parsed: parsing a person's whole previous file with icalendar
        # took ≈ 0.2 s for 150 events, on every answer that marks a milestone done.
        uid = _UID.search(block)
        if uid is not None and uid.group(1).decode("utf-8", "replace") in keep:
            continue
        try:
            old = Event.from_ical(block)
        except ValueError:  # a damaged event: nothing to cancel
            continue
        key = str(old.get("uid", ""))
        if not key or key in keep:
            continue
        since_text = str(old.get(_GONE, ""))
        since = dt.datetime.strptime(since_text, "%Y%m%d").date() if re.fullmatch(r"\d{8}", since_text) \
            else vandaag
        if (vandaag - since).days >= dagen:
            continue
        if _GONE not in old:
            old["sequence"] = int(old.get("sequence", 0)) + 1
            old["status"] = "CANCELLED"
            old.add(_GONE.lower(), f"{since:%Y%m%d}")
            old.pop("dtstamp")
            old.add("dtstamp", nu)
        gone.append((old, since))  # type: ignore[arg-type]
    return gone


def stored_fingerprint(path: Path) -> tuple[str, dt.date | None] | None:
    try:
        with path.open("rb") as handle:
            match = _STORED.search(handle.read(1024))
    except OSError:
        return None
    if not match:
        return None
    cleanup = dt.datetime.strptime(match.group(2).decode(), "%Y%m%d").date() if match.group(2) else None
    return match.group(1).decode(), cleanup

