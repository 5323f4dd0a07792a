"""The columns a register object becomes: one dict per row of an activity, milestone, indicator,
amount or subsidy, and the fingerprint that tells whether an activity changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from domain.register.register import Activiteit, Mijlpaal
from domain.register.register import Indicator as RegisterIndicator


def activity_hash(activiteit: Activiteit, *, programma: int, volgorde: int, eigenaar: str) -> str:
    """A fingerprint of everything the register says about one activity."""
    data = activiteit.model_dump(mode="json")
    data["eigenaar"] = eigenaar
    payload = json.dumps([programma, volgorde, data], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def indicator_row(ind: RegisterIndicator, *, activiteit_id: int | None = None,
                  programma_id: int | None = None) -> dict[str, Any]:
    """The columns of an indicator of an activity or (``programma_id``) of a programme."""
    return {"activiteit_id": activiteit_id, "programma_id": programma_id, "sleutel": ind.id,
            "naam": ind.naam, "code": ind.code, "eenheid": ind.eenheid, "richting": ind.richting,
            "streefwaarde": ind.streefwaarde}


def activity_row(
    activiteit: Activiteit, *, gemeente_id: int, programma_id: int, eigenaar_id: int,
    volgorde: int, digest: str, now: dt.datetime,
) -> dict[str, Any]:
    monitoring = activiteit.monitoring
    return {
        "gemeente_id": gemeente_id,
        "programma_id": programma_id,
        "eigenaar_id": eigenaar_id,
        "volgorde": volgorde,
        "sleutel": activiteit.id,
        "titel": activiteit.titel,
        "status": activiteit.status,
        "soort": activiteit.soort,
        "velden": dict(activiteit.velden),
        "opmerkingen": list(activiteit.opmerkingen),
        "monitoring_ritme": monitoring.ritme if monitoring else None,
        "monitoring_door": monitoring.door if monitoring else None,
        "monitoring_bron": monitoring.bron if monitoring else None,
        "monitoring_zeker": monitoring.zeker if monitoring else None,
        "bronregel_van": activiteit.bronregels[0] if activiteit.bronregels else None,
        "bronregel_tot": activiteit.bronregels[1] if activiteit.bronregels else None,
        "inhoud_hash": digest,
        "gewijzigd_op": now,
        "gearchiveerd_op": None,
    }


def milestone_row(mijlpaal: Mijlpaal, *, activiteit_id: int, volgorde: int) -> dict[str, Any]:
    return {
        "activiteit_id": activiteit_id,
        "volgorde": volgorde,
        "sleutel": mijlpaal.id,
        "soort": mijlpaal.soort,
        "omschrijving": mijlpaal.omschrijving,
        "vroegst": mijlpaal.vroegst,
        "uiterlijk": mijlpaal.uiterlijk,
        "herhaling": mijlpaal.herhaling,
        "bron": mijlpaal.bron,
        "veld": mijlpaal.veld,
        "zeker": mijlpaal.zeker,
        "gereed": mijlpaal.gereed,
        "gearchiveerd_op": None,
    }


def amount_rows(activiteit_id: int, activiteit: Activiteit) -> Iterable[dict[str, Any]]:
    return ({"activiteit_id": activiteit_id, "volgorde": i, "bedrag": b.bedrag, "per": b.per,
             "bron": b.bron, "schaal": b.schaal, "gemeenten": b.gemeenten, "ondergrens": b.ondergrens,
             "vanaf": b.jaar if b.jaar is not None else b.vanaf,
             "tot_en_met": b.jaar if b.jaar is not None else b.tot_en_met}
            for i, b in enumerate(activiteit.bedragen))


def subsidy_rows(activiteit_id: int, activiteit: Activiteit) -> Iterable[dict[str, Any]]:
    return ({"activiteit_id": activiteit_id, "volgorde": i, "ontvanger": s.ontvanger,
             "bedrag": s.bedrag, "periode_eind": s.periode_eind,
             "verantwoording_uiterlijk": s.verantwoording_uiterlijk}
            for i, s in enumerate(activiteit.subsidies))


def subsidy_text(row: dict[str, Any]) -> str:
    """A subsidy's amount and period as the plan and the history show it, without its recipient:
    '€ 13.257 tot 31 oktober 2020' ('' when the register gives neither)."""
    amount = money_value("bedrag", row.get("bedrag"))
    end = f"tot {money_value('periode_eind', row['periode_eind'])}" if row.get("periode_eind") else None
    return " ".join(part for part in (amount, end) if part)


def money_value(name: str, value: Any) -> Any:
    """One field of a subsidy as the history notes it: an amount in euros ('€ 13.257', the project's one
    formatter), a date in words; anything else as it is."""
    from domain.documents.bedragen import euro
    from services.rendering import datum

    if value is None or name not in ("bedrag", "periode_eind", "verantwoording_uiterlijk"):
        return value
    return euro(value) if name == "bedrag" else datum(value)


def money_text(veld: str, rows: Iterable[dict[str, Any]]) -> str:
    """Amounts ('bedragen') or subsidies as the history and the plan show them: '€ 138.371 per jaar;
    € 5.000 eenmalig (2021)', 'Yunio € 13.257 tot 31 oktober 2020'."""
    from domain.documents.bedragen import euro

    parts = []
    for row in rows:
        if veld == "subsidies":
            parts.append(f"{row['ontvanger']} {subsidy_text(row)}".strip())
            continue
        per = {"jaar": " per jaar", "kwartaal": " per kwartaal", "eenmalig": " eenmalig", "totaal": " totaal",
               None: ""}.get(row.get("per"), f" {row.get('per')}")
        start, end = row.get("vanaf"), row.get("tot_en_met")
        years = f" ({start})" if start is not None and start == end else (
            f" ({start or '…'}–{end or '…'})" if start is not None or end is not None else "")
        parts.append(f"{euro(row['bedrag'])}{per}{years}")
    return "; ".join(parts)
