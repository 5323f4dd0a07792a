"""A text is quoted with the day it was given: after `regie verplaats` (an answer without text) the
report and the overview said "Laatste voortgang 19 juni 2020: “…”" with words from 10 June."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
WORDS = "Werving van praktijkondersteuners loopt achter"


def test_a_text_keeps_its_own_day_in_the_report_and_the_overview_after_a_later_answer_without_text(
        db: Database, sample: Path, regie, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from models.tables import Municipality
    from services.reports.reporting import build, render_files

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-10")
    assert regie("voortgang", POH, "--koers", "risico", "--tekst", WORDS).code == 0
    set_today(monkeypatch, "2020-06-19")
    moved = regie("verplaats", f"{POH}/evaluatie-pilot", "--naar", "2020-09-30", "--reden", "Zomer")
    assert moved.code == 0, moved
    with db.session() as session:
        gemeente = session.exec(select(Municipality)).one()
        rapport = build(session=session, gemeente=gemeente, soort="mosd", peildatum=dt.date(2020, 6, 19),
                        vergaderdatum=dt.date(2020, 6, 25))
    made, _files = render_files(rapport, folder=tmp_path / "r", name="r")
    plain = " ".join(made.tekst.split())
    # the later answer (a move) says what it did, then the older words with their day
    assert ("Laatste voortgang 19 juni 2020: nieuwe datum voor „Evaluatie Pilot Jeugd POH/SOH”: 30 september 2020 "
            f"(was 31 juli 2020), reden: „Zomer”; toelichting van 10 juni 2020: „{WORDS}”") in plain, plain
    assert f"toelichting van 10 juni 2020: „{WORDS}”" in " ".join(made.html.split())
    folder = tmp_path / "overzicht"
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum", "2020-06-19").code == 0
    [sheet] = [p for p in folder.iterdir() if p.name.startswith("overzicht-")]
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        row = next(r for r in csv.reader(handle, delimiter=";") if len(r) > 2 and r[2] == POH)
    assert row[-2:] == ["19-06-2020", "nieuwe datum voor „Evaluatie Pilot Jeugd POH/SOH”: 30 september 2020 (was 31 "
                        f"juli 2020), reden: „Zomer”; {WORDS} (toelichting van 10-06-2020)"], row  # the move, then older words
    # An answer with text quotes it under its own day, with nothing added.
    assert regie("voortgang", POH, "--tekst", "Werving op schema").code == 0
    with db.session() as session:
        rapport = build(session=session, gemeente=gemeente, soort="mosd", peildatum=dt.date(2020, 6, 19),
                        vergaderdatum=dt.date(2020, 6, 25))
    made, _files = render_files(rapport, folder=tmp_path / "r2", name="r")
    assert "Laatste voortgang 19 juni 2020: „Werving op schema”" in " ".join(made.tekst.split())
