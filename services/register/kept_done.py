"""A reload whose file says a milestone is not done (``gereed: null``, or ``gereed:`` left empty) while
someone marked it done since (an answer, `regie gereed`): the register is the plan, the answers are the
history, and an answer survives a reload whose file holds the value from before it (activity_loading).
So the load keeps the milestone done, and says so: a trial exported the register, set ``gereed: null``
to undo a done marked by mistake, loaded it, read "gewijzigd" and found the milestone still done.
Undoing a done is `regie heropen`, with who, when and why in the history."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from domain.register.tekstcontrole import shell_word
from models.tables import Activity, Milestone
from services.register.history import ANSWER_SOURCES, last_change
from services.register.municipalities import person_name
from services.register.register_dir import MunicipalityRegister
from services.rendering import citaat, datum


def kept_done(session: Session, gemeente_id: int, register: MunicipalityRegister) -> list[str]:
    """One Dutch sentence per milestone the files of ``register`` say is not done, with the key
    ``gereed`` written, that stays done after the load because a person marked it done."""
    written: dict[tuple[str, str], str] = {}  # (activity, milestone) → where the file says so
    for programme in register.programmas:
        for activiteit in programme.inhoud.activiteiten:
            lines = programme.regels.get(activiteit.id)
            for m in activiteit.mijlpalen:
                if m.gereed is None and "gereed" in m.model_fields_set:
                    regel = lines.mijlpalen.get(m.id) if lines else None
                    written[(activiteit.id, m.id)] = programme.bestand + (f", regel {regel}" if regel else "")
    if not written:
        return []
    a, mt = Activity.__table__, Milestone.__table__  # type: ignore[attr-defined]
    done = session.execute(
        select(a.c.sleutel, a.c.titel, mt.c.id, mt.c.sleutel.label("msleutel"), mt.c.omschrijving)
        .join(mt, mt.c.activiteit_id == a.c.id)
        .where(a.c.gemeente_id == gemeente_id, a.c.gearchiveerd_op.is_(None), mt.c.gearchiveerd_op.is_(None),
               mt.c.gereed.is_not(None))
        .order_by(a.c.volgorde, mt.c.volgorde)).all()
    sentences = []
    for row in done:
        if (where := written.get((row.sleutel, row.msleutel))) is None:
            continue  # the file gives a date, or leaves the key out (the register as first written)
        change = last_change(session=session, onderwerp="mijlpaal", onderwerp_id=row.id, veld="gereed")
        if change is None or change.bron not in ANSWER_SOURCES or change.nieuw is None:
            continue
        wie = person_name(session=session, sleutel=change.door, gemeente_id=gemeente_id)
        name = f"{row.sleutel}/{row.msleutel}"
        sentences.append(
            f"mijlpaal {citaat(row.omschrijving)} ({row.titel}) blijft gereed op {datum(change.nieuw[:10])} "
            f"(gereed gemeld door {wie}): het lege 'gereed:' in {where} draait een gereedmelding niet "
            f"terug. Was die melding een vergissing, heropen de mijlpaal dan met: regie heropen {name} "
            f"--gemeente {shell_word(register.naam)} "
            "--reden \"per vergissing gereed gemeld\"")
    return sentences
