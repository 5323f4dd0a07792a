"""A check-in that was not answered in time: the reminder after seven days and the expiry (the daily
check, ``follow_ups``): what it records and what the coordinator is told, in agreement with the report.

The report shows an activity's last answer while it is recent (``domain.reports.rapport.stand_van``,
42 days); only after that is it "geen update". So an expiry marks "geen update" only the activities
the report shows so; for an activity answered recently (in an earlier round, on the answer page, by
`regie voortgang`) the report still shows that answer, and the history and the notice say so. The
history rows are the check's (``bron = controle``), not an answer's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlmodel import Session, select

from domain.reports.rapport import RECENT_DAGEN, STAND_WOORDEN, stand_van
from domain.rules.regels import GEEN_DATUM, Herinnering
from domain.werkdagen import Werkdagen
from models.clock import local_date, start_of_day
from models.tables import Activity, CheckIn, Person, ProgressUpdate
from services.checkins.asking import expires_on, recent_answers, run_link
from services.register.history import HistoryLog
from services.rendering import datum

BRON = "controle"  # the history's source of what the daily check records itself


def _last_answer(session: Session, activiteit_id: int | None, peildatum: dt.date,
                 ) -> tuple[dt.date | None, str | None]:
    """The day of the activity's last answer up to ``peildatum`` and the last koers given."""
    if activiteit_id is None:
        return None, None
    rows = session.exec(select(ProgressUpdate.vastgelegd_op, ProgressUpdate.koers).where(
        ProgressUpdate.activiteit_id == activiteit_id,
        ProgressUpdate.vastgelegd_op < start_of_day(peildatum + dt.timedelta(days=1)))  # type: ignore[arg-type]
        .order_by(ProgressUpdate.vastgelegd_op.desc())).all()  # type: ignore[attr-defined]
    if not rows:
        return None, None
    return local_date(rows[0][0]), next((koers for _, koers in rows if koers), None)


def expire(*, session: Session, checkin: CheckIn, peildatum: dt.date) -> str:
    """Mark ``checkin`` expired and record per activity what the report now shows; returns the
    notice's clause about the report (Dutch)."""
    waited = (peildatum - checkin.ronde).days
    checkin.status = "verlopen"
    log = HistoryLog(gemeente_id=checkin.gemeente_id, door="dagelijkse controle", bron=BRON)
    grey, standing = 0, []
    for spec in checkin.formulier:
        activity = session.exec(select(Activity).where(Activity.gemeente_id == checkin.gemeente_id,
                                                       Activity.sleutel == spec["sleutel"])).first()
        aid = activity.id if activity else None
        seen, koers = _last_answer(session, aid, peildatum)
        reden = f"uitvraag (ronde van {datum(checkin.ronde)}) niet beantwoord in {waited} dagen"
        shown = stand_van(seen, koers, peildatum=peildatum)
        if shown == "geen-update":
            grey += 1
            log.add(onderwerp="voortgang", sleutel=spec["sleutel"], activiteit_id=aid, veld="voortgang",
                    nieuw="geen update", reden=reden)
        else:
            assert seen is not None
            standing.append(seen)
            log.add(onderwerp="voortgang", sleutel=spec["sleutel"], activiteit_id=aid, veld="uitvraag",
                    nieuw="niet beantwoord",
                    reden=f"{reden}; de rapportage toont nog het antwoord van {datum(seen)} "
                          f"({shown.replace('-', ' ')})")
    log.flush(session)
    return clause(grey, standing)


def clause(grey: int, standing: list[dt.date]) -> str:
    """What the report shows after the expiry, for the coordinator's notice."""
    def activities(n: int) -> str:
        return "de activiteit" if n == 1 else f"de {n} activiteiten"

    grijs = f'"{STAND_WOORDEN["geen-update"]}"'  # as the report calls it

    if not standing:
        return f'{activities(grey)} {"staat" if grey == 1 else "staan"} als {grijs} in de rapportage.'
    since = min(standing)
    recent = (f"het antwoord van {datum(since)}" if len(set(standing)) == 1
              else f"antwoorden van {datum(since)} of later")
    if not grey:
        return (f"de rapportage toont voor {activities(len(standing))} nog {recent} (een antwoord "
                f"telt daar {RECENT_DAGEN} dagen; daarna staan ze als {grijs}).")
    return (f'{grey} van de {grey + len(standing)} activiteiten {"staat" if grey == 1 else "staan"} als '
            f'{grijs} in de rapportage; voor de andere {len(standing)} toont de rapportage nog '
            f"{recent}.")


def answered_meanwhile(session: Session, checkin: CheckIn, werkdagen: Werkdagen, peildatum: dt.date) -> bool:
    """Whether every activity of the waiting ``checkin``'s form got its progress since shortly before
    the round (asking.recent_answers: on the answer page, by `regie voortgang`, as the run's answer),
    however the answer came: then it is marked answered, and the web process's resumer hands the
    waiting run an empty answer (its prefilled form), which finds the check-in answered and ends."""
    keys = [spec["sleutel"] for spec in checkin.formulier]
    ids = [i for i in session.exec(select(Activity.id).where(
        Activity.gemeente_id == checkin.gemeente_id, Activity.sleutel.in_(keys),  # type: ignore[attr-defined]
        Activity.gearchiveerd_op.is_(None))) if i is not None]  # type: ignore[union-attr]
    answered = recent_answers(session=session, activiteit_ids=ids, ronde=checkin.ronde, werkdagen=werkdagen,
                              tot=peildatum)
    if not ids or not all(i in answered for i in ids):
        return False
    checkin.status, checkin.beantwoord_op, checkin.fout = "beantwoord", max(answered.values()), None
    if checkin.hervat_invoer is None:
        checkin.hervat_invoer = {}
    return True


def follow_ups(*, session: Session, peildatum: dt.date, herinner_na: int, verloopt_na: int,
               coordinatoren: dict[int, tuple[int, ...]], ui_url: str,
               vergadering: Callable[[CheckIn], tuple[str, dt.date, dt.date] | None] = lambda c: None,
               werkdagen: Werkdagen | None = None) -> list[Herinnering]:
    """For the daily check: a reminder to answer ``herinner_na`` days after the round, repeating the
    deadline (the day the question expires, and ``vergadering(checkin)``'s, or, with soort
    "rapportage-voorbij", that its last day passed and the answer counts for the next report); after
    ``verloopt_na`` days the check-in expires, its activities without a recent answer get 'geen
    update' and the coordinator is told what the report shows (services/checkins/expiry.py).
    Counted from the round's date, the day the person was asked, on the same calendar as
    ``peildatum`` (so a simulated season counts the same way). A check-in whose every activity got
    its progress meanwhile (``answered_meanwhile``) is answered: no reminder, never expired."""
    out = []
    for checkin in session.exec(select(CheckIn).where(CheckIn.status == "wachtend")).all():
        if answered_meanwhile(session, checkin, werkdagen or Werkdagen(), peildatum):
            continue
        waited = (peildatum - checkin.ronde).days
        person = session.get(Person, checkin.persoon_id)
        assert person is not None and checkin.id is not None
        common = {"activiteit_id": 0, "programma": "Voortgang uitvragen", "activiteit": person.naam,
                  "wat": f"ronde van {datum(checkin.ronde)}", "dagen": waited, "bron": checkin.flow_run_id,
                  "link": run_link(ui_url, checkin.flow_run_id)}
        if waited >= verloopt_na:
            # what the report shows now, in the history and the notice (services/checkins/expiry.py)
            shown = expire(session=session, checkin=checkin, peildatum=peildatum)
            out += [Herinnering("uitvraag", checkin.id, "uitvraag-verlopen", "verlopen", GEEN_DATUM, c,
                                "coordinator", te_laat=True, **(common | {"soort": shown}))  # type: ignore[arg-type]
                    for c in coordinatoren.get(checkin.gemeente_id, ())]
        elif waited >= herinner_na:
            meeting = vergadering(checkin)
            out.append(Herinnering("uitvraag", checkin.id, "uitvraag-herinnering", "7d", checkin.ronde,
                                   checkin.persoon_id, "eigenaar", **common,  # type: ignore[arg-type]
                                   # its last day passed: said so, the answer counts for the next report
                                   vergadering=meeting, soort="rapportage-voorbij" if meeting and
                                   meeting[2] < peildatum else "",
                                   verloopt=expires_on(checkin.ronde, verloopt_na)))
    session.flush()
    return out
