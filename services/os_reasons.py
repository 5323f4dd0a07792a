"""Why the operating system or the network refused, in Dutch: the one reason for every message that
names a file or a server ("No such file or directory", "ConnectionRefusedError" must not reach the
user). A reason the table does not know is "systeemfout N" (its errno), never English."""

from __future__ import annotations

import errno
import socket
import ssl

BESTAAT_NIET = "het bestaat niet"
GEEN_TOEGANG = "geen toegang: de rechten staan het niet toe"
GEWEIGERD = "verbinding geweigerd: er luistert niets op dat adres en die poort"
ONBEREIKBAAR = "server niet bereikbaar: de naam is onbekend of het netwerk komt er niet"
TIJD_OM = "geen antwoord binnen de wachttijd"
CERTIFICAAT = "het certificaat van de server wordt niet vertrouwd"

_ERRNO = {
    errno.ENOENT: BESTAAT_NIET, errno.EACCES: GEEN_TOEGANG, errno.EPERM: GEEN_TOEGANG,
    errno.EISDIR: "het is een map, geen bestand", errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er staat al iets met die naam", errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENOSPC: "de schijf is vol", errno.EDQUOT: "het schijfquotum is op",
    errno.ENAMETOOLONG: "de naam is te lang", errno.ELOOP: "een koppeling die naar zichzelf wijst",
    errno.EIO: "een lees- of schrijffout van de schijf", errno.EMFILE: "te veel open bestanden",
    errno.EBUSY: "het is in gebruik", errno.ETXTBSY: "het is in gebruik",
    errno.ECONNREFUSED: GEWEIGERD, errno.ETIMEDOUT: TIJD_OM, errno.EHOSTUNREACH: ONBEREIKBAAR,
    errno.ENETUNREACH: ONBEREIKBAAR, errno.ECONNRESET: "de verbinding werd verbroken",
    errno.EPIPE: "de verbinding werd verbroken", errno.EADDRINUSE: "de poort is al in gebruik",
    errno.EADDRNOTAVAIL: "dat adres hoort niet bij deze computer",
}


def os_reden(exc: BaseException) -> str:
    """The Dutch reason of an ``OSError`` (a file that does not exist, no access, a refused connection,
    a time-out, ...) or of an SMTP or TLS failure; "systeemfout N" for an errno the table does not know."""
    import smtplib  # here: only a failure needs it

    if isinstance(exc, ssl.SSLCertVerificationError):
        return CERTIFICAAT
    if isinstance(exc, ConnectionRefusedError):  # also when raised without its errno
        return GEWEIGERD
    if isinstance(exc, socket.gaierror):
        return ONBEREIKBAAR
    if isinstance(exc, TimeoutError | socket.timeout):
        return TIJD_OM
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "de server verbrak de verbinding"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"de server weigerde (SMTP-code {exc.smtp_code})"
    if isinstance(exc, ssl.SSLError):
        return "de versleutelde verbinding (TLS) kwam niet tot stand"
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in _ERRNO:
        return _ERRNO[code]
    if isinstance(exc, smtplib.SMTPException):
        return "de server antwoordde niet zoals een mailserver"
    return f"systeemfout {code}" if isinstance(code, int) else "onbekende systeemfout"


_TEXT = (("connection refused", GEWEIGERD), ("timed out", TIJD_OM), ("timeout", TIJD_OM),
         ("could not translate host name", ONBEREIKBAAR), ("name or service not known", ONBEREIKBAAR),
         ("no such file or directory", "het bestand bestaat niet"), ("permission denied", GEEN_TOEGANG))


def verbinding_reden(exc: BaseException) -> str:
    """``os_reden`` of a failure a driver wraps (SQLAlchemy's ``orig``, psycopg's message "connection
    refused"): the OS error inside, else the common cases recognised in its text, else "de server gaf
    een foutmelding" (the English detail is for REGIE_DEBUG=1, not for this sentence)."""
    inner = getattr(exc, "orig", None) or exc.__cause__ or exc
    for candidate in (exc, inner):
        if isinstance(candidate, OSError):
            return os_reden(candidate)
    told = f"{exc} {inner}".lower()
    return next((reason for pattern, reason in _TEXT if pattern in told), "de server gaf een foutmelding")
