"""What a new user's trial of `regie` found, fixed: a second `gereed`, moving a milestone that is done,
a date far ahead, the status table, the history, the load plan, the echo of `--besteed` and who an
answer is recorded by (docs/progress.md, docs/loading.md)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
EVALUATIE = f"{POH}/evaluatie-pilot"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"
DOOR = ("--door", "regisseur-jeugd")


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


def _said(text: str) -> str:
    return " ".join(text.split())


def test_a_second_gereed_records_nothing_and_says_when_and_by_whom(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Change

    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", *DOOR).code == 0
    snapshot = db.snapshot()
    for args in ((), ("--datum", "2020-07-20")):  # the same answer again: nothing new, exit 0
        again = regie("gereed", EVALUATIE, *args, "--door", "coordinator-sociaal-domein")
        said = _said(again.out)
        assert again.code == 0, again
        assert "Mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) was al gereed op 20 juli 2020 (vastgelegd door Regisseur programma 1 " \
               "(Gezond en weerbaar) op " \
               "23 november 2026 om " in said and said.endswith("Er is niets vastgelegd."), said
        assert "is gereed op" not in said and "regisseur-jeugd" not in said  # a name, not a key
    other = regie("gereed", EVALUATIE, "--datum", "2020-07-21", *DOOR)  # another date: refused
    said = _said(other.err)
    assert other.code == 2, other
    assert said.startswith("Niet vastgelegd: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) was al gereed op 20 juli 2020") and \
        "een tweede datum (21 juli 2020) wordt niet vastgelegd" in said and \
        f"regie heropen {EVALUATIE} --reden" in said and f"regie gereed {EVALUATIE} --datum 2020-07-21." in said, said
    assert db.snapshot() == snapshot
    with db.session() as session:
        assert len(session.scalars(select(Change).where(Change.veld == "gereed")).all()) == 1


def test_a_milestone_done_in_the_register_file_says_so(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      - id: evaluatie-pilot\n" in text
    path.write_text(text.replace("      - id: evaluatie-pilot\n",
                                 "      - id: evaluatie-pilot\n        gereed: 2020-07-01\n"), encoding="utf-8")
    assert regie("laad", str(sample)).code == 0
    again = regie("gereed", EVALUATIE, *DOOR)
    assert again.code == 0 and "was al gereed op 1 juli 2020 (volgens het registerbestand)" in _said(again.out)


def test_a_milestone_that_is_done_is_not_moved(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", *DOOR).code == 0
    snapshot = db.snapshot()
    moved = regie("verplaats", EVALUATIE, "--naar", "2027-03-01", "--reden", "later", *DOOR)
    said = _said(moved.err)
    assert moved.code == 2, moved
    assert said.startswith("Niet vastgelegd: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (Voortgang Pilot Jeugd POH/SOH) was al gereed op 20 juli 2020") and \
        "Een mijlpaal die gereed is, verplaatst u niet" in said and \
        "voeg daarvoor een nieuwe mijlpaal toe in het registerbestand" in said and \
        f"Was hij per vergissing gereed gemeld, heropen hem dan: regie heropen {EVALUATIE} --reden" in said, said
    assert db.snapshot() == snapshot


def test_the_service_refuses_to_move_a_milestone_that_is_done() -> None:
    """The answer page and the form offer only open milestones; a stale form still cannot move one."""
    import datetime as dt
    from types import SimpleNamespace

    from services.checkins.progress import Antwoord, MijlpaalAntwoord, check

    done = {"m": SimpleNamespace(gereed=dt.date(2020, 7, 20))}
    answer = Antwoord("a", mijlpalen=[MijlpaalAntwoord("m", nieuwe_datum=dt.date(2027, 1, 1), reden="x")])
    [problem] = check(answer, milestones=done, vandaag=dt.date(2026, 11, 23))  # type: ignore[arg-type]
    assert "is al gereed" in problem


def test_a_date_far_ahead_is_recorded_with_a_warning(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Milestone

    assert regie("laad", str(sample)).code == 0
    far = regie("verplaats", AFSPRAKEN, "--naar", "2062-11-30", "--reden", "Na de zomer", *DOOR)
    said = _said(far.err)
    assert far.code == 0 and "verplaatst naar 30 november 2062" in far.out, far
    assert "Let op: 30 november 2062 ligt meer dan 2 jaar vooruit (vandaag is 23 november 2026). Klopt dat?" in said, said
    assert f"regie verplaats {AFSPRAKEN} --naar JJJJ-MM-DD" in said
    with db.session() as session:
        assert str(session.scalars(select(Milestone.uiterlijk).where(
            Milestone.sleutel == "uitvoeringsafspraken-alle-themas")).one()) == "2062-11-30"
    edge = regie("verplaats", AFSPRAKEN, "--naar", "2028-11-23", "--reden", "Twee jaar", *DOOR)
    assert edge.code == 0 and edge.err == "", edge  # exactly two years ahead: no warning


def test_voortgang_echoes_the_amount_as_understood(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    # a changed amount shows its old one (services/checkins/spending.py)
    for typed, shown in (("12.500", "€ 12.500 besteed in 2026"), ("12500,5", "besteed in 2026: € 12.500 → € 12.500,50"),
                         ("€ 1.234,50", "besteed in 2026: € 12.500,50 → € 1.234,50")):
        done = regie("voortgang", POH, "--besteed", typed, *DOOR)
        assert done.code == 0, done
        assert _said(done.out) == f"Voortgang van activiteit „Voortgang Pilot Jeugd POH/SOH” vastgelegd: {shown} (tot nu toe).", done
    earlier = regie("voortgang", POH, "--koers", "risico", "--besteed", "231.000", "--jaar", "2020", *DOOR)
    assert "vastgelegd: koers risico, € 231.000 besteed in 2020 (tot nu toe)." in _said(earlier.out), earlier


def test_an_answer_without_door_names_someone_or_is_refused(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without --door the history said "opdrachtregel (root)": no one. Now REGIE_GEBRUIKER, or a login
    name that is a person's key, names who answers; otherwise the answer is refused with the ways to
    say who one is and the keys of the register."""
    from models.tables import Change

    assert regie("laad", str(sample)).code == 0
    monkeypatch.delenv("REGIE_GEBRUIKER")
    monkeypatch.setenv("LOGNAME", "beheerder")  # getpass.getuser() reads it first
    snapshot = db.snapshot()
    for args in (("voortgang", POH, "--tekst", "x"), ("gereed", EVALUATIE),
                 ("verplaats", AFSPRAKEN, "--naar", "2027-01-31", "--reden", "later"),
                 ("meting", "x/y", "--waarde", "1")):
        refused = regie(*args)
        said = _said(refused.err)
        assert refused.code == 2, (args, refused)
        assert said.startswith("Niet vastgelegd: wie legt dit vast? Geef --door met uw sleutel uit personen.yaml "
                               "(bijvoorbeeld --door ") and "export REGIE_GEBRUIKER=" in said, said
        assert "Sleutels in het register: " in said and "'regisseur-jeugd'" in said, said
    assert db.snapshot() == snapshot
    monkeypatch.setenv("LOGNAME", "regisseur-jeugd")  # a login name that is a key names that person
    assert regie("voortgang", POH, "--tekst", "via inlognaam").code == 0
    monkeypatch.setenv("REGIE_GEBRUIKER", "coordinator-sociaal-domein")
    assert regie("voortgang", POH, "--tekst", "via REGIE_GEBRUIKER").code == 0
    with db.session() as session:
        assert [c.door for c in session.scalars(select(Change).where(Change.bron == "opdracht")
                                                .order_by(Change.id))] == [
            "regisseur-jeugd", "coordinator-sociaal-domein"]


def _row(out: str, title: str) -> str:
    return " ".join(next(line for line in out.splitlines() if title in line).replace("│", " ").split())


def test_status_shows_ids_the_earliest_late_milestone_and_what_the_milestones_say(  # type: ignore[no-untyped-def]
        db, sample, regie, monkeypatch) -> None:
    """Every activity showed 'lopend', "—" when all open milestones were late, and no id to type for
    regie gereed/verplaats."""
    from models.tables import Activity, Milestone

    monkeypatch.delenv("COLUMNS")  # not a terminal: a row is one line

    assert regie("laad", str(sample)).code == 0
    shown = regie("status")  # peildatum 23-11-2026: every open milestone of Steungezinnen is late
    assert shown.code == 0, shown
    row = _row(shown.out, "Voortgang pilot Steungezinnen")
    assert "Voortgang pilot Steungezinnen lopend · te laat 31 juli 2020 Evaluatie pilot Steungezinnen · " \
           "2306 dagen te laat 3" in row, row
    # the ids to type, each whole on its own line, in the table's order
    assert "\n  voortgang-pilot-steungezinnen/evaluatie-pilot\n" in shown.out, shown.out
    assert shown.out.index(f"\n  {POH}/") < shown.out.index("\n  voortgang-pilot-steungezinnen/")
    assert "regie gereed ACTIVITEIT/MIJLPAAL, of regie verplaats ACTIVITEIT/MIJLPAAL" in _said(shown.out)
    earlier = regie("status", "--peildatum", "2020-08-15")  # one late, the next one coming: that one shown
    row = _row(earlier.out, "Voortgang Pilot Jeugd POH/SOH")
    assert "Voortgang Pilot Jeugd POH/SOH lopend · 1 mijlpaal te laat 30 september 2020 Collegebesluit over de voortgang " \
           "Pilot Jeugd POH/SOH 1" in row, row  # the late one counted in the Status column too
    assert f"\n  {POH}/collegebesluit-voortgang\n" in earlier.out
    with db.session() as session:
        keys = session.scalars(select(Milestone.sleutel).join(Activity).where(Activity.sleutel == POH)).all()
    for key in keys:
        assert regie("gereed", f"{POH}/{key}", "--datum", "2020-07-20", *DOOR).code == 0
    row = _row(regie("status").out, "Voortgang Pilot Jeugd POH/SOH")
    assert "Voortgang Pilot Jeugd POH/SOH lopend · alle mijlpalen gereed —" in row, row
    assert regie("voortgang", POH, "--status", "afgerond", *DOOR).code == 0  # the register's word again
    assert "POH/SOH afgerond —" in _row(regie("status").out, "Voortgang Pilot Jeugd POH/SOH")


def test_history_shows_one_row_per_action_oldest_first_with_dutch_dates(db, sample, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One `regie gereed` showed as two rows (its progress note and the milestone), dates were mixed
    (23-11-2026 beside 2020-07-20) and the order was not said."""
    import re

    monkeypatch.delenv("COLUMNS")  # not a terminal: cells do not wrap
    assert regie("laad", str(sample)).code == 0
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", *DOOR).code == 0
    guessed = f"{POH}/evaluatie-pilot-eind-2020"  # 'zeker: false': a move also makes it certain
    assert regie("verplaats", guessed, "--naar", "2027-01-31", "--reden", "Bevestigd", "--door",
                 "coordinator-sociaal-domein").code == 0
    again = regie("verplaats", guessed, "--naar", "2027-01-31", "--reden", "Nog eens", "--door",
                  "coordinator-sociaal-domein")  # the date it has: nothing to record, and it says so
    assert again.code == 0 and "Mijlpaal „Evaluatie Pilot Jeugd POH/SOH (volgens kosten/baten)” (Voortgang Pilot Jeugd POH/SOH) staat al op 31 januari 2027. Er is niets vastgelegd." \
        in _said(again.out), again
    shown = regie("geschiedenis", POH)
    assert shown.code == 0, shown
    assert "Geschiedenis van Voortgang Pilot Jeugd POH/SOH · oudste eerst, tussen lijnen één handeling" in shown.out
    rows: list[list[str]] = []  # a row per action; a continuation line (first cell empty) adds to the last
    for line in shown.out.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0]:
            rows.append(cells)
        elif cells and rows:
            for column in (1, 3):  # who: the name, then the key; what changed: one subject a line
                if cells[column]:
                    rows[-1][column] += " / " + cells[column]
    assert [(r[1], r[2]) for r in rows] == [
        ("register", "laad"), ("Regisseur programma 1 (Gezond en weerbaar) / sleutel: regisseur-jeugd", "opdracht"),
        ("Coördinator sociaal domein / sleutel: coordinator-sociaal-domein", "opdracht")], rows
    assert rows[1][3] == "„Evaluatie Pilot Jeugd POH/SOH” · gereed: — → 20 juli 2020", rows[1]
    assert rows[2][3] == "„Evaluatie Pilot Jeugd POH/SOH (volgens kosten/baten)” · uiterlijk: 31 december 2020 → 31 januari 2027 / " \
                         "„Evaluatie Pilot Jeugd POH/SOH (volgens kosten/baten)” · zeker: nee → ja" and rows[2][4] == "Bevestigd", rows[2]
    # the day in words, as everywhere a user reads one (it said 20-11-2026 14:05), with the time
    assert all(re.fullmatch(r"\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                            r"november|december) \d{4} \d{2}:\d{2}", r[0]) for r in rows), rows
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown.out), shown.out  # no ISO date anywhere
    assert "Mijlpaal evaluatie-pilot gereed" not in shown.out


def test_laad_plan_names_what_it_would_add_change_and_archive_bounded_per_kind(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """The plan showed only counts."""
    first = regie("laad", str(sample), "--plan")  # an empty database: everything is added
    assert first.code == 0, first
    said = _said(first.out)
    assert "toegevoegd personen: regisseur-jeugd, " in said, said
    assert "toegevoegd activiteiten: versterking-gespecialiseerde-ambulante-hulp (met 1 mijlpaal), " in said
    assert f"{POH} (met 4 mijlpalen)" in said
    assert "toegevoegd vergaderingen: mosd 16 januari 2020, poho 23 januari 2020, " in said and " en nog 6" in said, said
    assert regie("laad", str(sample)).code == 0
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("titel: Versterking van de pleegzorg (regionaal)", "titel: Versterking van de pleegzorg")
    text = text.replace("      - id: evaluatie-pilot\n", "      - id: evaluatie-pilot\n        gereed: 2020-07-01\n")
    path.write_text(text.split("  - id: voortgang-pilot-steungezinnen")[0], encoding="utf-8")
    people = sample / "bronckhorst" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "  - sleutel: nieuw\n    naam: Nieuwe collega\n"
                      "    kanalen: [nieuw@example.org]\n", encoding="utf-8")
    snapshot = db.snapshot()
    plan = regie("laad", str(sample), "--plan")
    assert plan.code == 0 and db.snapshot() == snapshot, plan
    lines = [line.strip() for line in plan.out.splitlines()]
    assert "toegevoegd personen: nieuw" in lines, lines
    assert f"gewijzigd activiteiten: versterking-pleegzorg (titel), {POH} (mijlpalen)" in lines, lines
    assert f"gewijzigd mijlpalen: {EVALUATIE} (gereed geen → 1 juli 2020)" in lines, lines
    assert "gearchiveerd activiteiten: voortgang-pilot-steungezinnen" in lines, lines
    assert "Gorinchem" not in plan.out
