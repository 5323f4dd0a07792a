"""What `regie web` says when a recorded answer cannot yet be handed to its waiting check-in run: that the
answer is saved, whose and for what, why Prefect did not take it (in Dutch, no exception class), what to
do and when it is tried again. It said "Uitvraag-run 78a503e4-… kon niet worden hervat (RuntimeError,
poging 5); opnieuw over 16 s." (web/resumer.py)."""

from __future__ import annotations

import logging

import httpx
import pytest
from sqlmodel import select

from tests.conftest import Database
from tests.web.test_resume import _waiting

CLASSES = ("RuntimeError", "ConnectError", "ConnectionError", "GeenPrefectServer", "Exception", "Traceback")


def _refused(exc: BaseException):  # type: ignore[no-untyped-def]
    def resume(run: str, values: dict[str, object]) -> None:
        raise exc

    return resume


def _failed_with(db: Database, caplog: pytest.LogCaptureFixture, exc: BaseException, attempts: int = 5) -> str:
    """The warning logged when handing the answer to its run fails with ``exc`` on attempt ``attempts``
    (the round is the fixtures' DAG, 3 August 2020)."""
    from models.tables import CheckIn
    from web.resumer import resume_pending

    form = _waiting(db, run="78a503e4-24a9-485f-aa73-62b50f7d46a9")
    with db.session() as session:
        row = session.exec(select(CheckIn)).one()
        row.hervat_invoer, row.status, row.hervat_pogingen = {"a0_koers": "risico"}, "beantwoord", attempts - 1
        session.add(row)
        session.commit()
    with caplog.at_level(logging.WARNING, logger="regie.web"):
        assert resume_pending(engine=db.engine, resume=_refused(exc)) == 0
    (said,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said.startswith("Het antwoord van Regisseur programma 1 (Gezond en weerbaar) (Bronckhorst) op de "
                           f"uitvraag van 3 augustus 2020 ({form[0]['titel']}"), said
    assert "is vastgelegd (de antwoordpagina heeft dat de regisseur ook gezegd)" in said
    assert "de wachtende uitvraag in Prefect is nog niet hervat" in said
    assert "Volgende poging over 16 seconden (dit was poging 5; Prefect-run 78a503e4-24a9-485f-aa73-62b50f7d46a9)" \
        in said
    assert not any(name in said for name in CLASSES), said
    return said


def test_an_unreachable_prefect_server_is_named_as_such(db: Database, loaded, caplog) -> None:  # type: ignore[no-untyped-def]
    """Prefect's client wraps the connection error: "Failed to reach API" from an httpx.ConnectError."""
    try:
        try:
            raise httpx.ConnectError("[Errno 111] Connection refused")
        except httpx.ConnectError as cause:
            raise RuntimeError("Failed to reach API at http://127.0.0.1:4200/api/") from cause
    except RuntimeError as wrapped:
        said = _failed_with(db, caplog, wrapped)
    assert "de Prefect-server is niet bereikbaar. Het hervatten gebeurt vanzelf zodra de Prefect-server weer " \
           "antwoordt; draait 'regie dienst' niet, start die dan." in said
    assert "Failed to reach" not in said and "Prefect gaf een fout" not in said


def test_a_refused_connection_is_named_too(db: Database, loaded, caplog) -> None:  # type: ignore[no-untyped-def]
    said = _failed_with(db, caplog, ConnectionRefusedError(111, "Connection refused"))
    assert "de Prefect-server is niet bereikbaar" in said


def test_the_answer_page_alone_says_to_start_the_service(db: Database, loaded, caplog) -> None:  # type: ignore[no-untyped-def]
    from web.resumer import GeenPrefectServer

    said = _failed_with(db, caplog, GeenPrefectServer("PREFECT_API_URL is niet gezet"))
    assert "deze antwoordpagina draait zonder Prefect-server (alleen 'regie web'). Stop deze pagina met Ctrl-C " \
           "en start 'regie dienst'" in said
    assert "PREFECT_API_URL" not in said


def test_another_error_is_quoted_without_its_class(db: Database, loaded, caplog) -> None:  # type: ignore[no-untyped-def]
    said = _failed_with(db, caplog, RuntimeError("Found incompatible versions: client: 3.9.1, server: 2.0.0."))
    assert "Prefect gaf een fout („Found incompatible versions: client: 3.9.1, server: 2.0.0.”). Het wordt " \
           "opnieuw geprobeerd zolang de uitvraag wacht" in said
    assert "niet bereikbaar" not in said


def test_the_wait_is_said_in_minutes_once_long() -> None:
    from web.resumer import _seconds

    assert [_seconds(w) for w in (1.0, 16.0, 64.0, 300.0)] == ["1 seconde", "16 seconden", "64 seconden",
                                                              "5 minuten"]

