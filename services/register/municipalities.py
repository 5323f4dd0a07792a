"""Finding municipalities and people by the names a user types: any case, and when nothing matches,
a Dutch message that names what does exist."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, select

from domain.register.addresses import bare_address, email_address
from domain.register.errors import NietGevonden
from domain.register.tekstcontrole import shell_word
from models.tables import Municipality, Person
from services.register.candidates import meant_text

__all__ = ["NietGevonden", "active_people", "find_person", "first_regisseur", "in_several", "known_names",
           "loaded_municipality", "municipalities", "owner_key", "person_keys", "person_name"]


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def known_names(names: list[str], limit: int = 12) -> str:
    """'Bronckhorst, Lochem en Zutphen' (and how many more): the names a user can choose from."""
    shown = [f"'{n}'" for n in names[:limit]]
    if len(names) > limit:
        return f"{', '.join(shown)} en nog {len(names) - limit}"
    return " en ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)


def in_several(session: Session, gemeente_ids: Iterable[int | None]) -> str:
    """What to write when a key the user typed is in more than one municipality, naming them: "staat in
    Lochem en Zutphen: geef --gemeente Lochem of --gemeente Zutphen mee." (after the key)."""
    names = sorted(session.exec(select(Municipality.naam).where(
        Municipality.id.in_({i for i in gemeente_ids if i is not None}))))  # type: ignore[union-attr]
    listed = " en ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    return f"staat in {listed}: geef {' of '.join(f'--gemeente {shell_word(n)}' for n in names)} mee."


def register_loaded(*, session: Session) -> bool:
    """Whether a register was loaded into this database (it holds a municipality)."""
    return session.exec(select(Municipality.id).limit(1)).first() is not None


def municipalities(*, session: Session, gemeente: str | None = None) -> list[Municipality]:
    """Every municipality by name, or the one called ``gemeente`` in any case. An empty database
    gives an empty list; a name that matches none raises ``NietGevonden`` naming the known ones."""
    found = list(session.exec(select(Municipality).order_by(Municipality.naam)))
    if not gemeente or not found:
        return found
    chosen = [m for m in found if _same(m.naam, gemeente)]
    if not chosen:
        raise NietGevonden(f"Geen gemeente gevonden met de naam '{gemeente}'. Bekende gemeenten: "
                           f"{known_names([m.naam for m in found])}.")
    return chosen


def loaded_municipality(*, session: Session, naam: str) -> tuple[str, int] | None:
    """The municipality called ``naam`` (any case) as loaded, with its number of active activities; None
    when no such municipality is loaded."""
    from models.tables import Activity

    found = next((m for m in session.exec(select(Municipality)) if _same(m.naam, naam)), None)
    if found is None:
        return None
    active = session.exec(select(func.count()).select_from(Activity).where(
        Activity.gemeente_id == found.id, Activity.gearchiveerd_op.is_(None))).one()  # type: ignore[union-attr]
    return found.naam, int(active)


def active_people(*, session: Session, gemeente: str | None = None
                  ) -> tuple[list[Person], dict[int | None, Municipality]]:
    """Everyone still in the register (in ``gemeente`` when given), and the municipalities by id."""
    places: dict[int | None, Municipality] = {
        m.id: m for m in municipalities(session=session, gemeente=gemeente)}
    active = [p for p in session.exec(select(Person).where(Person.gearchiveerd_op.is_(None)))  # type: ignore[union-attr]
              if p.gemeente_id in places]
    return active, places


def find_person(*, session: Session, sleutel: str,
                gemeente: str | None = None) -> tuple[Person, Municipality]:
    """The person with key ``sleutel`` (from personen.yaml) who is still in the register, and their
    municipality; also by the address they get their mail on ("anna@example.org", also written
    "mailto:anna@example.org") or by their naam (any case). ``NietGevonden`` when none or when more than
    one matches."""
    active, places = active_people(session=session, gemeente=gemeente)
    typed = sleutel.strip()
    found = [p for p in active if p.sleutel == typed]
    adres = _address_typed(typed)
    if not found and "@" in adres:  # a key has no @: the address a person gets their mail on
        found = [p for p in active if _has_address(p.kanalen, adres)]
        if not found:
            raise NietGevonden(f"Niemand in het register krijgt mail op '{adres}'. Gebruik de sleutel van "
                               "de persoon uit personen.yaml, of het adres zoals het bij kanalen staat.")
    if not found:  # the naam from personen.yaml, as `regie laad` suggests it
        found = [p for p in active if _same(" ".join(p.naam.split()), " ".join(typed.split()))]
        if len(found) > 1:
            keys = " of ".join(f"{p.sleutel} ({places[p.gemeente_id].naam})" for p in found)
            raise NietGevonden(f"'{typed}' is de naam van meer dan één persoon. Gebruik de sleutel: {keys}.")
    if not found:
        where = f" in {places[next(iter(places))].naam}" if gemeente and places else ""
        hint = meant_text(typed, active, places)
        if not hint and 0 < len(active) <= 15:  # no one near: the keys to choose from, as --door lists them
            hint = f" De sleutels: {', '.join(sorted(p.sleutel for p in active))}."
        raise NietGevonden(f"Persoon '{typed}' bestaat niet{where}: geen sleutel of naam in personen.yaml "
                           f"luidt zo.{hint} Gebruik de sleutel of de naam van de persoon zoals die in "
                           "personen.yaml staat.")
    if len(found) > 1:
        raise NietGevonden(f"Persoon '{typed}' {in_several(session, (p.gemeente_id for p in found))}")
    return found[0], places[found[0].gemeente_id]


def _address_typed(typed: str) -> str:
    """The address in what a user typed: without a mailto: or mailto:// prefix (any case) and spaces."""
    return "".join(bare_address(typed).split())


def _has_address(kanalen: list[str], adres: str) -> bool:
    """Whether one of ``kanalen`` is a mail channel to ``adres`` (any case): "mailto://adres", a bare
    address, "mailtos://…?to=adres", the address whole, not inside a longer one."""
    whole = re.compile(r"(?<![\w.+-])" + re.escape(adres.strip()) + r"(?![\w.-])", re.IGNORECASE)
    return any((email_address(kanaal) or "").casefold() == adres.casefold()
               or (kanaal.lower().startswith("mailto") and whole.search(kanaal)) for kanaal in kanalen)


def person_keys(*, session: Session, rol: str | None = None) -> list[str]:
    """The keys (from personen.yaml) of everyone still in the register, in any municipality; with
    ``rol`` only of those who have that role."""
    people = session.exec(select(Person).where(Person.gearchiveerd_op.is_(None)))  # type: ignore[union-attr]
    return sorted({p.sleutel for p in people if rol is None or rol in p.rollen})


def first_regisseur(*, session: Session) -> tuple[Person, Municipality] | None:
    """The first regisseur still in the register (by municipality name): whom the demo shows."""
    for person, municipality in session.exec(
            select(Person, Municipality).join(Municipality, Municipality.id == Person.gemeente_id)  # type: ignore[arg-type]
            .where(Person.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
            .order_by(Municipality.naam, Person.id)):
        if "regisseur" in person.rollen:
            return person, municipality
    return None


def owner_key(*, session: Session, activiteit: str | None = None, programma_id: int | None = None,
              gemeente: str | None = None) -> str | None:
    """The key of whoever answers for an activity (its owner) or a programme (its regisseur), to offer
    as the example of --door; None when the reference does not name exactly one (its own refusal says
    why, after --door)."""
    from models.tables import Activity, Programme

    table: type = Activity if activiteit is not None else Programme
    column = Activity.eigenaar_id if activiteit is not None else Programme.regisseur_id
    query = select(Person.sleutel).join(table, column == Person.id).where(  # type: ignore[arg-type]
        table.gearchiveerd_op.is_(None))  # type: ignore[attr-defined]
    if activiteit is not None:
        query = query.where(Activity.sleutel == activiteit)
    elif programma_id is not None:
        query = query.where(Programme.id == programma_id)
    else:
        return None
    if gemeente:
        query = query.join(Municipality, Municipality.id == Person.gemeente_id).where(  # type: ignore[arg-type]
            func.lower(Municipality.naam) == gemeente.strip().lower())
    found = set(session.exec(query))
    return found.pop() if len(found) == 1 else None


def person_name(*, session: Session, sleutel: str, gemeente_id: int | None = None,
                gemeente: str | None = None) -> str:
    """The name (from personen.yaml) of the person with key ``sleutel``, as the report, the overview and
    `regie geschiedenis` name who recorded something; preferably in ``gemeente_id`` (or the municipality
    named ``gemeente``). A key that names nobody (the daily check, the command line) is returned as is."""
    query = select(Person).where(Person.sleutel == sleutel).order_by(
        Person.gearchiveerd_op.is_not(None), Person.id)  # type: ignore[union-attr]
    if gemeente:
        query = query.join(Municipality, Municipality.id == Person.gemeente_id).where(  # type: ignore[arg-type]
            func.lower(Municipality.naam) == gemeente.strip().lower())
    found = list(session.exec(query))
    chosen = next((p for p in found if p.gemeente_id == gemeente_id), found[0] if found else None)
    return chosen.naam if chosen is not None else sleutel
