"""The one kind of error whose message is for the municipal user."""

import datetime as dt
import re
from typing import Any

from domain.datumperiode import bedoelde_periode, periode_zonder_jaar
from domain.maanden import MAAND, MAANDEN, laatste_dag


class Melding(Exception):
    """An error to show as it is: one Dutch sentence that says what is wrong and what to write
    instead (file, line and field where there are any). `regie` prints ``melding`` without a
    traceback, the answer page shows it beside the form, a flow run logs it. Each room names its
    own kind (an answer that cannot be applied, a document that cannot be read, ...)."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


def bedoelt_u(word: str, known: list[str], *, any_case: bool = False) -> str:
    """' Bedoelt u '…'?' with the nearest of ``known`` to a word the user typed, or '' when none is near;
    ``any_case`` for names the program compares without regard to case (the guess keeps its spelling)."""
    import difflib

    spelled = {k.casefold() if any_case else k: k for k in known}
    guess = difflib.get_close_matches(word.casefold() if any_case else word, list(spelled), n=1, cutoff=0.6)
    return f" Bedoelt u '{spelled[guess[0]]}'?" if guess else ""


def onbekende_activiteit(sleutel: str, bekend: list[str], *, archief: bool = False) -> str:
    """The Dutch message for an activity id that is not in the register: the nearest known id, and where
    ids are shown (`regie status` shows titles only)."""
    waar = ", ook niet in het archief" if archief else " (of is gearchiveerd)"
    return (f"activiteit '{sleutel}' bestaat niet{waar}.{bedoelt_u(sleutel, bekend)} Gebruik de id van de "
            "activiteit: de regel 'id:' in het registerbestand, of de kolom Id van 'regie overzicht'.")


_DAY_FIRST = re.compile(r"\s*(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})\s*")
_YEAR_FIRST = re.compile(r"\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\s*")


_WOORD = "|".join(sorted(MAAND, key=len, reverse=True))
_IN_WORDS = re.compile(rf"\s*(?:(?P<d>\d{{1,2}})(?:e|ste|de)?\s+)?(?P<maand>{_WOORD})\.?\s+(?P<y>\d{{4}})\s*",
                       re.IGNORECASE)


_NO_YEAR = re.compile(rf"\s*(?P<d>\d{{1,2}})(?:(?:e|ste|de)?\s+(?P<maand>{_WOORD})\.?|[-/.](?P<m>\d{{1,2}}))"
                      r"\s*", re.IGNORECASE)
TERUG, VOORUIT = "terug", "vooruit"  # a done date lies behind today, a new due date ahead


def zonder_jaar(value: Any) -> tuple[int, int] | None:
    """(month, day) of a date typed without its year ('1 maart', '1e mrt.', '1-3', '01/03'); None for
    anything else, also a month or day that does not exist (no year has '31 april')."""
    match = _NO_YEAR.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    month, day = MAAND[match["maand"].lower()] if match["maand"] else int(match["m"]), int(match["d"])
    return (month, day) if 1 <= month <= 12 and 1 <= day <= laatste_dag(2024, month) else None


def dag_zonder_jaar_bestaat_niet(value: Any) -> str | None:
    """For a day typed without its year that no year has ('31 februari', '31-4'): the sentence that
    says both ("het jaar ontbreekt, en 31 februari bestaat niet: februari heeft 28 of 29 dagen");
    None for anything else."""
    match = _NO_YEAR.fullmatch(value) if isinstance(value, str) else None
    if match is None or zonder_jaar(value) is not None:
        return None
    month, day = MAAND[match["maand"].lower()] if match["maand"] else int(match["m"]), int(match["d"])
    if not 1 <= month <= 12:
        return f"het jaar ontbreekt, en maand {month} bestaat niet: een maand is 1 tot en met 12"
    naam, last = MAANDEN[month - 1], laatste_dag(2024, month)
    dagen = "28 of 29" if month == 2 else str(last)
    return f"het jaar ontbreekt, en {day} {naam} bestaat niet: {naam} heeft {dagen} dagen"


def dag_bestaat_niet(value: Any) -> str | None:
    """For a date with its year whose day does not exist ('31 februari 2021', '31-02-2021'): why, in
    words ("februari 2021 heeft 28 dagen"); None for anything else."""
    found = _numbers(value)
    if found is None or found[2] is None or bedoelde_datum(value) is not None:
        return None
    year, month, _ = found
    if not 1 <= month <= 12:
        return "een maand is 1 tot en met 12"
    return f"{MAANDEN[month - 1]} {year} heeft {laatste_dag(year, month)} dagen"


def met_jaar(maand_dag: tuple[int, int], *, vandaag: dt.date, richting: str | None) -> dt.date:
    """The day a person means by a day without its year (/work/shared/domain.md: "in december" is the
    next December after the reference date): for a done date (``TERUG``) the latest such day on or
    before ``vandaag``, for a new due date (``VOORUIT``) the first on or after it, else this year's
    (29 February: the nearest year that has one, in the same direction)."""
    month, day = maand_dag
    step = -1 if richting == TERUG else 1
    year = vandaag.year
    while True:
        if day <= laatste_dag(year, month):
            found = dt.date(year, month, day)
            if richting is None or (found <= vandaag if richting == TERUG else found >= vandaag):
                return found
        year += step


def jaar_ontbreekt(value: Any, *, vandaag: dt.date, richting: str | None, woorden: bool = False,
                   ) -> tuple[dt.date, str] | None:
    """For a date typed without its year ('1 maart'): the day ``met_jaar`` takes and which one that is in
    words ('de laatste 1 maart tot en met vandaag (01-12-2026)', or '1 maart 2026' without a direction);
    today as the command line's options take a date, or in words (``woorden``: the forms, which write
    every date so);
    None for anything else. The readers refuse such a date and offer this one to write: a done date
    cannot be corrected by a second answer, so the year is the person's to write, not ours to guess."""
    found = zonder_jaar(value)
    if found is None:
        return None
    day = met_jaar(found, vandaag=vandaag, richting=richting)
    words = f"{day.day} {MAANDEN[day.month - 1]}"
    if richting is None:
        return day, f"{words} {day.year}"
    which = "de laatste {} tot en met" if richting == TERUG else "de eerstvolgende {} vanaf"
    today = f"{vandaag.day} {MAANDEN[vandaag.month - 1]} {vandaag.year}" if woorden else f"{vandaag:%d-%m-%Y}"
    return day, f"{which.format(words)} vandaag ({today})"


def jaar_erbij(value: Any, *, vandaag: dt.date, richting: str | None) -> str | None:
    """The forms' sentence for a date typed without its year, with the date to write in words: "Schrijf
    het jaar erbij: de laatste 1 maart tot en met vandaag (3 augustus 2020) is 1 maart 2020."; None else."""
    if (meant := jaar_ontbreekt(value, vandaag=vandaag, richting=richting, woorden=True)) is None:
        return None
    day = meant[0]
    return f"Schrijf het jaar erbij: {meant[1]} is {day.day} {MAANDEN[day.month - 1]} {day.year}."


def _numbers(value: Any) -> tuple[int, int, int | None] | None:
    """(year, month, day) of a date written the Dutch way ('30-09-2020', '2020-9-30') or in words
    ('1 maart 2027', '1 mrt. 2027'; 'juni 2027' has no day: None); None for anything else."""
    if not isinstance(value, str):
        return None
    if match := _DAY_FIRST.fullmatch(value) or _YEAR_FIRST.fullmatch(value):
        return int(match["y"]), int(match["m"]), int(match["d"])
    if match := _IN_WORDS.fullmatch(value):
        day = int(match["d"]) if match["d"] else None
        return int(match["y"]), MAAND[match["maand"].lower()], day
    return None


def bedoelde_datum(value: Any) -> str | None:
    """The ISO form (JJJJ-MM-DD) of a date written the Dutch way ('30-09-2020', '30/9/2020',
    '2020-9-30', '1 maart 2027'), when that date exists; None otherwise."""
    found = _numbers(value)
    if found is None or found[2] is None:
        return None
    try:
        return dt.date(*found).isoformat()  # type: ignore[arg-type]
    except ValueError:
        return None


def getypte_datum(value: Any) -> dt.date | None:
    """A date as a person types it in an answer form, the answer page's and the Prefect check-in
    form's one reader: JJJJ-MM-DD, dd-mm-jjjj, dd/mm/jjjj, or in words with the year ('1 maart 2027',
    '1e mrt. 2027'); None for anything else, a day that does not exist ('31 februari 2027') or a date
    without its year ('15 september': which year is not for the program to guess)."""
    meant = bedoelde_datum(value)
    return dt.date.fromisoformat(meant) if meant else None


def datum_bestaat_niet(value: Any) -> bool:
    """Whether ``value`` is written as a date with a day that does not exist ('2022-02-30',
    '31 april 2021'): only then does a message say "een bestaande datum"."""
    found = _numbers(value)
    return found is not None and found[2] is not None and bedoelde_datum(value) is None


def periode_als_dag(value: Any) -> tuple[dt.date, str] | None:
    """(the date meant, what it is in Dutch) for a period written where one day belongs: a period
    ('Q1 2027', 'eind 2026', ``bedoelde_periode``: the day it ends on) or a month without a day ('juni
    2027': its last day); None for anything else, a date included."""
    if period := bedoelde_periode(value):
        return period
    found = _numbers(value)
    if found is None or found[0] < 1 or found[2] is not None:
        return None
    year, month, _ = found
    return (dt.date(year, month, laatste_dag(year, month)),
            f"een datum heeft ook een dag; dit is de laatste dag van {MAANDEN[month - 1]} {year}")


def periode_voor_dag(value: Any, *, vandaag: dt.date, richting: str | None) -> tuple[dt.date, str] | None:
    """For a period typed where one day is asked (a date option, the answer page), with its year ('eind
    juni 2021', ``periode_als_dag``) or without ('eind juli', the year ``richting`` means,
    domain.datumperiode.periode_zonder_jaar): the day it most likely means and which day that is
    ('het einde van juni 2021'; the reason a period or season is no date left out: the sentence around
    it says so). A precise day is required by design: the readers refuse it and offer this day."""
    found = periode_als_dag(value) or periode_zonder_jaar(value, vandaag=vandaag, richting=richting)
    if found is None:
        return None
    # "een datum heeft ook een dag; dit is de laatste dag van juni 2021": only what the day is
    return found[0], found[1].split("; dit is ", 1)[-1]


def bestaande_dag(value: Any) -> tuple[dt.date, str] | None:
    """For a date written with a day or month that does not exist ('2022-02-30', '2020-13-01', '31 april
    2021'): the nearest real date with the year and month written, and why in words ("februari 2022 heeft
    28 dagen", "een maand is 1 tot en met 12"); None for anything else."""
    found = _numbers(value)
    if found is None or found[0] < 1 or (day := found[2]) is None:
        return None
    year, month = found[0], found[1]
    if not 1 <= month <= 12:
        near = min(max(month, 1), 12)
        return dt.date(year, near, min(max(day, 1), laatste_dag(year, near))), "een maand is 1 tot en met 12"
    last, maand = laatste_dag(year, month), f"{MAANDEN[month - 1]} {year}"
    if day < 1:
        return dt.date(year, month, 1), f"de dagen van {maand} zijn 1 tot en met {last}"
    return dt.date(year, month, min(day, last)), f"{maand} heeft {last} dagen"


def datum_hint(value: Any, voorbeeld: str) -> str:
    """What to write instead of a refused date, after "Schrijf … JJJJ-MM-DD, ": "dus 2025-10-01." for a
    date written the Dutch way ('01-10-2025', ``bedoelde_datum``); for one that does not exist, the
    nearest real date with the year and month the user wrote ("bijvoorbeeld 2022-02-28 (februari 2022
    heeft 28 dagen)." for 2022-02-30, ``bestaande_dag``); for a period ('Q1 2027', 'eind 2026',
    ``bedoelde_periode``) the date it ends on, saying so; else "bijvoorbeeld ``voorbeeld``." (the one
    helper of the register's date fields; the date options name every form, regie/datum_optie.py)."""
    if meant := bedoelde_datum(value):
        return f"dus {meant}."
    if period := periode_als_dag(value):  # 'Q1 2027', 'eind 2026', 'juni 2027': the date it ends on
        return f"bijvoorbeeld {period[0].isoformat()} ({period[1]})."
    if near := bestaande_dag(value):
        return f"bijvoorbeeld {near[0].isoformat()} ({near[1]})."
    return f"bijvoorbeeld {voorbeeld}."
