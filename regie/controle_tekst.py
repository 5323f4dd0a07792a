"""The daily check's line on the terminal (`regie controle`)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def samenvatting(datum: Any, droog: bool, summary: dict[str, Any], regels: Any) -> str:
    """The check's line on the terminal: late, coming up, the other points by what they are
    (domain/rules/telling.py, the words of the Prefect summary too), new and delivered."""
    from domain.register.tekstcontrole import aantal
    from domain.rules.telling import andere_punten
    from services.rendering import dag as op_dag

    kop = f"Dagelijkse controle {op_dag(datum)}"  # donderdag 3 september 2020, as everything else says it
    if summary.get("werkdag") is False:  # nothing was checked: 0 te laat would be untrue
        from domain.werkdagen import bij_de_dag
        from services.rendering import dag

        volgende = summary.get("volgende_werkdag")
        wanneer = dag(volgende) if volgende else "de volgende werkdag"
        reden = bij_de_dag(summary.get("waarom_vrij"))  # domain/werkdagen.py; never the weekday again
        return (f"{kop}: geen controle, het is geen werkdag"
                f"{reden}. Op vrije dagen loopt de controle niet en gaat er niets "
                f"uit; de eerstvolgende controle is op {wanneer} en haalt alles in. Wat nu te laat is, toont "
                "'regie status'.")
    andere = "".join(f", {punt}" for punt in andere_punten(summary.get("overig_per_regel", {}),
                                                            summary["overig"], regels))
    if droog:  # what a real run would do now; 'bezorgd' would be untrue
        personen = summary.get("personen", 0)
        return (f"{kop} (droog: niets verstuurd): "
                f"{summary['te_laat']} te laat, {summary['binnenkort']} binnenkort{andere}; een echte run "
                f"zou nu {aantal(summary['nieuw'], 'nieuwe herinnering', 'nieuwe herinneringen')} "
                "vastleggen, voor "
                f"{aantal(personen, 'persoon', 'personen')} (eerder vastgelegde gaan niet opnieuw uit)."
                + voorbeeld(summary.get("voorbeeld") or [], personen))
    # Nothing new since the last run is no failure: say so, "0 overzichten bezorgd" read like one.
    rust = (" (niets nieuws sinds de vorige controle; wat al verstuurd is, gaat niet opnieuw uit)"
            if not summary["nieuw"] and not summary["bezorgd"] else "")
    return (f"{kop}: "
            f"{summary['te_laat']} te laat, {summary['binnenkort']} binnenkort{andere}; "
            f"{aantal(summary['nieuw'], 'nieuwe herinnering', 'nieuwe herinneringen')}, "
            f"{aantal(summary['bezorgd'], 'overzicht', 'overzichten')} bezorgd{rust}.")


def op_een_vrije_dag(datum: dt.date) -> str | None:
    """The check's line on a day off (as the flow's summary gives it: nothing is checked, the next
    working day), or None on a working day. The flow keeps its own test, for the schedule; the
    command asks first, so a day off does not start a temporary Prefect server only to say so."""
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings

    settings = get_settings()
    werkdagen = Werkdagen(settings.sluitingsdagen)
    if werkdagen.is_werkdag(datum):
        return None
    summary = {"werkdag": False, "volgende_werkdag": werkdagen.op_of_na(datum).isoformat(),
               "waarom_vrij": werkdagen.waarom_vrij(datum)}
    return samenvatting(datum, False, summary, settings.regels)


def not_ahead(datum: dt.date) -> None:
    """A real check for a later day than today is refused: it would mail now what belongs to that day,
    and that day's own check would then send it no more (a trial: "trying next week" mailed people)."""
    from models.clock import today
    from regie.common import EXIT_INVOER, Stop
    from services.rendering import dag

    vandaag = today()
    if datum > vandaag:
        raise Stop(f"De controle voor {dag(datum)} ligt na vandaag ({dag(vandaag)}): die zou nu al "
                   f"versturen wat pas op {dag(datum)} hoort, en dan gaat het die dag niet opnieuw uit. "
                   "Er is niets vastgelegd of verstuurd. Kijk vooruit met --droog of met regie simuleer; een "
                   "demo op een andere dag: zet de klok met REGIE_VANDAAG.", EXIT_INVOER)


def voorbeeld(per_persoon: list[dict[str, Any]], personen: int) -> str:
    """A dry run's lines: per person (most items first, tasks/daily_check.preview bounds them) how
    many items a real run would send now and the first few titles; how many people are not listed."""
    from rich.markup import escape  # register text on the terminal, as typed ("[klik]" is no markup)

    from domain.register.tekstcontrole import aantal

    if not per_persoon:
        return ""
    lines = ["", "Een echte run zou nu versturen aan:"]
    for p in per_persoon:
        titels = "; ".join(f"„{escape(t)}”" for t in p["titels"])
        rest = p["punten"] - len(p["titels"])
        lines.append(f"- {escape(p['naam'])}: {aantal(p['punten'], 'punt', 'punten')}: {titels}"
                     + (f" en nog {rest}" if rest > 0 else ""))
    if personen > len(per_persoon):
        lines.append(f"- en nog {aantal(personen - len(per_persoon), 'persoon', 'personen')}")
    return "\n".join(lines)


def bezig(datum: dt.date, droog: bool) -> None:
    """In a terminal, at once: the check has started and takes a while. A trial waited 21–50 s without a
    sign of life (a temporary Prefect server when the service does not run, then the flow). Not in a pipe
    or a file: there the summary line is the output."""
    from regie.common import err
    from services.rendering import dag

    console = err()
    if console.is_terminal:
        console.print(f"Dagelijkse controle {dag(datum)}{' (droog)' if droog else ''} loopt; zonder "
                      "draaiende dienst start Prefect eerst een tijdelijke server, dat kan een halve minuut "
                      "duren…")



def zeg_samenvatting(datum: dt.date, droog: bool, summary: dict[str, Any], regels: Any) -> None:
    """The check's line, then a report that is due and not made, and a meeting of the past fortnight
    without one (services/reports/report_due.py): `regie controle` makes no reports (a trial ran only
    it for a week, and an MOSD passed without a report and without a word)."""
    from models.db import session_scope
    from models.settings import get_settings
    from regie.common import out
    from services.reports.report_due import report_notes

    out().print(samenvatting(datum, droog, summary, regels))
    if summary.get("werkdag") is False:
        return
    with session_scope() as session:
        for line in report_notes(session=session, peildatum=datum, settings=get_settings()):
            out().print(line, markup=False, soft_wrap=True)
