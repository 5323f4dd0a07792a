"""A person reached by mail while their second channel refuses: the check completes with a Dutch
warning (exit 0), the coordinator is told once after three runs in a message with its own subject,
and a person reached on no channel still fails the check. Real SMTP (aiosmtpd), a refusing port."""

from __future__ import annotations

from email.header import decode_header, make_header
from pathlib import Path

import pytest

from tests.conftest import Mailserver, free_port, mark_as_demo
from tests.test_outbox import COORDINATOR, NOTICE, ONDERWIJS, _channels, _html

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

pytestmark = pytest.mark.usefixtures("prefect")


def _subject(message) -> str:  # type: ignore[no-untyped-def]
    return str(make_header(decode_header(message["Subject"])))


def test_a_refusing_second_channel_warns_in_dutch_and_the_coordinator_is_told_under_its_own_subject(
        db, sample: Path, smtp: Mailserver, regie) -> None:  # type: ignore[no-untyped-def]
    refused = f"json://127.0.0.1:{free_port()}/hook"
    _channels(sample, beleid_onderwijs=[refused])
    assert regie("laad", str(sample)).code == 0
    reason = "verbinding geweigerd: er luistert niets op dat adres en die poort"
    for day in ("2020-06-17", "2020-06-18", "2020-06-19"):
        outcome = regie("controle", "--peildatum", day)
        said = " ".join(outcome.out.split())
        assert outcome.code == 0, outcome.out + outcome.err
        assert (f"Let op: controle voltooid; 1 kanaal faalt: Beleidsmedewerker onderwijs (beleid-onderwijs) "
                f"via {refused}: {reason} (de ontvanger kreeg het bericht wel via een ander kanaal).") in said, said
        assert ".." not in said and "Connection" not in said + outcome.err, said + outcome.err
    assert [r for r, _ in smtp.received].count([ONDERWIJS]) == 1  # the mail arrived once
    told = [m for r, m in smtp.received if r == [COORDINATOR] and NOTICE in _html(m)]
    assert len(told) == 1
    assert _subject(told[0]) == "programmaregie 19 juni 2020: een kanaal werkt niet"
    shown = " ".join(_html(told[0]).split())
    assert f"Laatste fout: {refused}: {reason}" in shown
    assert "apart van het overzicht van <strong>19 juni 2020</strong>: een kanaal werkt niet." in shown
    digests = [_subject(m) for r, m in smtp.received if r == [COORDINATOR] and NOTICE not in _html(m)]
    assert all("kanaal werkt niet" not in s for s in digests)
    # A fourth run: the coordinator is not told again; the check still completes.
    before = len(smtp.received)
    assert regie("controle", "--peildatum", "2020-06-22").code == 0
    assert not any(NOTICE in _html(m) for _, m in smtp.received[before:])


def test_a_person_reached_on_no_channel_still_fails_the_check(db, sample: Path, smtp: Mailserver,
                                                               regie) -> None:  # type: ignore[no-untyped-def]
    import yaml

    refused = f"json://127.0.0.1:{free_port()}/hook"
    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    for person in data["personen"]:
        if person["sleutel"] == "beleid-onderwijs":
            person["kanalen"] = [refused]
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    mark_as_demo()  # the sample's people at example.org, as in the demo: no warning about them first
    outcome = regie("controle", "--peildatum", "2020-06-17")
    said = " ".join(outcome.err.split())
    assert outcome.code == 1
    assert said.startswith("1 bericht niet bezorgd (via geen enkel kanaal)"), said
    assert f"Beleidsmedewerker onderwijs (beleid-onderwijs): {refused}: verbinding geweigerd" in said, said
    assert ".." not in said and "herinneringen niet bezorgd" not in said
