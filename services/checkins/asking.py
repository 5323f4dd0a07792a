"""Whether the demo cycle (`regie dienst --eenmalig`) may ask its regisseur for progress on a day.

The scheduled round (``voortgang-uitvragen``) asks only on working days, only whoever reaches a
monitoring moment or the MOSD lead time that day, once per round. The demo's extra check-in, which
shows a waiting form on any day the demo is moved to, follows the same calendar and does not pile
up: not on a day off (domain/werkdagen.py), not while an earlier request waits for its
answer, and not within ``uitvraag_dagen`` (14) days of an earlier request, answered or not. A
request of the same round is not an obstacle here: the database asks a person once per round, and
the run that finds it says "al gevraagd".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, select

from domain.werkdagen import Werkdagen, bij_de_dag
from models.clock import local_date, start_of_day
from models.tables import CheckIn, Meeting, ProgressUpdate
from services.rendering import dag, datum


def not_a_working_day(peildatum: dt.date, werkdagen: Werkdagen) -> str | None:
    """Why nobody is asked on ``peildatum`` ("zaterdag 20 juni 2020 is geen werkdag; …", a holiday's or
    closing day's name after the day: "… (Tweede Kerstdag); …"), or None."""
    if werkdagen.is_werkdag(peildatum):
        return None
    volgende, vrij = werkdagen.op_of_na(peildatum), bij_de_dag(werkdagen.waarom_vrij(peildatum))
    return (f"{dag(peildatum)} is geen werkdag{vrij}; op vrije dagen vragen we niemand om voortgang (de "
            f"eerstvolgende werkdag is {dag(volgende)})")


def earlier_request(*, session: Session, persoon_id: int, peildatum: dt.date, dagen: int) -> str | None:
    """Why ``persoon_id`` is not asked again on ``peildatum``: an earlier request that still waits,
    or one of less than ``dagen`` days ago; None when they may be asked."""
    earlier = session.exec(select(CheckIn).where(CheckIn.persoon_id == persoon_id, CheckIn.ronde < peildatum)
                           .order_by(CheckIn.ronde.desc())).all()  # type: ignore[attr-defined]
    waiting = next((c for c in earlier if c.status == "wachtend"), None)
    if waiting is not None:
        return (f"de vraag van de ronde van {datum(waiting.ronde)} wacht nog op antwoord; "
                "een nieuwe vraag komt pas daarna")
    recent = next((c for c in earlier if (peildatum - c.ronde).days < dagen), None)
    if recent is None:
        return None
    volgende = recent.ronde + dt.timedelta(days=dagen)
    gedaan = (f"beantwoord op {datum(recent.beantwoord_op)}" if recent.beantwoord_op is not None
              else recent.status)
    return (f"al gevraagd in de ronde van {datum(recent.ronde)} ({gedaan}); opnieuw vragen kan vanaf "
            f"{datum(volgende)}")


# Progress recorded since the start of the round's day counts as its answer: the daily overview (07:00)
# invites an answer on the page half an hour before the round (07:30). Working days before the round's
# day (VERS_WERKDAGEN > 0) would also count an answer of the Friday before a Monday round; an earlier
# answer is what the round asks to bring up to date (a monitoring moment, a MOSD meeting ahead).
VERS_WERKDAGEN = 0


def answers_count_from(ronde: dt.date, werkdagen: Werkdagen) -> dt.date:
    """The first day whose recorded progress counts as the answer to the round of ``ronde``."""
    return werkdagen.werkdagen_voor(ronde, VERS_WERKDAGEN)


def recent_answers(*, session: Session, activiteit_ids: list[int], ronde: dt.date, werkdagen: Werkdagen,
                   tot: dt.date | None = None) -> dict[int, dt.datetime]:
    """Activity id → the moment of its last progress recorded from ``answers_count_from`` up to and
    including ``tot`` (default: the round's day) (on the answer page, in a form, by `regie voortgang`):
    those activities count as answered for the round."""
    if not activiteit_ids:
        return {}
    since = start_of_day(answers_count_from(ronde, werkdagen))
    until = start_of_day((tot or ronde) + dt.timedelta(days=1))
    rows = session.exec(select(ProgressUpdate.activiteit_id, func.max(ProgressUpdate.vastgelegd_op)).where(
        ProgressUpdate.activiteit_id.in_(activiteit_ids),  # type: ignore[attr-defined]
        ProgressUpdate.vastgelegd_op >= since, ProgressUpdate.vastgelegd_op < until)  # type: ignore[operator]
        .group_by(ProgressUpdate.activiteit_id)).all()
    return {aid: when for aid, when in rows if when is not None}


def all_answered(aantal: int, answered: dict[int, dt.datetime]) -> str:
    """Why a person is not asked in a round: every one of their ``aantal`` activities was answered
    shortly before it (Dutch, after "niet gevraagd: ")."""
    days = sorted({local_date(when) for when in answered.values()})
    op = datum(days[0]) if len(days) == 1 else f"{datum(days[0])} en {datum(days[-1])}"
    wat = "de activiteit" if aantal == 1 else f"alle {aantal} activiteiten"
    return f"de voortgang van {wat} is al doorgegeven op {op}; die antwoorden tellen voor deze ronde"


def answered_already(*, session: Session, persoon_id: int, ronde: dt.date, werkdagen: Werkdagen,
                     ) -> str | None:
    """Why ``persoon_id`` is not asked in the round of ``ronde``: the progress of every running activity
    was given shortly before it (``all_answered``); None when one is open."""
    from domain.rules.regels import ACTIEF
    from models.tables import Activity

    ids = [i for i in session.exec(select(Activity.id).where(
        Activity.eigenaar_id == persoon_id, Activity.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.status.in_(ACTIEF))) if i is not None]  # type: ignore[attr-defined]
    answered = recent_answers(session=session, activiteit_ids=ids, ronde=ronde, werkdagen=werkdagen)
    return all_answered(len(ids), answered) if ids and all(i in answered for i in ids) else None


def why_not_ask(*, session: Session, persoon_id: int, peildatum: dt.date, werkdagen: Werkdagen,
                dagen: int) -> str | None:
    """Why ``persoon_id`` is not asked for progress on ``peildatum`` (Dutch), or None: ask."""
    return (not_a_working_day(peildatum, werkdagen)
            or earlier_request(session=session, persoon_id=persoon_id, peildatum=peildatum, dagen=dagen)
            or answered_already(session=session, persoon_id=persoon_id, ronde=peildatum, werkdagen=werkdagen))


def for_meeting(*, session: Session, gemeente_id: int, ronde: dt.date, werkdagen: Werkdagen,
                rapport_voor: int, dagen: int) -> tuple[Meeting, dt.date] | None:
    """The meeting whose report an answer to the round of ``ronde`` goes into, and the last working day
    to answer in time: the report is made ``rapport_voor`` working days before the meeting, in the
    morning (deployments/: 06:45), so an answer is in it when given by the working day before. The
    round is started ``uitvraag_voor_mosd_werkdagen`` working days before a MOSD meeting
    (tasks/checkin.py), so its report comes a few days later. None when no report is made while the
    question waits (``dagen``: until it expires), nor after today."""
    meetings = session.exec(select(Meeting).where(Meeting.gemeente_id == gemeente_id, Meeting.datum > ronde,
                                                  Meeting.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
                            .order_by(Meeting.datum))  # type: ignore[arg-type]
    for meeting in meetings:
        made = werkdagen.werkdagen_voor(meeting.datum, rapport_voor)
        if made <= ronde:  # made already (this morning, or earlier)
            continue
        if (made - ronde).days > dagen:
            return None
        return meeting, max(ronde, werkdagen.werkdagen_voor(made, 1))
    return None


def expires_on(ronde: dt.date, dagen: int) -> dt.date:
    """The day a check-in of the round of ``ronde`` expires (``dagen``: REGIE_UITVRAAG_DAGEN): the daily
    check marks it ``verlopen`` from then on (expiry.follow_ups) and the waiting form times out
    (flows/voortgang_uitvragen.py), so an answer is wanted before it."""
    return ronde + dt.timedelta(days=dagen)


def deadline_text(vergadering: tuple[str, dt.date, dt.date] | None, verloopt: dt.date,
                  vandaag: dt.date) -> str:
    """The deadline of a check-in for the Prefect form's description (Markdown): by when an answer is in
    the report for ``vergadering`` (its name, date and last day, for_meeting; left out once that day
    has passed on ``vandaag``, as the form is asked again after a bad answer), before which day the
    question expires, and what happens after that."""
    from domain.reports.rapport import RECENT_DAGEN, STAND_WOORDEN

    if vergadering is not None and vergadering[2] < vandaag:
        vergadering = None
    grijs = STAND_WOORDEN["geen-update"]
    after = (f"Daarna vervalt de vraag: dit formulier sluit, de coördinator krijgt bericht en activiteiten "
             f"zonder antwoord van de laatste {RECENT_DAGEN} dagen staan als „{grijs}” in de rapportage.")
    if vergadering is None:
        return f"**Antwoord vóór {dag(verloopt)}.** {after}"
    naam, op, uiterlijk = vergadering
    naam = naam if naam.startswith("de ") else f"het {naam}"
    return (f"**Antwoord uiterlijk {dag(uiterlijk)}**: dan staat het antwoord in de rapportage voor {naam} "
            f"van {datum(op)}. Een later antwoord kan nog vóór {dag(verloopt)} en telt dan in de rapportage "
            f"daarna. {after}")


def run_link(ui_url: str, flow_run_id: str) -> str:
    """Where a person answers: the waiting flow run in the Prefect UI."""
    return f"{ui_url.rstrip('/')}/runs/flow-run/{flow_run_id}"
