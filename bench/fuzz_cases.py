"""Fuzzed inputs for the importer and the rules (bench/fuzz.py): synthetic programme documents
as text, HTML and .docx with one to three mutations, and milestone values (RRULEs, dates, kinds).

Made from a seed with ``random.Random``, so every case can be made again; nothing is read from
outside the repository. Documents stay under 5 MB (the long-line cases reach 4 MB, the size of the
line that once ran for more than 15 minutes).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
from pathlib import Path
from typing import Any

from bench.fuzzing import HOSTILE_VALUES, _mutate_text

_CARD = [
    "ACTIVITEIT: {titel} |", "|", "TIJDPAD {tijd} |", "KOSTEN De pilot kost € {bedrag},- per jaar. |",
    "Toelichting {tekst} |", "Deze rij heeft geen label en hoort bij de toelichting. |",
    "MONITORING Kwartaalrapportages aan het college. |", "Resultaat Sterke buurtteams. |",
    "Wat gaan we doen {tekst} |", "Kosten/Baten € 6.000,-- tot € {bedrag},- eenmalig. |",
    "Een gewone alinea na de kaart.", "Indicatoren", "Aantal mantelzorgers |", "Bron Monitor 2020 |",
    "Onderwerp\tToelichting", "A\t{tijd}", "• {tekst}",
]
_TIMES = ["Medio 2020 evalueren we de pilot.", "Rapport voor 1 mei 2021.",
          "• najaar 2021 bijeenkomsten • 2022 evaluatie", "Collegebesluit september 2021.", "Q3 2020",
          "van november 2018 tot november 2020",
          "2019 – 2022", "eind 2021", "in de eerste helft van 2022", "jaarlijks in het voorjaar", "nvt"]
# Long lines of the kinds that make a regular expression backtrack: repeated amounts, dates, dots.
_LONG = ["€ 5,- ", "2020 ", "1.", "a", " ", "medio ", "-", "| ", "januari tot "]


def _document_lines(rng: random.Random) -> list[str]:
    lines = [f"Uitvoeringsprogramma {rng.randrange(1, 9)}: Programma {rng.randrange(100)}",
             "Inleidende tekst over het programma."]
    for card in range(rng.randrange(1, 30)):
        for template in rng.sample(_CARD, rng.randrange(2, len(_CARD))):
            lines.append(template.format(titel=f"Pilot {card}", tijd=rng.choice(_TIMES),
                                         bedrag=rng.choice(["35.000", "1", "10.000.000", "0"]),
                                         tekst=rng.choice(["Een pilot in twee wijken.", "x",
                                                           "Zorg & Welzijn"])))
    return lines


def _mutate_document(lines: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        roll = rng.random()
        if roll < 0.35:
            text = _mutate_text("\n".join(lines), rng)
            lines = text.split("\n")
            done.append("tekst")
        elif roll < 0.65:
            value = str(rng.choice([v for v in HOSTILE_VALUES if isinstance(v, str)]))
            i = rng.randrange(len(lines))
            lines[i] = lines[i] + " " + value
            done.append(f"waarde {value[:20]!r}")
        elif roll < 0.8:
            size = rng.choice((10_000, 100_000, 1_000_000, 4_000_000))
            piece = rng.choice(_LONG)
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["Tijdpad ", "KOSTEN ", ""]) +
                         piece * (size // len(piece)))
            done.append(f"regel van {size:,} tekens ({piece!r})")
        elif roll < 0.9:
            del lines[rng.randrange(len(lines)):]  # cut off
            lines = lines or [""]
            done.append("afgekapt")
        else:
            lines = lines + [line for line in lines if "|" in line] * rng.randrange(2, 20)  # repeated cards
            done.append("kaarten herhaald")
    return lines, done


def _as_html(lines: list[str], rng: random.Random) -> bytes:
    body = []
    for line in lines:
        cells = line.split("|") if "|" in line else None
        if cells and rng.random() < 0.7:
            row = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            body.append(f"<table><tr>{row}</tr></table>")
        else:
            body.append(f"<p>{html.escape(line) if rng.random() < 0.9 else line}</p>")
    if rng.random() < 0.1:
        body.append("<div>" * 2000 + "diep" + "</div>" * 2000)
    if rng.random() < 0.1:
        body = body[: rng.randrange(len(body) + 1)]  # unclosed tags
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Programma</title></head><body>"
            + "\n".join(body) + "</body></html>").encode("utf-8", errors="surrogateescape")


def _as_docx(lines: list[str], rng: random.Random) -> bytes:
    import docx

    document = docx.Document()
    table = None
    for line in lines:
        clean = "".join(ch for ch in line if ch.isprintable() or ch == "\t")  # what Word can hold
        if "|" in clean:
            if table is None:
                table = document.add_table(rows=0, cols=2)
            row = table.add_row().cells
            left, _, right = clean.partition(" ")
            row[0].text, row[1].text = left, right.rstrip("| ")
        else:
            table = None
            if clean.startswith("Uitvoeringsprogramma"):
                document.add_heading(clean, level=1)
            else:
                document.add_paragraph(clean)
    out = io.BytesIO()
    document.save(out)
    raw = out.getvalue()
    if rng.random() < 0.1:
        raw = raw[: rng.randrange(len(raw))]  # a download broken off
    return raw


def mutated_document(seed: int, folder: Path) -> tuple[Path, list[str]]:
    """A mutated synthetic programme document in ``folder`` (text, HTML or .docx); returns its
    path and what was done."""
    rng = random.Random(seed)
    lines, done = _mutate_document(_document_lines(rng), rng)
    shape = rng.choice(("tekst", "tekst", "html", "docx"))
    if shape == "html":
        raw = _as_html(lines, rng)
    elif shape == "docx":
        raw = _as_docx(lines, rng)
    else:
        text = "\n".join(lines)
        raw = text.encode("cp1252" if rng.random() < 0.1 else "utf-8", errors="replace")
        if rng.random() < 0.05:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5000)))
            done.append("binair")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"document-{seed}.{'txt' if shape == 'tekst' else shape}"
    path.write_bytes(raw[: 5 * 1_048_576])
    return path, [shape, *done]


_FREQ = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "SECONDLY", "", "yearly"]
_PARTS = ["", ";UNTIL=20200101", ";UNTIL=19990101", ";UNTIL=22001231", ";BYDAY=+5FR", ";BYWEEKNO=53",
          ";BYMONTH=2;BYMONTHDAY=30", ";BYSETPOS=-1;BYDAY=MO,TU", ";WKST=SU", ";BYYEARDAY=366", ";COUNT=1000"]
_KINDS = ["start", "einde", "evaluatie", "overig", "verantwoording", "besluit", "onbekend", ""]


def _date(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.2:
        return None
    if roll < 0.3:
        return rng.choice([v for v in HOSTILE_VALUES if not isinstance(v, list | dict)])
    return dt.date(1890, 1, 1) + dt.timedelta(days=rng.randrange(0, 320 * 365))


def _rule(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.2:
        return None
    if roll < 0.4:
        return rng.choice(HOSTILE_VALUES)
    text = f"FREQ={rng.choice(_FREQ)};INTERVAL={rng.randrange(-2, 2000)}"
    if rng.random() < 0.3:
        text += f";COUNT={rng.randrange(0, 5000)}"
    if rng.random() < 0.3:
        text += f";BYMONTH={rng.randrange(-13, 14)}"
    if rng.random() < 0.3:
        text += f";BYMONTHDAY={rng.randrange(-32, 33)}"
    return text + rng.choice(_PARTS)


def fuzzed_milestones(seed: int) -> tuple[list[dict[str, Any]], dt.date]:
    """One to four milestones' values as a register file would give them, and a day to plan."""
    rng = random.Random(seed)
    milestones = [{"id": f"m{i}", "soort": rng.choice(_KINDS), "omschrijving": "x", "herhaling": _rule(rng),
                   "vroegst": _date(rng), "uiterlijk": _date(rng)} for i in range(rng.randrange(1, 5))]
    return milestones, dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(0, 110 * 365))
