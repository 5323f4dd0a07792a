"""One person's calendar feed as a file: its iCalendar bytes, the fingerprint that says whether its
events changed (read back from the first bytes of the stored file), and the events of the previous
file that went away, kept as cancellations for a while (see services/calendars/agenda.py).

The text is written here, not by icalendar: building every event through icalendar's objects cost
≈ 0.3 ms per event, two minutes for the half million events of a national register's first daily
check; the few lines of an all-day event, escaped and folded as RFC 5545 says, cost ≈ 7 µs.
icalendar still reads the previous file's events that went away (and writes them back as
cancellations) and makes a recurrence rule canonical. tests/test_agenda_text.py keeps the old
icalendar writer as the reference: the feeds read back the same."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from icalendar import Event, vRecur

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
    """What the feed shows, hashed: the same text means the same feed. The repr of plain tuples
    (a date as its day number) costs a third of the repr of the items themselves, and every daily
    check computes it for every event of the region."""
    shown = [(i.uid, i.datum.toordinal(), i.titel, i.omschrijving, i.soort, i.herhaling) for i in items]
    digest = hashlib.sha256(repr((gemeente, persoon.naam, persoon.sleutel, shown)).encode())
    return digest.hexdigest()[:32]  # 128 bits: the line stays under 75 octets, unfolded


def build(gemeente: str, persoon: Person, items: list[Afspraak], nu: dt.datetime,
          cancelled: Sequence[tuple[Event, dt.date]] = (), bewaar_dagen: int = 30,
          problemen: list[Probleem] | None = None, inhoud: str | None = None) -> bytes:
    """The feed's bytes; ``inhoud``: the fingerprint of ``items`` when the caller has it. With
    ``problemen``, an item that cannot be written is left out and noted there."""
    stamp = _stamp(nu)
    try:
        return _calendar(gemeente, persoon, items, stamp, cancelled, bewaar_dagen, inhoud)
    except Exception:
        if problemen is None:
            raise
    # Some item cannot be written (a value that bypassed the load checks, such as a date at the
    # end of the calendar): find it by writing each event alone, leave it out and name it. Only
    # then, so the usual calendar is written once.
    usable = []
    for item in items:
        try:
            _event(item, stamp)
        except Exception as exc:
            if item.herkomst is None:
                raise
            problemen.append(item.herkomst.probleem(
                f"dit punt kon niet in de agenda van {visible(persoon.naam, 100)} worden gezet "
                f"({type(exc).__name__}); de rest van de agenda is geschreven. Controleer de datum "
                f"({item.datum.isoformat()}) en de tekst in het register en laad opnieuw."))
            continue
        usable.append(item)
    return _calendar(gemeente, persoon, usable, stamp, cancelled, bewaar_dagen, None)


def _calendar(gemeente: str, persoon: Person, items: list[Afspraak], stamp: str,
              cancelled: Sequence[tuple[Event, dt.date]], bewaar_dagen: int, inhoud: str | None) -> bytes:
    # The fingerprint and the cleanup day first: stored_fingerprint reads only the first bytes,
    # and a long name must not push them out of reach.
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//programmaregie//NL\r\n",
             f"{_FINGERPRINT}:{inhoud or fingerprint(gemeente, persoon, items)}\r\n"]
    if cancelled:
        first = min(since for _, since in cancelled) + dt.timedelta(days=bewaar_dagen)
        parts.append(f"{_CLEANUP}:{_date(first)}\r\n")
    parts.append(_line("X-WR-CALNAME:" + _text(_one_line(f"programmaregie – {persoon.naam}"))))
    parts.extend(_event(item, stamp) for item in items)
    # Cancellations are the previous file's own events, read back by icalendar: written by it too.
    parts.extend(event.to_ical().decode() for event, _ in cancelled)
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def _event(item: Afspraak, nu: str) -> str:
    """One VEVENT, properties in the order icalendar wrote them; ``nu`` is the DTSTAMP line."""
    rule = "" if item.herhaling is None else _line("RRULE:" + _rule(item.herhaling))
    return "".join((
        "BEGIN:VEVENT\r\n", _line("SUMMARY:" + _text(_one_line(item.titel))), _days(item.datum), nu,
        _line("UID:" + _text(item.uid)), rule, _line("CATEGORIES:" + _text(_one_line(item.soort))),
        _line("DESCRIPTION:" + _text(_printable(item.omschrijving))), "END:VEVENT\r\n"))


def _stamp(nu: dt.datetime) -> str:
    """The DTSTAMP line: UTC, whole seconds (RFC 5545 3.8.7.2)."""
    utc = nu.replace(tzinfo=dt.UTC) if nu.tzinfo is None else nu.astimezone(dt.UTC)
    return f"DTSTAMP:{_date(utc)}T{utc:%H%M%S}Z\r\n"


def _date(day: dt.date) -> str:
    """A DATE value; four digits of year also before the year 1000 (strftime gives three)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


@functools.lru_cache(maxsize=8192)
def _days(day: dt.date) -> str:
    """An all-day event's DTSTART and DTEND lines: a region's events share a few thousand dates.
    The day after the last day of the calendar raises OverflowError: that item is left out."""
    return f"DTSTART;VALUE=DATE:{_date(day)}\r\nDTEND;VALUE=DATE:{_date(day + dt.timedelta(days=1))}\r\n"


@functools.lru_cache(maxsize=1024)
def _rule(herhaling: str) -> str:
    """A recurrence rule as icalendar writes it (the order of its parts made canonical)."""
    return bytes(vRecur.from_ical(herhaling).to_ical()).decode()


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11): backslash first, then ; , and line breaks."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _line(line: str) -> str:
    """A content line with its CRLF, folded to lines of at most 75 octets (RFC 5545 3.1): cut
    between UTF-8 characters, never right after a backslash (an escape stays whole on one line,
    for readers that unfold badly; icalendar does the same)."""
    if len(line) < 75 and line.isascii():  # nearly every line: nothing to count
        return line + "\r\n"
    data = line.encode()
    if len(data) < 75:
        return line + "\r\n"
    pieces, start = [], 0
    while len(data) - start > 74:  # the first line 74 octets, every next one a space and 74
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to the character's start
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode() + "\r\n"


def _printable(text: str) -> str:
    """Text without control characters other than line breaks (they have no place in a calendar)."""
    if text.replace("\n", "").isprintable():  # nearly always: no walk over every character
        return text
    return "".join(ch if ch == "\n" or ch.isprintable() else " " for ch in text)


def _one_line(text: str) -> str:
    """A name or title on one line (a summary or a calendar's name is shown as one line)."""
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

