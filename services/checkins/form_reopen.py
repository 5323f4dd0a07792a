"""Reopening a done milestone on the Prefect UI's check-in form, as the answer page does (web/reopen.py)
and `regie heropen`: per done milestone of the regisseur's activities a switch "Deze mijlpaal is toch
niet gereed (heropenen)" and a required "waarom". What is asked for becomes ``MijlpaalAntwoord(heropend=
True, reden=…)`` for the answer service; the done the form was asked with (its ``stand``) must still stand
when the answer is applied (services/checkins/reopening.py), so it is reopened once however often the
answer is sent."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlmodel import Session

from services.checkins import reopening
from services.checkins.lookup import Ongeldig
from services.checkins.progress import Antwoord, MijlpaalAntwoord
from services.rendering import datum, reopened_sentence

VINK = "Deze mijlpaal is toch niet gereed (heropenen)"  # as the answer page's checkbox says it
# a start past its date (reopen_words says nothing of it): as `regie heropen`'s notice says it
GEEN_HERINNERING = ("De startdatum is voorbij; een start telt nooit als te laat en krijgt na zijn datum geen "
                    "herinnering meer. Is de datum verschoven, geef dan de nieuwe.")


def _done(a: dict[str, Any]) -> list[dict[str, Any]]:
    return list(a.get("gereed_mijlpalen") or [])  # a form asked before reopening was offered: none


def form_fields(i: int, a: dict[str, Any]) -> dict[str, Any]:
    """The form's fields for activity ``i``'s done milestones: a switch (off) and the reason (empty)."""
    fields: dict[str, Any] = {}
    for j, g in enumerate(_done(a)):
        label = f"{a['titel']} · {g['omschrijving']}"
        fields[f"a{i}_g{j}_heropen"] = (bool, Field(
            default=False, title=f"{label}: {VINK[:1].lower()}{VINK[1:]}",
            description=f"Gereed gemeld op {datum(g['gereed'])}. Zet dit alleen aan als de mijlpaal per "
                        "vergissing gereed is gemeld, en vul dan in waarom. Er komen weer herinneringen "
                        "voor."))
        fields[f"a{i}_g{j}_waarom"] = (str, Field(
            default="", title=f"{label}: waarom heropenen?",
            description="Verplicht bij heropenen, bijvoorbeeld „per vergissing gereed gemeld”."))
    return fields


def _on(value: Any) -> bool:
    return value is True or str(value).strip().casefold() in ("true", "ja", "1", "on")


def answers(i: int, a: dict[str, Any], values: dict[str, Any]) -> list[MijlpaalAntwoord]:
    """The reopens asked for on the form for activity ``i``; ``Ongeldig`` for a reason given without
    the switch on (as the answer page refuses it)."""
    out = []
    for j, g in enumerate(_done(a)):
        reden = str(values.get(f"a{i}_g{j}_waarom") or "").strip()
        if _on(values.get(f"a{i}_g{j}_heropen")):
            out.append(MijlpaalAntwoord(g["sleutel"], heropend=True, reden=reden or None))
        elif reden:
            raise Ongeldig(f"{a['titel']}, mijlpaal „{g['omschrijving']}”: u gaf een reden om te heropenen, "
                           f"maar zette „{VINK}” niet aan. Zet het aan om de mijlpaal te heropenen, of maak "
                           "de reden leeg.")
    return out


def drop_stale(session: Session, antwoord: Antwoord, spec: dict[str, Any], milestones: dict[str, Any],
               door: str) -> list[str]:
    """In the answer's transaction, before it is checked: the reopens whose done (as the form was asked
    with it) no longer stands are taken out of ``antwoord``; what the run says about each."""
    stands = {g["sleutel"]: g.get("stand", 0) for g in _done(spec)}
    wanted = [s for s in antwoord.mijlpalen if s.heropend and s.sleutel in milestones]
    stale = reopening.not_standing(session, {milestones[s.sleutel].id: stands.get(s.sleutel) for s in wanted},
                                   door, reopening.FORMULIER)
    lines = []
    for sub in wanted:
        milestone = milestones[sub.sleutel]
        if milestone.id in stale:
            antwoord.mijlpalen.remove(sub)
            lines.append(f"{spec['titel']}: mijlpaal „{milestone.omschrijving}” {stale[milestone.id]}")
    return lines


def said(session: Session, spec: dict[str, Any], antwoord: Antwoord, activity: Any,
         milestones: dict[str, Any], *, door: str, vandaag: Any) -> list[str]:
    """The reopens about to be recorded, in words for the run's log (before the answer is applied): what was
    done, and what its reminders will be as the answer page and `regie heropen` say it (a date that has
    passed: late again from the next check; services/checkins/reopen_words.py)."""
    from models.settings import get_settings
    from services.checkins.reopen_words import reopen_sentence

    done = {g["sleutel"]: g for g in _done(spec)}
    lines = []
    for s in antwoord.mijlpalen:
        if not (s.heropend and s.sleutel in done):
            continue
        g = done[s.sleutel]
        milestone = milestones.get(s.sleutel)
        then = None if milestone is None else reopen_sentence(
            session, milestone, activity, door=door, vandaag=vandaag, regels=get_settings().regels)
        lines.append(f"{spec['titel']}: {reopened_sentence(g['omschrijving'], g['gereed'], s.reden)}. "
                     f"{then or GEEN_HERINNERING if milestone is not None else 'Hij staat weer open.'}")
    return lines


def run_input(i: int, spec: dict[str, Any], antwoord: Antwoord) -> dict[str, Any]:
    """The answer page's reopens as this form's fields (form_values.run_input), for the resumed run."""
    reopened = {s.sleutel: s for s in antwoord.mijlpalen if s.heropend}
    values: dict[str, Any] = {}
    for j, g in enumerate(_done(spec)):
        if (sub := reopened.get(g["sleutel"])) is not None:
            values |= {f"a{i}_g{j}_heropen": True, f"a{i}_g{j}_waarom": sub.reden or ""}
    return values
