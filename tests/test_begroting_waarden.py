"""Budget values: a wrong one is named with file, line, field and what to write; the check-in asks for
the spending of its round's year; the alert is mailed once; one amount reads the same everywhere."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.conftest import set_today
from tests.test_begroting_register import OLD_AMOUNTS, POH, PROGRAMME, _with_new_amounts
from tests.test_register_errors import assert_refused, break_file

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        per: maandelijks\n        bron: x",
     ["ongeldige waarde 'maandelijks'", "Kies uit: jaar, eenmalig, kwartaal, totaal", "bedragen[1].per",
      "totaal: één bedrag voor de jaren vanaf"]),
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        per: jaar\n        schaal: zeven gemeenten",
     ["ongeldige waarde 'zeven gemeenten'", "Kies uit: gemeente, per-gemeente, regio", "bedragen[1].schaal",
      "regio: een totaal voor meer gemeenten"]),
    # The example year is one of the activity's own (its milestones are in 2020), not a fixed one.
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        per: jaar\n        jaar: twintig",
     ["'twintig' is geen jaartal", "jaar: 2020", "bedragen[1].jaar"]),
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        per: jaar\n        jaar: 2020\n        vanaf: 2019",
     ["óf jaar (één jaar), óf vanaf en tot_en_met", "bedragen[1]"]),
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        per: totaal",
     ["per: totaal is een bedrag voor een reeks jaren", "vanaf: 2020 en tot_en_met: het laatste jaar"]),
    ("        per: jaar\n        bron: jaarlijks € 231.907,60", "        ondergrens: 300000",
     ["ondergrens (300000) is hoger dan bedrag (231907.6)", "is bedrag de bovengrens"]),
])
def test_a_wrong_budget_value_names_file_line_field_and_what_to_write(db, sample, regie, old, new, words) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    loaded = db.snapshot()
    line = break_file(sample, PROGRAMME, old, new)
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=None, words=[])
    message = " ".join(outcome.err.split())  # the terminal wraps long lines
    assert all(word in message for word in words), (words, message)
    assert f"programma-1.yaml, regel {line}" in outcome.err or f"programma-1.yaml, regel {line - 1}" in outcome.err \
        or f"programma-1.yaml, regel {line + 1}" in outcome.err, (line, outcome.err)
    assert db.snapshot() == loaded


def test_the_check_in_asks_for_the_spending_of_its_rounds_year(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Prefilled with this year's figure only: last year's total sent back unchanged in January
    would otherwise count again as this year's spending."""
    from models.tables import Municipality
    from services.checkins.checkin import answers, form_fields, prepare

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2025-06-16")
    assert regie("voortgang", POH, "--besteed", "80000").code == 0
    with db.session() as session:
        gemeente_id = session.scalars(select(Municipality.id)).one()
        forms = {ronde: prepare(session=session, persoon="regisseur-jeugd", gemeente_id=gemeente_id,
                                flow_run_id=f"run-{ronde}", ronde=ronde).formulier  # type: ignore[union-attr]
                 for ronde in (dt.date(2025, 9, 1), dt.date(2026, 1, 12))}
    for ronde, prefilled in ((dt.date(2025, 9, 1), "80.000"), (dt.date(2026, 1, 12), None)):
        form = forms[ronde]
        i = next(i for i, a in enumerate(form) if a["sleutel"] == POH)
        assert (form[i]["besteed"], form[i]["besteed_jaar"]) == (prefilled, ronde.year)
        assert form_fields(form)[f"a{i}_besteed"][1].title.endswith(f"besteed in {ronde.year} tot nu toe (euro)")
        [answer] = [a for a in answers(form, {f"a{i}_besteed": "1000"}) if a.activiteit == POH]
        assert (answer.besteed, answer.besteed_jaar) == (Decimal(1000), ronde.year)


@pytest.mark.usefixtures("prefect")
def test_the_daily_check_mails_the_budget_alert_once_saying_which_amount(db, sample, regie, smtp) -> None:  # type: ignore[no-untyped-def]
    from models.tables import SentReminder
    from tests.test_dagelijkse_controle import REGISSEUR, check

    _with_new_amounts(sample)
    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", POH, "--besteed", "90000").code == 0   # today (2026-11-23): spent in 2026
    check(dt.date(2026, 11, 23))
    text = " ".join(smtp.text(REGISSEUR).split())
    assert ("75% van het budget voor 2026 is besteed: € 90.000 besteed in 2026, van een budget van € 120.000. "
            "Het budget is een bandbreedte; vergeleken is met de bovengrens. Het regionale bedrag van € 700.000 "
            "telt niet mee") in text
    assert "100% van het totaalbudget voor 2024–2026 is besteed" in text
    check(dt.date(2026, 11, 24))   # the next day: recorded once, not again
    with db.session() as session:
        stages = sorted(session.scalars(select(SentReminder.fase).where(SentReminder.regel == "budget")))
    assert stages == ["70-2024-2026", "70-2026"]


@pytest.mark.usefixtures("prefect")
def test_one_amount_reads_the_same_in_the_report_the_mail_and_the_answer_page(  # type: ignore[no-untyped-def]
        db, sample, regie, smtp, tmp_path) -> None:
    """The report's activity line rounded to whole euros (€ 12.346) while its budget table, the mail
    and the page showed cents (€ 12.345,50): one formatter (``euro``), one rule, everywhere."""
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from models.tables import Municipality, Person
    from services.reports.reporting import build, make
    from tests.test_dagelijkse_controle import REGISSEUR, check
    from web.app import create_app
    from web.links import personal_link

    path = sample / PROGRAMME
    path.write_text(path.read_text(encoding="utf-8").replace(
        OLD_AMOUNTS, "    bedragen:\n      - bedrag: 12345.50\n        per: jaar\n", 1), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    assert regie("voortgang", POH, "--besteed", "9.876,55").code == 0  # 80% of this year's budget
    budget, spent = "€ 12.345,50", "€ 9.876,55"

    with db.session() as session:
        report = build(session=session, gemeente=session.scalars(select(Municipality)).one(), soort="mosd",
                       peildatum=dt.date(2026, 11, 23), vergaderdatum=None)
        regisseur = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one().id
    made = make(report, folder=tmp_path, name="r")
    page = " ".join(made.html.split())
    row = page[page.index("Voortgang Pilot Jeugd POH/SOH</td>"):]
    assert row.split("</tr>")[0].endswith(f'<td class="n">{budget}<br>{spent} besteed</td>')  # the activity line
    begroting = page[page.index("Budget en besteding per jaar"):]
    assert f'<td class="n bedrag">{budget}</td> <td class="n bedrag">{spent}</td>' in begroting
    assert "€ 12.346" not in page and "€ 9.877" not in page

    check(dt.date(2026, 11, 23))
    mail = " ".join(smtp.text(REGISSEUR).split())
    assert f"80% van het budget voor 2026 is besteed: {spent} besteed in 2026, van een budget van {budget} per " \
           "jaar." in mail

    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: dt.date(2026, 11, 23))
    with TestClient(app, base_url="http://127.0.0.1:8400") as client:
        shown = " ".join(client.get(personal_link(regisseur).replace("http://127.0.0.1:8400", "")).text.split())
    assert f"besteed in 2026 {spent}" in shown
