"""The rhythm of a tijdpad item: which recurrence its words name ("jaarlijks", "ieder kwartaal"), the
phrase that names it, and the first due date of a recurrence without a date. Pure."""

from __future__ import annotations

import calendar
import datetime as dt

from domain.documents.tijdwoorden import _RHYTHM


def rhythm(item: str) -> str | None:
    for rule, words in _RHYTHM:
        if words.search(item):
            return rule
    return None


def recurring_start(rule: str, d: dt.date) -> dt.date:
    """First due date of a recurring item without a date: end of this month, quarter or year."""
    if "INTERVAL=3" in rule:
        month = ((d.month - 1) // 3 + 1) * 3
    elif "INTERVAL=6" in rule:
        month = 6 if d.month <= 6 else 12
    elif rule.startswith("FREQ=MONTHLY"):
        month = d.month
    else:
        return dt.date(d.year, 12, 31)
    return dt.date(d.year, month, calendar.monthrange(d.year, month)[1])


def rhythm_phrase(item: str, rule: str) -> str:
    for candidate, words in _RHYTHM:
        if candidate == rule:
            found = words.search(item)
            if found:
                return found.group(0)
    return item
