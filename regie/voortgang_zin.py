"""What `regie voortgang` says it recorded: the answer as understood, a changed amount with its old one,
and an amount equal to the year's own as 'was al' (nothing recorded for it: services/checkins/spending.py)."""

from __future__ import annotations

from typing import Any


def voortgang_zin(titel: str, a: Any, bedrag: Any, jaar: int | None) -> tuple[str, bool]:
    """The reply to ``a`` (a services.checkins.progress.Antwoord, applied) for activity ``titel``, and
    whether anything was recorded. ``bedrag``: the amount typed for --besteed, in year ``jaar``."""
    from models.clock import today
    from services.checkins.spending import al_besteed

    year = jaar or today().year
    said = f"Voortgang van activiteit „{titel}”"
    if bedrag is not None and a.besteed is None:  # equal to the year's amount: no change
        al = al_besteed(year, bedrag)
        if a.koers is None and a.status is None and a.tekst is None:
            return f"{said}: {al}; niets vastgelegd.", False
        return f"{said} vastgelegd{_echo(a, None, year)} ({al}: ongewijzigd).", True
    echo = _echo(a, bedrag, year, a.besteed_was)
    # a quoted text that ends its own sentence ends the reply: „… positief.” not „… positief.”.
    return f"{said} vastgelegd{echo}{'' if echo.endswith(('.”', '!”', '?”')) else '.'}", True


def _echo(a: Any, bedrag: Any, year: int, was: Any = None) -> str:
    """What was recorded, as understood: ': koers risico, € 12.500,50 besteed in 2026 (tot nu toe)';
    a changed amount with its old one: 'besteed in 2026: € 10.000 → € 12.500,50 (tot nu toe)'."""
    from domain.documents.bedragen import euro

    spent = "" if bedrag is None else (
        f"{euro(bedrag)} besteed in {year} (tot nu toe)" if was is None
        else f"besteed in {year}: {euro(was)} → {euro(bedrag)} (tot nu toe)")
    parts = [f"koers {a.koers.replace('-', ' ')}" if a.koers else "",
             f"status {a.status}" if a.status else "", f"tekst „{a.tekst}”" if a.tekst else "", spent]
    return ": " + ", ".join(p for p in parts if p) if any(parts) else ""
