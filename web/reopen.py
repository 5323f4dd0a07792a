"""Reopening a done milestone from the answer page: the page's way to what `regie heropen` does
(``MijlpaalAntwoord(heropend=True, reden=…)`` through the answer service, history and reminders alike).

The page shows each done milestone with a checkbox "Deze mijlpaal is toch niet gereed (heropenen)" and a
required "Waarom?". A hidden ``stand_m<id>`` holds the history row of the done the page showed
(``GereedRegel.stand``): inside the answer's transaction the milestone is read again (locked on
PostgreSQL) and a reopen is applied only while that done still stands. The same form sent twice (a reload,
the back button), a colleague who reopened it meanwhile, or a done recorded again since the page opened:
nothing is recorded for that milestone, and the confirmation says why in plain words."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from sqlmodel import Session

from domain.rules.milestones import NOOIT_TE_LAAT
from services.checkins import reopening
from services.checkins.progress import Antwoord, MijlpaalAntwoord, check
from services.rendering import datum

if TYPE_CHECKING:
    from web.answers import Gelezen
    from web.links import Houder
    from web.overview import ActiviteitRegel

VINK = "Deze mijlpaal is toch niet gereed (heropenen)"  # the checkbox's label (templates/web/mijn.html.j2)


def stand_field(milestone_id: int) -> str:
    """The hidden field with the done the page showed; not named m<id>_… (``overview.touched`` would
    then read every done milestone's activity for every answer)."""
    return f"stand_m{milestone_id}"


def read(form: dict[str, str], activity: ActiviteitRegel, fouten: dict[str, str], waar: dict[str, str],
         standen: dict[int, int | None], *, vandaag: dt.date, tekst: Any) -> list[MijlpaalAntwoord]:
    """The reopens asked for in ``form`` for ``activity``'s done milestones; a problem beside its field
    (``waar`` names the field for the message list); ``standen``: per milestone id the done the page
    showed. ``tekst`` reads a text field as the page does (web.answers._text)."""
    done = {g.sleutel: g for g in activity.gereed_mijlpalen}
    wanted = []
    # an open one too: a page from before it was reopened (sent again, or a colleague was first), said
    # in the transaction's words (``drop_stale``), not refused as a form without answers
    for g in [*activity.gereed_mijlpalen, *(m for m in activity.mijlpalen if form.get(f"m{m.id}_heropen"))]:
        k = f"m{g.id}"
        waar |= {f"{k}_heropen": f"mijlpaal „{g.omschrijving}”, heropenen",
                 f"{k}_waarom": f"mijlpaal „{g.omschrijving}”, heropenen"}
        reden = tekst(form, f"{k}_waarom", fouten)
        if not form.get(f"{k}_heropen"):
            if reden and f"{k}_waarom" not in fouten:
                fouten[f"{k}_heropen"] = (f"U gaf een reden, maar vinkte „{VINK}” niet aan. Vink het aan om "
                                          "de mijlpaal te heropenen, of laat de reden leeg.")
            continue
        sub = MijlpaalAntwoord(g.sleutel, heropend=True, reden=reden)
        if g.sleutel in done:
            for problem in check(Antwoord(activity.sleutel, mijlpalen=[sub]), milestones=done,
                                 vandaag=vandaag):
                fouten.setdefault(f"{k}_waarom", _sentence(problem))
        stand = form.get(stand_field(g.id), "").strip()
        standen[g.id] = int(stand) if stand.isdigit() and len(stand) <= 18 else None
        wanted.append(sub)
    return wanted


def _sentence(problem: str) -> str:
    """The service's problem without its 'mijlpaal „X”: ' (the page names the milestone itself)."""
    text = problem.split(": ", 1)[1] if problem.startswith("mijlpaal ") and ": " in problem else problem
    return text[:1].upper() + text[1:]


def drop_stale(session: Session, person: Houder, gelezen: Gelezen) -> list[str]:
    """In the answer's transaction, before it writes: the reopens whose done no longer stands are taken
    out of ``gelezen`` (an answer left with nothing else goes too); what the page says about each
    (services/checkins/reopening.py: the guard the Prefect form shares)."""
    if not gelezen.standen:
        return []
    stale = reopening.not_standing(session, gelezen.standen, person.sleutel, reopening.PAGINA)
    lines, kept = [], []
    for activity, answer in gelezen.antwoorden:
        shown = [*activity.gereed_mijlpalen, *activity.mijlpalen]
        ids_by_key = {g.sleutel: g.id for g in shown}
        names = {g.sleutel: g.omschrijving for g in shown}
        for sub in [s for s in answer.mijlpalen if s.heropend]:
            if (mid := ids_by_key[sub.sleutel]) in stale:
                answer.mijlpalen.remove(sub)
                lines.append(f"{activity.titel}: mijlpaal „{names[sub.sleutel]}” {stale[mid]}")
        a = answer
        if a.koers or a.status or a.tekst or a.besteed is not None or a.mijlpalen or a.metingen:
            kept.append((activity, answer))
    gelezen.antwoorden = kept
    return lines


class Gezegd(TypedDict):
    """What the confirmation says of the reopened milestones (``web.answers.Vastgelegd``'s fields)."""

    herinneringen: list[str]
    te_laat: list[str]


def said(session: Session, person: Houder, gelezen: Gelezen, vandaag: dt.date) -> Gezegd:
    """What the confirmation says of the reopened milestones: per milestone what its reminders will be
    (``herinneringen``, as `regie heropen` says it: services/checkins/reopen_words.py), and the notices of
    those past their date (``te_laat``, ``late``)."""
    from models.settings import get_settings
    from models.tables import Activity, Milestone
    from services.checkins.reopen_words import reopen_sentence

    regels, zinnen = get_settings().regels, []
    for activity, answer in gelezen.antwoorden:
        for g in activity.gereed_mijlpalen:
            if any(sub.heropend and sub.sleutel == g.sleutel for sub in answer.mijlpalen):
                milestone = session.get(Milestone, g.id)
                card = session.get(Activity, activity.id)
                if milestone is None or card is None:
                    continue
                zin = reopen_sentence(session, milestone, card, door=person.sleutel, vandaag=vandaag,
                                      regels=regels, naam=g.omschrijving)
                zinnen += [zin] if zin else []
    return {"herinneringen": zinnen, "te_laat": late(gelezen, vandaag)}


def late(gelezen: Gelezen, vandaag: dt.date) -> list[str]:
    """The reopened milestones whose date has passed, as `regie heropen` warns: they count as late; a
    start never does, and past its date it gets no reminder."""
    said = []
    shown = [g for activity, answer in gelezen.antwoorden for sub in answer.mijlpalen if sub.heropend
             for g in activity.gereed_mijlpalen if g.sleutel == sub.sleutel and g.uiterlijk]
    for g in shown:
        name, day, now = g.omschrijving, datum(g.uiterlijk), datum(vandaag)
        if g.te_laat:
            said.append(f"Let op: de uiterste datum van mijlpaal „{name}”, {day}, is voorbij "
                        f"(vandaag is {now}): de mijlpaal telt als te laat. Is er een nieuwe datum, "
                        "vul die dan in op Mijn activiteiten, bij de mijlpaal onder „Of: nieuwe datum”.")
        elif g.soort in NOOIT_TE_LAAT and g.uiterlijk < vandaag:  # type: ignore[operator]
            said.append(f"Let op: de datum van startmijlpaal „{name}”, {day}, is voorbij "
                        f"(vandaag is {now}). Een start telt nooit als te laat en krijgt alleen vóór "
                        "zijn datum een herinnering: er komt dus geen herinnering meer voor. Is de "
                        "start verschoven, vul dan de nieuwe datum in op Mijn activiteiten.")
    return said
