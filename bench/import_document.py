"""Benchmark: importing a programme document and reading tijdpad phrases; prints its figures.

Targets (issue 3): the whole Bronckhorst document imported in ≤ 1 s; the tijdpad reader
≥ 10,000 phrases/s. Usage: python bench/import_document.py [DOCUMENT]
(default: ../shared/documents/bronckhorst-…txt; a synthetic document of the same size if absent).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.documents.tijdpad import lees_tijdpad  # noqa: E402
from services.importer.importing import import_document  # noqa: E402

DEFAULT = (ROOT.parent / "shared" / "documents"
           / "bronckhorst-uitvoeringsprogrammas-2019-2022-programma-1-3.txt")
PHRASES = [
    "Collegebesluit september 2020 over de voortgang Pilot Jeugd POH/SOH.",
    "Medio 2020 gaan we de pilot evalueren.", "De pilot loopt van november 2018 tot november 2020.",
    "De beleidsregels OAB zijn inmiddels vastgesteld en gaan per 1 januari 2020 in.",
    "Het uitvoeringsplan gaan we begin 2020 verder concretiseren.", "Actueel aanbod.",
    "Juli 2019: gestart met werkgroep. Januari 2020 vaststellen plan door college. "
    "Na vaststelling implementatie.",
    "2019 uitvoeren nulmeting lokaal beleid 2019 opstellen plan van aanpak 2020 opstellen inclusieagenda",
    "• Najaar 2020 interview • Jaarlijks op 11 oktober de regenboogvlag • de tweede vrijdag van december",
    "Per thema werken we de komende tijd aan de afspraken, in het voorjaar 2020 gemaakt.",
    "In de eerste helft van 2021 bereiden we ons voor. Op 1 juli 2021 start dan de implementatie.",
    "Evaluatie voor eind 2020", "Verantwoording vóór 1 mei", "3e kwartaal 2020 certificaat behaald.",
    "looptijd tot eind 2019", "Kwartaalrapportages aan het college", "de komende 2 jaar", "Winterswijk",
    "Besluit voor de zomervakantie 2020", "2020 en volgende jaren",
]
SYNTHETIC_CARD = """Activiteit Voorbeeldactiviteit {n} |
|
Toelichting Een pilot die loopt tot november 2020; de kosten zijn jaarlijks € 23.190,60. |
Wat gaan we doen Medio 2020 gaan we de pilot evalueren. |
Tijdpad Collegebesluit september 2020 over de voortgang. Najaar 2019 gestart. |
Kosten/baten € 6.000,-- tot € 8.000,- eenmalig. |
Monitoring Kwartaalrapportages aan MOSD en PoHo. |
"""


def _document(argument: list[str], work: Path) -> Path:
    if argument:
        return Path(argument[0])
    if DEFAULT.exists():
        return DEFAULT
    synthetic = work / "synthetisch-uitvoeringsprogramma-2019-2022.txt"
    synthetic.write_text("Uitvoeringsprogramma 1: Voorbeeld\n" + "".join(
        SYNTHETIC_CARD.format(n=n) for n in range(40)), encoding="utf-8")
    return synthetic


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="regie-bench-import-"))
    document = _document(sys.argv[1:], work)
    timings = []
    for run in range(7):
        out = work / f"out-{run}"
        start = time.perf_counter()
        result = import_document(document=document, gemeente="Bench", uitvoer=out,
                                 documentdatum=dt.date(2019, 10, 1))
        timings.append(time.perf_counter() - start)
    v = result.verslag
    print(f"document: {document.name} ({document.stat().st_size / 1024:.0f} KB): {v.kaarten} activiteiten, "
          f"{v.mijlpalen_zeker + v.mijlpalen_onzeker} mijlpalen, {v.bedragen} bedragen")
    print(f"import (decode, parse, read dates, write, check that it loads): median "
          f"{statistics.median(timings) * 1000:.0f} ms, first {timings[0] * 1000:.0f} ms  (target ≤ 1000 ms)")
    phrases = PHRASES * 1000
    start = time.perf_counter()
    count = 0
    for phrase in phrases:
        count += len(lees_tijdpad(phrase, veld="tijdpad", documentdatum=dt.date(2019, 10, 1)).mijlpalen)
    seconds = time.perf_counter() - start
    print(f"tijdpad reader: {len(phrases):,} phrases in {seconds:.2f} s = {len(phrases) / seconds:,.0f} "
          f"phrases/s ({count:,} milestones)  (target ≥ 10,000/s)")


if __name__ == "__main__":
    main()
