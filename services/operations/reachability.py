"""`regie diagnose`: can each non-mail channel's endpoint be reached? A TCP connection to the host
and port Apprise would send to, closed at once: no message is sent. Channels whose endpoint is not
in the URL nor a fixed address of the service (the plugin builds it per message) are not checked."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import apprise

from models.settings import Settings
from models.tables import Person
from services.outbox.channels import Kanaal, channels_for, route_plugin
from services.outbox.reasons import dutch_reason

# Apprise schemes whose host and port in the URL are where the message goes (self-hosted services).
_OWN_HOST = {"json", "jsons", "xml", "xmls", "form", "forms", "apprise", "apprises", "gotify", "gotifys",
             "mmost", "mmosts", "rocket", "rockets", "ncloud", "nclouds", "hassio", "hassios", "matrix",
             "matrixs", "kodi", "kodis", "xbmc", "xbmcs"}


def endpoint(plugin: Any) -> tuple[str, int] | None:
    """(host, port) Apprise would connect to for ``plugin``, or None when the URL does not say."""
    scheme = str(plugin.url()).split("://", 1)[0].lower()
    if scheme in _OWN_HOST and getattr(plugin, "host", None) and getattr(plugin, "mode", "") != "t2bot":
        secure = bool(getattr(plugin, "secure", False))
        return plugin.host, int(plugin.port or (443 if secure else 80))
    for name in ("notify_url", "webhook_url", "api_url"):
        fixed = getattr(type(plugin), name, None)
        if isinstance(fixed, str) and fixed.startswith(("http://", "https://")) and "{" not in fixed:
            parts = urlsplit(fixed)
            if parts.hostname:
                return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    return None


def _connect(where: tuple[str, int], timeout: float) -> str | None:
    """None when a TCP connection to ``where`` opens within ``timeout`` seconds, else why not (Dutch)."""
    try:
        with socket.create_connection(where, timeout=timeout):
            return None
    except OSError as exc:
        return dutch_reason(exc=exc)


def unreachable(people: Sequence[Person], settings: Settings, timeout: float = 3.0) -> tuple[int, list[str]]:
    """(endpoints tried, 'person: channel: reason' for each channel that cannot be reached), masked."""
    targets: dict[tuple[str, int], list[tuple[str, Kanaal]]] = {}
    for person in people:
        for kanaal in channels_for(list(person.kanalen), sleutel=person.sleutel, rollen=list(person.rollen),
                                   settings=settings):
            if kanaal.fout or kanaal.soort not in ("apprise", "route"):
                continue  # mail is checked with the SMTP server; a bad URL is told by _channel_problems
            plugin = route_plugin(settings, kanaal) if kanaal.soort == "route" else \
                apprise.Apprise.instantiate(kanaal.doel)
            where = endpoint(plugin) if plugin is not None else None
            if where is not None:
                targets.setdefault(where, []).append((person.sleutel, kanaal))
    if not targets:
        return 0, []
    with ThreadPoolExecutor(min(16, len(targets))) as pool:
        outcomes = dict(zip(targets, pool.map(lambda w: _connect(w, timeout), targets), strict=True))
    failing = [f"{who}: {kanaal.label}: {why}" for where, why in outcomes.items() if why
               for who, kanaal in targets[where]]
    return len(targets), failing
