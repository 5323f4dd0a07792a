"""The one clock: what "today" and "now" are for the service, in the municipality's time zone.

In production it is the system clock. Tests, simulations and demos set ``REGIE_VANDAAG``
(``Settings.vandaag``) to a date: then ``today()`` is that date and ``now()`` that date at the
current time of day, in every process that reads the settings (the CLI, a served flow, a worker),
so a date decided here crosses process boundaries. Nothing else in the code reads the system
date; ``models.types.utcnow`` (every timestamp in the database) asks this clock too.

``real_utcnow`` is the one exception: facts about processes (when `regie dienst` started) happened
at a real moment, whatever day the demo plays; it never decides a date of the service.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.settings import get_settings


def now() -> dt.datetime:
    """Now, timezone-aware in the municipality's time zone (on the set date when one is set)."""
    settings = get_settings()
    moment = dt.datetime.now(settings.tz)
    if settings.vandaag is not None:
        # The time of day stays real so timestamps keep their order within a day.
        moment = moment.replace(year=settings.vandaag.year, month=settings.vandaag.month,
                                day=settings.vandaag.day)
    return moment


def real_utcnow() -> dt.datetime:
    """The real time, in UTC, timezone-aware: ``REGIE_VANDAAG`` does not move it. For facts about
    processes only (a start time in the service's state file), never for a date of the service."""
    return dt.datetime.now(dt.UTC)


def local_date(moment: dt.datetime) -> dt.date:
    """The municipality's calendar day of a stored timestamp (UTC in the database; naive means UTC).
    A date taken from the UTC value itself is a day early for everything recorded between midnight
    and 01:00 or 02:00 in Amsterdam: an answer given at 00:30 would read "yesterday" in the report."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(get_settings().tz).date()


def day_at(moment: dt.datetime) -> dt.date:
    """The day ``today()`` will say at ``moment`` (a run's planned start): the set date when
    ``REGIE_VANDAAG`` is set, which every run then checks, else the municipality's calendar day of
    ``moment``. To name a planned run by the day it will work on before it starts."""
    vandaag = get_settings().vandaag
    return vandaag if vandaag is not None else local_date(moment)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the municipality's time zone (to compare timestamps with
    a day: what was recorded up to and including a day is before the start of the next)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=get_settings().tz)


def today() -> dt.date:
    """Today in the municipality's time zone (``REGIE_VANDAAG`` when set)."""
    return now().date()


def today_while_reading_settings(vandaag: dt.date | None, tijdzone: str) -> dt.date:
    """What ``today()`` will say, from the values being read into the settings (``today()`` itself reads
    the settings): for an example in a message about another setting. ``vandaag`` when set."""
    if vandaag is not None:
        return vandaag
    try:
        return dt.datetime.now(ZoneInfo(tijdzone)).date()
    except (ValueError, ZoneInfoNotFoundError):  # a wrong REGIE_TIJDZONE: settings_problem names it
        return dt.datetime.now(dt.UTC).date()
