"""The check-in form's values: what a regisseur typed in the Prefect UI read as the answer page and the
`regie` commands read it (a date, an amount, an indicator's value), and an answer given on the answer
page written back as the form's values for the run it resumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from domain.documents.bedrag_invoer import GeenBedrag, bedrag_tekst, lees_bedrag
from domain.melding import (
    dag_zonder_jaar_bestaat_niet,
    datum_bestaat_niet,
    datum_hint,
    getypte_datum,
    jaar_erbij,
)
from domain.register.datumzin import dag_van_zin
from services.checkins import form_reopen
from services.checkins.measurements import parse_waarde
from services.checkins.progress import Antwoord, Ongeldig
from services.rendering import datum


def date(value: Any, what: str, vandaag: dt.date, richting: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if found := getypte_datum(str(value)):  # as the answer page reads it: 31-07-2020, 31 juli 2020
        return found
    if erbij := jaar_erbij(str(value), vandaag=vandaag, richting=richting):  # '1 maart': which year is theirs
        raise Ongeldig(f"{what}: '{str(value)[:40]}' mist het jaar. {erbij}")
    if zin := dag_zonder_jaar_bestaat_niet(str(value)):  # '31 februari': no year, and no such day
        raise Ongeldig(f"{what}: '{str(value)[:40]}': {zin}. Schrijf de datum met het jaar.")
    if meant := dag_van_zin(str(value)):  # 'vóór 1 maart 2021': the day before, as the register reads it
        waarom = f" ({meant[1]})" if meant[1] else ""
        raise Ongeldig(f"{what}: '{str(value)[:40]}' is geen datum: schrijf de dag, bijvoorbeeld "
                       f"{meant[0].isoformat()} of {datum(meant[0])}{waarom}.")
    wat = "bestaande datum" if datum_bestaat_niet(str(value)) else "datum"  # '31 februari 2027'
    raise Ongeldig(f"{what}: '{str(value)[:40]}' is geen {wat}. Schrijf JJJJ-MM-DD of de datum met het "
                   f"jaar, {datum_hint(str(value), '2020-07-31 of 31 juli 2020')}")


def amount(value: Any, what: str, prefilled: str | None) -> Decimal | None:
    """The spending typed in the Prefect UI, read as the answer page and `regie voortgang --besteed`
    read it (domain/documents/bedrag_invoer.py)."""
    if value in (None, ""):
        return None
    try:
        return lees_bedrag(str(value))
    except GeenBedrag as fout:
        if prefilled is not None and str(value).strip() == prefilled:
            return Decimal(prefilled)  # left as prefilled by a form asked before: Python's "12500.00"
        raise Ongeldig(f"{what}: {fout.melding}") from None


def number(value: Any, what: str, eenheid: str | None) -> Decimal | None:
    """An indicator's value, read as `regie meting --waarde` reads it (below 0 by its unit)."""
    if value in (None, ""):
        return None
    try:
        return parse_waarde(str(value), (what, eenheid))
    except Ongeldig as fout:  # named once: a value below 0 names its indicator itself
        raise Ongeldig(fout.melding if f" {what}:" in fout.melding else f"{what}: {fout.melding}") from None


def run_input(formulier: list[dict[str, object]], antwoorden: Iterable[Antwoord]) -> dict[str, object]:
    """An answer given on the answer page as the check-in run's form fields (``checkin.form_fields``),
    so the run resumed by it shows in the Prefect UI what was answered."""
    given = {answer.activiteit: answer for answer in antwoorden}
    values: dict[str, object] = {}
    for i, spec in enumerate(formulier):
        answer = given.get(str(spec["sleutel"]))
        if answer is None:
            continue
        if answer.koers:
            values[f"a{i}_koers"] = answer.koers
        if answer.status:
            values[f"a{i}_status"] = answer.status
        if answer.tekst:
            values[f"a{i}_tekst"] = answer.tekst
        if answer.besteed is not None:
            values[f"a{i}_besteed"] = bedrag_tekst(answer.besteed)  # read back by lees_bedrag
        moved = {m.sleutel: m for m in answer.mijlpalen}
        for j, m in enumerate(spec["mijlpalen"]):  # type: ignore[arg-type]
            sub = moved.get(m["sleutel"])
            if sub and sub.gereed:
                values[f"a{i}_m{j}_gereed"] = sub.gereed.isoformat()
            if sub and sub.nieuwe_datum and m.get("te_laat"):
                values[f"a{i}_m{j}_nieuwe_datum"] = sub.nieuwe_datum.isoformat()
                values[f"a{i}_m{j}_reden"] = sub.reden or ""
        for k, ind in enumerate(spec.get("indicatoren", [])):  # type: ignore[attr-defined]
            if ind["sleutel"] in answer.metingen:
                values[f"a{i}_i{k}"] = str(answer.metingen[ind["sleutel"]])
        values |= form_reopen.run_input(i, spec, answer)
    return values
