"""After `regie dienst --eenmalig` (./start.sh --eenmalig) the answer page has stopped with the
service, while the mails in the local mailbox still link to it: the closing output says how to serve
the page for those links (a trial clicked them and saw only the browser's error), and only when mail
went to the local mailbox; the mail itself carries no such note."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Database, free_port, one_database, set_today


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Iterator[None]:
    """stop_all ignores the stop signals as the service's last act; not beyond this test."""
    from regie.dienst_toezicht import STOP_SIGNALS

    before = {each: signal.getsignal(each) for each in STOP_SIGNALS}
    yield
    for each, handler in before.items():
        signal.signal(each, handler)


@contextlib.contextmanager
def _no_processes(port: int, log_dir: Path) -> Iterator[dict[str, object]]:
    """In place of the Prefect server and the runner: the closing text is this test's subject."""
    yield {}


def _once(regie, monkeypatch, sends: bool) -> str:  # type: ignore[no-untyped-def]
    """`regie dienst --eenmalig` on 8 September 2020 with the local mailbox; its cycle sends one
    message into that mailbox (over SMTP, as the outbox does) when ``sends``."""
    from models.settings import get_settings
    from regie import dienst as service
    from regie import dienst_demo
    from services.outbox.messages import Bericht
    from services.outbox.sending import send

    box, web = free_port(), free_port()
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(box))
    monkeypatch.delenv("REGIE_SMTP_URL", raising=False)  # the default: the local mailbox
    monkeypatch.setenv("REGIE_WEB_POORT", str(web))
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setattr(service, "running", _no_processes)
    set_today(monkeypatch, "2020-09-08")

    def cycle(day: object, alive: object) -> list[str]:
        if sends:
            bericht = Bericht(persoon_id=1, sleutel="regisseur-jeugd", rollen=("regisseur",),
                              kanalen=("mailto://regisseur.jeugd@example.org",), onderwerp="Overzicht",
                              html="<p>Mijn activiteiten</p>", tekst="Mijn activiteiten")
            assert send(bericht, get_settings()).gelukt
        return ["ronde gedaan"]

    monkeypatch.setattr(dienst_demo, "demo_cycle", cycle)
    once = regie("dienst", "--eenmalig", "--poort", str(free_port()))
    assert once.code == 0, once.out + once.err
    return " ".join(once.out.split())


@one_database
def test_eenmalig_says_how_to_open_the_links_of_the_mails_in_the_local_mailbox(
    db: Database, sample: Path, regie, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings
    from services.operations.mailbox import messages

    assert regie("laad", str(sample)).code == 0
    said = _once(regie, monkeypatch, sends=True)
    end = said[said.index("De dienst is gestopt"):]
    settings = get_settings()
    data = tmp_path / "data"
    # the full path of the program (a new window has no .venv/bin on its PATH: "command not found")
    regie_web = f"{Path(sys.executable).parent / 'regie'} web"
    assert Path(regie_web.removesuffix(" web")).is_file()
    assert (f"de links in die berichten (naar de pagina \"Mijn activiteiten\") werken pas weer als de "
            f"antwoordpagina op http://127.0.0.1:{settings.web_poort} draait; start die alleen, in een ander "
            f"venster, met: REGIE_VANDAAG=2020-09-08 REGIE_DATA_DIR={data} {regie_web} --poort "
            f"{settings.web_poort} (stop met Ctrl-C)") in end, end
    # A note for whoever runs the demo, never in the message a person receives.
    [mail] = messages(settings.postvak_dir)
    assert b"regie web" not in mail.read_bytes()


@one_database
def test_eenmalig_says_nothing_of_the_links_when_no_mail_went_to_the_local_mailbox(
    db: Database, sample: Path, regie, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    said = _once(regie, monkeypatch, sends=False)
    assert "De dienst is gestopt" in said and "de links in die berichten" not in said and "regie web" not in said
    assert "Volgende stap" not in said  # a municipality's own service: no pointer to going live


@one_database
def test_the_demo_ends_its_cycle_with_the_next_step_for_a_municipality(
    db: Database, sample: Path, regie, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A trial: the demo's sixty lines never named docs/livegang.md as the next step."""
    from tests.conftest import mark_as_demo

    assert regie("laad", str(sample)).code == 0
    mark_as_demo()
    said = _once(regie, monkeypatch, sends=False)
    assert "ronde gedaan Volgende stap, uw eigen gemeente: zie docs/livegang.md." in said, said
