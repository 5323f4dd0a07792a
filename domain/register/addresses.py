"""E-mail channels: which entries of `kanalen` are plain e-mail addresses (no I/O, no Apprise)."""

from __future__ import annotations

import re
from urllib.parse import unquote

_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")


def email_address(channel: str) -> str | None:
    """The address of an e-mail channel: ``mailto:adres``, ``mailto://adres`` or a bare address."""
    value = channel.strip()
    for prefix in ("mailto://", "mailto:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
            break
    value = unquote(value.split("?", 1)[0])
    return value if _EMAIL.match(value) else None
