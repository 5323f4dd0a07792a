"""A milestone with only a vroegst (docs/importer.md, "Only a vroegst"): the register reminds of a
milestone on its uiterlijk, so one without is never due and never reminded. It is never sure: its remark
says "alleen een vroegste datum (…): vul uiterlijk in, anders komt er geen herinnering". An evaluatie,
besluit or start after a holiday ("Na de kerstvakantie 2026 evalueren we", "na de zomer 2026 besluit de raad",
"Na de herfstvakantie 2026 start de training") gets a proposed uiterlijk, the last day of the month after
the month of its vroegst (after the summer holiday of region midden, 31-08-2026: 30-09-2026), and the remark
says so. Recurring milestones are left alone (they
are due on each occurrence). Pure."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.documents.tijdpad_mijlpaal import TijdpadLezing

_AFTER_HOLIDAY = re.compile(r"^na\s+(?:de\s+|het\s+)?(?:\w*vakantie|zomer|kerst\w*|\w*reces|pasen)\b",
                            re.IGNORECASE)
# A start's uiterlijk is the last day it may start on ("begin 2026 starten we": 31-03-2026); past it the
# overview asks to set the activity lopend (domain.rules.milestones.start_voorbij), so a start after a
# holiday gets the same proposal.
_PROPOSED_FOR = ("evaluatie", "besluit", "start")


def _end_of_next_month(day: dt.date) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def alleen_vroegst(lezing: TijdpadLezing) -> None:
    """Make each milestone of ``lezing`` with only a vroegst an estimate with the module's remark, in
    place; the remark replaces the milestone's own in ``lezing.opmerkingen`` (or is added)."""
    for index, m in enumerate(lezing.mijlpalen):
        if m.vroegst is None or m.uiterlijk is not None or m.herhaling or m.gereed is not None:
            continue
        phrase = " ".join(m.bron.split())
        uiterlijk = None
        if m.soort in _PROPOSED_FOR and _AFTER_HOLIDAY.match(phrase):
            uiterlijk = _end_of_next_month(m.vroegst)
            added = (f"'{phrase}' geeft alleen een vroegste datum ({m.vroegst:%d-%m-%Y}): uiterlijk "
                     f"{uiterlijk:%d-%m-%Y} voorgesteld (het einde van de maand erna); pas uiterlijk aan als "
                     "het later mag, anders komt er geen herinnering")
        else:
            added = (f"'{phrase}' geeft alleen een vroegste datum ({m.vroegst:%d-%m-%Y}): vul uiterlijk in, "
                     "anders komt er geen herinnering")
        note = f"{m.opmerking}; {added}" if m.opmerking else added
        if m.opmerking and m.opmerking in lezing.opmerkingen:
            lezing.opmerkingen[lezing.opmerkingen.index(m.opmerking)] = note
        else:
            lezing.opmerkingen.append(note)
        lezing.mijlpalen[index] = replace(m, uiterlijk=uiterlijk, zeker=False, opmerking=note)
