"""REGIE_DATABASE_URL as an administrator writes it (a go-live trial): postgres:// gave "Interne fout
(NoSuchModuleError)", a PostgreSQL database that does not exist only "niet bereikbaar", and a regie.db
made before the setting stayed in the data directory unnoticed. Never with the password."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.databases import PG_URL

NEEDS_PG = pytest.mark.skipif(not PG_URL, reason="REGIE_TEST_DATABASE_URL (PostgreSQL) not set")


def _said(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("written", ["postgres://regie:pw@db.zutphen.nl:5432/regie",
                                     "postgresql://regie:pw@db.zutphen.nl:5432/regie",
                                     "postgresql+psycopg://regie:pw@db.zutphen.nl:5432/regie"])
def test_postgres_urls_are_read_with_the_project_s_driver(written: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.settings import Settings

    monkeypatch.setenv("REGIE_DATABASE_URL", written)
    assert Settings().resolved_database_url() == "postgresql+psycopg://regie:pw@db.zutphen.nl:5432/regie"


@pytest.mark.parametrize("written", ["mysql://regie:Geheim-9@db.zutphen.nl/regie", "db.zutphen.nl/Geheim-9"])
def test_a_url_of_another_kind_says_what_to_write(written: str, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REGIE_DATABASE_URL", written)
    outcome = regie("status")
    assert outcome.code == 2 and _said(outcome.err) == (
        "REGIE_DATABASE_URL is geen database-adres dat programmaregie kent. Schrijf "
        "postgresql://gebruiker@server:5432/database (of postgres://, postgresql+psycopg://), of laat het leeg "
        "voor het SQLite-bestand in de datamap."), outcome
    assert "Geheim-9" not in outcome.out + outcome.err and "Interne fout" not in outcome.err


@NEEDS_PG
def test_a_heroku_style_url_works_and_a_missing_database_is_named_with_createdb(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = make_url(PG_URL)  # type: ignore[arg-type]
    heroku = url.set(drivername="postgres", password="Geheim-8").render_as_string(hide_password=False)
    monkeypatch.setenv("REGIE_DATABASE_URL", heroku)
    read = regie("status")  # the database is reached: no "Interne fout (NoSuchModuleError)"
    assert read.code in (0, 2) and "Interne fout" not in read.err and "niet bereikbaar" not in read.err, read
    missing = url.set(drivername="postgres", password="Geheim-8", database="regie_bestaat_niet_23")
    monkeypatch.setenv("REGIE_DATABASE_URL", missing.render_as_string(hide_password=False))
    host, port, user = url.host, url.port or 5432, f" -U {url.username}" if url.username else ""
    told = (f"De database 'regie_bestaat_niet_23' bestaat niet op {host}:{port}; maak hem met: createdb -h {host} "
            f"-p {port}{user} regie_bestaat_niet_23")
    outcome = regie("status")
    assert outcome.code == 1 and _said(outcome.err) == f"{told} en probeer het opnieuw.", outcome
    monkeypatch.setenv("COLUMNS", "400")
    diagnosed = regie("diagnose")
    assert f"database │ fout │ {told}" in _said(diagnosed.out), diagnosed.out
    assert "Geheim-8" not in read.err + outcome.out + outcome.err + diagnosed.out + diagnosed.err


def test_diagnose_names_a_sqlite_file_left_in_the_data_directory(db, regie, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "400")
    leftover = tmp_path / "data" / "regie.db"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"")  # `regie migreer` before REGIE_DATABASE_URL was set (docs/livegang.md)
    said = _said(regie("diagnose").out)
    assert (f"database │ let op │ {leftover} wordt niet gebruikt (REGIE_DATABASE_URL wijst naar een andere "
            "database); gooi het weg of bewaar het elders") in said, said
    monkeypatch.delenv("REGIE_DATABASE_URL")  # the file itself is the database: nothing to say
    assert "wordt niet gebruikt" not in _said(regie("diagnose").out)
