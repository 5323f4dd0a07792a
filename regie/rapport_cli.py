"""`regie rapport` and `regie agenda`: a progress report now and a person's calendar file (thin: the
work is in services/reports/report_run.py, services/reports/reporting.py and services/calendars/agenda.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from domain.register.tekstcontrole import aantal
from regie.common import Stop, err, naar_scherm, out
from regie.datum_optie import DATUMVORMEN, parse_date
from regie.geen_register import open_register


def rapport(
    vergadering: Annotated[str, typer.Option("--vergadering", help="mosd, poho of raad (de openbare versie).",
                                             show_default=False)],
    peildatum: Annotated[str | None, typer.Option("--peildatum", help=f"Stand per deze datum: {DATUMVORMEN} "
                                                  "(standaard vandaag).", show_default=False)] = None,
    uitvoer: Annotated[Path | None, typer.Option("--uitvoer", help="Map voor het HTML- en PDF-bestand "
                                                 "(standaard de map handmatig naast het rapportarchief in "
                                                 "de datamap).",
                                                 show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option(
        "--gemeente", help="Alleen voor deze gemeente (standaard: elke gemeente in het register).",
        show_default=False)] = None,
    overschrijf: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang in de map van --uitvoer een bestaand bestand met dezelfde naam, "
        "ook als 'regie rapport' het niet (zo) heeft geschreven. Andere bestanden blijven altijd "
        "staan.")] = False,
) -> None:
    """Maak nu een voortgangsrapportage (HTML en PDF) voor de eerstvolgende MOSD-, PoHo- of raadsvergadering;
    er wordt niets verstuurd of vastgelegd. In de map van --uitvoer vervangt het alleen eigen bestanden
    die sindsdien niet zijn veranderd; staat er een ander bestand met dezelfde naam, dan wordt er niets
    geschreven (tenzij --overschrijven)."""
    from models.settings import get_settings
    from services.rendering import vergadering as naam_van
    from services.reports.report_run import reports_now
    from services.reports.reporting import NAMEN
    from services.written_files import check_writable

    naar_scherm(uitvoer, optie="--uitvoer", opdracht="regie rapport", naam="rapporten/",
                wat="een map met een HTML- en een PDF-bestand per gemeente")
    soort = vergadering.lower()
    if soort not in NAMEN:
        raise Stop(f"--vergadering '{vergadering}' bestaat niet. Kies mosd, poho of raad.")
    datum = parse_date(peildatum, "--peildatum")
    if uitvoer is not None and any(p.exists() and not p.is_dir() for p in (uitvoer, *uitvoer.parents)):
        raise Stop(f"--uitvoer {uitvoer} is geen map (of ligt in een bestand); er is niets geschreven. "
                   "Geef met --uitvoer een map op.")
    if uitvoer is not None:
        check_writable(uitvoer, genoemd=f"--uitvoer {uitvoer}")
    with open_register() as session:
        made = reports_now(session=session, soort=soort, peildatum=datum, settings=get_settings(),
                           gemeente=gemeente, uitvoer=uitvoer, overschrijf=overschrijf)
    if not made:
        raise Stop("Geen gemeente gevonden. Laad eerst een register met: regie laad MAP")
    for one in made:
        # " voor het MOSD van 25 juni 2020", as the report's first line and its mail name the meeting
        when = (f" voor {naam_van(NAMEN[soort], one.vergaderdatum)}" if one.vergaderdatum
                else " (geen vergadering in de kalender)")
        g = one.gemaakt
        # Beside the PDF and the web page: the mail's version, its text part and the charts.
        extra = len(g.grafieken) + 2
        charts = f" en {aantal(len(g.grafieken), 'grafiek', 'grafieken')}" if g.grafieken else ""
        made_files = (f"{g.pdf_pad} en {g.html_pad.name}, met {extra} bestanden ernaast (de versie voor de "
                      f"mail{',' if charts else ' en'} de platte tekst{charts})")
        out().print(f"{one.gemeente}{when}: {made_files} (niets verstuurd of vastgelegd)", markup=False,
                    soft_wrap=True)  # a path is never broken: it can be copied whole
    # A report, not an overview (`regie overzicht` is another command): the word it and the file share.
    wat = "Deze rapporten tellen" if len(made) > 1 else "Dit rapport telt"
    out().print(f"{wat} niet als vorige rapportage: de volgende rapportage die de dienst verstuurt, "
                "vergelijkt met de laatste die de dienst zelf verstuurde.", markup=False)


def agenda(
    persoon_arg: Annotated[str | None, typer.Argument(
        metavar="PERSOON", help="Sleutel uit personen.yaml (of met --persoon).", show_default=False)] = None,
    persoon_optie: Annotated[str | None, typer.Option(
        "--persoon", help="Sleutel uit personen.yaml (of zonder --persoon, als bij regie link).",
        show_default=False)] = None,
    uitvoer: Annotated[Path | None, typer.Option(
        "--uitvoer", help="Bestand (.ics); standaard (of met --uitvoer -) naar het scherm.",
        show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option(
        "--gemeente", help="De gemeente, als de sleutel in meer gemeenten voorkomt.",
        show_default=False)] = None,
    overschrijf: Annotated[bool, typer.Option(
        "--overschrijven", help="Vervang het bestand van --uitvoer, ook als 'regie agenda' het niet (zo) "
        "heeft geschreven.")] = False,
) -> None:
    """Schrijf iemands agenda (.ics) voor Outlook of een andere agenda: open mijlpalen, termijnen van
    subsidieverantwoording en de vergaderingen van de rol; hetzelfde punt houdt dezelfde UID, dus
    opnieuw importeren werkt bij, en wat verviel staat er een tijd als geannuleerd in."""
    from models.types import utcnow
    from services.calendars.agenda import calendar_of

    with open_register() as session:
        persoon = _one_person(session, persoon_arg, persoon_optie)
        data, problemen = calendar_of(session=session, sleutel=persoon, gemeente=gemeente, nu=utcnow())
    for probleem in problemen:  # each by register file, line and field; the calendar itself is data
        err().print(Text(f"Niet (helemaal) in de agenda: {probleem}", style="yellow"))
    if data is None:
        raise Stop(f"De agenda van {persoon} is niet geschreven; verbeter het register en laad opnieuw.")
    if uitvoer is None or naar_scherm(uitvoer, optie="--uitvoer", opdracht="regie agenda"):
        sys.stdout.write(data.decode())
        return
    from services.written_files import check_file, check_writable, write_files

    check_writable(uitvoer.parent, genoemd=f"--uitvoer {uitvoer}")
    # A file someone else wrote (or changed since) is theirs: replaced only when asked.
    check_file(uitvoer, opdracht="regie agenda", overschrijf=overschrijf)
    uitvoer.parent.mkdir(parents=True, exist_ok=True)
    write_files([(uitvoer, data)])
    out().print(f"Agenda geschreven: {uitvoer}", markup=False, soft_wrap=True)


def _one_person(session: object, arg: str | None, optie: str | None) -> str:
    """The person, given as `regie agenda PERSOON` (as `regie link PERSOON`) or with --persoon: a trial
    typed the first and read that --persoon was missing, with the demo's key as the example."""
    from services.register.municipalities import person_keys

    if arg and optie and arg != optie:
        raise Stop(f"Twee personen: '{arg}' en --persoon {optie}. Geef er één, bijvoorbeeld: regie agenda "
                   f"{optie}")
    if arg or optie:
        return arg or optie  # type: ignore[return-value]
    keys = person_keys(session=session)  # type: ignore[arg-type]
    example = keys[0] if keys else "SLEUTEL"
    raise Stop(f"Van wie is de agenda? Geef de sleutel uit personen.yaml, bijvoorbeeld: regie agenda "
               f"{example}")
