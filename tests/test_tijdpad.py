"""The tijdpad reader: Dutch time expressions become milestones, read as decided here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdpad_items import splits_items

D = dt.date(2019, 10, 1)  # the Bronckhorst document's date
d = dt.date

# Every expression of the domain notes' table: text → [(soort, vroegst, uiterlijk, herhaling)].
DOMAIN_TABLE = [
    ("begin 2020", [("overig", d(2020, 1, 1), d(2020, 3, 31), None)]),
    ("medio 2020", [("overig", d(2020, 6, 1), d(2020, 7, 31), None)]),
    ("eind 2020", [("overig", d(2020, 10, 1), d(2020, 12, 31), None)]),
    ("begin september 2020", [("overig", d(2020, 9, 1), d(2020, 9, 10), None)]),
    ("medio september 2020", [("overig", d(2020, 9, 10), d(2020, 9, 20), None)]),
    ("eind september 2020", [("overig", d(2020, 9, 21), d(2020, 9, 30), None)]),
    ("eind februari 2020", [("overig", d(2020, 2, 21), d(2020, 2, 29), None)]),
    ("voorjaar 2020", [("overig", d(2020, 3, 1), d(2020, 5, 31), None)]),
    ("zomer 2020", [("overig", d(2020, 6, 1), d(2020, 8, 31), None)]),
    ("najaar 2020", [("overig", d(2020, 9, 1), d(2020, 11, 30), None)]),
    ("eerste helft 2021", [("overig", d(2021, 1, 1), d(2021, 6, 30), None)]),
    ("In de tweede helft van 2021 evalueren we", [("evaluatie", d(2021, 7, 1), d(2021, 12, 31), None)]),
    ("Q3 2020", [("overig", d(2020, 7, 1), d(2020, 9, 30), None)]),
    ("3e kwartaal 2020", [("overig", d(2020, 7, 1), d(2020, 9, 30), None)]),
    ("derde kwartaal 2020", [("overig", d(2020, 7, 1), d(2020, 9, 30), None)]),
    ("laatste kwartaal 2020", [("overig", d(2020, 10, 1), d(2020, 12, 31), None)]),
    ("september 2020", [("overig", d(2020, 9, 1), d(2020, 9, 30), None)]),
    ("Rapportage in december", [("rapportage", d(2019, 12, 1), d(2019, 12, 31), None)]),
    ("Rapportage in juni", [("rapportage", d(2020, 6, 1), d(2020, 6, 30), None)]),  # next June after D
    ("per 1 januari 2020", [("start", d(2020, 1, 1), d(2020, 1, 1), None)]),
    ("met ingang van 1 januari 2020", [("start", d(2020, 1, 1), d(2020, 1, 1), None)]),
    ("per 2021", [("start", d(2021, 1, 1), d(2021, 1, 1), None)]),
    ("vanaf 2020", [("start", d(2020, 1, 1), d(2020, 1, 1), None)]),
    ("2020 en volgende jaren", [("start", d(2020, 1, 1), d(2020, 1, 1), None)]),
    ("2020 ev. jaren", [("start", d(2020, 1, 1), d(2020, 1, 1), None)]),
    ("De pilot loopt tot november 2020", [("einde", d(2020, 10, 31), d(2020, 10, 31), None)]),
    ("tot en met november 2020", [("einde", d(2020, 11, 30), d(2020, 11, 30), None)]),
    ("looptijd tot eind 2019", [("einde", d(2019, 12, 31), d(2019, 12, 31), None)]),
    ("in de loop van 2020", [("overig", d(2020, 1, 1), d(2020, 12, 31), None)]),
    ("2020: plan opstellen", [("oplevering", d(2020, 1, 1), d(2020, 12, 31), None)]),
    ("Evaluatie voor eind 2020", [("evaluatie", None, d(2020, 12, 30), None)]),
    ("Verantwoording vóór 1 mei", [("verantwoording", None, d(2020, 4, 30), None)]),
    ("Verantwoording voor 1 mei 2021", [("verantwoording", None, d(2021, 4, 30), None)]),
    ("elk jaar op 11 oktober", [("overig", d(2019, 10, 11), d(2019, 10, 11), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11")]),
    ("Jaarlijks op 11 oktober de vlag hijsen", [("overig", d(2019, 10, 11), d(2019, 10, 11),
                                                  "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11")]),
    ("Paarse vrijdag, de tweede vrijdag van december", [("overig", d(2019, 12, 13), d(2019, 12, 13),
                                                         "FREQ=YEARLY;BYMONTH=12;BYDAY=+2FR")]),
    ("ieder kwartaal", [("overig", d(2019, 12, 31), d(2019, 12, 31), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1")]),
    ("eens per kwartaal", [("overig", d(2019, 12, 31), d(2019, 12, 31), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1")]),
    ("Kwartaalrapportages aan het college", [("rapportage", d(2019, 12, 31), d(2019, 12, 31),
                                              "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1")]),
    ("Jaarlijks een verslag", [("rapportage", d(2019, 12, 31), d(2019, 12, 31), "FREQ=YEARLY")]),
    ("de komende 2 jaar", [("overig", d(2019, 10, 1), d(2021, 10, 1), None)]),
    ("de komende twee jaar", [("overig", d(2019, 10, 1), d(2021, 10, 1), None)]),
    # Region Midden: summer holiday 2020 from 18 July to 30 August.
    ("Besluit voor de zomervakantie 2020", [("besluit", None, d(2020, 7, 17), None)]),
    ("Na de zomer van 2020 starten we", [("start", d(2020, 8, 31), d(2020, 9, 30), None)]),
    ("Collegebesluit september 2020", [("besluit", d(2020, 9, 1), d(2020, 9, 30), None)]),
    ("Medio 2020 gaan we de pilot evalueren", [("evaluatie", d(2020, 6, 1), d(2020, 7, 31), None)]),
    ("De pilot loopt van november 2018 tot november 2020.", [("einde", d(2020, 10, 31), d(2020, 10, 31), None)]),
    ("Op 1 juli 2021 start dan de implementatie", [("start", d(2021, 7, 1), d(2021, 7, 1), None)]),
    ("Subsidieverantwoording uiterlijk 1 juli 2021", [("verantwoording", None, d(2021, 7, 1), None)]),
    ("Raadsvoorstel 15-03-2021", [("besluit", d(2021, 3, 15), d(2021, 3, 15), None)]),
    ("Week tegen de eenzaamheid jaarlijks eind sept/begin oktober", [
        ("overig", d(2020, 9, 21), d(2020, 10, 10), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10")]),
]

# Every Tijdpad text of the Bronckhorst document (../shared/documents), with the reading decided.
# The "3e kwartaal 2020" certificate and "januari 2020" plan are future for a 2019-10-01 document;
# "Juli 2019: gestart" is a past start (status lopend, no milestone).
BRONCKHORST_TIJDPAD = {
    "Per thema werken we de komende tijd aan de uitvoeringsafspraken. Streven is dat deze in het "
    "voorjaar 2020 voor alle thema’s gemaakt zijn.": [("oplevering", d(2020, 3, 1), d(2020, 5, 31), None)],
    "De beleidsregels OAB zijn inmiddels vastgesteld en gaan per 1 januari 2020 in. Het uitvoeringsplan "
    "gaan we begin 2020 verder concretiseren.": [("start", d(2020, 1, 1), d(2020, 1, 1), None),
                                                 ("oplevering", d(2020, 1, 1), d(2020, 3, 31), None)],
    "Collegebesluit in december 2019 over de uitvoeringsagenda. Op basis van dit besluit gaan we het "
    "uitvoeringsprogramma begin 2020 verder concretiseren.": [
        ("besluit", d(2019, 12, 1), d(2019, 12, 31), None), ("oplevering", d(2020, 1, 1), d(2020, 3, 31), None)],
    "Collegebesluit in december over de evaluatie 2019 en het werkplan 2020. Op basis van dit besluit "
    "gaan we het uitvoeringsprogramma begin 2020 verder concretiseren.": [
        ("besluit", d(2019, 12, 1), d(2019, 12, 31), None), ("oplevering", d(2020, 1, 1), d(2020, 3, 31), None)],
    "Collegebesluit september 2020 over de voortgang Pilot Jeugd POH/SOH.": [
        ("besluit", d(2020, 9, 1), d(2020, 9, 30), None)],
    "Collegebesluit november 2020 over de voortgang steungezinnen in Bronckhorst.": [
        ("besluit", d(2020, 11, 1), d(2020, 11, 30), None)],
    "Het project Leefsamen Achterhoek heeft een looptijd tot eind 2019. De ontwikkeling van het "
    "knooppunt zorgtechnologie bevindt zich in de onderzoeksfase. Najaar 2019, actualisatie en "
    "inventarisatie van zorg- technologische oplossingen.": [
        ("einde", d(2019, 12, 31), d(2019, 12, 31), None), ("overig", d(2019, 9, 1), d(2019, 11, 30), None)],
    "Actueel aanbod.": [],
    "Onderzoek is afgerond en resultaten verwerkt in regulier aanbod bibliotheek": [],
    "Juli 2019: gestart met werkgroep, bestaande uit externe professionals op het gebied van dementie. "
    "Opstellen plan i.s.m. deze professionals. Januari 2020 vaststellen plan door college. Na "
    "vaststelling implementatie. 3e kwartaal 2020 certificaat behaald.": [
        ("besluit", d(2020, 1, 1), d(2020, 1, 31), None), ("start", d(2020, 2, 1), None, None),
        ("oplevering", d(2020, 7, 1), d(2020, 9, 30), None)],
    "Actueel aanbod afhankelijk van activiteit door het jaar heen.": [],
    "2019 uitvoeren nulmeting lokaal beleid 2019 opstellen plan van aanpak 2020 opstellen lokale "
    "inclusieagenda en de raad een voorstel doen voor een inclusiebeleid op hoofdlijnen 2020 oppakken "
    "minimaal één van de geconstateerde knelpunten": [
        ("rapportage", d(2019, 1, 1), d(2019, 12, 31), None), ("oplevering", d(2019, 1, 1), d(2019, 12, 31), None),
        ("besluit", d(2020, 1, 1), d(2020, 12, 31), None), ("oplevering", d(2020, 1, 1), d(2020, 12, 31), None)],
    "• Najaar 2020 interview in Contact met inwoners afkomstig uit de LHBT- gemeenschap over ervaren "
    "acceptatie. • Jaarlijks op 11 oktober aandacht besteden aan Coming Out day door het hijsen van de "
    "regenboogvlag op het gemeentehuis. In 2019 aandacht hiervoor op verschillende plekken verspreid door "
    "de gemeente. • Scholen vragen aandacht te besteden aan Paarse vrijdag de tweede vrijdag van december "
    "(in 2019 op 3 december).": [
        ("oplevering", d(2020, 9, 1), d(2020, 11, 30), None),
        ("overig", d(2019, 10, 11), d(2019, 10, 11), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11"),
        ("overig", d(2019, 1, 1), d(2019, 12, 31), None),
        ("overig", d(2019, 12, 13), d(2019, 12, 13), "FREQ=YEARLY;BYMONTH=12;BYDAY=+2FR")],
    "• najaar 2019 interviewreeks in Contact met inwoners uit kwetsbare groepen • 2019 opstellen "
    "werkplan door combinatiefunctionarissen (waarin inzet voor Bronckhorst inclusief) • 3 december "
    "Internationale Dag van mensen met een beperking • landelijke Week tegen de eenzaamheid jaarlijks "
    "eind sept/begin oktober": [
        ("oplevering", d(2019, 9, 1), d(2019, 11, 30), None), ("oplevering", d(2019, 1, 1), d(2019, 12, 31), None),
        ("overig", d(2019, 12, 3), d(2019, 12, 3), None),
        ("overig", d(2020, 9, 21), d(2020, 10, 10), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10")],
    "In 2020 brengen we in beeld welke organisaties in de afgelopen jaren een medewerker uit de Wsw of "
    "inwoner met indicatie beschut werk in dienst hebben genomen. In 2022 hebben we voor alle "
    "Wsw-medewerkers en inwoners met een indicatie beschut werk een ontwikkelplan opgesteld.": [
        ("oplevering", d(2020, 1, 1), d(2020, 12, 31), None), ("oplevering", d(2022, 1, 1), d(2022, 12, 31), None)],
    "2019 opstellen werkplan combinatiefunctionarissen 2019 onderzoek instellen inzet Buddy-to-buddy": [
        ("oplevering", d(2019, 1, 1), d(2019, 12, 31), None), ("overig", d(2019, 1, 1), d(2019, 12, 31), None)],
}


def _read(text: str) -> list[tuple[str, dt.date | None, dt.date | None, str | None]]:
    return [(m.soort, m.vroegst, m.uiterlijk, m.herhaling)
            for m in lees_tijdpad(text, veld="tijdpad", documentdatum=D).mijlpalen]


@pytest.mark.parametrize(("text", "expected"), DOMAIN_TABLE, ids=[t for t, _ in DOMAIN_TABLE])
def test_every_expression_of_the_domain_table_is_read(text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert _read(text) == expected


@pytest.mark.parametrize("text", list(BRONCKHORST_TIJDPAD), ids=[t[:40] for t in BRONCKHORST_TIJDPAD])
def test_every_bronckhorst_tijdpad_is_read_as_decided(text: str) -> None:
    assert _read(text) == BRONCKHORST_TIJDPAD[text]


def test_the_table_covers_every_tijdpad_line_of_the_bronckhorst_document(shared_documents: Path) -> None:
    document = shared_documents / "bronckhorst-uitvoeringsprogrammas-2019-2022-programma-1-3.txt"
    lines = {re.sub(r"\s+", " ", line[len("Tijdpad "):]).strip().rstrip("|").strip()
             for line in document.read_text(encoding="utf-8").splitlines() if line.startswith("Tijdpad ")}
    assert len(lines) >= 15
    assert lines <= set(BRONCKHORST_TIJDPAD), lines - set(BRONCKHORST_TIJDPAD)


@pytest.mark.parametrize("text", ["Winterswijk", "begint", "eindelijk", "2019-2022", "2019 – 2022",
                                  "Beleidskader 2019 – 2022", "de evaluatie 2019", "€ 2.019",
                                  "1.000 inwoners", "Kader 2020-2030", "sinds de jaren 2016/2017"])
def test_false_friends_give_no_date(text: str) -> None:
    assert _read(text) == []


def test_a_winter_is_flagged_not_guessed() -> None:
    [m] = lees_tijdpad("winter 2020", veld="tijdpad", documentdatum=D).mijlpalen
    assert (m.vroegst, m.uiterlijk, m.zeker) == (d(2020, 12, 1), d(2021, 2, 28), False)
    assert "winter" in (m.opmerking or "")


def test_ongoing_and_past_starts_are_status_not_reminders() -> None:
    for text in ("Actueel aanbod.", "continu proces", "De pilot loopt.", "Dit is al ingezet.",
                 "Najaar 2019 gestart, inmiddels vastgesteld."):
        lezing = lees_tijdpad(text, veld="tijdpad", documentdatum=D)
        assert lezing.mijlpalen == [] and lezing.lopend, text


def test_phrases_without_a_date_are_flagged_for_review() -> None:
    lezing = lees_tijdpad("We werken hier de komende tijd aan. Binnenkort meer.", veld="tijdpad",
                          documentdatum=D)
    assert lezing.mijlpalen == []
    assert {"komende tijd", "Binnenkort"} <= {p.removeprefix("de ") for p in lezing.onleesbaar}
    assert any("noemt geen datum" in o for o in lezing.opmerkingen)


def test_after_approval_depends_on_the_previous_milestone() -> None:
    lezing = lees_tijdpad("Januari 2020 vaststellen plan door college. Na vaststelling implementatie.",
                          veld="tijdpad", documentdatum=D)
    besluit, start = lezing.mijlpalen
    assert start.vroegst == besluit.uiterlijk + dt.timedelta(days=1) and start.uiterlijk is None
    assert not start.zeker and "begint na" in (start.opmerking or "")


def test_every_milestone_keeps_its_exact_source_phrase() -> None:
    text = "Collegebesluit september 2020 over de voortgang. De pilot loopt tot november 2020."
    for m in lees_tijdpad(text, veld="kosten_baten", documentdatum=D).mijlpalen:
        assert m.bron in text and m.veld == "kosten_baten"


def test_other_fields_keep_only_milestones_a_word_names() -> None:
    text = "In 2020 zetten we dit voort. Medio 2020 gaan we de pilot evalueren."
    kept = lees_tijdpad(text, veld="wat_gaan_we_doen", documentdatum=D, alleen_herkend=True).mijlpalen
    assert [(m.soort, m.bron) for m in kept] == [("evaluatie", "Medio 2020")]


@pytest.mark.parametrize(("text", "items"), [
    ("1. opstellen plan 2. Uitvoeren plan", ["opstellen plan", "Uitvoeren plan"]),
    ("a. Eerste b. Tweede c. Derde", ["Eerste", "Tweede", "Derde"]),
    ("• een • twee", ["een", "twee"]),
    ("Eerst dit - Dan dat", ["Eerst dit", "Dan dat"]),
    ("2019 opstellen werkplan 2019 onderzoek instellen", ["2019 opstellen werkplan", "2019 onderzoek instellen"]),
    ("Periode 2019 - 2022 loopt", ["Periode 2019 - 2022 loopt"]),
    ("In 2020 brengen we dit in beeld", ["In 2020 brengen we dit in beeld"]),
])
def test_multi_item_fields_are_split(text: str, items: list[str]) -> None:
    assert splits_items(text) == items


WORDS = st.sampled_from(["medio", "eind", "begin", "najaar", "voorjaar", "winter", "tot", "vóór", "voor",
                         "per", "vanaf", "jaarlijks", "kwartaal", "Q2", "3e", "helft", "eerste", "tot en met",
                         "2019", "2020", "2021", "1999", "2099", "januari", "februari", "31", "29", "0",
                         "september", "december", "•", "-", "1.", "a.", "(", ")", "/", ":", ".", "de", "van",
                         "evaluatie", "Collegebesluit", "loopt", "gestart", "zomervakantie", "komende", "2",
                         "jaar", "tweede", "vrijdag", "op", "in", "e.v.", "ev.", "jaren"])


@pytest.mark.fuzz
@settings(max_examples=600)
@given(st.one_of(st.lists(WORDS, max_size=14).map(" ".join), st.text(max_size=200)),
       st.dates(min_value=d(1990, 1, 1), max_value=d(2090, 12, 31)))
def test_any_text_gives_valid_milestones_or_none(text: str, documentdatum: dt.date) -> None:
    """Never an exception; every interval has vroegst ≤ uiterlijk and a phrase from the text."""
    for veld in ("tijdpad", "monitoring"):
        lezing = lees_tijdpad(text, veld=veld, documentdatum=documentdatum)
        for m in lezing.mijlpalen:
            assert m.vroegst is None or m.uiterlijk is None or m.vroegst <= m.uiterlijk
            assert m.bron and m.omschrijving
            assert re.sub(r"\s+", " ", m.bron) in re.sub(r"\s+", " ", text)
