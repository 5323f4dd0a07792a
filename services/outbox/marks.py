"""Marks: what became of a message on one channel, and with its last channel the message's state
(``herinnering``), committed before the sending thread sends its next message (group commit,
services/outbox/commits.py): a crash repeats at most the messages in flight. A delivery is one
row of ``zending`` for all the message's items; a failure one row of ``bezorging`` per item (it
is retried, counted and given up per item and channel)."""

from __future__ import annotations

import functools
import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import Integer, any_, bindparam, func, insert, literal, literal_column, select, union, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from models.types import utcnow
from services.outbox.channels import Kanaal
from services.outbox.commits import committer
from services.outbox.store import B, H, Z


def mark_channel(*, run: str, ontvanger: int, ids: list[int], kanaal: Kanaal, fout: str | None,
                 finish: tuple[list[int], list[int], str | None] = ([], [], None)) -> None:
    """Commit one channel's outcome for ``ids`` (the items of one message to ``ontvanger``) before
    returning (a delivery is never overwritten), and with ``finish`` (delivered everywhere, still
    lacking a channel, error) the messages' state; committed together with other threads' marks
    (group commit)."""
    committer.commit(functools.partial(_mark, run=run, ontvanger=ontvanger, ids=ids, kanaal=kanaal, fout=fout,
                                       finish=finish))


def _mark(session: Session, *, run: str, ontvanger: int, ids: list[int], kanaal: Kanaal, fout: str | None,
          finish: tuple[list[int], list[int], str | None]) -> None:
    dialect = session.get_bind().dialect.name
    now = utcnow()
    delivered, failed, error = finish
    if delivered:
        session.execute(_built(dialect, "verstuurd"),
                        {"ids": _ids(dialect, delivered), "run": run, "now": now})
    if failed:
        session.execute(_built(dialect, "niet-verstuurd"),
                        {"ids": _ids(dialect, failed), "run": run, "fout": (error or "niet bezorgd")[:500]})
    if not ids:
        return
    params = {"ids": _ids(dialect, ids), "kanaal_sleutel": kanaal.sleutel, "now": now}
    if fout is None:  # one row for the message; an item's failure rows on this channel become deliveries
        session.execute(_built(dialect, "zending"), {"ontvanger": ontvanger, "kanaal_sleutel": kanaal.sleutel,
                                                     "kanaal": kanaal.label[:300], "lijst": ids,
                                                     "hoogste": max(ids), "run": run, "now": now})
        session.execute(_built(dialect, "hersteld"),
                        {"ids": params["ids"], "sleutel": kanaal.sleutel, "run": run, "now": now})
    else:
        session.execute(_built(dialect, "kanaal-mislukt"), {**params, "kanaal": kanaal.label[:300],
                                                            "fout": fout[:500]})


def _ids(dialect: str, ids: list[int]) -> Any:
    """The value of the one parameter that carries a message's ids (see _among)."""
    return ids if dialect == "postgresql" else json.dumps(ids)


def _among(dialect: str, column: Any = H.c.id) -> Any:
    """``column`` among the ids of parameter ``ids``: one parameter however many ids (PostgreSQL:
    an array; SQLite: JSON text read by json_each). An IN list of 125 bound ids cost more CPU in
    SQLAlchemy's coercion, caching and expansion than SQLite took to write the marks."""
    if dialect == "postgresql":
        return column == any_(bindparam("ids", type_=postgresql.ARRAY(Integer)))
    return column.in_(select(literal_column("value")).select_from(func.json_each(bindparam("ids"))))


@functools.lru_cache(maxsize=16)
def _built(dialect: str, which: str) -> Any:
    """The statement ``which``, built once per dialect: each mark only binds its values (typed,
    so PostgreSQL knows them in a SELECT list)."""
    def param(name: str, column: str) -> Any:
        return bindparam(name, type_=B.c[column].type)

    now = param("now", "bijgewerkt_op")
    mine = (_among(dialect), H.c.geclaimd_door == bindparam("run"))
    if which == "verstuurd":  # delivered on every channel: never sent again
        return update(H).where(*mine).values(status="verstuurd", verstuurd_op=now, pogingen=H.c.pogingen + 1,
                                             laatste_fout=None)
    if which == "niet-verstuurd":  # a channel still lacks it: it stays held, for the next run
        return update(H).where(*mine).values(pogingen=H.c.pogingen + 1, laatste_fout=bindparam("fout"))
    if which == "zending":  # delivered: one row for the message's items
        return insert(Z).values(
            ontvanger_id=bindparam("ontvanger"), kanaal_sleutel=param("kanaal_sleutel", "kanaal_sleutel"),
            kanaal=param("kanaal", "kanaal"), hoogste_id=bindparam("hoogste"),
            herinnering_ids=bindparam("lijst", type_=Z.c.herinnering_ids.type),
            verstuurd_door=param("run", "verstuurd_door"), verstuurd_op=now)
    if which == "hersteld":  # an item that failed on this channel before: its row says delivered now
        return update(B).where(_among(dialect, B.c.herinnering_id), B.c.status != "verstuurd",
                               B.c.kanaal_sleutel == bindparam("sleutel")).values(
            status="verstuurd", verstuurd_door=bindparam("run"), verstuurd_op=now, laatste_fout=None,
            pogingen=B.c.pogingen + 1, bijgewerkt_op=now)
    values: dict[str, Any] = {"status": literal("mislukt", B.c.status.type),  # which == "kanaal-mislukt"
                              "laatste_fout": param("fout", "laatste_fout")}
    row = {"kanaal_sleutel": param("kanaal_sleutel", "kanaal_sleutel"), "kanaal": param("kanaal", "kanaal"),
           "pogingen": literal(1, B.c.pogingen.type), "mislukte_runs": literal(0, B.c.mislukte_runs.type),
           "bijgewerkt_op": now, **values}
    # One INSERT … SELECT over the message's items: the channel's row for each; a delivery is never
    # overwritten (the conflict rule).
    chosen = select(H.c.id, *row.values()).where(_among(dialect))
    upsert = (postgresql if dialect == "postgresql" else sqlite).insert(B)
    return upsert.from_select(["herinnering_id", *row], chosen).on_conflict_do_update(
        index_elements=["herinnering_id", "kanaal_sleutel"],
        set_={**values, "pogingen": B.c.pogingen + 1, "bijgewerkt_op": now}, where=B.c.status != "verstuurd")


def messages_sent(*, session: Session, runs: Collection[str] | None = None) -> int:
    """How many messages were delivered, or delivered by ``runs``: a message is one recipient's on
    one channel from one run (a digest bundles a person's items), as the mailbox holds them."""
    whole = select(Z.c.ontvanger_id, Z.c.kanaal_sleutel, Z.c.verstuurd_door)
    # Per item: deliveries from before zending, and failures made good.
    items = (select(H.c.ontvanger_id, B.c.kanaal_sleutel, B.c.verstuurd_door)
             .join(H, H.c.id == B.c.herinnering_id).where(B.c.status == "verstuurd"))
    if runs is not None:
        whole = whole.where(Z.c.verstuurd_door.in_(list(runs)))
        items = items.where(B.c.verstuurd_door.in_(list(runs)))
    return int(session.execute(select(func.count()).select_from(union(whole, items).subquery())).scalar_one())
