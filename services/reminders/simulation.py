"""`regie simuleer`: the rules run for every day of a period without sending or recording, so a
municipality can tune lead times before going live; and the weekdays off in it, with why nothing
goes out on them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from domain.register.tekstcontrole import met_haakjes
from domain.rules.problemen import Probleem
from domain.rules.regels import plan
from domain.werkdagen import Werkdagen
from models.settings import get_settings
from models.tables import Person
from services.register.provenance import with_sources
from services.reminders.daily_check import already_recorded, collect_facts
from services.rendering import render


def simulate(*, session: Session, van: dt.date, tot: dt.date, gemeente: str | None = None,
             problemen: list[Probleem] | None = None,
             ) -> list[tuple[dt.date, list[tuple[str, list[str]]]]]:
    """Per day: per person, the items that would go out that day (each reminder once). Items the
    rules cannot handle are skipped and each is noted once in ``problemen``."""
    settings = get_settings()
    facts = collect_facts(session=session, gemeente=gemeente, periode=(van, tot),
                          vooruit=settings.regels.langste_aanloop)
    werkdagen = Werkdagen(settings.sluitingsdagen)
    names = {p.id: met_haakjes(p.naam, p.sleutel) for p in session.exec(select(Person))}
    sent: set[tuple[object, ...]] = set()
    skipped: dict[tuple[str, int], Probleem] = {}
    days = []
    day = van
    while day <= tot:
        today: list[Probleem] = []
        planned = plan(facts.activiteiten, peildatum=day, regels=settings.regels, werkdagen=werkdagen,
                       coordinatoren=facts.coordinatoren, problemen=today)
        for probleem in today:
            skipped.setdefault((probleem.onderwerp, probleem.onderwerp_id), probleem)
        if day == van:
            sent |= already_recorded(session=session, planned=planned)
        people: dict[int, list[str]] = {}
        for h in planned:
            if h.sleutel in sent:
                continue
            sent.add(h.sleutel)
            item = {"regel": h.regel, "wat": h.wat, "dagen": h.dagen, "datum": h.vervaldatum.isoformat(),
                    "te_laat": h.te_laat, "onzeker": h.onzeker, "vraag_evaluatie": h.vraag_evaluatie,
                    "door": h.door, "soort": h.soort, "rol": h.rol, "bron": h.bron, "eigenaar": h.eigenaar,
                    "drempel": h.drempel,
                    "begroting": h.begroting.als_inhoud() if h.begroting else None}
            people.setdefault(h.ontvanger_id, []).append(
                f"{h.activiteit}: " + render("partials/item.txt.j2", {"item": item}).strip())
        days.append((day, [(names.get(pid, str(pid)), lines) for pid, lines in sorted(people.items())]))
        day += dt.timedelta(days=1)
    if problemen is not None:
        problemen.extend(with_sources(session=session, problemen=list(skipped.values())))
    return days


def days_off(*, van: dt.date, tot: dt.date) -> list[tuple[dt.date, str]]:
    """The weekdays from ``van`` to ``tot`` on which the daily check sends nothing, with why ("Eerste
    Kerstdag", "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN": domain/werkdagen.py).
    Weekends are left out: the check never runs on them."""
    werkdagen = Werkdagen(get_settings().sluitingsdagen)
    days = (van + dt.timedelta(days=n) for n in range((tot - van).days + 1))
    return [(day, reden) for day in days if day.weekday() < 5 and (reden := werkdagen.waarom_vrij(day))]
