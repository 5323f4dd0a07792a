"""`regie status` lists the id of every late milestone, not only of the one its row shows: a new user's
trial saw "Te laat: 1" beside a coming milestone and had no id to type for `regie gereed`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.databases import Database, one_database


def _rows_and_ids(out: str) -> dict[str, tuple[int, bool, list[str]]]:
    """Per activity id: the row's 'Te laat' count, whether the row's own milestone is late, and the late
    ids listed under it."""
    lines = out.splitlines()
    rows = [line for line in lines if line.startswith("│")]
    start = next(i for i, line in enumerate(lines) if line.startswith("Ids, in de volgorde"))
    found: dict[str, tuple[int, bool, list[str]]] = {}
    order = []
    for line in lines[start + 1:]:
        if line.startswith("    te laat: "):
            found[order[-1]][2].append(line.split()[2])
        elif line.startswith("  ") and line.strip():
            order.append(line.split()[0].split("/")[0])
            found[order[-1]] = (0, False, [])
        else:
            break
    assert len(rows) == len(order), (rows, order)
    for key, row in zip(order, rows, strict=True):
        cells = [cell.strip() for cell in row.strip("│").split("│")]
        found[key] = (int(cells[-1] or 0), "dagen te laat" in cells[2] or "dag te laat" in cells[2], found[key][2])
    return found


@one_database
def test_every_late_milestone_has_its_id_under_the_table(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    assert regie("laad", str(region)).code == 0
    shown = regie("status", "--gemeente", "Bronckhorst", "--peildatum", "2020-09-01")
    assert shown.code == 0, shown
    found = _rows_and_ids(shown.out)
    # Each late milestone once: the row's own (when late) and the ones listed under it add up to 'Te laat'.
    for key, (count, row_late, listed) in found.items():
        assert count == len(listed) + row_late, (key, count, row_late, listed)
        assert len(set(listed)) == len(listed)
    # The trial's case: the row shows the coming decision, the late evaluation is listed with its date,
    # and the Status column says one is late (it said plain 'lopend').
    assert found["voortgang-pilot-jeugd-poh-soh"] == (1, False, ["voortgang-pilot-jeugd-poh-soh/evaluatie-pilot"])
    [row] = [line for line in shown.out.splitlines() if line.startswith("│ Voortgang Pilot Jeugd POH/SOH")]
    assert "│ lopend · 1 mijlpaal te laat" in row, row
    assert ("    te laat: voortgang-pilot-jeugd-poh-soh/evaluatie-pilot (uiterlijk 31 juli 2020)"
            in shown.out.splitlines())
    # Typed as listed, `regie gereed` takes it, and the line goes.
    assert regie("gereed", "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot", "--datum", "2020-08-31").code == 0
    after = _rows_and_ids(regie("status", "--gemeente", "Bronckhorst", "--peildatum", "2020-09-01").out)
    assert after["voortgang-pilot-jeugd-poh-soh"] == (0, False, [])


@one_database
@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_the_table_keeps_its_right_edge_when_long_words_fill_two_columns(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    """A new user's trial at 80 columns: with a 25-letter word in the titles and one of 20 in the next
    milestones, rich let the table grow to 82 columns and cut off the 'Te laat' column's right border."""
    monkeypatch.setenv("COLUMNS", columns)
    path = region / "gorinchem" / "programma-7.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("titel: Statushouders", "titel: Statushoudersbegeleiding", 1)
    path.write_text(text, encoding="utf-8")
    assert regie("laad", str(region)).code == 0
    shown = regie("status", "--peildatum", "2020-06-18")
    assert shown.code == 0, shown
    table = [line for line in shown.out.splitlines() if line and line[0] in "┏┃┡│└"]
    assert table and all(len(line) <= int(columns) for line in table), max(table, key=len)
    assert all(line.rstrip()[-1] in "┓┃┩│┘" for line in table), [line for line in table
                                                               if line.rstrip()[-1] not in "┓┃┩│┘"]
    # Whole words wherever the room allows: at 80 and 100 no title word is cut.
    if columns != "60":
        assert "Statushoudersbegeleiding" in shown.out and "Combinatiefunctionarissen" in shown.out


@one_database
def test_the_hint_under_the_table_names_door_when_no_user_is_set(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new user's trial typed the hint's `regie gereed ACTIVITEIT/MIJLPAAL` and got "wie legt dit vast?":
    without REGIE_GEBRUIKER the hint says how to give one's key."""
    assert regie("laad", str(region)).code == 0
    hint = "Zet er uw sleutel uit personen.yaml bij met --door SLEUTEL, of eenmalig voor dit venster: " \
        "export REGIE_GEBRUIKER=SLEUTEL."
    with_user = " ".join(regie("status", "--peildatum", "2020-06-18").out.split())
    assert "Mijlpaal gereed of verschoven? regie gereed" in with_user and hint not in with_user
    monkeypatch.delenv("REGIE_GEBRUIKER")
    assert hint in " ".join(regie("status", "--peildatum", "2020-06-18").out.split())
