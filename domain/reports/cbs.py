"""Reading a CBS open-data table (Monitor Sociaal Domein, BBV indicators, StatLine downloads) as CSV:
a row per region code (GM + four digits for a municipality) and period (2021JJ00, 2021HJ01,
2021KW01, 2021MM03), a column per measure. Pure: text in, figures or Dutch errors out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from domain.register.tekstcontrole import visible

REGIO_KOLOMMEN = ("regios", "gemeenten", "gemeente", "gemeentecode", "regiocode", "wijkenenbuurten",
                  "codering_3")
PERIODE_KOLOMMEN = ("perioden", "periode")
OVERSLAAN = ("id",)  # CBS's row number
GEEN_CIJFER = ("", ".", "x", "?")  # CBS: '.' unknown, 'x' secret; '-' is nihil (0)
_PERIODE = re.compile(r"(\d{4})(JJ00|HJ0[12]|KW0[1-4]|MM(?:0[1-9]|1[0-2]))")
_GEMEENTE = re.compile(r"GM\d{4}")
_REGIO = re.compile(r"(?!GM)[A-Z]{2}[0-9A-Z]{2,8}")  # NL01, PV25, LD01, CR17, WK…, BU…: other region levels
_CBS_GETAL = re.compile(r"-?\d+(\.\d+)?")
_NL_GETAL = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_GRENS = Decimal("1e12")
MAX_FOUTEN = 20
_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december")


@dataclass(frozen=True)
class ImportFout:
    """One problem in the file: where, and what to write instead."""

    bestand: str
    regel: int | None
    kolom: str | None
    melding: str

    def __str__(self) -> str:
        waar = visible(self.bestand, 300)
        if self.regel is not None:
            waar += f", regel {self.regel}"
        if self.kolom:
            waar += f", kolom {visible(self.kolom, 120)}"
        return f"{waar}: {visible(self.melding, 2000)}"


class ImportFouten(Exception):
    """The file was not imported: nothing was written. Carries every problem (up to MAX_FOUTEN)."""

    def __init__(self, fouten: list[ImportFout], meer: int = 0) -> None:
        super().__init__("\n".join(str(f) for f in fouten))
        self.fouten, self.meer = fouten, meer


@dataclass(frozen=True)
class Cijfer:
    """One figure: municipality code, period, measure column, value, and the line it came from."""

    gemeentecode: str
    periode: str
    kolom: str
    waarde: Decimal
    regel: int


@dataclass
class Tabel:
    """What a CBS table holds for municipalities; rows of other region levels are only counted."""

    kolommen: list[str]
    cijfers: list[Cijfer] = field(default_factory=list)
    andere_regios: int = 0


def period_end(periode: str) -> dt.date:
    """The last day of a CBS period (a figure for 2021KW01 is dated 31 March 2021)."""
    match = _PERIODE.fullmatch(periode)
    if not match:
        raise ValueError(periode)
    year, kind = int(match.group(1)), match.group(2)
    if kind == "JJ00":
        return dt.date(year, 12, 31)
    last_month = {"HJ": 6, "KW": 3, "MM": 1}[kind[:2]] * int(kind[2:])
    first_of_next = dt.date(year + last_month // 12, last_month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def period_start(periode: str) -> dt.date:
    """The first day of a CBS period."""
    end = period_end(periode)
    kind = periode[4:6]
    months = {"JJ": 12, "HJ": 6, "KW": 3, "MM": 1}[kind]
    month = end.month - months + 1
    return dt.date(end.year, month, 1)


def period_label(periode: str) -> str:
    """A period as a Dutch reader says it: 2021, 1e halfjaar 2021, 1e kwartaal 2021, maart 2021."""
    year, kind, n = periode[:4], periode[4:6], int(periode[6:])
    if kind == "JJ":
        return year
    if kind == "MM":
        return f"{_MAANDEN[n - 1]} {year}"
    return f"{n}e {'halfjaar' if kind == 'HJ' else 'kwartaal'} {year}"


def _number(text: str) -> Decimal | None:
    """A CBS figure: a dot is the decimal sign (12.5); with a comma it is read as Dutch (1.250,5)."""
    if _CBS_GETAL.fullmatch(text):
        value = Decimal(text)
    elif "," in text and _NL_GETAL.fullmatch(text):
        value = Decimal(text.replace(".", "").replace(",", "."))
    else:
        return None
    if value.is_zero():
        return abs(value)  # "-0" and "-0.0" are 0, as a typed value (domain/documents/getal_invoer.py)
    return value if abs(value) < _GRENS else None


def read_table(text: str, *, bestand: str, vandaag: dt.date, kolommen: set[str] | None = None) -> Tabel:
    """Read the table; ``kolommen``: the measure columns wanted (others are not read). Raises
    ``ImportFouten`` with every problem (file, line, column, what to write instead)."""
    first = text.split("\n", 1)[0]
    dialect = ";" if first.count(";") >= first.count(",") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=dialect)
    fouten: list[ImportFout] = []
    meer = 0

    def fout(regel: int | None, kolom: str | None, melding: str) -> None:
        nonlocal meer
        if len(fouten) < MAX_FOUTEN:
            fouten.append(ImportFout(bestand, regel, kolom, melding))
        else:
            meer += 1

    try:
        header = [h.strip() for h in next(rows)]
    except (StopIteration, csv.Error):
        raise ImportFouten([ImportFout(bestand, 1, None, "het bestand is leeg. Download de tabel als CSV "
                                       "met een kopregel (RegioS;Perioden;…).")]) from None
    lower = [h.lower() for h in header]
    regio = next((i for i, h in enumerate(lower) if h in REGIO_KOLOMMEN), None)
    periode = next((i for i, h in enumerate(lower) if h in PERIODE_KOLOMMEN), None)
    if regio is None:
        fout(1, None, "geen kolom met de gemeentecode. Noem die kolom RegioS (zoals CBS) of Gemeentecode; "
             f"de kopregel is nu: {'; '.join(header)[:300]}.")
    if periode is None:
        fout(1, None, "geen kolom met de periode. Noem die kolom Perioden (zoals CBS), met waarden als "
             "2021JJ00 of 2021KW01.")
    if fouten:
        raise ImportFouten(fouten)
    assert regio is not None and periode is not None
    measures = [i for i, h in enumerate(lower) if i not in (regio, periode) and h not in OVERSLAAN and h]
    table = Tabel(kolommen=[header[i] for i in measures])
    wanted = [i for i in measures if kolommen is None or header[i] in kolommen]
    seen: dict[tuple[str, str, str], tuple[Decimal, int]] = {}
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                fout(line, None, f"deze regel heeft {len(row)} velden, de kopregel {len(header)}. Zet in "
                     f"elke regel evenveel velden, gescheiden door '{dialect}'.")
                continue
            code, period = row[regio].strip().upper(), row[periode].strip().upper()
            if not _GEMEENTE.fullmatch(code):
                if _REGIO.fullmatch(code):
                    table.andere_regios += 1  # Nederland, a province, a district: not a municipality
                else:
                    fout(line, header[regio], f"'{row[regio].strip()[:40]}' is geen CBS-regiocode. Schrijf "
                         "GM gevolgd door vier cijfers, bijvoorbeeld GM1876.")
                continue
            if not _PERIODE.fullmatch(period):
                fout(line, header[periode], f"'{row[periode].strip()[:40]}' is geen CBS-periode. Schrijf het "
                     "jaar met de soort, bijvoorbeeld 2021JJ00 (jaar), 2021HJ01 (halfjaar), 2021KW01 "
                     "(kwartaal) of 2021MM03 (maand).")
                continue
            if period_start(period) > vandaag:
                fout(line, header[periode], f"{period} ligt in de toekomst. Importeer alleen perioden die "
                     "begonnen zijn.")
                continue
            for i in wanted:
                raw = row[i].strip()
                if raw.lower() in GEEN_CIJFER:
                    continue
                value = Decimal(0) if raw == "-" else _number(raw)
                if value is None:
                    fout(line, header[i], f"'{raw[:40]}' is geen getal. Schrijf een getal met een punt als "
                         "decimaalteken, zoals CBS (12.5 of 1250), of '.' als er geen cijfer is.")
                    continue
                key = (code, period, header[i])
                if key in seen and seen[key][0] != value:
                    fout(line, header[i], f"{code} {period} staat ook op regel {seen[key][1]} met een andere "
                         f"waarde ({seen[key][0]}). Houd één regel per gemeente en periode.")
                    continue
                if key not in seen:
                    seen[key] = (value, line)
                    table.cijfers.append(Cijfer(code, period, header[i], value.quantize(Decimal("0.01")),
                                                line))
    except (csv.Error, InvalidOperation) as exc:
        fout(rows.line_num, None, f"het bestand is geen leesbare CSV ({exc}). Sla de tabel op als CSV.")
    if fouten:
        raise ImportFouten(fouten, meer)
    return table
