"""A milestone marked done by mistake is reopened from the answer page (a trial: regisseurs use the page
from their mail, never `regie heropen`): through the same answer service, history and reminders alike;
a reopen without a reason is refused beside its field; the same form sent twice, or after a colleague
reopened it, records one reopening and says so in plain words (web/reopen.py). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlmodel import select

from tests.conftest import Database, set_today
from tests.web.fixtures import DAG, POH

EVALUATIE = f"{POH}/evaluatie-pilot"
OMSCHRIJVING = "„Evaluatie Pilot Jeugd POH/SOH”"
REDEN = "Per vergissing gereed gemeld"


def _flat(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _link(persoon_id: int) -> str:
    from web.links import personal_link

    return personal_link(persoon_id).replace("http://127.0.0.1:8400", "")


def _form(page: str) -> dict[str, str]:
    """The hidden fields the page sent: its CSRF token and the done each reopen is about."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


@pytest.fixture
def done(client, loaded, regie, monkeypatch):  # type: ignore[no-untyped-def]
    """The evaluation marked done on 20 July by someone else (by mistake); the owner's page opened."""
    set_today(monkeypatch, DAG.isoformat())
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", "--door", "beleid-onderwijs").code == 0
    url = _link(loaded["persoon"])
    return url, f"m{loaded[EVALUATIE]}", client.get(url).text


def _reopens(db: Database, milestone: int) -> list[tuple[object, ...]]:
    from models.tables import Change

    with db.session() as session:
        return [(c.oud, c.nieuw, c.door, c.bron, c.reden) for c in session.exec(select(Change).where(
            Change.onderwerp_id == milestone, Change.onderwerp == "mijlpaal", Change.veld == "gereed",
            Change.nieuw.is_(None)))]  # type: ignore[union-attr]


def _gereed(db: Database, milestone: int) -> object:
    from models.tables import Milestone

    with db.session() as session:
        return session.get(Milestone, milestone).gereed  # type: ignore[union-attr]


def _reminded(db: Database) -> list[str]:
    """What the next daily check reminds of (as tests/web/test_answer_page.py asks it)."""
    import datetime as dt

    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    return [h.wat for h in plan(facts.activiteiten, peildatum=DAG + dt.timedelta(days=1),
                                regels=get_settings().regels, werkdagen=Werkdagen(),
                                coordinatoren=facts.coordinatoren)]


def test_a_done_milestone_is_reopened_from_the_page_once_with_who_when_and_why(  # type: ignore[no-untyped-def]
        client, done, db: Database) -> None:
    url, m, page = done
    assert "Evaluatie Pilot Jeugd POH/SOH" not in _reminded(db)
    said = _flat(page)
    assert "Mijlpaal: Evaluatie Pilot Jeugd POH/SOH Gereed op 20 juli 2020." in said, said
    assert "Deze mijlpaal is toch niet gereed (heropenen)" in said and "Waarom?" in said
    assert f'aria-describedby="{m}-stand {m}_heropen-hint"' in page
    assert f'aria-describedby="{m}_waarom-hint"' in page
    form = {**_form(page), f"{m}_heropen": "1", f"{m}_waarom": f"  {REDEN} "}
    assert form[f"stand_{m}"] not in ("", "0")  # the history row of the done shown

    reply = client.post(url, data=form)
    assert reply.status_code == 200, _flat(reply.text)
    said = _flat(reply.text)
    assert (f"Dit hebben we vastgelegd: Voortgang Pilot Jeugd POH/SOH: mijlpaal {OMSCHRIJVING} heropend (was "
            f"gereed op 20 juli 2020), reden: „{REDEN}”") in said, said
    assert "Een heropende mijlpaal staat weer open op Mijn activiteiten. De geschiedenis bewaart" in said
    # what its reminders will be, from its date and the rules (as `regie heropen` says it)
    assert ("De uiterste datum van mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (31 juli 2020) is voorbij: vanaf de "
            "volgende controle krijgt u weer herinneringen, elke 7 dagen zolang hij open staat.") in said, said
    assert ("Let op: de uiterste datum van mijlpaal „Evaluatie Pilot Jeugd POH/SOH”, 31 juli 2020, is voorbij "
            "(vandaag is 3 augustus 2020): de mijlpaal telt als te laat. Is er een nieuwe datum, vul die dan in op "
            "Mijn activiteiten, bij de mijlpaal onder „Of: nieuwe datum”.") in said, said
    milestone = int(m[1:])
    assert _gereed(db, milestone) is None
    assert _reopens(db, milestone) == [("2020-07-20", None, "regisseur-jeugd", "antwoord", REDEN)]
    assert "Evaluatie Pilot Jeugd POH/SOH" in _reminded(db)  # the reminders run again (late since 31 July)
    # the page shows it open again, and the latest answer says what it did, as the report does
    again = _flat(client.get(url).text)
    assert f'id="{m}_klaar"' in client.get(url).text and "Gereed op 20 juli 2020." not in again
    assert (f"Laatste antwoord: geen koers, mijlpaal {OMSCHRIJVING} heropend (was gereed op 20 juli 2020), "
            f"reden: „{REDEN}” (3 augustus 2020).") in again, again

    # the same form again (a reload, the back button): said plainly, recorded once
    twice = client.post(url, data=form)
    assert twice.status_code == 200
    said = _flat(twice.text)
    assert "er was niets te wijzigen" in said, said
    assert re.search(f"Voortgang Pilot Jeugd POH/SOH: mijlpaal {OMSCHRIJVING} was al heropend \\(door u, op 3 "
                     r"augustus 2020 om \d\d:\d\d\); er is niets opnieuw vastgelegd\.", said), said
    assert len(_reopens(db, milestone)) == 1


def test_a_reopen_without_a_reason_is_refused_beside_its_field_and_records_nothing(  # type: ignore[no-untyped-def]
        client, done, db: Database) -> None:
    url, m, page = done
    before = db.snapshot()
    reply = client.post(url, data={**_form(page), f"{m}_heropen": "1", f"{m}_waarom": "  "})
    assert reply.status_code == 400
    said = _flat(reply.text)
    message = (f"Voortgang Pilot Jeugd POH/SOH, mijlpaal {OMSCHRIJVING}, heropenen: geef een reden waarom de "
               "mijlpaal weer open gaat.")
    assert "Uw antwoord is nog niet verwerkt" in said and message in said, said
    field = re.search(f'<input type="text" name="{m}_waarom"[^>]*>', reply.text).group(0)  # type: ignore[union-attr]
    assert 'aria-invalid="true"' in field and f"{m}_waarom-fout" in field and "autofocus" in field
    assert f'id="{m}_heropen" value="1" checked' in reply.text  # the tick kept
    # a reason without the tick: asked, not ignored
    reply = client.post(url, data={**_form(page), f"{m}_waarom": REDEN})
    assert reply.status_code == 400
    assert "U gaf een reden, maar vinkte „Deze mijlpaal is toch niet gereed (heropenen)” niet aan." in _flat(
        reply.text)
    assert db.snapshot() == before


def test_a_reopen_overtaken_by_a_colleague_is_said_and_the_rest_of_the_answer_recorded(  # type: ignore[no-untyped-def]
        client, done, db: Database, loaded, regie) -> None:
    url, m, page = done
    milestone = int(m[1:])
    assert regie("heropen", EVALUATIE, "--reden", "Nog niet af", "--door", "coordinator-sociaal-domein").code == 0
    a = f"a{loaded['a:' + POH]}"
    reply = client.post(url, data={**_form(page), f"{m}_heropen": "1", f"{m}_waarom": REDEN,
                                   f"{a}_koers": "risico"})
    assert reply.status_code == 200
    said = _flat(reply.text)
    assert "Voortgang Pilot Jeugd POH/SOH: koers: risico" in said, said
    assert re.search(f"mijlpaal {OMSCHRIJVING} was al heropend \\(door Coördinator sociaal domein, op 3 augustus "
                     r"2020 om \d\d:\d\d\); er is niets opnieuw vastgelegd\.", said), said
    assert [r[2] for r in _reopens(db, milestone)] == ["coordinator-sociaal-domein"]

    # done again since the page was opened: the old page's reopen does not undo the new done
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-31").code == 0
    reply = client.post(url, data={**_form(page), f"{m}_heropen": "1", f"{m}_waarom": REDEN})
    assert reply.status_code == 200
    said = _flat(reply.text)
    assert (f"mijlpaal {OMSCHRIJVING} is na het openen van deze pagina opnieuw gereed gemeld (gereed op 31 juli "
            "2020); hij is niet heropend. Moet hij toch weer open, open dan de pagina opnieuw.") in said, said
    assert str(_gereed(db, milestone)) == "2020-07-31" and len(_reopens(db, milestone)) == 1


def test_two_reopens_sent_at_the_same_moment_record_one(done, db: Database, loaded) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL writes answers side by side: the second waits for the milestone the first locked, then
    finds it open (SQLite writes one answer at a time under the page's lock: the test above)."""
    if db.url.startswith("sqlite"):
        pytest.skip("SQLite: de pagina schrijft antwoorden een voor een (web/threads.py)")
    import threading

    from sqlmodel import Session

    from web import answers, links
    from web.overview import overview, touched

    _, m, page = done
    form = {**_form(page), f"{m}_heropen": "1", f"{m}_waarom": REDEN}

    def record(session: Session) -> answers.Vastgelegd:
        person = links.person_for(links.make_token(loaded["persoon"]), session=session)
        programmes = overview(session=session, person=person, vandaag=DAG, alleen=touched(form), volledig=False)
        return answers.record(session=session, person=person, gelezen=answers.read(form, programmes, vandaag=DAG),
                              vandaag=DAG)

    second: list[answers.Vastgelegd] = []

    def later() -> None:
        with Session(db.engine) as session:
            second.append(record(session))
            session.commit()

    with Session(db.engine) as session:
        first = record(session)  # not committed yet
        thread = threading.Thread(target=later)
        thread.start()
        thread.join(1.5)
        assert thread.is_alive()  # waits for the milestone the first answer locked
        session.commit()
    thread.join(30)
    assert first.regels and not second[0].regels, (first, second)
    assert "was al heropend (door u, op 3 augustus 2020 om" in second[0].ongewijzigd[0], second
    assert len(_reopens(db, int(m[1:]))) == 1


def test_a_start_reopened_past_its_date_is_said_to_get_no_reminder(  # type: ignore[no-untyped-def]
        client, loaded, regie, db: Database, monkeypatch) -> None:
    """As `regie heropen` says it: a start is never late, and past its date it gets no reminder."""
    from models.tables import Person

    set_today(monkeypatch, DAG.isoformat())
    start = "oab-integreren-in-sociaal-domein/beleidsregels-oab-in-werking"  # soort: start, 1 januari 2020
    assert regie("gereed", start, "--datum", "2020-01-02", "--door", "beleid-onderwijs").code == 0
    with db.session() as session:
        owner = session.exec(select(Person.id).where(Person.sleutel == "beleid-onderwijs")).one()
    url = _link(owner)
    page = client.get(url).text
    m = next(k for k in re.findall(r'name="(m\d+)_heropen"', page))
    said = _flat(client.post(url, data={**_form(page), f"{m}_heropen": "1", f"{m}_waarom": REDEN}).text)
    assert ("Let op: de datum van startmijlpaal „Beleidsregels OAB gaan in”, 1 januari 2020, is voorbij "
            "(vandaag is 3 augustus 2020). Een start telt nooit als te laat") in said, said
    assert "telt als te laat. Is er een nieuwe datum" not in said
    assert "herinneringen lopen" not in said and "krijgt u weer herinneringen" not in said  # the notice says it
