"""Serving the answer page with uvicorn on 127.0.0.1 (a proxy in front adds HTTPS)."""

from __future__ import annotations

import threading

import uvicorn

from web.app import create_app


def config(port: int) -> uvicorn.Config:
    """Uvicorn's settings: only 127.0.0.1, no access log (the path holds a personal token),
    X-Forwarded-* trusted from the local proxy only."""
    return uvicorn.Config(create_app(), host="127.0.0.1", port=port, access_log=False, log_level="warning",
                          proxy_headers=True, forwarded_allow_ips="127.0.0.1", server_header=False)


def serve(port: int) -> None:
    """Serve until Ctrl-C."""
    uvicorn.Server(config(port)).run()


class Background:
    """The app served from a thread of this process (used by `regie dienst`)."""

    def __init__(self, port: int) -> None:
        self.server = uvicorn.Server(config(port))
        self.thread = threading.Thread(target=self.server.run, name="regie-web", daemon=True)

    def __enter__(self) -> Background:
        self.thread.start()
        while not self.server.started and self.thread.is_alive():
            self.thread.join(0.05)
        if not self.server.started:
            raise OSError("de antwoordpagina start niet")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
