"""Why a channel failed, in Dutch: the common network and HTTP failures recognised in Apprise's log
records (its warning and the debug line with the socket exception) or in the exception itself.
The original English detail is left out when the reason is recognised, and otherwise added at the
end in parentheses (through hide_secrets by the caller), never with a doubled full stop."""

from __future__ import annotations

import re

from services.os_reasons import CERTIFICAAT, GEWEIGERD, ONBEREIKBAAR, TIJD_OM, os_reden

_STATUS = re.compile(r"(?:error=|status(?: code)?[ =:]+|HTTP(?:/\d(?:\.\d)?)?[ -])(?P<code>[1-5]\d\d)\b",
                     re.IGNORECASE)

REFUSED, UNREACHABLE, TIMEOUT = GEWEIGERD, ONBEREIKBAAR, TIJD_OM  # the one wording (services/os_reasons.py)
AUTH = "aanmelding geweigerd: controleer het token of wachtwoord in de kanaal-URL"
CERTIFICATE = CERTIFICAAT
NOT_ACCEPTED = "het bericht is niet aangenomen"

_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"connection refused|errno 111|connectionrefused", REFUSED),
    (r"name or service not known|failed to resolve|nodename nor servname|getaddrinfo|temporary failure in "
     r"name resolution|no route to host|network is unreachable|errno -[23]\b", UNREACHABLE),
    (r"timed out|timeout", TIMEOUT),
    (r"certificate verify failed|ssl: certificate|sslcertverification", CERTIFICATE),
    (r"authenticat|unauthori[sz]ed|forbidden|verification failed|invalid token|\b535\b", AUTH),
)


def _status(code: int) -> str:
    if code in (401, 403):
        return f"{AUTH} (HTTP-status {code})"
    if code == 404:
        return "de server kent dit adres niet (HTTP-status 404): controleer de kanaal-URL"
    if code == 429:
        return "de server weigert tijdelijk, te veel berichten (HTTP-status 429)"
    if code >= 500:
        return f"de server gaf een fout (HTTP-status {code})"
    return f"de server nam het bericht niet aan (HTTP-status {code})"


def _detail(text: str) -> str:
    """The last line of ``text``, without trailing full stops and spaces."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1].rstrip(" .")[:200] if lines else ""


def dutch_reason(text: str = "", exc: BaseException | None = None) -> str:
    """A Dutch reason for a failure told by ``text`` (log records, the warning last or not) or ``exc``."""
    # A refused connection, an unknown host, a time-out, an untrusted certificate, a reset, …: the one
    # Dutch wording (services/os_reasons.py); an errno it does not know is read from the text below.
    if isinstance(exc, OSError) and "systeemfout" not in (reden := os_reden(exc)):
        return reden
    told = " ".join(part for part in (text, f"{type(exc).__name__}: {exc}" if exc else "") if part)
    status = _STATUS.search(told)
    if status:
        return _status(int(status.group("code")))
    low = told.lower()
    for pattern, reason in _PATTERNS:
        if re.search(pattern, low):
            return reason
    detail = _detail(told)
    return f"{NOT_ACCEPTED} ({detail})" if detail else NOT_ACCEPTED


class NietBezorgd(RuntimeError):
    """A sending task's failure: not every message reached every channel (Prefect retries the task,
    and the coordinator sees this name and its Dutch message in the UI, not "RuntimeError")."""
