"""What a report says is true of it: the text part and the summary say what was done, as the HTML
does; a report made on demand (`regie rapport`, which records nothing) never calls itself the first;
and words recorded by someone other than the regisseur are not shown as the regisseur's
(docs/reports.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

PEILDATUM = dt.date(2020, 6, 18)
POH = "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot"
WERKPLAN = "werkplan-2020-combinatiefunctionarissen/evaluatie-werkplan-2019"
STEM = "rapport-mosd-bronckhorst-2020-06-25"  # the next MOSD; no council meeting in the calendar:
STEMS = {"mosd": STEM, "raad": "rapport-raad-bronckhorst-stand-2020-06-18"}
FIRST = "Dit is de eerste rapportage voor deze vergadering; de volgende laat zien wat er sindsdien veranderde."
DONE = ("Tot nu toe is 1 mijlpaal afgerond: „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH, "
        "gereed 10 juni 2020).")


@pytest.fixture(autouse=True)
def _no_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, PEILDATUM.isoformat())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _register(regie, region: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    assert regie("gereed", POH, "--datum", "2020-06-10", "--door", "regisseur-jeugd").code == 0


def test_a_report_on_demand_says_none_was_sent_and_what_was_done(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    _register(regie, region)
    for soort, wie in (("mosd", "het MOSD"), ("raad", "de gemeenteraad")):
        made = regie("rapport", "--vergadering", soort, "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path))
        said = _flat(made.out)
        assert made.code == 0 and "(niets verstuurd of vastgelegd)" in said, made
        assert not re.search(r"\d\d-\d\d-\d{4}", said)  # dates in words (test_rapport_uitvoer.py)
        assert ("Dit rapport telt niet als vorige rapportage: de volgende rapportage die de dienst verstuurt, "
                "vergelijkt met de laatste die de dienst zelf verstuurde.") in said
        text = (tmp_path / f"{STEMS[soort]}.txt").read_text(encoding="utf-8")
        html = _flat((tmp_path / f"{STEMS[soort]}.html").read_text(encoding="utf-8"))
        assert f"- Er is nog geen rapportage voor {wie} verstuurd; dit rapport telt alles tot nu toe.\n" in text
        # the meeting named alike in the report's first line, in its mail's subject and by `regie rapport`
        # (it said "Voor MOSD van" here and "Bronckhorst voor 25-06-2020" there)
        if soort == "mosd":  # the council has no meeting in the calendar
            assert "\nVoor het MOSD van 25 juni 2020, stand per 18 juni 2020.\n" in text
            assert "Bronckhorst voor het MOSD van 25 juni 2020: " in said, said
        assert f"- {DONE}\n" in text and DONE in html
        assert ("Gereed tot nu toe (nog geen rapportage verstuurd): Voortgang Pilot Jeugd POH/SOH: "
                "Evaluatie Pilot Jeugd POH/SOH (10 juni 2020).") in text
        assert "Gereed tot nu toe (1; nog geen rapportage verstuurd)" in html
        for where in (text, html):
            assert "eerste rapportage" not in where
        for words in (said, text, html):  # a report, never an "overzicht" (that is `regie overzicht`)
            assert "overzicht" not in words.lower(), words


def test_a_report_on_demand_after_the_service_sent_this_meeting_s_report_says_so(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    """Before: "Er is nog geen rapportage voor MOSD verstuurd" right after the service had sent it."""
    from models.tables import Meeting, Municipality, Report

    _register(regie, region)
    with db.session() as session:
        bronckhorst = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        meeting = session.scalars(select(Meeting).where(Meeting.gemeente_id == bronckhorst.id,
                                                        Meeting.soort == "mosd",
                                                        Meeting.datum == dt.date(2020, 6, 25))).one()
        session.add(Report(gemeente_id=bronckhorst.id, vergadering_id=meeting.id, peildatum=dt.date(2020, 6, 18),
                           pdf="-", status="verstuurd",
                           verstuurd_op=dt.datetime(2020, 6, 18, 4, 45, tzinfo=dt.UTC)))  # 06:45 in Amsterdam
        session.commit()
    made = regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path))
    assert made.code == 0, made
    text = (tmp_path / f"{STEM}.txt").read_text(encoding="utf-8")
    html = _flat((tmp_path / f"{STEM}.html").read_text(encoding="utf-8"))
    assert ("- De rapportage voor deze vergadering is al verstuurd op 18 juni 2020; dit rapport is een nieuwe "
            "stand die niet wordt verstuurd en telt alles tot nu toe.\n") in text
    assert "Gereed tot nu toe (1; dit rapport wordt niet verstuurd)" in html
    for where in (text, html):
        assert "nog geen rapportage" not in where and "eerste rapportage" not in where


def test_reports_for_a_region_are_called_reports_in_the_plural(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    assert regie("laad", str(region)).code == 0
    made = regie("rapport", "--vergadering", "mosd", "--uitvoer", str(tmp_path))
    said = _flat(made.out)
    assert made.code == 0 and "Deze rapporten tellen niet als vorige rapportage:" in said, made
    assert "overzicht" not in said.lower()


def test_the_service_s_first_report_still_says_it_is_the_first_and_later_ones_what_was_done(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie) -> None:
    from models.settings import get_settings
    from models.tables import Meeting, Municipality, Report
    from services.reports.report_run import prepare
    from services.reports.reporting import build, make

    _register(regie, region)
    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        meeting = session.scalars(select(Meeting).where(Meeting.gemeente_id == gemeente.id, Meeting.soort == "mosd",
                                                        Meeting.datum > PEILDATUM)).first()
        assert meeting is not None
        prepare(session=session, meeting=meeting, peildatum=PEILDATUM, settings=get_settings())
        report = session.scalars(select(Report)).one()
        text = Path(report.pdf).with_suffix(".txt").read_text(encoding="utf-8")
        assert f"- {FIRST}\n- {DONE}\n" in text
        assert "Gereed tot nu toe (dit is de eerste rapportage): Voortgang Pilot Jeugd POH/SOH" in text
        session.rollback()
    with db.session() as session:  # a report sent on 25 May: this one counts from it
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        meeting = Meeting(gemeente_id=gemeente.id, soort="mosd", datum=dt.date(2020, 6, 1))
        session.add(meeting)
        session.flush()
        session.add(Report(gemeente_id=gemeente.id, vergadering_id=meeting.id, peildatum=dt.date(2020, 5, 25),
                           pdf="-", aangemaakt_op=dt.datetime(2020, 5, 25, 8, tzinfo=dt.UTC)))
        session.flush()
        since = build(session=session, gemeente=gemeente, soort="mosd", peildatum=PEILDATUM, vergaderdatum=None)
        made = make(since, folder=Path(get_settings().rapport_dir) / "test", name="sinds")
    assert ("Gereed sinds de vorige rapportage: Voortgang Pilot Jeugd POH/SOH: Evaluatie Pilot Jeugd POH/SOH "
            "(10 juni 2020).") in made.tekst
    assert "Sinds de vorige rapportage (25 mei 2020) is 1 mijlpaal afgerond" in made.tekst
    assert FIRST not in made.tekst and "Tot nu toe is" not in made.tekst


def test_a_coordinator_s_move_is_not_shown_as_the_regisseur_s_words(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    assert regie("laad", str(region)).code == 0
    assert regie("verplaats", WERKPLAN, "--naar", "2020-09-01", "--reden", "Wacht op cijfers van de sportbond",
                 "--door", "coordinator-sociaal-domein").code == 0
    assert regie("verplaats", POH, "--naar", "2020-10-31", "--reden", "Na de zomer",
                 "--door", "regisseur-jeugd").code == 0
    assert regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path)).code == 0
    text = (tmp_path / f"{STEM}.txt").read_text(encoding="utf-8")
    html = _flat((tmp_path / f"{STEM}.html").read_text(encoding="utf-8"))
    flat = _flat(text)
    assert ("* Werkplan 2020 Combinatiefunctionarissen: geen koers. Laatste voortgang 18 juni 2020: nieuwe datum "
            "voor „Evaluatie werkplan 2019 combinatiefunctionarissen”: 1 september 2020 (was 31 december 2019), "
            "reden: „Wacht op cijfers van de sportbond”, vastgelegd door Coördinator sociaal domein.") in flat, flat
    assert ("Nieuwe datum voor „Evaluatie werkplan 2019 combinatiefunctionarissen”: 1 september 2020 (was 31 "
            "december 2019), reden: „Wacht op cijfers van de sportbond”, vastgelegd door Coördinator sociaal "
            "domein") in html, html
    # the regisseur's own move: what happened as a fact, only the reason (their words) quoted
    assert ("Laatste voortgang 18 juni 2020: nieuwe datum voor „Evaluatie Pilot Jeugd POH/SOH”: 31 oktober 2020 "
            "(was 31 juli 2020), reden: „Na de zomer”.") in flat, flat
    assert "„Nieuwe datum" not in text and "„Nieuwe datum" not in html
    assert text.count("vastgelegd door") == 1


def test_a_milestone_a_coordinator_marked_done_is_named_as_theirs(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, regie) -> None:
    """A coordinator's `regie gereed` counts as progress, but "Laatste voortgang" said only its day, as
    if the regisseur had answered without a word: it says what it was and who recorded it."""
    assert regie("laad", str(region)).code == 0
    assert regie("gereed", POH, "--door", "coordinator-sociaal-domein").code == 0
    assert regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path)).code == 0
    text = _flat((tmp_path / f"{STEM}.txt").read_text(encoding="utf-8"))
    html = _flat((tmp_path / f"{STEM}.html").read_text(encoding="utf-8"))
    assert ("* Voortgang Pilot Jeugd POH/SOH: geen koers. Laatste voortgang 18 juni 2020: mijlpaal „Evaluatie "
            "Pilot Jeugd POH/SOH” gereed, vastgelegd door Coördinator sociaal domein.") in text, text
    assert ("Mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed, vastgelegd door Coördinator sociaal domein"
            "</span>") in html  # on a line of its own in the page: begins with a capital
