"""Jinja2: one environment for every Dutch text the service writes (templates/)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from domain.documents.bedragen import euro
from domain.register.register import STATUS_WOORDEN
from domain.register.tekstcontrole import visible
from domain.reports.cbs import period_label
from domain.reports.rapport import STAND_WOORDEN
from domain.rules.datum_onzeker import CONTROLEER, DATUM_ONZEKER, DATUM_ONZEKER_UITLEG, onzeker_aantal
from domain.rules.milestones import datumwoord
from domain.werkdagen import bij_de_dag
from models.clock import local_date
from models.settings import get_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


def datum(value: dt.date | str) -> str:
    """A date as Dutch readers write it: 27 april 2020. A timestamp (UTC, as stored) is given as
    the municipality's day it was recorded on."""
    if isinstance(value, dt.datetime):
        value = local_date(value)
    elif isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def vergadering(naam: str, op: dt.date | None = None) -> str:
    """A meeting as a sentence names it (services/reports/reporting.NAMEN), with its article and its day
    in words: 'het MOSD van 24 juni 2020' (het overleg), 'het PoHo sociaal', 'de gemeenteraad': the
    report's first line, its mail's subject and `regie rapport` say it alike."""
    naam = naam if naam.startswith("de ") else f"het {naam}"
    return f"{naam} van {datum(op)}" if op else naam


def citaat(text: object) -> str:
    """Words quoted as Dutch print quotes them, everywhere a user reads them (a milestone's name, an
    answer's text, a reason): „Evaluatie pilot”."""
    return f"„{text}”"


DAGNAMEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def moved_sentence(omschrijving: str, oud: Any, nieuw: Any, reden: str | None) -> str:
    """One move of a milestone in words, for every view that says what an answer did (the report's
    "Laatste woord", the answer page, the overview): 'nieuwe datum voor „X”: 3 maart 2021 (was
    1 december 2020), reden: „…”': the system's part as a fact, only the person's reason quoted (a
    trial read the whole sentence quoted as the regisseur's words). ``oud`` and ``nieuw`` are dates or
    ISO text as the history stores them."""
    was = f" (was {datum(str(oud)[:10])})" if oud else " (had nog geen datum)"
    reden = " ".join((reden or "").split())
    waarom = f", reden: {citaat(reden)}" if reden else ""
    return f"nieuwe datum voor {citaat(omschrijving)}: {datum(str(nieuw)[:10])}{was}{waarom}"


def reopened_sentence(omschrijving: str, oud: Any, reden: str | None) -> str:
    """A milestone reopened (`regie heropen`) in words, for the views that say what an answer did:
    'mijlpaal „X” heropend (was gereed op 20 mei 2021), reden: „per vergissing gereed gemeld”'; only
    the person's reason is quoted."""
    reden = " ".join((reden or "").split())
    return (f"mijlpaal „{omschrijving}” heropend (was gereed op {datum(str(oud)[:10])})"
            f"{', reden: ' + citaat(reden) if reden else ''}")


def dag(value: dt.date | str) -> str:
    """A day with its weekday, as Dutch readers write it: zaterdag 27 juni 2020."""
    value = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{DAGNAMEN[value.weekday()]} {datum(value)}"


def tijdstip(value: dt.datetime, tz: Any) -> str:
    """A moment as Dutch readers write it, in the municipality's time zone ``tz``: 18 juni 2020 om 10:22."""
    local = value.astimezone(tz)
    return f"{datum(local.date())} om {local:%H:%M}"


def getal(value: object) -> str:
    """A number as Dutch readers write it: 1.250 and 12,5 (no trailing zeros)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number != number.to_integral():
        number = number.quantize(Decimal("0.01"))  # as shown: 1.001 is "1", not "1,"
    if number.is_zero():  # -0.00 (stored before "-0" was read as 0, or a sum of them) is 0, not "-0"
        number = abs(number)
    whole = number == number.to_integral()
    text = format(number.normalize(), ",f") if whole else f"{number:,.2f}".rstrip("0")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


# a unit that is an amount in euro: "€", "euro", "EUR", "€ per inwoner" (not "eurocent")
_EURO = re.compile(r"(?:€|euros?|eur)(?![^\W\d_])\s*(?P<rest>.*)", re.IGNORECASE | re.DOTALL)


def meetwaarde(value: Decimal, eenheid: str | None, naam: str | None = None) -> str:
    """A measurement with its indicator's unit, as Dutch readers write it: "12,5 %", and for a unit in
    euro the amount ("€ 1.250,50", "€ 12,50 per inwoner", the one formatter ``euro``); no unit: "12".
    With the indicator's ``naam`` (the report) a figure without a unit (none, or only "aantal") is a
    count of what the name says: "312 bereikte jongeren" for "Aantal bereikte jongeren", never a bare
    "312" beside another bare figure (a new user's trial read "beter dan de vorige meting, 10,9")."""
    unit = " ".join((eenheid or "").split())
    if amount := _EURO.fullmatch(unit):
        return f"{euro(value)} {amount.group('rest')}".rstrip()
    # "aantal" names the kind of figure, not a unit: "aantal gezinnen": "312 gezinnen".
    unit = re.sub(r"^aantal(?:\s+|$)", "", unit, flags=re.IGNORECASE) or telwoord(naam)
    return f"{getal(value)} {unit}".rstrip()


def telwoord(naam: str | None) -> str:
    """What an indicator without a unit counts, from its name: "Aantal bereikte jongeren" and
    "Bereikte jongeren" both count "bereikte jongeren"; an abbreviation keeps its capitals
    ("POH-consulten")."""
    words = re.sub(r"^aantal\s+", "", " ".join((naam or "").split()), flags=re.IGNORECASE)
    first = words.split(" ", 1)[0]
    return words[:1].lower() + words[1:] if first[1:2].islower() else words


def markdown_text(text: object) -> str:
    """Text from the register inside Markdown (a heading, a table cell): one line, every Markdown
    character escaped, so ``<img src=x onerror=…>`` or ``[link](…)`` shows as typed and never
    becomes HTML or a link; control characters are shown, not passed on."""
    flat = visible(str(text).replace("\n", " "), 2000)
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+!|~&" else ch for ch in flat)


# What Markdown turns into markup that is not text: a tag, comment or autolink (``<`` before a letter,
# ``/``, ``!``, ``?``), a link or image (``](``, ``][``, ``]:``) and an entity (``&lt;``, ``&#60;``).
_MARKUP = re.compile(r"<(?=[A-Za-z/!?])|\](?=[(\[:])|&(?=#?\w+;)")


def table_cell(text: object) -> str:
    """Register text in a cell of a Prefect table artifact: one line, control characters shown.
    Prefect's v1 UI renders every text cell as Markdown, with HTML and ``javascript:`` links (seen in
    chromium: ``[klik](javascript:…)`` became a live link); the v2 UI shows cells as plain text. So
    only what would become a tag, a link or an entity is escaped: ordinary text reads the same in
    both, and hostile text shows as typed in v1 and with a backslash before ``<``, ``]`` or ``&`` in v2."""
    flat = visible(str(text).replace("\n", " "), 500)
    return _MARKUP.sub(lambda found: "\\" + found.group(0), flat)


@lru_cache
def environment() -> Environment:
    """The one Jinja environment: HTML templates (*.html.j2) autoescaped, undefined names errors."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are part of the release: no stat() per include
    )
    env.filters["datum"] = datum
    env.filters["dag"] = dag  # zaterdag 27 juni 2020
    env.filters["vergadering"] = vergadering  # het MOSD van 25 juni 2020
    env.filters["bij_de_dag"] = bij_de_dag  # " (Tweede Kerstdag)" after a day off, never its weekday again
    env.filters["euro"] = euro  # € 1.234,50: the one formatter of amounts (domain/documents/bedragen.py)
    env.filters["getal"] = getal
    # 12,5 % and € 1.250,50: a measurement with its unit; with the indicator's name, "312 bereikte jongeren"
    env.filters["meetwaarde"] = meetwaarde
    # A narrow table cell (a phone's mail) wraps a long unit, never a figure from its first word:
    # "500 bereikte / jongeren", "€ 1.610", not "500 / bereikte jongeren" or "€ / 1.610".
    env.filters["bijeen"] = lambda text: str(text).replace(" ", "\u00a0", 1)
    env.filters["periode"] = period_label  # a CBS period in Dutch: 2021, 1e kwartaal 2021
    env.globals["timedelta"] = dt.timedelta
    # How many runs the outbox tries a message on a failing channel (services/outbox/store.py), as set now
    env.globals["bezorg_max_runs"] = lambda: get_settings().bezorg_max_runs
    # an estimated date in one wording everywhere (domain/rules/datum_onzeker.py)
    env.globals.update(DATUM_ONZEKER=DATUM_ONZEKER, DATUM_ONZEKER_UITLEG=DATUM_ONZEKER_UITLEG,
                       CONTROLEER=CONTROLEER, onzeker_aantal=onzeker_aantal)
    # The one word for a stand and for a status (domain/reports/rapport.py, domain/register/register.py),
    # and the one way to quote (citaat)
    env.filters["stand"] = lambda code: STAND_WOORDEN.get(code or "geen-update", code)
    env.filters["status"] = lambda code: STATUS_WOORDEN.get(code, code)
    env.filters["citaat"] = citaat
    # Text from the register inside a Markdown table cell: no column breaks, no markup.
    env.filters["md"] = markdown_text
    # "start" before a start milestone's date, "uiterlijk" before any other (domain/rules/milestones.py)
    env.filters["datumwoord"] = datumwoord
    # An item as one Dutch sentence, rendered as plain text: an HTML template escapes it like any
    # other value, so text from the register can never become markup.
    item = env.get_template("partials/item.txt.j2").module
    zin = item.zin  # type: ignore[attr-defined]
    env.filters["zin"] = lambda value: str(zin(value)).strip()
    # A digest says once per group why a regisseur or coordinator receives items of others (waarom,
    # the group's heading groepskop), so its sentences leave that out (zin_zonder_rol).
    env.filters["zin_zonder_rol"] = lambda value: str(zin(value, False)).strip()
    # A macro call costs ≈ 8 µs (waarom calls two more); its answer depends on three fields only,
    # so it is worked out once per combination of them (almost every item: the owner's own, "").
    env.filters["waarom"] = _on_fields(item.waarom, ("rol", "regel", "drempel"))  # type: ignore[attr-defined]
    env.filters["groepskop"] = lambda value, n: str(item.groepskop(value, n)).strip()  # type: ignore[attr-defined]
    # The same for a check-in item's row label and group heading ("Uw activiteiten", "Vraag om
    # voortgang"; else the activity or programme as the register names it): plain text, escaped by
    # an HTML template. Imported there as macros, they handed register text to the HTML unescaped.
    uitvraag = env.get_template("partials/uitvraag.j2").module
    env.filters["kop"] = lru_cache(maxsize=1024)(lambda programma: str(uitvraag.kop(programma)))  # type: ignore[attr-defined]
    env.filters["label"] = lambda item: str(uitvraag.label(item))  # type: ignore[attr-defined]
    return env


def _on_fields(macro: Any, fields: tuple[str, ...]) -> Any:
    """A filter ``macro(item)``, stripped, worked out once per combination of the ``fields`` it reads
    (the macro gets only those, so one that read another field would fail at once, not cache a wrong
    answer). The values are a few words and numbers: at most 1,024 combinations are kept."""

    @lru_cache(maxsize=1024)
    def once(key: tuple[tuple[str, Any], ...]) -> str:
        return str(macro(dict(key))).strip()

    return lambda item: once(tuple([(name, item[name]) for name in fields if name in item]))


def sentence(item: dict[str, Any]) -> str:
    """One reminder item as a Dutch sentence (templates/partials/item.txt.j2)."""
    return str(environment().filters["zin"](item))


def prepare(*names: str) -> None:
    """Compile ``names`` now, once: threads that render a template's first use at the same time
    each compile it again (8 sending threads did, ≈ 0.3 s of CPU each per worker process)."""
    for name in names:
        environment().get_template(name)


def render(name: str, context: dict[str, Any]) -> str:
    """Render ``templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)


def spent_words(jaar: int | None, bedrag: Decimal) -> str:
    """The words for a recorded amount, as the answer page confirms it and the report says a last
    answer that gave only that: 'besteed in 2020 tot nu toe: € 12.500'."""
    return f"besteed in {jaar} tot nu toe: {euro(bedrag)}"
