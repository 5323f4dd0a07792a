"""Flows ``voortgang-uitvragen`` (a round: who is due for a check-in) and
``voortgang-per-regisseur`` (one regisseur: ask, wait for the form, apply the answer).
The per-regisseur run suspends while it waits (no process is held) and runs again from the top
when resumed; every step before the wait is idempotent in the database, and each answer is
replayed by its pause key, so the run always reaches the same state.
"""


import datetime as dt
from typing import Any

from prefect import flow, get_run_logger
from prefect.deployments import run_deployment
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput
from prefect.runtime import flow_run
from pydantic import create_model

from flows import run_names
from flows.planned_names import name_next_runs
from flows.run_names import progress_round, this_run
from models.clock import today
from models.settings import get_settings
from services.rendering import markdown_text
from tasks.checkin import answered_before_round, apply_form, due_for_checkin, person_label, prepare_checkin

PER_REGISSEUR = "voortgang-per-regisseur/voortgang-per-regisseur"


class Voortgangsformulier(RunInput):
    """Base of the generated form; its fields are made per regisseur and round."""


def _form(formulier: list[dict[str, Any]], typed: dict[str, Any] | None = None,
          beside: dict[str, str] | None = None, termijn: str = "") -> type[RunInput]:
    """The form for ``formulier``; asked again, it holds what was ``typed`` (not the values it was
    first filled with), and a field asked about has the warning ``beside`` it as its description and
    comes first, with its reason: the Prefect UI (v1) squeezes the form's description to nothing
    above a long form, so the first thing the coordinator sees after Resume is the question. For the
    same reason the deadline (``termijn``'s first, bold sentence) is repeated beside the first field."""
    import re

    from pydantic import Field

    from services.checkins.checkin import form_fields

    fields = form_fields(formulier)
    if (kort := re.match(r"\*\*(.+?)\.?\*\*", termijn)) and "a0_koers" in fields:
        kind, info = fields["a0_koers"]
        fields["a0_koers"] = (kind, Field(default=info.default, title=info.title,
                                          description=f"{kort.group(1)}. Koers: {info.description.lower()}"))
    for name, value in (typed or {}).items():
        if name in fields:
            kind, info = fields[name]
            fields[name] = (kind, Field(default=value, title=info.title,
                                        description=(beside or {}).get(name, info.description)))
    first = [n for asked in beside or {} for n in (asked, asked.replace("_nieuwe_datum", "_reden"))
             if n in fields]
    fields = {**{n: fields[n] for n in first}, **fields}
    model: type[RunInput] = create_model("Voortgangsformulier", __base__=Voortgangsformulier, **fields)
    return model


def _name() -> str:
    """The run's name in the Prefect UI's list and in the service's lines: the person by name, as the
    coordinator knows them, and the round's day in words (flows/run_names.checkin)."""
    p = flow_run.parameters or {}
    return run_names.checkin(p, today(), person_label(str(p.get("persoon")), p.get("gemeente")))


def _description(problem: str, *, klopt_de_datum: bool = False, termijn: str = "") -> str:
    """The form's description, which the Prefect UI renders as Markdown: the refusal of the last answer
    quotes what was typed, so it is escaped (``<img …>`` or ``[…](javascript:…)`` shows as text). A new
    date in the past is asked about, as the answer page does ("Klopt de datum?"). ``termijn``: by when
    to answer and what happens after (services/checkins/asking.deadline_text), above the instructions."""
    description = (f"{termijn}\n\n" if termijn else "") + (
        "Geef per activiteit de stand van zaken. Alles is vooringevuld met de laatst bekende "
        "waarden: zonder wijzigingen is versturen genoeg. Data als JJJJ-MM-DD of 31 juli 2020; "
        "een leeg veld betekent 'geen wijziging'. (Regisseurs antwoorden meestal op hun pagina "
        "'Mijn activiteiten'; dit formulier is er voor de coördinator.)")
    if problem:
        heading = "Klopt de datum?" if klopt_de_datum else "Niet verwerkt, pas dit aan:"
        description = f"**{heading}** {markdown_text(problem)}\n\n{description}"
    return description


@flow(name="voortgang-per-regisseur", flow_run_name=_name, persist_result=True)
def ask_progress(persoon: str, gemeente: str, ronde: dt.date | None = None) -> str:
    """Ask one person for progress on their running activities and wait for the form."""
    ronde = ronde or today()
    run = str(flow_run.id)
    prepared = prepare_checkin(persoon, gemeente, run, ronde)
    # A run that asks nothing says why in its log, in Dutch: a coordinator who starts the round again
    # saw a second Completed run with only Prefect's English lines (a trial).
    if prepared is None:
        get_run_logger().info("Niets uit te vragen: geen lopende activiteiten van deze persoon in %s.",
                              gemeente)
        return "niets uit te vragen"
    formulier, status, termijn = prepared
    if status != "wachtend":
        get_run_logger().info("Niet opnieuw gevraagd: %s (één vraag per persoon per ronde).", status)
        return status
    problem, asked, beside = "", {}, {}
    typed: dict[str, Any] = {}
    for attempt in range(50):
        # Asked again, the form holds what was typed, with the problem or the question on top.
        form = _form(formulier, typed, beside, termijn).with_initial_data(
            description=_description(problem, klopt_de_datum=bool(asked), termijn=termijn))
        answer = suspend_flow_run(wait_for_input=form, timeout=get_settings().uitvraag_dagen * 86400,
                                  key=f"antwoord-{attempt}")
        typed = answer.model_dump()
        # A new date in the past is asked about once (asked → bevestigd), as on the answer page.
        problem, asked, beside = apply_form(run, typed, persoon, asked)
        if not problem:
            return "beantwoord"
        get_run_logger().warning("%s %s", "Gevraagd of de datum klopt; nog niets vastgelegd:" if asked
                                 else "Antwoord niet verwerkt:", problem)
    return "te vaak ongeldig"


@flow(name="voortgang-uitvragen", flow_run_name=this_run(progress_round), on_completion=[name_next_runs],
      on_failure=[name_next_runs])
def ask_progress_round(peildatum: dt.date | None = None, gemeente: str | None = None, iedereen: bool = False,
                       ) -> list[str]:
    """Start one check-in per person whose activities reach a monitoring moment today (or, with
    ``iedereen``, per owner of any running activity); not for whoever gave the progress of all their
    activities shortly before (the result says so: "…: niet gevraagd: de voortgang van …")."""
    peildatum = peildatum or today()
    started = []
    due = due_for_checkin(peildatum, gemeente, iedereen)
    answered = answered_before_round(due, peildatum)  # on the answer page, just before the round
    for person, municipality in due:
        if (person, municipality) in answered:
            started.append(f"{municipality}/{person}: niet gevraagd: {answered[(person, municipality)]}")
            continue
        # Unlinked (not a subflow of this round): a subflow cannot suspend, and each check-in must
        # wait days for its form without holding a process. Asked once per round: the database
        # guards it, so a rerun of the round starts runs that end at once with "al gevraagd".
        run = run_deployment(PER_REGISSEUR, parameters={"persoon": person, "gemeente": municipality,
                                                         "ronde": peildatum.isoformat()}, timeout=0,
                             as_subflow=False, tags=["voortgang", f"ronde-{peildatum.isoformat()}"])
        started.append(f"{municipality}/{person}: {run.id}")
    return started
