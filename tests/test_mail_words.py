"""What a mail says about itself: the check-in request is a request for progress, not "uw
overzicht" that "komt hooguit één keer per dag" (it comes the same day as the daily digest), and
only who owns running activities is invited to answer on "Mijn activiteiten". Real SMTP server
(aiosmtpd), the sample register, the daily check as a flow run."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

REGISSEUR = "regisseur.jeugd@example.org"
COORDINATOR = "coordinator.sociaaldomein@example.org"


# He/she forms a municipality does not write: "diens", "haar" for a person, "zijn/haar", "hij/zij".
GENDERED = re.compile(r"\b(?:diens|haar|zijn of haar|haar of zijn|hij of zij|zij of hij)\b|"
                      r"\b(?:hij|zij|zijn|haar|hem|diens)\s*/\s*(?:hij|zij|zijn|haar|hem|diens)\b", re.I)


def _load(register: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=register, max_size=10_000_000)


def _text(smtp: Mailserver, recipient: str) -> str:
    """The plain-text parts of every message to ``recipient``."""
    return "\n".join(part.get_payload(decode=True).decode() for rcpts, message in smtp.received
                     if recipient in rcpts for part in message.walk() if part.get_content_type() == "text/plain")


def test_a_check_in_request_says_it_asks_for_progress_and_when_each_mail_comes(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    from tasks.checkin import prepare_checkin

    _load(sample)
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2020, 6, 15))
    assert prepared is not None and prepared[1] == "wachtend"
    asked = len(prepared[0])
    subject = " ".join(smtp.subjects()[REGISSEUR].split())  # folded when long
    assert subject == f"Vraag om voortgang van {asked} activiteiten (programmaregie, ronde van 15 juni 2020)"
    for body in (" ".join(smtp.text(REGISSEUR).split()), " ".join(_text(smtp, REGISSEUR).split())):
        assert "Dit is een vraag om voortgang van programmaregie, apart van het dagelijkse overzicht." in body
        # by when and for which report (tests/test_checkin_deadline.py): MOSD 25 June, its report on 18 June
        assert f"Wilt u uiterlijk 17 juni 2020 de voortgang doorgeven van uw {asked} activiteiten (ronde van 15 " \
               "juni 2020)? Dan staat die in de rapportage voor het MOSD van 25 juni 2020. Dat doet u " \
               'op uw pagina "Mijn activiteiten"' in body and "/mijn/" in body
        assert "Dit is uw overzicht" not in body and "Dit overzicht komt" not in body
        assert "Een vraag om voortgang komt op de dagen dat uw activiteiten aan de beurt zijn" in body
        assert "Het overzicht met herinneringen komt apart, na de dagelijkse controle." in body


@pytest.mark.usefixtures("prefect")
def test_only_who_owns_running_activities_is_invited_to_answer_on_mijn_activiteiten(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    """The coordinator owns no activity: their page would say "niets door te geven"."""
    from flows.dagelijkse_controle import run_daily_check
    from models.db import get_engine
    from models.settings import get_settings

    _load(sample)
    get_settings.cache_clear()
    get_engine.cache_clear()
    run_daily_check(peildatum=dt.date(2020, 6, 15))
    assert {REGISSEUR, COORDINATOR} <= set(smtp.to())
    assert smtp.subjects()[COORDINATOR].startswith("programmaregie 15 juni 2020: ")
    for body in (" ".join(smtp.text(COORDINATOR).split()), " ".join(_text(smtp, COORDINATOR).split())):
        assert "/mijn/" not in body and "Geef voortgang door" not in body and "voortgang doorgeven" not in body
        # Gender-neutral, without "haar eigenaar … diens pagina" (a trial's finding).
        assert "U heeft zelf geen lopende activiteiten. De voortgang van een activiteit geeft de eigenaar van " \
               "die activiteit door, op een persoonlijke pagina \"Mijn activiteiten\"." in body
        assert not GENDERED.search(body), body
        assert "aparte vraag om voortgang" not in body
        assert "Dit overzicht komt na de dagelijkse controle, alleen met wat nieuw is" in body
    for body in (" ".join(smtp.text(REGISSEUR).split()), " ".join(_text(smtp, REGISSEUR).split())):
        assert "/mijn/" in body and "U heeft zelf geen lopende activiteiten" not in body
        assert "Dit overzicht komt na de dagelijkse controle, alleen met wat nieuw is; hetzelfde punt herhalen we pas " \
               "na een week. Uw voortgang geeft u door met de link hierboven, wanneer het u uitkomt: u hoeft " \
               "niet te wachten op een aparte vraag om voortgang." in body
        # Before: "Een vraag om voortgang komt als apart bericht", which only `regie dienst`'s check-in
        # round sends: with `regie controle` alone no such message ever came.
        assert "komt als apart bericht" not in body


def test_the_check_in_request_speaks_to_the_regisseur_not_about_them(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    """The request was addressed to the regisseur and then named them in the third person
    ("Regisseur programma 1 (Gezond en weerbaar): Geef de voortgang door …", under "Voortgang
    uitvragen"). Dutch government mail addresses its reader as "u", as the digests do."""
    from tasks.checkin import prepare_checkin

    _load(sample)
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2020, 6, 15))
    assert prepared is not None
    naam = "Regisseur programma 1 (Gezond en weerbaar)"
    html, text = " ".join(smtp.text(REGISSEUR).split()), " ".join(_text(smtp, REGISSEUR).split())
    for body in (html, text):
        assert body.count(naam) == 1 and f"Beste {naam}," in body  # named once: in the greeting
        assert "Voortgang uitvragen" not in body and "Uw activiteiten" in body
        assert "Geef de voortgang door" not in body
    assert "== Vraag om voortgang == - Uw activiteiten: Wilt u uiterlijk 17 juni 2020 de voortgang" in text
    assert '<h3>Vraag om voortgang</h3><table role="presentation"><tr><td class="a">Uw activiteiten</td>' in html


def test_register_text_in_a_digest_is_text_in_its_html_also_beside_a_check_in_item() -> None:
    """The check-in items' row label and group heading came from macros that handed register text to
    the HTML unescaped: an activity titled '<akkoord>' became a tag."""
    from services.outbox.messages import Overzicht, message

    items = [{"programma": "Zonnedal <b>1</b>", "activiteit": "Preventie <akkoord> & co", "activiteit_id": 1,
              "wat": "Collegebesluit", "soort": "besluit", "dagen": 7, "te_laat": False, "onzeker": False,
              "vraag_evaluatie": False, "door": None, "bron": None, "rol": "eigenaar", "datum": "2021-02-10",
              "link": None, "regel": "vooraf"},
             {"programma": "Voortgang uitvragen", "activiteit": "Regisseur <i>jeugd</i>", "activiteit_id": 0,
              "wat": "ronde", "soort": "", "dagen": 2, "te_laat": False, "onzeker": False, "vraag_evaluatie": False,
              "door": None, "bron": None, "rol": "eigenaar", "datum": "2021-02-03", "link": None, "regel": "uitvraag"}]
    digest = Overzicht(1, "regisseur-jeugd", "Regisseur", [], ["mailto://r@example.org"], "Zonnedal", [1],
                       {item["programma"]: [item] for item in items})
    bericht = message(digest, peildatum=dt.date(2021, 2, 3), link="http://127.0.0.1/x")
    assert "Preventie &lt;akkoord&gt; &amp; co" in bericht.html and "<akkoord>" not in bericht.html
    assert "<h3>Zonnedal &lt;b&gt;1&lt;/b&gt;</h3>" in bericht.html
    assert "<h3>Vraag om voortgang</h3>" in bericht.html and ">Uw activiteiten</td>" in bericht.html
    assert "Preventie <akkoord> & co:" in bericht.tekst  # the text part shows it as typed


def test_no_mail_or_page_template_writes_he_or_she_forms() -> None:
    """Every Dutch text a person receives is in templates/: none of it says "diens" or "zijn/haar"
    (the digest said "geeft haar eigenaar door op diens pagina"; "hij" for a link or "haar" for an
    activity is grammar, not a person, and the templates do not need it either)."""
    from services.rendering import TEMPLATES

    found = [f"{path.relative_to(TEMPLATES)}: {match[0]}" for path in sorted(TEMPLATES.rglob("*.j2"))
             for match in GENDERED.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
