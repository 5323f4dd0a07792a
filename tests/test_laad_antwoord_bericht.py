"""A reload that replaces a date a person gave tells that person, once, in Dutch, through the outbox. A
trial: a regisseur moved a milestone on the answer page, the coordinator loaded a file with another date
and was warned, but the regisseur was never told: he got reminders for a date he had not given, without
knowing why. Now the load queues a message in its own transaction (services/outbox/replaced.py) and
`regie laad` sends it at once; what it cannot send, the daily check's sending does. Real `regie laad`,
real answer, real outbox, real SMTP server (aiosmtpd), SQLite and PostgreSQL."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, mark_as_demo, set_today
from tests.mailserver import free_port
from tests.test_laad_antwoord_vervangen import EVALUATIE, REDEN, REGISSEUR, _flat, _moved, _set_date

MAIL = "regisseur.jeugd@example.org"
SUBJECT = "Uw datum voor „Evaluatie Pilot Jeugd POH/SOH” is aangepast"
TOLD = f"{REGISSEUR} krijgt hierover bericht."


@pytest.fixture(autouse=True)
def _demo() -> None:
    mark_as_demo()


def _mails(smtp: Mailserver) -> list[tuple[str, str, str]]:
    """(subject, plain text, HTML with entities decoded) of every mail to the regisseur."""
    from email.header import decode_header, make_header

    out = []
    for rcpts, message in smtp.received:
        if MAIL not in rcpts:
            continue
        parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
                 if part.get_content_type() in ("text/plain", "text/html")}
        out.append((str(make_header(decode_header(message["Subject"]))), parts["text/plain"],
                    html.unescape(parts["text/html"])))
    return out


def _queued(db: Database) -> list[tuple[str, str]]:
    """(status, fase) of each message about a replaced date in the outbox."""
    from models.tables import SentReminder

    with db.session() as session:
        return [(h.status, h.fase) for h in session.scalars(
            select(SentReminder).where(SentReminder.regel == "datum-aangepast").order_by(SentReminder.id))]


def _answered_and_replaced(db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Load on 18 June 2020, the regisseur moves the evaluation to 31 October on the answer page, and on
    2 July the coordinator loads a file that says 15 September: the load's outcome."""
    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(sample)).code == 0
    _moved(db, regie, "antwoord")
    _set_date(sample, "2020-07-31", "2020-09-15")
    set_today(monkeypatch, "2020-07-02")
    plan = regie("laad", str(sample), "--plan")  # a plan tells the coordinator, and queues nothing
    assert plan.code == 0 and TOLD in _flat(plan.err) and _queued(db) == [], plan
    return regie("laad", str(sample))


def test_the_person_whose_date_a_load_replaces_is_told_once_in_dutch(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_outbox import deliver_held

    loaded = _answered_and_replaced(db, sample, regie, monkeypatch)
    assert loaded.code == 0, loaded
    assert (f"laad opnieuw. {TOLD}") in _flat(loaded.err), loaded.err
    assert "Het bericht over een vervangen datum is verstuurd." in _flat(loaded.out), loaded.out
    [(subject, text, page)] = _mails(smtp)
    assert subject == SUBJECT
    for part in (text, page):
        flat = _flat(part)
        assert ("Op 18 juni 2020 gaf u voor de mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (activiteit Voortgang "
                "Pilot Jeugd POH/SOH, Bronckhorst · programma 1: Gezond en weerbaar) de uiterste datum "
                f"31 oktober 2020 op, met als reden „{REDEN}”.") in flat, part
        assert ("Op 2 juli 2020 heeft de coördinator (Coördinator sociaal domein) het register opnieuw geladen, "
                "en daarin staat een andere datum: de uiterste datum is nu 15 september 2020. Herinneringen "
                "over deze mijlpaal gaan vanaf nu uit van 15 september 2020.") in flat, part
        assert ("Klopt dit niet? Overleg dan met de coördinator (Coördinator sociaal domein), bijvoorbeeld "
                "door deze e-mail te beantwoorden, of geef met de link „Nieuwe datum” opnieuw uw datum op, "
                "met de reden.") in flat, part
        assert "Een antwoord op deze e-mail komt bij Coördinator sociaal domein" in flat, part
    assert "  Nieuwe datum: http" in text and "actie=datum" in text, text  # the owner's direct link
    assert _queued(db) == [("verstuurd", f"uiterlijk-{_answer_id(db)}")]
    # once: the next daily check's sending, an identical reload and that sending again send nothing more
    assert deliver_held("dagelijks-1", _settings()) == []
    again = regie("laad", str(sample))
    assert again.code == 0 and "niets veranderd" in again.out and "bericht" not in again.err, again
    assert deliver_held("dagelijks-2", _settings()) == []
    assert len(_mails(smtp)) == 1 and len(_queued(db)) == 1


def test_a_message_the_load_could_not_send_goes_with_the_next_daily_check(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_outbox import deliver_held

    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # nothing listens there
    loaded = _answered_and_replaced(db, sample, regie, monkeypatch)
    assert loaded.code == 0 and TOLD in _flat(loaded.err), loaded
    assert ("Let op: het bericht over een vervangen datum kon nu niet overal worden verstuurd (") in \
        _flat(loaded.err), loaded.err
    assert "Het staat klaar; de dagelijkse controle verstuurt het." in _flat(loaded.err)
    assert _mails(smtp) == [] and [s for s, _ in _queued(db)] == ["wachtend"]
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{smtp.port}")  # the mail server is back
    assert deliver_held("dagelijks-1", _settings()) == []  # the daily check claims what waits
    assert [s for s, *_ in _mails(smtp)] == [SUBJECT]
    assert deliver_held("dagelijks-2", _settings()) == [] and len(_mails(smtp)) == 1
    assert [s for s, _ in _queued(db)] == ["verstuurd"]


def test_a_load_that_fails_queues_and_sends_nothing(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_outbox import deliver_held

    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(sample)).code == 0
    _moved(db, regie, "opdracht")
    _set_date(sample, "2020-07-31", "2020-09-15")
    path = sample / "bronckhorst" / "programma-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: lopend", "status: misschien", 1),
                    encoding="utf-8")
    failed = regie("laad", str(sample))
    assert failed.code != 0 and "bericht" not in failed.err, failed
    assert _queued(db) == [] and deliver_held("dagelijks-1", _settings()) == [] and _mails(smtp) == []


def _settings():  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    get_settings.cache_clear()
    return get_settings()


def _answer_id(db: Database) -> int:
    """The history row of the regisseur's answer (the message's once-only key holds it)."""
    from models.tables import Change

    with db.session() as session:
        return session.scalars(select(Change.id).where(  # type: ignore[call-overload]
            Change.bron == "antwoord", Change.veld == "uiterlijk")).one()


def test_a_done_date_and_a_reopen_the_file_replaces_are_told_too(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", "--door", "regisseur-jeugd").code == 0
    _set_date(sample, "2020-07-31", "2020-07-31\n        gereed: 2020-07-25")
    assert regie("laad", str(sample)).code == 0
    assert regie("heropen", EVALUATIE, "--reden", "nog niet besproken").code == 0  # REGIE_GEBRUIKER
    _set_date(sample, "2020-07-31\n        gereed: 2020-07-25", "2020-07-31\n        gereed: 2020-07-28")
    loaded = regie("laad", str(sample))
    assert loaded.code == 0 and TOLD in _flat(loaded.err), loaded
    (done, text, _), (reopened, again, _) = _mails(smtp)
    assert done == reopened == SUBJECT
    assert ("Op 3 augustus 2020 gaf u voor de mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (activiteit Voortgang "
            "Pilot Jeugd POH/SOH, Bronckhorst · programma 1: Gezond en weerbaar) de gereeddatum 20 juli 2020 "
            "op. Op 3 augustus 2020 heeft de coördinator (Coördinator sociaal domein) het register opnieuw "
            "geladen, en daarin staat een andere datum: de gereeddatum is nu 25 juli 2020.") in _flat(text), text
    assert ("Op 3 augustus 2020 heropende u de mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (activiteit "
            "Voortgang Pilot Jeugd POH/SOH, Bronckhorst · programma 1: Gezond en weerbaar), met als reden "
            "„nog niet besproken”. Op 3 augustus 2020 heeft de coördinator (Coördinator sociaal domein) het "
            "register opnieuw geladen, en daarin staat de mijlpaal als gereed op 28 juli 2020.") in _flat(again)
    for part in (text, again):  # no date to give again: the coordinator, and the answer page
        assert "Nieuwe datum" not in part and "Overleg dan met de coördinator" in part, part
    assert [s for s, _ in _queued(db)] == ["verstuurd", "verstuurd"]


def test_several_dates_replaced_for_one_person_come_in_one_message_named_so() -> None:
    """One load that replaces several dates of one person: one message (store.bundles), its subject
    counting them."""
    from services.rendering import render

    def subject(*wat: str) -> str:
        return render("mail/aangepast_onderwerp.txt.j2", {"items": list(wat),
                                                         "mijlpalen": list(dict.fromkeys(wat))}).strip()

    assert subject("Evaluatie") == "Uw datum voor „Evaluatie” is aangepast"
    assert subject("Evaluatie", "Evaluatie") == "Uw datums voor „Evaluatie” zijn aangepast"
    assert subject("Evaluatie", "Start") == "Uw datums voor 2 mijlpalen zijn aangepast"
