"""`regie web`, `regie link PERSOON` and `regie link intrekken PERSOON`: the answer page and
its personal links (thin: the work is in web/)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the commands to the `regie` app."""
    app.command("web")(web)
    app.command("link")(link)


def web(
    poort: Annotated[int | None, typer.Option("--poort", help="Poort op 127.0.0.1 (standaard "
                                               "REGIE_WEB_POORT, "
                                               "8400).", show_default=False)] = None,
) -> None:
    """Start alleen de antwoordpagina ("Mijn activiteiten") op 127.0.0.1. Stop met Ctrl-C."""
    import os

    from models.settings import get_settings
    from regie.common import open_session, out
    from web.server import serve

    if poort is not None:
        # The port served on is the port of every link made here (personal links printed below, links on
        # the page, the worker processes' settings), unless REGIE_WEB_URL names another address.
        os.environ["REGIE_WEB_POORT"] = str(poort)
        get_settings.cache_clear()
    with open_session():
        pass  # migrate first
    settings = get_settings()
    port = settings.web_poort
    _refuse_taken(port, settings.data_dir)

    def started() -> None:  # said once the page answers: before, the address came ≈ 45 s too early
        out().print(f"Antwoordpagina: http://127.0.0.1:{port} "
                    f"(persoonlijke links: {settings.web_base_url}/mijn/…)",
                    markup=False, soft_wrap=True)  # an address is never broken over two lines
        out().print("Een link voor iemand: regie link PERSOON. Stop met Ctrl-C.")

    serve(port, settings.web_processen, on_started=started,
          on_slow=lambda: out().print("De antwoordpagina is bezig met starten…"))
    # Ctrl-C ends serve() quietly: said, as `regie dienst` says "De dienst is gestopt." (a trial: the page
    # stopped without a word, and a coordinator could not tell a stop from a hang).
    out().print("De antwoordpagina is gestopt; persoonlijke links werken weer als u regie web of "
                "regie dienst start.")


def _refuse_taken(port: int, data_dir: object) -> None:
    """Stop in Dutch when the port is taken (it said "Interne fout (OSError)" with two worker processes):
    by our own answer page (this data directory or another), or by another program; a free port near."""
    from regie.common import Stop
    from regie.dienst import _free_near
    from services.operations.own_page import ZELFDE, page_on_port
    from services.operations.service_state import port_free

    if port_free(port):
        return
    whose = page_on_port(port, data_dir)  # type: ignore[arg-type]
    free = _free_near(port)
    # REGIE_WEB_POORT, not --poort: `regie link` in the same terminal then makes links to that port too
    how = ("een andere poort met de instelling REGIE_WEB_POORT (ook voor regie link)"
           + (f", bijvoorbeeld: export REGIE_WEB_POORT={free} en dan regie web (poort {free} is nu vrij)."
              if free else "."))
    if whose == ZELFDE:
        raise Stop(f"De antwoordpagina voor deze datamap draait al op poort {port} (regie web of regie "
                   "dienst): de persoonlijke links van regie link werken dus al, en een tweede pagina start "
                   f"niet. Wilt u er toch een, kies dan {how}")
    who = "de antwoordpagina van programmaregie voor een andere datamap" if whose else "een ander programma"
    raise Stop(f"Poort {port} op 127.0.0.1 is al in gebruik door {who}; de antwoordpagina start niet. Stop "
               f"dat programma (een antwoordpagina: Ctrl-C in zijn venster), of kies {how}")


def link(
    persoon: Annotated[str, typer.Argument(help="De sleutel van de persoon (uit personen.yaml) of het "
                                                "e-mailadres waarop die de mail krijgt, of 'intrekken' "
                                                "gevolgd door een van die twee.", metavar="PERSOON",
                                                show_default=False)],
    intrekken_van: Annotated[str | None, typer.Argument(help="Bij 'intrekken': de sleutel of het e-mailadres "
                                                             "van de persoon.",
                                                        metavar="PERSOON", show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="De gemeente, als de sleutel in meer "
                                                 "gemeenten voorkomt.", show_default=False)] = None,
) -> None:
    """Druk een nieuwe persoonlijke link naar "Mijn activiteiten" af, of trek met
    `regie link intrekken PERSOON` alle eerdere links van iemand in."""
    from domain.register.tekstcontrole import met_haakjes
    from models.settings import get_settings
    from regie.common import Stop, out
    from regie.geen_register import open_register
    from services.register.municipalities import find_person
    from web.links import personal_link, revoke

    if persoon == "intrekken" and intrekken_van is None:
        raise Stop("Van wie trekt u de links in? Schrijf 'regie link intrekken PERSOON', met de sleutel "
                   "uit personen.yaml.")
    revoking = persoon == "intrekken"
    if intrekken_van is not None and not revoking:
        raise Stop(f"Onverwacht extra argument '{intrekken_van}'. Schrijf 'regie link PERSOON' of "
                   "'regie link intrekken PERSOON'.")
    with open_register() as session:
        person, municipality = find_person(
            session=session, sleutel=intrekken_van if revoking else persoon, gemeente=gemeente)
        assert person.id is not None
        who = met_haakjes(person.naam, municipality.naam)
        if revoking:
            revoke(session=session, person=person)
            out().print(f"Alle eerdere links van {who} werken niet meer. "
                        f"Een nieuwe link: regie link {person.sleutel}. Het volgende overzicht bevat er ook "
                        "een.", markup=False)
            return
        url = personal_link(person.id)
    out().print(f"Persoonlijke link van {who}, "
                f"{get_settings().link_dagen} dagen "
                "geldig. Deel hem alleen met deze persoon:", markup=False)
    out().print(url, markup=False, soft_wrap=True)
    settings = get_settings()
    if settings.web_url is None:  # a link to 127.0.0.1 works only where the answer page runs on that port
        out().print(f"De link werkt zolang de antwoordpagina draait op {settings.web_base_url} (regie "
                    "dienst, of regie web zonder --poort). Een ander adres of een andere poort: stel "
                    "REGIE_WEB_URL of REGIE_WEB_POORT in.", markup=False)
