"""The words of Dutch programme texts that say what kind of milestone an item is, whether it is
past, ongoing, vague, recurring, postponed or about money. Used by domain.documents.tijdpad. Pure."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from domain.documents.dutch_date_words import Uitdrukking
from domain.documents.tijdpad_werkdagen import werkdagen_zonder_datum

__all__ = ["_BUDGET_WORDS", "_FIGURES", "_MONEY", "_MONEY_ONLY", "_MOVED", "_ONGOING", "_PAST", "_RHYTHM",
           "_VAGUE", "heeft_jaartal", "loopt_nu", "onleesbaar_opmerking", "soort_van"]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# Soort from the words of an item, strongest first.
_SOORT_WOORDEN: list[tuple[str, re.Pattern[str]]] = [
    # A decision to be taken needs a decision noun phrase or verb ("collegebesluit", "een besluit over", "de
    # raad besluit", "ter besluitvorming"); "besluitvorming" as a topic ("jongeren betrekken bij
    # besluitvorming") is none.
    ("besluit", _words(r"\w+besluit(?:en)?\b", r"(?<=een\s)besluit\b",
                       r"(?<![\s\S])besluit\b",  # an item headed "Besluit voor de zomer 2020"
                       r"besluit\s+(?:over|tot|om|van\s+(?:de|het)\s+(?:raad|college))\b",
                       r"(?:besluit|beslist|besluiten|besloten)\s+(?:\w+\s+){0,4}?(?:over|of|tot|om)\b",
                       r"(?:(?<=raad\s)|(?<=college\s))(?:besluit|beslist|besluiten)\b",
                       r"(?:besluit|beslist)\s+(?:de|het)\s+(?:gemeente)?(?:raad|college)\b",
                       r"ter\s+besluit\w*", r"besluitvorming\s+(?:door|in|van)\s+(?:de\s+|het\s+)?"
                       r"(?:gemeente)?(?:raad|college)\b",
                       r"vaststell\w*\s+(?:\w+\s+){0,3}door\s+(?:het\s+|de\s+)?(?:college|raad)",
                       r"(?:college|raad)\s+(?:\w+\s+){0,3}vast(?:stellen|gesteld)",
                       # "uiterlijk Q3 2026 vastgesteld door het college", "de nota vast te stellen", "ter
                       # vaststelling"; not the subsidy's settlement ("aanvraag tot vaststelling", below).
                       r"vast(?:stellen|gesteld|\s+te\s+stellen)\b",
                       r"stel(?:t|len)\s+(?:\w+\s+){0,5}vast\b",
                       r"(?<!tot\s)vaststelling(?!\s+van\s+de\s+subsidie)\b",
                       r"voorstel\s+(?:aan|doen)",
                       r"raadsvoorstel", r"collegevoorstel")),
    ("evaluatie", _words(r"evalu\w*")),
    ("verantwoording", _words(r"\w*verantwoording", r"verantwoorden", r"aanvraag\s+tot\s+vaststelling",
                              r"afrekening", r"sisa", r"vaststelling\s+van\s+de\s+subsidie")),
    ("rapportage", _words(r"\w*rapport\w*", r"\w*verslag", r"\w*monitor\w*", r"meting", r"nulmeting",
                          r"voortgangs\w*", r"informeren\s+(?:we\s+)?de\s+raad")),
]
_EINDE = _words(r"loopt\s+(?:\w+\s+){0,4}(?:af|tot)", r"looptijd", r"eindigt", r"einde", r"afloop",
                r"stopt", r"beëindig\w*")
_START = _words(r"start\w*", r"begin(?:t|nen)\b", r"opstarten", r"in\s+werking",
                r"gaan\s+(?:\w+\s+){0,6}in\b",
                r"ingaan", r"implementatie", r"implementeren", r"invoering", r"aftrap")
# "Getroffen voorbereidingen voor invoering …", "ter voorbereiding op de start": the start is what is
# prepared for; the item delivers the preparation, so it is due (an oplevering), not a start.
VOORBEREIDING = _words(r"voorbereiding(?:en)?\s+(?:voor|op)", r"ter\s+voorbereiding",
                       r"voor\s+te\s+bereiden", r"bereiden\s+(?:[\w,]+\s+){0,6}voor\s+op\b",
                       r"bereiden\s+(?:\w+\s+){0,4}voor\b")
_OPLEVERING = _words(r"opstellen", r"opgesteld", r"opleveren", r"oplevering", r"gereed", r"klaar",
                     r"afronden", r"realiseren", r"gerealiseerd", r"gemaakt", r"behaald", r"behalen",
                     r"uitvoeren", r"in\s+beeld\s+brengen", r"concretiseren", r"ontwikkelen",
                     r"plan\s+van\s+aanpak", r"werkplan", r"agenda", r"aanbesteding", r"inkoop",
                     r"interview\w*", r"organis\w+", r"oppakken")
_PAST = _words(r"gestart", r"begonnen", r"inmiddels",
               r"(?:is|zijn|werd|werden)\s+(?:\w+\s+){0,3}(?:vastgesteld|afgerond|gestart|opgeleverd|gedaan|geweest|gehouden)",
               r"afgerond", r"heeft\s+plaatsgevonden", r"sinds",
               r"hebben\s+we\s+(?:\w+\s+){0,4}(?:gedaan|gehouden)",
               r"startten", r"was\b", r"waren\b", r"is\s+al\b",
               # "In 2022 is de nota vastgesteld": a perfect tense with a participle.
               r"(?:is|zijn|werd|werden)\s+(?:[\w’'()-]+\s+){0,14}?(?:(?!\w*heid\b)\w{0,5}ge\w{2,}(?:d|t)|"
               r"\w{0,5}ge(?:nomen|geven|komen|bleven|daan|zien|worden|sproken|schreven|vonden|dragen|slagen|"
               r"sloten|houden|trokken|zet)|vastgesteld|opgeleverd|"
               r"opgesteld|ingevoerd|uitgevoerd|aangenomen|overgeheveld|afgesloten|ondertekend)\b"
               r"(?!\s+(?:worden|zijn|hebben))",
               r"(?:heeft|hebben)\s+(?:[\w’'-]+\s+){0,6}?(?:(?:in|mee|toe|aan|af|op|uit|vast|door)?ge\w{3,}(?:d|t)|"
               r"\w{0,5}ge(?:nomen|geven|komen|daan|zien|sproken|schreven|vonden|sloten|houden|trokken)|"
               r"besloten)\b(?!\s+(?:worden|hebben))")
_ONGOING = _words(r"actueel\s+aanbod", r"continu\s+proces", r"continu\b", r"doorlopend", r"loopt\b",
                  r"lopende\s+actie", r"(?:al|is|wordt)\s+ingezet",
                  r"regulier(?:e)?\s+(?:aanbod|taak|werk\w*)",
                  r"structureel", r"permanent", r"gaan\s+door", r"voortzetten", r"voortgezet")
_VAGUE = _words(r"(?:de\s+)?komende\s+tijd", r"binnenkort", r"op\s+(?:korte\s+)?termijn", r"later\b",
                r"nog\s+(?:niet\s+)?bekend", r"nader\s+te\s+bepalen", r"n\.?t\.?b\.?",
                r"zo\s+snel\s+mogelijk",
                r"komende\s+jaren", r"de\s+komende\s+periode", r"na\s+vaststelling", r"na\s+afronding")
_RHYTHM = [
    ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", _words(r"ieder\s+kwartaal", r"elk\s+kwartaal",
                                                     r"eens\s+per\s+kwartaal",
                                                     r"per\s+kwartaal", r"kwartaal(?:lijks|rapportage\w*)")),
    ("FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", _words(r"halfjaarlijks", r"ieder\s+half\s+jaar",
                                                     r"elk\s+half\s+jaar",
                                                     r"twee\s+keer\s+per\s+jaar")),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", _words(r"maandelijks", r"iedere?\s+maand", r"elke\s+maand")),
    ("FREQ=YEARLY", _words(r"jaarlijks\w*", r"ieder\s+jaar", r"elk\s+jaar", r"elke\s+jaar")),
]


# "dit besluit", "op basis van het besluit": a reference back, not this item's kind.
_BACK_REFERENCE = re.compile(r"(?:\b(?:dit|dat|het|deze|die)|basis\s+van)\s+$", re.IGNORECASE)


def soort_van(item: str, u: Uitdrukking | None = None) -> str:
    """The kind of milestone an item describes (overig when no word says it)."""
    said, guessed = _soorten(item)
    if said:
        return said
    if u is not None and u.soort:
        return u.soort
    return guessed


def _in_brackets(item: str, at: int) -> bool:
    """Whether ``at`` stands inside an open bracket: "(vastgesteld door de raad in oktober 2023)" is said
    of the plan named before it, not of the item's own date."""
    opened = item.rfind("(", 0, at)
    return opened >= 0 and item.find(")", opened, at) == -1


@lru_cache(maxsize=256)
def _soorten(item: str) -> tuple[str | None, str]:
    """(the kind a word names, the kind guessed from other words): the same for every expression
    of one item, so read once per item (an item of thousands of dates read it thousands of times)."""
    for soort, words in _SOORT_WOORDEN:
        for found in words.finditer(item):
            if not _BACK_REFERENCE.search(item[max(0, found.start() - 20):found.start()]) and not (
                    soort == "besluit" and _in_brackets(item, found.start())):
                return soort, soort
    if _EINDE.search(item):
        return None, "einde"
    if _START.search(item) and not VOORBEREIDING.search(item):
        return None, "start"
    if _OPLEVERING.search(item) or VOORBEREIDING.search(item):
        return None, "oplevering"
    return None, "overig"


_MOVED = re.compile(r"\b(?:uitgesteld|verschoven|verplaatst|opgeschoven|doorgeschoven)\b", re.IGNORECASE)
_MONEY = re.compile(r"€|\beuro\b", re.IGNORECASE)
_BUDGET_WORDS = _words(r"beschikbaar", r"begroot", r"gereserveerd", r"budget\w*", r"bijgesteld", r"lasten",
                       r"baten", r"kosten", r"middelen", r"bedrag", r"geraamd", r"krediet", r"taakstelling")


_MONEY_ONLY = _words(r"kosten\s+(?:\w+\s+){0,3}gedekt", r"(?:rijks|eigen\s+)?middelen\s+(?:[\w-]+\s+){0,5}"
                     r"(?:beschikbaar|ingezet|toegekend)", r"geld\s+(?:[\w-]+\s+){0,3}beschikbaar",
                     # "dit budget is voldoende om … tot en met begin 2025 te dekken": how far the money
                     # reaches, not an action's milestone.
                     r"budget\w*\s+(?:[\w-]+\s+){0,3}(?:on)?(?:voldoende|toereikend)")
# "van 68% in 2023 naar 70% in 2024 en 85% in 2025": indicator values by year, not milestones.
_FIGURES = re.compile(r"\d+(?:[.,]\d+)?\s*%(?:.*?\d+(?:[.,]\d+)?\s*%)")


# A year in a sentence ("De aanbesteding is rond de wisseling 2026 klaar"): not an amount ("€ 2025") or
# part of a longer number.
_A_YEAR = re.compile(r"(?<![\d€.,])(?:19|20)\d\d(?![\d.,]\d)")


def heeft_jaartal(item: str) -> bool:
    """Whether ``item`` names a year (a tijdpad sentence that does and yields no milestone is flagged)."""
    return bool(_A_YEAR.search(item))


def onleesbaar_opmerking(veld: str, phrase: str) -> str:
    """The reviewer's remark on a phrase that gave no date: a sentence with a year in it says so, a term in
    working days without a date to count from says that."""
    working_days = werkdagen_zonder_datum(phrase, veld)
    if working_days:
        return working_days
    if heeft_jaartal(phrase):
        return (f"'{phrase[:160]}' ({veld}) bevat een jaartal maar geen datum die programmaregie kan lezen: "
                "vul de mijlpaal zelf in.")
    return f"Niet als datum te lezen ({veld}): '{phrase[:160]}'; vul een datum in als die er is."


def loopt_nu(item: str, expressions: list[Uitdrukking], documentdatum: dt.date) -> bool:
    """Whether a dated item in the present tense of something ongoing ("De pilot loopt tot eind 2027")
    says the activity runs on the document date: not when its first date is a start after that date ("loopt
    van september 2026 tot 2027" in June 2026), nor when its last date is an end before it ("loopt af op 1
    maart 2026")."""
    if not expressions or not _ONGOING.search(item):
        return False
    first, last = expressions[0], expressions[-1]
    if first.vroegst and first.vroegst > documentdatum and first.soort != "einde":
        return False
    ends = last.uiterlijk or last.vroegst
    return last.ingang or ends is None or ends >= documentdatum


def lopend_woorden(item: str) -> str | None:
    """The words of ``item`` that say the work is ongoing ("Actueel aanbod", "loopt"), or None."""
    found = _ONGOING.search(item)
    return " ".join(found.group(0).split()) if found else None
