"""`regie overzicht`: the coordinator's spreadsheet, read back with openpyxl and the csv module."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

POH = "voortgang-pilot-jeugd-poh-soh"
SPORT = "uitvoeringsagenda-regionaal-sportakkoord"
PEILDATUM = dt.date(2020, 6, 15)


def _with_answer(regie, monkeypatch: pytest.MonkeyPatch, region: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-10")  # the answer is given five days before the peildatum
    done = regie("voortgang", POH, "--koers", "risico", "--tekst", "=1+1 loopt uit", "--besteed", "120.000,50",
                 "--door", "regisseur-jeugd", "--gemeente", "Bronckhorst")
    assert done.code == 0, done


def _open_milestones(db: Database) -> int:
    from models.tables import Activity, Milestone

    with db.session() as session:
        return len(session.scalars(select(Milestone).join(Activity, Activity.id == Milestone.activiteit_id).where(
            Milestone.gereed.is_(None), Milestone.gearchiveerd_op.is_(None),
            Activity.gearchiveerd_op.is_(None))).all())


def test_the_workbook_has_a_sheet_per_municipality_and_one_of_open_milestones(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _with_answer(regie, monkeypatch, region)
    target = tmp_path / "uit" / "overzicht.xlsx"
    made = regie("overzicht", "--formaat", "xlsx", "--uitvoer", str(target), "--peildatum", PEILDATUM.isoformat())
    assert made.code == 0, made
    assert "Overzicht per 15 juni 2020 geschreven" in made.out and str(target) in made.out

    book = load_workbook(target)
    assert book.sheetnames == ["Bronckhorst", "Gorinchem", "Open mijlpalen"]
    sheet = book["Bronckhorst"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["Programma", "Activiteit", "Id", "Eigenaar", "Status", "Stoplicht",
                       "Volgende mijlpaal (niet te laat)", "Datum volgende mijlpaal", "Oudste te late mijlpaal",
                       "Te laat (dagen)", "Budget (€)", "Besteed (€)", "Laatste antwoord op", "Laatste antwoord"]
    by_id = {r[2]: r for r in rows[1:]}
    poh = by_id[POH]
    assert poh[:6] == ["1. Gezond en weerbaar", "Voortgang Pilot Jeugd POH/SOH", POH,
                       "Regisseur programma 1 (Gezond en weerbaar)", "lopend", "oranje (risico)"]
    assert poh[6] == "Evaluatie Pilot Jeugd POH/SOH" and poh[7] == dt.datetime(2020, 7, 31)
    assert poh[8] is None and poh[9] is None  # nothing overdue
    assert (Decimal(str(poh[10])), Decimal(str(poh[11]))) == (Decimal("231907.6"), Decimal("120000.5"))
    assert poh[12] == dt.datetime(2020, 6, 10) and poh[13] == "=1+1 loopt uit"
    cells = {c.column_letter: c for c in sheet[[r[2] for r in rows].index(POH) + 1]}
    assert cells["H"].number_format == "DD-MM-YYYY" and cells["H"].is_date
    assert cells["N"].data_type == "s"  # text from a person, never a formula
    sport = by_id[SPORT]
    assert sport[5] == "grijs (geen recent antwoord)"
    assert sport[8] == "Collegebesluit over de uitvoeringsagenda"  # the oldest overdue milestone ...
    assert sport[9] == (PEILDATUM - dt.date(2019, 12, 31)).days   # ... and its days late
    assert {r[2] for r in [[c.value for c in r] for r in book["Gorinchem"].iter_rows(min_row=2)]} >= {"samengorinchem"}

    milestones = [[c.value for c in r] for r in book["Open mijlpalen"].iter_rows()]
    assert milestones[0] == ["Gemeente", "Programma", "Activiteit", "Mijlpaal", "Id", "Soort", "Eigenaar",
                             "Vroegst", "Uiterlijk", "Te laat (dagen)", "Zeker"]
    assert len(milestones) - 1 == _open_milestones(db)
    assert {r[0] for r in milestones[1:]} == {"Bronckhorst", "Gorinchem"}
    dated = [r[8] for r in milestones[1:] if r[8] is not None]
    assert dated == sorted(dated)
    evaluation = next(r for r in milestones[1:] if r[4] == "evaluatie-pilot")
    assert evaluation[2] == "Voortgang Pilot Jeugd POH/SOH" and evaluation[9] is None
    # a guessed date in the words of the digest and the report; a certain one plainly "ja"
    assert {r[10] for r in milestones[1:]} == {"ja", "nee (datum onzeker, controleer het register)"}


def test_csv_writes_one_file_per_sheet_in_dutch_and_never_touches_other_files(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _with_answer(regie, monkeypatch, region)
    folder = tmp_path / "overzicht"
    made = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum", PEILDATUM.isoformat())
    assert made.code == 0, made
    assert sorted(p.name for p in folder.iterdir()) == ["open-mijlpalen.csv", "overzicht-bronckhorst.csv",
                                                        "overzicht-gorinchem.csv"]

    def read(name: str) -> list[list[str]]:
        with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))

    rows = read("overzicht-bronckhorst.csv")
    assert rows[0][:3] == ["Programma", "Activiteit", "Id"]
    poh = next(r for r in rows if r[2] == POH)
    assert poh[5:] == ["oranje (risico)", "Evaluatie Pilot Jeugd POH/SOH", "31-07-2020", "", "", "231907,60",
                       "120000,50", "10-06-2020", "'=1+1 loopt uit"]
    assert len(read("open-mijlpalen.csv")) - 1 == _open_milestones(db)

    again = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum", PEILDATUM.isoformat())
    assert again.code == 0, again  # its own earlier files are replaced
    (folder / "overzicht-gorinchem.csv").write_text("mijn eigen aantekeningen\n", encoding="utf-8")
    refused = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder))
    assert refused.code == 2
    assert "bevat al andere bestanden (overzicht-gorinchem.csv)" in refused.err
    assert (folder / "overzicht-gorinchem.csv").read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"


def test_a_milestone_marked_done_after_an_answer_keeps_the_answers_traffic_light(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The regisseur answered 'risico'; two days later the coordinator marked a milestone done with
    `regie gereed`. That row has no koers, and as the last answer it turned the light grey, 'geen recent
    antwoord', in the overview and the MOSD report: the last koers given now stays."""
    _with_answer(regie, monkeypatch, region)
    set_today(monkeypatch, "2020-06-12")
    done = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-06-12", "--door", "coordinator-sociaal-domein")
    assert done.code == 0, done
    folder = tmp_path / "overzicht"
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum",
                 PEILDATUM.isoformat()).code == 0
    with (folder / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as handle:
        poh = next(r for r in csv.reader(handle, delimiter=";") if r[2] == POH)
    assert poh[5] == "oranje (risico)"
    # the coordinator's answer is named as theirs; the last words stay the regisseur's, with their day
    assert poh[12:] == ["12-06-2020", "mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed (vastgelegd door "
                        "Coördinator sociaal domein); =1+1 loopt uit (toelichting van 10-06-2020)"]


@pytest.mark.parametrize(("door", "said"), [
    # Without any answer of the regisseur, the coordinator's `regie gereed` was a date beside an empty
    # "Laatste antwoord": it counts as progress, and says what it was and who recorded it.
    ("coordinator-sociaal-domein", "mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed (vastgelegd door "
                                   "Coördinator sociaal domein)"),
    # The regisseur ticked it done (no words): the report said "Laatste voortgang 12 juni 2020: mijlpaal
    # „Evaluatie Pilot Jeugd POH/SOH” gereed", the overview a date beside an empty "Laatste antwoord".
    ("regisseur-jeugd", "mijlpaal „Evaluatie Pilot Jeugd POH/SOH” gereed"),
])
def test_a_milestone_marked_done_without_words_is_the_last_answer_named_as_the_report_does(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, door: str,
        said: str) -> None:
    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-12")
    assert regie("gereed", f"{POH}/evaluatie-pilot", "--door", door).code == 0
    folder = tmp_path / "overzicht"
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum",
                 PEILDATUM.isoformat()).code == 0
    with (folder / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as handle:
        poh = next(r for r in csv.reader(handle, delimiter=";") if r[2] == POH)
    assert poh[12:] == ["12-06-2020", said]


def test_it_refuses_a_workbook_it_did_not_write_and_an_unknown_format(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    from openpyxl import Workbook

    assert regie("laad", str(region)).code == 0
    foreign = tmp_path / "begroting.xlsx"
    book = Workbook()
    book.active["A1"] = "eigen werk"
    book.save(foreign)
    before = foreign.read_bytes()
    refused = regie("overzicht", "--uitvoer", str(foreign))
    assert refused.code == 2 and "niet door 'regie overzicht' gemaakt" in refused.err
    assert foreign.read_bytes() == before
    ours = tmp_path / "overzicht.xlsx"
    assert regie("overzicht", "--uitvoer", str(ours)).code == 0
    assert regie("overzicht", "--uitvoer", str(ours)).code == 0  # its own file: replaced
    wrong = regie("overzicht", "--formaat", "pdf")
    assert wrong.code == 2 and "Kies xlsx" in wrong.err and "Traceback" not in wrong.err
    assert "eindigt niet op .xlsx" in regie("overzicht", "--uitvoer", str(tmp_path / "x.txt")).err
    assert "Geen gemeente gevonden" in regie("overzicht", "--gemeente", "Atlantis").err


def test_sheet_names_follow_excels_rules() -> None:
    from services.reports.overview_files import _sheet_name

    used: set[str] = set()
    names = [_sheet_name(n, used) for n in ("Súdwest-Fryslân", "Gemeente met een hele lange naam [fase 2]: x/y",
                                             "Gemeente met een hele lange naam [fase 2]: x/z", "open MIJLPALEN",
                                             "Open mijlpalen")]
    assert names[0] == "Súdwest-Fryslân"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_the_days_late_on_a_row_are_those_of_the_milestone_named_beside_them(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    """'Te laat (dagen)' stood beside 'Volgende mijlpaal' and read as that milestone's lateness; it
    was another one's (the oldest late milestone). Each row now names the milestone its days are
    about, and the sheet of open milestones gives that milestone the same days."""
    from openpyxl import load_workbook

    assert regie("laad", str(region)).code == 0
    target = tmp_path / "overzicht.xlsx"
    assert regie("overzicht", "--uitvoer", str(target), "--peildatum", PEILDATUM.isoformat()).code == 0
    book = load_workbook(target)
    open_rows = [[c.value for c in r] for r in book["Open mijlpalen"].iter_rows(min_row=2)]
    for row in open_rows:  # every milestone's own days late
        due = row[8].date() if row[8] is not None else None
        assert row[9] in (None, (PEILDATUM - due).days if due else None), row
    late = {(r[2], r[3]): r[9] for r in open_rows if r[9] is not None}
    checked = 0
    for name in ("Bronckhorst", "Gorinchem"):
        for row in [[c.value for c in r] for r in book[name].iter_rows(min_row=2)]:
            titel, volgende, oudste, dagen = row[1], row[6], row[8], row[9]
            if dagen is None:
                assert oudste is None
                continue
            assert late[titel, oudste] == dagen == max(d for (t, _m), d in late.items() if t == titel)
            assert oudste != volgende
            checked += 1
    assert checked >= 3  # several activities with late milestones


def test_it_replaces_only_its_own_unchanged_files_unless_told_to_overschrijf(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    """A workbook the coordinator edited and saved keeps our name as its maker, and a rerun replaced
    it without a word. Now only a file this command wrote and nobody changed is replaced; anything
    else needs --overschrijven, and no other file is ever touched or removed."""
    from openpyxl import load_workbook

    assert regie("laad", str(region)).code == 0
    out = tmp_path / "uit"
    out.mkdir()
    ours = out / "overzicht.xlsx"
    bystander = out / ".overzicht.xlsx.deel"  # the name the old temporary file had
    bystander.write_text("van iemand anders", encoding="utf-8")
    assert regie("overzicht", "--uitvoer", str(ours)).code == 0
    assert regie("overzicht", "--uitvoer", str(ours)).code == 0  # its own, unchanged: replaced
    book = load_workbook(ours)
    book["Bronckhorst"]["A2"] = "mijn aantekening"
    book.save(ours)  # the maker stays "programmaregie (regie overzicht)"
    assert load_workbook(ours).properties.creator == "programmaregie (regie overzicht)"
    edited = ours.read_bytes()
    refused = regie("overzicht", "--uitvoer", str(ours))
    assert refused.code == 2 and "Traceback" not in refused.err
    assert "bestaat al en is niet door 'regie overzicht' gemaakt, of is daarna veranderd" in refused.err
    assert "--overschrijven" in refused.err
    assert ours.read_bytes() == edited
    forced = regie("overzicht", "--uitvoer", str(ours), "--overschrijven")
    assert forced.code == 0, forced
    assert load_workbook(ours)["Bronckhorst"]["A2"].value != "mijn aantekening"
    assert regie("overzicht", "--uitvoer", str(ours)).code == 0  # ours again
    assert bystander.read_text(encoding="utf-8") == "van iemand anders"
    assert sorted(p.name for p in out.iterdir()) == [".overzicht.xlsx.deel", "overzicht.xlsx"]

    folder = out / "csv"
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder)).code == 0
    mine = folder / "open-mijlpalen.csv"
    mine.write_text(mine.read_text(encoding="utf-8-sig") + "mijn eigen regel\n", encoding="utf-8-sig")
    (folder / "notities.txt").write_text("blijft", encoding="utf-8")
    refused = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder))
    assert refused.code == 2 and "open-mijlpalen.csv" in refused.err and "--overschrijven" in refused.err
    assert "mijn eigen regel" in mine.read_text(encoding="utf-8-sig")
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--overschrijven").code == 0
    assert "mijn eigen regel" not in mine.read_text(encoding="utf-8-sig")
    assert (folder / "notities.txt").read_text(encoding="utf-8") == "blijft"
    assert sorted(p.name for p in folder.iterdir()) == ["notities.txt", "open-mijlpalen.csv",
                                                        "overzicht-bronckhorst.csv", "overzicht-gorinchem.csv"]


def test_the_default_name_of_one_municipalitys_overview_names_it(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A coordinator who mails the spreadsheet of one municipality sent 'overzicht-2020-06-15.xlsx',
    the name of the whole region's: with --gemeente the default name says which municipality."""
    assert regie("laad", str(region)).code == 0
    monkeypatch.chdir(tmp_path)
    day = ("--peildatum", PEILDATUM.isoformat())
    assert regie("overzicht", "--gemeente", "Gorinchem", *day).code == 0
    assert regie("overzicht", "--gemeente", "gorinchem", "--formaat", "csv", *day).code == 0
    assert regie("overzicht", *day).code == 0
    folder = tmp_path / "data" / "overzichten"  # the default folder (tests/test_overzicht_standaardmap.py)
    assert sorted(p.name for p in folder.glob("overzicht*")) == [
        "overzicht-2020-06-15.xlsx", "overzicht-gorinchem-2020-06-15", "overzicht-gorinchem-2020-06-15.xlsx"]
    assert [p.name for p in (folder / "overzicht-gorinchem-2020-06-15").iterdir()] != []
