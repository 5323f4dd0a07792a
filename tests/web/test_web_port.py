"""`regie web --poort` serves and links on one port; `regie link` says where its link works
(regie/web_cli.py, docs/answering.md)."""

from __future__ import annotations

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_regie_web_poort_prints_links_on_the_port_it_serves(loaded, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("REGIE_WEB_POORT", "8400")
    monkeypatch.delenv("REGIE_WEB_POORT")  # unset, and restored as unset after the test
    monkeypatch.delenv("REGIE_WEB_URL", raising=False)
    served: list[tuple[int, str]] = []
    monkeypatch.setattr("web.server.serve", lambda port, processes=1, *, on_started, **_: (served.append(
        (port, get_settings().web_base_url)), on_started()))  # the address is said once the page answers
    started = regie("web", "--poort", "8641")
    assert started.code == 0, started
    assert "Antwoordpagina: http://127.0.0.1:8641 (persoonlijke links: http://127.0.0.1:8641/mijn/…)" in started.out
    assert served == [(8641, "http://127.0.0.1:8641")]  # the page's own links, and the workers', too


@pytest.mark.parametrize("url", [None, "https://regie.example.org"])
def test_regie_link_says_where_its_link_works_unless_an_address_is_set(loaded, regie, monkeypatch, url) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("REGIE_WEB_POORT", "8400")
    if url:
        monkeypatch.setenv("REGIE_WEB_URL", url)
    else:
        monkeypatch.delenv("REGIE_WEB_URL", raising=False)
    link = regie("link", "regisseur-jeugd")
    said = " ".join(link.out.split())
    if url:
        assert f"{url}/mijn/" in said and "De link werkt zolang" not in said
    else:
        assert "De link werkt zolang de antwoordpagina draait op http://127.0.0.1:8400 (regie dienst, of regie " \
               "web zonder --poort)." in said


@pytest.mark.parametrize("holder", ["ander", "zelfde"])
def test_regie_web_on_a_taken_port_says_who_has_it_in_dutch(loaded, regie, monkeypatch, holder) -> None:  # type: ignore[no-untyped-def]
    """It said "Interne fout (OSError)" (two worker processes bind the socket themselves); uvicorn's own
    English error with one. Now: who holds the port, and a free one to choose."""
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from models.settings import get_settings
    from services.operations.own_page import HEADER, data_dir_mark

    mark = data_dir_mark(get_settings().data_dir)

    class OwnPage(BaseHTTPRequestHandler):  # our answer page for this data directory, as /gezond says it
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header(HEADER, mark)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OwnPage) if holder == "zelfde" else None
    other = socket.socket() if server is None else None
    if other is not None:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
    port = server.server_address[1] if server else other.getsockname()[1]  # type: ignore[union-attr]
    if server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr("web.server.serve", lambda *a, **k: pytest.fail("served on a taken port"))
    monkeypatch.setenv("COLUMNS", "250")
    try:
        outcome = regie("web", "--poort", str(port))
    finally:
        if server:
            server.shutdown()
            server.server_close()
        if other:
            other.close()
    said = " ".join(outcome.err.split())
    assert outcome.code == 2 and "Interne fout" not in said and "Traceback" not in said, outcome
    if holder == "zelfde":
        assert said.startswith(f"De antwoordpagina voor deze datamap draait al op poort {port}"), said
    else:
        assert said.startswith(f"Poort {port} op 127.0.0.1 is al in gebruik door een ander programma"), said
    assert "export REGIE_WEB_POORT=" in said and "is nu vrij" in said, said
