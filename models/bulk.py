"""Many rows into a table at once, where a row that is there already (its unique key) is left as is.

SQLAlchemy converts each value of each row through the column's type on every call (an
``executemany`` of 300,000 reminders spent four fifths of its time there and one fifth in SQLite).
Here the values that are the same for every row are converted once, the others by the same
converters SQLAlchemy uses (so the stored form is the same as an ORM insert's: the dates and
timestamps that later queries compare as text on SQLite), and the driver gets the rows in one
``executemany`` per chunk."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def insert_new(session: Session, table: Table, *, key: Sequence[str], same: Mapping[str, Any],
               rows: Iterable[Sequence[Any]], columns: Sequence[str], chunk: int = 5000) -> None:
    """``INSERT … ON CONFLICT (key) DO NOTHING`` of ``rows`` (values of ``columns``, in that order),
    each with the values of ``same``, in chunks of ``chunk`` rows (memory stays bounded)."""
    dialect = session.get_bind().dialect
    module = postgresql if dialect.name == "postgresql" else sqlite
    names = [*columns, *same]
    statement = (module.insert(table).values({name: bindparam(name) for name in names})
                 .on_conflict_do_nothing(index_elements=list(key)))
    compiled = statement.compile(dialect=dialect)
    convert = {name: _converter(table, name, dialect) for name in names}
    fixed = {name: (convert[name](value) if convert[name] else value) for name, value in same.items()}
    per_row = [(i, convert[name]) for i, name in enumerate(columns) if convert[name] is not None]
    order = list(compiled.positiontup) if compiled.positiontup else None
    connection = session.connection()
    batch: list[Any] = []
    for row in rows:
        values = list(row)
        for i, fn in per_row:
            values[i] = fn(values[i])
        named = {**dict(zip(columns, values, strict=True)), **fixed}
        batch.append(tuple(named[name] for name in order) if order else named)
        if len(batch) >= chunk:
            connection.exec_driver_sql(compiled.string, batch)
            batch = []
    if batch:
        connection.exec_driver_sql(compiled.string, batch)


def _converter(table: Table, name: str, dialect: Any) -> Callable[[Any], Any] | None:
    """The column's own bind converter for this database (None where the driver takes the value as is)."""
    kind = table.c[name].type
    return kind.dialect_impl(dialect).bind_processor(dialect)  # type: ignore[no-any-return]
