"""An escalation names the owner: the coordinator (and the regisseur) must know whom to chase.
Before, the coordinator's line read "…: 170 dagen te laat (uiterlijk was 31 december 2019) [u ontvangt
dit als coördinator: …]" with no name. The name is the owner's naam in personen.yaml, as in the
Prefect artifact's "Wie" column. Why the coordinator receives others' items is said once, above
them. Real register, real SQLite outbox, real SMTP, both mail parts."""

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


def _group(text: str, heading: str) -> list[str]:
    """The item lines of the text part under the group line starting with ``heading``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    out = []
    for line in lines[start + 1:]:
        if line.startswith("- "):
            out.append(line)
        elif not line.startswith("  "):  # an item's own lines (where from, links) are indented
            break
    return out


def test_the_coordinators_escalation_names_the_owner_in_text_and_html(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    _plan_and_deliver(sample)

    text, page = _parts(smtp, COORDINATOR)
    why = "als coördinator, niet als eigenaar: ze zijn allemaal 28 dagen of langer te laat."
    # Said once, above the items it applies to, in both parts (a trial read "[u ontvangt dit als
    # coördinator …]" on each of six lines).
    assert "u ontvangt dit als" not in text.lower() + page.lower()
    heading = re.search(r"U ontvangt deze (\d+) punten " + re.escape(why), text)
    assert heading and text.count(why) == 1 and page.count(why) == 1, text
    escalated = _group(text, heading[0])
    assert len(escalated) == int(heading[1]) == 6, text
    assert f'<p class="rol">{heading[0]}</p><table role="presentation">' in page
    names = {"Regisseur programma 1 (Gezond en weerbaar)", "Beleidsmedewerker onderwijs"}
    for line in escalated:
        found = re.search(r"te laat \(uiterlijk was [^)]+\); eigenaar: (?P<naam>.+?)$", line)
        assert found and found["naam"] in names, line
        sentence = line.lstrip("- ").split(": ", 1)[1]  # without the activity, as the HTML cell shows it
        assert sentence in page
        assert page.index(heading[0]) < page.index(sentence)
    # The owner's own digest does not name its reader as the owner.
    own, own_page = _parts(smtp, "beleid.onderwijs@example.org")
    assert "eigenaar:" not in own and "eigenaar:" not in own_page and "te laat" in own


def test_the_escalation_says_the_days_the_municipality_set(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    """The brackets said "meer dan 14/28 dagen" whatever REGIE_REGELS set: with the coordinator told from
    21 days and the regisseur from 10, the mail says 21 and 10; the regisseur's own items come first,
    then the others' under one line that says why."""
    monkeypatch.setenv("REGIE_REGELS", '{"escalatie_coordinator_dagen": 21, "escalatie_regisseur_dagen": 10}')
    _plan_and_deliver(sample)
    text, page = _parts(smtp, COORDINATOR)
    assert "als coördinator, niet als eigenaar: ze zijn allemaal 21 dagen of langer te laat." in text
    assert "28 dagen of langer" not in text and "21 dagen of langer" in page
    said = "\n".join(_parts(smtp, rcpt)[0] for rcpts, _m in smtp.received for rcpt in rcpts
                     if rcpt != COORDINATOR)
    found = re.search(r"U ontvangt (?:dit punt|deze \d+ punten) als regisseur, niet als eigenaar: (?:het is|ze zijn "
                      r"allemaal) 10 dagen of langer te laat\.", said)
    assert found, said
    assert all("eigenaar: Beleidsmedewerker onderwijs" in line for line in _group(said, found[0]))
    assert "14 dagen of langer" not in said and said.count("als regisseur") == 1
