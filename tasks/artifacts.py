"""Prefect artifacts of the daily check: what is due and late per programme, keyed so the UI
keeps their history (one key per artifact; keys are lowercase letters, digits and dashes)."""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from typing import Any, cast
from uuid import UUID

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import ArtifactUpdate

from domain.rules.datum_onzeker import DATUM_ONZEKER
from domain.rules.milestones import datumwoord
from domain.rules.problemen import Probleem
from domain.rules.regels import Herinnering
from domain.rules.telling import andere_punten
from models.db import session_scope
from models.settings import get_settings
from services.outbox.local_mailbox import local_mailbox_warning
from services.performance import gc_paused
from services.reminders.daily_check import person_names
from services.rendering import datum, render, table_cell

SUMMARY_KEY = "dagelijkse-controle"
TABLE_KEY = "dagelijkse-controle-punten"
# A dry run's artifacts: never under the real check's keys, whose latest version the coordinator reads
# in the UI as "the" daily check; its own keys, and its description says it sent nothing.
PROEF = "proefrun-"
# Widths (characters) of the Wat and Wie cells. Wat holds 80, cut between words: at 28 the imported
# sentences of one activity ("Extern: De planning is invo…") could not be told apart (a trial). So Wie
# comes before Wat: Stand, Datum and Wie stay on a 1400 px screen in Prefect's UI, Wat starts on it and
# scrolls (tests/web/test_prefect_ui_artifacts.py measures it); a person's name loses its "(programme)"
# first (_who), so "Beleidsmedewerker onderwijs" stays whole.
WAT, WIE = 80, 27
UNHEARD_KEY = "meldingen-niet-bezorgd"
MAX_ROWS = 1000  # a region's full list would make an artifact of megabytes; late items come first


def _dagen(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagen"


# What a rule's item is in words, where its days do not say it (never a rule's key: a coordinator reads it).
_STAND = {"monitoring": "voortgang gevraagd", "uitvraag": "voortgang gevraagd",
          "uitvraag-verlopen": "vraag verlopen",
          "pilot-evaluatie": "evaluatie ontbreekt", "bezorging-mislukt": "niet bezorgd",
          "rapport-mislukt": "rapport niet verstuurd", "ongeldige-waarde": "waarde overgeslagen"}


def _stand(h: Herinnering) -> str:
    """What is the matter, in a few words: "79 dagen te laat", "over 5 dagen", "42 dagen geen voortgang"."""
    if h.regel == "uitvraag-herinnering":
        return f"{_dagen(h.dagen)} niet beantwoord"
    if h.regel in _STAND and (h.regel != "pilot-evaluatie" or not h.te_laat):
        return _STAND[h.regel]
    # an estimated date (the register's zeker: false) in the digest's words: "404 dagen te laat" about a
    # guessed date was read as fact
    onzeker = f", {DATUM_ONZEKER}" if h.onzeker else ""
    if h.te_laat:
        return f"{_dagen(h.dagen)} te laat{onzeker}"
    if _kind(h) == "binnenkort":
        return (f"over {_dagen(h.dagen)}" if h.dagen else "vandaag") + onzeker
    if h.regel == "stilstand":
        return f"{_dagen(h.dagen)} geen voortgang" if h.dagen else "nog geen voortgang"
    if h.regel == "budget":
        return f"budget {h.dagen}% besteed"
    return "aandachtspunt"


def _date(h: Herinnering, peildatum: dt.date) -> str:
    """The row's date, saying what date it is: a due date, the last update, a monitoring moment; a
    check-in's deadline as its mails say it (the report's last day while ahead, the expiry)."""
    if h.regel == "uitvraag-herinnering":
        v = h.vergadering
        report = f"uiterlijk {datum(v[2])}, " if v is not None and v[2] >= peildatum else ""
        return f"{report}vervalt {datum(h.verloopt)}" if h.verloopt else report.rstrip(", ")
    if h.regel == "stilstand":  # the rule's date is the start of its window; the reader wants the update
        return f"laatste update {datum(peildatum - dt.timedelta(days=h.dagen))}" if h.dagen else \
            "nog nooit bijgewerkt"
    if h.vervaldatum.year <= 1970:  # GEEN_DATUM: a rule without a date of its own (budget)
        return ""
    if h.regel == "monitoring":
        return f"gevraagd per {datum(h.vervaldatum)}"
    if h.regel in ("pilot-einde", "pilot-evaluatie"):
        return f"einde pilot {datum(h.vervaldatum)}"
    return f"{datumwoord(h.soort) if h.onderwerp == 'mijlpaal' else 'uiterlijk'} {datum(h.vervaldatum)}"


def _kind(h: Herinnering) -> str:
    if h.te_laat:
        return "te_laat"
    return "binnenkort" if h.regel in ("vooraf", "pilot-einde", "verantwoording") else "overig"


# services/reminders/daily_check.py labels a programme "<gemeente> · programma <nummer>: <titel>"
_LABEL = re.compile(r"(?P<gemeente>.*) · programma (?P<nummer>[^:]+): ", re.S)


CHECKINS = "Voortgang uitvragen"  # the check-ins' group (services/reminders), not a programme
# Characters of the summary's programme cell: with the three counts the table fits Prefect's content area
# (≈ 830 px) on a 1400 px screen (tests/web/test_prefect_ui_artifacts.py measures it); the whole title
# is in the list below the table.
PROGRAMMA = 40


def short_label(programma: str) -> str:
    """A programme as a short column label: "Bronckhorst · P1" (the summary has the whole title)."""
    if programma == CHECKINS:  # the check-ins' group: named as their mails name it
        return "Vraag om voortgang"
    found = _LABEL.match(programma)
    if found:
        return f"{found['gemeente']} · P{found['nummer']}"
    return short(programma, 30)


def programme_rows(counts: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    """The summary's table, a row per programme: its short label (as the items' table shows it), the
    counts, and ``voluit``, what the label leaves out (the title; the whole name when the label was cut),
    listed below the table: Prefect's UI never wraps a table cell, so the whole title in the cell pushed
    the counts off a 1400 px screen."""
    rows = []
    for naam, c in sorted(counts.items()):
        kort = short(short_label(naam), PROGRAMMA)
        found = _LABEL.match(naam)
        if found and kort == short_label(naam):
            voluit: str | None = naam[found.end():]
        else:
            voluit = naam if kort != naam and naam != CHECKINS else None
        rows.append({"kort": kort, "voluit": voluit, "te_laat": c["te_laat"], "binnenkort": c["binnenkort"],
                     "andere": c["overig"]})
    return rows


def short(text: str, size: int) -> str:
    """Text cut to ``size`` characters with "…": Prefect's table never wraps a cell, so one long cell
    pushes the columns after it off the screen (the Activiteit column keeps the whole title)."""
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def short_words(text: str, size: int) -> str:
    """``short``, but between words where a word ends in the last third: the Wat column's register
    sentences ("Extern: De planning is invo…" told imported sentences apart by half a word)."""
    if len(text) <= size:
        return text
    space = text.rfind(" ", 0, size)  # a word that ends at size - 1 stays whole
    return (text[:space] if space >= size * 2 // 3 else text[:size - 1]).rstrip(" ,;:") + "…"


def _what(h: Herinnering) -> str:
    if h.onderwerp == "uitvraag":  # "ronde van 18 juni 2020": the question for progress of that day
        return f"vraag van {h.wat.removeprefix('ronde van ')}"
    return f"subsidieverantwoording {h.wat}" if h.onderwerp == "subsidie" else h.wat


def _who(naam: str) -> str:
    """A person's name as short as it stays clear: "Regisseur programma 1 (Gezond en weerbaar)" is
    "Regisseur programma 1" (the programme is in its own column)."""
    return short(re.sub(r"\s*\([^)]*\)$", "", naam) or naam, WIE)


def _row(stand: str = "", datum: str = "", wat: str = "", wie: str = "", programma: str = "",
         activiteit: str = "") -> dict[str, str]:
    """A table row; the columns in the order a coordinator reads them: what matters first, who before
    what (the what is long: it runs on past the screen's edge, and the row's who would follow it). The
    programme's short label leads the last column, before the activity: as a column of its own it
    fell off a 1400 px screen ("Br"), and Prefect's table never wraps a cell."""
    waar = f"{programma}: {activiteit}" if programma and activiteit else programma or activiteit
    return {"Stand": stand, "Datum": datum, "Wie": wie, "Wat": wat, "Programma en activiteit": waar}


def summarise(planned: list[Herinnering], peildatum: dt.date, namen: dict[int, str] | None = None,
              max_rows: int = MAX_ROWS) -> tuple[dict[str, Counter[str]], list[dict[str, str]]]:
    """Counts per programme and kind, and the table's rows: late items first (longest late first),
    then by date; an item escalated to several people is one item, shown with its owner. Only the
    rows shown are formatted (a region plans hundreds of thousands of reminders)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    owners: dict[tuple[object, ...], int] = {}
    items = []
    for h in planned:
        subject = (h.onderwerp, h.onderwerp_id, h.regel)
        if subject in owners:
            if h.rol == "eigenaar":
                owners[subject] = h.ontvanger_id
            continue
        owners[subject] = h.ontvanger_id
        kind = _kind(h)
        counts[h.programma][kind] += 1
        if kind == "overig":  # said by what it is (domain/rules/telling.py)
            counts[h.programma][f"overig:{h.regel}"] += 1
        items.append(h)
    shown = heapq.nsmallest(max_rows, items, key=lambda h: (
        not h.te_laat, -h.dagen if h.te_laat else h.vervaldatum.year <= 1970, h.vervaldatum,
        h.programma, h.activiteit))
    namen = namen or {}
    rows = [_row(_stand(h), _date(h, peildatum), _cell(short_words(_what(h), WAT)),
                 _cell(_who(namen.get(owners[(h.onderwerp, h.onderwerp_id, h.regel)], ""))),
                 _cell(short_label(h.programma)), _cell(h.activiteit)) for h in shown]
    if len(items) > max_rows:
        rows.append(_row("zie de overzichten per persoon", wat=f"… en nog {len(items) - max_rows} punten"))
    return counts, rows


def _cell(text: str) -> str:
    """Register text in a table cell (``table_cell``: the v1 UI renders cells as Markdown; the
    Markdown summary escapes with the ``md`` filter)."""
    return table_cell(text)


def _summary_description(peildatum: dt.date, droog: bool) -> str:
    proef = "Proefrun (niets verstuurd): " if droog else ""
    return f"{proef}Dagelijkse controle {datum(peildatum)}: te laat en binnenkort per programma"


@task(name="samenvatting-klaarzetten", cache_policy=NO_CACHE)
def reserve_summary(peildatum: dt.date) -> UUID:
    """Today's summary artifact, made before the mails go out so the coordinator's mail links to it
    (``/artifacts/artifact/<id>``: the summary itself, not its key's list of versions); ``publish``
    fills it in once delivery is counted. Until then it says the check is still running."""
    markdown = (f"# Dagelijkse controle {datum(peildatum)}\n\nDe controle loopt nog: de overzichten worden "
                "nu bezorgd. Ververs deze pagina over een minuut; dan staat hier de samenvatting. "
                "Blijft deze tekst staan, dan is de run afgebroken: kijk bij Runs.")
    made = create_markdown_artifact(key=SUMMARY_KEY, markdown=markdown,
                                    description=_summary_description(peildatum, droog=False))
    return cast(UUID, made)  # called in a sync task: the UUID itself, not a coroutine


@task(name="artefacten", cache_policy=NO_CACHE)
def publish(planned: list[Herinnering], *, peildatum: dt.date, activiteiten: int, werkdag: bool, nieuw: int,
            bezorgd: int, niet_bezorgd: int, droog: bool, problemen: list[Probleem] | None = None,
            waarschuwing: str = "", volgende_werkdag: dt.date | None = None, vrij: str | None = None,
            summary_id: UUID | None = None) -> dict[str, Any]:
    """A Markdown summary per programme and a table of every due or late item; items skipped
    because of a value the rules cannot use are listed with why. With ``summary_id`` (from
    ``reserve_summary``) the summary fills in that artifact, the one the mails link to."""
    owners = {h.ontvanger_id for h in planned if h.rol == "eigenaar"}
    with session_scope() as session:
        namen = person_names(session=session, ids=owners)
    with gc_paused(collect=False):
        counts, rows = summarise(planned, peildatum, namen)
    total = Counter[str]()
    for c in counts.values():
        total.update(c)
    per_regel = {k.removeprefix("overig:"): n for k, n in total.items() if k.startswith("overig:")}
    markdown = render("artifacts/dagelijkse_controle.md.j2", {
        "peildatum": peildatum, "droog": droog, "werkdag": werkdag, "activiteiten": activiteiten,
        "volgende_werkdag": volgende_werkdag, "vrij": vrij,
        "te_laat": total["te_laat"], "binnenkort": total["binnenkort"],
        "andere": andere_punten(per_regel, total["overig"], get_settings().regels),
        "nieuw": nieuw, "bezorgd": bezorgd, "niet_bezorgd": niet_bezorgd, "waarschuwing": waarschuwing,
        "testpostbus": local_mailbox_warning(get_settings()),
        "problemen": [str(p) for p in problemen or ()],
        "programmas": programme_rows(counts)})
    proef = "Proefrun (niets verstuurd): " if droog else ""
    if summary_id is not None:
        with get_client(sync_client=True) as client:
            client.update_artifact(summary_id, ArtifactUpdate(
                data=markdown, description=_summary_description(peildatum, droog)))
    else:
        create_markdown_artifact(key=f"{PROEF}{SUMMARY_KEY}" if droog else SUMMARY_KEY, markdown=markdown,
                                 description=_summary_description(peildatum, droog))
    empty = [_row(wat="niets te melden")]
    create_table_artifact(key=f"{PROEF}{TABLE_KEY}" if droog else TABLE_KEY, table=rows or empty,
                          description=f"{proef}Punten van de dagelijkse controle {datum(peildatum)}")
    return {"te_laat": total["te_laat"], "binnenkort": total["binnenkort"], "overig": total["overig"],
            "overig_per_regel": per_regel}


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
