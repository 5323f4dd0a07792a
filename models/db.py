"""Database engine, sessions and migrations (applied by the ``regie`` command itself)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from models.settings import get_settings

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where the schema is read or migrated, not with the sessions: the outbox's
# worker processes only use sessions, and importing alembic cost each ≈ 0.5 s of CPU.

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str, **kwargs: object) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)  # type: ignore[arg-type]
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().resolved_database_url())


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@lru_cache
def head_revision() -> str | None:
    """The newest migration shipped with this code (read once per process: the migrations are
    part of the release)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def migrate(engine: Engine | None = None) -> None:
    """Bring the database schema up to date (a no-op when it is)."""
    engine = engine or get_engine()
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


def database_exists() -> bool:
    """Whether the database is there already: the default SQLite file in the data directory exists, or
    REGIE_DATABASE_URL names one (a server's database is asked when it is used)."""
    settings = get_settings()
    return bool(settings.database_url) or (settings.data_dir / "regie.db").is_file()


def absent_database() -> str | None:
    """Why the default SQLite database is not there (Dutch, a clause without advice): its data directory
    does not exist (a typo in REGIE_DATA_DIR?) or holds no regie.db yet. None when REGIE_DATABASE_URL
    names a database, the file is there, or the data directory is no folder (data_dir_problem says
    that). Looks only: a command that reads makes no folder or database for it."""
    import os

    settings = get_settings()
    data_dir = settings.data_dir.expanduser().absolute()
    if settings.database_url or (data_dir / "regie.db").is_file() or data_dir.exists() != data_dir.is_dir():
        return None
    if data_dir.is_dir():
        return f"de datamap {data_dir} heeft nog geen database (regie.db)"
    typo = " (een tikfout in REGIE_DATA_DIR?)" if os.environ.get("REGIE_DATA_DIR") else ""
    return f"de datamap {data_dir} bestaat niet{typo}"


def safe_url() -> str:
    """The database URL with its password hidden: safe to show in a message."""
    from sqlalchemy.engine import make_url

    return make_url(get_settings().resolved_database_url()).render_as_string(hide_password=True)


def unusable_url(exc: BaseException) -> bool:
    """Whether ``exc`` says REGIE_DATABASE_URL is no URL, or one of a kind (mysql://) this project has no
    driver for; postgres:// and postgresql:// are read as postgresql+psycopg:// (models/settings.py)."""
    from sqlalchemy.exc import NoSuchModuleError

    if isinstance(exc, NoSuchModuleError) or "SQLAlchemy URL" in f"{exc}":
        return True
    try:
        url = get_settings().resolved_database_url()
    except Exception:  # the settings themselves are wrong: settings_problem says so
        return False
    return isinstance(exc, ModuleNotFoundError) and not url.startswith(("sqlite", "postgresql+psycopg:"))


def missing_database(exc: BaseException) -> str | None:
    """A sentence when REGIE_DATABASE_URL is unusable or names a PostgreSQL database that does not exist
    (with the command that makes it), in Dutch and without the password; else None."""
    import re

    from sqlalchemy.engine import make_url

    if unusable_url(exc):
        return ("REGIE_DATABASE_URL is geen database-adres dat programmaregie kent. Schrijf "
                "postgresql://gebruiker@server:5432/database (of postgres://, postgresql+psycopg://), of "
                "laat het leeg voor het SQLite-bestand in de datamap.")
    url = make_url(get_settings().resolved_database_url())
    if url.get_backend_name() == "postgresql" and re.search(r'database "[^"]*" does not exist',
                                                           f"{exc} {getattr(exc, 'orig', '')}"):
        host, port = url.host or "localhost", url.port or 5432
        user = f" -U {url.username}" if url.username else ""
        return (f"De database '{url.database}' bestaat niet op {host}:{port}; maak hem met: createdb "
                f"-h {host} -p {port}{user} {url.database} en probeer het opnieuw.")
    return None


def database_problem(exc: BaseException) -> str:
    """Why the database cannot be used, in Dutch and without the password."""
    return missing_database(exc) or (f"De database is niet bereikbaar ({safe_url()}). Controleer "
                                      "REGIE_DATABASE_URL en of de databaseserver draait.")


_WRITES = {"vastgelegd": 0}


def count_commits() -> None:
    """From now on, count the transactions committed with changes in them (reset on each call), so
    that a command's internal error can say truthfully whether anything was written."""
    from sqlalchemy.orm import Session as OrmSession

    _WRITES["vastgelegd"] = 0
    if getattr(count_commits, "done", False):
        return
    count_commits.done = True  # type: ignore[attr-defined]

    @event.listens_for(OrmSession, "after_flush")
    def _flushed(session, context):  # type: ignore[no-untyped-def]
        session.info["geschreven"] = True

    @event.listens_for(OrmSession, "do_orm_execute")
    def _statement(state):  # type: ignore[no-untyped-def]
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info["geschreven"] = True

    @event.listens_for(OrmSession, "after_commit")
    def _committed(session):  # type: ignore[no-untyped-def]
        if session.info.pop("geschreven", False):
            _WRITES["vastgelegd"] += 1

    @event.listens_for(OrmSession, "after_rollback")
    def _rolled_back(session):  # type: ignore[no-untyped-def]
        session.info.pop("geschreven", None)


def commits_with_changes() -> int:
    """How many transactions with changes were committed since ``count_commits()``."""
    return _WRITES["vastgelegd"]
