"""The operating system's and the network's refusals in Dutch, one function for every message
(services/os_reasons.os_reden): "het bestand kan niet gelezen worden (No such file or directory)" and
"SMTP-server … niet bereikbaar (ConnectionRefusedError)" reached users before. A missing CBS file is
told before who records the import."""

from __future__ import annotations

import errno
import os
import smtplib
import socket
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("exc", "reason"), [
    (FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT)), "het bestaat niet"),
    (PermissionError(errno.EACCES, os.strerror(errno.EACCES)), "geen toegang: de rechten staan het niet toe"),
    (IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), "het is een map, geen bestand"),
    (OSError(errno.EROFS, os.strerror(errno.EROFS)), "het bestandssysteem is alleen-lezen"),
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "de schijf is vol"),
    (ConnectionRefusedError(errno.ECONNREFUSED, os.strerror(errno.ECONNREFUSED)),
     "verbinding geweigerd: er luistert niets op dat adres en die poort"),
    (TimeoutError("timed out"), "geen antwoord binnen de wachttijd"),
    (socket.gaierror(-2, "Name or service not known"), "server niet bereikbaar: de naam is onbekend of het "
                                                       "netwerk komt er niet"),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), "de server verbrak de verbinding"),
    (OSError(errno.EXDEV, os.strerror(errno.EXDEV)), f"systeemfout {errno.EXDEV}"),
])
def test_each_common_refusal_has_a_dutch_reason(exc: BaseException, reason: str) -> None:
    from services.os_reasons import os_reden

    assert os_reden(exc) == reason


def test_a_missing_cbs_file_is_told_first_in_dutch(db, sample: Path, regie, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert regie("laad", str(sample)).code == 0
    monkeypatch.delenv("REGIE_GEBRUIKER")  # who imports is not known: the file still comes first
    before = db.snapshot()
    for path, reason in ((tmp_path / "83674NED.csv", "het bestaat niet"), (tmp_path, "het is een map, geen bestand")):
        outcome = regie("indicatoren", "importeer", str(path))
        said = " ".join(outcome.err.split())
        assert outcome.code == 2 and f"{path.name}: het bestand kan niet gelezen worden ({reason}). Controleer de " \
                                     "naam en de map." in said, said
        assert "wie legt dit vast" not in said and "No such file" not in said
    assert db.snapshot() == before
