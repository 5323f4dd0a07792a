"""The season's only window on the service's internals: reading delivered mail, reading the
database's reminders, check-ins, reports and history, and answering a check-in.

Everything else in tests/season talks to the service from outside (deployments started through the
Prefect API, an SMTP server, an HTTP server). When the outbox or the check-in tables change, adapt
this module, not the scenario or the invariants.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

from sqlalchemy import Engine, text


@dataclass(frozen=True)
class Mail:
    """One message as the SMTP server received it, on a simulated day."""

    day: dt.date
    to: tuple[str, ...]
    subject: str
    body: str          # the HTML part as sent ('' when there is none)
    poort: int = 0     # the sender's TCP port (tells the connections of a killed run apart)

    @property
    def text(self) -> str:
        """The HTML part as a reader sees it: tags removed, entities decoded."""
        return _clean(self.body)

    def items(self) -> list[tuple[str, str]]:
        """The digest's items as (activity, sentence), in the order shown."""
        return [(activity, zin) for activity, zin, _ in self.rows()]

    def rows(self) -> list[tuple[str, str, str]]:
        """The digest's items as (activity, sentence, heading): the heading of an item's group says why
        someone else's items reach this reader ("U ontvangt deze 2 punten als regisseur, niet als
        eigenaar: …", templates/partials/item.txt.j2 groepskop); "" for the reader's own items."""
        found = []
        for before, table in itertools.pairwise(self.body.split("<table")):
            kop = re.search(r'<p class="rol">(.*?)</p>', before.rsplit("</table>", 1)[-1], re.S)
            rows = re.findall(r'<tr><td class="a">(.*?)</td><td[^>]*>(.*?)(?:<br>|</td>)',
                              table.split("</table>", 1)[0], re.S)
            found += [(_clean(a), _clean(s), _clean(kop.group(1)) if kop else "") for a, s in rows]
        return found


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def mail_from(day: dt.date, rcpt_tos: list[str], message: Message, poort: int = 0) -> Mail:
    """A received message as a ``Mail`` (HTML part decoded)."""
    body = ""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            body = payload.decode(part.get_content_charset() or "utf-8") if isinstance(payload, bytes) else ""
            break
    # unfolded as a mail program shows it: a subject over 78 characters ("… voor het PoHo sociaal van 25
    # februari 2021") comes folded, with a line break before a space (RFC 5322, 2.2.3)
    subject = re.sub(r"\r?\n(?=[ \t])", "", str(make_header(decode_header(message.get("Subject", "")))))
    return Mail(day, tuple(sorted(rcpt_tos)), subject, body, poort)


@dataclass(frozen=True)
class Reminder:
    """A reminder the service recorded: its once-only key, its recipient and what a digest shows."""

    key: tuple[Any, ...]       # (onderwerp, onderwerp_id, regel, fase, vervaldatum, ontvanger)
    address: str               # the recipient's e-mail channel
    activity: str
    sentence: str
    regel: str
    status: str
    te_laat: bool
    rol: str


@dataclass
class Snapshot:
    """What the database says at the end of the season."""

    reminders: list[Reminder]
    checkins: list[dict[str, Any]]          # flow_run_id, persoon, ronde, status
    reports: list[dict[str, Any]]           # soort, datum, status, ontvangers
    history: list[dict[str, Any]]           # sleutel, veld, nieuw, bron, door
    milestones: dict[str, dict[str, Any]]   # 'activiteit/mijlpaal' → uiterlijk, gereed
    measurements: list[dict[str, Any]]      # indicator, datum, waarde
    people: dict[str, list[str]] = field(default_factory=dict)  # key → channels


def _mail_address(channel: str) -> str | None:
    from services.outbox.delivery import email_address

    return email_address(channel)


def snapshot(engine: Engine) -> Snapshot:
    """Read reminders, check-ins, reports, history, milestones and measurements."""
    from services.rendering import environment

    label = environment().filters["label"]  # the row's label as the digest shows it ("Uw activiteiten")
    # The sentence as the digest shows it: why a regisseur or coordinator gets it is its group's line.
    sentence = environment().filters["zin_zonder_rol"]

    with engine.connect() as c:
        people = {pid: (key, list(channels) if isinstance(channels, list) else __import__("json").loads(channels))
                  for pid, key, channels in c.execute(text("SELECT id, sleutel, kanalen FROM persoon"))}
        reminders = []
        for row in c.execute(text("SELECT onderwerp, onderwerp_id, regel, fase, vervaldatum, ontvanger_id, "
                                  "inhoud, status FROM herinnering ORDER BY id")):
            inhoud = row.inhoud if isinstance(row.inhoud, dict) else __import__("json").loads(row.inhoud)
            key, channels = people[row.ontvanger_id]
            address = next((a for a in map(_mail_address, channels) if a), "")
            reminders.append(Reminder(
                (row.onderwerp, row.onderwerp_id, row.regel, row.fase, str(row.vervaldatum), key), address,
                " ".join(label({**inhoud, "regel": row.regel}).split()),
                " ".join(sentence({**inhoud, "regel": row.regel}).split()), row.regel, row.status,
                bool(inhoud.get("te_laat")), str(inhoud.get("rol", ""))))
        checkins = [dict(r._mapping) for r in c.execute(text(
            "SELECT u.flow_run_id, p.sleutel AS persoon, u.ronde, u.status FROM uitvraag u "
            "JOIN persoon p ON p.id = u.persoon_id ORDER BY u.id"))]
        reports = [dict(r._mapping) for r in c.execute(text(
            "SELECT v.soort, v.datum, r.status, r.verstuurd_aan AS ontvangers FROM rapport r "
            "JOIN vergadering v ON v.id = r.vergadering_id ORDER BY v.datum"))]
        history = [dict(r._mapping) for r in c.execute(text(
            "SELECT sleutel, veld, nieuw, bron, door FROM wijziging ORDER BY id"))]
        milestones = {f"{r.a}/{r.m}": {"uiterlijk": _date(r.uiterlijk), "gereed": _date(r.gereed)}
                      for r in c.execute(text(
                          "SELECT a.sleutel AS a, m.sleutel AS m, m.uiterlijk, m.gereed FROM mijlpaal m "
                          "JOIN activiteit a ON a.id = m.activiteit_id"))}
        measurements = [{"indicator": r.sleutel, "datum": _date(r.datum), "waarde": float(r.waarde)}
                        for r in c.execute(text("SELECT i.sleutel, m.datum, m.waarde FROM meting m "
                                                "JOIN indicator i ON i.id = m.indicator_id"))]
    for checkin in checkins:
        checkin["ronde"] = _date(checkin["ronde"])
    for report in reports:
        report["datum"] = _date(report["datum"])
    return Snapshot(reminders, checkins, reports, history, milestones, measurements,
                    dict(people.values()))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def delivered_counts(mails: list[Mail]) -> Counter[tuple[str, str, str]]:
    """(address, activity, sentence) → how many times a digest delivered it by e-mail."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for mail in mails:
        for address in mail.to:
            for activity, zin in mail.items():
                counts[address, activity, zin] += 1
    return counts


def answer_checkin(flow_run_id: str, values: dict[str, Any], engine: Engine) -> None:
    """Answer a waiting check-in the way the Prefect form does: resume its run with run_input.
    ``values`` are per activity key: koers, tekst, besteed, and per milestone key gereed /
    nieuwe_datum + reden, and per indicator key a value; translated to the form's field names."""
    import json

    from prefect.flow_runs import resume_flow_run

    with engine.connect() as c:
        raw = c.execute(text("SELECT formulier FROM uitvraag WHERE flow_run_id = :r"), {"r": flow_run_id}).scalar_one()
    formulier = raw if isinstance(raw, list) else json.loads(raw)
    run_input: dict[str, Any] = {}

    def typed(value: Any) -> Any:  # the form holds text for dates, amounts and values (empty: no change)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    for i, activity in enumerate(formulier):
        given = values.get(activity["sleutel"], {})
        for name in ("koers", "tekst", "besteed"):
            if name in given:
                run_input[f"a{i}_{name}"] = typed(given[name])
        for j, milestone in enumerate(activity["mijlpalen"]):
            for name, value in given.get(milestone["sleutel"], {}).items():
                run_input[f"a{i}_m{j}_{name}"] = typed(value)
        for k, indicator in enumerate(activity["indicatoren"]):
            if indicator["sleutel"] in given:
                run_input[f"a{i}_i{k}"] = typed(given[indicator["sleutel"]])
    resume_flow_run(flow_run_id, run_input=run_input)


def waiting_checkin(engine: Engine, persoon: str, ronde: dt.date) -> str | None:
    """The flow run id of ``persoon``'s check-in of round ``ronde``, if one was asked."""
    with engine.connect() as c:
        return c.execute(text(
            "SELECT u.flow_run_id FROM uitvraag u JOIN persoon p ON p.id = u.persoon_id "
            "WHERE p.sleutel = :p AND u.ronde = :r ORDER BY u.id"), {"p": persoon, "r": ronde}).scalar()
