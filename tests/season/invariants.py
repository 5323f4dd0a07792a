"""What must hold after any season, from the delivered mail and the database. Each function
returns the violations (Dutch-free developer text); an empty list means it holds.

``KNOWN`` names the invariants that today's code breaks because of a defect of issue 12 that is
being fixed on another branch. The scripted quarter marks those tests xfail(strict=True); the
randomised seasons leave them out. After merging a fix, delete its line here: both follow.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from domain.melding import getypte_datum
from tests.season import world
from tests.season.scenario import Antwoord, Verslag

KNOWN: dict[str, str] = {}  # every defect of issue 12 that the season found is fixed


def known(name: str) -> Any:
    """xfail(strict=True) while ``name`` is in KNOWN; nothing once its fix is merged."""
    if name in KNOWN:
        return pytest.mark.xfail(strict=True, reason=KNOWN[name])
    return lambda test: test


def _mailed(v: Verslag) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]]:
    """What the outbox recorded per (address, activity, sentence), and what arrived. Digest items
    arrive as rows of a digest; a report (rule ``rapport``) arrives as a mail of its own whose
    subject is the recorded sentence without its " (rapport)" tail."""
    assert v.snapshot is not None
    rows = Counter((r.address, r.activity, r.sentence) for r in v.snapshot.reminders if r.address)
    mailed = world.delivered_counts(v.mails)
    for r in v.snapshot.reminders:
        if r.regel == "rapport" and r.address:
            subject = r.sentence.removesuffix(" (rapport)")
            mailed[r.address, r.activity, r.sentence] = sum(
                1 for m in v.mails if m.subject == subject and r.address in m.to)
    return rows, mailed


def bezorgd(v: Verslag) -> list[str]:
    """Every reminder the service recorded reached its recipient's mailbox."""
    rows, mailed = _mailed(v)
    return [f"never delivered: {k} (recorded {n}×)" for k, n in rows.items() if mailed[k] < n]


def eenmaal(v: Verslag) -> list[str]:
    """Each (item, stage, person, channel) was delivered once: no digest item arrived more often
    than it was recorded, and nothing arrived that was never recorded. The one allowance is the
    issue's "at most the messages in flight at the moment of the crash go twice": a copy that
    reached the server over a connection of the killed run (its sender had handed it to the
    kernel, and died before it could mark it sent) may be sent again by the next run."""
    rows, mailed = _mailed(v)
    in_flight = world.delivered_counts([m for m in v.mails if m.poort in v.onderweg])
    return [f"delivered {n}× but recorded {rows[k]}×: {k}" for k, n in mailed.items()
            if n - in_flight[k] > rows[k]]


def vrije_dagen(v: Verslag) -> list[str]:
    """No mail on weekends, public holidays or local closing days."""
    from domain.werkdagen import Werkdagen

    werkdagen = Werkdagen(v.seizoen.sluitingsdagen)
    return [f"mail on {m.day:%a %d-%m-%Y} to {m.to}: {m.subject}" for m in v.mails
            if not werkdagen.is_werkdag(m.day)]


_LATE = re.compile(r"(\d+) dagen? te laat")


def escalatie(v: Verslag) -> list[str]:
    """Escalation once per rung: the regisseur is told from 14 days late, the coordinator from 28,
    and nobody is told about the same late item again within a week. The week is measured on the
    days late that each message was planned with ("19 dagen te laat"): a message delayed by an SMTP
    outage arrives later than planned, and the next one still comes a week after the plan."""
    seen: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    problems = []
    for mail in v.mails:
        for address in mail.to:
            for activity, zin, kop in mail.rows():
                late = _LATE.search(zin)
                if not late:
                    continue
                item = zin.split(":", 1)[0]
                days = int(late.group(1))
                # Why someone else's item comes is its group's heading ("… als regisseur, niet als eigenaar").
                if ("als regisseur" in kop and days < 14) or ("als coördinator" in kop and days < 28):
                    problems.append(f"escalated too early ({days} days) to {address}: {zin}")
                if days not in seen[address, activity, item]:
                    seen[address, activity, item].append(days)
    for key, planned in seen.items():
        planned.sort()
        problems += [f"{key} again after {b - a} days ({a} and {b} days late)"
                     for a, b in itertools.pairwise(planned) if b - a < 7]
    return problems


def uitvragen(v: Verslag) -> list[str]:
    """Every check-in the round started waits for its form, then is answered or expires; none
    fails. One started less than ``uitvraag_dagen`` before the end may still wait."""
    assert v.snapshot is not None
    problems = [f"check-in run {run_id} of {day} ended {v.states.get(run_id)}" for day, run_id in v.uitvragen
                if v.states.get(run_id) not in ("Suspended", "Paused", "Completed")]
    by_run = {c["flow_run_id"]: c for c in v.snapshot.checkins}
    for day, run_id in v.uitvragen:
        checkin = by_run.get(run_id)
        if checkin is None:
            continue  # 'niets uit te vragen' or asked already in this round
        if (v.seizoen.tot - day).days >= 14 and checkin["status"] not in ("beantwoord", "verlopen"):
            problems.append(f"check-in of {checkin['persoon']} ({day}) is still {checkin['status']}")
    return problems


def antwoorden(v: Verslag) -> list[str]:
    """Every answer was taken, is in the history and in the next report after it."""
    assert v.snapshot is not None
    problems = []
    history = " ".join(str(h["nieuw"]) for h in v.snapshot.history if h["bron"] == "antwoord")
    reports = [m for m in v.mails if m.subject.startswith("Voortgangsrapportage")]
    for day, answer, outcome in v.antwoorden:
        if outcome == "niet gevraagd":
            continue  # a random season may answer a round that did not ask this person
        if outcome.lower() != "completed":  # the run state, COMPLETED or Completed
            problems.append(f"answer of {answer.persoon} to round {answer.ronde} on {day}: {outcome}")
            continue
        for activity, values in answer.waarden.items():
            tekst = values.get("tekst")
            if not tekst:
                continue
            if tekst not in history:
                problems.append(f"answer '{tekst}' not in the history")
            later = [m for m in reports if m.day > day]
            if later and not _last_word(v, answer, activity, later[0].day):
                continue  # a later answer about the same activity came before that report
            if later and tekst not in later[0].text:
                problems.append(f"answer '{tekst}' ({day}) not in the report of {later[0].day}")
    return problems


def _last_word(v: Verslag, answer: Antwoord, activity: str, before: dt.date) -> bool:
    """Whether ``answer`` is the last answer about ``activity`` before ``before``."""
    given = [(d, a) for d, a, outcome in v.antwoorden
             if outcome == "Completed" and activity in a.waarden and d < before]
    return bool(given) and given[-1][1] is answer


def rapporten(v: Verslag) -> list[str]:
    """Each meeting's report went to each of its recipients once, before the meeting."""
    assert v.snapshot is not None
    problems = []
    sent = Counter((m.subject, a) for m in v.mails if m.subject.startswith("Voortgangsrapportage") for a in m.to)
    problems += [f"report '{s}' to {a} {n}×" for (s, a), n in sent.items() if n != 1]
    for report in v.snapshot.reports:
        if report["status"] != "verstuurd":
            problems.append(f"report for {report['soort']} {report['datum']} is {report['status']}")
    late = [m for m in v.mails if m.subject.startswith("Voortgangsrapportage")
            and getypte_datum(" ".join(m.subject.split()[-3:])) <= m.day]  # "… van 25 juni 2020"
    problems += [f"report after its meeting: {m.subject} on {m.day}" for m in late]
    return problems


ALLE = {"bezorgd": bezorgd, "eenmaal": eenmaal, "vrije-dagen": vrije_dagen, "escalatie": escalatie,
        "uitvragen": uitvragen, "antwoorden": antwoorden, "rapporten": rapporten}
