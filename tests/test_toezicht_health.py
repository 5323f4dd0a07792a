"""The service's look at its Prefect server survives every way a dying server answers: a server
killed while writing /api/health left the service with "Interne fout (IncompleteRead)" instead of
its Dutch message that the server stopped (seen in a run of test_dienst_toezicht)."""

from __future__ import annotations

import socket
import threading

import pytest

from regie.dienst_toezicht import healthy


def _serve_once(reply: bytes) -> int:
    """A listener on 127.0.0.1 that answers one connection with ``reply`` and closes it."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        with listener:
            connection, _ = listener.accept()
            with connection:
                connection.recv(4096)
                connection.sendall(reply)

    threading.Thread(target=answer, daemon=True).start()
    return listener.getsockname()[1]


@pytest.mark.parametrize("reply", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\ntr",  # killed mid-body: IncompleteRead
    b"HTTP/1.1 200 OK\r\nContent-Le",  # killed mid-header
    b"garbage\r\n\r\n",  # not HTTP at all
    b"",  # closed without a word
], ids=["mid-body", "mid-header", "not-http", "closed"])
def test_a_server_dying_mid_answer_counts_as_not_answering(reply: bytes) -> None:
    assert healthy(_serve_once(reply), timeout=5) is False


def test_a_whole_answer_counts_as_healthy() -> None:
    assert healthy(_serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ntrue"), timeout=5) is True
