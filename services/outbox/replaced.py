"""The message to a person whose date a load replaced (services/register/replaced_answers.py): a
regisseur moved a milestone on the answer page, the coordinator loaded a file with another date, and
the regisseur then got reminders for a date he had not given, without knowing why. Now he is told once,
in a message of its own ("Uw datum voor „…” is aangepast"), on the channels of his reminders.

Queued in the load's transaction (a failed load or a plan queues nothing), once per replaced answer
(the once-only key holds the answer's history row), as ``wachtend``: `regie laad` sends it at once
(``send_now``) and the next daily check sends what that could not (it claims every waiting message)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select, update
from sqlmodel import Session

from domain.rules.regels import GEEN_DATUM
from models.bulk import insert_new
from models.tables import Activity, Municipality, Person, Programme, SentReminder
from models.types import utcnow
from services.outbox.answer_links import answer_links
from services.outbox.messages import AANGEPAST, Bericht, Bundel, Item, reply_line
from services.rendering import render

H = SentReminder.__table__  # type: ignore[attr-defined]
_KEY = ("onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id")


@dataclass(frozen=True)
class Aanpassing:
    """A date a person gave that a load replaces: who (``persoon_id``), which answer (``wijziging_id``,
    its history row), which date of which milestone, what they gave when and why, what the file sets."""

    persoon_id: int
    wijziging_id: int
    mijlpaal_id: int
    activiteit_id: int
    omschrijving: str
    veld: str                # uiterlijk | vroegst | gereed
    oud: str | None          # the date the person gave (None: they reopened the milestone)
    nieuw: str | None        # the file's date (None: the file gives none)
    gegeven: dt.date         # when they gave it
    reden: str | None


class Sleutel(NamedTuple):
    """A queued message's once-only key (store.keys takes these)."""

    onderwerp: str
    onderwerp_id: int
    regel: str
    fase: str
    vervaldatum: dt.date
    ontvanger_id: int


def _key(a: Aanpassing) -> Sleutel:
    nieuw = dt.date.fromisoformat(a.nieuw[:10]) if a.nieuw else GEEN_DATUM
    return Sleutel("mijlpaal", a.mijlpaal_id, AANGEPAST, f"{a.veld}-{a.wijziging_id}", nieuw, a.persoon_id)


def queue(*, session: Session, aanpassingen: list[Aanpassing], geladen: dt.date) -> list[Sleutel]:
    """Queue one message per replaced answer (once: a key queued before is left as it is), in the
    caller's transaction; returns their keys."""
    if not aanpassingen:
        return []
    ids = {a.activiteit_id for a in aanpassingen}
    activities = {aid: (titel, eigenaar, gid, f"{gemeente} · programma {nummer}: {ptitel}")
                  for aid, titel, eigenaar, gid, gemeente, nummer, ptitel in session.execute(
                      select(Activity.id, Activity.titel, Activity.eigenaar_id, Activity.gemeente_id,
                             Municipality.naam, Programme.nummer, Programme.titel)
                      .join(Programme, Programme.id == Activity.programma_id)  # type: ignore[arg-type]
                      .join(Municipality, Municipality.id == Activity.gemeente_id)  # type: ignore[arg-type]
                      .where(Activity.id.in_(ids)))}  # type: ignore[union-attr]
    coordinators: dict[int, list[tuple[int, str]]] = {}
    for pid, gid, naam, rollen in session.execute(select(Person.id, Person.gemeente_id, Person.naam,
                                                         Person.rollen).where(
            Person.gemeente_id.in_({v[2] for v in activities.values()}),  # type: ignore[attr-defined]
            Person.gearchiveerd_op.is_(None)).order_by(Person.id)):  # type: ignore[union-attr]
        if "coordinator" in (rollen or ()):
            coordinators.setdefault(gid, []).append((pid, naam))
    now = utcnow()
    keys, rows = [], []
    for a in aanpassingen:
        titel, eigenaar, gid, programma = activities[a.activiteit_id]
        key = _key(a)
        keys.append(key)
        rows.append((*key, gid, {
            "regel": AANGEPAST, "onderwerp": "mijlpaal", "onderwerp_id": a.mijlpaal_id,
            "activiteit_id": a.activiteit_id, "activiteit": titel, "programma": programma,
            "wat": a.omschrijving,
            # the owner's own milestone has a direct link to a new date (answer_links.py)
            "rol": "eigenaar" if eigenaar == a.persoon_id else "", "datum": (a.nieuw or "")[:10],
            "aangepast": {"veld": a.veld, "oud": (a.oud or "")[:10], "nieuw": (a.nieuw or "")[:10],
                          "gegeven": a.gegeven.isoformat(), "reden": a.reden or "",
                          "geladen": geladen.isoformat(),
                          # whom to ask: the municipality's coordinators, not the person themself
                          "coordinatoren": [naam for pid, naam in coordinators.get(gid, ())
                                            if pid != a.persoon_id]}}))
    insert_new(session, H, key=_KEY, columns=(*_KEY, "gemeente_id", "inhoud"), rows=rows,
               same={"status": "wachtend", "pogingen": 0, "mislukte_runs": 0, "aangemaakt_door": "laad",
                     "aangemaakt_op": now})
    session.flush()
    return keys


def message(bundle: Bundel, items: list[Item]) -> Bericht:
    """The message that tells ``bundle``'s person of the dates in ``items`` (templates/mail/aangepast.*)."""
    from web.links import make_token, personal_links

    personal = personal_links(make_token(bundle.persoon_id))
    shown: list[dict[str, Any]] = []
    for item in items:
        inhoud = item.inhoud
        given = inhoud["aangepast"]
        # a date to give again (not a done date, nor a reopen): the answer page's "Nieuwe datum"
        links = answer_links(bundle.persoon_id, inhoud, link=personal) \
            if given["oud"] and given["veld"] != "gereed" else []
        shown.append(inhoud | {"links": links})
    context = {"naam": bundle.naam, "items": shown, "pagina": bundle.pagina, "persoonlijk": personal(),
               "antwoord": reply_line(bundle),
               "mijlpalen": list(dict.fromkeys(i["wat"] for i in shown))}
    subject = render("mail/aangepast_onderwerp.txt.j2", context).strip()
    return Bericht(persoon_id=bundle.persoon_id, sleutel=bundle.sleutel, rollen=tuple(bundle.rollen),
                   kanalen=tuple(bundle.kanalen), onderwerp=subject,
                   html=render("mail/aangepast.html.j2", {**context, "onderwerp": subject}),
                   tekst=render("mail/aangepast.txt.j2", context), antwoord=bundle.antwoord,
                   voetregel=context["antwoord"])


def send_now(keys: list[Sleutel], *, settings: Any, vandaag: dt.date) -> list[str]:
    """Send the messages ``keys`` now (after the load's commit), as a run of their own; returns what
    failed ('person: error'). What could not be sent waits for the next daily check as it was queued:
    no failed run is counted against its channel (a coordinator loading without the mailbox running)."""
    from models.db import session_scope
    from services import outbox
    from services.outbox import store

    if not keys:
        return []
    run = f"laad-{uuid.uuid4()}"
    lease = settings.bezorg_lease_seconden
    where = store.keys(keys)  # type: ignore[arg-type]
    with store.holding(run, lease):
        store.claim(run=run, lease=lease, where=where, wait=False)
        try:
            return outbox.deliver(run=run, where=where, settings=settings, peildatum=vandaag,
                                  link=settings.ui_url)
        finally:
            with session_scope() as session:
                session.execute(update(H).where(where, H.c.geclaimd_door == run, H.c.status == "bezig")
                                .values(status="wachtend", geclaimd_door=None, geclaimd_tot=None))
