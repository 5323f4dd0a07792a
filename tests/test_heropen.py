"""A milestone marked done by mistake (a trial: `regie gereed … --door bram`, Bram not its owner) could not
be reopened: `regie verplaats` refuses a done milestone, and the way the docs named (export, `gereed: null`,
`regie laad`) kept it done in silence. `regie heropen` reopens it, with who, when and why in the history;
a load whose file says `gereed: null` keeps a done someone recorded, and says so with the command that
reopens it (services/register/kept_done.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"  # owned by regisseur-jeugd in the sample register
EVALUATIE = f"{POH}/evaluatie-pilot"
NAAM = "„Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH)"
REDEN = "Per vergissing gereed gemeld door Beleidsmedewerker onderwijs"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def done_by_mistake(db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The sample register, its evaluation marked done by someone who is not its owner."""
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    done = regie("gereed", EVALUATIE, "--datum", "2020-07-20", "--door", "beleid-onderwijs")
    assert done.code == 0, done
    # who did it, said as what happened (it said "vastgelegd namens Beleidsmedewerker onderwijs")
    assert _flat(done.err) == ("Let op: vastgelegd door Beleidsmedewerker onderwijs; de eigenaar van deze "
                               "activiteit is Regisseur programma 1 (Gezond en weerbaar)."), done.err
    return regie


def _gereed(db: Database) -> object:
    from models.tables import Activity, Milestone

    with db.session() as session:  # (the steungezinnen pilot has an 'evaluatie-pilot' too)
        [gereed] = session.scalars(select(Milestone.gereed).join(Activity, Activity.id == Milestone.activiteit_id)
                                   .where(Activity.sleutel == POH, Milestone.sleutel == "evaluatie-pilot")).all()
        return gereed


def test_reopen_records_who_when_and_why_and_the_milestone_can_be_done_again(  # type: ignore[no-untyped-def]
        done_by_mistake, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.tables import Change

    regie = done_by_mistake
    reopened = regie("heropen", EVALUATIE, "--reden", REDEN)  # REGIE_GEBRUIKER: the owner
    assert reopened.code == 0, reopened
    assert _flat(reopened.err) == (  # late once open again: said, with the command that moves it
        "Let op: de uiterste datum 31 juli 2020 is voorbij (vandaag is 3 augustus 2020): de mijlpaal telt als te "
        f"laat. Is er een nieuwe datum, verplaats hem dan: regie verplaats {EVALUATIE} --naar JJJJ-MM-DD --reden "
        "\"...\"."), reopened.err
    assert _flat(reopened.out).startswith(
        f"Mijlpaal {NAAM} is heropend: hij was gereed op 20 juli 2020 (vastgelegd door Beleidsmedewerker "
        "onderwijs op "), reopened.out
    assert _flat(reopened.out).endswith(  # as the answer page says it (services/checkins/reopen_words.py)
        "De uiterste datum (31 juli 2020) is voorbij: vanaf de volgende controle krijgt u weer herinneringen, "
        "elke 7 dagen zolang hij open staat."), reopened.out
    assert _gereed(db) is None
    with db.session() as session:
        rows = session.scalars(select(Change).where(Change.veld == "gereed").order_by(Change.id)).all()
        assert [(r.door, r.bron, r.oud, r.nieuw, r.reden) for r in rows] == [
            ("beleid-onderwijs", "opdracht", None, "2020-07-20", None),
            ("regisseur-jeugd", "opdracht", "2020-07-20", None, REDEN)]  # the mistake stays in the history
    monkeypatch.setenv("COLUMNS", "250")  # a history row on one line
    history = regie("geschiedenis", POH).out
    [row] = [line for line in history.splitlines() if "heropend" in line]
    assert "„Evaluatie Pilot Jeugd POH/SOH” · heropend (was gereed op 20 juli 2020)" in row, history
    assert REDEN in row and "Regisseur programma 1" in row, row
    assert any("gereed: — → 20 juli 2020" in line and "Beleidsmedewerker" in line for line in history.splitlines())
    # open again: the daily facts see it, and the right person can mark it done on the right day
    again = regie("gereed", EVALUATIE, "--datum", "2020-07-31")
    assert again.code == 0 and "is gereed op 31 juli 2020" in _flat(again.out), again
    assert str(_gereed(db)) == "2020-07-31"


def test_reopen_needs_a_reason_and_a_done_milestone(done_by_mistake, db: Database) -> None:  # type: ignore[no-untyped-def]
    regie = done_by_mistake
    before = db.snapshot()
    missing = regie("heropen", EVALUATIE)
    assert missing.code == 2 and _flat(missing.err).startswith(
        "Niet vastgelegd: geef --reden op (waarom de mijlpaal weer open gaat), bijvoorbeeld --reden "
        "\"per vergissing gereed gemeld\"."), missing
    blank = regie("heropen", EVALUATIE, "--reden", "   ")
    assert blank.code == 2 and _flat(blank.err) == (
        f"Niet vastgelegd: geef met --reden waarom mijlpaal {NAAM} weer open gaat, bijvoorbeeld: regie heropen "
        f"{EVALUATIE} --reden \"per vergissing gereed gemeld\"."), blank
    unknown = regie("heropen", f"{POH}/bestaat-niet", "--reden", "x")
    assert unknown.code == 2 and unknown.err.startswith("Niet vastgelegd: "), unknown
    assert db.snapshot() == before
    assert regie("heropen", EVALUATIE, "--reden", REDEN).code == 0
    after = db.snapshot()
    twice = regie("heropen", EVALUATIE, "--reden", REDEN)  # open already: nothing recorded
    assert twice.code == 0 and _flat(twice.out) == (
        f"Mijlpaal {NAAM} is niet gereed; er is niets te heropenen. Er is niets vastgelegd."), twice
    assert db.snapshot() == after


def test_a_reload_with_gereed_null_keeps_the_done_says_why_and_names_heropen(  # type: ignore[no-untyped-def]
        done_by_mistake, db: Database, tmp_path: Path) -> None:
    regie = done_by_mistake
    export = tmp_path / "export"
    assert regie("exporteer", str(export)).code == 0
    programme = export / "bronckhorst" / "programma-1.yaml"
    stale = programme.read_text(encoding="utf-8")
    assert stale.count("gereed: 2020-07-20") == 1
    programme.write_text(stale.replace("gereed: 2020-07-20", "gereed: null"), encoding="utf-8")
    for args in (("--plan",), ()):  # the plan says it too
        loaded = regie("laad", str(export), *args)
        assert loaded.code == 0, loaded
        said = _flat(loaded.err)
        assert (f"Let op: mijlpaal {NAAM} blijft gereed op 20 juli 2020 (gereed gemeld door Beleidsmedewerker "
                "onderwijs): het lege 'gereed:' in bronckhorst/programma-1.yaml, regel ") in said, said
        assert (f"draait een gereedmelding niet terug. Was die melding een vergissing, heropen de mijlpaal dan "
                f"met: regie heropen {EVALUATIE} --gemeente Bronckhorst --reden \"per vergissing gereed "
                "gemeld\".") in said, said
        assert "gewijzigd" not in loaded.out, loaded.out
    assert str(_gereed(db)) == "2020-07-20"
    assert regie("heropen", EVALUATIE, "--reden", REDEN).code == 0
    for text in (stale.replace("gereed: 2020-07-20", "gereed: null"), stale):
        # the file as now (not done), or the export from before the reopen (done): the reopen stays
        programme.write_text(text, encoding="utf-8")
        loaded = regie("laad", str(export))
        assert loaded.code == 0 and "blijft gereed" not in loaded.err, loaded
        assert _gereed(db) is None
    # the original register file has no key 'gereed': a done someone recorded stays, without a word
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-31").code == 0
    quiet = regie("laad", str(export.parent / "register"))
    assert quiet.code == 0 and "blijft gereed" not in quiet.err, quiet
    assert str(_gereed(db)) == "2020-07-31"


def test_a_reopened_start_past_its_date_is_not_promised_reminders(db: Database, sample: Path, regie,  # type: ignore[no-untyped-def]
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A trial: reopening a start milestone said "De herinneringen lopen weer" and "telt als te laat",
    while a start is never late and past its date gets no reminder (docs/rules.md)."""
    set_today(monkeypatch, "2020-08-03")
    assert regie("laad", str(sample)).code == 0
    start = "oab-integreren-in-sociaal-domein/beleidsregels-oab-in-werking"  # soort: start, 1 januari 2020
    assert regie("gereed", start, "--datum", "2020-01-02", "--door", "beleid-onderwijs").code == 0
    reopened = regie("heropen", start, "--reden", "per vergissing gereed gemeld", "--door", "beleid-onderwijs")
    assert reopened.code == 0, reopened
    said, warned = _flat(reopened.out), _flat(reopened.err)
    assert "is heropend" in said and said.endswith("Hij staat weer open.") and "herinneringen lopen" not in said
    assert warned.startswith("Let op: de datum 1 januari 2020 is voorbij (vandaag is 3 augustus 2020). Een "
                             "startmijlpaal telt nooit als te laat en krijgt alleen vóór zijn datum een "
                             "herinnering"), warned
    assert "telt als te laat" not in warned and f"regie verplaats {start} --naar" in warned
