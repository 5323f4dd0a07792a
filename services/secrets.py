"""Secrets in URLs: parsed without ever putting their parts in a message, masked for the history,
and taken from the environment (``env:NAAM``) so that tokens need not be in the register.

``urllib.parse.urlsplit`` reads ``smtp://user:pa/ss@host:587`` as host ``user``, port ``pa``:
asking for its port raises "Port could not be cast to integer value as 'pa'", and that sentence
ended up on screen and in Prefect's database. Here the user part ends at the *last* ``@``, so a
``/`` or ``@`` in a password is read as part of it, and a bad port is told without the value.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import NamedTuple
from urllib.parse import quote, unquote

ENV_PREFIX = "env:"
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RESOLVED: set[str] = set()  # secret values taken from the environment by this process


class UrlFout(ValueError):
    """A URL that cannot be used; the message names no part of it."""


class SmtpParts(NamedTuple):
    """The parts of the SMTP URL (username and password unquoted)."""

    scheme: str
    username: str | None
    password: str | None
    host: str
    port: int | None

    @property
    def secure(self) -> bool:
        """smtps:// or mailtos://: TLS (implicit on 465, STARTTLS on another port)."""
        return self.scheme in ("smtps", "mailtos")


def smtp_parts(url: str) -> SmtpParts:
    """The parts of ``REGIE_SMTP_URL``; ``UrlFout`` (without any part of the URL) when unusable."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep or scheme.lower() not in ("smtp", "smtps", "mailto", "mailtos"):
        raise UrlFout("REGIE_SMTP_URL begint niet met smtp:// of smtps://. Schrijf bijvoorbeeld "
                      "smtp://gebruiker:wachtwoord@smtp.example.nl:587.")
    userinfo, at, hostpart = rest.rpartition("@")
    if not at:
        userinfo, hostpart = "", rest
    hostport = re.split(r"[/?#]", hostpart, maxsplit=1)[0]
    host, colon, port_text = hostport.rpartition(":") if ":" in hostport else (hostport, "", "")
    port: int | None = None
    if colon:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise UrlFout("REGIE_SMTP_URL heeft geen geldig poortnummer na de servernaam. Schrijf "
                          "bijvoorbeeld smtp://gebruiker:wachtwoord@smtp.example.nl:587 (tekens als / of @ "
                          "in het wachtwoord mogen, of schrijf ze als %2F en %40).")
        port = int(port_text)
    if not host or any(ch in host for ch in " /\\"):
        raise UrlFout("REGIE_SMTP_URL noemt geen geldige server. Schrijf bijvoorbeeld "
                      "smtp://gebruiker:wachtwoord@smtp.example.nl:587.")
    username, has_password, password = userinfo.partition(":")
    return SmtpParts(scheme.lower(), unquote(username) if userinfo else None,
                     unquote(password) if has_password else None, host.lower(), port)


def secret_forms(value: str) -> set[str]:
    """The ways a secret can appear in text: as is, unquoted and quoted."""
    return {form for form in (value, unquote(value), quote(value, safe=""), quote(unquote(value), safe=""))
            if len(form) >= 3}


def resolve_channel(channel: str) -> str:
    """A channel as it is sent: ``env:NAAM`` becomes the value of environment variable NAAM (read at
    send time, so the token is never in the register, the database or its history)."""
    if not channel.startswith(ENV_PREFIX):
        return channel
    name = channel[len(ENV_PREFIX):].strip()
    if not _ENV_NAME.match(name):
        raise UrlFout(f"kanaal '{channel[:60]}': na env: staat de naam van een omgevingsvariabele, "
                      "bijvoorbeeld env:TEAMS_REGIE.")
    value = os.environ.get(name, "").strip()
    if not value:
        raise UrlFout(f"kanaal 'env:{name}': de omgevingsvariabele {name} is niet gezet op deze machine. "
                      "Zet haar in de omgeving van de dienst (bijvoorbeeld in de systemd-unit).")
    _RESOLVED.add(value)
    return value


def resolved_secrets() -> set[str]:
    """Every channel value this process took from the environment (to keep out of messages)."""
    return set(_RESOLVED)


def masked_channel(channel: str) -> str:
    """A channel as the history keeps it: e-mail addresses and env: references as they are; any
    other URL only by its scheme and a fingerprint, so a change still shows but no token does."""
    value = channel.strip()
    if value.startswith(ENV_PREFIX) or ("://" not in value and "@" in value and ":" not in value):
        return value
    scheme, sep, rest = value.partition("://")
    if scheme.lower() == "mailto" and "@" in rest and ":" not in rest.split("@", 1)[0]:
        return value
    if value.lower().startswith("mailto:") and "://" not in value:
        return value
    if not sep:
        return value[:40]  # not a URL at all (a typo): nothing of a token's shape to hide
    digest = hashlib.sha256(value.encode()).hexdigest()[:8]
    return f"{scheme.lower()}://*** (#{digest})"
