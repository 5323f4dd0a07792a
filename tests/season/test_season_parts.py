"""The season's own parts, without a service: the days the schedules fire, and reading a digest
back from the mail exactly as the templates write it."""

from __future__ import annotations

import datetime as dt
import email

from tests.season import world
from tests.season.scenario import KWARTAAL, schedule_days


def test_the_quarter_runs_three_deployments_in_schedule_order_on_each_weekday_and_nothing_at_weekends() -> None:
    days = schedule_days(KWARTAAL.van, KWARTAAL.tot)
    assert len(days) == 89
    weekdays = [(day, runs) for day, runs in days if day.weekday() < 5]
    assert len(weekdays) == 65
    assert all(runs == ["voortgangsrapportage", "dagelijkse-controle", "voortgang-uitvragen"] for _, runs in weekdays)
    assert all(runs == [] for day, runs in days if day.weekday() >= 5)
    # Across the change to summer time (28 March 2021) the schedules still fire once a day.
    assert dict(days)[dt.date(2021, 3, 29)] == ["voortgangsrapportage", "dagelijkse-controle", "voortgang-uitvragen"]


def test_a_digest_is_read_back_item_by_item_as_the_recorded_sentence() -> None:
    from services.outbox.messages import Overzicht, message
    from services.rendering import environment, sentence

    item = {"programma": "Zonnedal · programma 1: Gezond en weerbaar", "activiteit": "Preventie <akkoord> & co",
            "activiteit_id": 1, "wat": "Collegebesluit", "soort": "besluit", "dagen": 7, "te_laat": False,
            "onzeker": False, "vraag_evaluatie": False, "door": None, "bron": "februari 2021", "rol": "eigenaar",
            "datum": "2021-02-10", "link": None, "regel": "vooraf"}
    late = {**item, "activiteit": "Sportakkoord", "wat": "Uitvoeringsplan", "dagen": 40, "te_laat": True,
            "rol": "coordinator", "eigenaar": "Beleid", "drempel": 28, "regel": "te-laat", "datum": "2020-12-23"}
    digest = Overzicht(1, "regisseur-jeugd", "Regisseur", [], ["mailto://r@example.org"], "Zonnedal",
                       [1, 2], {item["programma"]: [item, late]})
    bericht = message(digest, peildatum=dt.date(2021, 2, 3), link="http://127.0.0.1/x")
    raw = email.message.EmailMessage()
    raw["Subject"] = bericht.onderwerp
    raw.set_content(bericht.html, subtype="html")
    mail = world.mail_from(dt.date(2021, 2, 3), ["r@example.org"], raw)
    # Why the coordinator gets the late item is its group's line, not part of its row (world.snapshot).
    shown = environment().filters["zin_zonder_rol"]
    assert mail.items() == [("Preventie <akkoord> & co", " ".join(sentence(item).split())),
                            ("Sportakkoord", " ".join(shown(late).split()))]
    assert sentence(late) != shown(late) and "als coördinator, niet als eigenaar" in mail.body
    # The invariants read that line per item (invariants.escalatie): the coordinator's rung.
    assert [kop for _, _, kop in mail.rows()] == [
        "", "U ontvangt dit punt als coördinator, niet als eigenaar: het is 28 dagen of langer te laat."]
    assert mail.subject.startswith("programmaregie 3 februari 2021")
