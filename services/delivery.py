"""Delivery through Apprise: e-mail through the configured SMTP server, every other channel
(Teams, Slack, Matrix …) as its own Apprise URL. Secrets never leave this module in messages."""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import ssl
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import apprise
from apprise.plugins.email import base as _apprise_email

from models.settings import Settings
from services.secrets import (
    UrlFout,
    masked_channel,
    resolve_channel,
    resolved_secrets,
    secret_forms,
    smtp_parts,
)

_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")
# user[:password]@ after the scheme; the password may hold a '/' (it often does).
_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^\s@/'\"]*(?::[^\s@'\"]*)?@", re.IGNORECASE)


@dataclass(frozen=True)
class Bericht:
    """One digest to one person: subject, HTML for e-mail, plain text for chat channels."""

    persoon_id: int
    sleutel: str
    rollen: tuple[str, ...]
    kanalen: tuple[str, ...]
    onderwerp: str
    html: str
    tekst: str
    bijlagen: tuple[str, ...] = ()   # files sent along (a report's PDF and charts)
    inline: bool = False             # images the HTML references as cid:<file name> are shown in place


@dataclass(frozen=True)
class Uitkomst:
    """Whether a digest went out, and why not (secrets removed)."""

    persoon_id: int
    gelukt: bool
    fout: str | None = None


class _DeferredCAContext(ssl.SSLContext):
    """A client TLS context that reads the CA store when it secures a connection, not before."""

    _ca_loaded = False

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:  # type: ignore[override]
        if not self._ca_loaded:
            self.load_default_certs(ssl.Purpose.SERVER_AUTH)
            self._ca_loaded = True
        return super().wrap_socket(*args, **kwargs)


def _default_context(purpose: ssl.Purpose = ssl.Purpose.SERVER_AUTH, *, cafile: str | None = None,
                     capath: str | None = None, cadata: Any = None) -> ssl.SSLContext:
    """``ssl.create_default_context()`` with the CA store read on first use: Apprise's e-mail
    plugin makes a context for every message, also for plain SMTP where it is never used, and
    reading the CA store costs ≈ 35 ms of CPU, half of what a digest costs to send. Verification
    is the same: certificates required, host names checked, the system's CA store."""
    if purpose != ssl.Purpose.SERVER_AUTH or cafile or capath or cadata:
        return ssl.create_default_context(purpose, cafile=cafile, capath=capath, cadata=cadata)
    context = _DeferredCAContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED, check_hostname
    context.verify_flags = _REFERENCE.verify_flags
    context.options = _REFERENCE.options
    return context


_REFERENCE = ssl.create_default_context()  # its flags and options, read once per process
_apprise_email.ssl = types.SimpleNamespace(  # type: ignore[attr-defined]
    **{**{name: getattr(ssl, name) for name in dir(ssl) if not name.startswith("__")},
       "create_default_context": _default_context})


def hide_secrets(text: str, settings: Settings) -> str:
    """``text`` without passwords: credentials in URLs and the configured SMTP password."""
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


def email_address(channel: str) -> str | None:
    """The address of an e-mail channel: ``mailto:adres``, ``mailto://adres`` or a bare address."""
    value = channel.strip()
    for prefix in ("mailto://", "mailto:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
            break
    value = unquote(value.split("?", 1)[0])
    return value if _EMAIL.match(value) else None


def smtp_url(settings: Settings, to: str, *, inline: bool = False) -> str:
    """The Apprise URL that sends to ``to`` through the configured SMTP server."""
    parts = smtp_parts(settings.smtp_url.get_secret_value())
    scheme = parts.scheme
    secure = parts.secure
    auth = ""
    if parts.username:
        auth = quote(parts.username, safe="")
        if parts.password:
            auth += ":" + quote(parts.password, safe="")
        auth += "@"
    host = parts.host or "127.0.0.1"
    port = f":{parts.port}" if parts.port else ""
    mode = "ssl" if scheme in ("smtps", "mailtos") and (parts.port in (None, 465)) else (
        "starttls" if secure or parts.username else "insecure")
    return (f"{'mailtos' if secure else 'mailto'}://{auth}{host}{port}?smtp={host}&mode={mode}"
            f"&from={quote(settings.afzender, safe='@')}&to={quote(to, safe='@')}"
            f"{'&inline=yes' if inline else ''}")


def _config(settings: Settings) -> apprise.AppriseConfig | None:
    path = settings.apprise_config
    if path is None or not Path(path).exists():
        return None
    config = apprise.AppriseConfig()
    config.add(str(path))
    return config


def send(bericht: Bericht, settings: Settings) -> Uitkomst:
    """Send one digest on every channel of the person, and on the routes of the Apprise config
    tagged with the person's key or one of their roles."""
    mail, chat = apprise.Apprise(), apprise.Apprise()
    for listed in bericht.kanalen:
        try:
            channel = resolve_channel(listed)  # env:NAAM is read now, never stored
            address = email_address(channel)
            url = smtp_url(settings, address, inline=bericht.inline) if address else channel
        except UrlFout as fout:
            return Uitkomst(bericht.persoon_id, False, hide_secrets(str(fout), settings))
        target = mail if address else chat
        if not target.add(url):
            return Uitkomst(bericht.persoon_id, False, hide_secrets(
                f"kanaal '{masked_channel(listed)}' is geen geldige Apprise-URL of e-mailadres", settings))
    config = _config(settings)
    attachments = list(bericht.bijlagen) or None
    results: list[bool | None] = []
    with apprise.LogCapture(level=logging.WARNING) as log:
        if len(mail):
            results.append(mail.notify(title=bericht.onderwerp, body=bericht.html, attach=attachments,
                                       body_format=apprise.NotifyFormat.HTML))
        if len(chat):
            results.append(chat.notify(title=bericht.onderwerp, body=bericht.tekst, attach=attachments,
                                       body_format=apprise.NotifyFormat.TEXT))
        if config is not None:
            routes = apprise.Apprise()
            routes.add(config)
            # None: no route carries one of these tags.
            results.append(routes.notify(title=bericht.onderwerp, body=bericht.tekst,
                                         body_format=apprise.NotifyFormat.TEXT,
                                         tag=[bericht.sleutel, *bericht.rollen]))
        errors = log.getvalue().strip()
    attempted = [r for r in results if r is not None]
    if not attempted:
        return Uitkomst(bericht.persoon_id, False, "geen kanalen: vul 'kanalen' in personen.yaml in")
    if all(attempted):
        return Uitkomst(bericht.persoon_id, True)
    last = errors.splitlines()[-1] if errors else "het bericht is niet aangenomen"
    return Uitkomst(bericht.persoon_id, False, hide_secrets(last, settings))


def send_all(berichten: Sequence[Any], settings: Settings,
             maak: Callable[[Any], Bericht] | None = None) -> list[Uitkomst]:
    """Send every message, several at a time (Apprise waits on the SMTP server). ``maak`` turns
    each item into its message first, in this process (a digest is rendered where it is sent)."""
    if not berichten:
        return []
    ready = [maak(item) for item in berichten] if maak is not None else list(berichten)
    with ThreadPoolExecutor(max_workers=max(1, settings.bezorgers)) as pool:
        return list(pool.map(lambda b: send(b, settings), ready))


@contextmanager
def sender(settings: Settings, *, berichten: int, maak: Callable[[Any], Bericht] | None = None,
           ) -> Iterator[Callable[[Sequence[Any]], list[Uitkomst]]]:
    """A function that sends a batch (of messages, or of items that ``maak`` renders; each has a
    ``persoon_id``). For many messages it spreads them over worker processes, which also render
    them: rendering a digest and building its mail (the HTML-to-text part) cost tens of
    milliseconds of CPU each, so threads alone stay on one core. ``maak`` must be picklable
    (a module-level function or a functools.partial of one)."""
    processes = min(settings.bezorg_processen, os.cpu_count() or 1)
    if processes <= 1 or berichten < 200:
        yield lambda batch: send_all(batch, settings, maak)
        return
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        def spread(batch: Sequence[Any]) -> list[Uitkomst]:
            chunks = [batch[i::processes] for i in range(processes)]
            parts = pool.map(send_all, chunks, [settings] * processes, [maak] * processes)
            done = {o.persoon_id: o for part in parts for o in part}
            return [done[b.persoon_id] for b in batch]
        yield spread
