"""The one check of a command that needs a loaded register: a database that holds no municipality
(a wrong or empty REGIE_DATA_DIR, a new terminal without it) is said as `regie status` says it,
naming the database and how to load one; a database that is not there yet is not made for it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def geen_register() -> str:
    """'Geen programma's gevonden in de database …': which database (a new terminal without
    REGIE_DATA_DIR looks in another one than the demo's) and how to load a register into it."""
    from models.db import absent_database, safe_url

    absent = absent_database()  # a typo in REGIE_DATA_DIR: said, not only the database's address
    return (f"Geen programma's gevonden in de database {safe_url()}. Laad eerst een register met: "
            "regie laad MAP (of zet REGIE_DATA_DIR of REGIE_DATABASE_URL zoals bij het laden)."
            + (f" Let op: {absent}." if absent else ""))


@contextmanager
def open_register() -> Iterator[Any]:
    """A session on the database (regie.common.open_session) for a command that reads the register;
    stops with ``geen_register()`` when it holds no municipality. A command that only reads makes no
    database and no data folder (before, `regie link` or `regie status` without REGIE_DATA_DIR made
    an empty production database); only the commands that write (laad, controle, dienst) make them."""
    from models.db import database_exists
    from regie.common import Stop, open_session
    from services.register.municipalities import register_loaded

    if not database_exists() and _folder_would_be_made():
        raise Stop(geen_register())
    with open_session() as session:
        if not register_loaded(session=session):
            raise Stop(geen_register())
        yield session


def known_municipality(gemeente: str) -> str:
    """The loaded municipality called ``gemeente`` (any case) as the register spells it; an empty
    database or an unknown name stops, naming the known ones (no database is made for it)."""
    from services.register.municipalities import municipalities

    with open_register() as session:
        return municipalities(session=session, gemeente=gemeente)[0].naam


def _folder_would_be_made() -> bool:
    """Whether the data folder is, or could be made, a writable folder: then the missing database is
    only missing. A file in the way or a folder without write permission is left to open_session,
    whose error the data folder's own message names (models/settings.data_dir_problem)."""
    from models.settings import get_settings

    data_dir = get_settings().data_dir.expanduser().absolute()
    existing = next(p for p in (data_dir, *data_dir.parents) if p.exists())
    return existing.is_dir() and os.access(existing, os.W_OK)
