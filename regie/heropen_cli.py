"""`regie heropen`: a milestone marked done by mistake is open again, with who, when and why in the
history (``MijlpaalAntwoord.heropend`` in services/checkins/progress.py; the answer page does the same
through web/reopen.py). A reload of the register does
not do this: an answer survives a reload whose file holds the value from before it, so `gereed: null`
in a file keeps a done that someone recorded (services/register/activity_loading.py says so)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from domain.register.tekstcontrole import shell_word
from regie.common import DOOR, GEMEENTE, MIJLPAAL, Stop, err, out
from regie.geen_register import open_register
from regie.mijlpaal_zinnen import done_sentence, milestone_words, woorden
from regie.voortgang_cli import _apply, _refusal, _warn


@_refusal()
def heropen(
    mijlpaal: Annotated[str, MIJLPAAL],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de mijlpaal weer open gaat, bijvoorbeeld "
                                       "\"per vergissing gereed gemeld\".", show_default=False)],
    door: Annotated[str | None, DOOR] = None,
    gemeente: Annotated[str | None, GEMEENTE] = None,
) -> None:
    """Heropen een mijlpaal die per vergissing gereed is gemeld: de herinneringen lopen weer, en de
    geschiedenis bewaart wie hem heropende, wanneer en waarom (de gereedmelding blijft erin staan). Dit kan
    ook op de antwoordpagina (Mijn activiteiten, via de link in de mail): vink bij de mijlpaal „Deze mijlpaal
    is toch niet gereed (heropenen)” aan en vul in waarom."""
    import getpass
    import os

    from domain.rules.milestones import NOOIT_TE_LAAT, kan_te_laat
    from models.clock import today
    from models.settings import get_settings
    from regie.common import namens
    from services.checkins.progress import Antwoord, MijlpaalAntwoord, Ongeldig, find_milestone
    from services.checkins.reopen_words import reopen_sentence

    with open_register() as session:
        try:
            activity, milestone = find_milestone(session=session, verwijzing=mijlpaal, gemeente=gemeente)
        except Ongeldig as fout:
            raise Stop(fout.melding) from None
        words, name = milestone_words(activity, milestone), f"{activity.sleutel}/{milestone.sleutel}"
        where = f" --gemeente {shell_word(gemeente)}" if gemeente else ""
        if milestone.gereed is None:
            out().print(f"Mijlpaal {words} is niet gereed; er is niets te heropenen. "
                        "Er is niets vastgelegd.")
            return
        if not reden.strip():
            raise Stop(f"geef met --reden waarom mijlpaal {words} weer open gaat, bijvoorbeeld: "
                       f"regie heropen {name}{where} --reden \"per vergissing gereed gemeld\".")
        was = done_sentence(session, milestone)  # 'was al gereed op … (vastgelegd door … op …)'
        uiterlijk, kan_laat = milestone.uiterlijk, kan_te_laat(milestone.soort, milestone.herhaling)
        start = milestone.soort in NOOIT_TE_LAAT  # never late: past its date, no reminder at all
        # what its reminders will be, as the answer page's confirmation says it (web/reopen.py)
        zin = reopen_sentence(session, milestone, activity, vandaag=today(), regels=get_settings().regels,
                              door=door or os.environ.get("REGIE_GEBRUIKER") or getpass.getuser())
    antwoord = MijlpaalAntwoord(milestone.sleutel, heropend=True, reden=reden.strip())
    _, warning = _apply(Antwoord(activiteit=activity.sleutel, mijlpalen=[antwoord]), door=door,
                        gemeente=gemeente)
    was = was.replace("was al", "was", 1)
    vandaag = today()
    voorbij = uiterlijk is not None and uiterlijk < vandaag
    # A start is never late: past its date it gets no reminder (docs/rules.md), and no sentence about it
    out().print(f"Mijlpaal {words} is heropend{namens(door, gemeente)}: hij {was}. "
                + (zin or "Hij staat weer open."))
    _warn(warning)
    if voorbij and start:
        err().print(Text(
            f"Let op: de datum {woorden(uiterlijk)} is voorbij (vandaag is {woorden(vandaag)}). Een "
            "startmijlpaal telt nooit als te laat en krijgt alleen vóór zijn datum een herinnering: er komt "
            "dus geen herinnering meer voor. Is de "
            f"datum verschoven, geef dan de nieuwe: regie verplaats {name}{where} --naar JJJJ-MM-DD "
            "--reden \"...\".", style="yellow"))
    elif voorbij and kan_laat:
        err().print(Text(
            f"Let op: de uiterste datum {woorden(uiterlijk)} is voorbij (vandaag is {woorden(vandaag)}): de "
            "mijlpaal telt als te laat. Is er een nieuwe datum, verplaats hem dan: "
            f"regie verplaats {name}{where} --naar JJJJ-MM-DD --reden \"...\".", style="yellow"))
