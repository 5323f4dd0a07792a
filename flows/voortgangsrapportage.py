"""Flow ``voortgangsrapportage``: runs daily; makes and sends the report for each MOSD and PoHo
meeting that is due (N working days before it), once per meeting, and shows it in the UI."""

import datetime as dt
import uuid

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows.planned_names import name_next_runs
from flows.run_names import reports, this_run
from models.clock import today
from models.settings import get_settings
from services.rendering import dag
from tasks.reports import (
    deliver_report,
    finish_report,
    holding_claims,
    missed_reports,
    prepare_reports,
    publish,
    tell_coordinator,
)


@flow(name="voortgangsrapportage", flow_run_name=this_run(reports), on_completion=[name_next_runs],
      on_failure=[name_next_runs])
def run_reports(
    peildatum: dt.date | None = None, vergadering: str | None = None, gemeente: str | None = None
) -> list[str]:
    """Reports due by ``peildatum`` (default today), for ``vergadering`` mosd or poho or both."""
    peildatum = peildatum or today()
    delays = list(get_settings().bezorg_wachttijden)
    sender = deliver_report.with_options(retries=len(delays), retry_delay_seconds=delays)
    sent = []
    run = str(flow_run.id or uuid.uuid4())
    with holding_claims(run):
        for report_id, summary in prepare_reports(peildatum, vergadering, gemeente):
            sender(report_id, run, peildatum, return_state=True)  # a failure stays recorded for the next run
            sent.append(finish_report(report_id, summary, run))
        tell_coordinator(run, peildatum)
    publish(sent, peildatum)
    for line in missed_reports(peildatum):  # a meeting passed without one: the service did not run before it
        get_run_logger().warning(line)
    if not sent:  # said in Dutch: a second run of the day showed only Prefect's English lines (a trial)
        get_run_logger().info("Geen rapportage gemaakt op %s: geen MOSD of PoHo aan de beurt, of de "
                              "rapportage voor die vergadering is al gemaakt (één per vergadering; "
                              "`regie rapport` maakt er een op verzoek).", dag(peildatum))
    return [
        f"{s.gemeente} {s.vergadering} {s.datum}: {'verstuurd' if s.gelukt else 'niet verstuurd'}"
        for s in sent
    ]
