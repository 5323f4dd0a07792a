"""An answer that only marked a milestone done (no koers, no text) read in the report as "Laatste
voortgang 19 juni 2020." with nothing after it: the meeting could not tell what happened. The report
now says which milestone was recorded done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"


def _report(db: Database, tmp_path: Path, soort: str):  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from models.tables import Municipality
    from services.reports.reporting import build, render_files

    with db.session() as session:
        gemeente = session.exec(select(Municipality)).one()
        rapport = build(session=session, gemeente=gemeente, soort=soort, peildatum=dt.date(2020, 6, 19),
                        vergaderdatum=dt.date(2020, 6, 25))
    made, _files = render_files(rapport, folder=tmp_path / soort, name="r")
    return " ".join(made.tekst.split()), " ".join(made.html.split())


def test_an_answer_that_only_marked_a_milestone_done_says_which_in_the_report(
        db: Database, sample: Path, regie, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    done = regie("gereed", f"{POH}/evaluatie-pilot")
    assert done.code == 0, done
    plain, html = _report(db, tmp_path, "mosd")
    assert "Laatste voortgang 19 juni 2020: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed." in plain, plain
    assert "Mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed</span>" in html  # its own line: a capital
    # the council's version names it too: the milestone is no internal note
    plain, _html = _report(db, tmp_path, "raad")
    assert "Laatste voortgang 19 juni 2020: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed." in plain, plain


def test_an_answer_that_only_gave_the_spending_says_it_in_the_report(
        db: Database, sample: Path, regie, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new user's trial: "Voortgang Pilot Jeugd POH/SOH: geen koers. Laatste voortgang 9 september
    2020." with nothing after it, where the answer page had confirmed "besteed in 2020 € 12.500"."""
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    spent = regie("voortgang", POH, "--besteed", "12.500", "--door", "regisseur-jeugd")
    assert spent.code == 0, spent
    plain, html = _report(db, tmp_path, "mosd")
    assert "Laatste voortgang 19 juni 2020: besteed in 2020 tot nu toe: € 12.500." in plain, plain
    assert "esteed in 2020 tot nu toe: € 12.500" in html
