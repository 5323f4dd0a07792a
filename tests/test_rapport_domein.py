"""The report's rules without a database: what changed, what needs a decision, trends read by the
indicator's direction, and the charts' Dutch dates and whole-number axes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.reports.rapport import ActiviteitStand, IndicatorReeks, MijlpaalStand, Rapport, programme_report

PEIL = dt.date(2020, 6, 18)


def _activity(titel: str, koers: str | None, vorige_koers: str | None = None, *,
              mijlpalen: tuple[MijlpaalStand, ...] = ()) -> ActiviteitStand:
    return ActiviteitStand(titel=titel, status="lopend", koers=koers, laatste_voortgang=PEIL - dt.timedelta(days=3)
                           if koers else None, tekst=None, budget=None, besteed=None, mijlpalen=mijlpalen,
                           vorige_koers=vorige_koers)


def test_a_changed_stand_is_listed_worst_first_and_an_unchanged_one_is_not() -> None:
    decision = MijlpaalStand("B", "Collegebesluit", "besluit", PEIL + dt.timedelta(days=5), None)
    later = MijlpaalStand("B", "Collegebesluit 2", "besluit", PEIL + dt.timedelta(days=90), None)
    report = programme_report("1. P", [
        _activity("A", "op-koers", "op-koers"),
        _activity("B", "achter", "op-koers", mijlpalen=(decision, later)),
        _activity("C", None, "risico"),
        _activity("D", "risico", None)],
        peildatum=PEIL, vorige=dt.date(2020, 5, 7), volgende=dt.date(2020, 6, 25))
    assert [a.titel for a in report.activiteiten] == ["B", "D", "C", "A"]
    assert [a.stand for a in report.activiteiten] == ["achter", "risico", "geen-update", "op-koers"]
    # C went quiet: that is "geen update", shown as such, not a change someone reported.
    assert report.veranderd == [("B", "op-koers", "achter"), ("D", "geen-update", "risico")]
    assert report.besluiten == [decision]  # the later decision is after the meeting


def test_the_programme_s_done_milestones_are_listed_by_the_day_they_were_done_as_the_summary_does() -> None:
    """The summary said "afgerond: „Evaluatie pilot Steungezinnen” (… gereed 28 augustus 2020) en
    „Evaluatie werkplan 2019 …” (… gereed 9 september 2020)"; the programme's list "Gereed tot nu toe"
    below it had them the other way round (in the order of the activities, worst stand first)."""
    werkplan = MijlpaalStand("Werkplan", "Evaluatie werkplan 2019", "evaluatie", dt.date(2019, 12, 31),
                             dt.date(2020, 9, 9))
    pilot = MijlpaalStand("Steungezinnen", "Evaluatie pilot", "evaluatie", dt.date(2020, 7, 31),
                          dt.date(2020, 8, 28))
    report = programme_report("1. P", [_activity("Werkplan", "achter", mijlpalen=(werkplan,)),
                                       _activity("Steungezinnen", None, mijlpalen=(pilot,))],
                              peildatum=dt.date(2020, 9, 11), vorige=None, volgende=None)
    assert [a.titel for a in report.activiteiten] == ["Werkplan", "Steungezinnen"]
    assert report.gereed == [pilot, werkplan]


def test_without_a_previous_report_nothing_counts_as_changed() -> None:
    report = programme_report("1. P", [_activity("B", "achter", "op-koers")], peildatum=PEIL, vorige=None,
                              volgende=None)
    assert report.veranderd == []


def test_a_trend_is_read_by_the_indicators_direction() -> None:
    def reeks(richting: str | None, *values: str) -> IndicatorReeks:
        return IndicatorReeks("x", None, richting, None,
                              tuple((PEIL - dt.timedelta(days=30 * i), Decimal(v)) for i, v in enumerate(values)))

    assert reeks("lager-is-beter", "12", "10").oordeel == "beter"
    assert reeks("hoger-is-beter", "12", "10").oordeel == "slechter"
    assert reeks(None, "10", "12").oordeel == "hoger"
    assert reeks("hoger-is-beter", "10", "10").oordeel == "gelijk"
    assert reeks("hoger-is-beter", "10").oordeel is None


def test_the_timeline_speaks_dutch_and_the_status_axis_counts_whole_activities() -> None:
    from services.reports.report_charts import _month_ticks, _plt, charts, status_figure

    months, axis = _plt().subplots()
    _month_ticks(axis, dt.date(2020, 3, 1), dt.date(2020, 10, 31))
    assert [t.get_text() for t in axis.get_xticklabels()] == [
        "mrt\n2020", "apr", "mei", "jun", "jul", "aug", "sep", "okt"]
    _plt().close(months)
    report = Rapport("X", "MOSD", None, PEIL, None, None, [programme_report(
        "1. P", [_activity("A", "op-koers"), _activity("B", "risico")], peildatum=PEIL, vorige=None,
        volgende=None)])
    assert set(charts(report)) == {"status"}  # no milestones: no empty timeline
    figure = status_figure(report)
    figure.canvas.draw()
    ticks = figure.axes[0].get_xticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)  # 0, 1, 2; never 0.5
    legend = figure.axes[0].get_legend().get_window_extent()
    label = figure.axes[0].xaxis.label.get_window_extent()
    assert not legend.overlaps(label) and legend.y0 > label.y1  # the legend sits above the plot
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == [
        "op koers", "risico", "achter", "geen koers"]
