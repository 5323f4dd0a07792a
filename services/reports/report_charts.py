"""The report's charts (matplotlib, PNG): the stand per programme, a timeline of milestones with
their labels, and a sparkline per indicator. Dutch month names, whole-number axes, legends above the
plot so they never sit on an axis label. Text on a chart comes from the report (register text) or
from the labels below; the alt texts live in the template."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from domain.reports.rapport import STAND_WOORDEN, STANDEN, IndicatorReeks, MijlpaalStand, Rapport
from domain.rules.datum_onzeker import DATUM_ONZEKER
from services.rendering import MAANDEN

KLEUREN = {"op-koers": "#2e7d32", "risico": "#f9a825", "achter": "#c62828", "geen-update": "#9e9e9e"}
LABELS = STAND_WOORDEN
VOOR, NA = 30, 120  # the timeline: a month back, four months ahead
KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_RIJEN = 16      # more milestones than this: the nearest, and the template says how many more


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
    return plt


def _png(figure: Any, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass(frozen=True)
class Tijdlijn:
    """What the timeline shows: rows of (milestone, late?), late ones first (oldest first), then the
    coming ones by date; how many late and coming ones did not fit; and the period it spans. Its
    late milestones are the report's own list (``Rapport.alle("te_laat")``, what the summary
    counts): the two can never disagree."""

    rijen: tuple[tuple[MijlpaalStand, bool], ...]
    te_laat: int          # every late milestone of the report (the summary's count)
    meer_te_laat: int     # late ones not drawn (more than MAX_RIJEN)
    meer_gepland: int     # coming ones not drawn
    van: dt.date
    tot: dt.date

    def __bool__(self) -> bool:
        return bool(self.rijen)


def timeline_items(rapport: Rapport) -> Tijdlijn:
    """The timeline's rows: every late milestone of the report (the summary's own list, however
    long ago it was due), then the open ones due from the peildatum to four months ahead (a start
    too: it was left out without a word, and a trial missed it); at most
    MAX_RIJEN rows, late ones first. The period starts a month back, or at the oldest late one."""
    late = sorted(rapport.alle("te_laat"), key=lambda m: m.uiterlijk or dt.date.min)
    counted = {id(m) for m in late}
    end = rapport.peildatum + dt.timedelta(days=NA)
    coming = sorted(
        (m for p in rapport.programmas for a in p.activiteiten for m in a.mijlpalen
         if id(m) not in counted and m.gereed is None and m.uiterlijk
         and rapport.peildatum <= m.uiterlijk <= end),
        key=lambda m: m.uiterlijk or dt.date.min)
    shown_late = late[:MAX_RIJEN]
    shown_coming = coming[:MAX_RIJEN - len(shown_late)]
    start = rapport.peildatum - dt.timedelta(days=VOOR)
    if shown_late and shown_late[0].uiterlijk is not None:
        start = min(start, shown_late[0].uiterlijk.replace(day=1))
    rows = tuple((m, True) for m in shown_late) + tuple((m, False) for m in shown_coming)
    return Tijdlijn(rows, len(late), len(late) - len(shown_late), len(coming) - len(shown_coming), start, end)


def status_figure(rapport: Rapport) -> Any:
    """The stand per programme: stacked bars, counts inside, whole numbers on the axis."""
    from matplotlib.ticker import MaxNLocator

    plt = _plt()
    names = [_short(p.titel, 45) for p in rapport.programmas]
    figure, axis = plt.subplots(figsize=(7.2, 0.4 * len(names) + 0.9))
    left = [0] * len(names)
    for kind in STANDEN:
        counts = [p.standen[kind] for p in rapport.programmas]
        bars = axis.barh(names, counts, left=left, color=KLEUREN[kind], label=LABELS[kind], height=0.6)
        axis.bar_label(bars, labels=[str(c) if c else "" for c in counts], label_type="center",
                       color="white" if kind in ("op-koers", "achter") else "black", fontsize=9)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axis.invert_yaxis()
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlabel("aantal activiteiten")
    axis.spines[["top", "right"]].set_visible(False)
    # Above the plot: the legend can never cover the axis label below it.
    axis.legend(ncol=4, loc="lower left", bbox_to_anchor=(0, 1.02), frameon=False)
    return figure


def _month_ticks(axis: Any, van: dt.date, tot: dt.date) -> None:
    """Month ticks within [van, tot], labelled "jan" over its year: the year only on the first tick
    and where the year changes, so seven ticks fit beside the timeline's long labels (they ran into
    each other as "jan 2020mrt 2020mei 2020")."""
    months = (tot.year - van.year) * 12 + tot.month - van.month
    step = max(1, -(-months // 8))
    first = van.year * 12 + van.month - 1 + (van.day > 1)  # the first month that starts within the period
    days = [dt.date(m // 12, m % 12 + 1, 1) for m in range(first, tot.year * 12 + tot.month, step)]
    labels = [f"{KORT[d.month - 1]}\n{d.year}" if i == 0 or d.year != days[i - 1].year else KORT[d.month - 1]
              for i, d in enumerate(days)]
    axis.set_xticks(days, labels)


def timeline_figure(rapport: Rapport, tijdlijn: Tijdlijn) -> Any:
    """The timeline as a matplotlib figure: a row per milestone (what, then of which activity), a
    diamond for a late one, the peildatum dashed."""
    from matplotlib.lines import Line2D

    plt = _plt()
    items = [m for m, _late in tijdlijn.rijen]
    figure, axis = plt.subplots(figsize=(4.6, 0.42 * len(items) + 0.9))
    for row, (m, late) in enumerate(tijdlijn.rijen):
        # clip_on=False: a milestone on the period's last day is drawn whole, not cut in half.
        # an estimated date (zeker: false): an open marker and the words in its label, not colour only
        axis.plot([m.uiterlijk], [row], marker="D" if late else "o", markersize=7, linestyle="",
                  color=KLEUREN["achter"] if late else "#1565c0", zorder=3, clip_on=False,
                  **({} if m.zeker else {"markerfacecolor": "white", "markeredgewidth": 1.6}))
    # Two lines per milestone: what, then (smaller, grey by the tick colour) of which activity.
    axis.set_yticks(range(len(items)),
                    [f"{_short(m.omschrijving, 50)}\n" + (_short(m.activiteit, 50) if m.zeker else
                     f"{_short(m.activiteit, 32)} · {DATUM_ONZEKER}") for m in items],
                    fontsize=8.5)
    axis.set_ylim(len(items) - 0.5, -0.5)
    axis.axvline(rapport.peildatum, color="#555", linewidth=1, linestyle="--")
    axis.set_xlim(tijdlijn.van, tijdlijn.tot)
    _month_ticks(axis, tijdlijn.van, tijdlijn.tot)
    axis.grid(axis="x", color="#ddd")
    axis.spines[["top", "right"]].set_visible(False)
    handles = [Line2D([], [], marker="o", linestyle="", color="#1565c0", label="gepland"),
               Line2D([], [], marker="D", linestyle="", color=KLEUREN["achter"],
                      label=f"te laat ({tijdlijn.te_laat})"),
               Line2D([], [], color="#555", linestyle="--", label=f"peildatum {rapport.peildatum.day} "
                      f"{MAANDEN[rapport.peildatum.month - 1]}")]
    if not all(m.zeker for m in items):
        handles.append(Line2D([], [], marker="o", linestyle="", color="#555", markerfacecolor="white",
                              label=DATUM_ONZEKER))
    axis.legend(handles=handles, ncol=3, loc="lower left", bbox_to_anchor=(0, 1.02), frameon=False)
    return figure


def _timeline(rapport: Rapport, tijdlijn: Tijdlijn) -> bytes:
    figure = timeline_figure(rapport, tijdlijn)
    data = _png(figure)
    _plt().close(figure)
    return data


def _sparkline(reeks: IndicatorReeks) -> bytes:
    plt = _plt()
    figure, axis = plt.subplots(figsize=(1.6, 0.5))
    days = [d for d, _ in reeks.waarden]
    values = [float(v) for _, v in reeks.waarden]
    axis.plot(days, values, color="#1565c0", linewidth=2)
    axis.plot(days[-1:], values[-1:], marker="o", markersize=4.5, color="#1565c0")
    if reeks.streefwaarde is not None:
        axis.axhline(float(reeks.streefwaarde), color="#2e7d32", linewidth=0.8, linestyle=":")
    axis.axis("off")
    data = _png(figure, dpi=130)
    plt.close(figure)
    return data


def charts(rapport: Rapport) -> dict[str, bytes]:
    """The status chart (when there are activities), the timeline (when it has milestones) and a
    sparkline per indicator with two or more values, by the names the template uses."""
    out: dict[str, bytes] = {}
    if not rapport.leeg:
        figure = status_figure(rapport)
        out["status"] = _png(figure)
        _plt().close(figure)
    tijdlijn = timeline_items(rapport)
    if tijdlijn:
        out["tijdlijn"] = _timeline(rapport, tijdlijn)
    for reeks in rapport.alle("indicatoren"):
        if len(reeks.waarden) > 1:
            out[reeks.sleutel] = _sparkline(reeks)
    return out
