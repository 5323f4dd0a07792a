"""The region-wide comparison of one national indicator (`regie indicatoren vergelijk CODE`; the
report may show the same table): per municipality its imported figures for the latest CBS periods,
its target, whether the target is met and its rank, read by the indicator's direction."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from domain.reports.cbs import period_end
from models.tables import Activity, Indicator, Measurement, Municipality, Programme


@dataclass(frozen=True)
class VergelijkRegel:
    """One municipality's indicator with this code."""

    gemeente: str
    indicator: str                      # activiteit/indicator or programma-N/indicator
    streefwaarde: Decimal | None
    waarden: dict[str, Decimal]         # CBS period → value
    laatste: tuple[str, Decimal] | None  # the latest period with a figure
    gehaald: bool | None                # the latest figure meets the target (None: no target or direction)
    rang: int | None                    # 1 = best in the region in the table's latest period


@dataclass
class Vergelijking:
    """The table for one code: columns are the latest periods that have figures."""

    code: str
    naam: str
    eenheid: str | None
    richting: str | None
    soort: str | None = None            # the period kind compared: JJ, HJ, KW or MM
    perioden: list[str] = field(default_factory=list)
    regels: list[VergelijkRegel] = field(default_factory=list)
    gemiddelde: dict[str, Decimal] = field(default_factory=dict)  # per period, unweighted over municipalities


SOORTEN = {"jaar": "JJ", "halfjaar": "HJ", "kwartaal": "KW", "maand": "MM"}


def _active(session: Session, code: str | None = None) -> list[tuple[Indicator, str, str]]:
    """(indicator, municipality, ACTIVITEIT/INDICATOR or programma-N/INDICATOR) of every active indicator
    with a national code (with ``code``, compared without regard to case), the programmes' first."""
    by_activity = select(Indicator, Municipality.naam, Activity.sleutel).join(
        Activity, Activity.id == Indicator.activiteit_id).join(  # type: ignore[arg-type]
        Municipality, Municipality.id == Activity.gemeente_id).where(Activity.gearchiveerd_op.is_(None))  # type: ignore[arg-type,union-attr]
    by_programme = select(Indicator, Municipality.naam, Programme.nummer).join(
        Programme, Programme.id == Indicator.programma_id).join(  # type: ignore[arg-type]
        Municipality, Municipality.id == Programme.gemeente_id).where(Programme.gearchiveerd_op.is_(None))  # type: ignore[arg-type,union-attr]
    same = (func.lower(Indicator.code) == code.lower() if code is not None
            else Indicator.code.is_not(None))  # type: ignore[union-attr]
    found: list[tuple[Indicator, str, str]] = []
    for query, prefix in ((by_programme, "programma-"), (by_activity, "")):
        for indicator, gemeente, owner in session.exec(query.where(
                same, Indicator.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
            found.append((indicator, gemeente, f"{prefix}{owner}/{indicator.sleutel}"))
    return found


def known_codes(*, session: Session) -> list[str]:
    """The national codes the register's active indicators have (what `vergelijk` can show)."""
    return sorted({i.code for i, _g, _l in _active(session) if i.code}, key=str.lower)


def compare(*, session: Session, code: str, perioden: int = 4, soort: str | None = None,
            ) -> Vergelijking | None:
    """The comparison for ``code`` (compared without regard to case), or None when no active indicator
    has it. Like is compared with like: one kind of period (``soort``: JJ, HJ, KW or MM), by default
    the kind with the most figures (a year before a half year, a quarter and a month when tied)."""
    found = _active(session, code)
    if not found:
        return None
    first = found[0][0]
    table = Vergelijking(code=first.code or code, naam=first.naam, eenheid=first.eenheid,
                         richting=next((i.richting for i, _g, _l in found if i.richting), None))
    values: dict[int, dict[str, Decimal]] = {i.id: {} for i, _g, _l in found if i.id is not None}
    for m in session.exec(select(Measurement).where(Measurement.indicator_id.in_(values),  # type: ignore[attr-defined]
                                                    Measurement.periode != "")):
        values[m.indicator_id][m.periode] = m.waarde
    kinds = [p[4:6] for v in values.values() for p in v]
    order = list(SOORTEN.values())
    table.soort = soort or (max(order, key=lambda k: (kinds.count(k), -order.index(k))) if kinds else None)
    values = {i: {p: w for p, w in v.items() if p[4:6] == table.soort} for i, v in values.items()}
    every = sorted({p for v in values.values() for p in v}, key=lambda p: (period_end(p), p))
    table.perioden = every[-perioden:] if perioden > 0 else every
    latest = table.perioden[-1] if table.perioden else None
    ranked = sorted((v[latest] for v in values.values() if latest in v),
                    reverse=table.richting == "hoger-is-beter")
    for indicator, gemeente, label in sorted(found, key=lambda f: (f[1].lower(), f[2])):
        mine = values.get(indicator.id or 0, {})
        last_period = max(mine, key=lambda p: (period_end(p), p)) if mine else None
        last = (last_period, mine[last_period]) if last_period else None
        direction = indicator.richting or table.richting
        met = None
        if last and indicator.streefwaarde is not None and direction:
            target = indicator.streefwaarde
            met = last[1] >= target if direction == "hoger-is-beter" else last[1] <= target
        rank = ranked.index(mine[latest]) + 1 if table.richting and latest in mine else None
        shown = {p: mine[p] for p in table.perioden if p in mine}
        table.regels.append(VergelijkRegel(gemeente, label, indicator.streefwaarde, shown, last, met, rank))
    for period in table.perioden:
        figures = [r.waarden[period] for r in table.regels if period in r.waarden]
        if figures:
            table.gemiddelde[period] = (sum(figures, Decimal(0)) / len(figures)).quantize(Decimal("0.01"))
    return table
