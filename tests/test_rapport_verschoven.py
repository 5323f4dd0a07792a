"""What moved and why: the report lists per programme the milestones whose date was moved (by
`regie verplaats` or a new date on the answer page) since the previous report, first old date → last
new date with the reasons; the council's version gives the dates without the reasons
(domain/reports/verschoven.py, services/reports/moves.py, docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today
from tests.test_rapport_inhoud import PEILDATUM, _demo, _make, _pdf_text

POH = "voortgang-pilot-jeugd-poh-soh"
EVALUATIE = f"{POH}/evaluatie-pilot"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"
DOOR = ("--door", "regisseur-jeugd")
VORIGE = dt.date(2020, 5, 7)
HOSTILE = "<script>alert(1)</script> & de zomer"


@pytest.fixture(autouse=True)
def _no_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, PEILDATUM.isoformat())


def _said(text: str) -> str:
    return " ".join(text.split()).replace("/ ", "/")  # the PDF's text breaks a line after "POH/"


def test_several_moves_are_one_line_and_a_move_back_is_none() -> None:
    from domain.reports.verschoven import Verplaatsing, Verschuiving, verschuivingen

    d = dt.date
    moves = [Verplaatsing(1, d(2020, 7, 31), d(2020, 9, 30), "Eerst de zomer"),
             Verplaatsing(2, d(2020, 5, 31), d(2020, 7, 1), "Wacht op de wethouder"),
             Verplaatsing(1, d(2020, 9, 30), d(2020, 10, 31), " huisartsen\nop vakantie "),
             Verplaatsing(2, d(2020, 7, 1), d(2020, 5, 31), "Toch op tijd"),
             Verplaatsing(1, d(2020, 10, 31), d(2020, 11, 30), "Eerst de zomer")]
    assert verschuivingen("Pilot", moves, {1: "Evaluatie", 2: "Afspraken"}) == (
        Verschuiving("Pilot", "Evaluatie", d(2020, 7, 31), d(2020, 11, 30),
                     ("Eerst de zomer", "huisartsen op vakantie")),)


def test_an_undone_move_s_reason_does_not_leak_into_the_next_move() -> None:
    """A trial: moved to 1 December ("a"), moved back (undone: "toch niet"), then to 3 March ("c"): the
    report's reason was „a; toch niet; c”. Each move keeps its own reason."""
    from domain.reports.verschoven import Verplaatsing, verschuivingen

    d = dt.date
    moves = [Verplaatsing(1, d(2020, 7, 31), d(2020, 12, 1), "Eerst de tussenrapportage"),
             Verplaatsing(1, d(2020, 12, 1), d(2020, 7, 31), "Toch niet"),
             Verplaatsing(1, d(2020, 7, 31), d(2021, 3, 3), "Nieuwe aanbesteding"),
             Verplaatsing(2, d(2020, 5, 31), d(2020, 6, 30), "Wacht op de wethouder"),
             Verplaatsing(2, d(2020, 6, 30), d(2020, 9, 1), "Na de zomer"),
             Verplaatsing(2, d(2020, 9, 1), d(2020, 6, 30), "Zomer gaat niet door"),  # undoes the second only
             Verplaatsing(2, d(2020, 6, 30), d(2020, 8, 1), "Augustus")]
    found = {v.omschrijving: (v.oud, v.nieuw, v.redenen)
             for v in verschuivingen("Pilot", moves, {1: "Evaluatie", 2: "Afspraken"})}
    assert found == {"Evaluatie": (d(2020, 7, 31), d(2021, 3, 3), ("Nieuwe aanbesteding",)),
                     "Afspraken": (d(2020, 5, 31), d(2020, 8, 1), ("Wacht op de wethouder", "Augustus"))}


# On both databases (no one_database): its subject includes the window query on stored timestamps.
def test_the_report_says_what_moved_since_the_previous_report_and_why(  # type: ignore[no-untyped-def]
        db: Database, region: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, regie) -> None:
    from models.db import session_scope
    from services.checkins.progress import Antwoord, MijlpaalAntwoord, apply
    from services.register.loading import load_register

    _demo(region)

    def move(day: str, mijlpaal: str, naar: str, reden: str) -> None:
        set_today(monkeypatch, day)
        outcome = regie("verplaats", mijlpaal, "--naar", naar, "--reden", reden, *DOOR)
        assert outcome.code == 0, outcome

    move("2020-05-01", AFSPRAKEN, "2020-06-15", "Eerst de scholen horen")  # before the previous report
    move("2020-05-20", EVALUATIE, "2020-09-30", "De huisartsen willen eerst de zomer afwachten")
    move("2020-05-25", AFSPRAKEN, "2020-07-01", "Wacht op de wethouder")
    move("2020-06-01", AFSPRAKEN, "2020-06-15", "Toch op tijd")  # back where it stood: not a move
    set_today(monkeypatch, "2020-06-10")  # the answer page's way: a new date in an answer
    with session_scope() as session:
        apply(session=session, door="regisseur-jeugd", bron="antwoord", vandaag=dt.date(2020, 6, 10),
              antwoord=Antwoord(activiteit=POH, mijlpalen=[MijlpaalAntwoord(
                  "evaluatie-pilot", nieuwe_datum=dt.date(2020, 10, 31), reden=HOSTILE)]))
    # A reload of a register file with another date is the register's own date, not a move.
    demo = region.parent / "demo-register" / "bronckhorst" / "programma-1.yaml"
    demo.write_text(demo.read_text(encoding="utf-8").replace("uiterlijk: 2020-12-31", "uiterlijk: 2021-01-31"),
                    encoding="utf-8")
    with session_scope() as session:
        load_register(session=session, root=region.parent / "demo-register", max_size=10_000_000)
    move("2020-06-19", f"{POH}/evaluatie-pilot-eind-2020", "2021-03-31", "Na peildatum")  # not known yet
    set_today(monkeypatch, PEILDATUM.isoformat())

    report, made = _make(db, tmp_path, "Bronckhorst", "mosd", vorige=VORIGE)
    [moved] = report.alle("verschoven")
    # The count of changes beside an activity is as known on peildatum too: the move of 19 June is not in it.
    # Counted as `regie geschiedenis` lists them: a move is one change, not also its answer's progress row.
    from models.clock import local_date
    from models.tables import Activity
    from services.register.history_view import actions_of

    with db.session() as session:
        pilot = session.scalars(select(Activity).where(Activity.sleutel == POH)).one()
        made_by_people = [local_date(a.tijdstip) for a in actions_of(session=session, activity=pilot)
                          if a.bron != "laad" for _ in a.wijzigingen]
    known = [day for day in made_by_people if VORIGE <= day <= PEILDATUM]
    assert known and len(known) < len(made_by_people)
    [shown] = [a for p in report.programmas for a in p.activiteiten if a.titel == "Voortgang Pilot Jeugd POH/SOH"]
    assert shown.wijzigingen == len(known)
    assert (moved.omschrijving, moved.oud, moved.nieuw) == (
        "Evaluatie Pilot Jeugd POH/SOH", dt.date(2020, 7, 31), dt.date(2020, 10, 31))
    assert report.totaal["verschoven"] == 1
    line = "Voortgang Pilot Jeugd POH/SOH: Evaluatie Pilot Jeugd POH/SOH (van 31 juli 2020 naar 31 oktober 2020)"
    reason = f"De huisartsen willen eerst de zomer afwachten; {HOSTILE}"
    summary = ("Sinds de vorige rapportage is 1 mijlpaal verschoven: „Evaluatie Pilot Jeugd POH/SOH” "
               "(Voortgang Pilot Jeugd POH/SOH, van 31 juli 2020 naar 31 oktober 2020).")
    assert "Verschoven sinds de vorige rapportage (1)</h3>" in made.html
    assert f"<li>{line}<br><span class=\"woord\">reden: „De huisartsen willen eerst de zomer afwachten; " \
           "&lt;script&gt;alert(1)&lt;/script&gt; &amp; de zomer”</span></li>" in made.html
    assert "<script>" not in made.html
    assert f"Verschoven sinds de vorige rapportage: {line[:-1]}; reden: „{reason}”)." in made.tekst
    assert f"- {summary}" in made.tekst
    pdf = _said(" ".join(_pdf_text(made.pdf_pad)))
    assert summary in pdf and "Verschoven sinds de vorige rapportage (1)" in pdf
    assert _said(f"{line} reden: „{reason}”") in pdf
    assert "Uitvoeringsafspraken voor alle thema's gemaakt (van" not in pdf  # moved back
    assert "31 maart 2021" not in made.tekst and "31 januari 2021" not in made.tekst  # later; a load

    _public, made = _make(db, tmp_path, "Bronckhorst", "raad", vorige=VORIGE)  # dates, no reasons
    pdf = _said(" ".join(_pdf_text(made.pdf_pad)))
    for where in (made.html, made.tekst, pdf):
        assert "31 juli 2020 naar 31 oktober 2020" in where
        assert "zomer afwachten" not in where and "alert(1)" not in where and "reden:" not in where
    assert f"<li>{line}</li>" in made.html

    # The first report for PoHo: every move up to peildatum, the first old date to the last new one.
    first, made = _make(db, tmp_path, "Bronckhorst", "poho")
    assert sorted((v.omschrijving, v.oud, v.nieuw, v.redenen) for v in first.alle("verschoven")) == [
        ("Evaluatie Pilot Jeugd POH/SOH", dt.date(2020, 7, 31), dt.date(2020, 10, 31),
         ("De huisartsen willen eerst de zomer afwachten", HOSTILE)),
        ("Uitvoeringsafspraken voor alle thema's gemaakt", dt.date(2020, 5, 31), dt.date(2020, 6, 15),
         ("Eerst de scholen horen",))]  # the move undone on 1 June and its undoing leave no reason
    assert "Verschoven tot nu toe (2; dit is de eerste rapportage)" in made.html
    assert "- Tot nu toe zijn 2 mijlpalen verschoven: „" in made.tekst
