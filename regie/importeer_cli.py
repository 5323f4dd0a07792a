"""`regie importeer`: a programme document becomes a draft register (thin: the work is in
services/importer/importing.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from domain.documents.verslag import GESCHAT, VOLGORDE
from domain.register.tekstcontrole import aantal as in_getal
from regie.common import Stop, cell, err, naar_scherm, out
from regie.datum_optie import DATUMVORMEN, parse_date
from services.rendering import datum as woorden  # a date as a user reads it: 1 oktober 2019

MAX_ZEKER_GETOOND = 50  # sure milestones listed by --verslag; the rest is counted


def importeer(
    document: Annotated[Path, typer.Argument(
        help="Het programmadocument: PDF (met tekstlaag), Word (.docx), webpagina (.html) of tekst (.txt).",
        show_default=False)],
    gemeente: Annotated[str, typer.Option("--gemeente", help="Naam van de gemeente.", show_default=False)],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help="Map waarin het conceptregister komt.",
                                          show_default=False)],
    documentdatum: Annotated[str | None, typer.Option(
        "--documentdatum", help=f"Datum van het document ({DATUMVORMEN}): het anker voor 'in december' "
        "zonder jaar (standaard: geschat uit de titel of de bestandsnaam; "
        "noemen die geen jaar, dan is deze optie nodig).", show_default=False)] = None,
    programma: Annotated[str | None, typer.Option(
        "--programma", help="Welk programma van een hele begroting of jaarstukken: nummer (2) of een woord "
        "uit de titel ('sociaal'). Standaard: de programma's van het sociaal domein.",
        show_default=False)] = None,
    paginas: Annotated[str | None, typer.Option(
        "--paginas", help="Alleen deze pagina's van een PDF lezen, bijvoorbeeld 18-34.",
        show_default=False)] = None,
    verslag: Annotated[bool, typer.Option("--verslag", help="Toon wat er gevonden is, welke pagina's en "
                                          "delen gebruikt en overgeslagen zijn (met regelnummers), welke "
                                          "bedragen geen budget zijn en wat niet te lezen was.")] = False,
    overschrijven: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang programma-*.yaml in een map met een eerder concept, en "
        "personen.yaml alleen als niemand het na de import veranderde: een ingevuld personen.yaml blijft "
        "staan. Andere bestanden laat de importeur staan en dan weigert hij.")] = False,
    regio: Annotated[str | None, typer.Option(
        "--regio", help="Regio voor de schoolvakanties: noord, midden of zuid ('voor de zomervakantie', "
        "'na de herfstvakantie', 'tot de meivakantie'). "
        "Zonder deze optie wordt midden aangenomen en is zo'n datum te controleren.",
        show_default=False)] = None,
) -> None:
    """Maak van een programmadocument een conceptregister: activiteiten, mijlpalen, bedragen."""
    from services.importer.importing import ImportFout, import_document
    from services.written_files import check_writable

    naar_scherm(uitvoer, optie="--uitvoer", opdracht="regie importeer", wat="een map met het conceptregister",
                naam="conceptregister/")
    # the one reading of a date option (regie/datum_optie.parse_date): "01-10-2025" gets "dus 2025-10-01"
    datum = None if documentdatum is None else parse_date(documentdatum, "--documentdatum")
    check_writable(uitvoer, genoemd=f"--uitvoer {uitvoer}")  # before the document is read
    if regio is not None and regio.lower() not in ("noord", "midden", "zuid"):
        raise Stop(f"--regio '{regio}' bestaat niet. Kies noord, midden of zuid.")
    bereik = None
    if paginas is not None:
        found = re.fullmatch(r"\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5}))?\s*", paginas)
        if found is None or int(found.group(2) or found.group(1)) < int(found.group(1)):
            raise Stop(f"--paginas '{paginas[:40]}' is geen paginabereik. Schrijf bijvoorbeeld "
                       "--paginas 18-34 of --paginas 20.")
        bereik = (int(found.group(1)), int(found.group(2) or found.group(1)))
    try:
        result = import_document(document=document, gemeente=gemeente, uitvoer=uitvoer,
                                 documentdatum=datum, overschrijven=overschrijven,
                                 regio=regio.lower() if regio else None,
                                 programma=programma, paginas=bereik)
    except ImportFout as fout:
        raise Stop(fout.melding) from None
    v = result.verslag
    geschat = (f" (geschat uit {result.documentdatum_bron}; geef --documentdatum JJJJ-MM-DD als dat niet "
               "klopt)"
               if result.documentdatum_geschat else "")
    out().print(f"Gelezen als {v.lezer}.", markup=False)
    bestanden = in_getal(len(result.bestanden), "bestand", "bestanden")
    out().print(f"Conceptregister geschreven in {uitvoer}: {bestanden}, "
                f"{in_getal(v.kaarten, 'activiteit', 'activiteiten')}, "
                f"{in_getal(v.mijlpalen_zeker + v.mijlpalen_onzeker, 'mijlpaal', 'mijlpalen')} "
                f"({v.mijlpalen_onzeker} te controleren), {in_getal(v.bedragen, 'bedrag', 'bedragen')}.",
                markup=False, soft_wrap=True)
    out().print(f"Documentdatum {woorden(result.documentdatum)}{geschat}; "
                f"tekst gelezen als {result.codering}.", markup=False)
    if result.personen_bewaard is not None:  # filled in by the user: kept, never replaced by placeholders
        missing = result.personen_bewaard
        extra = (f" Het nieuwe concept noemt ook {', '.join(missing)}: voeg die toe aan personen.yaml."
                 if missing else "")
        err().print(f"Let op: {uitvoer / 'personen.yaml'} is niet vervangen: het is na de import veranderd "
                    f"(ingevuld).{extra} Wilt u toch de lege versie, verwijder het bestand en importeer "
                    "opnieuw.", markup=False, highlight=False, soft_wrap=True)
    for waarschuwing in v.waarschuwingen:
        err().print(Text(f"Let op: {waarschuwing}", style="yellow"))
    if verslag:
        _print_report(v)
    # When the municipality is already loaded, the plain "laad ze" archived its register: the safe way then.
    from regie.livegang import draft_last_line

    out().print(draft_last_line(gemeente.strip(), uitvoer), markup=False, soft_wrap=True)


def _print_report(v) -> None:  # type: ignore[no-untyped-def]
    table = Table(title="Gevonden per programma", title_justify="left", show_edge=False)
    table.add_column("Programma")
    table.add_column("Activiteiten", justify="right")
    for nummer, titel, aantal in v.per_programma:
        table.add_row(cell(f"{nummer}. {titel}"), str(aantal))
    out().print(table)
    for regel in v.gebruikt:
        out().print(f"Gebruikt: {regel}", markup=False)
    out().print(f"Mijlpalen: {v.mijlpalen_zeker} zeker, {v.mijlpalen_onzeker} te controleren (zeker: false).")
    if v.zeker:  # a reviewer checks a few of the sure ones too: the first MAX_ZEKER_GETOOND
        out().print("Zeker (de tekst noemt de dag; neem er een paar door):")
        for titel, bron, lezing, sleutel in v.zeker[:MAX_ZEKER_GETOOND]:
            out().print(f"  • {titel} · '{bron}' → {lezing} ({sleutel})", markup=False)
        if len(v.zeker) > MAX_ZEKER_GETOOND:
            out().print(f"  … en {len(v.zeker) - MAX_ZEKER_GETOOND} meer (zeker: true in de bestanden)",
                        markup=False)
    if v.te_controleren:  # grouped by why, what the text makes doubtful first (domain.documents.verslag)
        geschat = sum(1 for *_, reden in v.te_controleren if reden in GESCHAT)
        out().print(f"Te controleren, per reden: {len(v.te_controleren) - geschat} met een twijfel in de "
                    f"tekst (eerst), {geschat} alleen geschat omdat de tekst geen dag noemt (daarna); de "
                    "hele uitleg staat bij de activiteit onder 'opmerkingen':")
        per_reden: dict[str, list[tuple[str, str, str]]] = {}
        for titel, bron, lezing, reden in v.te_controleren:
            per_reden.setdefault(reden, []).append((titel, bron, lezing))
        for reden in sorted(per_reden, key=VOLGORDE.index):
            out().print(f"  {reden} ({len(per_reden[reden])}):", markup=False)
            for titel, bron, lezing in per_reden[reden]:
                out().print(f"    • {titel} · '{bron}' → {lezing}", markup=False)
    if v.extern:
        out().print("Niet als mijlpaal overgenomen (een landelijke gebeurtenis, geen eigen mijlpaal; alleen "
                    "context, geen herinnering):")
        for titel, bron, lezing in v.extern:
            out().print(f"  • {titel} · '{bron}' → {lezing}", markup=False)
    out().print(f"Bedragen: {v.bedragen}.")
    if v.geen_budget:
        out().print("Niet als budget overgenomen (een tarief, maximum of minimum; het staat bij de "
                    "activiteit onder 'opmerkingen'):")
        for titel, bron, waarom in v.geen_budget:
            out().print(f"  • {titel} · '{bron}': {waarom}", markup=False)
    if v.elders_genoemd:
        out().print("Genoemd in de tekst, niet als bedrag overgenomen (geen kostenveld; neem het over als "
                    "het om het budget van de activiteit gaat):")
        for titel, veld, bronnen in v.elders_genoemd:
            out().print(f"  • {titel} · {veld}: {bronnen}", markup=False)
    if v.onleesbaar:
        out().print("Niet als datum te lezen (vul zelf een datum in waar die er is):")
        for titel, veld, zin in v.onleesbaar:
            out().print(f"  • {titel} · {veld}: {zin}", markup=False)
    if v.overgeslagen:
        out().print("Overgeslagen of aangenomen:")
        for regel in v.overgeslagen:
            out().print(f"  • {regel}", markup=False)
