"""The answer page behind a personal link, through Starlette's TestClient on a real database."""

from __future__ import annotations

import datetime as dt
import re
import time
from html import unescape

from sqlmodel import select

from tests.conftest import Database
from tests.web.fixtures import DAG, POH


def _link(persoon_id: int, **kw) -> str:  # type: ignore[no-untyped-def]
    from web.links import personal_link

    return personal_link(persoon_id, **kw).replace("http://127.0.0.1:8400", "")


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _post(client, url: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    page = client.get(url)
    return client.post(url.split("?")[0].split("#")[0], data={"csrf": _csrf(page.text), **data})


def test_my_link_shows_my_open_activities_by_programme_and_not_someone_elses(client, loaded) -> None:  # type: ignore[no-untyped-def]
    page = client.get(_link(loaded["persoon"]))
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Mijn activiteiten" in text and "Programma 1: " in text
    assert "Voortgang Pilot Jeugd POH/SOH" in text and "Evaluatie Pilot Jeugd POH/SOH" in text
    assert "Laatste antwoord:\nnog geen" in text or "Laatste antwoord: nog geen" in text.replace("\n", " ")
    assert "Uitvoeringsstrategie rijkere visie op onderwijs" not in text  # owned by beleid-onderwijs
    other = unescape(client.get(_link(loaded["p:beleid-onderwijs"])).text)
    assert "Beleidsmedewerker onderwijs" in other
    assert "Voortgang Pilot Jeugd POH/SOH" not in other and "Regisseur programma 1" not in other


def test_my_latest_answer_names_who_recorded_words_that_are_not_mine(client, loaded, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A coordinator's move is not shown as my answer (services/reports/authors.py, as the report)."""
    from tests.conftest import set_today

    set_today(monkeypatch, DAG.isoformat())
    assert regie("verplaats", f"{POH}/evaluatie-pilot", "--naar", "2020-09-30", "--reden", "Wacht op de GGD",
                 "--door", "coordinator-sociaal-domein").code == 0
    said = " ".join(unescape(client.get(_link(loaded["persoon"])).text).split())
    assert ("Laatste antwoord: geen koers, nieuwe datum voor „Evaluatie Pilot Jeugd POH/SOH”: 30 september 2020 "
            "(was 31 juli 2020), reden: „Wacht op de GGD”, vastgelegd door Coördinator sociaal domein (3 augustus "
            "2020).") in said, said  # the system's part as a fact, only the reason quoted


def test_a_milestone_the_coordinator_marked_done_is_named_as_theirs(client, loaded, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import set_today

    set_today(monkeypatch, DAG.isoformat())
    assert regie("gereed", f"{POH}/evaluatie-pilot", "--door", "coordinator-sociaal-domein").code == 0
    said = " ".join(unescape(client.get(_link(loaded["persoon"])).text).split())
    assert ("Laatste antwoord: geen koers, mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed, vastgelegd door "
            "Coördinator sociaal domein (3 augustus 2020).") in said, said


def test_a_get_of_any_link_changes_nothing(client, loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    before = db.snapshot()
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    urls = ["/", "/gezond", "/static/regie.css", _link(loaded["persoon"]),
            _link(loaded["persoon"], item=m, actie="gereed"), _link(loaded["persoon"], item=m, actie="datum"),
            _link(loaded["persoon"], item=f"a{loaded['a:' + POH]}", actie="volgens-plan"),
            "/mijn/niet-geldig", _link(loaded["persoon"])[:-3] + "abc"]
    for url in urls:
        assert client.get(url).status_code in (200, 403), url
    assert db.snapshot() == before


def test_a_direct_link_opens_the_item_focused_and_prefilled(client, loaded) -> None:  # type: ignore[no-untyped-def]
    m = f"m{loaded[POH + '/evaluatie-pilot']}"
    page = client.get(_link(loaded["persoon"], item=m, actie="gereed")).text
    assert re.search(rf'name="{m}_klaar" id="{m}_klaar" value="1" checked autofocus', page)
    assert f'name="{m}_gereed" id="{m}_gereed" value="03-08-2020"' in page  # today, as a person writes it
    # "Loopt volgens plan" presets "op koers" for an activity without a late milestone.
    whole = client.get(_link(loaded["persoon"])).text
    articles = dict(re.findall(r'<article class="activiteit[^"]*" id="(a\d+)"(.*?)</article>', whole, re.S))
    on_time = next(a for a, body in articles.items() if 'class="laat"' not in body)
    page = client.get(_link(loaded["persoon"], item=on_time, actie="volgens-plan")).text
    assert f'id="{on_time}_koers_op-koers" value="op-koers" checked autofocus' in page
    # Not for one whose milestone is late (the evaluation, since 31 July), as an older mail's link
    # offered: the choice stays the person's. "Toelichting" opens its text, nothing preset.
    a = f"a{loaded['a:' + POH]}"
    assert 'class="laat"' in articles[a]
    page = client.get(_link(loaded["persoon"], item=a, actie="volgens-plan")).text
    assert f'id="{a}_koers_op-koers" value="op-koers" autofocus' in page and f'name="{a}_koers" id' in page
    assert not re.search(rf'name="{a}_koers" id="[^"]+" value="[^"]+" checked', page)
    page = client.get(_link(loaded["persoon"], item=a, actie="toelichting")).text
    assert re.search(rf'<textarea name="{a}_tekst" id="{a}_tekst"[^>]* autofocus>', page)
    assert not re.search(rf'name="{a}_koers" id="[^"]+" value="[^"]+" checked', page)


def test_expired_altered_and_revoked_links_get_a_dutch_page_that_says_what_to_do(client, loaded, db, regie) -> None:  # type: ignore[no-untyped-def]
    from models.types import utcnow
    from web.links import personal_link

    person = loaded["persoon"]
    old = utcnow() - dt.timedelta(days=31)  # the one clock, pinned by the tests
    expired = client.get(personal_link(person, now=old).replace("http://127.0.0.1:8400", ""))
    said = " ".join(unescape(expired.text).split())
    assert expired.status_code == 403 and "is verlopen" in said, said
    # the regisseur is told whom to ask, by name; the coordinator's command is in docs/answering.md
    assert "Of vraag Coördinator sociaal domein om een nieuwe link" in said and "regie link" not in said
    good = _link(person)
    token = good.rsplit("/", 1)[1]
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = client.get(f"/mijn/{altered}")
    assert page.status_code == 403 and "niet geldig" in page.text and "Voortgang Pilot" not in page.text
    # a trial's own municipality's link on the demo's page (same port, another key): that cause named too
    assert "Of hij hoort bij een andere programmaregie dan de pagina die hier draait" in unescape(page.text)
    other_person = re.sub(r"^[^.]+", "eyJwIjo1LCJ0IjoxfQ", token)  # another id, the old signature
    assert client.get(f"/mijn/{other_person}").status_code == 403
    assert client.get(good).status_code == 200
    outcome = regie("link", "intrekken", "regisseur-jeugd")
    assert outcome.code == 0 and "werken niet meer" in outcome.out
    revoked = client.get(good)
    assert revoked.status_code == 403 and "ingetrokken" in revoked.text and "volgende mail van programmaregie" in revoked.text
    assert "vraag uw coördinator" in unescape(revoked.text) and "Coördinator sociaal" not in unescape(revoked.text)
    fresh = regie("link", "regisseur-jeugd")
    assert fresh.code == 0
    url = re.search(r"http://\S+", fresh.out).group(0)  # type: ignore[union-attr]
    assert client.get(url.replace("http://127.0.0.1:8400", "")).status_code == 200


def test_the_link_key_is_made_once_with_mode_0600_and_never_printed(client, loaded, regie) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    key_file = get_settings().data_dir / "web-sleutel"
    assert not key_file.exists()
    outcome = regie("link", "regisseur-jeugd")
    assert outcome.code == 0 and "/mijn/" in outcome.out
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text().strip()
    again = regie("link", "regisseur-jeugd")
    assert key not in outcome.out + outcome.err + again.out + again.err and key_file.read_text().strip() == key


def test_a_post_without_the_pages_csrf_field_changes_nothing(client, loaded, db: Database) -> None:  # type: ignore[no-untyped-def]
    url = _link(loaded["persoon"])
    client.get(url)
    before = db.snapshot()
    a = f"a{loaded['a:' + POH]}"
    for data in ({f"{a}_koers": "risico"}, {f"{a}_koers": "risico", "csrf": "x" * 32}):
        page = client.post(url, data=data)
        assert page.status_code == 403 and "niet verwerkt" in page.text
    client.cookies.clear()
    page = client.post(url, data={f"{a}_koers": "risico", "csrf": "y" * 32})
    assert page.status_code == 403
    assert db.snapshot() == before


def test_an_invalid_answer_shows_each_dutch_message_beside_its_field_and_changes_nothing(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    url = _link(loaded["persoon"])
    a, done, moved = (f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}",
                      f"m{loaded[POH + '/collegebesluit-voortgang']}")
    before = db.snapshot()
    page = _post(client, url, {f"{a}_koers": "risico", f"{a}_besteed": "-5", f"{done}_klaar": "1",
                               f"{done}_gereed": "2020-09-01", f"{moved}_datum": "2020-11-30",
                               f"{a}_tekst": "Bijna klaar"})
    assert page.status_code == 400
    text = page.text
    for field, words in ((f"{a}_besteed", "negatief"), (f"{done}_gereed", "ligt in de toekomst"),
                         (f"{moved}_reden", "geef een reden")):
        assert re.search(rf'id="{field}-fout">.*{words}', text, re.I), field
        assert re.search(rf'id="{field}"[^>]*aria-invalid="true" aria-describedby="[^"]*{field}-fout"', text), field
    assert "Uw antwoord is nog niet verwerkt" in text and "Er is nog niets gewijzigd" in text
    assert 'value="Bijna klaar"' in text or ">Bijna klaar</textarea>" in text  # what was typed stays
    # A refused date stays as typed, in the text field every date has (Dutch whatever the browser)
    assert re.search(rf'<input type="text" name="{done}_gereed"[^>]*value="2020-09-01"', text)
    page = _post(client, url, {f"{a}_besteed": "twaalf"})
    assert "geen bedrag" in page.text
    page = _post(client, url, {f"{done}_gereed": "31-13-2020"})
    assert re.search(rf'id="{done}_gereed-fout">.*bestaat niet: een maand is 1 tot en met 12', page.text)
    # … also what is no date at all
    assert re.search(rf'<input type="text" name="{done}_gereed"[^>]*value="31-13-2020"', page.text)
    page = _post(client, url, {})
    assert page.status_code == 400 and "nog niets ingevuld" in page.text
    assert db.snapshot() == before


def test_a_valid_answer_is_applied_at_once_with_history_and_reminders_stop_or_move(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Change, Indicator, Measurement, Milestone, ProgressUpdate

    with db.session() as session:
        session.add(Indicator(activiteit_id=loaded["a:" + POH], sleutel="deelnemers", naam="Deelnemende praktijken",
                              eenheid="praktijken"))
        session.commit()
        indicator = session.exec(select(Indicator)).one().id
    url = _link(loaded["persoon"])
    a, done, moved = (f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}",
                      f"m{loaded[POH + '/collegebesluit-voortgang']}")
    page = _post(client, url, {f"{a}_koers": "risico", f"{a}_tekst": "Evaluatie afgerond", f"{a}_besteed": "1.250,50",
                               f"{done}_klaar": "1", f"{done}_gereed": "2020-07-30", f"{moved}_datum": "2020-11-30",
                               f"{moved}_reden": "Wachten op de evaluatie", f"i{indicator}": "12"})
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    assert "uw antwoord is vastgelegd" in text
    assert "mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed op 30 juli 2020" in text
    assert "verplaatst naar 30 november 2020 (reden: Wachten op de evaluatie)" in text
    assert "besteed in 2020 tot nu toe: € 1.250,50" in text
    with db.session() as session:
        milestones = {m.id: m for m in session.exec(select(Milestone))}
        assert milestones[int(done[1:])].gereed == dt.date(2020, 7, 30)
        assert milestones[int(moved[1:])].uiterlijk == dt.date(2020, 11, 30)
        update = session.exec(select(ProgressUpdate)).one()
        assert (update.koers, update.tekst, str(update.besteed), update.besteed_jaar) == (
            "risico", "Evaluatie afgerond", "1250.50", 2020)  # spending of the year of the answer
        assert session.exec(select(Measurement)).one().waarde == 12
        changes = {(c.veld, c.nieuw, c.reden) for c in session.exec(select(Change).where(Change.bron == "antwoord"))}
        assert ("gereed", "2020-07-30", None) in changes
        assert ("uiterlijk", "2020-11-30", "Wachten op de evaluatie") in changes
        assert ("meting 2020-08-03", "12.00", None) in changes  # one rule for measurements (services/checkins/measurements.py)
    # The next daily check plans nothing for the completed milestone.
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    planned = plan(facts.activiteiten, peildatum=DAG + dt.timedelta(days=1), regels=get_settings().regels,
                   werkdagen=Werkdagen(), coordinatoren=facts.coordinatoren)
    assert "Evaluatie Pilot Jeugd POH/SOH" not in [h.wat for h in planned]
    # The page now shows the answer as the latest one, and the milestone as done, no longer to answer
    # (it can be reopened: tests/web/test_answer_reopen.py).
    again = unescape(client.get(url).text)
    assert "risico, „Evaluatie afgerond”" in again and f'id="{done}_klaar"' not in again
    assert f'<p class="hint" id="{done}-stand">Gereed op 30 juli 2020.</p>' in again


def test_an_answer_to_a_waiting_check_in_answers_it_and_resumes_its_run_with_the_form_values(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import CheckIn
    from services.checkins import checkin

    with db.session() as session:
        made = checkin.prepare(session=session, persoon="regisseur-jeugd", gemeente_id=1, flow_run_id="run-1",
                               ronde=DAG)
        session.commit()
        form = made.formulier
    i = next(n for n, spec in enumerate(form) if spec["sleutel"] == POH)
    j = next(n for n, m in enumerate(form[i]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")
    a, done = f"a{loaded['a:' + POH]}", f"m{loaded[POH + '/evaluatie-pilot']}"
    page = _post(client, _link(loaded["persoon"]), {f"{a}_koers": "achter", f"{done}_klaar": "1",
                                                    f"{done}_gereed": "2020-07-31"})
    assert page.status_code == 200 and "De openstaande uitvraag is hiermee beantwoord" in page.text
    with db.session() as session:  # recorded in the answer's transaction, before any hand-over
        answered = session.exec(select(CheckIn)).one()
        assert answered.status == "beantwoord"
        assert answered.hervat_invoer == {f"a{i}_koers": "achter", f"a{i}_m{j}_gereed": "2020-07-31"}
    # handed to the waiting run by the app's background thread, right after the commit
    for _ in range(100):
        if client.resumed:
            break
        time.sleep(0.05)
    assert client.resumed == [("run-1", {f"a{i}_koers": "achter", f"a{i}_m{j}_gereed": "2020-07-31"})]
    for _ in range(100):  # the thread marks the hand-over right after the call
        with db.session() as session:
            if session.exec(select(CheckIn)).one().hervat_op is not None:
                break
        time.sleep(0.05)
    else:
        raise AssertionError("the hand-over was not marked")


def test_posts_are_rate_limited_per_link(client, loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    url = _link(loaded["persoon"])
    csrf = _csrf(client.get(url).text)
    codes = [client.post(url, data={"csrf": csrf}).status_code for _ in range(get_settings().web_posts_per_minuut + 2)]
    assert codes[:3] == [400, 400, 400] and codes[-1] == 429


def test_every_page_sends_the_security_headers_and_escapes_hostile_text(client, loaded, db) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Activity

    with db.session() as session:
        activity = session.get(Activity, loaded["a:" + POH])
        activity.titel = '<script>alert(1)</script><img src=x onerror=alert(2)>'
        session.add(activity)
        session.commit()
    for url in ("/", _link(loaded["persoon"]), "/mijn/kapot"):
        response = client.get(url)
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no scripts
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"
    page = client.get(_link(loaded["persoon"])).text
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;alert(1)" in page
