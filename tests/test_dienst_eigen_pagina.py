"""A second `./start.sh --eenmalig` (`regie dienst`) while the user's own `regie web` runs on the answer
page's port (a new user's trial: "… is al in gebruik door een ander programma"): the refusal says it is
our own answer page, for this data directory or another, and how to stop it or pick another port."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import free_port

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_answer_page_of_this_data_directory_on_the_port_is_named_as_ours(
        db, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings
    from regie.dienst import PoortBezet, check_ports
    from web.server import Background

    port = free_port()
    monkeypatch.setenv("REGIE_WEB_POORT", str(port))
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # not the local mailbox
    get_settings.cache_clear()
    with Background(port):  # `regie web` of this data directory
        outcome = regie("dienst", "--eenmalig", "--poort", str(free_port()))
        with pytest.raises(PoortBezet, match="antwoordpagina van programmaregie voor een andere datamap"):
            check_ports(prefect=free_port(), postvak=None, data_dir=tmp_path / "elders", web=port)
    said = " ".join(outcome.err.split())
    assert outcome.code == 2, outcome
    assert (f"Poort {port} op 127.0.0.1 is in gebruik door de antwoordpagina van programmaregie voor deze "
            "datamap (regie web of regie dienst). De dienst start niet naast die pagina. Stop die eerst met "
            "Ctrl-C in het venster waarin hij draait") in said, said
    assert "of kies een andere poort met de instelling REGIE_WEB_POORT. Bijvoorbeeld: REGIE_WEB_POORT=" in said
    assert "ander programma" not in said
