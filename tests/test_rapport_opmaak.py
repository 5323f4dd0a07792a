"""The report's layout: no page ends with a heading or a table header, the budget heading keeps with
its table, the timeline shows every late milestone the summary counts."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

from tests import test_rapport_inhoud
from tests.conftest import Database, one_database
from tests.pdf_layout import headings_apart_from_their_content, reading_order
from tests.test_rapport_inhoud import PEILDATUM, _load_only, _make, _make_after_demo, _pdf_text

_no_real_date = test_rapport_inhoud._no_real_date  # autouse: the demo's day, here too


def _ends_with_a_heading(page: str) -> str | None:
    """The last line of a page's body when it is a heading or a table's header row (its footer left out)."""
    lines = [line.strip() for line in page.splitlines() if line.strip() and "stand per" not in line
             and not re.fullmatch(r"pagina \d+ van \d+", line.strip())]
    last = lines[-1] if lines else ""
    heading = (re.fullmatch(r"Programma \d+\. .*", last) or last.startswith("Activiteit Jaar Budget")
               or last in ("Budget en besteding per jaar", "Besteed van", "budget"))
    return last if heading else None


@one_database
def test_no_page_of_the_pdf_ends_with_a_heading_or_a_table_header(
        db: Database, region: Path, tmp_path: Path) -> None:
    """A freshly imported Bronckhorst register put 'Programma 1. Gezond en weerbaar' and the budget
    table's header row alone at the foot of a page, its rows on the next. For every length of a
    programme (so that each heading falls at a page's foot once), no page ends with a heading."""
    card = ("  - id: activiteit-{n}\n    titel: Activiteit {n} met een titel die over twee regels loopt in de tabel\n"
            "    bedragen:\n      - {{bedrag: {n}000, per: jaar, vanaf: 2020, tot_en_met: 2021}}\n")
    for count in range(1, 15):
        (region / "gorinchem" / "programma-7.yaml").write_text(
            "gemeente: Gorinchem\nprogramma: {nummer: 7, titel: Sociaal Domein, regisseur: regisseur-sociaal-domein}\n"
            "activiteiten:\n" + "".join(card.format(n=n) for n in range(count)), encoding="utf-8")
        _load_only(region)
        _report, made = _make(db, tmp_path / str(count), "Gorinchem", "mosd")
        pages = _pdf_text(made.pdf_pad)
        assert [_ends_with_a_heading(page) for page in pages[:-1]] == [None] * (len(pages) - 1), count
        assert headings_apart_from_their_content(made.pdf_pad) == [], count


@one_database
def test_the_budget_heading_and_its_note_never_end_a_page_without_the_first_row_of_their_table(
        db: Database, region: Path, tmp_path: Path) -> None:
    """The demo's MOSD report for Bronckhorst ended page 3 with "Budget en besteding per jaar" and its
    one-paragraph note; the programme's heading, the table's header and every row were on page 4. The
    check above looked at a page's last line only (the note). Now every heading of the tagged PDF is
    on the page of the first row, item or figure it heads."""
    _report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd", vorige=dt.date(2020, 5, 7))
    order = reading_order(made.pdf_pad)
    [budget] = [e for e in order if e.text == "Budget en besteding per jaar"]
    first_row = next(e for e in order[order.index(budget):] if e.role == "/TR-data")
    assert first_row.text.startswith("Onderwijs Achterstanden Beleid (OAB)")
    assert budget.page == first_row.page
    assert headings_apart_from_their_content(made.pdf_pad) == []


@one_database
def test_the_timeline_shows_every_late_milestone_the_summary_counts(
        db: Database, region: Path, tmp_path: Path) -> None:
    """The summary said 7 milestones were late; the timeline, which only looked a month back, drew
    fewer red diamonds (the oldest was due on 31 December 2019). Both now read one list."""
    report, made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    late = report.alle("te_laat")
    assert report.totaal["te_laat"] == len(late) == 7
    assert len({m.activiteit for m in late}) > 2  # across activities
    from services.reports.report_charts import timeline_items

    tijdlijn = timeline_items(report)
    assert [m for m, is_late in tijdlijn.rijen if is_late] == sorted(late, key=lambda m: m.uiterlijk)
    assert tijdlijn.te_laat == 7 and tijdlijn.meer_te_laat == 0
    assert tijdlijn.van == dt.date(2019, 12, 1)  # the oldest late one is on the chart
    [alt] = re.findall(r'alt="(Tijdlijn van de mijlpalen[^"]*)"', made.html)
    assert alt.startswith("Tijdlijn van de mijlpalen, 7 te laat:") and alt.count("(te laat)") == 7
    first = " ".join(_pdf_text(made.pdf_pad)[0].split())
    assert "7 mijlpalen zijn over de datum" in first
    assert "Mijlpalen van 1 december 2019 tot 16 oktober 2020" in " ".join("".join(_pdf_text(made.pdf_pad)).split())


def test_a_timeline_with_more_late_milestones_than_rows_says_how_many_it_left_out(tmp_path: Path) -> None:
    """Twenty late milestones over five activities: the chart draws sixteen, and the line under it
    names the four others, so chart and summary still add up to the same count."""
    from domain.reports.rapport import ActiviteitStand, MijlpaalStand, Rapport, programme_report
    from services.reports.report_charts import MAX_RIJEN, timeline_items
    from services.reports.reporting import key_sentences, make

    activities = [ActiviteitStand(
        titel=f"Activiteit {a}", status="lopend", koers="achter", laatste_voortgang=PEILDATUM, tekst=None,
        budget=None, besteed=None, mijlpalen=(
            *(MijlpaalStand(f"Activiteit {a}", f"Stap {a}.{n}", "mijlpaal",
                            PEILDATUM - dt.timedelta(days=10 * n + a), None) for n in range(1, 5)),
            MijlpaalStand(f"Activiteit {a}", f"Volgende stap {a}", "mijlpaal", PEILDATUM + dt.timedelta(days=20),
                          None))) for a in range(5)]
    rapport = Rapport("Zonnedal", "MOSD", dt.date(2020, 6, 25), PEILDATUM, None, dt.date(2020, 6, 25), [
        programme_report("1. Zorg", activities, peildatum=PEILDATUM, vorige=None, volgende=dt.date(2020, 6, 25))])
    tijdlijn = timeline_items(rapport)
    assert rapport.totaal["te_laat"] == 20 and len(tijdlijn.rijen) == MAX_RIJEN
    assert all(is_late for _m, is_late in tijdlijn.rijen)
    assert (tijdlijn.te_laat, tijdlijn.meer_te_laat, tijdlijn.meer_gepland) == (20, 20 - MAX_RIJEN, 5)
    made = make(rapport, folder=tmp_path, name="zonnedal")
    assert "20 mijlpalen zijn over de datum" in " ".join(key_sentences(rapport))
    text = " ".join(made.html.split())
    assert f"Niet in de tijdlijn: nog {20 - MAX_RIJEN} te late mijlpalen en 5 geplande mijlpalen; zie de " \
           "programma's." in text


@one_database
def test_the_timeline_s_month_labels_do_not_run_into_each_other_and_its_last_day_is_drawn_whole(
        db: Database, region: Path, tmp_path: Path) -> None:
    """Made on 3 September 2020 for the MOSD of 10 September, the timeline ran from December 2019 to
    January 2021 and its axis read "jan 2020mrt 2020mei 2020jul 2020sep 2020nov 2020jan 2021"; the
    milestones due on 31 December 2020 were cut in half at the right edge. Now each month is short,
    its year only on the first tick and where the year changes, no two labels touch, and no marker is clipped."""
    import dataclasses

    from services.reports.report_charts import _plt, timeline_figure, timeline_items

    report, _made = _make_after_demo(db, region, tmp_path, "Bronckhorst", "mosd")
    tijdlijn = dataclasses.replace(timeline_items(report), van=dt.date(2019, 12, 1), tot=dt.date(2021, 1, 1))
    figure = timeline_figure(report, tijdlijn)
    figure.canvas.draw()
    axis = figure.axes[0]
    labels = [t for t in axis.get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in labels] == ["dec\n2019", "feb\n2020", "apr", "jun", "aug", "okt", "dec"]
    boxes = [t.get_window_extent() for t in labels]
    assert all(left.x1 < right.x0 for left, right in itertools.pairwise(boxes)), [t.get_text() for t in labels]
    assert all(not line.get_clip_on() for line in axis.get_lines() if line.get_marker() in ("o", "D"))
    _plt().close(figure)


def test_a_start_within_the_window_is_on_the_timeline() -> None:
    """A trial missed "Start van het project" (1 september) on a timeline titled up to October: the open
    milestones due in the next four months were drawn except starts, without a word."""
    from domain.reports.rapport import ActiviteitStand, MijlpaalStand, Rapport, programme_report
    from services.reports.report_charts import timeline_items

    start = MijlpaalStand("Project", "Start van het project", "start", PEILDATUM + dt.timedelta(days=30), None)
    later = MijlpaalStand("Project", "Oplevering", "oplevering", PEILDATUM + dt.timedelta(days=60), None)
    activity = ActiviteitStand(titel="Project", status="gepland", koers=None, laatste_voortgang=None, tekst=None,
                               budget=None, besteed=None, mijlpalen=(start, later))
    rapport = Rapport("Zonnedal", "MOSD", dt.date(2020, 6, 25), PEILDATUM, None, dt.date(2020, 6, 25), [
        programme_report("1. Zorg", [activity], peildatum=PEILDATUM, vorige=None, volgende=dt.date(2020, 6, 25))])
    assert [(m.omschrijving, late) for m, late in timeline_items(rapport).rijen] == [
        ("Start van het project", False), ("Oplevering", False)]
