"""Sending: one message on one channel (mail through the reused SMTP connection, every other
channel through Apprise), and bundles sent per channel by threads and, for many, by worker
processes that die with their parent. Every channel's outcome is committed as soon as it is
known, so a crash repeats at most the messages in flight."""

from __future__ import annotations

import contextlib
import copy
import ctypes
import logging
import multiprocessing
import os
import signal
import smtplib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import apprise

from models.settings import Settings
from services.outbox import marks
from services.outbox.channels import GEEN_KANAAL, Kanaal, channels_for, hide_secrets, route_plugin
from services.outbox.local_mailbox import AnderPostvak
from services.outbox.messages import Bericht, Bundel, Item, prepare_rendering
from services.outbox.reasons import AUTH, dutch_reason
from services.outbox.smtp import AUTOMATIC, Mailer, build_mail
from services.performance import gc_paused
from services.secrets import UrlFout

Maak = Callable[[Bundel, list[Item]], Bericht]


@dataclass(frozen=True)
class Uitkomst:
    """What became of one message: delivered on every channel or not, and the errors (no secrets)."""

    persoon_id: int
    gelukt: bool
    fout: str | None = None
    verstuurd: int = 0                      # channels that accepted it now
    fouten: tuple[str, ...] = field(default=())


class Bezorger:
    """Sends on channels from one thread: keeps that thread's SMTP connection open."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.mailer = Mailer(settings)

    def send(self, kanaal: Kanaal, bericht: Bericht) -> str | None:
        """Send ``bericht`` on ``kanaal``; None when accepted, else the error without secrets."""
        if kanaal.fout:
            return kanaal.fout
        try:
            if kanaal.soort == "mail":
                mail = build_mail(afzender=self.settings.afzender, aan=kanaal.doel,
                                  onderwerp=bericht.onderwerp, html=bericht.html, tekst=bericht.tekst,
                                  bijlagen=bericht.bijlagen, inline=bericht.inline, antwoord=bericht.antwoord)
                self.mailer.send(mail, kanaal.doel)
                return None
            return self._apprise(kanaal, bericht)
        except (UrlFout, AnderPostvak) as exc:  # REGIE_SMTP_URL unusable (names no part of it), or the
            return str(exc)                     # local mailbox's address answered by another's mailbox
        except Exception as exc:
            if kanaal.soort == "mail":
                where = f"SMTP-server {self.mailer.server.host}:{self.mailer.server.port}"
                if isinstance(exc, smtplib.SMTPAuthenticationError):
                    reason = f"{AUTH} (SMTP {exc.smtp_code})"
                elif isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
                    reason = dutch_reason(exc=exc)  # refused, unknown host, timeout, certificate
                else:  # smtplib's own errors carry the server's answer
                    reason = str(exc).rstrip(" .")
                return hide_secrets(f"{where}: {reason}"[:500], self.settings)
            return hide_secrets(f"{kanaal.label}: {dutch_reason(exc=exc)}"[:500], self.settings)

    def _apprise(self, kanaal: Kanaal, bericht: Bericht) -> str | None:
        target = apprise.Apprise()
        plugin = route_plugin(self.settings, kanaal) if kanaal.soort == "route" else kanaal.doel
        plugin = as_automatic_mail(plugin, bericht.antwoord)
        target.add(plugin)
        body = bericht.tekst if is_mail_plugin(plugin) else bericht.tekst_zonder_voetregel()
        # DEBUG too: the socket exception that says why is only a debug record. Read, never shown.
        with apprise.LogCapture(level=logging.DEBUG, fmt="%(message)s") as log:
            ok = target.notify(title=bericht.onderwerp, body=body,
                               body_format=apprise.NotifyFormat.TEXT, attach=list(bericht.bijlagen) or None)
            errors = log.getvalue().strip()
        if ok:
            return None
        return hide_secrets(f"{kanaal.label}: {dutch_reason(errors)}"[:500], self.settings)

    def close(self) -> None:
        """Close the SMTP connection."""
        self.mailer.close()


# Apprise's services that deliver e-mail (their reader can reply to it): SMTP (mailto://, in the
# package apprise.plugins.email) and the mail APIs. Every other channel is a chat or push message.
MAIL_SERVICES = frozenset({"email", "brevo", "mailersend", "mailgun", "office365", "postmark", "resend",
                           "sendgrid", "sendpulse", "ses", "smtp2go", "sparkpost"})
# Of those, the ones that send extra mail headers given on the plugin (``+Header=…`` in their URL).
HEADER_SERVICES = frozenset({"mailgun", "smtp2go", "sparkpost"})


def _service(plugin: Any) -> str:
    return type(plugin).__module__.removeprefix("apprise.plugins.").partition(".")[0]


def is_mail_plugin(plugin: Any) -> bool:
    """Whether an Apprise channel sends e-mail (its reader can reply to the mail)."""
    return _service(plugin) in MAIL_SERVICES


def as_automatic_mail(plugin: Any, antwoord: tuple[tuple[str, str], ...]) -> Any:
    """An Apprise e-mail channel (a mailto or mailtos URL with a login, of a person or a route of
    the Apprise config) as build_mail marks a mail: the AUTOMATIC headers, and Reply-To
    ``antwoord`` unless its URL sets one (``?reply=``). A copy: a route's plugin is shared by the
    sending threads. Any other channel (or a URL Apprise cannot read: its send says why) as it was."""
    from apprise.plugins.email import NotifyEmail

    if isinstance(plugin, str):
        plugin = apprise.Apprise.instantiate(plugin) or plugin
    if not isinstance(plugin, NotifyEmail):
        if _service(plugin) in HEADER_SERVICES and isinstance(getattr(plugin, "headers", None), dict):
            plugin = copy.copy(plugin)  # a mail API that takes headers: the same marks, no Reply-To
            plugin.headers = {**plugin.headers, **dict(AUTOMATIC)}
        return plugin
    plugin = copy.copy(plugin)
    plugin.headers = {**plugin.headers, **dict(AUTOMATIC)}
    if antwoord and not plugin.reply_to:
        plugin.reply_to = {address for _, address in antwoord}
        plugin.names = {**plugin.names, **{address: naam for naam, address in antwoord}}
    return plugin


def send(bericht: Bericht, settings: Settings) -> Uitkomst:
    """Send one message on every channel of its person, keeping no state (diagnosis, tests)."""
    bezorger = Bezorger(settings)
    try:
        errors = [e for k in channels_for(bericht.kanalen, sleutel=bericht.sleutel, rollen=bericht.rollen,
                                          settings=settings) if (e := bezorger.send(k, bericht))]
    finally:
        bezorger.close()
    return Uitkomst(bericht.persoon_id, not errors, errors[0] if errors else None, fouten=tuple(errors))


def _deliver_bundle(bundle: Bundel, bezorger: Bezorger, *, run: str, maak: Maak) -> Uitkomst:
    """Send ``bundle`` on each of its channels that still lacks some of its items; record each
    channel's outcome at once, then which items are delivered everywhere."""
    settings = bezorger.settings
    channels = channels_for(bundle.kanalen, sleutel=bundle.sleutel, rollen=bundle.rollen, settings=settings)
    keys = {k.sleutel for k in channels}
    # An item kept off every channel the person has (a notice about their only channel) has none left.
    stranded = [i for i in bundle.items if (off := i.inhoud.get("niet_via")) and keys <= set(off)]
    if stranded:
        channels.append(GEEN_KANAAL)
    todo = [(k, items) for k in channels
            if (items := (stranded if k is GEEN_KANAAL else []) or bundle.voor(k.sleutel))]
    rendered: dict[tuple[int, ...], Bericht] = {}
    errors: list[str] = []
    sent = 0
    finish: tuple[list[int], list[int], str | None] = ([], [], None)
    for number, (kanaal, items) in enumerate(todo, 1):
        ids = tuple(i.id for i in items)
        error = kanaal.fout
        if error is None:
            bericht = rendered.get(ids) or rendered.setdefault(ids, maak(bundle, items))
            error = bezorger.send(kanaal, bericht)
        if error is None:
            sent += 1
            bundle.gedaan.setdefault(kanaal.sleutel, set()).update(ids)
        else:
            errors.append(error)
        if number == len(todo):  # the last channel: its mark and the message's state in one commit
            finish = _outcome(bundle, keys, stranded, errors)
        marks.mark_channel(run=run, ontvanger=bundle.persoon_id, ids=list(ids), kanaal=kanaal, fout=error,
                           finish=finish)
    if not todo:  # every channel had it (a crash came between the last mark and this)
        finish = _outcome(bundle, keys, stranded, errors)
        marks.mark_channel(run=run, ontvanger=bundle.persoon_id, ids=[], kanaal=GEEN_KANAAL, fout=None,
                           finish=finish)
    return Uitkomst(bundle.persoon_id, not finish[1], errors[0] if errors else None, sent, tuple(errors))


def _outcome(bundle: Bundel, keys: set[str], stranded: list[Item], errors: list[str],
             ) -> tuple[list[int], list[int], str | None]:
    """(items delivered on every channel, items still lacking one, the first error)."""
    pending = {i.id for k in keys for i in bundle.voor(k)} | {i.id for i in stranded}
    delivered = [i.id for i in bundle.items if i.id not in pending]
    return delivered, [i.id for i in bundle.items if i.id in pending], errors[0] if errors else None


def deliver_all(bundles: Sequence[Bundel], settings: Settings, run: str, maak: Maak) -> list[Uitkomst]:
    """Send every bundle, several at a time (each thread keeps its own SMTP connection)."""
    if not bundles:
        return []
    prepare_rendering()
    local = threading.local()
    opened: list[Bezorger] = []

    def one(bundle: Bundel) -> Uitkomst:
        bezorger = getattr(local, "bezorger", None)
        if bezorger is None:
            bezorger = local.bezorger = Bezorger(settings)
            opened.append(bezorger)
        return _deliver_bundle(bundle, bezorger, run=run, maak=maak)

    try:
        # Rendering makes many short-lived objects; the cyclic collector rescanned the batch's
        # bundles and the imported modules for them, ≈ 40 % of a digest's rendering.
        threads = max(1, min(settings.bezorgers, len(bundles)))
        with gc_paused(), ThreadPoolExecutor(max_workers=threads) as pool:
            return list(pool.map(one, bundles))
    finally:
        for bezorger in opened:
            bezorger.close()


def _die_with_parent(parent: int) -> None:
    """Worker initializer: the kernel kills this process when its parent dies (Linux prctl
    PR_SET_PDEATHSIG), and a watchdog thread exits when the parent changed (other systems)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the watchdog below remains
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="ouder-bewaker", daemon=True).start()


@contextmanager
def sender(settings: Settings, *, berichten: int, run: str, maak: Maak,
           ) -> Iterator[Callable[[Sequence[Bundel]], Callable[[], list[Uitkomst]]]]:
    """A function that starts sending a batch of bundles and returns how to wait for its outcomes.
    For many it spreads them over worker processes, which also render them (rendering costs CPU;
    threads alone stay on one core); ``maak`` must be picklable (a module-level function or a
    functools.partial of one). The caller may start the next batch before waiting for this one:
    it is then pickled and queued while this one is sent, so a worker that finishes its part takes
    the next at once instead of waiting for the other worker and for the parent to hand it out."""
    processes = min(settings.bezorg_processen, os.cpu_count() or 1)
    if processes <= 1 or berichten < 200:
        def at_once(batch: Sequence[Bundel]) -> Callable[[], list[Uitkomst]]:
            outcomes = deliver_all(batch, settings, run, maak)
            return lambda: outcomes
        yield at_once
        return
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        def spread(batch: Sequence[Bundel]) -> Callable[[], list[Uitkomst]]:
            parts = [pool.submit(deliver_all, list(batch[i::processes]), settings, run, maak)
                     for i in range(processes)]

            def outcomes() -> list[Uitkomst]:
                done = [part.result() for part in parts]
                # Back in the order of the batch: part i holds items i, i + n, i + 2n, …
                return [done[i % processes][i // processes] for i in range(len(batch))]
            return outcomes
        yield spread
