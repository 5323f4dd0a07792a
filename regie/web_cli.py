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
    from models.settings import get_settings
    from regie.cli import _session, out
    from web.server import serve

    with _session():
        pass  # migrate first
    settings = get_settings()
    port = poort or settings.web_poort
    out().print(f"Antwoordpagina: http://127.0.0.1:{port} "
                f"(persoonlijke links: {settings.web_base_url}/mijn/…)",
                markup=False)
    out().print("Een link voor iemand: regie link PERSOON. Stop met Ctrl-C.")
    serve(port, settings.web_processen)


def link(
    persoon: Annotated[str, typer.Argument(help="De sleutel van de persoon (uit personen.yaml), of "
                                                "'intrekken' gevolgd door die sleutel.", metavar="PERSOON",
                                                show_default=False)],
    intrekken_van: Annotated[str | None, typer.Argument(help="Bij 'intrekken': de sleutel van de persoon.",
                                                        metavar="PERSOON", show_default=False)] = None,
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="De gemeente, als de sleutel in meer "
                                                 "gemeenten voorkomt.", show_default=False)] = None,
) -> None:
    """Druk een nieuwe persoonlijke link naar "Mijn activiteiten" af, of trek met
    `regie link intrekken PERSOON` alle eerdere links van iemand in."""
    from sqlmodel import select

    from models.settings import get_settings
    from models.tables import Municipality, Person
    from regie.cli import Stop, _session, out
    from web.links import personal_link, revoke

    revoking = persoon == "intrekken" and intrekken_van is not None
    if intrekken_van is not None and not revoking:
        raise Stop(f"Onverwacht extra argument '{intrekken_van}'. Schrijf 'regie link PERSOON' of "
                   "'regie link intrekken PERSOON'.")
    key = intrekken_van if revoking else persoon
    with _session() as session:
        query = select(Person, Municipality).join(Municipality, Municipality.id == Person.gemeente_id).where(
            Person.sleutel == key, Person.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        if gemeente:
            query = query.where(Municipality.naam.ilike(gemeente))  # type: ignore[attr-defined]
        found = session.exec(query).all()
        if not found:
            where = f" in {gemeente}" if gemeente else ""
            raise Stop(f"Persoon '{key}' bestaat niet{where}. Gebruik de sleutel "
                       "uit personen.yaml (zie 'regie status').")
        if len(found) > 1:
            raise Stop(f"Persoon '{key}' staat in meer dan één gemeente. Geef --gemeente NAAM mee.")
        person, municipality = found[0]
        assert person.id is not None
        if revoking:
            revoke(session=session, person=person)
            out().print(f"Alle eerdere links van {person.naam} ({municipality.naam}) werken niet meer. "
                        f"Een nieuwe link: regie link {person.sleutel}. Het volgende overzicht bevat er ook "
                        "een.", markup=False)
            return
        url = personal_link(person.id)
    out().print(f"Persoonlijke link van {person.naam} ({municipality.naam}), "
                f"{get_settings().link_dagen} dagen "
                "geldig. Deel hem alleen met deze persoon:", markup=False)
    out().print(url, markup=False, soft_wrap=True)
