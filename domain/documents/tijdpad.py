"""The tijdpad reader: Dutch prose about timing becomes dated milestones.

``lees_tijdpad(tekst, veld=..., documentdatum=...)`` splits a field into items (bullets, numbered or
lettered items, sentences, items that start with a year; domain.documents.tijdpad_items), finds the time
expressions in each (domain.documents.dutch_dates), and decides per expression what kind of milestone it
is, whether it is past (a status, not a reminder), and whether the reading is sure. What it cannot pin
down it flags instead of guessing. Pure: no Prefect, no database, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from domain.documents.dutch_date_words import Uitdrukking, is_duur
from domain.documents.dutch_dates import zoek_uitdrukkingen
from domain.documents.tijdpad_besluit import besluit_tussen_haakjes
from domain.documents.tijdpad_context import geen_eigen_start, geen_mijlpaal
from domain.documents.tijdpad_extern import externe_mijlpalen
from domain.documents.tijdpad_items import bracket_depths, in_naam
from domain.documents.tijdpad_looptijd import losse_tijd, met_looptijd
from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal, TijdpadLezing
from domain.documents.tijdpad_onderdeel import onderdeel_start, onderdelen, terugverwijzing
from domain.documents.tijdpad_ritme import recurring_start as _recurring_start
from domain.documents.tijdpad_ritme import rhythm as _rhythm
from domain.documents.tijdpad_ritme import rhythm_phrase as _rhythm_phrase
from domain.documents.tijdpad_twijfel import twijfel_erna
from domain.documents.tijdpad_verleden import doel, gereed_opmerking, gereed_zeker, terug_in_de_tijd
from domain.documents.tijdpad_verlenging import verlenging
from domain.documents.tijdpad_vroegst import alleen_vroegst
from domain.documents.tijdwoorden import (
    _BUDGET_WORDS,
    _FIGURES,
    _MONEY,
    _MONEY_ONLY,
    _MOVED,
    _ONGOING,
    _PAST,
    _VAGUE,
    heeft_jaartal,
    loopt_nu,
    lopend_woorden,
    soort_van,
)
from domain.documents.zekerheid import bij_naamwoord, dag_zeker, onder_voorbehoud

TIJDPAD_VELDEN = ("tijdpad",)


@lru_cache(maxsize=256)
def _omschrijving(item: str) -> str:
    text = item.strip(" .;:-–•")
    text = text[:1].upper() + text[1:]
    if len(text) > 140:
        text = text[:139].rsplit(" ", 1)[0] + "…"
    return text or "Mijlpaal"


def lees_tijdpad(
    tekst: str | None, *, veld: str, documentdatum: dt.date, regio: str | None = None,
    alleen_herkend: bool = False,
) -> TijdpadLezing:
    """Read ``tekst`` (one card field) into milestones; never raises for any text.

    ``alleen_herkend``: keep only milestones whose kind a word names (evaluatie, besluit, einde …);
    used for fields other than the tijdpad, where many dates are history or context.
    ``regio``: the school holiday region the user chose (``--regio``); None: midden is assumed and a
    holiday date is an estimate.
    """
    lezing = TijdpadLezing()
    if not tekst or not tekst.strip():
        return lezing
    items = onderdelen(tekst, veld)  # each item with the sub-item (part) it stands in, if any
    for index, (whole, deel) in enumerate(items):
        item = besluit_tussen_haakjes(whole, lezing, veld=veld, documentdatum=documentdatum, regio=regio)
        before, before_gereed = len(lezing.mijlpalen), len(lezing.gereed)
        if item is None:
            continue
        _read_item(item, lezing, veld=veld, documentdatum=documentdatum, regio=regio,
                   alleen_herkend=alleen_herkend)
        geen_mijlpaal(item, lezing, before, before_gereed, documentdatum)  # a risk, a past trend: context
        deel = deel or terugverwijzing(item, items[index - 1][0] if index else None)  # "die staan gepland …"
        onderdeel_start(item, deel, lezing, before, before_gereed)  # a part's start: not the activity's
        externe_mijlpalen(item, lezing, before, items[index - 1][0] if index else None)  # national: context
        geen_eigen_start(item, lezing, before)  # a rule for others, continued work: not the activity's start
        twijfel_erna(items[index + 1][0] if index + 1 < len(items) else None, lezing, before)
    verlenging(tekst, lezing)  # an extension: the old end is replaced or open to check
    alleen_vroegst(lezing)  # only a vroegst: never reminded, so an estimate
    return lezing


_AFTER_PREVIOUS = re.compile(r"^na\s+(?:de\s+|het\s+)?(vaststelling|afronding|besluit\w*|goedkeuring|"
                             r"oplevering|akkoord)\b", re.IGNORECASE)
_RANGE_PREFIX = re.compile(r"\b(?:in|gedurende|tussen|over|de\s+jaren|(?:looptijd|periode)(?:\s+"
                           r"(?:[\w'-]+\s+){0,4}(?:is|loopt)(?:\s+vooralsnog|\s+nog)?)?)\s*$", re.I)
_JOINED = re.compile(r"^\s*(?:/|-|–|—)\s*$")
_DAY = re.compile(r"\b\d{1,2}\s+[a-z]", re.IGNORECASE)  # a day of the month: "1 maart", "11 oktober"


def _expressions(item: str, documentdatum: dt.date, regio: str | None) -> list[Uitdrukking]:
    """The dated expressions of an item; examples in parentheses are dropped when the item has
    other dates, and "eind sept/begin oktober" becomes one interval."""
    # Sure only when the text names the day taken (domain.documents.zekerheid: the one rule).
    # Estimates too: a start right after a noun ("voor de gemeente vanaf 2026"), a hedged date ("uitstel").
    every = onder_voorbehoud(item, [bij_naamwoord(item, dag_zeker(u)) for u in zoek_uitdrukkingen(
        item, documentdatum=documentdatum, regio=regio)])
    # A bare year in a name ("de Beleidsregels Jeugdhulp 2019 gemeente …") is no date.
    every = [u for u in every
             if not (re.fullmatch(r"(?:19|20)\d\d", u.bron.strip()) and in_naam(item, u.begin))]
    # Years "in 2025-2026", "(de looptijd is) 2025-2026" count; a bare "2019-2022" names a policy period.
    found = [u for u in every if not u.periode] or [
        u for u in every[:1] if _RANGE_PREFIX.search(item[max(0, u.begin - 80):u.begin])]
    if len(found) > 1:
        outside = [u for u, depth in zip(found, bracket_depths(item, [u.begin for u in found]), strict=True)
                   if depth <= 0]
        found = outside or found
    merged: list[Uitdrukking] = []
    for u in found:
        first = merged[-1] if merged else None
        if (first is not None and _JOINED.match(item[first.eind:u.begin]) and first.vroegst
                and u.uiterlijk and not first.herhaling and not u.herhaling):
            end = u.uiterlijk
            if end < first.vroegst and not re.search(r"\d{4}", u.bron):  # "eind sept/begin oktober"
                end = end.replace(year=first.vroegst.year)
            if first.vroegst <= end:
                merged.pop()
                u = replace(u, bron=item[first.begin:u.eind], begin=first.begin, vroegst=first.vroegst,
                            uiterlijk=end, zeker=first.zeker and u.zeker,
                            opmerking=first.opmerking or u.opmerking)
        merged.append(u)
    return merged


def _read_item(item: str, lezing: TijdpadLezing, *, veld: str, documentdatum: dt.date, regio: str | None,
               alleen_herkend: bool) -> None:
    if ((_MONEY.search(item) and _BUDGET_WORDS.search(item)) or _MONEY_ONLY.search(item)
            or _FIGURES.search(item)):
        return  # "In 2026 is € 40.000 beschikbaar": money, read by domain.documents.bedragen, not a milestone
    moved = _MOVED.search(item)
    if moved:
        # "uitgesteld tot 2026", "verschoven van 1 maart naar 1 juni 2025": only the new date counts.
        text = item[:moved.end()] + re.sub(r"\b(?:tot|naar)\b", "in", item[moved.end():])
        later = [u for u in _expressions(text, documentdatum, regio)
                 if u.begin >= moved.start() and not is_duur(u)]
        if later:
            new = later[-1]
            note = (f"'{item[moved.start():new.eind]}': {moved.group(0)}; alleen de nieuwe datum "
                    f"'{new.bron}' overgenomen")
            lezing.mijlpalen.append(GelezenMijlpaal(
                soort=soort_van(item), omschrijving=_omschrijving(item), vroegst=new.vroegst,
                uiterlijk=new.uiterlijk, bron=new.bron, veld=veld, zeker=new.zeker, opmerking=note))
            lezing.opmerkingen.append(note)
            return
    expressions = _expressions(item, documentdatum, regio)
    after = _AFTER_PREVIOUS.match(item)
    if after and not expressions and lezing.mijlpalen and not alleen_herkend:
        previous = lezing.mijlpalen[-1]
        start = previous.uiterlijk + dt.timedelta(days=1) if previous.uiterlijk else previous.vroegst
        note = (f"'{after.group(0)}': begint na '{previous.omschrijving}'; vul een datum in zodra "
                "die bekend is")
        lezing.mijlpalen.append(GelezenMijlpaal(
            soort="start", omschrijving=_omschrijving(item), vroegst=start, uiterlijk=None,
            bron=after.group(0), veld=veld, zeker=False, opmerking=note))
        lezing.opmerkingen.append(note)
        return
    past_words = bool(_PAST.search(item))
    expressions = terug_in_de_tijd(item, expressions, documentdatum) if past_words else expressions
    # A duration is dated from the start beside it (after that start was moved back in a past clause).
    expressions, loose = met_looptijd(expressions, item)
    lezing.opmerkingen.extend(loose)
    if veld in TIJDPAD_VELDEN and loopt_nu(item, expressions, documentdatum):
        lezing.lopend, lezing.loopt = True, lezing.loopt or lopend_woorden(item)
    rhythm = _rhythm(item)
    if not expressions:
        loose_time = None if veld in TIJDPAD_VELDEN else losse_tijd(item)  # the tijdpad lists it below
        lezing.opmerkingen.extend([loose_time] if loose_time else [])
        if _ONGOING.search(item) or (past_words and veld in TIJDPAD_VELDEN):
            lezing.lopend = True
            lezing.loopt = lezing.loopt or lopend_woorden(item)
            lezing.verleden.extend([item] if past_words else [])
            if veld in TIJDPAD_VELDEN and heeft_jaartal(item) and not rhythm:
                lezing.onleesbaar.append(item)  # a year, yet no date read: the reviewer fills it in
            return
        vague = _VAGUE.search(item)
        if rhythm and not alleen_herkend:
            first = _recurring_start(rhythm, documentdatum)
            note = (f"'{item}': herhaalt zich zonder vaste datum; eerste keer op {first:%d-%m-%Y} "
                    "aangenomen")
            lezing.mijlpalen.append(GelezenMijlpaal(
                soort=soort_van(item), omschrijving=_omschrijving(item), vroegst=first, uiterlijk=first,
                bron=_rhythm_phrase(item, rhythm), veld=veld, zeker=False, herhaling=rhythm, opmerking=note))
            lezing.opmerkingen.append(note)
        elif vague and veld in TIJDPAD_VELDEN:
            lezing.onleesbaar.append(vague.group(0))
            lezing.opmerkingen.append(f"'{vague.group(0)}' noemt geen datum; vul een datum in als die er is.")
        elif veld in TIJDPAD_VELDEN:
            lezing.onleesbaar.append(item)
        return
    for index, u in enumerate(expressions):
        soort = "einde" if u.maanden else soort_van(item, u)  # a duration gives the end of what it names
        if index == 0 and len(expressions) > 1 and expressions[1].soort == "einde" and not u.soort:
            soort = "start" if soort in ("overig", "einde") else soort
        past = (u.uiterlijk is not None and u.uiterlijk < documentdatum) or (
            past_words and u.vroegst is not None and u.vroegst <= documentdatum)
        target = doel(item, u, documentdatum) if past and past_words else None
        if target:  # "Eind 2025 is de nota vastgesteld" in a budget of October 2025: a deadline
            past, u = False, replace(u, zeker=False, opmerking=target)
        if past and not u.herhaling and u.vroegst and u.uiterlijk and u.uiterlijk >= documentdatum \
                and u.vroegst.year < u.uiterlijk.year:
            # "In 2018 is besloten deze voor 2019 en 2020 voort te zetten": the past tense is the decision's
            # (or the start's); a period of years that has not ended is not done, it runs to its end.
            lezing.lopend = True
            note = (f"'{u.bron}' is een looptijd die nog loopt (de verleden tijd gaat over het besluit of de "
                    f"start): als einde overgenomen ({u.uiterlijk:%d-%m-%Y}), niet als gereed")
            lezing.mijlpalen.append(GelezenMijlpaal(
                soort="einde", omschrijving=_omschrijving(item), vroegst=u.uiterlijk, uiterlijk=u.uiterlijk,
                bron=u.bron, veld=veld, zeker=False, opmerking=note))
            lezing.opmerkingen.append(note)
            continue
        if past and not u.herhaling:
            lezing.verleden.append(u.bron)
            if soort in ("start", "overig", "oplevering") or past_words:
                lezing.lopend = True
            done = min(u.uiterlijk or u.vroegst or documentdatum, documentdatum)
            note = gereed_opmerking(u, done, past_words=past_words, documentdatum=documentdatum)
            lezing.gereed.append(GelezenMijlpaal(
                soort=soort, omschrijving=_omschrijving(item), vroegst=u.vroegst, uiterlijk=u.uiterlijk,
                bron=u.bron, veld=veld, zeker=gereed_zeker(u, done, past_words=past_words), opmerking=note,
                gereed=done))
            lezing.opmerkingen.append(note)
            continue
        if alleen_herkend and soort == "overig":
            continue
        herhaling = u.herhaling
        # "Per 1 maart 2021 jaarlijks": that day each year. "Vanaf 2020 jaarlijks" names no day: its
        # 1 January is the start of a period, so it is read below as a rhythm with an assumed first date.
        yearly = herhaling is None and rhythm == "FREQ=YEARLY" and (u.soort != "start" or _DAY.search(u.bron))
        if yearly and u.vroegst and u.vroegst == u.uiterlijk:
            herhaling = f"FREQ=YEARLY;BYMONTH={u.vroegst.month};BYMONTHDAY={u.vroegst.day}"
        elif yearly and u.vroegst and u.uiterlijk and (
                u.uiterlijk - u.vroegst).days < 40 and "jaar" not in u.bron.lower():
            herhaling = f"FREQ=YEARLY;BYMONTH={u.uiterlijk.month};BYMONTHDAY={u.uiterlijk.day}"
        zeker = u.zeker
        opmerking = u.opmerking
        if herhaling is None and rhythm and u.vroegst and u.uiterlijk and (
                (u.uiterlijk - u.vroegst).days >= 40 or u.soort == "start"):
            # "Vanaf 2025 twee keer per jaar": the rhythm, first due in the period named.
            first = _recurring_start(rhythm, max(u.vroegst, documentdatum))
            herhaling, zeker = rhythm, False
            opmerking = (f"'{_rhythm_phrase(item, rhythm)}' herhaalt zich; eerste keer op "
                         f"{first:%d-%m-%Y} aangenomen (binnen '{u.bron}')")
            if u.soort != "start" and u.vroegst.year < u.uiterlijk.year and first <= u.uiterlijk:
                # "Jaarlijks in de periode 2019-2022": a period of years bounds the recurrence ("in 2020
                # starten we met jaarlijks overleg" names the first year only: no end).
                herhaling += f";UNTIL={u.uiterlijk:%Y%m%d}"
                opmerking += f", laatste keer uiterlijk {u.uiterlijk:%d-%m-%Y}"
            u = replace(u, vroegst=first, uiterlijk=first)
        if zeker and u.uiterlijk is None and u.vroegst is None:
            zeker = False
        if u.ingang and herhaling is None:
            soort = "start"  # "Vanaf 2026 rapporteren we": a start (never overdue), not a report due
        lezing.mijlpalen.append(GelezenMijlpaal(
            soort=soort, omschrijving=_omschrijving(item), vroegst=u.vroegst, uiterlijk=u.uiterlijk,
            bron=u.bron, veld=veld, zeker=zeker, herhaling=herhaling, opmerking=opmerking))
        lezing.opmerkingen.extend([opmerking] if opmerking else [])
