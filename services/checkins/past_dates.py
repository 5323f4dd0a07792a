"""A new milestone date in the past on the Prefect UI's check-in form: allowed (with a reason), but
most often a typo, so the form asks once, as the answer page and `regie verplaats` do.

The check-in run passes the dates it asked about last time (``bevestigd``: field → ISO date); a
past date sent again unchanged is recorded, one not asked about yet (or changed since) is asked
about, with nothing recorded. The Prefect UI has no place for a warning beside a field other than
the field's description and the form's description above it: the run shows the warning in both
(flows/voortgang_uitvragen.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.checkins.progress import Ongeldig
from services.rendering import datum


class KloptDeDatum(Ongeldig):
    """Nothing was recorded: the answer moves a milestone to a date in the past not confirmed yet.
    ``velden``: the fields asked about (field → ISO date), for the next attempt's ``bevestigd``;
    ``zinnen``: the warning per field (field → Dutch sentence)."""

    def __init__(self, melding: str, velden: dict[str, str], zinnen: dict[str, str]) -> None:
        super().__init__(melding)
        self.velden, self.zinnen = velden, zinnen


def ask_once(formulier: list[dict[str, Any]], values: dict[str, Any], *, vandaag: dt.date,
             bevestigd: dict[str, str]) -> None:
    """Raise ``KloptDeDatum`` when ``values`` move a milestone to a date before ``vandaag`` that is not
    the date asked about for that field in ``bevestigd``. Dates that are no dates are left to the
    answer's own checks (which run first)."""
    asked: dict[str, str] = {}
    zinnen: dict[str, str] = {}
    for i, a in enumerate(formulier):
        for j, m in enumerate(a["mijlpalen"]):
            field = f"a{i}_m{j}_nieuwe_datum"
            try:
                dag = dt.date.fromisoformat(str(values.get(field) or "").strip())
            except ValueError:
                continue
            if dag < vandaag and bevestigd.get(field) != dag.isoformat():
                asked[field] = dag.isoformat()
                zinnen[field] = (f"Let op: {datum(dag)} ligt in het verleden (vandaag is {datum(vandaag)}): "
                                 f"de mijlpaal „{m['omschrijving']}” van {a['titel']} telt dan als te laat "
                                 "zolang hij niet gereed is.")
    if asked:
        raise KloptDeDatum(
            " ".join(zinnen.values()) + " Er is nog niets vastgelegd. Klopt de datum, klik dan opnieuw op "
            "Resume en verstuur het formulier met dezelfde datum (Submit); was het een tikfout, kies dan "
            "een datum vanaf vandaag.", asked, zinnen)
