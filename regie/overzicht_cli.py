"""`regie overzicht`: the coordinator's overview as a spreadsheet (thin: the work is in
services/reports/overview.py and services/reports/overview_files.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regie.datum_optie import DATUMVORMEN


def register(app: typer.Typer) -> None:
    """Add the command to the `regie` app."""
    app.command("overzicht")(overzicht)


def overzicht(
    formaat: Annotated[str, typer.Option("--formaat", help="xlsx (één Excel-bestand) of csv (een map met "
                                         "een bestand per blad).", show_default=False)] = "xlsx",
    uitvoer: Annotated[Path | None, typer.Option(
        "--uitvoer", help="xlsx: het bestand (of een map); csv: een lege map. Standaard "
        "overzicht-JJJJ-MM-DD(.xlsx) in de map overzichten van de datamap (REGIE_DATA_DIR), met --gemeente "
        "overzicht-GEMEENTE-JJJJ-MM-DD(.xlsx).",
        show_default=False)] = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help=f"Stand per deze datum: {DATUMVORMEN} "
                                                  "(standaard vandaag).", show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Alleen deze gemeente.",
                                                 show_default=False)] = None,
    overschrijf: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang een bestaand bestand met dezelfde naam, ook als 'regie overzicht' "
        "het niet (zo) heeft geschreven. Andere bestanden blijven altijd staan.")] = False,
) -> None:
    """Schrijf het overzicht voor de coördinator: per gemeente een blad met de activiteiten, eigenaar,
    status, stoplicht, volgende mijlpaal, dagen te laat, budget/besteed en het laatste antwoord, en een
    blad met alle open mijlpalen."""
    from regie.common import Stop, naar_scherm, out
    from regie.datum_optie import parse_date
    from regie.geen_register import open_register
    from services.reports.overview_files import OverzichtFout, write_overview
    from services.written_files import check_writable

    csv = formaat.lower() == "csv"
    naar_scherm(uitvoer, optie="--uitvoer", opdracht="regie overzicht",
                wat="een map met een CSV-bestand per blad" if csv else "een Excel-bestand",
                naam="overzicht/" if csv else "overzicht.xlsx")
    datum = parse_date(peildatum, "--peildatum")
    if uitvoer is not None:  # a folder no file can be written in: said before the work, nothing half-written
        folder = uitvoer if csv or uitvoer.is_dir() else uitvoer.parent
        check_writable(folder, genoemd=f"--uitvoer {uitvoer}")
    created: list[Path] = []
    with open_register() as session:
        try:
            written = write_overview(session=session, peildatum=datum, formaat=formaat.lower(),
                                     uitvoer=uitvoer, gemeente=gemeente, aangemaakt=created,
                                     overschrijf=overschrijf)
        except OverzichtFout as fout:
            raise Stop(str(fout)) from None
    for folder in created:
        out().print(f"Nieuwe map aangemaakt (bestond nog niet): {folder}", soft_wrap=True)
    from services.rendering import datum as woorden

    out().print(f"Overzicht per {woorden(datum)} geschreven:")
    for path in written:  # the whole path, never broken: it can be copied to open the file
        out().print(f"  {path.expanduser().absolute()}", soft_wrap=True, markup=False)
    if uitvoer is None:
        out().print("Zonder --uitvoer komt het overzicht in de map overzichten van de datamap "
                    "(REGIE_DATA_DIR); kies met --uitvoer een andere plek.", soft_wrap=True)
