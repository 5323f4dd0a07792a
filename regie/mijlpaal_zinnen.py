"""How `regie gereed` and `regie verplaats` name a milestone and say it was done already: by its
omschrijving and its activity's title, dates in words (as `regie status` and the report do)."""

from __future__ import annotations

from typing import Any

from regie.common import Stop, out
from services.rendering import datum as woorden  # a date as a user reads it: 10 juni 2020

__all__ = ["already_done", "done_is_not_moved", "done_sentence", "milestone_words", "woorden"]


def milestone_words(activity: Any, milestone: Any) -> str:
    """'„Evaluatie pilot” (Voortgang pilot Steungezinnen)': a milestone as the register file names it."""
    return f"„{milestone.omschrijving}” ({activity.titel})"


def done_sentence(session: Any, milestone: Any) -> str:
    """'was al gereed op 20 juli 2020 (vastgelegd door NAAM op 23 november 2026 om 12:40)': the date and
    who recorded it (by name, as `regie geschiedenis` does), from the history; a date from the register
    file says so."""
    from models.settings import get_settings
    from services.checkins.done_words import done_by

    dag, wie, tijdstip = done_by(session, milestone)
    zin = f"was al gereed op {dag}"
    if wie is None:
        return zin + " (volgens het registerbestand)"
    local = tijdstip.astimezone(get_settings().tz)
    return zin + f" (vastgelegd door {wie} op {woorden(local.date())} om {local:%H:%M})"


def already_done(words: str, zin: str, datum: Any) -> None:
    """A second `regie gereed` records nothing: the same answer again says so (exit 0); another
    --datum is refused, with where the date can be corrected."""
    if not datum or f"gereed op {woorden(datum)}" in zin:
        out().print(f"Mijlpaal {words} {zin}. Er is niets vastgelegd.")
        return
    raise Stop(f"mijlpaal {words} {zin}; een tweede datum ({woorden(datum)}) wordt niet vastgelegd. "
               "Klopt de datum niet, laat dan 'gereed:' van deze mijlpaal aanpassen in het registerbestand "
               "en laad het opnieuw (regie laad MAP).")


def done_is_not_moved(words: str, zin: str) -> None:
    raise Stop(f"mijlpaal {words} {zin}. Een mijlpaal die gereed is, verplaatst u niet: er lopen geen "
               "herinneringen meer voor. Is er nog werk met een nieuwe datum, voeg daarvoor een nieuwe "
               "mijlpaal toe in het registerbestand en laad het opnieuw (regie laad MAP).")
