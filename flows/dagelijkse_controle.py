"""Flow ``dagelijkse-controle``: plan today's reminders, record them once, deliver one digest per
person, and show what is due and late in the Prefect UI."""


import datetime as dt
import uuid
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.states import Failed
from prefect.utilities.annotations import quote

from domain.werkdagen import Werkdagen
from flows.planned_names import name_next_runs
from flows.run_names import daily_check, this_run
from models.clock import today
from models.settings import get_settings
from services.outbox.shortfall import Tekort, undelivered
from tasks.artifacts import publish, publish_unheard, reserve_summary
from tasks.daily_check import (
    collect_and_plan,
    deliver,
    holding_claims,
    plan_undeliverable,
    preview,
    record,
    record_notices,
    refresh_calendars,
    release,
)


class NietAllesBezorgd(RuntimeError):
    """The run's Failed state: not every reminder reached every channel. Carries the run's summary
    (``samenvatting``); a failed state's data must be an exception, or Prefect's engine logs a
    TypeError when it resolves the state."""

    def __init__(self, message: str, samenvatting: dict[str, Any]) -> None:
        super().__init__(message)
        self.samenvatting = samenvatting

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.samenvatting))


@flow(name="dagelijkse-controle", flow_run_name=this_run(daily_check), log_prints=True,
      on_completion=[name_next_runs], on_failure=[name_next_runs])
def run_daily_check(peildatum: dt.date | None = None, droog: bool = False, gemeente: str | None = None,
                    ) -> Any:
    """The daily check for ``peildatum`` (default today); ``droog`` plans and reports but sends
    and records nothing."""
    peildatum = peildatum or today()
    settings = get_settings()
    run = str(flow_run.id or uuid.uuid4())
    planning = collect_and_plan(peildatum, gemeente, droog)
    # The coordinator's link opens today's summary in the Prefect UI: the artifact itself, made before
    # the mails go out and filled in at the end; not its key's page (a list of versions, one more click
    # in English) nor the run's page, which opens on its English log. A dry run mails nobody.
    summary_id = None
    link = settings.ui_url.rstrip("/")
    if not droog and planning.werkdag:
        summary_id = reserve_summary(peildatum)
        link = f"{link}/artifacts/artifact/{summary_id}"
    nieuw = bezorgd = niet_bezorgd = personen = 0
    tekort = Tekort()
    voorbeeld: list[dict[str, Any]] = []
    if droog and planning.werkdag:  # what a real run would record now, for whom
        nieuw, personen, voorbeeld = preview(quote(planning.herinneringen))
    if not droog and planning.werkdag:
        sender = deliver.with_options(retries=len(settings.bezorg_wachttijden),
                                      retry_delay_seconds=list(settings.bezorg_wachttijden))
        with holding_claims(run):
            # quote(): Prefect would otherwise walk every reminder to look for futures (seconds).
            nieuw = record(quote(planning.herinneringen), quote(planning.gemeente_van), run)
            sender(run, peildatum, link, return_state=True)
            bezorgd, tekort = release(run)
            notices = plan_undeliverable()
            if notices:
                record_notices(notices, run)
                sender(run, peildatum, link, return_state=True)
                bezorgd, more = release(run)
                tekort += more
            niet_bezorgd = tekort.onbereikt
            if niet_bezorgd:  # a notice that reached nobody is told in the UI
                publish_unheard(run)
    if not droog:
        refresh_calendars()
    werkdagen = Werkdagen(settings.sluitingsdagen)
    volgende, vrij = werkdagen.op_of_na(peildatum), werkdagen.waarom_vrij(peildatum)
    counts = publish(quote(planning.herinneringen), peildatum=peildatum, activiteiten=planning.activiteiten,
                     werkdag=planning.werkdag, volgende_werkdag=volgende, vrij=vrij, nieuw=nieuw,
                     bezorgd=personen if droog else bezorgd, niet_bezorgd=niet_bezorgd, droog=droog,
                     problemen=planning.problemen, waarschuwing=tekort.waarschuwing(), summary_id=summary_id)
    # niet_bezorgd: messages that reached their person on no channel; waarschuwing: channels that
    # failed a message the person got on another. personen: a dry run's people a real run would write to.
    summary = {**counts, "nieuw": nieuw, "bezorgd": bezorgd, "niet_bezorgd": niet_bezorgd,
               "waarschuwing": tekort.waarschuwing(), "personen": personen, "voorbeeld": voorbeeld,
               "werkdag": planning.werkdag,  # on a day off nothing is checked: the next working day is
               "volgende_werkdag": volgende.isoformat(), "waarom_vrij": vrij}
    if niet_bezorgd:
        # Failed, so the coordinator sees it in the UI; nothing is lost: the next run retries.
        kept = "het blijft" if niet_bezorgd == 1 else "ze blijven"
        message = f"{undelivered(niet_bezorgd)}; {kept} bewaard en de volgende run probeert het opnieuw"
        return Failed(message=message, data=NietAllesBezorgd(message, summary))
    if tekort.kanalen:  # every person got the message on some channel: completed, with a warning
        # In the run's log in the UI; `regie controle` prints its own line (no double on the terminal).
        get_run_logger().warning("Controle voltooid; %s", tekort.waarschuwing(),
                                 extra={"regie_uitgelegd": True})
    return summary
