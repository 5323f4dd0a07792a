"""The tests' databases: a fresh migrated SQLite copy per test, and PostgreSQL (one database per
xdist worker, emptied between tests) when REGIE_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session, SQLModel


def _per_worker(url: str | None) -> str | None:
    """Under pytest-xdist every worker gets its own PostgreSQL database (``<name>_gw0`` …), made
    on first use: the tests drop and recreate the schema, so workers must not share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


PG_URL = _per_worker(os.environ.get("REGIE_TEST_DATABASE_URL"))


def _reset_postgres(url: str) -> bool:
    """Empty the test's PostgreSQL database. Where it holds exactly the schema of the newest
    migration (the usual case: the previous test used it), every row is deleted and every sequence
    restarted, which takes a fraction of dropping and migrating again; anything else (a test that
    downgraded, an old schema) is dropped. True when the schema is already migrated."""
    import models.tables  # noqa: F401  (the metadata of every table)
    from models.db import head_revision, make_engine

    expected = {table.name for table in SQLModel.metadata.sorted_tables} | {"alembic_version"}
    engine = make_engine(url)
    with engine.begin() as connection:
        tables = set(connection.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
        at_head = tables == expected and connection.scalar(
            text("SELECT max(version_num) FROM alembic_version")) == head_revision()
        if at_head:
            connection.execute(text("SET LOCAL session_replication_role = replica"))  # no FK order
            for table in SQLModel.metadata.sorted_tables:
                connection.execute(table.delete())
            for sequence in connection.scalars(text(
                    "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'")):
                connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
        else:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return at_head


@dataclass
class Database:
    """A migrated, empty database for one test, and its URL (for the CLI)."""

    url: str
    engine: Engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def snapshot(self, *, without: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table: to prove that a failed load changed nothing. ``without``:
        columns left out (where the register file was rewritten, its lines moved)."""
        with self.engine.connect() as connection:
            return {
                table.name: [tuple(r) for r in connection.execute(
                    select(*(c for c in table.columns if c.name not in without))
                    .order_by(*table.primary_key.columns))]
                for table in SQLModel.metadata.sorted_tables
            }


_BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


# Tests whose subject is not the database (a browser, a page, a rendered report, Prefect serving,
# process supervision) run on SQLite only, also where PostgreSQL is configured: the code they reach
# in the database is tested on both by the tests whose subject it is, and CI's time goes to those.
one_database = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database migrated by the same code the `regie` command uses, once per process;
    every test gets a copy (migrating takes ≈ 0.2 s, copying a millisecond)."""
    from models.db import make_engine, migrate

    path = tmp_path_factory.mktemp("sjabloon") / "regie.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        connection.execute(text("PRAGMA journal_mode=DELETE"))  # one file to copy
    engine.dispose()
    return path


@pytest.fixture(params=_BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A fresh database migrated by the same code the `regie` command uses."""
    from models.db import make_engine, migrate
    from models.settings import get_settings

    if request.param == "sqlite":
        path = tmp_path / "regie.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        assert PG_URL is not None
        _reset_postgres(PG_URL)
        url = PG_URL
    monkeypatch.setenv("REGIE_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    migrate(engine)  # a no-op where the copy or the emptied schema is at the newest migration
    yield Database(url=url, engine=engine)
    engine.dispose()


