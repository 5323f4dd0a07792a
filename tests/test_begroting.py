"""Budgets that add up (issue 16.3): which amount applies to which year, what spending it is compared
with, and what the 70% alert says. Tables of cases, each against the pure rules and the alert."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from domain.rules.begroting import BedragFeit, JaarRegel, per_jaar, vergelijkingen
from domain.rules.regels import ActiviteitFeit, RegelInstellingen, plan
from domain.werkdagen import Werkdagen
from services.rendering import sentence

D = Decimal
W = Werkdagen()
JUNI_2021 = dt.date(2021, 6, 15)  # a Tuesday


def _bedrag(bedrag: int, **kw: object) -> BedragFeit:
    return BedragFeit(D(bedrag), **kw)  # type: ignore[arg-type]


def _alerts(bedragen: tuple[BedragFeit, ...], besteed: dict[int, int], day: dt.date = JUNI_2021,
            ) -> list[tuple[str, int]]:
    """(stage, percentage) of every budget alert the daily check plans on ``day``."""
    activity = ActiviteitFeit(1, 1, "Bronckhorst · programma 1", "Pilot", "project", "lopend", 7, 8, ritme="geen",
                              laatste_voortgang=day, bedragen=bedragen,
                              besteed=tuple((y, D(v)) for y, v in sorted(besteed.items())))
    return [(h.fase, h.dagen) for h in plan([activity], peildatum=day, regels=RegelInstellingen(),
                                            werkdagen=W, coordinatoren={}) if h.regel == "budget"]


YEARLY = (_bedrag(35000, per="jaar"),)
REGION = (_bedrag(700000, per="jaar", schaal="regio", gemeenten=7), _bedrag(100000, per="jaar"))
PER_GEMEENTE = (_bedrag(50000, per="jaar", schaal="per-gemeente"),)
RANGE = (_bedrag(15000, per="eenmalig", vanaf=2021, tot_en_met=2021, ondergrens=D(10000)),)
ONCE_2020 = (_bedrag(20000, per="eenmalig", vanaf=2020, tot_en_met=2020),)
TOTAL = (_bedrag(90000, per="totaal", vanaf=2020, tot_en_met=2022),)
SPAN = (_bedrag(40000, per="jaar", vanaf=2019, tot_en_met=2020),)
QUARTER = (_bedrag(5000, per="kwartaal"),)


@pytest.mark.parametrize(("case", "bedragen", "besteed", "alerts"), [
    # a yearly amount against that year's spending, not against the spending of all years together
    ("per jaar, besteed dit jaar 71%", YEARLY, {2020: 30000, 2021: 25000}, [("70-2021", 71)]),
    ("per jaar, samen meer dan een jaarbudget", YEARLY, {2020: 30000, 2021: 20000}, []),
    ("kwartaal telt vier keer", QUARTER, {2021: 14000}, [("70-2021", 70)]),
    # a regional total "voor zeven gemeenten" is not the municipality's own budget
    ("regionaal totaal + eigen deel", REGION, {2021: 75000}, [("70-2021", 75)]),
    ("regionaal totaal + eigen deel, onder de drempel", REGION, {2021: 69000}, []),
    ("alleen een regionaal totaal", REGION[:1], {2021: 600000}, []),
    ("per gemeente is het eigen budget", PER_GEMEENTE, {2021: 36000}, [("70-2021", 72)]),
    # a range "€ 10.000 – € 15.000" is compared with its upper bound
    ("bandbreedte, 70% van de bovengrens", RANGE, {2021: 10500}, [("70-2021", 70)]),
    ("bandbreedte, 90% van de ondergrens", RANGE, {2021: 9000}, []),
    # once-only money belongs to its own year
    ("eenmalig in een eerder jaar", ONCE_2020, {2020: 19000, 2021: 5000}, []),
    # a multi-year total against the spending of its years up to now
    ("meerjarig totaal", TOTAL, {2020: 30000, 2021: 35000}, [("70-2020-2022", 72)]),
    ("meerjarig totaal, onder de drempel", TOTAL, {2020: 30000, 2021: 30000}, []),
    ("meerjarig totaal, uitgaven vóór de looptijd tellen niet", TOTAL, {2019: 50000, 2021: 20000}, []),
    ("totaal met open begin", (_bedrag(20000, per="totaal", tot_en_met=2022),), {2019: 9000, 2021: 6000},
     [("70--2022", 75)]),
    ("totaal met open einde", (_bedrag(20000, per="totaal", vanaf=2021),), {2021: 14000}, [("70-2021-", 70)]),
    # a year without a budget: spending in it raises no percentage of another year's budget
    ("jaar buiten de looptijd", SPAN, {2020: 39000, 2021: 39000}, []),
    ("uitgaven in een jaar zonder budget", ONCE_2020, {2021: 50000}, []),
    # an amount without per and years keeps its old meaning: the whole, against all spending
    ("bedrag zonder per of jaar", (_bedrag(10000),), {2020: 4000, 2021: 3000}, [("70", 70)]),
    ("jaarbudget en meerjarig totaal tegelijk", YEARLY + TOTAL, {2020: 40000, 2021: 30000},
     [("70-2021", 85), ("70-2020-2022", 77)]),
])
def test_the_alert_compares_like_with_like(case, bedragen, besteed, alerts) -> None:  # type: ignore[no-untyped-def]
    assert _alerts(bedragen, besteed) == alerts, case


def test_the_yearly_alert_comes_again_in_a_new_year_but_once_in_a_year() -> None:
    stages = {f for day in (dt.date(2020, 11, 2), dt.date(2020, 12, 1), JUNI_2021)
              for f, _ in _alerts(YEARLY, {2020: 30000, 2021: 30000}, day)}
    assert stages == {"70-2020", "70-2021"}


@pytest.mark.parametrize(("case", "bedragen", "besteed", "rows"), [
    ("per jaar zonder jaren: alleen jaren met uitgaven en dit jaar", YEARLY, {2020: 30000},
     [JaarRegel(2020, D(35000), D(30000)), JaarRegel(2021, D(35000), None)]),
    ("looptijd 2019–2020, uitgaven in 2021 zonder budget", SPAN, {2020: 39000, 2021: 1000},
     [JaarRegel(2019, D(40000), None), JaarRegel(2020, D(40000), D(39000)), JaarRegel(2021, None, D(1000))]),
    ("regionaal totaal telt niet, eigen deel wel", REGION, {2021: 75000}, [JaarRegel(2021, D(100000), D(75000))]),
    ("bandbreedte", RANGE, {}, [JaarRegel(2021, D(15000), None, True, D(10000))]),
    ("eenmalig", ONCE_2020, {2021: 500}, [JaarRegel(2020, D(20000), None), JaarRegel(2021, None, D(500))]),
    ("meerjarig totaal is geen jaarbudget", TOTAL, {2020: 30000}, [JaarRegel(2020, None, D(30000))]),
    ("jaarbedrag en eenmalig in hetzelfde jaar tellen op",
     (*YEARLY, _bedrag(5000, per="eenmalig", vanaf=2021, tot_en_met=2021)), {}, [JaarRegel(2021, D(40000), None)]),
])
def test_the_report_shows_budget_and_spending_per_year(case, bedragen, besteed, rows) -> None:  # type: ignore[no-untyped-def]
    assert per_jaar(bedragen, {y: D(v) for y, v in besteed.items()}, 2021) == rows, case


def _wording(bedragen: tuple[BedragFeit, ...], besteed: dict[int, int]) -> list[str]:
    return [" ".join(sentence({"regel": "budget", "dagen": v.procent, "begroting": v.als_inhoud(), "onzeker": False,
                               "rol": "eigenaar"}).split())
            for v in vergelijkingen(bedragen, {y: D(v) for y, v in besteed.items()}, 2021)]


@pytest.mark.parametrize(("bedragen", "besteed", "wording"), [
    (YEARLY, {2021: 25000}, ["71% van het budget voor 2021 is besteed: € 25.000 besteed in 2021, van een budget "
                             "van € 35.000 per jaar."]),
    (REGION, {2021: 75000.5}, ["75% van het budget voor 2021 is besteed: € 75.000,50 besteed in 2021, van een "
                               "budget van € 100.000 per jaar. Het regionale bedrag van € 700.000 telt niet mee: "
                               "dat is niet het eigen budget van de gemeente."]),
    (RANGE, {2021: 10500}, ["70% van het budget voor 2021 is besteed: € 10.500 besteed in 2021, van een budget "
                            "van € 15.000. Het budget is een bandbreedte; vergeleken is met de bovengrens."]),
    (TOTAL, {2020: 30000, 2021: 35000}, ["72% van het totaalbudget voor 2020–2022 is besteed: € 65.000 besteed "
                                         "sinds 2020, van € 90.000 voor die jaren samen."]),
    ((_bedrag(20000, per="totaal", tot_en_met=2022),), {2020: 9000, 2021: 6000},
     ["75% van het totaalbudget tot en met 2022 is besteed: € 15.000 besteed tot nu toe, van € 20.000 voor die "
      "jaren samen."]),
    ((_bedrag(20000, per="totaal", vanaf=2021),), {2020: 9000, 2021: 16000},
     ["80% van het totaalbudget vanaf 2021 is besteed: € 16.000 besteed sinds 2021, van € 20.000 voor die "
      "jaren samen."]),
    ((_bedrag(10000),), {2020: 4000, 2021: 3000}, ["70% van het budget van de activiteit is besteed: € 7.000 "
                                                  "besteed in alle jaren samen, van € 10.000 (de bedragen zonder "
                                                  "jaar)."]),
])
def test_the_alert_says_which_amount_it_used(bedragen, besteed, wording) -> None:  # type: ignore[no-untyped-def]
    assert _wording(bedragen, besteed) == wording


def test_an_alert_recorded_before_budgets_had_years_still_reads() -> None:
    assert sentence({"regel": "budget", "dagen": 83, "onzeker": False, "rol": "eigenaar"}) == \
        "83% van het budget is besteed."


@pytest.mark.parametrize(("text", "read"), [
    ("Het budget is € 700.000 per jaar voor zeven gemeenten; ons deel is € 100.000 per jaar.",
     [(D(700000), "jaar", "regio", 7, None, None), (D(100000), "jaar", None, None, None, None)]),
    ("Het budget is € 700.000 voor zeven gemeenten, waarvan € 100.000 voor Bronckhorst.",
     [(D(700000), None, "regio", 7, None, None), (D(100000), None, None, None, None, None)]),
    ("Voor de 8 Achterhoekse gemeenten is € 1.200.000 beschikbaar.", [(D(1200000), None, "regio", 8, None, None)]),
    ("Er is € 50.000. Per gemeente is dat € 6.000.",
     [(D(50000), None, None, None, None, None), (D(6000), None, "per-gemeente", None, None, None)]),
    ("Kosten € 6.000,-- tot € 8.000,- eenmalig", [(D(8000), "eenmalig", None, None, D(6000), None)]),
    ("2019 € 37.663 2020 € 37.633", [(D(37663), "jaar", None, None, None, 2019), (D(37633), "jaar", None, None, None, 2020)]),
    ("De pilot kost jaarlijks € 231.907,60.", [(D("231907.60"), "jaar", None, None, None, None)]),
    # The year a sentence gives an amount (Bronckhorst: "WSW €4,736,962 in 2020", "Voor 2020 is de
    # rijksbijdrage OAB vastgesteld op € 138.371"): that year's budget, not the whole budget of all years.
    ("WSW €4,736,962 in 2020 (zie het projectplan).", [(D(4736962), None, None, None, None, 2020)]),
    ("Voor 2020 is de rijksbijdrage vastgesteld op € 138.371.", [(D(138371), None, None, None, None, 2020)]),
    ("We zetten € 50.000 in 2020 en € 60.000 in 2021 in.",
     [(D(50000), None, None, None, None, 2020), (D(60000), None, None, None, None, 2021)]),
    # A span of years is no one year.
    ("Er is € 90.000 in 2020-2022 beschikbaar.", [(D(90000), None, None, None, None, None)]),
    ("Er is € 90.000 in 2020 en 2021 beschikbaar.", [(D(90000), None, None, None, None, None)]),
    ("In 2020 en 2021 is € 10.000 begroot.", [(D(10000), None, None, None, None, None)]),
])
def test_the_importer_reads_scope_range_and_year_of_an_amount(text, read) -> None:  # type: ignore[no-untyped-def]
    from domain.documents.bedragen import lees_bedragen

    assert [(b.bedrag, b.per, b.schaal, b.gemeenten, b.ondergrens, b.jaar) for b in lees_bedragen(text)] == read


@pytest.mark.parametrize("text", [
    "Het budget is € 700.000 per jaar voor zeven gemeenten; ons deel is € 100.000 per jaar.",
    "Kosten € 6.000,-- tot € 8.000,- per gemeente", "2019 € 37.663 2020 € 37.633", "voor één gemeente € 5.000",
    "WSW €4,736,962 in 2020", "Voor 2020 is de rijksbijdrage vastgesteld op € 138.371."])
def test_what_the_importer_reads_is_a_valid_register_amount(text: str) -> None:
    from domain.documents.bedragen import lees_bedragen
    from domain.register.register import Bedrag

    for b in lees_bedragen(text):
        Bedrag(bedrag=b.bedrag, per=b.per, bron=b.bron, schaal=b.schaal, gemeenten=b.gemeenten,
               ondergrens=b.ondergrens, jaar=b.jaar)
