"""A digest's two parts say the same: the text/plain part carries every fact of the HTML part
(names, dates, amounts, numbers, where the register says it, every link), for a digest with every
kind of item, and why a regisseur or coordinator receives others' items is said once per group in
both. A trial found the text part without the register's words, the answer links and the
coordinator's link to Prefect."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

from services.rendering import MAANDEN

PROGRAMMA = "Bronckhorst · programma 1: Gezond en weerbaar"
BASE = {"programma": PROGRAMMA, "activiteit": "Sportakkoord Achterhoek", "activiteit_id": 3,
        "onderwerp": "mijlpaal", "onderwerp_id": 7, "wat": "Collegebesluit uitvoeringsagenda", "soort": "besluit",
        "dagen": 5, "te_laat": False, "onzeker": False, "vraag_evaluatie": False, "door": None, "bron": None,
        "rol": "eigenaar", "datum": "2020-06-23", "link": None}


def _items() -> list[dict[str, Any]]:
    """One item of every kind the digest writes (templates/partials/item.txt.j2), for each role."""
    budget = {"soort": "jaar", "procent": 81, "van": 2020, "besteed": "40500.5", "budget": "50000", "per": "jaar",
              "bandbreedte": True, "regionaal": "125000"}
    total = {"soort": "totaal", "procent": 75, "van": 2019, "tot": 2022, "besteed": "30000", "budget": "40000",
             "per": "totaal", "bandbreedte": False, "regionaal": None}
    kinds = [
        {"regel": "vooraf", "soort": "start", "wat": "Start werkplan", "bron": "medio 2020", "onzeker": True},
        {"regel": "vooraf", "dagen": 0, "onderwerp_id": 8, "bron": "juni 2020"},
        {"regel": "te-laat", "dagen": 170, "te_laat": True, "datum": "2019-12-31", "onderwerp_id": 9,
         "activiteit": "Werkplan combinatiefunctionarissen", "activiteit_id": 4, "bron": "eind 2019"},
        {"regel": "pilot-einde", "dagen": 12, "datum": "2020-06-30", "vraag_evaluatie": True, "onderwerp_id": 10},
        {"regel": "pilot-evaluatie", "dagen": 19, "te_laat": True, "datum": "2020-05-30", "onderwerp_id": 11},
        {"regel": "verantwoording", "onderwerp": "subsidie", "onderwerp_id": 2, "wat": "Stichting Sport",
         "dagen": 3, "datum": "2020-06-21"},
        {"regel": "verantwoording", "onderwerp": "subsidie", "onderwerp_id": 3, "wat": "Stichting Welzijn",
         "dagen": 48, "te_laat": True, "datum": "2020-05-01"},
        {"regel": "monitoring", "onderwerp": "activiteit", "soort": "kwartaal", "door": "GGD Noord- en Oost-Gelderland"},
        {"regel": "stilstand", "onderwerp": "activiteit", "dagen": 91},
        {"regel": "budget", "onderwerp": "activiteit", "dagen": 81, "begroting": budget},
        {"regel": "budget", "onderwerp": "activiteit", "dagen": 75, "begroting": total, "activiteit_id": 5,
         "activiteit": "Preventieakkoord"},
        {"regel": "uitvraag-herinnering", "onderwerp": "activiteit", "dagen": 6, "datum": "2020-06-12",
         "programma": "Voortgang uitvragen"},
        {"regel": "uitvraag-verlopen", "onderwerp": "activiteit", "dagen": 14, "wat": "ronde van 4 juni 2020",
         "soort": None, "rol": "coordinator", "programma": "Voortgang uitvragen"},
        {"regel": "rapport-mislukt", "onderwerp": "activiteit", "wat": "MOSD-rapport", "activiteit": "MOSD 25 juni 2020",
         "dagen": 3, "bron": "SMTP 554 geweigerd", "rol": "coordinator"},
        {"regel": "bezorging-mislukt", "onderwerp": "activiteit", "wat": "Beleidsmedewerker onderwijs", "dagen": 4,
         "door": "slack", "bron": "HTTP 410", "rol": "coordinator"},
        {"regel": "ongeldige-waarde", "onderwerp": "activiteit", "wat": "De herhaling 'elke maan' is onbekend.",
         "soort": "herhaling", "bron": "bronckhorst/programma-1.yaml, regel 42", "rol": "coordinator"},
        # Others' items: as regisseur (more than 14 days late) and as coordinator (more than 28).
        {"regel": "te-laat", "dagen": 79, "te_laat": True, "datum": "2020-03-31", "onderwerp_id": 12,
         "activiteit": "OAB integreren", "activiteit_id": 6, "rol": "regisseur", "drempel": 14,
         "eigenaar": "Beleidsmedewerker onderwijs", "bron": "eerste kwartaal 2020"},
        {"regel": "te-laat", "dagen": 170, "te_laat": True, "datum": "2019-12-31", "onderwerp_id": 13,
         "activiteit": "Jeugdpreventie", "activiteit_id": 7, "rol": "coordinator", "drempel": 28,
         "eigenaar": "Regisseur programma 2"},
        {"regel": "te-laat", "dagen": 45, "te_laat": True, "datum": "2020-05-04", "onderwerp_id": 14,
         "activiteit": "Mantelzorg", "activiteit_id": 8, "rol": "coordinator", "drempel": 28,
         "eigenaar": "Regisseur programma 3"},
    ]
    return [{**BASE, **kind} for kind in kinds]


def _digest():  # type: ignore[no-untyped-def]
    from services.outbox.messages import Bundel, Item, digest, message

    bundle = Bundel(1, "regisseur-jeugd", "Regisseur programma 1", ["regisseur", "coordinator"],
                    ["mailto://r@example.org"], "Bronckhorst", soort="overzicht")
    bundle.items = [Item(n, item["regel"], {k: v for k, v in item.items() if k != "regel"})
                    for n, item in enumerate(_items(), 1)]
    return message(digest(bundle, bundle.items), peildatum=dt.date(2020, 6, 18), link="http://127.0.0.1:4200/runs")


DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MAANDEN) + r") \d{4}\b")
AMOUNT = re.compile(r"€ -?\d[\d.]*(?:,\d\d)?")
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*%?")
QUOTED = re.compile(r"“([^”]+)”")


def _facts(text: str) -> set[str]:
    return {*DATE.findall(text), *AMOUNT.findall(text), *NUMBER.findall(text), *QUOTED.findall(text)}


def test_the_text_part_carries_every_fact_of_the_html_part() -> None:
    mail = _digest()
    body = mail.html[mail.html.index("<body>"):]
    links = {unescape(href) for href in re.findall(r'href="([^"]+)"', body)}
    shown = " ".join(unescape(re.sub(r"<[^>]+>", " ", body.replace("&ldquo;", "“").replace("&rdquo;", "”"))).split())
    text = " ".join(mail.tekst.split())
    names = {value for item in _items() for key in ("activiteit", "eigenaar", "door", "wat")
             if isinstance(value := item.get(key), str) and value in shown}
    assert len(links) > 10 and "http://127.0.0.1:4200/runs" in links  # the coordinator's Prefect link too
    assert _facts(shown) and names
    missing = sorted(fact for fact in _facts(shown) | links | names if fact not in text)
    assert missing == [], missing
    # The words from the register ("Uit het register: “eind 2019”") and each answer link, per item.
    assert "Uit het register: “eind 2019”" in text and "Uit het register: “eind 2019”" in shown
    assert re.search(r"Toelichting: http://127\.0\.0\.1:8400/mijn/\S+\?item=a4&actie=toelichting#a4", text)


def test_why_others_items_come_is_said_once_per_group_in_both_parts() -> None:
    mail = _digest()
    text, page = mail.tekst, unescape(mail.html)
    as_regisseur = ("U ontvangt dit punt als regisseur, niet als eigenaar: het is 14 dagen of langer te laat.")
    as_coordinator = ("U ontvangt deze 2 punten als coördinator, niet als eigenaar: ze zijn allemaal 28 "
                      "dagen of langer te laat.")
    for part in (text, page):
        assert part.count(as_regisseur) == 1 and part.count(as_coordinator) == 1, part
        assert "ontvangt dit als" not in part
        # Own items first, then the groups; each group's items below its line.
        assert part.index("Werkplan combinatiefunctionarissen") < min(part.index(as_regisseur),
                                                                      part.index(as_coordinator))
        assert part.index(as_regisseur) < part.index("OAB integreren")
        assert part.index(as_coordinator) < part.index("Jeugdpreventie") < part.index("Mantelzorg")
    groups = {block.split("\n")[0]: block for block in text.split("\n\n")}
    assert "eigenaar: Regisseur programma 2" in groups[as_coordinator] and "Mantelzorg" in groups[as_coordinator]
    assert "OAB integreren" in groups[as_regisseur] and "Jeugdpreventie" not in groups[as_regisseur]
    # The coordinator's notices (a failing channel, a report not sent) are not "te laat": no such line.
    assert "Berichten aan Beleidsmedewerker onderwijs konden in 3 runs niet worden bezorgd via slack" in text
