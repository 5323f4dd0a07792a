"""A person's channels: e-mail addresses, their own Apprise URLs, and the routes of the Apprise
config tagged with their key or a role. Each channel has a stable key (a hash: a URL may hold a
token) and a label without secrets, so delivery can be kept per channel."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import apprise

from domain.register.addresses import email_address
from models.settings import Settings
from services.secrets import (
    UrlFout,
    masked_channel,
    resolve_channel,
    resolved_secrets,
    secret_forms,
    smtp_parts,
)

# user[:password]@ after the scheme; the password may hold a '/' (it often does).
_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^\s@/'\"]*(?::[^\s@'\"]*)?@", re.IGNORECASE)


@dataclass(frozen=True)
class Kanaal:
    """One way to reach a person: ``soort`` mail (``doel`` is the address), apprise or route
    (``doel`` is the URL: may hold a secret, never shown), geen or ongeldig (``fout`` says why)."""

    sleutel: str
    label: str
    soort: str
    doel: str = ""
    fout: str | None = None


GEEN_KANAAL = Kanaal("geen-kanaal", "geen kanaal", "geen",
                     fout="geen kanalen: vul 'kanalen' in personen.yaml in")


def channel_key(text: str) -> str:
    """A stable key for a channel that reveals nothing of it."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def hide_secrets(text: str, settings: Settings) -> str:
    """``text`` without secrets: credentials in URLs, the configured SMTP password and every value
    read from the environment for an ``env:`` channel."""
    text = _CREDENTIALS.sub(lambda m: m.group("scheme") + "***@", text)
    secrets = set(resolved_secrets())
    try:
        password = smtp_parts(settings.smtp_url.get_secret_value()).password
    except UrlFout:
        password = None
    if password:
        secrets.add(password)
    for secret in secrets:
        for form in sorted(secret_forms(secret), key=len, reverse=True):
            text = text.replace(form, "***")
    return text


@lru_cache(maxsize=4096)
def _apprise_channel(url: str) -> Kanaal:
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return Kanaal(channel_key(url), "ongeldig kanaal", "ongeldig",
                      fout=f"kanaal '{masked_channel(url)}' is geen geldige Apprise-URL of e-mailadres")
    # Keyed by Apprise's own form of the URL: the same endpoint named in personen.yaml and in a
    # route of the Apprise config is one channel.
    return Kanaal(channel_key(str(plugin.url())), _label(plugin), "apprise", url)


@lru_cache(maxsize=8)
def _routes(path: str, _mtime: float) -> tuple[tuple[Kanaal, frozenset[str], Any], ...]:
    """(channel, tags, Apprise plugin) of every route in the Apprise config (read again when the
    file changes). The plugin is kept: some cannot be rebuilt from their URL."""
    config = apprise.AppriseConfig()
    config.add(path)
    with apprise.LogCapture(level=logging.WARNING):
        servers = config.services()  # Apprise 2.0's name (1.x: servers())
    return tuple((Kanaal(channel_key(str(s.url())), _label(s, "route "), "route"), frozenset(s.tags), s)
                 for s in servers)


def _label(plugin: Any, prefix: str = "") -> str:
    """A channel as people recognise it, without tokens or options."""
    return (prefix + str(plugin.url(privacy=True)).split("?", 1)[0])[:300]


def _config_routes(settings: Settings) -> tuple[tuple[Kanaal, frozenset[str], Any], ...]:
    path = settings.apprise_config
    if path is None or not Path(path).exists():
        return ()
    return _routes(str(path), Path(path).stat().st_mtime)


def routes(settings: Settings, tags: set[str]) -> list[Kanaal]:
    """The config's routes carrying one of ``tags`` (or the tag 'always')."""
    return [kanaal for kanaal, labels, _ in _config_routes(settings) if labels & tags or "always" in labels]


def route_plugin(settings: Settings, kanaal: Kanaal) -> Any:
    """The Apprise plugin that sends on route ``kanaal``."""
    return next(plugin for k, _, plugin in _config_routes(settings) if k.sleutel == kanaal.sleutel)


def channels_for(kanalen: tuple[str, ...] | list[str], *, sleutel: str, rollen: tuple[str, ...] | list[str],
                 settings: Settings) -> list[Kanaal]:
    """Every channel of a person, each once; GEEN_KANAAL when there is none."""
    out: dict[str, Kanaal] = {}
    for listed in kanalen:
        try:
            channel = resolve_channel(listed)  # env:NAAM is read now, never stored
        except UrlFout as fout:
            kanaal = Kanaal(channel_key(listed), f"kanaal {masked_channel(listed)}", "ongeldig",
                            fout=hide_secrets(str(fout), settings))
            out.setdefault(kanaal.sleutel, kanaal)
            continue
        address = email_address(channel)
        if address:
            kanaal = Kanaal(channel_key("mailto:" + address.lower()), f"e-mail {address}", "mail", address)
        else:
            kanaal = _apprise_channel(channel.strip())
            if kanaal.fout:
                kanaal = Kanaal(kanaal.sleutel, kanaal.label, kanaal.soort,
                                fout=hide_secrets(kanaal.fout, settings))
        out.setdefault(kanaal.sleutel, kanaal)
    for kanaal in routes(settings, {sleutel, *rollen}):
        out.setdefault(kanaal.sleutel, kanaal)
    return list(out.values()) or [GEEN_KANAAL]
