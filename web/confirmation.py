"""What the answer page's confirmation lists: per activity what was recorded, and what was not since
it was so already (an amount equal to its year's current one: services/checkins/spending.py), said as
`regie voortgang` says it ("besteed in 2020 was al € 12.000")."""

from __future__ import annotations

from domain.register.register import STATUS_WOORDEN
from domain.reports.rapport import STAND_WOORDEN
from services.checkins.progress import Antwoord
from services.checkins.spending import al_besteed, repeated_amount
from services.rendering import citaat, datum, meetwaarde, reopened_sentence, spent_words
from web.overview import ActiviteitRegel


def confirmation(antwoorden: list[tuple[ActiviteitRegel, Antwoord]], *, jaar: int,
                 ) -> tuple[list[str], list[str]]:
    """The lines of what was recorded, and of the activities whose only answer was an amount they had
    already in ``jaar`` (nothing recorded for them: the page said "Dit hebben we vastgelegd:" over an
    empty list). Read after the answers were applied (``besteed`` is then None for such an amount)."""
    recorded, same = [], []
    for activity, answer in antwoorden:
        parts = _parts(activity, answer)
        repeated = repeated_amount(answer)
        if parts:
            if repeated is not None:  # as `regie voortgang` says it beside what it recorded
                parts.append(f"{al_besteed(jaar, repeated)}: ongewijzigd")
            recorded += [f"{activity.titel}: {p}" for p in parts]
        elif repeated is not None:
            same.append(f"{activity.titel}: {al_besteed(jaar, repeated)}")
    return recorded, same


def _parts(activity: ActiviteitRegel, answer: Antwoord) -> list[str]:
    parts = []
    if answer.koers:
        parts.append(f"koers: {STAND_WOORDEN[answer.koers]}")
    if answer.status:
        parts.append(f"status: {STATUS_WOORDEN[answer.status]}")
    if answer.tekst:
        parts.append(f"stand van zaken: {citaat(answer.tekst)}")
    if answer.besteed is not None:
        parts.append(spent_words(answer.besteed_jaar, answer.besteed))
    names = {m.sleutel: m.omschrijving for m in activity.mijlpalen}
    for m in answer.mijlpalen:
        if m.gereed:
            parts.append(f"mijlpaal {citaat(names[m.sleutel])} gereed op {datum(m.gereed)}")
        if m.nieuwe_datum:
            parts.append(f"mijlpaal {citaat(names[m.sleutel])} verplaatst naar {datum(m.nieuwe_datum)} "
                         f"(reden: {m.reden})")
        if m.heropend:  # as the history, the report and the overview say it (services/rendering.py)
            was = next(g for g in activity.gereed_mijlpalen if g.sleutel == m.sleutel)
            parts.append(reopened_sentence(was.omschrijving, was.gereed, m.reden))
    units = {i.sleutel: i for i in activity.indicatoren}
    for key, value in answer.metingen.items():  # as typed: 12, not the stored 12.00
        parts.append(f"{units[key].naam}: {meetwaarde(value, units[key].eenheid)}")  # € 1.250,50, 12 %
    return parts
