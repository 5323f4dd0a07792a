"""A parsed document becomes draft register data (../shared/register-format.md) and a report
of what was found and what a reviewer must look at. Pure: dicts in, dicts out."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from typing import Any

from domain.documents.bedragen import MAX_BEDRAGEN, bedragen_begrensd, elders_genoemd
from domain.documents.doclines import Document, Kaart
from domain.documents.monitoring import lees_monitoring, raad_soort
from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdpad_context import latere_start, voortzetting
from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal
from domain.documents.tijdpad_plan import toets_plan
from domain.documents.tijdwoorden import VOORBEREIDING, onleesbaar_opmerking, soort_van
from domain.documents.verslag import Verslag, lezing_in_verslag, reden
from domain.documents.zekerheid import ver_weg

MAX_FIELD = 100_000
MAX_TITEL = 300  # the register's limit for a title
# A programme has dozens of activities, a whole budget a few hundred. A fuzzed document of cards
# repeated 400 times had 12,000; each costs about a millisecond to read and write (PyYAML), five
# times that in the fuzz bench (tracemalloc on): 2,310 small cards took 9.9 s there (case 951).
MAX_ACTIVITEITEN = 1_000
# Fields read for dates besides the tijdpad: only dates whose kind a word names are kept there
# (evaluations and pilot ends hide in them; most other dates there are history or context).
_OTHER_FIELDS = ("wat_gaan_we_doen", "resultaat", "monitoring", "kosten_baten", "evaluatie",
                 "toelichting", "inleiding", "doel", "activiteit", "overig")
_CONFLICTING = ("evaluatie", "besluit", "einde")
# Fields that say what an activity is (communicatie's "reguliere media" does not).
_KIND_FIELDS = ("toelichting", "wat_gaan_we_doen", "tijdpad", "kosten_baten", "activiteit")


def slug(text: str, limit: int = 60) -> str:
    """A register key: lowercase ascii words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "activiteit"


def _unique(base: str, taken: dict[str, int]) -> str:
    """``base``, else ``base-2``, ``base-3``, … whichever is free. ``taken`` holds the keys given
    and, per key, the next number to try after it: counting up from 2 every time made a document of
    12,000 cards with the same title take over a minute (the fuzz bench)."""
    if base not in taken:
        taken[base] = 2
        return base
    n = taken[base]
    while f"{base}-{n}" in taken:
        n += 1
    taken[base] = n + 1
    key = f"{base}-{n}"
    taken[key] = 2
    return key


def regisseur_key(nummer: int) -> str:
    """The placeholder person key of a programme's regisseur."""
    return f"regisseur-programma-{nummer}"


def concept_register(
    document: Document, *, gemeente: str, bestandsnaam: str, documentdatum: dt.date,
    regio: str | None = None,
) -> tuple[dict[str, dict[str, Any]], Verslag]:
    """File name → register data (programme files and personen.yaml), and the report."""
    verslag = Verslag(overgeslagen=list(document.overgeslagen))
    files: dict[str, dict[str, Any]] = {}
    taken: dict[str, int] = {}
    alle = document.kaarten
    if len(alle) > MAX_ACTIVITEITEN:
        aantal = f"{MAX_ACTIVITEITEN:,}".replace(",", ".")
        verslag.waarschuwingen.append(
            f"{bestandsnaam}, vanaf regel {alle[MAX_ACTIVITEITEN].regels[0]}: het document heeft meer dan "
            f"{aantal} activiteiten; alleen de eerste {aantal} zijn overgenomen, de rest is niet gelezen. "
            "Zoveel heeft geen programma: controleer of dit het goede document is, of kies met --programma "
            "of --paginas een deel.")
    ruimte = MAX_ACTIVITEITEN
    for programma in document.programmas:
        kaarten = programma.kaarten[:ruimte]
        if not kaarten:
            continue
        ruimte -= len(kaarten)
        activiteiten = [_activity(k, taken, documentdatum, regio, verslag) for k in kaarten]
        verslag.per_programma.append((programma.nummer, programma.titel, len(activiteiten)))
        files[f"programma-{programma.nummer}.yaml"] = {
            "gemeente": gemeente,
            "bron": {"document": bestandsnaam, "documentdatum": documentdatum},
            "programma": {"nummer": programma.nummer, "titel": programma.titel,
                          "regisseur": regisseur_key(programma.nummer)},
            "activiteiten": activiteiten,
        }
    personen = [{"sleutel": regisseur_key(n), "naam": f"Regisseur programma {n} (nog invullen)",
                 "rollen": ["regisseur"], "kanalen": []} for n, _, _ in verslag.per_programma]
    personen.append({"sleutel": "coordinator", "naam": "Coördinator sociaal domein (nog invullen)",
                     "rollen": ["coordinator"], "kanalen": []})
    files["personen.yaml"] = {"personen": personen}
    return files, verslag


def _activity(kaart: Kaart, taken: dict[str, int], documentdatum: dt.date, regio: str | None,
              verslag: Verslag) -> dict[str, Any]:
    verslag.kaarten += 1
    opmerkingen = list(kaart.opmerkingen)
    long = [k for k, v in kaart.velden.items() if len(v) > MAX_FIELD]
    if long:
        # A time budget for the readers: no programme card is this long; the rest is not read.
        kaart.velden = {k: v[:MAX_FIELD] for k, v in kaart.velden.items()}
        opmerkingen.append(f"Veld {', '.join(long)} is langer dan {MAX_FIELD:,} tekens; alleen het begin is "
                           "gelezen en overgenomen. Controleer het document.".replace(",", "."))
    # A title is one line of at most 300 characters in the register (domain/register/register.py): a table
    # row's cells (tabs) or a wrapped line are joined, a run-on line is cut, so the draft loads.
    kaart.titel = " ".join(kaart.titel.split())
    if len(kaart.titel) > MAX_TITEL:
        kaart.titel = kaart.titel[:MAX_TITEL - 1] + "…"
        opmerkingen.append(f"De titel was langer dan {MAX_TITEL} tekens en is ingekort; controleer.")
    if not re.search(r"\w", kaart.titel):
        kaart.titel = f"Activiteit zonder titel (regel {kaart.regels[0]})"
        opmerkingen.append("In het document staat boven deze activiteit geen titel; vul een titel in.")
    mijlpalen, lopend = _milestones(kaart, documentdatum, regio, opmerkingen, verslag)
    text = " ".join(v for k, v in kaart.velden.items() if k in _KIND_FIELDS)
    soort, soort_opmerking = raad_soort(kaart.titel, text)
    opmerkingen.extend([soort_opmerking] if soort_opmerking else [])
    geld_veld = "kosten_baten" if kaart.velden.get("kosten_baten") else (
        "toelichting" if kaart.vorm in ("tabel", "tekst") else None)
    money = kaart.velden.get(geld_veld or "", "")
    for veld, bronnen in elders_genoemd(kaart.velden, geld_veld):  # said, not counted as the budget
        opmerkingen.append(f"Veld {veld} noemt {' en '.join(bronnen)}; niet onder bedragen overgenomen "
                           "(alleen een kostenveld wordt als budget gelezen). Neem het over onder bedragen "
                           "als het om het budget van deze activiteit gaat.")
        verslag.elders_genoemd.append((kaart.titel, veld, ", ".join(bronnen)))
    bedragen = []
    gelezen, meer = bedragen_begrensd(money)
    if meer:
        opmerkingen.append(f"Deze activiteit noemt meer dan {MAX_BEDRAGEN} bedragen; alleen de eerste "
                           f"{MAX_BEDRAGEN} zijn gelezen en overgenomen. Controleer het document "
                           f"(regel {kaart.regels[0]}–{kaart.regels[-1]}).")
    for b in gelezen:
        if b.geen_budget:  # a rate or a limit: said, not counted as the activity's budget
            opmerkingen.append(f"Bedrag '{b.bron}' is {b.geen_budget}, geen budget van de activiteit; niet "
                               "onder bedragen overgenomen; controleer het budget.")
            verslag.geen_budget.append((kaart.titel, b.bron, b.geen_budget))
            continue
        extra = {"schaal": b.schaal, "gemeenten": b.gemeenten, "ondergrens": b.ondergrens, "jaar": b.jaar}
        bedragen.append({"bedrag": b.bedrag, "per": b.per, "bron": b.bron,
                         **{k: v for k, v in extra.items() if v is not None}})
        if b.bandbreedte:
            opmerkingen.append(f"Bedrag '{b.bron}' is een bandbreedte: bedrag is de bovengrens, ondergrens "
                               "de ondergrens; het budget telt met de bovengrens.")
        if b.schaal == "regio":
            opmerkingen.append(f"Bedrag '{b.bron}' is een regionaal totaal (schaal: regio) en telt niet als "
                               "eigen budget; vul het eigen deel van de gemeente aan als de tekst het noemt.")
    verslag.bedragen += len(bedragen)
    activity: dict[str, Any] = {
        "id": _unique(slug(kaart.titel), taken),
        "titel": kaart.titel,
        "status": "lopend" if lopend else "gepland",
        "soort": soort,
        "velden": dict(kaart.velden) | ({"kop": kaart.jaar_bron} if kaart.jaar_bron else {}),
    }
    if bedragen:
        activity["bedragen"] = bedragen
    if mijlpalen:
        activity["mijlpalen"] = mijlpalen
    monitoring = lees_monitoring(kaart.velden.get("monitoring"))
    if monitoring is not None:
        activity["monitoring"] = {"ritme": monitoring.ritme, "door": monitoring.door,
                                  "bron": monitoring.bron, "zeker": monitoring.zeker}
        if monitoring.ritme is None:
            opmerkingen.append("Monitoring noemt geen ritme; het standaardritme uit de instellingen "
                               "geldt tot u er een invult.")
    activity["bronregels"] = list(kaart.regels)
    activity["opmerkingen"] = list(dict.fromkeys(opmerkingen))
    return activity


def _milestones(kaart: Kaart, documentdatum: dt.date, regio: str | None, opmerkingen: list[str],
                verslag: Verslag) -> tuple[list[dict[str, Any]], bool]:
    read: list[GelezenMijlpaal] = []
    lopend, loopt = False, None
    fields = [("tijdpad", False)] + [(f, kaart.vorm in ("kaart", "actie") or f != "toelichting")
                                    for f in _OTHER_FIELDS]
    prose = ("tabel", "tekst", "resultaat")
    for veld, alleen_herkend in fields:
        lezing = lees_tijdpad(kaart.velden.get(veld), veld=veld, documentdatum=documentdatum, regio=regio,
                              alleen_herkend=alleen_herkend)
        read.extend(lezing.mijlpalen)
        read.extend(lezing.gereed)  # past events: done, with their date; never a reminder
        verslag.extern.extend((kaart.titel, m.bron, lezing_in_verslag(m, documentdatum))
                              for m in lezing.extern)  # national events: context, no milestone
        if veld == "tijdpad" or (veld == "toelichting" and kaart.vorm in prose):
            lopend, loopt = lopend or lezing.lopend, loopt or lezing.loopt
        opmerkingen.extend(lezing.opmerkingen)
        verslag.onleesbaar.extend((kaart.titel, veld, phrase) for phrase in lezing.onleesbaar)
        opmerkingen.extend(onleesbaar_opmerking(veld, phrase) for phrase in lezing.onleesbaar)
    if kaart.jaar is not None and kaart.jaar_bron and not any(
            m.uiterlijk and m.uiterlijk.year == kaart.jaar for m in read):
        read.append(_heading_year(kaart, kaart.jaar, kaart.jaar_bron, documentdatum))
        opmerkingen.append(read[-1].opmerking or "")
    unique: dict[tuple[Any, ...], GelezenMijlpaal] = {}
    for m in read:
        first = unique.setdefault(same := (m.soort, m.vroegst, m.uiterlijk, m.herhaling, m.gereed), m)
        if m.zeker and not first.zeker:  # the phrase that states the date explicitly is the one kept
            unique[same], first, m = m, m, first
        if first is not m and m.bron != first.bron:
            # Not dropped silently: the second phrase that says the same is named.
            opmerkingen.append(f"'{m.bron}' ({m.veld}) zegt hetzelfde als '{first.bron}' ({first.veld}); "
                               "als één mijlpaal overgenomen.")
    going = voortzetting(kaart.titel, *kaart.velden.values())  # "We gaan door met …": no new start
    milestones = latere_start(list(unique.values()), loopt, going)  # a later start: a new phase, not sure
    milestones, notes = toets_plan(milestones, documentdatum)  # history; a start after another step
    opmerkingen.extend(notes)
    opmerkingen.extend(m.opmerking or "" for m in milestones if "is een latere start" in (m.opmerking or ""))
    conflicts = _conflicts(milestones)
    for a, b in conflicts:
        opmerkingen.append(f"Tegenstrijdig: {a.soort} '{a.bron}' ({a.veld}) en '{b.bron}' ({b.veld}); "
                           "beide overgenomen, houd de juiste over.")
    doubtful = {id(m) for pair in conflicts for m in pair}
    if VOORBEREIDING.search(kaart.titel):  # "Voorbereidingen voor invoering …": the start is its deadline
        for i, m in enumerate(milestones):
            if m.soort == "start" and not m.gereed and not m.herhaling and m.vroegst:
                milestones[i] = replace(m, soort="oplevering", uiterlijk=m.vroegst, zeker=False, opmerking=(
                    f"'{m.bron}' ({m.veld}) is de start van wat de activiteit voorbereidt: als oplevering "
                    f"uiterlijk {m.vroegst:%d-%m-%Y} overgenomen (de voorbereiding klaar), niet als start; "
                    "controleer de datum"))
                opmerkingen.append(milestones[i].opmerking or "")
                doubtful |= {id(milestones[i])} if id(m) in doubtful else set()
    taken: dict[str, int] = {}
    out = []
    for m in milestones:
        zeker = m.zeker and id(m) not in doubtful
        far = ver_weg(m.bron, m.vroegst, m.uiterlijk, documentdatum)
        if far:  # a typing error (2052 for 2025) or a horizon beyond the programme: never silent
            zeker = False
            opmerkingen.append(far)
            verslag.waarschuwingen.append(f"{kaart.titel[:80]} ({m.veld}): {far}")
        when = m.uiterlijk or m.vroegst
        key = _unique(f"{m.soort}-{when:%Y-%m}" if when else m.soort, taken)
        data: dict[str, Any] = {"id": key, "soort": m.soort, "omschrijving": m.omschrijving,
                                "vroegst": m.vroegst, "uiterlijk": m.uiterlijk}
        if m.herhaling:
            data["herhaling"] = m.herhaling
        data.update({"bron": m.bron, "veld": m.veld, "zeker": zeker})
        if m.gereed:
            data["gereed"] = m.gereed
        out.append(data)
        said = "'overig'" in (m.opmerking or "")  # a part's start, an external event: its remark says why
        if m.soort == "overig" and not m.gereed and not said:  # no word said what happens: lead times a guess
            opmerkingen.append(f"Mijlpaal '{m.bron}' ({m.veld}): de tekst zegt niet of dit een besluit, "
                               "evaluatie, oplevering, start of einde is; soort 'overig' ingevuld, kies de "
                               "juiste.")
        reading = lezing_in_verslag(m, documentdatum)
        if zeker:
            verslag.mijlpalen_zeker += 1
            verslag.zeker.append((kaart.titel, m.bron, reading, key))
        else:
            verslag.mijlpalen_onzeker += 1
            verslag.te_controleren.append((kaart.titel, m.bron, reading,
                                           reden(m, tegenstrijdig=id(m) in doubtful, ver_weg=bool(far))))
            if not m.opmerking and id(m) not in doubtful and not far:
                opmerkingen.append(f"Mijlpaal '{m.bron}' ({m.veld}) is afgeleid, niet letterlijk gedateerd; "
                                   "controleer de datum.")
    return out, lopend


def _heading_year(kaart: Kaart, jaar: int, kop: str, documentdatum: dt.date) -> GelezenMijlpaal:
    """An item of 'Belangrijkste resultaten voor 2025' without its own date is due in that year; in
    annual accounts (the year is over at the document date) it is reported, so done."""
    soort = soort_van(kaart.titel)
    end = dt.date(jaar, 12, 31)
    done = end if end < documentdatum else None
    note = f"Jaar {jaar} uit de kop '{kop}' boven de lijst; de tekst zelf noemt geen datum."
    if done:
        note += " Het jaar is voorbij op de documentdatum (jaarstukken): als gereed overgenomen."
    return GelezenMijlpaal(
        soort="oplevering" if soort == "overig" else soort, omschrijving=kaart.titel[:140],
        vroegst=dt.date(jaar, 1, 1), uiterlijk=end, bron=kop, veld="kop", zeker=False, opmerking=note,
        gereed=done)


def _conflicts(milestones: list[GelezenMijlpaal]) -> list[tuple[GelezenMijlpaal, GelezenMijlpaal]]:
    """Pairs of the same kind, from different fields, whose intervals do not overlap."""
    pairs = []
    for i, a in enumerate(milestones):
        for b in milestones[i + 1:]:
            if a.soort != b.soort or a.soort not in _CONFLICTING or a.veld == b.veld:
                continue
            if a.herhaling or b.herhaling or None in (a.vroegst, a.uiterlijk, b.vroegst, b.uiterlijk):
                continue
            assert a.vroegst and a.uiterlijk and b.vroegst and b.uiterlijk
            if a.uiterlijk < b.vroegst or b.uiterlijk < a.vroegst:
                pairs.append((a, b))
    return pairs
