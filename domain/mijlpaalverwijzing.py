"""What a mistyped milestone reference ('activiteit/mijlpaal') most likely meant: the activity's part is
weighed first (its own id, then an id it begins, then one that contains it, then close spelling), the
milestone's part within those activities; when several fit, each is named (at most five) rather than
one confident guess, because a suggestion is copied as it stands and marks that milestone done."""

from __future__ import annotations

import difflib

MAX_VOORSTELLEN = 5


def passend(getypt: str, bekend: list[str]) -> list[str]:
    """The ids of ``bekend`` that ``getypt`` most likely means, best kind first: the same id; else those
    it begins ('werkplan-2020' → 'werkplan-2020-combinatiefunctionarissen'); else those containing it;
    else the closest in spelling (those about as close as the closest). [] when none fits."""
    if not getypt:
        return []
    gewoon = getypt.casefold()
    for soort in (lambda k: k.casefold() == gewoon, lambda k: k.casefold().startswith(gewoon),
                  lambda k: gewoon in k.casefold()):
        if found := [k for k in bekend if soort(k)]:
            return found
    score = {k: difflib.SequenceMatcher(None, getypt, k).ratio() for k in bekend}
    close = sorted((k for k in bekend if score[k] >= 0.6), key=lambda k: -score[k])
    # a spelling slip is one id, not every id of the same pattern: only those about as close as the best
    return [k for k in close if score[k] >= score[close[0]] - 0.05] if close else []


def _zin(keuze: list[str]) -> str:
    """" Bedoelt u 'x'?", " Bedoelt u 'x' of 'y'?", " Bedoelt u een van deze: 'x', 'y' of 'z'?"."""
    shown = [f"'{k}'" for k in keuze[:MAX_VOORSTELLEN]]
    more = len(keuze) - len(shown)
    rest = f" (of een van de {more} andere)" if more else ""
    if len(shown) == 1:
        return f" Bedoelt u {shown[0]}?"
    if len(shown) == 2 and not more:
        return f" Bedoelt u {shown[0]} of {shown[1]}?"
    return f" Bedoelt u een van deze: {', '.join(shown[:-1])} of {shown[-1]}{rest}?"


def bedoelde_mijlpaal(verwijzing: str, paren: list[tuple[str, str]]) -> str:
    """' Bedoelt u 'a/m'?' (or several) for a milestone reference that is not there, '' when nothing fits.
    The activities the part before '/' fits (``passend``) and, within them, the milestones the part after
    it fits; for an activity named by (a part of) its id, else its milestones; else the milestones the
    part after '/' fits in any activity (the activity's part may be misspelled or left out); else every
    milestone of the fitting activities."""
    activiteit, _, mijlpaal = verwijzing.rpartition("/")
    activiteiten = passend(activiteit, sorted({a for a, _ in paren}))
    binnen = [(a, m) for a, m in paren if a in activiteiten]
    keuze: list[tuple[str, str]] = []
    if binnen:
        namen = passend(mijlpaal, list(dict.fromkeys(m for _, m in binnen)))
        keuze = sorted(((a, m) for a, m in binnen if m in namen), key=lambda p: (namen.index(p[1]), p[0]))
    # an activity named by its id or a part of it is what the user meant: its milestones, not a
    # milestone of the same name in another activity
    sterk = bool(activiteit) and any(activiteit.casefold() in a.casefold() for a in activiteiten)
    if not keuze and not sterk:
        namen = passend(mijlpaal, sorted({m for _, m in paren}))
        keuze = sorted(((a, m) for a, m in paren if m in namen), key=lambda p: (namen.index(p[1]), p[0]))
        if activiteit and len(keuze) > 1:  # the activity's part still orders them: the closest first
            rang = {a: difflib.SequenceMatcher(None, activiteit, a).ratio() for a, _ in keuze}
            keuze.sort(key=lambda p: -rang[p[0]])
    if not keuze:
        keuze = binnen
    return _zin([f"{a}/{m}" for a, m in keuze]) if keuze else ""
