"""Prefect artifacts of the daily check: what is due and late per programme, keyed so the UI
keeps their history (one key per artifact; keys are lowercase letters, digits and dashes)."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from domain.problemen import Probleem
from domain.regels import Herinnering
from services.performance import gc_paused
from services.rendering import _datum, render, table_cell

SUMMARY_KEY = "dagelijkse-controle"
TABLE_KEY = "dagelijkse-controle-punten"
UNHEARD_KEY = "meldingen-niet-bezorgd"
MAX_ROWS = 1000  # a region's full list would make an artifact of megabytes; late items come first


def _dagen(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagen"


def _stand(h: Herinnering) -> str:
    if h.te_laat:
        return f"{_dagen(h.dagen)} te laat"
    if _kind(h) == "binnenkort":
        return f"over {_dagen(h.dagen)}" if h.dagen else "vandaag"
    return h.regel


def _kind(h: Herinnering) -> str:
    if h.te_laat:
        return "te_laat"
    return "binnenkort" if h.regel in ("vooraf", "pilot-einde", "verantwoording") else "overig"


def summarise(planned: list[Herinnering], max_rows: int = MAX_ROWS,
              ) -> tuple[dict[str, Counter[str]], list[dict[str, str]]]:
    """Counts per programme and kind, and the table's rows: late items first, then by programme
    and activity; an item escalated to several people is one item. Only the rows shown are
    formatted (a region plans hundreds of thousands of reminders)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[tuple[object, ...]] = set()
    items = []
    for h in planned:
        subject = (h.onderwerp, h.onderwerp_id, h.regel)
        if subject in seen:
            continue
        seen.add(subject)
        counts[h.programma][_kind(h)] += 1
        items.append(h)
    shown = heapq.nsmallest(max_rows, items, key=lambda h: (not h.te_laat, h.programma, h.activiteit))
    rows = [{"Programma": _cell(h.programma), "Activiteit": _cell(h.activiteit), "Wat": _cell(h.wat),
             "Datum": _datum(h.vervaldatum) if h.vervaldatum.year > 1970 else "",
             "Stand": _stand(h)} for h in shown]
    if len(items) > max_rows:
        rows.append({"Programma": "", "Activiteit": "", "Wat": f"… en nog {len(items) - max_rows} punten",
                     "Datum": "", "Stand": "zie de overzichten per persoon"})
    return counts, rows


def _cell(text: str) -> str:
    """Register text in a table cell (``table_cell``: the v1 UI renders cells as Markdown; the
    Markdown summary escapes with the ``md`` filter)."""
    return table_cell(text)


@task(name="artefacten", cache_policy=NO_CACHE)
def publish(planned: list[Herinnering], *, peildatum: dt.date, activiteiten: int, werkdag: bool, nieuw: int,
            bezorgd: int, niet_bezorgd: int, droog: bool, problemen: list[Probleem] | None = None,
            ) -> dict[str, int]:
    """A Markdown summary per programme and a table of every due or late item; items skipped
    because of a value the rules cannot use are listed with why."""
    with gc_paused(collect=False):
        counts, rows = summarise(planned)
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    markdown = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": peildatum, "droog": droog, "werkdag": werkdag, "activiteiten": activiteiten,
        "te_laat": total["te_laat"], "binnenkort": total["binnenkort"], "overig": total["overig"],
        "nieuw": nieuw, "bezorgd": bezorgd, "niet_bezorgd": niet_bezorgd,
        "problemen": [str(p) for p in problemen or ()],
        "programmas": sorted(((k, {"te_laat": v["te_laat"], "binnenkort": v["binnenkort"],
                                   "overig": v["overig"]}) for k, v in counts.items()))})
    create_markdown_artifact(
        key=SUMMARY_KEY, markdown=markdown,
        description=f"Dagelijkse controle {_datum(peildatum)}: te laat en binnenkort per programma")
    empty = [{"Programma": "", "Activiteit": "", "Wat": "niets te melden", "Datum": "", "Stand": ""}]
    create_table_artifact(key=TABLE_KEY, table=rows or empty,
                          description=f"Punten van de dagelijkse controle {_datum(peildatum)}")
    return {"te_laat": total["te_laat"], "binnenkort": total["binnenkort"], "overig": total["overig"]}


@task(name="niet-bezorgde-meldingen-tonen", cache_policy=NO_CACHE)
def publish_unheard(run: str) -> int:
    """The coordinator's notices of this run that no channel delivered, as an artifact in the
    Prefect UI (and the run log); returns how many."""
    from models.db import session_scope
    from services.outbox.unheard import unheard

    with session_scope() as session:
        meldingen = unheard(session=session, run=run)
    if meldingen:
        for m in meldingen:
            get_run_logger().warning("Melding voor %s niet bezorgd (geen kanaal werkte): %s", m.aan, m.zin)
        markdown = render("artifacts/meldingen_niet_bezorgd.md.j2", {"meldingen": meldingen})
        create_markdown_artifact(
            key=UNHEARD_KEY, markdown=markdown,
            description=f"{len(meldingen)} meldingen voor de coördinator die via geen enkel kanaal aankwamen")
    return len(meldingen)
