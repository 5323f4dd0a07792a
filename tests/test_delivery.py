"""Delivery: mail through the SMTP server, other channels and tagged routes through Apprise,
secrets, and the `regie` commands around it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import apprise
import pytest

from services.outbox.channels import email_address, hide_secrets
from services.outbox.messages import Bericht
from services.outbox.sending import send
from services.outbox.smtp import smtp_server
from tests.conftest import one_database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

CAPTURED: list[tuple[str, str, str]] = []


@apprise.decorators.notify(on="vangnet", name="programmaregie test sink")
def _sink(body: str, title: str, notify_type: str, meta: dict, *args: object, **kwargs: object) -> bool:  # type: ignore[type-arg]
    CAPTURED.append((meta["url"], title, body))
    return "weiger" not in meta["url"]


def _settings(monkeypatch: pytest.MonkeyPatch, **env: str):  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return get_settings()


def _bericht(*kanalen: str, sleutel: str = "regisseur-jeugd", rollen: tuple[str, ...] = ("regisseur",)) -> Bericht:
    return Bericht(persoon_id=1, sleutel=sleutel, rollen=rollen, kanalen=kanalen, onderwerp="Onderwerp",
                   html="<p>html</p>", tekst="platte tekst")


@pytest.fixture(autouse=True)
def _clear() -> None:
    CAPTURED.clear()


def test_chat_channels_get_the_plain_text_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = send(_bericht("vangnet://teams-kanaal"), _settings(monkeypatch))
    assert outcome.gelukt
    assert CAPTURED == [("vangnet://teams-kanaal", "Onderwerp", "platte tekst")]


def test_an_apprise_config_adds_routes_by_person_key_or_role(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "apprise.yml"
    config.write_text("urls:\n  - vangnet://regisseurs:\n      tag: regisseur\n"
                      "  - vangnet://coordinatoren:\n      tag: coordinator\n", encoding="utf-8")
    settings = _settings(monkeypatch, REGIE_APPRISE_CONFIG=str(config))
    assert send(_bericht(), settings).gelukt  # no own channel, but a route for the role
    assert [url for url, *_ in CAPTURED] == ["vangnet://regisseurs"]
    outcome = send(_bericht(sleutel="iemand", rollen=()), settings)
    assert not outcome.gelukt and "geen kanalen" in (outcome.fout or "")


def test_a_refused_channel_fails_the_delivery_and_a_bad_url_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(monkeypatch)
    assert not send(_bericht("vangnet://weiger"), settings).gelukt
    outcome = send(_bericht("dit-is-geen-kanaal"), settings)
    assert not outcome.gelukt and "dit-is-geen-kanaal" in (outcome.fout or "")


@pytest.mark.parametrize(("channel", "address"), [
    ("mailto://regisseur.jeugd@example.org", "regisseur.jeugd@example.org"),
    ("mailto:regisseur.jeugd@example.org", "regisseur.jeugd@example.org"),
    ("regisseur.jeugd@example.org", "regisseur.jeugd@example.org"),
    ("msteams://token/a/b", None),
])
def test_e_mail_channels_are_recognised(channel: str, address: str | None) -> None:
    assert email_address(channel) == address


def test_smtp_passwords_never_appear_in_settings_shown_or_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(monkeypatch, REGIE_SMTP_URL="smtps://regie%40gemeente.nl:Zeer%2FGeheim@smtp.gemeente.nl:465")
    server = smtp_server(settings)
    assert (server.host, server.port, server.mode, server.gebruiker) == (
        "smtp.gemeente.nl", 465, "ssl", "regie@gemeente.nl")
    assert server.wachtwoord is not None and server.wachtwoord.get_secret_value() == "Zeer/Geheim"
    assert "Geheim" not in repr(server)
    message = ("kon niet verbinden met smtps://regie%40gemeente.nl:Zeer%2FGeheim@smtp.gemeente.nl:465 "
               "(wachtwoord Zeer/Geheim)")
    hidden = hide_secrets(message, settings)
    assert "Geheim" not in hidden and "smtps://***@smtp.gemeente.nl" in hidden
    assert "Geheim" not in repr(settings) and "Geheim" not in str(settings.smtp_url)
    assert smtp_server(_settings(monkeypatch, REGIE_SMTP_URL="smtp://gebruiker:x@smtp.example.nl:587")).mode == "starttls"
    assert smtp_server(_settings(monkeypatch, REGIE_SMTP_URL="smtp://127.0.0.1:8025")).mode == "plain"


@one_database
@pytest.mark.processes
def test_regie_controle_starts_the_local_mailbox_and_stores_each_digest_as_a_file(
        db, sample, regie, prefect, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """As a user runs it: the real `regie` program in its own process, on the test's Prefect server."""
    import os
    import subprocess
    import sys
    import time

    from prefect.settings import PREFECT_API_URL

    from models.settings import get_settings
    from tests.conftest import free_port

    port = free_port()
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(port))
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    assert regie("laad", str(sample)).code == 0
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "COLUMNS": "200"}
    regie_bin = str(Path(sys.executable).parent / "regie")

    def controle(dag: str = "2020-06-15") -> subprocess.CompletedProcess[str]:
        return subprocess.run([regie_bin, "controle", "--peildatum", dag], env=env, capture_output=True,
                              text=True, timeout=300)

    outcome = controle()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "Dagelijkse controle maandag 15 juni 2020" in outcome.stdout and "3 overzichten bezorgd" in outcome.stdout
    get_settings.cache_clear()
    mailbox = get_settings().postvak_dir
    files = sorted(mailbox.glob("*.eml"))
    assert len(files) == 3
    # Said plainly: the local mailbox is no real mail (REGIE_SMTP_URL names its address here).
    assert (f"Let op: 'bezorgd' betekent hier: in de lokale testpostbus {mailbox} als .eml-bestanden (geen "
            "echte mail); zet REGIE_SMTP_URL voor echte bezorging.") in " ".join(outcome.stdout.split())
    # and how to open them, as `regie dienst --eenmalig` says it when it stops; no service runs here, so
    # also that their links need the answer page, and the command that serves it
    said = " ".join(outcome.stdout.split())
    assert f"De verstuurde berichten (.eml-bestanden, te openen in een mailprogramma): {mailbox}" in said, said
    assert ("De links in die berichten (naar de pagina \"Mijn activiteiten\") werken pas als de antwoordpagina "
            "op http://127.0.0.1:") in said and " web" in said, said
    assert any("regisseur.jeugd@example.org" in f.name for f in files)
    # Named by the check's day (--peildatum), not by the machine's date or REGIE_VANDAAG's.
    assert all(f.name.startswith("20200615-") for f in files), [f.name for f in files]
    assert b"Subject: " in files[0].read_bytes()
    again = controle()
    assert again.returncode == 0 and "0 nieuwe herinneringen, 0 overzichten bezorgd" in again.stdout
    assert len(list(mailbox.glob("*.eml"))) == 3
    saturday = controle("2020-06-13")  # no check, so no 'bezorgd' to explain (a trial saw the note anyway)
    assert saturday.returncode == 0 and "geen controle" in saturday.stdout, saturday.stderr[-2000:]
    assert "betekent hier" not in saturday.stdout, saturday.stdout
    assert "Traceback" not in outcome.stderr + again.stderr
    # Prefect's English progress lines stay out of the terminal (they are in the run's log in the UI).
    assert "INFO" not in outcome.stderr and "Finished in state" not in outcome.stderr, outcome.stderr[-2000:]

    # A person without a channel (a draft's placeholder left as is): the check fails in Dutch and
    # says who and what to write, with no traceback or English engine lines, and does not wait for
    # retries that cannot help (before: Prefect's traceback, then 35 s of retries).
    people = sample / "bronckhorst" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        '    kanalen: ["mailto://regisseur.jeugd@example.org"]\n', "", 1), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    env["REGIE_BEZORG_WACHTTIJDEN"] = "[60]"  # a retry would make the run take a minute more
    started = time.monotonic()
    failed = subprocess.run([regie_bin, "controle", "--peildatum", "2020-07-20"], env=env, capture_output=True,
                            text=True, timeout=300)
    said = " ".join(failed.stderr.split())
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert ("Niet bezorgd aan: Regisseur programma 1 (Gezond en weerbaar; regisseur-jeugd): geen kanalen: vul "
            "'kanalen' in personen.yaml in.") in said, said
    assert "Traceback" not in failed.stderr and "Task run" not in failed.stderr, failed.stderr[-2000:]
    assert time.monotonic() - started < 60
    typo = regie("controle", "--droog", "--gemeente", "Bronkhorst")  # in this process: it stops before Prefect
    assert typo.code == 2 and "Geen gemeente gevonden met de naam 'Bronkhorst'" in typo.err, typo


def test_regie_simuleer_shows_per_day_what_would_go_to_whom_without_sending(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from models.tables import SentReminder

    assert regie("laad", str(sample)).code == 0
    outcome = regie("simuleer", "--van", "2020-07-13", "--tot", "2020-07-20")
    assert outcome.code == 0, outcome
    text = " ".join(outcome.out.split())
    assert "vrijdag 17 juli 2020" in text and "Evaluatie Pilot Jeugd POH/SOH: over 14 dagen" in text
    assert "zaterdag 18 juli 2020" not in text  # weekends send nothing
    assert "niets verstuurd of bewaard" in text
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(SentReminder)) == 0
    bad = regie("simuleer", "--van", "2020-07-20", "--tot", "2020-07-13")
    assert bad.code == 2 and "vóór --van" in bad.err
    one = regie("simuleer", "--van", "2020-07-17", "--tot", "2020-07-17", "--gemeente", "bronckhorst")
    assert one.code == 0 and "herinneringen op 17 juli 2020. Er is niets verstuurd" in " ".join(one.out.split()), one
    # A misspelt municipality is refused (it simulated 'nothing to send' before), as regie status does.
    typo = regie("simuleer", "--van", "2020-07-17", "--tot", "2020-07-17", "--gemeente", "Bronkhorst")
    assert typo.code == 2 and "Geen gemeente gevonden met de naam 'Bronkhorst'" in typo.err, typo
    assert dt.date(2020, 7, 13)  # the period above starts on a Monday


def test_regie_diagnose_names_what_works_and_what_to_do(db, sample, regie, smtp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from tests.conftest import free_port

    monkeypatch.setenv("COLUMNS", "250")
    # Addresses set as for going live: their rows (tests/test_livegang.py) would narrow the last column.
    monkeypatch.setenv("REGIE_WEB_URL", "https://regie.bronckhorst.nl")
    monkeypatch.setenv("REGIE_UI_URL", "https://regie-ui.bronckhorst.nl")
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    data["personen"][1]["kanalen"] = []
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    # `regie laad` refuses a bad channel now; a database loaded before that check can still hold one.
    from sqlalchemy import update

    from models.tables import Person

    with db.session() as session:
        session.execute(update(Person).where(Person.sleutel == "coordinator-sociaal-domein")
                        .values(kanalen=["geen-geldig-kanaal", "workflows://teams.example.org/Geheim-Token-8",
                                         "c.visser@lochem,example.nl"]))
        session.commit()
    outcome = regie("diagnose")
    text = " ".join(outcome.out.split())
    assert "database │ ok" in text and "schema │ ok" in text and "1 gemeente, 8 activiteiten" in text
    assert f"SMTP-server 127.0.0.1:{smtp.port} antwoordt (geen bericht verstuurd)" in text
    assert "zonder kanaal (krijgen niets): beleid-onderwijs" in text
    assert "coordinator-sociaal-domein: 'geen-geldig-kanaal' is geen e-mailadres en geen Apprise-URL" in text
    assert "coordinator-sociaal-domein: 'workflows://***" in text  # masked: no token on screen
    assert ("coordinator-sociaal-domein: 'c.visser@lochem,example.nl' is geen bruikbaar e-mailadres: er staat een "
            "komma in het domein (na de @). Bedoelt u 'c.visser@lochem.example.nl'?") in text
    assert "Geheim-Token-8" not in outcome.out + outcome.err
    assert outcome.code == 1 and "Er is iets mis" in outcome.err
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://gebruiker:Wachtwoord-77@127.0.0.1:{free_port()}")
    down = regie("diagnose")
    assert "niet bereikbaar (verbinding geweigerd: er luistert niets op dat adres en die poort): controleer REGIE_SMTP_URL" in " ".join(down.out.split())
    assert "Wachtwoord-77" not in down.out + down.err
