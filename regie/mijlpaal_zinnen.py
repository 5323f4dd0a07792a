"""How the answering commands name what they answered about and say it was done already: a milestone
(`regie gereed`, `regie verplaats`) by its omschrijving and its activity's title, an indicator (`regie
meting`) by its name and its activity's or programme's title, dates in words (as `regie status` and the
report do); and the warning when someone else than its people recorded the answer."""

from __future__ import annotations

from typing import Any

from regie.common import Stop, out
from services.rendering import citaat
from services.rendering import datum as woorden  # a date as a user reads it: 10 juni 2020

__all__ = ["already_done", "done_is_not_moved", "done_sentence", "indicator_words", "let_op",
           "milestone_words", "opnieuw_gereed", "woorden"]


def _named(naam: str, van: str) -> str:
    return f"{citaat(naam)} ({van})"


def milestone_words(activity: Any, milestone: Any) -> str:
    """'„Evaluatie pilot” (Voortgang pilot Steungezinnen)': a milestone as the register file names it."""
    return _named(milestone.omschrijving, activity.titel)


def indicator_words(gemeten: Any) -> str:
    """'„Actieve pleeggezinnen” (programma 1: Gezond en weerbaar)': an indicator as the register file
    names it, with its activity's title or its programme (services.checkins.measurements.Gemeten)."""
    p = gemeten.programme
    van = gemeten.activity.titel if gemeten.activity is not None else f"programma {p.nummer}: {p.titel}"
    return _named(gemeten.indicator.naam, van)


def let_op(not_the_owner: tuple[str, str] | None, wat: str = "de eigenaar van deze activiteit") -> str | None:
    """The warning after an answer recorded by someone who neither owns ``wat`` nor coordinates
    (services.register.ownership.not_the_owner gives their name and the owner's); None otherwise. It
    said "vastgelegd namens NAAM", which read as if someone had recorded it for NAAM (a trial)."""
    if not_the_owner is None:
        return None
    naam, eigenaar = not_the_owner
    return f"Let op: vastgelegd door {naam}; {wat} is {eigenaar}."


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


def already_done(words: str, zin: str, datum: Any, verwijzing: str = "ACTIVITEIT/MIJLPAAL") -> None:
    """A second `regie gereed` records nothing: the same answer again says so (exit 0); another
    --datum is refused, with how to correct the date: reopen it (`regie heropen`), then mark it done
    again (it pointed to the register file, whose reload keeps a done someone recorded)."""
    if not datum or f"gereed op {woorden(datum)}" in zin:
        out().print(f"Mijlpaal {words} {zin}. Er is niets vastgelegd.")
        return
    raise Stop(f"mijlpaal {words} {zin}; een tweede datum ({woorden(datum)}) wordt niet vastgelegd. "
               f"Klopt de datum niet, {opnieuw_gereed(verwijzing, datum)}")


def opnieuw_gereed(verwijzing: str, datum: Any = None) -> str:
    """How to correct a done date: 'heropen de mijlpaal dan en meld hem opnieuw gereed: regie heropen …'."""
    dag = f"{datum:%Y-%m-%d}" if datum else "JJJJ-MM-DD"
    return (f"heropen de mijlpaal dan en meld hem opnieuw gereed: regie heropen {verwijzing} --reden "
            f"\"verkeerde datum\", en daarna regie gereed {verwijzing} --datum {dag}.")


def done_is_not_moved(words: str, zin: str, verwijzing: str = "ACTIVITEIT/MIJLPAAL") -> None:
    """`regie verplaats` on a done milestone: refused, with the two ways on (a trial, done by mistake,
    found neither): reopen it, or add a milestone for new work."""
    raise Stop(f"mijlpaal {words} {zin}. Een mijlpaal die gereed is, verplaatst u niet: er lopen geen "
               "herinneringen meer voor. Was hij per vergissing gereed gemeld, heropen hem dan: "
               f"regie heropen {verwijzing} --reden \"per vergissing gereed gemeld\" (daarna kunt u hem "
               "verplaatsen). Is er nog werk met een nieuwe datum, voeg daarvoor een nieuwe mijlpaal toe in "
               "het registerbestand en laad het opnieuw (regie laad MAP).")
