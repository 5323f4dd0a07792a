"""The outbox's state in the database: messages recorded once (``herinnering``), claimed by one
living run under a lease, and delivered per channel (``bezorging``).

States of a message: wachtend → bezig (a run holds it until ``geclaimd_tot``) → verstuurd (every
channel delivered) or mislukt (kept for the next run). A lease that passed means the run died:
the next run takes the message over. A channel that failed the message in ``bezorg_max_runs`` runs
is given up for it (``opgegeven``); a message whose remaining channels are all given up is
``opgegeven`` too and never claimed again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Text, and_, exists, func, or_, select, type_coerce, union, update
from sqlmodel import Session

from domain.register.tekstcontrole import met_haakjes
from domain.rules.regels import ACTIEF, GEEN_DATUM, Herinnering
from models.bulk import insert_new
from models.db import session_scope
from models.tables import Activity, BundleDelivery, Delivery, Municipality, Person, SentReminder
from models.types import utcnow
from services.outbox.lease import holding as holding  # the flows call it store.holding
from services.outbox.lease import renew as renew
from services.outbox.messages import AANGEPAST, Bundel, Item
from services.outbox.reply_to import coordinators, reply_to

H = SentReminder.__table__  # type: ignore[attr-defined]
B = Delivery.__table__  # type: ignore[attr-defined]
Z = BundleDelivery.__table__  # type: ignore[attr-defined]
_KEY = ("onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id")
REPORT = "rapport"              # the rule of a report's delivery to one person
NOTICE = "bezorging-mislukt"    # the rule of a coordinator's notice about a failing channel
GIVEN_UP = "opgegeven"          # a channel (or a whole message) no longer tried: bezorg_max_runs
log = logging.getLogger(__name__)


def everything_but_reports() -> Any:
    """What the daily check sends: all but reports (the report flow sends those)."""
    return H.c.regel != REPORT


def report(report_id: int) -> Any:
    """The deliveries of one report."""
    return and_(H.c.regel == REPORT, H.c.onderwerp_id == report_id)


def keys(planned: list[Herinnering]) -> Any:
    """The messages with these once-only keys."""
    return or_(*(and_(*(H.c[k] == getattr(h, k) for k in _KEY)) for h in planned)) if planned else H.c.id < 0


def _shown(h: Herinnering) -> dict[str, Any]:
    shown = {"programma": h.programma, "activiteit": h.activiteit, "activiteit_id": h.activiteit_id,
             "wat": h.wat, "soort": h.soort, "dagen": h.dagen, "te_laat": h.te_laat, "onzeker": h.onzeker,
             "vraag_evaluatie": h.vraag_evaluatie, "door": h.door, "bron": h.bron, "rol": h.rol,
             "eigenaar": h.eigenaar,  # an escalation names the owner: whom to ask
             "drempel": h.drempel,  # and from how many days late this role is told
             "datum": h.vervaldatum.isoformat(), "link": h.link,
             # what the item is about, for its direct links to the answer page (outbox/messages.py)
             "onderwerp": h.onderwerp, "onderwerp_id": h.onderwerp_id}
    if h.gepland is not None:
        shown["gepland"] = h.gepland.isoformat()  # the week between two stale-progress windows (spreiding)
    if h.vergadering is not None:  # a check-in for a coming meeting: which one, and by when
        naam, datum, uiterlijk = h.vergadering
        shown["vergadering"] = {"naam": naam, "datum": datum.isoformat(), "uiterlijk": uiterlijk.isoformat()}
    if h.verloopt is not None:  # a check-in's reminder: answer before this day
        shown["verloopt"] = h.verloopt.isoformat()
    if h.begroting is not None:
        shown["begroting"] = h.begroting.als_inhoud()  # which amount the budget rule compared with
    if h.regel == NOTICE:
        shown["niet_via"] = [h.fase]  # told over the coordinator's other channels, never the failing one
    return shown


def record(*, session: Session, planned: list[Herinnering], gemeenten: dict[int, int], run: str,
           lease: float, bericht: dict[str, Any] | None = None) -> int:
    """Record each planned message once (the unique key), claimed by ``run``; returns how many
    this call recorded (never what another run recorded at the same moment)."""
    now = utcnow()
    mine = select(func.count()).select_from(H).where(H.c.aangemaakt_door == run)
    before = session.scalar(mine) or 0
    extra = {"bericht": bericht} if bericht else {}
    insert_new(session, H, key=_KEY, columns=(*_KEY, "gemeente_id", "inhoud"), rows=(
        (h.onderwerp, h.onderwerp_id, h.regel, h.fase, h.vervaldatum, h.ontvanger_id,
         gemeenten.get(h.activiteit_id), {**_shown(h), **extra}) for h in planned),
        same={"status": "bezig", "pogingen": 0, "mislukte_runs": 0, "geclaimd_door": run,
              "geclaimd_op": now, "geclaimd_tot": now + dt.timedelta(seconds=lease),
              "aangemaakt_door": run, "aangemaakt_op": now})
    session.flush()
    return (session.scalar(mine) or 0) - before


def claim(*, run: str, lease: float, where: Any, wait: bool = True,
          ended: Callable[[set[str]], set[str]] | None = None) -> None:
    """Claim for ``run`` what is waiting or failed, and what a dead run held (its lease passed).
    With ``wait``, messages held by another run are waited for up to one lease: a dead run's
    claim runs out, a living run renews it (and keeps it). ``ended(runs)`` names those of the
    holding runs that are known to have ended (a Prefect run reported Crashed after a kill -9):
    their messages are taken over at once instead of when their lease runs out."""
    started = utcnow()
    unrenewed = started + dt.timedelta(seconds=lease)
    deadline = time.monotonic() + lease + 1
    while True:
        with session_scope() as session:
            now = utcnow()
            session.execute(update(H).where(where, or_(
                H.c.status.in_(("wachtend", "mislukt")),
                and_(H.c.status == "bezig", H.c.geclaimd_door != run,
                     or_(H.c.geclaimd_tot.is_(None), H.c.geclaimd_tot < now)),
            )).values(status="bezig", geclaimd_door=run, geclaimd_op=now,
                      geclaimd_tot=now + dt.timedelta(seconds=lease)))
            held = session.scalar(select(func.count()).select_from(H).where(
                where, H.c.status == "bezig", H.c.geclaimd_door != run, H.c.geclaimd_tot <= unrenewed)) or 0
        if not wait or not held or time.monotonic() > deadline:
            return
        if ended is not None and _release_ended(run=run, where=where, ended=ended):
            continue  # claim what they held now
        time.sleep(min(1.0, lease / 10))


def _release_ended(*, run: str, where: Any, ended: Callable[[set[str]], set[str]]) -> bool:
    """End the claims of the holding runs that ``ended`` knows have ended; whether there were any."""
    with session_scope() as session:
        holders = set(session.scalars(select(H.c.geclaimd_door).distinct().where(
            where, H.c.status == "bezig", H.c.geclaimd_door != run)))
        try:
            gone = ended(holders) & holders if holders else set()
        except Exception:  # the orchestrator cannot be asked: the leases decide, as without it
            log.warning("kon niet nagaan of de runs %s nog lopen", sorted(holders), exc_info=True)
            return False
        if gone:
            session.execute(update(H).where(where, H.c.status == "bezig", H.c.geclaimd_door.in_(gone))
                            .values(geclaimd_tot=None))
    return bool(gone)


def recipients(*, session: Session, run: str, where: Any) -> list[int]:
    """The people this run holds messages for."""
    return list(session.scalars(select(H.c.ontvanger_id).where(
        where, H.c.geclaimd_door == run, H.c.status == "bezig").distinct().order_by(H.c.ontvanger_id)))


def bundles(*, session: Session, run: str, where: Any, ontvangers: list[int]) -> list[Bundel]:
    """What this run holds for ``ontvangers``: a digest per person, and each prepared message
    (a report) on its own, with what each channel already delivered."""
    held = (where, H.c.geclaimd_door == run, H.c.status == "bezig", H.c.ontvanger_id.in_(ontvangers))
    rows = session.execute(select(H.c.id, H.c.ontvanger_id, H.c.regel, H.c.onderwerp_id,
                                  type_coerce(H.c.inhoud, Text)).where(*held)  # JSON read where it is sent
                           .order_by(H.c.ontvanger_id, H.c.id)).all()
    done: dict[int, set[str]] = {}
    # The same messages as a subquery: as a list of ≈ 31,000 ids, binding them was a fifth of the
    # delivering process's CPU.
    for hid, kanaal in session.execute(select(B.c.herinnering_id, B.c.kanaal_sleutel).where(
            B.c.herinnering_id.in_(select(H.c.id).where(*held)), B.c.status.in_(("verstuurd", GIVEN_UP)))):
        done.setdefault(hid, set()).add(kanaal)
    for hid, kanaal in delivered_whole(session=session, held=held, ids={row[0] for row in rows}):
        done.setdefault(hid, set()).add(kanaal)
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ontvangers)))}  # type: ignore[union-attr]
    names = dict(session.execute(select(Municipality.id, Municipality.naam)).all())
    # Whom a reply reaches: read once for the batch's municipalities, not per mail (reply_to.py).
    found = coordinators(session, (p.gemeente_id for p in people.values()))
    # Whose page "Mijn activiteiten" has something to answer (web/overview.py: running activities they own).
    owners = set(session.scalars(select(Activity.eigenaar_id).where(  # type: ignore[call-overload]
        Activity.eigenaar_id.in_(ontvangers), Activity.gearchiveerd_op.is_(None),  # type: ignore[attr-defined,union-attr]
        Activity.status.in_(ACTIEF))))  # type: ignore[attr-defined]
    out: dict[tuple[int, str, int], Bundel] = {}
    for hid, person_id, regel, onderwerp_id, inhoud in rows:
        item = Item(hid, regel, inhoud)
        # a date a load replaced comes apart from the digest, in a message of its own (replaced.py)
        soort = "bericht" if item.bericht else AANGEPAST if regel == AANGEPAST else "overzicht"
        key = (person_id, soort, onderwerp_id if soort == "bericht" else 0)
        bundle = out.get(key)
        if bundle is None:
            p = people[person_id]
            bundle = out[key] = Bundel(person_id, p.sleutel, p.naam, list(p.rollen), list(p.kanalen),
                                       names.get(p.gemeente_id, ""), soort, pagina=person_id in owners,
                                       antwoord=reply_to(found, p.gemeente_id, person_id))
        bundle.items.append(item)
        for kanaal in done.get(hid, ()):
            bundle.gedaan.setdefault(kanaal, set()).add(hid)
    return list(out.values())


def release(*, session: Session, run: str, where: Any = None, max_runs: int | None = None) -> int:
    """End of a run (or of its part ``where``): what it could not deliver stays recorded as
    failed for the next run, and each failing channel counts one more failed run; a channel that
    has now failed the message in ``max_runs`` runs (setting ``bezorg_max_runs``) is given up for
    it. Returns the number of messages that the next run tries again."""
    from models.settings import get_settings

    max_runs = max_runs if max_runs is not None else get_settings().bezorg_max_runs
    mine = and_(H.c.geclaimd_door == run, H.c.status == "bezig", where if where is not None else H.c.id > 0)
    held = select(H.c.id).where(mine)
    session.execute(update(B).where(B.c.herinnering_id.in_(held), B.c.status == "mislukt").values(
        mislukte_runs=B.c.mislukte_runs + 1))
    session.execute(update(B).where(B.c.herinnering_id.in_(held), B.c.status == "mislukt",
                                    B.c.mislukte_runs >= max_runs).values(status=GIVEN_UP))
    given_up = and_(exists().where(B.c.herinnering_id == H.c.id, B.c.status == GIVEN_UP),
                    ~exists().where(B.c.herinnering_id == H.c.id, B.c.status == "mislukt"))
    session.execute(update(H).where(mine, given_up).values(
        status=GIVEN_UP, mislukte_runs=H.c.mislukte_runs + 1, geclaimd_door=None, geclaimd_tot=None))
    result = session.execute(update(H).where(mine).values(
        status="mislukt", mislukte_runs=H.c.mislukte_runs + 1, geclaimd_door=None, geclaimd_tot=None))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def delivered_whole(*, session: Session, held: tuple[Any, ...], ids: set[int]) -> Iterator[tuple[int, str]]:
    """(item id, channel key) for each of ``ids`` (the messages ``held`` selects) that a channel
    delivered as part of a whole message (``zending``), reading only the rows that can hold one:
    a row's highest item id is at least its person's lowest held id."""
    lowest = select(H.c.ontvanger_id, func.min(H.c.id).label("laagste")).where(*held) \
        .group_by(H.c.ontvanger_id).subquery()
    for kanaal, whole in session.execute(select(Z.c.kanaal_sleutel, Z.c.herinnering_ids).join(lowest, and_(
            Z.c.ontvanger_id == lowest.c.ontvanger_id, Z.c.hoogste_id >= lowest.c.laagste))):
        yield from ((hid, kanaal) for hid in whole if hid in ids)


def delivered_by(*, session: Session, run: str) -> int:
    """How many people this run delivered something to (on at least one channel)."""
    whole = select(Z.c.ontvanger_id).where(Z.c.verstuurd_door == run)
    items = select(H.c.ontvanger_id).select_from(B.join(H, H.c.id == B.c.herinnering_id)).where(
        B.c.verstuurd_door == run)
    return int(session.scalar(select(func.count()).select_from(union(whole, items).subquery())) or 0)


def failing_channels(*, session: Session, runs: int = 3) -> list[Herinnering]:
    """Notices for the coordinators: a person's channel failed in ``runs`` runs (once per person,
    channel and coordinator: the notice's key holds the channel key)."""
    failing = session.execute(
        select(H.c.ontvanger_id, B.c.kanaal_sleutel, func.max(B.c.kanaal), func.max(B.c.laatste_fout),
               func.count()).select_from(B.join(H, H.c.id == B.c.herinnering_id))
        .where(B.c.status.in_(("mislukt", GIVEN_UP)), B.c.mislukte_runs >= runs,
               H.c.regel.notin_((REPORT, NOTICE)))
        .group_by(H.c.ontvanger_id, B.c.kanaal_sleutel)).all()
    if not failing:
        return []
    people = {p.id: p for p in session.scalars(select(Person))}
    notices = []
    for person_id, kanaal, label, fout, count in failing:
        person = people[person_id]
        who = met_haakjes(person.naam, person.sleutel)
        for c in people.values():
            if (c.gemeente_id == person.gemeente_id and "coordinator" in c.rollen
                    and c.gearchiveerd_op is None and c.id is not None):
                notices.append(Herinnering(
                    "bezorging", person_id, NOTICE, kanaal, GEEN_DATUM, c.id, "coordinator", activiteit_id=0,
                    programma="Bezorging", activiteit=person.naam, wat=who, dagen=count, door=label,
                    bron=fout, te_laat=True))
    return notices
