"""Recurring milestones (``herhaling``, an RFC 5545 RRULE): checked once, with bounded work.

dateutil's ``rrulestr`` (the maintained parser) reads the rule. What it accepts can still stop
the service: FREQ=SECONDLY gives 86,400 occurrences a day, and a rule no day satisfies
(``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``) makes dateutil search day by day up to the year 9999,
45 seconds per question. So a rule is refused unless it is daily or coarser, has a sane
INTERVAL and COUNT, an UNTIL after its start, and an occurrence that a bounded search finds.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
from functools import lru_cache
from types import FrameType
from typing import Any

from dateutil.rrule import DAILY, rrule, rrulestr

MAX_INTERVAL = 1000
MAX_COUNT = 1000
# Python lines dateutil may run to find a rule's first occurrence: ≈ 20 years of day-by-day
# search, ≈ 0.1 s. A rule that yields nothing by then is refused.
_SEARCH_BUDGET = 200_000
_VOORBEELD = "bijvoorbeeld FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11 (elk jaar op 11 oktober)"
_FINER = re.compile(r"\b(BYHOUR|BYMINUTE|BYSECOND)\s*=", re.IGNORECASE)


class OngeldigeHerhaling(ValueError):
    """A recurrence rule that is refused, with a Dutch sentence saying what to write."""


class _OverBudget(Exception):
    pass


def normalise(text: str) -> str:
    """The rule without surrounding space and an optional ``RRULE:`` prefix."""
    rule = text.strip()
    return rule[6:].strip() if rule.upper().startswith("RRULE:") else rule


# Where a rule counts from when its milestone has neither vroegst nor uiterlijk: one fixed day, the
# same when the rule is checked at load and when the rules plan with it (a start that moved with the
# year made "every other year" a yearly rule, and let a rule that loaded find no day from another
# start: FREQ=DAILY;INTERVAL=647;BYWEEKNO=3 loaded, then stopped the rules in 2029).
ANKER = dt.date(2000, 1, 1)


def check(text: str, start: dt.date | None) -> str:
    """The normalised rule, or ``OngeldigeHerhaling`` saying what is wrong and what to write."""
    rule_text = normalise(text)
    _parse_checked(rule_text, start or ANKER)
    return rule_text


_REFUSED: dict[tuple[str, dt.date], OngeldigeHerhaling] = {}


def _parse_checked(rule_text: str, start: dt.date) -> rrule:
    """The parsed rule; a refusal is remembered too, so a bad value costs its search once."""
    refused = _REFUSED.get((rule_text, start))
    if refused is not None:
        raise refused
    try:
        return _parse(rule_text, start)
    except OngeldigeHerhaling as exc:
        if len(_REFUSED) < 4096:
            _REFUSED[rule_text, start] = exc
        raise


@lru_cache(maxsize=4096)
def _parse(rule_text: str, start: dt.date) -> rrule:
    if any(ch in rule_text for ch in "\r\n") or len(rule_text) > 500:
        raise OngeldigeHerhaling(f"herhaling is één regel van hoogstens 500 tekens, {_VOORBEELD}.")
    if "FREQ=" not in rule_text.upper():
        raise OngeldigeHerhaling(f"herhaling moet een RRULE zijn met FREQ=, {_VOORBEELD}.")
    if _FINER.search(rule_text):
        raise OngeldigeHerhaling("herhaling kent geen uren, minuten of seconden (BYHOUR, BYMINUTE, "
                                 f"BYSECOND): een mijlpaal valt op een dag. Schrijf {_VOORBEELD}.")
    dtstart = dt.datetime.combine(start, dt.time())
    try:
        with warnings.catch_warnings():  # COUNT with UNTIL: deprecated there, refused below
            warnings.simplefilter("ignore", DeprecationWarning)
            rule = rrulestr(rule_text, dtstart=dtstart)
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as exc:
        raise OngeldigeHerhaling(f"herhaling is geen geldige RRULE ({_part(exc)}). Schrijf {_VOORBEELD}."
                                 ) from None
    if not isinstance(rule, rrule):  # an rruleset (RDATE/EXDATE lines) is not a single rule
        raise OngeldigeHerhaling(f"herhaling is één RRULE-regel, {_VOORBEELD}.")
    _check_parts(rule, start, dtstart)
    if _first(rule) is None:
        raise OngeldigeHerhaling("deze herhaling valt op geen enkele dag (binnen twintig jaar na het begin). "
                                 f"Controleer maand en dag, {_VOORBEELD}.")
    return rule


def _check_parts(parsed: rrule, start: dt.date, dtstart: dt.datetime) -> None:
    rule: Any = parsed  # dateutil keeps the parts in private attributes; it has no public accessor
    if rule._freq > DAILY:  # HOURLY, MINUTELY, SECONDLY
        raise OngeldigeHerhaling("herhaling mag hoogstens dagelijks zijn (FREQ=DAILY, WEEKLY, MONTHLY of "
                                 f"YEARLY): een mijlpaal valt op een dag. Schrijf {_VOORBEELD}.")
    if not 1 <= rule._interval <= MAX_INTERVAL:
        raise OngeldigeHerhaling(f"INTERVAL moet tussen 1 en {MAX_INTERVAL} liggen, bijvoorbeeld "
                                 "FREQ=YEARLY;INTERVAL=2 (om het jaar).")
    if rule._count is not None and not 1 <= rule._count <= MAX_COUNT:
        raise OngeldigeHerhaling(f"COUNT moet tussen 1 en {MAX_COUNT} liggen, bijvoorbeeld "
                                 "FREQ=YEARLY;COUNT=4 (vier keer).")
    if rule._count is not None and rule._until is not None:
        raise OngeldigeHerhaling("gebruik COUNT óf UNTIL, niet allebei (RFC 5545). Bijvoorbeeld "
                                 "FREQ=YEARLY;UNTIL=20221231.")
    if rule._until is not None and rule._until.replace(tzinfo=None) < dtstart:
        raise OngeldigeHerhaling(
            f"UNTIL ({rule._until:%Y-%m-%d}) ligt vóór het begin van de herhaling ({start.isoformat()}, "
            "uit vroegst of uiterlijk). Zet UNTIL later, bijvoorbeeld "
            f"FREQ=YEARLY;UNTIL={start.year + 3}1231.")


def _part(exc: BaseException) -> str:
    """dateutil's complaint in a few words (it names the part, e.g. invalid 'UNTIL'), cut short."""
    text = str(exc).replace("\n", " ")
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    found = re.search(r"'([A-Z]+)'", text)
    if found and found.group(1) == "UNTIL":
        return "UNTIL is een datum als JJJJMMDD, bijvoorbeeld UNTIL=20221231"
    return f"onderdeel {found.group(1)} klopt niet" if found else "de opbouw klopt niet"


def _first(rule: rrule) -> dt.datetime | None:
    """The rule's first occurrence, searched with a budget of Python lines (deterministic, unlike a
    clock): dateutil's own search for an impossible rule only ends at the year 9999."""
    used = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal used
        used += 1
        if used > _SEARCH_BUDGET:
            raise _OverBudget
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        found: dt.datetime | None = next(iter(rule), None)
        return found
    except _OverBudget:
        return None
    finally:
        sys.settrace(previous)


def next_due(*, herhaling: str, start: dt.date, peildatum: dt.date) -> dt.date | None:
    """The first occurrence on or after ``peildatum``; ``OngeldigeHerhaling`` for a rule that
    would not have loaded (a value put into the database some other way)."""
    rule = _parse_checked(normalise(herhaling), start)
    after = rule.after(dt.datetime.combine(peildatum, dt.time()), inc=True)
    return after.date() if after is not None else None
