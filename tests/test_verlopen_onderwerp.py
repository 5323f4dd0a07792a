"""The coordinator's notice that a check-in expired: its subject and its body count the same things
(a new user's trial: the subject said "1 punt, 1 te laat" while the body told of one unanswered
request about five activities and called nothing late). A digest of such notices only is a notice
about unanswered requests, in the subject and the opening line alike; in a mixed digest the notice is
one point, not a late one. Rendered as the outbox renders it (services/outbox/messages.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
DAG = dt.date(2020, 7, 6)


def _expired(regisseur: str, n: int) -> dict[str, Any]:
    return {"regel": "uitvraag-verlopen", "programma": "Voortgang uitvragen", "activiteit": regisseur,
            "wat": "ronde van 22 juni 2020", "dagen": 14, "rol": "coordinator", "datum": "0001-01-01",
            "soort": f'de {n} activiteiten staan als "geen update" in de rapportage.', "te_laat": True,
            "onzeker": False, "vraag_evaluatie": False, "door": None, "bron": "run-1", "begroting": None,
            "activiteit_id": 0, "onderwerp": "uitvraag", "onderwerp_id": 1}


def _late() -> dict[str, Any]:
    return {"regel": "te-laat", "programma": "Bronckhorst · programma 1: Gezond en weerbaar",
            "activiteit": "Voortgang pilot Steungezinnen", "wat": "Evaluatie pilot Steungezinnen", "dagen": 36,
            "rol": "coordinator", "datum": "2020-05-31", "soort": "evaluatie", "te_laat": True, "onzeker": False,
            "vraag_evaluatie": False, "door": None, "bron": None, "begroting": None, "activiteit_id": 5,
            "onderwerp": "mijlpaal", "onderwerp_id": 9}


def _message(*items: dict[str, Any]) -> tuple[str, str, str]:
    from services.outbox.messages import Overzicht, message

    programmas: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        programmas.setdefault(item["programma"], []).append(item)
    digest = Overzicht(3, "coordinator-sociaal-domein", "Coördinator sociaal domein", ["coordinator"],
                       ["mailto:coordinator@example.org"], 1, list(range(len(items))), programmas, pagina=False)
    sent = message(digest, peildatum=DAG, link="http://127.0.0.1:4200")
    return sent.onderwerp, " ".join(sent.tekst.split()), " ".join(sent.html.split())


def test_one_expired_request_is_one_unanswered_request_in_subject_and_body(db) -> None:  # type: ignore[no-untyped-def]
    subject, text, html = _message(_expired("Regisseur programma 1 (regisseur-jeugd)", 5))
    assert subject == "programmaregie 6 juli 2020: een vraag om voortgang is niet beantwoord"
    assert ("Dit is een melding van programmaregie voor 6 juli 2020: een vraag om voortgang is niet "
            "beantwoord.") in text, text
    assert 'de 5 activiteiten staan als "geen update" in de rapportage.' in text
    opening = text.split(" == ")[0]  # the body's count, before the items (the footer speaks of "punt")
    for said in (subject, opening, html.split("</p>")[1]):
        assert "te laat" not in said and "punt" not in said, said


def test_two_expired_requests_are_counted_alike_in_subject_and_body(db) -> None:  # type: ignore[no-untyped-def]
    subject, text, html = _message(_expired("Regisseur programma 1 (regisseur-jeugd)", 5),
                                   _expired("Beleidsmedewerker onderwijs (beleid-onderwijs)", 2))
    assert subject == "programmaregie 6 juli 2020: 2 vragen om voortgang zijn niet beantwoord"
    assert "voor 6 juli 2020: 2 vragen om voortgang zijn niet beantwoord." in text, text
    assert "2 vragen om voortgang zijn niet beantwoord." in html, html


def test_in_a_mixed_digest_the_expiry_is_a_point_but_not_a_late_one(db) -> None:  # type: ignore[no-untyped-def]
    subject, text, html = _message(_expired("Regisseur programma 1 (regisseur-jeugd)", 5), _late())
    assert subject == "programmaregie 6 juli 2020: 2 punten, 1 te laat"
    assert "voor 6 juli 2020: 2 punten, waarvan 1 te laat." in text, text
    assert "1 te laat" in html
