"""A report whose period holds no milestone said so on a page of its own: the first page broke after
the summary chart (half empty), and the second began with the heading "Mijlpalen van … tot …" and
only "Geen mijlpalen in deze periode.". That one line now ends the first page; a timeline still
starts the next."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_rapport_inhoud import PEILDATUM, _pdf_text


def _rapport(milestone_day: dt.date):  # type: ignore[no-untyped-def]
    from domain.reports.rapport import ActiviteitStand, MijlpaalStand, Rapport, programme_report

    activities = [ActiviteitStand(
        titel=f"Activiteit {a}", status="lopend", koers="op-koers", laatste_voortgang=PEILDATUM, tekst=None,
        budget=None, besteed=None,
        mijlpalen=(MijlpaalStand(f"Activiteit {a}", f"Stap {a}", "mijlpaal", milestone_day, None),))
        for a in range(3)]
    return Rapport("Zonnedal", "MOSD", dt.date(2020, 6, 25), PEILDATUM, None, dt.date(2020, 6, 25), [
        programme_report("1. Zorg", activities, peildatum=PEILDATUM, vorige=None, volgende=dt.date(2020, 6, 25))])


@pytest.mark.parametrize("days_ahead", [400, 30])
def test_no_milestones_in_the_period_is_said_on_the_first_page_and_a_timeline_starts_the_next(
        tmp_path: Path, days_ahead: int) -> None:
    from services.reports.reporting import make

    made = make(_rapport(PEILDATUM + dt.timedelta(days=days_ahead)), folder=tmp_path, name="zonnedal")
    pages = [" ".join(page.split()) for page in _pdf_text(made.pdf_pad)]
    where = next(i for i, page in enumerate(pages) if "Mijlpalen van " in page)
    if days_ahead > 120:  # beyond the timeline's four months: nothing in the period
        assert where == 0 and "Geen mijlpalen in deze periode." in pages[0], pages
        assert pages[1].startswith("Programma 1. Zorg"), pages[1][:200]
    else:
        assert where == 1 and pages[1].startswith("Mijlpalen van "), pages[1][:200]
        assert "Geen mijlpalen in deze periode." not in " ".join(pages)
