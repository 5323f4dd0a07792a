"""A reload whose file gives a milestone another date than a person gave since the last load. A trial: a
regisseur moved a milestone on the answer page, the coordinator set another date in the file, and the plan
said only "(uiterlijk)": no old → new and no word of the answer; the load then set the file's date and the
regisseur got reminders for a date he had moved. The file's date still wins (the register is the plan, the
coordinator edited it on purpose), but the plan and the load show the dates old → new in words and name the
answer they replace: who, when, why, and what to write to keep it (services/register/replaced_answers.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, mark_as_demo, set_today

POH = "voortgang-pilot-jeugd-poh-soh"
EVALUATIE = f"{POH}/evaluatie-pilot"
PROGRAMME = Path("bronckhorst") / "programma-1.yaml"
BLOCK = "omschrijving: Evaluatie Pilot Jeugd POH/SOH\n        vroegst: 2020-06-01\n        uiterlijk: "
REGISSEUR = "Regisseur programma 1 (Gezond en weerbaar)"
REDEN = "De evaluator is pas in oktober beschikbaar"


@pytest.fixture(autouse=True)
def _demo(smtp: Mailserver) -> None:
    """The sample's example.org people are expected here: no demo-data warning beside the ones asserted.
    A load that replaces a date sends its person a message (tests/test_laad_antwoord_bericht.py): to the
    test's own SMTP server, never to a mailbox of someone else's on the default port."""
    mark_as_demo()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _set_date(sample: Path, old: str, new: str, block: str = BLOCK) -> None:
    """The POH evaluation's date in the file (the steungezinnen pilot has an evaluation with that date too)."""
    path = sample / PROGRAMME
    text = path.read_text(encoding="utf-8")
    assert text.count(block + old) == 1
    path.write_text(text.replace(block + old, block + new), encoding="utf-8")


def _line(sample: Path) -> int:
    """The line of the POH evaluation's id, as the load names the place of a milestone."""
    lines = (sample / PROGRAMME).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.endswith("id: evaluatie-pilot")
                and "Evaluatie Pilot Jeugd POH/SOH" in lines[i + 1])


def _moved(db: Database, regie, bron: str) -> None:  # type: ignore[no-untyped-def]
    """The evaluation moved from 31 juli to 31 oktober 2020 by its regisseur: on the answer page, or with
    `regie verplaats`."""
    if bron == "opdracht":
        moved = regie("verplaats", EVALUATIE, "--naar", "2020-10-31", "--reden", REDEN, "--door", "regisseur-jeugd")
        assert moved.code == 0, moved
        return
    from services.checkins.progress import Antwoord, MijlpaalAntwoord, apply

    with db.session() as session:
        apply(session=session, antwoord=Antwoord(activiteit=POH, mijlpalen=[MijlpaalAntwoord(
            "evaluatie-pilot", nieuwe_datum=dt.date(2020, 10, 31), reden=REDEN)]),
            door="regisseur-jeugd", bron="antwoord", vandaag=dt.date(2020, 6, 18))
        session.commit()


def _date_history(db: Database) -> list[tuple[str, str, str | None, str | None]]:
    from models.tables import Change

    with db.session() as session:
        return [(c.door, c.bron, c.oud, c.nieuw) for c in session.scalars(
            select(Change).where(Change.sleutel == EVALUATIE, Change.veld == "uiterlijk").order_by(Change.id))]


@pytest.mark.parametrize("bron", ["antwoord", "opdracht"])
def test_a_file_date_that_replaces_an_answer_is_shown_old_to_new_with_who_when_and_why(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, bron: str) -> None:
    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(sample)).code == 0
    _moved(db, regie, bron)
    kept = regie("laad", str(sample))  # the file still says 31 juli, the date from before the answer: kept
    assert kept.code == 0 and "Let op" not in kept.err and "niets veranderd" in kept.out, kept
    _set_date(sample, "2020-07-31", "2020-09-15")  # the coordinator's deliberate edit
    warning = (f"Let op: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH): {REGISSEUR} "
               f"gaf op 18 juni 2020 de uiterste datum 31 oktober 2020 op („{REDEN}”); laden vervangt die door "
               f"15 september 2020 uit bronckhorst/programma-1.yaml, regel {_line(sample)}. Was dat niet de "
               "bedoeling, zet dan uiterlijk: 2020-10-31 in dat bestand en laad opnieuw.")
    named = f"gewijzigd mijlpalen: {EVALUATIE} (uiterlijk 31 oktober 2020 → 15 september 2020)"
    before = db.snapshot()
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0 and db.snapshot() == before, plan
    assert named in _flat(plan.out), plan.out
    assert warning in _flat(plan.err), plan.err
    assert "exporteer dan eerst het register naar een nieuwe map (regie exporteer NIEUWE-MAP" in _flat(plan.err)
    loaded = regie("laad", str(sample))  # the file's date is loaded, and the load says the same
    assert loaded.code == 0, loaded
    assert named in _flat(loaded.out) and warning in _flat(loaded.err), loaded
    assert "regie exporteer" not in loaded.err  # after the load the export no longer holds the answer
    assert _date_history(db) == [("regisseur-jeugd", bron, "2020-07-31", "2020-10-31"),
                                 ("register", "laad", "2020-10-31", "2020-09-15")]
    again = regie("laad", str(sample))
    assert again.code == 0 and "Let op" not in again.err and "niets veranderd" in again.out, again
    # the date it holds now is the register's: a next edit is named old → new, without a warning
    _set_date(sample, "2020-09-15", "2020-09-30")
    plain = regie("laad", str(sample), "--plan")
    assert plain.code == 0 and "Let op" not in plain.err, plain
    assert f"{EVALUATIE} (uiterlijk 15 september 2020 → 30 september 2020)" in _flat(plain.out), plain.out


def test_a_plain_register_edit_of_the_dates_is_named_old_to_new_without_a_warning(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(sample)).code == 0
    _set_date(sample, "2020-06-01\n        uiterlijk: 2020-07-31", "2020-06-15\n        uiterlijk: 2020-08-31",
              block="omschrijving: Evaluatie Pilot Jeugd POH/SOH\n        vroegst: ")
    named = f"{EVALUATIE} (vroegst 1 juni 2020 → 15 juni 2020, uiterlijk 31 juli 2020 → 31 augustus 2020)"
    for args in (("--plan",), ()):
        shown = regie("laad", str(sample), *args)
        assert shown.code == 0 and named in _flat(shown.out), shown
        assert "Let op" not in shown.err, shown.err
    assert _date_history(db)[-1] == ("register", "laad", "2020-07-31", "2020-08-31")


def test_a_file_done_date_that_replaces_a_done_a_person_gave_is_named_too(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", "--door", "regisseur-jeugd").code == 0
    _set_date(sample, "2020-07-31", "2020-07-31\n        gereed: 2020-07-25")
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0, plan
    assert f"{EVALUATIE} (gereed 20 juli 2020 → 25 juli 2020)" in _flat(plan.out), plan.out
    assert (f"{REGISSEUR} gaf op 3 augustus 2020 de gereeddatum 20 juli 2020 op; laden vervangt die door "
            "25 juli 2020 uit bronckhorst/programma-1.yaml, regel ") in _flat(plan.err), plan.err
    assert "zet dan gereed: 2020-07-20 in dat bestand en laad opnieuw." in _flat(plan.err), plan.err
    # a done reopened since (regie heropen): a file that gives a done date again is said the same way
    assert regie("laad", str(sample)).code == 0
    assert regie("heropen", EVALUATIE, "--reden", "nog niet besproken").code == 0
    _set_date(sample, "2020-07-31\n        gereed: 2020-07-25", "2020-07-31\n        gereed: 2020-07-28")
    reopened = regie("laad", str(sample), "--plan")
    assert reopened.code == 0 and f"{EVALUATIE} (gereed geen → 28 juli 2020)" in _flat(reopened.out), reopened
    assert (f"{REGISSEUR} heropende de mijlpaal op 3 augustus 2020 („nog niet besproken”); laden zet gereed op "
            "28 juli 2020 uit bronckhorst/programma-1.yaml, regel ") in _flat(reopened.err), reopened.err
    assert "zet dan gereed: null in dat bestand en laad opnieuw." in _flat(reopened.err), reopened.err
