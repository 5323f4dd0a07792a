"""E-mail with the standard library: one SMTP connection per sending thread, reused for every
message of a batch, with TLS and login as the configured REGIE_SMTP_URL says. The message is
the same multipart as before: plain text and HTML, attachments, and images shown in place
(``cid:<file name>``)."""

from __future__ import annotations

import mimetypes
import smtplib
import ssl
from dataclasses import dataclass, field
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.utils import format_datetime, formataddr, make_msgid
from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr

from models.clock import now
from models.settings import Settings
from services.outbox.local_mailbox import AnderPostvak, goes_to_local_mailbox, wrong_mailbox
from services.outbox.mime import has_8bit, in_base64, mail_bytes, text_part
from services.secrets import UrlFout, smtp_parts

# RFC 3834 (vacation responders, mail servers) and Exchange/Outlook: no out-of-office or other
# automatic reply to a mail of the service (also on an Apprise mail channel: sending.py).
AUTOMATIC = (("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"))


@dataclass(frozen=True)
class SmtpServer:
    """Where mail goes and how: mode ssl (implicit TLS), starttls or plain."""

    host: str
    port: int
    mode: str
    gebruiker: str | None = None
    wachtwoord: SecretStr | None = field(default=None, repr=False)


def smtp_server(settings: Settings) -> SmtpServer:
    """The SMTP server of REGIE_SMTP_URL: smtps:// (port 465: implicit TLS, else STARTTLS),
    smtp:// with a user name (STARTTLS), plain smtp:// otherwise (the local mailbox)."""
    parts = smtp_parts(settings.smtp_url.get_secret_value())  # UrlFout names no part of the URL
    user = parts.username or None
    secure = parts.secure
    mode = "ssl" if secure and parts.port in (None, 465) else "starttls" if secure or user else "plain"
    port = parts.port or {"ssl": 465, "starttls": 587}.get(mode, 25)
    password = SecretStr(parts.password) if parts.password else None
    return SmtpServer(parts.host or "127.0.0.1", port, mode, user, password)


@lru_cache(maxsize=1024)
def reply_to_header(antwoord: tuple[tuple[str, str], ...]) -> str:
    """Reply-To's value for (name, address) pairs: a name that is not ASCII encoded (RFC 2047), an
    international domain as IDNA (the register's check keeps the local part ASCII)."""
    def ascii_address(address: str) -> str:
        local, _, domain = address.rpartition("@")
        return address if address.isascii() else f"{local}@{domain.encode('idna').decode('ascii')}"
    return ", ".join(formataddr((naam, ascii_address(adres)), charset="utf-8") for naam, adres in antwoord)


def build_mail(*, afzender: str, aan: str, onderwerp: str, html: str, tekst: str,
               bijlagen: tuple[str, ...] = (), inline: bool = False,
               antwoord: tuple[tuple[str, str], ...] = ()) -> Message:
    """Text and HTML alternatives, marked as sent automatically (``AUTOMATIC``), with Reply-To
    ``antwoord`` (name, address) when given (services/outbox/reply_to.py); with ``inline``, images
    go beside the HTML (multipart/related, by Content-ID = file name: ``src="name.png"`` becomes
    ``src="cid:name.png"``) and the other files as
    attachments. Built with the compat32 MIME
    classes: the modern policy parses every header again, a third of a mail's CPU. Text goes as
    8bit where SMTP can carry it as it is (mime.py; base64 for a server without 8BITMIME)."""
    files = [Path(name) for name in bijlagen]
    images = [f for f in files if inline and (mimetypes.guess_type(f.name)[0] or "").startswith("image/")]
    for image in images:  # the HTML names the file beside it (a report's archived .mail.html)
        html = html.replace(f'src="{image.name}"', f'src="cid:{image.name}"')
    body: Message = MIMEMultipart("alternative")
    body.attach(text_part(tekst, "plain"))
    html_part: Message = text_part(html, "html")
    if images:
        related = MIMEMultipart("related")
        related.attach(html_part)
        for image in images:
            subtype = (mimetypes.guess_type(image.name)[0] or "image/png").split("/", 1)[1]
            part = MIMEImage(image.read_bytes(), _subtype=subtype)
            part.add_header("Content-ID", f"<{image.name}>")
            part.add_header("Content-Disposition", "inline", filename=image.name)
            related.attach(part)
        html_part = related
    body.attach(html_part)
    others = [f for f in files if f not in images]
    mail: Message = body
    if others:
        mail = MIMEMultipart("mixed")
        mail.attach(body)
        for path in others:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            part = MIMEApplication(path.read_bytes(), _subtype=kind.split("/", 1)[1])
            if not kind.startswith("application/"):
                part.replace_header("Content-Type", kind)
            part.add_header("Content-Disposition", "attachment", filename=path.name)
            mail.attach(part)
    mail["Subject"] = Header(onderwerp, "utf-8").encode() if not onderwerp.isascii() else onderwerp
    mail["From"] = afzender
    mail["To"] = aan
    # The one clock (models/clock.py), in the municipality's time zone: in a demo the mail is dated
    # on the demo's day, as its contents and "al gemaakt op …" are, not on the machine's.
    mail["Date"] = format_datetime(now())
    mail["Message-ID"] = make_msgid(domain=afzender.rsplit("@", 1)[-1] or "localhost")
    if antwoord:
        mail["Reply-To"] = reply_to_header(antwoord)
    for name, value in AUTOMATIC:
        mail[name] = value
    return mail


def _transaction(connection: smtplib.SMTP, sender: str, to: str, data: bytes, options: list[str]) -> None:
    """One mail's SMTP transaction, as ``SMTP.sendmail`` makes it (MAIL with SIZE, RCPT, DATA),
    with the dot-stuffing done by ``bytes.replace``: sendmail's regular expression tried a match at
    every octet of the message (≈ 1 ms of CPU for a 125-item digest of 97 KB). An error raises
    sendmail's exception; the caller closes the connection after any error."""
    if connection.does_esmtp and connection.has_extn("size"):
        options = [f"size={len(data)}", *options]
    code, reply = connection.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = connection.rcpt(to)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
    code, reply = connection.docmd("data")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    # A line that starts with a dot gets one more (RFC 5321 4.5.2), as smtplib's _quote_periods does.
    stuffed = (b"." if data.startswith(b".") else b"") + data.replace(b"\n.", b"\n..")
    connection.send(stuffed + (b"" if stuffed.endswith(b"\r\n") else b"\r\n") + b".\r\n")
    code, reply = connection.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


class Mailer:
    """One SMTP connection, opened on first use and reused; a connection the server closed while
    idle is opened again once."""

    def __init__(self, settings: Settings) -> None:
        try:
            self.server, self.fout = smtp_server(settings), None
        except UrlFout as fout:  # told when a mail is sent, without any part of the URL
            self.server, self.fout = SmtpServer("", 0, "plain"), fout
        self.afzender = settings.afzender
        self.connection: smtplib.SMTP | None = None
        # The local mailbox's address: only this data directory's mailbox may take the mail.
        self.settings = settings if goes_to_local_mailbox(settings) else None

    def _connect(self) -> smtplib.SMTP:
        if self.fout is not None:
            raise self.fout
        s = self.server
        # Certificates and host names verified; made only for TLS (loading the CA store costs
        # ≈ 20 ms of CPU per connection, wasted on the plain local mailbox).
        context = ssl.create_default_context() if s.mode != "plain" else None
        if s.mode == "ssl":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=30, context=context)
        else:
            connection = self._local_mailbox(s) if self.settings is not None else smtplib.SMTP(
                s.host, s.port, timeout=30)
            if s.mode == "starttls":
                connection.starttls(context=context)
        if s.gebruiker:
            connection.login(s.gebruiker, s.wachtwoord.get_secret_value() if s.wachtwoord else "")
        return connection

    def _local_mailbox(self, s: SmtpServer) -> smtplib.SMTP:
        """A connection to the local mailbox's address, once its greeting showed it is this data
        directory's mailbox (services/outbox/local_mailbox.py); AnderPostvak when it is not."""
        connection = smtplib.SMTP(timeout=30)
        _, banner = connection.connect(s.host, s.port)
        refused = wrong_mailbox(banner, self.settings) if self.settings is not None else None
        if refused:
            connection.close()
            raise AnderPostvak(refused[0].upper() + refused[1:] + ".")
        return connection

    def send(self, mail: Message, to: str) -> None:
        """Hand ``mail`` to the server; returns when the server accepted it, raises otherwise."""
        for attempt in range(2):
            fresh = self.connection is None
            if self.connection is None:
                self.connection = self._connect()
            try:
                self._send(self.connection, mail, to)
                return
            except smtplib.SMTPServerDisconnected:
                self.close()
                if fresh or attempt:
                    raise
            except BaseException:
                self.close()  # the connection's state is unknown: start clean next time
                raise

    def _send(self, connection: smtplib.SMTP, mail: Message, to: str) -> None:
        if not (self.afzender.isascii() and to.isascii()):  # SMTPUTF8: the standard library's way
            connection.send_message(mail, from_addr=self.afzender, to_addrs=[to])
            return
        connection.ehlo_or_helo_if_needed()
        options: list[str] = []
        if has_8bit(mail):
            if connection.has_extn("8bitmime"):
                options.append("BODY=8BITMIME")
            else:
                in_base64(mail)
        _transaction(connection, self.afzender, to, mail_bytes(mail), options)

    def close(self) -> None:
        """Say goodbye to the server (quietly: it may be gone)."""
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.quit()
            except (smtplib.SMTPException, OSError):
                connection.close()
