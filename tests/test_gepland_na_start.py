"""An activity still `gepland` after its start (a new user's trial): `regie status` showed "gepland" on
2021-07-05 for an activity whose start milestone was 1 July 2021. The register's value stays; the status
and the overview now say that the start has passed and what to do. One rule
(domain/rules/milestones.status_tekst)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
HINT = "gepland (start 01-07-2021 is voorbij: zet status op lopend)"  # the overview's cell (a spreadsheet)
KORT = "gepland · start voorbij"  # the status table's cell; the command goes on a line under the table


def _m(soort: str, uiterlijk: dt.date | None, gereed: dt.date | None = None, herhaling: str | None = None):  # type: ignore[no-untyped-def]
    from domain.rules.feiten import MijlpaalFeit

    return MijlpaalFeit(1, soort, "Start", uiterlijk, None, herhaling, gereed, True, None)


@pytest.mark.parametrize(("status", "peildatum", "shown"), [
    ("gepland", dt.date(2021, 7, 2), HINT),
    ("gepland", dt.date(2021, 7, 1), "gepland"),   # the start day itself: not past yet
    ("gepland", dt.date(2021, 6, 1), "gepland"),
    ("lopend", dt.date(2021, 7, 2), "lopend"),
])
def test_a_planned_activity_past_its_start_says_so(status: str, peildatum: dt.date, shown: str) -> None:
    from domain.rules.milestones import status_tekst

    mijlpalen = [_m("oplevering", dt.date(2021, 6, 30)), _m("start", dt.date(2021, 7, 1))]
    assert status_tekst(status, mijlpalen, peildatum) == shown


def test_a_done_start_counts_the_earliest_start_and_no_start_no_hint() -> None:
    from domain.rules.milestones import status_tekst

    done = [_m("start", dt.date(2021, 7, 1), gereed=dt.date(2021, 7, 1)), _m("start", dt.date(2022, 1, 1))]
    assert status_tekst("gepland", done, dt.date(2021, 8, 1)) == HINT
    assert status_tekst("gepland", [_m("oplevering", dt.date(2021, 1, 1))], dt.date(2021, 8, 1)) == "gepland"
    assert status_tekst("gepland", [_m("start", None)], dt.date(2021, 8, 1)) == "gepland"


def test_regie_status_and_the_overview_say_the_start_has_passed(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.db import session_scope
    from services.reports.overview import build_overview

    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(region)).code == 0
    after = regie("status", "--gemeente", "Gorinchem", "--peildatum", "2021-07-05")
    assert after.code == 0 and KORT in after.out, after
    # One line under the table per such activity, naming the command that sets the status.
    assert "  regie voortgang statushouders --status lopend  (start 1 juli 2021)" in after.out.splitlines()
    before = regie("status", "--gemeente", "Gorinchem", "--peildatum", "2021-06-28")
    assert "voorbij" not in before.out and "regie voortgang" not in before.out
    with session_scope() as session:
        overview = build_overview(session=session, peildatum=dt.date(2021, 7, 5), gemeente="Gorinchem")
    [row] = [r for r in overview.gemeenten["Gorinchem"] if r.sleutel == "statushouders"]
    assert row.status == HINT


@pytest.mark.parametrize("columns", ["80", "120", "200"])
def test_the_status_table_breaks_words_whole_at_80_columns(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    """A new user's trial at 80 columns: the hint filled five lines of the Status column and words broke
    mid-word ("Cliëntervaringsonder|zoek"). Now the cell is short and every word stays whole."""
    monkeypatch.setenv("COLUMNS", columns)
    assert regie("laad", str(region)).code == 0
    shown = regie("status", "--gemeente", "Gorinchem", "--peildatum", "2021-07-05")
    assert shown.code == 0, shown
    assert all(len(line) <= int(columns) for line in shown.out.splitlines())
    assert "Cliëntervaringsonderzoek" in shown.out and "cliëntervaringsonderzoek" in shown.out
    [row] = [line for line in shown.out.splitlines() if line.startswith("│ Statushouders")]
    assert (KORT if columns != "80" else "gepland ·") in row  # at 80: "gepland ·" / "start" / "voorbij"


def _statushouders_in_both(region: Path) -> None:
    """Gorinchem's 'statushouders' activity copied into Bronckhorst: one id in two municipalities."""
    gorinchem = (region / "gorinchem" / "programma-7.yaml").read_text(encoding="utf-8").splitlines()
    start = gorinchem.index("  - id: statushouders")
    block = gorinchem[start:gorinchem.index("  - id: samengorinchem")]
    bronckhorst = region / "bronckhorst" / "programma-1.yaml"
    lines = bronckhorst.read_text(encoding="utf-8").splitlines()
    at = lines.index("activiteiten:") + 1
    bronckhorst.write_text("\n".join(lines[:at] + block + lines[at:]) + "\n", encoding="utf-8")


def test_the_command_names_the_municipality_when_the_id_is_in_two(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new user's trial: with 'statushouders' in Gorinchem and in Bronckhorst, the printed command
    `regie voortgang statushouders --status lopend` failed when copied ("staat in meer dan één gemeente").
    Now it names the municipality, and the command as printed works."""
    monkeypatch.setenv("COLUMNS", "250")
    _statushouders_in_both(region)
    assert regie("laad", str(region)).code == 0
    for gemeente in ("Gorinchem", "Bronckhorst"):
        shown = regie("status", "--gemeente", gemeente, "--peildatum", "2021-07-05")
        [command] = [line for line in shown.out.splitlines() if "--status lopend" in line]
        assert command == (f"  regie voortgang statushouders --status lopend --gemeente {gemeente}  "
                           "(start 1 juli 2021)"), shown
    # Copied as printed (without the date in brackets), it records the status.
    done = regie(*command.split("(")[0].split()[1:])
    assert done.code == 0 and "status lopend" in done.out, done
    # Bronckhorst's is running now; Gorinchem's, in the whole region's status, still names its municipality.
    region_wide = [line for line in regie("status", "--peildatum", "2021-07-05").out.splitlines()
                   if "--status lopend" in line]
    assert region_wide == ["  regie voortgang statushouders --status lopend --gemeente Gorinchem  "
                           "(start 1 juli 2021)"]


def test_a_municipality_name_with_a_space_or_quote_is_quoted_for_the_shell() -> None:
    from domain.register.tekstcontrole import shell_word

    assert shell_word("Gorinchem") == "Gorinchem"
    assert shell_word("Súdwest-Fryslân") == "Súdwest-Fryslân"
    assert shell_word("Alphen aan den Rijn") == '"Alphen aan den Rijn"'
    assert shell_word("'s-Hertogenbosch") == "\"'s-Hertogenbosch\""


def test_the_ids_list_names_the_municipality_of_an_id_in_two(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ids under the table are typed into `regie gereed` and `regie verplaats`: an id that is in two
    municipalities says which --gemeente goes with it, and the closing line says to add it."""
    monkeypatch.setenv("COLUMNS", "250")
    _statushouders_in_both(region)
    assert regie("laad", str(region)).code == 0
    shown = regie("status", "--gemeente", "Bronckhorst", "--peildatum", "2021-06-01").out.splitlines()
    [line] = [line for line in shown if line.startswith("  statushouders/")]
    assert line.endswith("  (met --gemeente Bronckhorst)"), line
    assert not [line for line in shown if line.startswith("  ") and "/" in line and "--gemeente" not in line
                and line.strip().split("/")[0] == "statushouders"]
    assert shown[-1].endswith("(en --gemeente waar dat erbij staat)."), shown[-1]
    # Copied with the municipality it names, `regie gereed` takes it.
    ident = line.split()[0]
    done = regie("gereed", ident, "--gemeente", "Bronckhorst", "--datum", "2021-06-01")
    assert done.code == 0, done
    alone = regie("status", "--gemeente", "Gorinchem", "--peildatum", "2021-06-01").out.splitlines()
    assert next(line for line in alone if line.startswith("  statushouders/")).endswith("--gemeente Gorinchem)")
    # Where no id is shared, nothing is added.
    other = [line for line in shown if line.startswith("  ") and "/" in line and "statushouders" not in line]
    assert other and not [line for line in other if "--gemeente" in line]
