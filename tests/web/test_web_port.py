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
