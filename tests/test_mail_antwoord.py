"""Replies to the service's mail reach a human: a trial found regisseurs answering a digest to
REGIE_AFZENDER, which nobody reads, and out-of-office replies bouncing back to it. Every mail is
marked automatic (RFC 3834, Exchange), carries a Reply-To with the municipality's coordinators
(docs/outbox.md, "Replies") and says in both parts where a reply goes. Real SMTP (aiosmtpd), a real
database."""

from __future__ import annotations

import datetime as dt
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver
from tests.test_outbox import deliver_held, reminder

AFZENDER = "programmaregie@zonnedal.example.nl"
REGISSEUR = "regisseur.jeugd@zonnedal.example.nl"
ANNA = "anna.deboer@zonnedal.example.nl"
TO_ANNA = "Een antwoord op deze e-mail komt bij Anna de Boer, coördinator van Zonnedal."


def _people(db: Database, gemeente: str, *people: tuple[str, str, list[str], list[str]],
            archived: tuple[str, ...] = ()) -> dict[str, int]:
    """A municipality with people (key, name, roles, channels); their ids by key, the
    municipality's as "gemeente"."""
    from models.tables import Municipality, Person
    from models.types import utcnow

    with db.session() as session:
        municipality = Municipality(naam=gemeente)
        session.add(municipality)
        session.flush()
        rows = [Person(gemeente_id=municipality.id, sleutel=key, naam=naam, rollen=rollen, kanalen=kanalen,
                       gearchiveerd_op=utcnow() if key in archived else None)
                for key, naam, rollen, kanalen in people]
        session.add_all(rows)
        session.commit()
        return {"gemeente": municipality.id, **{p.sleutel: p.id for p in rows}}  # type: ignore[dict-item]


def _zonnedal(db: Database) -> dict[str, int]:
    return _people(db, "Zonnedal", ("regisseur-jeugd", "Regisseur jeugd", ["regisseur"], [f"mailto://{REGISSEUR}"]),
                   ("coordinator", "Anna de Boer", ["coordinator"], [f"mailto:{ANNA}"]))


def _parts(message: Message) -> tuple[str, str]:
    """The text and the HTML part of a received mail, decoded, on one line each."""
    import html

    found = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if part.get_content_type() in ("text/plain", "text/html")}
    return " ".join(found["text/plain"].split()), " ".join(html.unescape(found["text/html"]).split())


def _reply_to(message: Message) -> list[tuple[str, str]]:
    return getaddresses([str(make_header(decode_header(message["Reply-To"])))]) if message["Reply-To"] else []


def test_a_regisseurs_mail_is_answered_to_the_coordinator_and_keeps_automatic_replies_away(
        db: Database, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The regisseur's digest: Reply-To the coordinator (name and address), the headers against
    out-of-office replies, the footer in both parts. The coordinator's own digest: no Reply-To (a
    reply goes to the sender address, and the footer says so), the same headers."""
    from models.db import session_scope
    from models.settings import get_settings
    from services.outbox import store

    monkeypatch.setenv("REGIE_AFZENDER", AFZENDER)
    get_settings.cache_clear()
    ids = _zonnedal(db)
    with session_scope() as session:
        store.record(session=session, planned=[reminder(ids["regisseur-jeugd"]), reminder(ids["coordinator"])],
                     gemeenten={}, run="run-1", lease=30)
    assert deliver_held("run-1", get_settings()) == []
    received = {rcpts[0]: message for rcpts, message in smtp.received}
    assert sorted(received) == [ANNA, REGISSEUR]
    for message in received.values():
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["X-Auto-Response-Suppress"] == "All"
    assert _reply_to(received[REGISSEUR]) == [("Anna de Boer", ANNA)]
    for part in _parts(received[REGISSEUR]):
        assert part.count(TO_ANNA) == 1, part
    assert received[ANNA]["Reply-To"] is None
    own = f"Een antwoord op deze e-mail gaat naar het afzenderadres {AFZENDER}: u bent zelf coördinator van Zonnedal."
    for part in _parts(received[ANNA]):
        assert part.count(own) == 1 and "komt bij" not in part, part


def test_the_coordinators_are_read_once_per_batch_not_per_mail(db: Database) -> None:
    """Reading a batch's bundles takes as many statements for one person as for six people of three
    municipalities: whom a reply reaches costs no query per mail."""
    from sqlalchemy import event

    from models.db import get_engine, session_scope
    from services.outbox import store

    people = [_people(db, f"Gemeente {n}", (f"r{n}", f"Regisseur {n}", ["regisseur"], [f"r{n}@example.org"]),
                      (f"c{n}", f"Coördinator {n}", ["coordinator"], [f"c{n}@example.org"])) for n in range(3)]
    everyone = [pid for ids in people for key, pid in ids.items() if key != "gemeente"]
    with session_scope() as session:
        store.record(session=session, planned=[reminder(pid) for pid in everyone], gemeenten={}, run="run-1", lease=30)
    statements: list[str] = []
    event.listen(get_engine(), "before_cursor_execute", lambda *args: statements.append(args[2]))
    counts = []
    for ontvangers in ([everyone[0]], everyone):
        statements.clear()
        with session_scope() as session:
            bundles = store.bundles(session=session, run="run-1", where=store.everything_but_reports(),
                                    ontvangers=ontvangers)
        counts.append(len(statements))
    assert counts[0] == counts[1], statements
    replies = {b.sleutel: b.antwoord for b in bundles}
    assert replies["r2"] == (("Coördinator 2", "c2@example.org"),) and replies["c2"] == ()


def test_whom_a_reply_reaches_with_several_or_no_coordinators(db: Database) -> None:
    """Every other coordinator with an e-mail address (an archived one not, a channel env:NAAM never
    read, Teams alone not enough); for a municipality without one, the footer and `regie diagnose`
    say so."""
    from models.db import session_scope
    from services.outbox.messages import Bundel, reply_line
    from services.outbox.reply_to import coordinators, reply_to

    zonnedal = _people(
        db, "Zonnedal", ("regisseur", "Regisseur", ["regisseur"], ["r@zonnedal.example.nl"]),
        ("anna", "Anna de Boer", ["coordinator"], ["msteams://t/o/k/e/n", f"mailto://{ANNA}"]),
        ("kees", "Kees Jansen", ["coordinator", "mosd"], ["env:REGIE_KEES", "mailto:kees@zonnedal.example.nl"]),
        ("piet", "Piet Smit", ["coordinator"], ["msteams://a/b/c/d"]),
        ("oud", "Oud Coördinator", ["coordinator"], ["oud@zonnedal.example.nl"]), archived=("oud",))
    heuvel = _people(db, "Heuvelrug", ("r", "Regisseur", ["regisseur"], ["r@heuvelrug.example.nl"]))
    with session_scope() as session:
        found = coordinators(session, [zonnedal["gemeente"], heuvel["gemeente"]])
    kees = ("Kees Jansen", "kees@zonnedal.example.nl")
    assert reply_to(found, zonnedal["gemeente"], zonnedal["regisseur"]) == (("Anna de Boer", ANNA), kees)
    assert reply_to(found, zonnedal["gemeente"], zonnedal["anna"]) == (kees,)
    assert reply_to(found, heuvel["gemeente"], heuvel["r"]) == ()

    def line(antwoord: tuple[tuple[str, str], ...], rollen: list[str], gemeente: str) -> str:
        return reply_line(Bundel(1, "x", "X", rollen, [], gemeente, "overzicht", antwoord=antwoord))

    assert line(reply_to(found, zonnedal["gemeente"], zonnedal["regisseur"]), ["regisseur"], "Zonnedal") == (
        "Een antwoord op deze e-mail komt bij Anna de Boer en Kees Jansen, coördinatoren van Zonnedal.")
    assert line((kees,), ["coordinator"], "Zonnedal") == (
        "Een antwoord op deze e-mail komt bij Kees Jansen, coördinator van Zonnedal.")
    assert line((), ["regisseur"], "Heuvelrug") == (
        "Een antwoord op deze e-mail gaat naar het afzenderadres programmaregie@localhost: Heuvelrug heeft in "
        "het register geen coördinator met een e-mailadres.")
    # `regie diagnose` names the municipality where replies reach nobody, with what to write.
    from sqlmodel import select

    from models.settings import get_settings
    from models.tables import Municipality, Person
    from services.operations.golive import unanswered

    with session_scope() as session:
        people = session.exec(select(Person).where(Person.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
        names = dict(session.exec(select(Municipality.id, Municipality.naam)).all())
    assert unanswered(people, names, get_settings()) == [("antwoord", (
        "'Heuvelrug' heeft geen coördinator met een e-mailadres: antwoorden op de mail gaan daar naar de afzender "
        "(programmaregie@localhost), niet naar een persoon. Geef in personen.yaml een persoon met rollen: "
        "[coordinator] een e-mailadres onder kanalen (docs/livegang.md)"))]


def test_a_report_says_where_a_reply_goes_in_both_parts(smtp: Mailserver, tmp_path: Path) -> None:
    """A report is one HTML file for all its readers: the sentence is added to each reader's mail,
    before the end of the HTML and at the end of the text, with the Reply-To and the headers."""
    from models.settings import get_settings
    from services.outbox.messages import Bundel, Item, render
    from services.outbox.sending import send

    page = tmp_path / "rapport.mail.html"
    page.write_text("<html><body><p>Het rapport.</p></body></html>", encoding="utf-8")
    spec = {"onderwerp": "Voortgangsrapportage Zonnedal", "html_pad": str(page), "tekst": "Het rapport.\n"}
    bundle = Bundel(7, "mosd", "Secretariaat MOSD", ["mosd"], ["mailto://mosd@zonnedal.example.nl"], "Zonnedal",
                    "bericht", antwoord=(("Anna de Boer", ANNA),))
    bericht = render(bundle, [Item(1, "rapport", {"bericht": spec})], peildatum=dt.date(2020, 6, 18), link="")
    assert bericht.html.endswith(f'<p style="color:#595959;font-size:12px">{TO_ANNA}</p>\n</body></html>')
    assert send(bericht, get_settings()).gelukt
    [(_, message)] = smtp.received
    text, html = _parts(message)
    assert text == f"Het rapport. {TO_ANNA}" and html.count(TO_ANNA) == 1
    assert _reply_to(message) == [("Anna de Boer", ANNA)] and message["Auto-Submitted"] == "auto-generated"


def test_an_apprise_mail_channel_is_marked_automatic_and_answered_to_the_coordinator(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mailto URL with a login goes through Apprise's e-mail plugin, as a person's channel and as a
    route of the Apprise config: the same headers and Reply-To as build_mail's; a Reply-To the URL
    sets itself (?reply=) stays. Apprise's own SMTP client against a real server."""
    import email

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from models.settings import get_settings
    from services.outbox.messages import Bericht
    from tests.conftest import free_port

    received: list[Message] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append(email.message_from_bytes(envelope.content))
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port, auth_require_tls=False,
                            authenticator=lambda *args: AuthResult(success=True))
    controller.start()
    try:
        base = f"mailto://regie:Geheim@127.0.0.1:{port}?mode=insecure&from={AFZENDER}"
        config = tmp_path / "apprise.yml"
        config.write_text(f"urls:\n  - {base}&to=mosd@zonnedal.example.nl:\n      tag: mosd\n", encoding="utf-8")
        monkeypatch.setenv("REGIE_APPRISE_CONFIG", str(config))
        get_settings.cache_clear()
        from services.outbox.sending import send

        kanalen = (f"{base}&to={REGISSEUR}", f"{base}&to=griffie@zonnedal.example.nl&reply=secretaris@zonnedal.example.nl")
        bericht = Bericht(persoon_id=1, sleutel="regisseur-jeugd", rollen=("mosd",), kanalen=kanalen,
                          onderwerp="Onderwerp", html="<p>html</p>", tekst=f"Tekst. {TO_ANNA}",
                          antwoord=(("Anna de Boer", ANNA),))
        outcome = send(bericht, get_settings())
        assert outcome.gelukt, outcome.fout
    finally:
        controller.stop()
    by = {message["To"]: message for message in received}
    assert sorted(by) == ["griffie@zonnedal.example.nl", "mosd@zonnedal.example.nl", REGISSEUR]
    for message in by.values():
        assert message["Auto-Submitted"] == "auto-generated" and message["X-Auto-Response-Suppress"] == "All"
        assert TO_ANNA in message.get_payload(decode=True).decode()
    assert _reply_to(by[REGISSEUR]) == _reply_to(by["mosd@zonnedal.example.nl"]) == [("Anna de Boer", ANNA)]
    assert _reply_to(by["griffie@zonnedal.example.nl"]) == [("", "secretaris@zonnedal.example.nl")]


def test_a_chat_channel_gets_the_digest_without_the_mails_reply_sentence(
        db: Database, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regisseur on mail and a chat channel (Apprise json:// to a real HTTP server here): the
    mail says where a reply goes, the chat message, which nobody answers by mail, does not."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from models.db import session_scope
    from models.settings import get_settings
    from services.outbox import store

    posted: list[dict[str, str]] = []

    class Chat(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Chat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("REGIE_AFZENDER", AFZENDER)
    get_settings.cache_clear()
    try:
        ids = _people(db, "Zonnedal", ("regisseur-jeugd", "Regisseur jeugd", ["regisseur"],
                                       [f"mailto://{REGISSEUR}", f"json://127.0.0.1:{server.server_address[1]}/"]),
                      ("coordinator", "Anna de Boer", ["coordinator"], [f"mailto:{ANNA}"]))
        with session_scope() as session:
            store.record(session=session, planned=[reminder(ids["regisseur-jeugd"])], gemeenten={}, run="run-1",
                         lease=30)
        assert deliver_held("run-1", get_settings()) == []
    finally:
        server.shutdown()
        server.server_close()
    [(_, mail)] = smtp.received
    assert _parts(mail)[0].count(TO_ANNA) == 1
    [chat] = posted
    said = " ".join(chat["message"].split())
    assert "Een antwoord op deze e-mail" not in said and "Anna de Boer" not in said, said
    assert "programmaregie" in said and said == said.strip()
