"""Which data directory's local mailbox answers: the mailbox (services/operations/mailbox.py) names
its folder in its SMTP greeting, and the sender checks it before any mail goes to the local mailbox's
address. Without it, `regie controle` in one data directory delivered its mail into the mailbox of
another directory's running service (the port is the same by default), and said "bezorgd"."""

from __future__ import annotations

import smtplib
from pathlib import Path
from urllib.parse import quote, unquote

from models.settings import Settings
from services.secrets import UrlFout, smtp_parts

IDENT = "programmaregie-postvak"


class AnderPostvak(Exception):
    """The local mailbox's address is answered by a mailbox that is not this data directory's."""


def announcement(folder: Path) -> str:
    """The greeting's text after the host name: our name and the folder, quoted (ASCII, no spaces)."""
    return f"{IDENT} {quote(str(folder.resolve()), safe='/')}"


def announced_folder(banner: bytes | str) -> Path | None:
    """The folder a greeting names, or None when the server is not a programmaregie mailbox."""
    words = (banner.decode("utf-8", "replace") if isinstance(banner, bytes) else banner).split()
    if IDENT in words[:-1]:
        return Path(unquote(words[words.index(IDENT) + 1]))
    return None


def goes_to_local_mailbox(settings: Settings) -> bool:
    """True when the SMTP setting points at the local mailbox's address (127.0.0.1:postvak_poort)."""
    try:
        url = smtp_parts(settings.smtp_url.get_secret_value())
    except UrlFout:
        return False  # delivery and 'regie diagnose' say what is wrong with it, without its parts
    return url.host in ("127.0.0.1", "localhost") and (url.port or 25) == settings.postvak_poort


def local_mailbox_note(settings: Settings) -> str:
    """What a user reads when mail goes to the local mailbox: it is no real mail."""
    return (f"in de lokale testpostbus {settings.postvak_dir} als .eml-bestanden (geen echte mail); "
            "zet REGIE_SMTP_URL voor echte bezorging")


def local_mailbox_warning(settings: Settings) -> str | None:
    """``local_mailbox_note`` when mail goes to the local mailbox, else None: for the Prefect UI's
    summaries, where a coordinator reads "Bezorgd" and would take it for real mail."""
    return local_mailbox_note(settings) if goes_to_local_mailbox(settings) else None


def wrong_mailbox(banner: bytes | str, settings: Settings) -> str | None:
    """Why the server that greeted with ``banner`` on the local mailbox's address may not take this
    data directory's mail, in Dutch; None when it may. Another data directory's mailbox is always
    refused; a server that is no programmaregie mailbox only when REGIE_SMTP_URL is unset (a set
    REGIE_SMTP_URL to that address is the user's own choice)."""
    ours = settings.postvak_dir.resolve()
    theirs = announced_folder(banner)
    port = settings.postvak_poort
    where = f"127.0.0.1:{port}"
    other_port = f"geef deze datamap een eigen poort (bijvoorbeeld REGIE_POSTVAK_POORT={port + 1})"
    if theirs is not None:
        if theirs == ours:
            return None
        return (f"op {where} antwoordt het lokale postvak van een andere datamap ({theirs.parent}; "
                f"het bewaart berichten in {theirs}), niet dat van deze datamap ({settings.data_dir}). "
                "Bezorgen daar zou deze berichten in die andere map zetten, met links naar de "
                f"antwoordpagina van die dienst. Stop de dienst (of 'regie postvak') van {theirs.parent} "
                f"en start die van deze datamap ('regie dienst' of './start.sh'), of {other_port}, of zet "
                "REGIE_SMTP_URL voor echte bezorging")
    if not settings.smtp_standaard:
        return None
    shown = (banner.decode("utf-8", "replace") if isinstance(banner, bytes) else banner).strip()[:80]
    return (f"op {where} antwoordt een SMTP-server die niet het lokale postvak van deze datamap "
            f"({settings.data_dir}) is (hij meldt zich als '{shown}'). Stop dat programma en start "
            f"'regie dienst' of 'regie postvak' van deze datamap, of {other_port}, of zet REGIE_SMTP_URL "
            "als u echt via een SMTP-server wilt versturen")


def greeting(settings: Settings) -> bytes | None:
    """The greeting of whatever answers on the local mailbox's address, None when nothing does.
    No mail is sent: the connection says goodbye at once."""
    connection = smtplib.SMTP(timeout=5)
    try:
        _, banner = connection.connect("127.0.0.1", settings.postvak_poort)
    except ConnectionRefusedError:
        return None
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()
    return bytes(banner)


def is_own(banner: bytes | str, settings: Settings) -> bool:
    """True when ``banner`` is the greeting of this data directory's own local mailbox."""
    return announced_folder(banner) == settings.postvak_dir.resolve()


def local_mailbox_plan(settings: Settings) -> tuple[bool, bool]:
    """(start, own) for a command about to send: ``start`` when mail goes to the local mailbox's
    address and nothing listens there (the command starts this directory's mailbox), ``own`` when
    the mail will land in this directory's mailbox (no real mail). AnderPostvak (its message
    starting in lower case) when another data directory's mailbox, or with REGIE_SMTP_URL unset
    some other server, answers there."""
    if not goes_to_local_mailbox(settings):
        return False, False
    try:
        banner = greeting(settings)
    except OSError:
        return False, False  # not a mailbox that answers: the delivery says why, per message
    if banner is None:
        return True, True
    refused = wrong_mailbox(banner, settings)
    if refused:
        raise AnderPostvak(refused)
    return False, is_own(banner, settings)
