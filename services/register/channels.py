"""Checking the channels of personen.yaml at load time, so a bad URL is refused by `regie laad`
instead of failing silently on the first day a message goes out."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

from domain.register.addresses import address_problem, meant_as_address
from domain.register.errors import RegisterFout
from domain.register.tekstcontrole import shown as shown_value


@contextlib.contextmanager
def _apprise_quiet() -> Iterator[None]:
    # Apprise logs an unparseable URL in full, password and token included: keep it out of logs.
    logger = logging.getLogger("apprise")
    level, logger.level = logger.level, logging.CRITICAL + 1
    try:
        yield
    finally:
        logger.setLevel(level)


def shown_channel(channel: str) -> str:
    """A channel as it may be shown to anyone: the scheme and host only, never user, password,
    token or path (those hold the secrets of most Apprise URLs)."""
    parts = urlsplit(channel.strip())
    if not parts.scheme or "://" not in channel:
        return "(geen URL)"
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    return f"{parts.scheme.lower()}://{host}" if host else f"{parts.scheme.lower()}://…"


def channel_problem(channel: str) -> str | None:
    """What is wrong with one channel (Dutch, without its secrets), or None when it can be used."""
    if meant_as_address(channel):
        # The common case: no Apprise import (≈ 1.5 s) for a register of addresses.
        return address_problem(channel)
    if channel.strip().lower().startswith("env:"):
        return None  # read from the environment when sending; `regie diagnose` checks the value
    import apprise
    from apprise.manager_plugins import NotificationManager

    value = channel.strip()
    with _apprise_quiet():
        plugin = apprise.Apprise.instantiate(value, suppress_exceptions=True)
    if plugin is not None:
        return None
    scheme = urlsplit(value).scheme.lower()
    known = bool(scheme) and scheme in NotificationManager().schemas()
    if not known:
        return (f"het kanaal {shown_channel(value)} heeft een schema dat Apprise niet kent ('{scheme}'). "
                "Gebruik een schema uit de lijst van Apprise (bijvoorbeeld mailto://, workflows:// (Teams), "
                "json://, slack://) of een e-mailadres.")
    return (f"het kanaal {shown_channel(value)} is geen geldige Apprise-URL (een onderdeel ontbreekt of "
            "klopt niet). Kopieer de URL opnieuw uit de instellingen van het kanaal; zie de "
            "Apprise-documentatie van dit schema.")


def channel_error(kanaal: str, shown: str, regel: int | None, veld: str) -> RegisterFout | None:
    """The error of one channel of personen.yaml, or None when it can be used."""
    problem = channel_problem(kanaal)
    if problem and meant_as_address(kanaal):
        problem = f"{shown_value(kanaal.strip(), 200)} {problem}"  # an address holds no secret: named
    return RegisterFout(shown, regel, veld, problem) if problem else None
