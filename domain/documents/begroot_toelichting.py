"""The "Toelichting begroot" of a budget's money section, linked to the activities it explains
(docs/importer.md, "Amounts in the budget's Toelichting").

Under "Wat gaat het kosten?" a begroting explains its changes per measure: a heading naming the measure, its
amount in brackets on the next line or the same line, then prose:

    Internationale taalklas
    (structureel lagere lasten en baten € 600.000)
    Op 9 juli heeft het college besloten …

The money section is not read for activities, so these amounts were linked to none. Each such item (a heading
of at most 80 characters that is no sentence, with a bracket that names a euro amount) is linked to the one
activity whose title and text name the heading's words best (at least two thirds of them, words of four or
more letters; a tie links none). The activity gets a remark naming the item and its amount; the amount is not
added to `bedragen`, since the register counts those as the activity's budget and such a line is often a
change ("lagere lasten en baten"), as with other amounts outside a money field. Items linked to no activity
are named in the report. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_TITLE = re.compile(r"^toelichting\b", re.IGNORECASE)
_AMOUNT = re.compile(r"€\s*\d|\d\s*euro\b", re.IGNORECASE)
_BRACKET = re.compile(r"\((?P<tekst>[^()]{3,200})\)\s*$")
_WORD = re.compile(r"[a-zà-ÿ0-9]{4,}", re.IGNORECASE)
_COMMON = {"voor", "door", "naar", "over", "vanuit", "structureel", "incidenteel", "lagere", "hogere",
           "lasten", "baten", "opvoeren", "extra", "budget", "kosten", "bijdrage", "begroting", "neutraal",
           "gemeente", "programma", "middelen", "toelichting", "begroot", "deze", "meer", "minder", "onder",
           "tussen", "binnen", "zijn", "wordt", "worden"}


@dataclass(frozen=True)
class Post:
    """One explained item: the measure's heading, the bracket with its amount, the line it stands on."""

    kop: str
    bedrag: str
    regel: int


def posten(regels: list[tuple[int, str]]) -> list[Post]:
    """The items of a "Toelichting begroot" (its lines as (index, text)): a heading with its amount in a
    bracket on the same line or the next."""
    found: list[Post] = []
    for k, (index, line) in enumerate(regels):
        same = _BRACKET.search(line)
        if same and _AMOUNT.search(same.group("tekst")) and _heading(line[:same.start()]):
            kop, bedrag = line[:same.start()], same.group("tekst")
            found.append(Post(" ".join(kop.split()), " ".join(bedrag.split()), index))
            continue
        following = regels[k + 1][1] if k + 1 < len(regels) else ""
        bracket = _BRACKET.match(following.strip())
        if bracket and _AMOUNT.search(bracket.group("tekst")) and _heading(line):
            found.append(Post(" ".join(line.split()), " ".join(bracket.group("tekst").split()), index))
    return found


def _heading(text: str) -> bool:
    text = text.strip()
    return 3 <= len(text) <= 80 and text[:1].isupper() and not text.endswith((".", ",", ";")) \
        and not _AMOUNT.search(text)


def _stem(word: str) -> str:
    """A word without a plural or inflection ending, so "mantelzorgers" meets "mantelzorg"."""
    for end in ("ers", "en", "es", "e", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    return word


def _words(text: str) -> set[str]:
    return {_stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in _COMMON}


def _names(text: str) -> set[str]:
    """The names in a heading: capitalised words after the first ("Sporthal De Duinpan": Duinpan)."""
    return {_stem(w.lower()) for w in _WORD.findall(text)[1:] if w[:1].isupper() and w.lower() not in _COMMON}


_TOKEN = re.compile(r"[a-zà-ÿ0-9]+", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![a-z])")  # "IZA" in "IZA-budget", "SPUK's"
_STOP = {"de", "het", "een", "en", "van", "voor", "door", "in", "op", "aan", "met", "bij", "naar", "tot",
         "te", "om", "of", "over", "uit"}


def _gedeelde_naam(kop: str, titel: str) -> int:
    """How strongly ``kop`` and an activity's ``titel`` share a name, after normalisation (case, hyphens,
    plural endings, short words such as "Wmo"): a run of two or more words in a row that are not all common
    ("eigen bijdrage Wmo", "Hervormingsagenda Jeugd") counts its words, an acronym in both ("IZA") counts 2;
    0 for none."""
    def run(text: str) -> list[str]:
        return [_stem(w.lower()) for w in _TOKEN.findall(text) if w.lower() not in _STOP]
    head, title = run(kop), run(titel)
    best = 0
    for i in range(len(head)):
        for j in range(len(title)):
            n = 0
            while i + n < len(head) and j + n < len(title) and head[i + n] == title[j + n]:
                n += 1
            if n >= 2 and any(w not in _COMMON for w in head[i:i + n]):
                best = max(best, n)
    if set(_ACRONYM.findall(kop)) & set(_ACRONYM.findall(titel)):
        best = max(best, 2)
    return best


def kandidaten(post: Post, activiteiten: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The activities (a draft's activity dicts, in their order) that tie for naming ``post``'s heading best:
    none, one, or several equally good. A heading that shares a name with an activity's title
    (``_gedeelde_naam``) links to the titles that share the longest; otherwise each names it with at
    least two thirds of its words, one of them in the title, and every name of the heading, one of them in
    the title ("Sporthal De Duinpan" is not the activity "Herbestemming sporthal De Schulpwei" whose text
    mentions De Duinpan)."""
    wanted, names = _words(post.kop), _names(post.kop)
    scores: list[tuple[float, int]] = []
    for index, activity in enumerate(activiteiten):
        name = _gedeelde_naam(post.kop, str(activity.get("titel", "")))
        if name:  # the heading names the activity's title: "Vraagafname door eigen bijdrage Wmo"
            scores.append((100.0 + name, index))
            continue
        title = _words(str(activity.get("titel", "")))
        text = title | _words(" ".join(str(v) for v in (activity.get("velden") or {}).values()))
        hits = wanted & text
        if not wanted or len(hits) * 3 < len(wanted) * 2 or not wanted & title:
            continue
        if names and (not names <= text or not names & title):
            continue
        scores.append((len(hits) + 0.5 * len(wanted & title), index))
    best = max((score for score, _ in scores), default=0)
    return [activiteiten[index] for score, index in scores if score == best]


def koppel(post: Post, activiteiten: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one activity that names ``post`` best (``kandidaten``), or None for none or a tie."""
    best = kandidaten(post, activiteiten)
    return best[0] if len(best) == 1 else None


def koppel_begroot(activiteiten: list[dict[str, Any]], regels: list[tuple[int, str]],
                   waar: Callable[[int, int], str]) -> list[str]:
    """Add to each activity a remark for every item of the "Toelichting begroot" lines ``regels`` linked to
    it; return the Dutch report lines for the items linked to none. ``waar(first, last)``: where lines
    stand."""
    heads = [(index, line) for index, line in regels if _TITLE.match(line)]
    unlinked = []
    for post in posten(regels):
        kop = next((line for index, line in reversed(heads) if index < post.regel), "Toelichting begroot")
        best = kandidaten(post, activiteiten)
        where = waar(post.regel, post.regel)
        if len(best) != 1:
            named = " en ".join(f"'{a.get('titel', '')}'" for a in best[:3]) + (" …" if len(best) > 3 else "")
            why = (f"past even goed bij {len(best)} activiteiten ({named})" if best
                   else "past bij geen activiteit (geen activiteit noemt het in titel en tekst)")
            unlinked.append(f"'{kop}' ({where}): '{post.kop}' ({post.bedrag}) {why}; niet gekoppeld")
            continue
        activity = best[0]
        activity.setdefault("opmerkingen", []).append(
            f"{kop} ({where}) noemt bij '{post.kop}': {post.bedrag}; niet onder bedragen overgenomen (een "
            "toelichting op de begroting, geen kostenveld van de activiteit). Neem het over onder bedragen "
            "als het om het budget van deze activiteit gaat.")
    return unlinked
