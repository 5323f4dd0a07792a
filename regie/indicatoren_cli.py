"""`regie indicatoren importeer BESTAND` and `regie indicatoren vergelijk CODE`: national indicator
figures from CBS and the region's comparison (thin: the work is in services/checkins/indicator_import.py
and services/reports/indicator_compare.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from domain.melding import bedoelt_u
from domain.register.tekstcontrole import aantal

indicatoren = typer.Typer(help="Landelijke indicatoren: cijfers van CBS importeren en de regio vergelijken.",
                          no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the command group to the `regie` app."""
    app.add_typer(indicatoren, name="indicatoren")


def _getal(value: Decimal | None, decimalen: int | None = None) -> str:
    """A figure the Dutch way (12,5); with ``decimalen`` always that many places (12,50), so a table
    column or row never mixes 12 and 11,65."""
    if value is None:
        return "—"
    shown = value.normalize() if decimalen is None else value.quantize(Decimal(1).scaleb(-decimalen))
    shown = abs(shown) if shown.is_zero() else shown  # -0.00 (stored before -0 was read as 0) is 0
    return format(shown, "f").replace(".", ",")


def _decimalen(values: list[Decimal | None]) -> int:
    """The places one table shows every figure with: as many as its most precise figure has (at most 2,
    as stored), so 9,8 beside a mean of 10,65 reads 9,80."""
    places = [-int(v.normalize().as_tuple().exponent) for v in values if v is not None and v.is_finite()]
    return min(max([0, *places]), 2)


def _unknown_code(code: str, known: list[str]) -> str:
    """Why `vergelijk` shows nothing for ``code``: the nearest known code, else the known ones, else
    how a code gets into the register."""
    from services.register.municipalities import known_names

    said = f"Geen indicator met code '{code}' in het register."
    if hint := bedoelt_u(code, known, any_case=True):
        return said + hint
    if known:
        return f"{said} Bekende codes: {known_names(known)}."
    return (f"{said} Nog geen indicator heeft een landelijke code: zet 'code: {code}' bij een indicator "
            "(onder 'indicatoren:') en laad het register opnieuw.")


@indicatoren.command("importeer")
def importeer(
    bestand: Annotated[Path, typer.Argument(help="Een CSV-bestand in de vorm van een CBS-tabel: een regel "
                                            "per gemeentecode (GMxxxx) en periode (2021JJ00), een kolom "
                                            "per maat.",
                                            show_default=False)],
    door: Annotated[str | None, typer.Option("--door", help="Wie importeert: een sleutel uit personen.yaml "
                                             "(standaard REGIE_GEBRUIKER).", show_default=False)] = None,
) -> None:
    """Importeer cijfers van CBS (Monitor Sociaal Domein, waarstaatjegemeente.nl) als metingen van de
    indicatoren met dezelfde code; hetzelfde bestand nog eens importeren voegt niets toe."""
    from domain.reports.cbs import ImportFouten
    from models.clock import today
    from regie.common import Stop, door_of, err, out
    from regie.geen_register import open_register
    from services.checkins.indicator_import import import_cbs, read_cbs_file

    try:
        read_cbs_file(bestand)  # a missing file first, before who records it
        with open_register() as session:
            try:
                door = door_of(session, door)
            except Stop as fout:  # as every refusal of this command: nothing was imported
                said = fout.melding
                if said[:1].isupper() and said[1:2].islower():  # "Wie legt …", not "REGIE_GEBRUIKER …"
                    said = said[0].lower() + said[1:]
                raise Stop(f"Niets geïmporteerd: {said}") from None
            result = import_cbs(session=session, pad=bestand, door=door, vandaag=today())
    except ImportFouten as problem:
        total = len(problem.fouten) + problem.meer
        err().print(f"Niets geïmporteerd: {aantal(total, 'fout', 'fouten')} gevonden. De database "
                    "is niet veranderd.")
        for fout in problem.fouten:
            err().print(f"  • {fout}")
        if problem.meer:
            err().print(f"  … en nog {problem.meer}.")
        raise Stop("Verbeter het bestand en importeer het opnieuw.") from None
    gekoppeld = ", ".join(f"{k} → {c}" if k != c else k for k, c in result.kolommen.items())
    out().print(f"Geïmporteerd uit {bestand.name}: {result.nieuw} nieuw, {result.gewijzigd} gewijzigd, "
                f"{result.ongewijzigd} stond er al.", soft_wrap=True)
    out().print(f"  Kolommen: {gekoppeld}.", soft_wrap=True)
    if result.gemeenten:
        out().print(f"  Gemeenten: {', '.join(sorted(result.gemeenten))}.", soft_wrap=True)
    if result.onbekende_gemeenten:
        codes = sorted(result.onbekende_gemeenten)
        out().print(f"  Overgeslagen: {len(codes)} gemeentecode(s) niet in het register "
                    f"({', '.join(codes[:8])}{' …' if len(codes) > 8 else ''}); zet 'gemeentecode:' in de "
                    "programmabestanden.",
                    soft_wrap=True)
    if result.genegeerd:
        out().print(f"  Niet gebruikt: {len(result.genegeerd)} kolom(men) zonder indicator met die code.",
                    soft_wrap=True)
    if result.geweigerd:  # the other figures were imported; these would make the comparison wrong
        n = len(result.geweigerd)
        out().print(f"  Niet bewaard: {aantal(n, 'cijfer', 'cijfers')} {'dat' if n == 1 else 'die'} de "
                    "indicator niet kan hebben. Controleer het cijfer bij CBS of de eenheid van de "
                    "indicator in het register:", soft_wrap=True)
        for geweigerd in result.geweigerd:
            out().print(f"  • {geweigerd}", soft_wrap=True, markup=False)


@indicatoren.command("vergelijk")
def vergelijk(
    code: Annotated[str, typer.Argument(help="De landelijke code van de indicator (zoals in het register).",
                                        show_default=False)],
    perioden: Annotated[int, typer.Option("--perioden", help="Hoeveel van de laatste perioden tonen.",
                                          min=1, max=40)] = 4,
    soort: Annotated[str | None, typer.Option("--soort", help="jaar, halfjaar, kwartaal of maand (standaard: "
                                              "de soort periode met de meeste cijfers).",
                                              show_default=False)] = None,
) -> None:
    """Toon per gemeente in de regio de cijfers van één landelijke indicator, de streefwaarde en de rang."""
    from rich.table import Table

    from domain.reports.cbs import period_label
    from regie.common import Stop, cell, out
    from regie.geen_register import open_register
    from services.reports.indicator_compare import SOORTEN, compare, known_codes

    if soort is not None and soort.lower() not in SOORTEN:
        raise Stop(f"--soort '{soort}' bestaat niet. Kies jaar, halfjaar, kwartaal of maand.")
    with open_register() as session:
        table = compare(session=session, code=code, perioden=perioden,
                        soort=SOORTEN[soort.lower()] if soort else None)
        codes = known_codes(session=session) if table is None else []
    if table is None:
        raise Stop(_unknown_code(code, codes))
    richting = {"hoger-is-beter": "hoger is beter", "lager-is-beter": "lager is beter"}.get(
        table.richting or "", "richting onbekend")
    # Readable at 80 columns: the municipality names the row (the indicator's id, long, is said below
    # the table), then the periods, the target, met and rank.
    out().print(cell(f"{table.naam} ({table.code}; {table.eenheid or 'geen eenheid'}; {richting})"))
    shown = Table()
    twice = {r.gemeente for r in table.regels if sum(o.gemeente == r.gemeente for o in table.regels) > 1}
    shown.add_column("Gemeente", overflow="fold", min_width=11)
    for period in table.perioden:
        shown.add_column(period_label(period), justify="right")
    shown.add_column("Streefwaarde", justify="right")
    shown.add_column("Gehaald")
    shown.add_column("Rang", justify="right")
    places = _decimalen([*(r.waarden.get(p) for r in table.regels for p in table.perioden),
                         *(r.streefwaarde for r in table.regels), *table.gemiddelde.values()])
    for regel in table.regels:
        gehaald = {True: "ja", False: "nee", None: "—"}[regel.gehaald]
        naam = f"{regel.gemeente} ({regel.indicator})" if regel.gemeente in twice else regel.gemeente
        shown.add_row(cell(naam), *(_getal(regel.waarden.get(p), places) for p in table.perioden),
                      _getal(regel.streefwaarde, places), gehaald, str(regel.rang) if regel.rang else "—")
    if table.gemiddelde:
        shown.add_row("Gemiddeld", *(_getal(table.gemiddelde.get(p), places) for p in table.perioden), "", "",
                      "")
    out().print(shown)
    if table.regels and any(r.rang for r in table.regels):
        out().print("Rang: 1 is de beste in de regio in de laatste periode. Gemiddeld: het ongewogen "
                    "gemiddelde van de gemeenten.")
    if table.regels:
        out().print("De indicatoren in het register:")
        for regel in table.regels:
            out().print(cell(f"  {regel.gemeente}: {regel.indicator}"))
    if not table.perioden:
        out().print("Nog geen cijfers: importeer ze met 'regie indicatoren importeer BESTAND'.")
