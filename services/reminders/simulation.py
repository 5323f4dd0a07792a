"""`regie simuleer`: the daily check run for every day of a period without sending or recording, so
a municipality can tune lead times before going live; and the weekdays off in it, with why nothing
goes out on them. Each day is planned and decided by the check's own calls (``plan_day``,
``spaced_today``), remembering what the days before would have recorded: a simulated season gives
the items the check would send, on the same days."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from domain.register.tekstcontrole import met_haakjes
from domain.rules.problemen import ONGELDIGE_WAARDE, Probleem
from domain.rules.regels import Herinnering
from domain.werkdagen import Werkdagen
from models.settings import get_settings
from models.tables import Person
from services.reminders.daily_check import collect_facts, plan_day
from services.reminders.recorded import Simulated, spaced_today
from services.rendering import render


def simulated_days(*, session: Session, van: dt.date, tot: dt.date, gemeente: str | None = None,
                   problemen: list[Probleem] | None = None) -> list[tuple[dt.date, list[Herinnering]]]:
    """Per day from ``van`` to ``tot``: the reminders the daily check would record that day, and so
    send, had it run on each working day with the database as it is. Items the rules cannot handle
    are skipped and each is noted once in ``problemen`` (the check tells the coordinators once)."""
    settings = get_settings()
    facts = collect_facts(session=session, gemeente=gemeente, periode=(van, tot),
                          vooruit=settings.regels.langste_aanloop)
    werkdagen = Werkdagen(settings.sluitingsdagen)
    every = settings.regels.herhaal_te_laat_dagen
    memory = Simulated()
    skipped: dict[tuple[str, int], Probleem] = {}
    days = []
    for day in (van + dt.timedelta(days=n) for n in range((tot - van).days + 1)):
        planned, today = plan_day(session=session, facts=facts, peildatum=day, regels=settings.regels,
                                  werkdagen=werkdagen)
        for probleem in today:
            skipped.setdefault((probleem.onderwerp, probleem.onderwerp_id), probleem)
        planned = spaced_today(session=session, planned=planned, every=every, simulated=memory)
        days.append((day, memory.record(session=session, planned=planned)))
    if problemen is not None:
        problemen.extend(skipped.values())
    return days


def simulate(*, session: Session, van: dt.date, tot: dt.date, gemeente: str | None = None,
             problemen: list[Probleem] | None = None,
             ) -> list[tuple[dt.date, list[tuple[str, list[str]]]]]:
    """Per day: per person, the items that would go out that day, in the digest's words."""
    names = {p.id: met_haakjes(p.naam, p.sleutel) for p in session.exec(select(Person))}
    days = []
    for day, recorded in simulated_days(session=session, van=van, tot=tot, gemeente=gemeente,
                                        problemen=problemen):
        people: dict[int, list[str]] = {}
        for h in recorded:
            item = {"regel": h.regel, "wat": h.wat, "dagen": h.dagen, "datum": h.vervaldatum.isoformat(),
                    "te_laat": h.te_laat, "onzeker": h.onzeker, "vraag_evaluatie": h.vraag_evaluatie,
                    "door": h.door, "soort": h.soort, "rol": h.rol, "bron": h.bron, "eigenaar": h.eigenaar,
                    "drempel": h.drempel, "activiteit": h.activiteit,
                    "begroting": h.begroting.als_inhoud() if h.begroting else None}
            sentence = render("partials/item.txt.j2", {"item": item}).strip()
            # a notice names its item in its own sentence ("… is overgeslagen (file, line; item)")
            people.setdefault(h.ontvanger_id, []).append(
                sentence if h.regel == ONGELDIGE_WAARDE else f"{h.activiteit}: {sentence}")
        days.append((day, [(names.get(pid, str(pid)), lines) for pid, lines in sorted(people.items())]))
    return days


def days_off(*, van: dt.date, tot: dt.date) -> list[tuple[dt.date, str]]:
    """The weekdays from ``van`` to ``tot`` on which the daily check sends nothing, with why ("Eerste
    Kerstdag", "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN": domain/werkdagen.py).
    Weekends are left out: the check never runs on them."""
    werkdagen = Werkdagen(get_settings().sluitingsdagen)
    days = (van + dt.timedelta(days=n) for n in range((tot - van).days + 1))
    return [(day, reden) for day in days if day.weekday() < 5 and (reden := werkdagen.waarom_vrij(day))]
