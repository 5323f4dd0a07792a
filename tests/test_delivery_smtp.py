"""Mail over SMTP at scale: STARTTLS verifies the server, worker processes render and send many digests,
batches report their own failures, one connection per thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from services.outbox.sending import send
from tests.test_delivery import _bericht, _settings


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by itself, and its key."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_still_verifies_the_servers_certificate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The CA store is read when a connection is secured (not for every message): an untrusted
    certificate is refused, and one trusted through the system's store (SSL_CERT_FILE) is accepted."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from tests.conftest import free_port

    cert, key = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    received: list[str] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port, tls_context=server_context,
                            require_starttls=True, auth_require_tls=True,
                            authenticator=lambda *args: AuthResult(success=True))
    controller.start()
    try:
        settings = _settings(monkeypatch, REGIE_SMTP_URL=f"smtp://regie:Geheim%21@127.0.0.1:{port}")
        refused = send(_bericht("regisseur.jeugd@example.org"), settings)
        assert not refused.gelukt and received == []
        assert "Geheim" not in (refused.fout or "")  # only trusting the certificate changes below
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        assert send(_bericht("regisseur.jeugd@example.org"), settings).gelukt
        assert received == ["regisseur.jeugd@example.org"]
    finally:
        controller.stop()


def test_many_digests_are_rendered_and_sent_by_worker_processes(db, monkeypatch: pytest.MonkeyPatch, smtp) -> None:  # type: ignore[no-untyped-def]
    """From 200 digests on, worker processes render and send them; each arrives once, rendered,
    and each is marked delivered in the database."""
    from sqlalchemy import func, select

    from models.tables import SentReminder
    from services.outbox import store
    from tests.test_outbox import deliver_held, people, reminder

    settings = _settings(monkeypatch, REGIE_BEZORG_PROCESSEN="2")
    ids = people(db, 210)
    with db.session() as session:
        store.record(session=session, planned=[reminder(pid) for pid in ids], gemeenten={}, run="run-1", lease=60)
        session.commit()
    assert deliver_held("run-1", settings) == []
    assert smtp.to() == sorted(f"p{i}@example.org" for i in range(210))
    assert "Evaluatie pilot: 9 dagen te laat (uiterlijk was 6 juni 2020)" in smtp.text("p7@example.org")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SentReminder).where(
            SentReminder.status == "verstuurd")) == 210


def test_batches_handed_out_before_the_last_one_is_done_each_report_their_own_failures(
        db, monkeypatch: pytest.MonkeyPatch, smtp) -> None:  # type: ignore[no-untyped-def]
    """Worker processes get the next batch before the current one is done (5 batches of 50 here,
    two in flight): every digest still arrives once and is marked, and what failed is told for
    the people it failed for, whichever batch they were in."""
    from sqlalchemy import select, update

    from models.tables import Person, SentReminder
    from services import outbox
    from services.outbox import store
    from tests.test_outbox import deliver_held, people, reminder

    settings = _settings(monkeypatch, REGIE_BEZORG_PROCESSEN="2")
    monkeypatch.setattr(outbox, "BATCH", 50)
    ids = people(db, 230)
    broken = {3, 77, 160, 229}  # a channel that is no mail address nor Apprise URL
    with db.session() as session:
        session.execute(update(Person).where(Person.sleutel.in_([f"p{i}" for i in broken]))  # type: ignore[attr-defined]
                        .values(kanalen=["geen-kanaal://nergens"]))
        store.record(session=session, planned=[reminder(pid) for pid in ids], gemeenten={}, run="run-1", lease=60)
        session.commit()
    failed = deliver_held("run-1", settings)
    assert sorted(f.split(":", 1)[0] for f in failed) == sorted(f"p{i}" for i in broken)
    assert smtp.to() == sorted(f"p{i}@example.org" for i in range(230) if i not in broken)
    with db.session() as session:
        states = dict(session.execute(select(Person.sleutel, SentReminder.status).join(
            Person, Person.id == SentReminder.ontvanger_id)).all())  # type: ignore[arg-type]
    assert states == {f"p{i}": "mislukt" if i in broken else "verstuurd" for i in range(230)}


def test_a_batch_goes_over_one_connection_per_thread_and_a_dropped_connection_repeats_at_most_the_mail_in_flight(
        db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """60 digests, 2 sending threads: they go over 2 SMTP connections, not 60. Then the server
    drops the connection in the middle of the batch, twice: once right after accepting a mail
    (the next mail on it goes over a new connection) and once after taking a mail in but before
    its 250 (that mail was in flight: sent again, the only one that arrives twice). Nothing is
    lost and every message is marked delivered."""
    import email

    from aiosmtpd.controller import Controller
    from sqlalchemy import func, select

    from models.tables import SentReminder
    from services.outbox import store
    from tests.conftest import free_port
    from tests.test_outbox import deliver_held, people, reminder

    received: list[str] = []
    connections: set[tuple[str, int]] = set()
    drop: dict[int, str] = {}  # number of the mail (1-based) → "after-250" or "before-250"

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            connections.add(session.peer)
            received.extend(envelope.rcpt_tos)
            email.message_from_bytes(envelope.content)
            how = drop.pop(len(received), None)
            if how == "before-250":
                server.transport.abort()  # the 250 never leaves: the client cannot know it arrived
            elif how == "after-250":
                server.transport.write(b"250 OK\r\n")
                server.transport.close()
                return "250 OK"  # already said; the closed transport drops this one
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = _settings(monkeypatch, REGIE_SMTP_URL=f"smtp://127.0.0.1:{port}", REGIE_BEZORGERS="2",
                             REGIE_BEZORG_PROCESSEN="1")
        ids = people(db, 120)
        with db.session() as session:
            store.record(session=session, planned=[reminder(pid) for pid in ids[:60]], gemeenten={}, run="run-1",
                         lease=60)
            session.commit()
        assert deliver_held("run-1", settings) == []
        assert sorted(received) == sorted(f"p{i}@example.org" for i in range(60))
        assert len(connections) == 2  # one per sending thread, reused for the whole batch

        received.clear()
        connections.clear()
        drop.update({20: "after-250", 40: "before-250"})
        with db.session() as session:
            store.record(session=session, planned=[reminder(pid) for pid in ids[60:]], gemeenten={}, run="run-2",
                         lease=60)
            session.commit()
        assert deliver_held("run-2", settings) == []
        twice = sorted({r for r in received if received.count(r) > 1})
        assert sorted(set(received)) == sorted(f"p{i}@example.org" for i in range(60, 120))
        assert len(received) == 61 and len(twice) == 1  # only the mail in flight at the drop
        assert not drop and len(connections) == 4  # 2, and one new connection after each drop
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(SentReminder).where(
                SentReminder.status == "verstuurd")) == 120
    finally:
        controller.stop()
