"""An escalation names the owner: the coordinator (and the regisseur) must know whom to chase.
Before, the coordinator's line read "…: 170 dagen te laat (uiterlijk was 31 december 2019) [u ontvangt
dit als coördinator: …]" with no name. The name is the owner's naam in personen.yaml, as in the
Prefect artifact's "Wie" column. Real register, real SQLite outbox, real SMTP, both mail parts."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver

SQLITE_ONLY = True
COORDINATOR = "coordinator.sociaaldomein@example.org"


def _parts(smtp: Mailserver, recipient: str) -> tuple[str, str]:
    """The plain text and the HTML (entities decoded) of the one mail to ``recipient``."""
    [message] = [m for rcpts, m in smtp.received if recipient in rcpts]
    found = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if part.get_content_type() in ("text/plain", "text/html")}
    return found["text/plain"], html.unescape(found["text/html"])


def _plan_and_deliver(sample: Path) -> None:
    """Load ``sample``, plan 15 June 2020's reminders by the rules, record and deliver them."""
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.db import session_scope
    from models.settings import get_settings
    from services.outbox import store
    from services.reminders.daily_check import collect_facts
    from tests.test_outbox import _load, deliver_held

    get_settings.cache_clear()
    _load(sample)
    settings = get_settings()
    with session_scope() as session:
        facts = collect_facts(session=session)
        planned = plan(facts.activiteiten, peildatum=dt.date(2020, 6, 15), regels=settings.regels,
                       werkdagen=Werkdagen(settings.sluitingsdagen), coordinatoren=facts.coordinatoren)
        store.record(session=session, planned=planned, run="r1", lease=60,
                     gemeenten={a.id: a.gemeente_id for a in facts.activiteiten})
    assert deliver_held("r1", settings) == []


def test_the_coordinators_escalation_names_the_owner_in_text_and_html(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    _plan_and_deliver(sample)

    text, page = _parts(smtp, COORDINATOR)
    escalated = [line for line in text.splitlines() if "[u ontvangt dit als coördinator" in line]
    assert escalated, text
    names = {"Regisseur programma 1 (Gezond en weerbaar)", "Beleidsmedewerker onderwijs"}
    for line in escalated:
        found = re.search(r"te laat \(uiterlijk was [^)]+\); eigenaar: (?P<naam>.+?) \[u ontvangt dit als "
                          r"coördinator: het is meer dan 28 dagen te laat\]$", line)
        assert found and found["naam"] in names, line
        sentence = line.lstrip("- ").split(": ", 1)[1]  # without the activity, as the HTML cell shows it
        assert sentence in page
    # The owner's own digest does not name its reader as the owner.
    own, own_page = _parts(smtp, "beleid.onderwijs@example.org")
    assert "eigenaar:" not in own and "eigenaar:" not in own_page and "te laat" in own


def test_the_escalation_says_the_days_the_municipality_set(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The brackets said "meer dan 14/28 dagen" whatever REGIE_REGELS set: with the coordinator told from
    21 days and the regisseur from 10, the mail says 21 and 10."""
    monkeypatch.setenv("REGIE_REGELS", '{"escalatie_coordinator_dagen": 21, "escalatie_regisseur_dagen": 10}')
    _plan_and_deliver(sample)
    text, page = _parts(smtp, COORDINATOR)
    assert "[u ontvangt dit als coördinator: het is meer dan 21 dagen te laat]" in text
    assert "meer dan 28 dagen" not in text and "meer dan 21 dagen" in page
    said = "\n".join(_parts(smtp, rcpt)[0] for rcpts, _m in smtp.received for rcpt in rcpts
                     if rcpt != COORDINATOR)
    assert "[u ontvangt dit als regisseur: het is meer dan 10 dagen te laat]" in said
    assert "meer dan 14 dagen" not in said
