"""In a whole begroting or jaarstukken, the social-domain programme(s) and, inside them, the
sections that hold actions (../shared/domain.md, "Budgets and annual reports"). Pure.

A programme starts at a heading line of its own ("Programma 7 Sociaal Domein", "P2 Mens en
Maatschappij", "Programma 2: Zorg en welzijn") and runs to the next programme's heading. Tables of
contents and overview lists (several programme headings in a row) are not starts. Inside the
programme, goals, indicator tables, verbonden partijen and the money are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEAD = re.compile(
    r"^(?:(?:uitvoerings)?programma|prog\.?|p)\s*(?P<n>\d{1,2})\s*[:.\-–]?\s+(?P<t>[A-Za-zÀ-ÿ][^\t]{2,70}?)\s*$",
    re.IGNORECASE)
_TOC = re.compile(r"\.{4,}|\s\d{1,3}$")
_SOCIAL = re.compile(r"sociaal|sociale|mens\w*|maatschappij|zorg|welzijn|jeugd|participatie|samenleving|"
                     r"gezondheid|werk\s+en\s+inkomen|inkomen|onderwijs|samenkracht|wmo|meedoen",
                     re.IGNORECASE)
# Sections of a programme chapter that are never activities, and those that are.
SECTION_SKIP = re.compile(r"^(?:wat\s+willen\s+we\s+bereiken|wat\s+hebben\s+we\s+bereikt|"
                   r"wat\s+(?:mag|gaat|heeft)\s+het\s+(?:kosten|gekost)|"
                   r"verbonden\s+partijen|relatie\s+met\s+andere\s+programma|wat\s+doen\s+we\s+samen|samenwerking\s+met\s+(?:andere|verbonden)\s+partijen|(?:beleids|effect|prestatie)-?indicatoren|"
                   r"(?:verplichte\s+)?(?:bbv-?)?indicatoren|overzicht\s+van\s+baten\s+en\s+lasten|"
                   r"financi[eë]le?\s+(?:toelichting|overzicht)|investeringen|baten\s+en\s+lasten|"
                   r"tabel\s+\d)", re.IGNORECASE)
SECTION_KEEP = re.compile(r"^(?:wat\s+(?:gaan|doen)\s+we\s+(?:daar)?(?:voor\s+)?doen|"
                   r"wat\s+hebben\s+we\s+(?:daar)?(?:voor\s+)?gedaan|projecten(?:\s+en\s+investeringen)?|"
                   r"belangrijkste\s+(?:resultaten|acties|ontwikkelingen))", re.IGNORECASE)


@dataclass
class Programmakop:
    """A programme heading found in the text."""

    nummer: int
    titel: str
    regel: int            # index of the heading line
    eind: int             # index of the first line after the programme
    sociaal: bool


@dataclass
class Keuze:
    """Which lines of the document are read, and what was used and skipped, for the report."""

    regels: list[str]
    programmas: list[Programmakop]
    gebruikt: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    # Lines of a skipped money section after its "Toelichting begroot 2025" (index, text): the explanation
    # of the budget per measure, linked to the activities it explains (domain.documents.begroot_toelichting).
    begroot: list[tuple[int, str]] = field(default_factory=list)


def programmakoppen(lines: list[str]) -> list[Programmakop]:
    """Programme headings that start a chapter (not a table of contents or an overview list)."""
    found: list[tuple[int, int, str]] = []
    for index, raw in enumerate(lines):
        line = raw.strip()
        match = _HEAD.match(line)
        if match is None or _TOC.search(line) or line.endswith((",", ";", ".")):
            continue
        found.append((index, int(match.group("n")), match.group("t").strip(" :.-–")))
    # An overview list: the next non-empty line after a heading is another programme heading.
    starts = {i for i, _, _ in found}
    listed: set[int] = set()
    for i in starts:
        following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if following in starts:
            listed |= {i, following}
    heads = [(i, n, t) for i, n, t in found if i not in listed]
    out = []
    for k, (index, nummer, titel) in enumerate(heads):
        end = next((i for i, n, _ in heads[k + 1:] if n != nummer), len(lines))
        out.append(Programmakop(nummer, titel, index, end, bool(_SOCIAL.search(titel))))
    return out


def programmalijst(lines: list[str]) -> list[str]:
    """Each programme of the text once, by number ("3 Bestuur en middelen"): a programme's heading
    recurs (on the chapter page, in its running header, in another case: "Bestuur en Middelen"), and
    the first spelling is shown."""
    seen: dict[tuple[int, str], str] = {}
    for head in programmakoppen(lines):
        key = (head.nummer, " ".join(head.titel.casefold().split()))
        seen.setdefault(key, f"{head.nummer} {' '.join(head.titel.split())}")
    return [seen[key] for key in sorted(seen)]


def kies_programmas(lines: list[str], *, programma: str | None = None,
                    paginas: list[int] | None = None) -> Keuze | None:
    """The lines of the chosen programme(s), others blanked (line numbers stay); ``None`` when the
    text is not a whole document with social and other programmes and no ``programma`` was asked for."""
    heads = programmakoppen(lines)
    numbers = {h.nummer for h in heads}
    if programma is None and (not heads or (len(numbers) > 1 and len({h.sociaal for h in heads}) < 2)):
        return None  # no headings, or a set of social-domain programmes (Bronckhorst): read it all
    chosen = [h for h in heads if _wanted(h, programma) or (programma is None and len(numbers) == 1)]
    # Of several starts of one programme (a summary, then the chapter), take the longest.
    best: dict[int, Programmakop] = {}
    for head in chosen:
        known = best.get(head.nummer)
        if known is None or head.eind - head.regel > known.eind - known.regel:
            best[head.nummer] = head
    keuze = Keuze(regels=[""] * len(lines), programmas=sorted(best.values(), key=lambda h: h.regel))
    where = _where(paginas)
    for head in keuze.programmas:
        keuze.regels[head.regel] = f"Programma {head.nummer} {head.titel}"
        keuze.gebruikt.append(f"programma {head.nummer} {head.titel}: {where(head.regel, head.eind - 1)}")
        _sections(lines, head, keuze, where)
    others = sorted({h.nummer: h.titel for h in heads if h.nummer not in best}.items())
    if others:
        keuze.overgeslagen.append("andere programma's: " + "; ".join(f"{n} {t}" for n, t in others))
    return keuze


def _wanted(head: Programmakop, programma: str | None) -> bool:
    if programma is None:
        return head.sociaal
    wish = programma.strip().lower()
    number = re.sub(r"^(?:programma|p)\s*", "", wish)
    return number == str(head.nummer) if number.isdigit() else wish in head.titel.lower()


def plaats(paginas: list[int] | None):  # type: ignore[no-untyped-def]
    """Where lines stand, for the report: "pagina 22" / "pagina's 22–23", or "regel 5" / "regels 5–9"."""
    where = _where(paginas)
    return lambda first, last: f"regel {first + 1}" if first == last and not paginas else where(first, last)


def _where(paginas: list[int] | None):  # type: ignore[no-untyped-def]
    def where(first: int, last: int) -> str:
        if paginas:
            a, b = paginas[min(first, len(paginas) - 1)], paginas[min(last, len(paginas) - 1)]
            return f"pagina {a}" if a == b else f"pagina's {a}–{b}"
        return f"regels {first + 1}–{last + 1}"
    return where


def _sections(lines: list[str], head: Programmakop, keuze: Keuze, where) -> None:  # type: ignore[no-untyped-def]
    """Copy the programme's lines, leaving out the sections that hold no actions."""
    skipping: tuple[str, int] | None = None
    explaining = False  # inside the money section, after its "Toelichting begroot" heading
    for index in range(head.regel + 1, head.eind):
        line = lines[index].strip()
        explaining = explaining and skipping is not None and _kind(skipping[0]).endswith("(financiën)")
        if explaining and line:
            keuze.begroot.append((index, line))
        if skipping is not None and _BEGROOT.match(line) and not explaining:
            explaining = True
            keuze.begroot.append((index, line))
        if SECTION_SKIP.match(line) and len(line) <= 90:
            # A section of another kind right after a skipped one ("Effectindicatoren", then "Wat gaat het
            # kosten?") is reported on its own; a table caption ("Tabel 2.1 …") belongs to its section.
            heading = line.rstrip(" ?:")
            if skipping is not None and not re.match(r"tabel\s", line, re.IGNORECASE) \
                    and _kind(heading) != _kind(skipping[0]):
                _report(keuze, skipping, where(skipping[1], index - 1))
                skipping = None
            if skipping is None:
                skipping = (heading, index)
            continue
        if SECTION_KEEP.match(line) and len(line) <= 90 and skipping is not None:
            _report(keuze, skipping, where(skipping[1], index - 1))
            skipping = None
        if skipping is None:
            keuze.regels[index] = lines[index]
    if skipping is not None:
        _report(keuze, skipping, where(skipping[1], head.eind - 1))


_BEGROOT = re.compile(r"^toelichting\b.{0,30}\bbegro\w*(?:\s+\d{4})?\s*:?$", re.IGNORECASE)


def _report(keuze: Keuze, skipping: tuple[str, int], pages: str) -> None:
    """Say in the report that the section ``skipping`` (its heading, first line) on ``pages`` was skipped."""
    keuze.overgeslagen.append(f"'{skipping[0]}' ({pages}): {_kind(skipping[0])}")


def _kind(heading: str) -> str:
    """Why a section holds no activities, for the report."""
    text = heading.lower()
    if "indicator" in text:
        return "geen activiteiten (indicatorenlijst)"
    if "verbonden" in text or "samen" in text:
        return "geen activiteiten (verbonden partijen, samenwerking)"
    if "relatie" in text:
        return "geen activiteiten (relatie met andere programma's)"
    if "bereik" in text:
        return "geen activiteiten (doelen)"
    return "geen activiteiten (financiën)"
