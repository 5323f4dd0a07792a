"""`regie importeer`: documents become draft registers that load without edits."""

from __future__ import annotations

from pathlib import Path

import yaml

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

BRONCKHORST = "bronckhorst-uitvoeringsprogrammas-2019-2022-programma-1-3.txt"
BRONCKHORST_CARDS = {
    1: ["Uitvoeringsstrategie Rijkere Visie op Onderwijs",
        "Onderwijs Achterstanden Beleid (OAB) integreren in het Sociaal Domein",
        "Uitvoeringsagenda Regionaal Sportakkoord Achterhoek in Beweging",
        "Werkplan 2020 Combinatiefunctionarissen", "Voortgang Pilot Jeugd POH/SOH",
        "Voortgang pilot Steungezinnen"],
    2: ["Technologie als steun systeem", "Voorkoming en bestrijding van eenzaamheid", "Digitale vaardigheid",
        "Dementievriendelijke gemeente", "Woonvormen van de toekomst",
        "Leefstijl (mensen met een lage SES of ongezonde leefstijl, preventie in zijn algemeenheid)",
        "Dubbele vergrijzing (druk op de Wmo/arbeidsmarkt etc.)", "Chronisch zieken",
        "Mensen met psychische problematiek", "Jeugd/jongeren"],
    3: ["Opstellen lokale uitvoeringsagenda VN-verdrag Handicap", "Bronckhorst regenbooggemeente",
        "Algemeen Bronckhorst inclusief",
        "Inwoners met een arbeidshandicap functioneren zo goed mogelijk naar vermogen",
        "We gaan door met de bestaande inzet en activiteiten op het gebied van inburgering"],
}


def _programmes(directory: Path) -> dict[int, dict]:  # type: ignore[type-arg]
    return {data["programma"]["nummer"]: data for data in
            (yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("programma-*.yaml")))}


def _milestones(activity: dict) -> list[tuple]:  # type: ignore[type-arg]
    return [(m["soort"], str(m["vroegst"]), str(m["uiterlijk"])) for m in activity.get("mijlpalen", [])]


def test_the_bronckhorst_document_gives_all_21_cards_and_its_two_prose_actions(
        shared_documents, tmp_path, regie, db) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bronckhorst"
    outcome = regie("importeer", str(shared_documents / BRONCKHORST), "--gemeente", "Bronckhorst",
                    "--uitvoer", str(out), "--documentdatum", "2019-10-01")
    assert outcome.code == 0, outcome
    programmes = _programmes(out)
    assert sorted(programmes) == [1, 2, 3]
    assert [programmes[n]["programma"]["titel"] for n in (1, 2, 3)] == [
        "Gezond en weerbaar", "Vitaal oud worden", "Bronckhorst inclusief"]
    for nummer, titles in BRONCKHORST_CARDS.items():
        cards = [a for a in programmes[nummer]["activiteiten"]
                 if not any("lopende tekst" in o or "zonder activiteitenkaart" in o for o in a.get("opmerkingen", []))]
        assert [a["titel"] for a in cards] == titles
    # Part 3 of programme 1 (the KIES-training, lines 130-136) has no card: an activity to review.
    [part] = [a for p in programmes.values() for a in p["activiteiten"]
              if any("zonder activiteitenkaart" in o for o in a["opmerkingen"])]
    assert part["bronregels"] == [130, 136] and "KIES-training" in part["velden"]["toelichting"]
    actions = [a for a in programmes[1]["activiteiten"] if any("lopende tekst" in o for o in a["opmerkingen"])]
    assert [a["titel"] for a in actions] == ["Versterking gespecialiseerde ambulante hulp",
                                             "Versterking van de pleegzorg"]
    assert all(a["monitoring"]["ritme"] == "pc-cyclus" for a in actions)  # progress goes to MOSD and PoHo

    by_title = {a["titel"]: a for p in programmes.values() for a in p["activiteiten"]}
    poh = by_title["Voortgang Pilot Jeugd POH/SOH"]
    assert ("besluit", "2020-09-01", "2020-09-30") in _milestones(poh)
    evaluations = [m for m in poh["mijlpalen"] if m["soort"] == "evaluatie"]
    # "Medio 2020 … evalueren" (Wat gaan we doen) and "eind 2020" (Kosten/baten) contradict: both kept, flagged.
    assert {(m["bron"], m["zeker"]) for m in evaluations} >= {("Medio 2020", False)}
    assert any("Tegenstrijdig" in o for o in poh["opmerkingen"])
    assert {"bedrag": 231907.6, "per": "jaar", "bron": "jaarlijks € 231.907,60"} in poh["bedragen"]
    assert poh["soort"] == "pilot"
    steun = by_title["Voortgang pilot Steungezinnen"]
    assert ("evaluatie", "2020-06-01", "2020-07-31") in _milestones(steun)
    assert ("einde", "2020-10-31", "2020-10-31") in _milestones(steun)  # "tot november 2020" in the intro
    assert steun["monitoring"]["door"] == "Yunio"
    dementie = by_title["Dementievriendelijke gemeente"]
    assert dementie["status"] == "lopend"  # "Juli 2019: gestart": a past start, no milestone
    assert ("oplevering", "2020-07-01", "2020-09-30") in _milestones(dementie)
    assert by_title["Woonvormen van de toekomst"]["status"] == "lopend"  # "Actueel aanbod"
    # Its only dated phrase is past ("In juli 2019 is de woonvisie … vastgesteld"): done, never a reminder.
    assert all(m.get("gereed") and not m["zeker"] for m in by_title["Woonvormen van de toekomst"].get("mijlpalen", []))
    regenboog = by_title["Bronckhorst regenbooggemeente"]
    assert "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11" in [m.get("herhaling") for m in regenboog["mijlpalen"]]
    for programme in programmes.values():
        for activity in programme["activiteiten"]:
            for m in activity.get("mijlpalen", []):
                assert m["bron"] and m["veld"] in activity["velden"]
            start, end = activity["bronregels"]
            assert 1 <= start <= end <= 408

    # The draft loads without edits.
    loaded = regie("laad", str(out))
    assert loaded.code == 0, loaded
    assert "Register geladen (Bronckhorst)" in loaded.out


def test_the_gorinchem_and_nieuwegein_documents_import_and_load(shared_documents, tmp_path, regie, db) -> None:  # type: ignore[no-untyped-def]
    region = tmp_path / "regio"
    for name, gemeente in (("gorinchem-begroting-2021-sociaal-domein.txt", "Gorinchem"),
                           ("nieuwegein-begroting-2021-sociaal-domein.txt", "Nieuwegein")):
        outcome = regie("importeer", str(shared_documents / name), "--gemeente", gemeente,
                        "--uitvoer", str(region / gemeente.lower()))
        assert outcome.code == 0, outcome
        assert "geschat uit de titel" in outcome.out or "geschat uit de bestandsnaam" in outcome.out
    gorinchem = _programmes(region / "gorinchem")[1]
    assert gorinchem["bron"]["documentdatum"].isoformat() == "2020-10-01"  # a 2021 budget is written in 2020
    titles = {a["titel"]: a for a in gorinchem["activiteiten"]}
    assert len(titles) >= 18 and "Onderwerp" not in titles and "Reguliere taken" not in titles
    assert ("start", "2021-07-01", "2021-07-01") in _milestones(titles["Statushouders"])
    assert ("overig", "2021-07-01", "2021-12-31") in _milestones(titles["SamenGorinchem"])
    nieuwegein = _programmes(region / "nieuwegein")[1]
    themes = {a["titel"]: a for a in nieuwegein["activiteiten"]}
    assert {"Versterking eigen kracht", "Ondersteuning", "Bescherming"} <= set(themes)
    assert ("start", "2021-07-01", "2021-07-01") in _milestones(themes["Transformatieagenda"])
    loaded = regie("laad", str(region))
    assert loaded.code == 0, loaded


def test_the_gorinchem_annual_accounts_table_becomes_programme_7(shared_documents, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "g"
    outcome = regie("importeer", str(shared_documents / "gorinchem-jaarstukken-2020-sociaal-domein.txt"),
                    "--gemeente", "Gorinchem", "--uitvoer", str(out))
    assert outcome.code == 0, outcome
    [(nummer, programme)] = _programmes(out).items()
    assert nummer == 7 and programme["programma"]["titel"] == "Sociaal Domein"
    titles = [a["titel"] for a in programme["activiteiten"]]
    # Only the Onderwerp/Toelichting table: not the policy list nor the indicator table.
    assert titles == ["Voorkomen overbelasting mantelzorgers", "Wijkgericht werken",
                      "Mogelijke opvang Asielzoekers"]


VARIANTS = """Uitvoeringsprogramma 4: Zo doen we dat
Inleidende tekst over het programma. De pilot buurtkracht loopt van november 2018 tot november 2020.
ACTIVITEIT: Pilot buurtkracht |
|
TIJDPAD Medio 2020 evalueren we de pilot. |
KOSTEN De pilot kost € 35.000,- per jaar. |
toelichting Een pilot in twee wijken. |
Deze rij heeft geen label en hoort bij de toelichting. |
|
MONITORING Kwartaalrapportages aan het college. |
Een gewone alinea na de kaart.
Activiteit : Onderzoek mantelzorg |
|
Wat gaan we doen Een onderzoek naar de behoeften. |
Tijdpad Rapport voor 1 mei 2021. |
A. Woningaanpassingen |
|
Kosten/Baten € 6.000,-- tot € 8.000,- eenmalig. |
Tijdpad Actueel aanbod. |
Activiteiten Buurtteams versterken |
Resultaat Sterke buurtteams. |
Tijdpad Collegebesluit september 2021. |
Activiteit We versterken de informele netwerken in alle kernen. Hiermee hopen we de betrokkenheid te vergroten. |
|
Tijdpad • najaar 2021 bijeenkomsten • 2022 evaluatie |
Indicatoren
Aantal mantelzorgers |
|
Bron Monitor 2020 |
Aantal vrijwilligers |
|
Bron Monitor 2021 |
"""


def test_card_variants_are_read_and_an_indicator_list_is_not(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "varianten.txt"
    source.write_text(VARIANTS, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Testdorp", "--uitvoer", str(out),
                    "--documentdatum", "2020-01-15", "--verslag")
    assert outcome.code == 0, outcome
    programme = _programmes(out)[4]
    by_title = {a["titel"]: a for a in programme["activiteiten"]}
    assert list(by_title) == ["Pilot buurtkracht", "Onderzoek mantelzorg", "Woningaanpassingen",
                              "Buurtteams versterken", "We versterken de informele netwerken in alle kernen"]
    pilot = by_title["Pilot buurtkracht"]
    assert pilot["soort"] == "pilot"
    assert pilot["velden"]["toelichting"] == "Een pilot in twee wijken. Deze rij heeft geen label en hoort bij de toelichting."
    assert ("evaluatie", "2020-06-01", "2020-07-31") in _milestones(pilot)
    assert ("einde", "2020-10-31", "2020-10-31") in _milestones(pilot)  # from the paragraph above the card
    assert pilot["monitoring"]["ritme"] == "kwartaal"
    assert pilot["bedragen"] == [{"bedrag": 35000, "per": "jaar", "bron": "€ 35.000,- per jaar"}]
    assert ("rapportage", "None", "2021-04-30") in _milestones(by_title["Onderzoek mantelzorg"])
    woning = by_title["Woningaanpassingen"]
    assert woning["bedragen"][0]["bedrag"] == 8000 and woning["status"] == "lopend"
    assert any("bandbreedte" in o for o in woning["opmerkingen"])
    assert ("besluit", "2021-09-01", "2021-09-30") in _milestones(by_title["Buurtteams versterken"])
    netwerk = by_title["We versterken de informele netwerken in alle kernen"]
    assert netwerk["velden"]["activiteit"].startswith("We versterken de informele netwerken")
    assert [m["soort"] for m in netwerk["mijlpalen"]] == ["overig", "evaluatie"]
    assert "Aantal mantelzorgers" not in by_title and "indicatorenlijst" in outcome.out
    assert regie("laad", str(out)).code == 0
