"""A reload whose file gives a milestone another date than the one a person gave since the last load (an
answer on the answer page, `regie verplaats`, `regie gereed`): the register is the plan, so the file's
date is loaded; an answer survives only a file that still holds the value from before it
(activity_loading). A trial: a regisseur moved a milestone to 31 juli 2021, the coordinator set
15 juni 2021 in the file, and the plan said only "(uiterlijk)"; the regisseur then got reminders for a
date he had moved. Now the plan and the load name the answer the file replaces: who, when, why, and what
to write to keep it, and the person who gave the date is told (services/outbox/replaced.py: the load
queues the message in its own transaction, ``found``). The analogous case of an empty 'gereed:' keeps
the answer (kept_done.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from models.clock import local_date
from models.tables import Milestone, Person
from services.outbox.replaced import Aanpassing
from services.register.history import ANSWER_SOURCES, last_change, shown
from services.register.municipalities import person_name
from services.rendering import citaat, datum

DATES = ("uiterlijk", "vroegst", "gereed")  # a milestone's dates, as the file names them
_WHAT = {"uiterlijk": "de uiterste datum", "vroegst": "de vroegste datum", "gereed": "de gereeddatum"}


def replaced_answers(session: Session, *, gemeente_id: int, row: Milestone, values: dict[str, Any],
                     titel: str, where: str, found: list[Aanpassing]) -> list[str]:
    """One Dutch sentence (for after "Let op: ", without its final period) per date of the milestone
    ``row`` that the load sets to the file's value in ``values`` while a person gave the date it holds
    now; each such date goes to ``found`` too (the person is told). ``where``: the file and line of the
    milestone; ``titel``: its activity's title."""
    sentences: list[str] = []
    assert row.id is not None
    for veld in DATES:
        before, after = shown(getattr(row, veld)), shown(values[veld])
        if before == after:
            continue
        change = last_change(session=session, onderwerp="mijlpaal", onderwerp_id=row.id, veld=veld)
        if change is None or change.bron not in ANSWER_SOURCES or change.nieuw != before:
            continue  # a value from the register itself (a load), or one the history does not name
        wie = person_name(session=session, sleutel=change.door, gemeente_id=gemeente_id)
        reden = f" ({citaat(change.reden)})" if change.reden else ""
        if before is None and after is not None:  # a done undone (regie heropen, the answer page)
            given = (f"{wie} heropende de mijlpaal op {datum(change.tijdstip)}{reden}; laden zet {veld} op "
                     f"{datum(after)} uit {where}")
        elif before is not None:
            replaced = (f"vervangt die door {datum(after)} uit {where}" if after is not None
                        else f"haalt die weg: {where} geeft geen {veld}")
            given = (f"{wie} gaf op {datum(change.tijdstip)} {_WHAT[veld]} {datum(before)} op{reden}; "
                     f"laden {replaced}")
        person = session.scalars(select(Person.id).where(  # type: ignore[call-overload]
            Person.gemeente_id == gemeente_id, Person.sleutel == change.door,
            Person.gearchiveerd_op.is_(None))).first()  # type: ignore[union-attr]
        told = ""
        if person is not None and change.id is not None:
            told = f". {wie} krijgt hierover bericht"
            found.append(Aanpassing(
                persoon_id=person, wijziging_id=change.id, mijlpaal_id=row.id,
                activiteit_id=row.activiteit_id, omschrijving=row.omschrijving, veld=veld, oud=before,
                nieuw=after,
                gegeven=local_date(change.tijdstip), reden=change.reden))  # the day it was in Amsterdam
        sentences.append(f"mijlpaal {citaat(row.omschrijving)} ({titel}): {given}. Was dat niet de "
                         f"bedoeling, zet dan {veld}: {before or 'null'} in dat bestand en laad "
                         f"opnieuw{told}")
    return sentences
