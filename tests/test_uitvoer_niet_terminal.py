"""A new user's trial: `regie status | cat` (or `> status.txt`) printed its tables padded with spaces to
about 220 characters a line, title lines included, unreadable when pasted into a mail. Not a terminal
(as under pytest's capture): no line ends in spaces, each row whole on one line; COLUMNS still sets the
width (regie/common.py, out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import set_today

SQLITE_ONLY = True  # its subject is the console, not the database (tests/conftest.py)


def _no_trailing_spaces(text: str) -> None:
    padded = [line for line in text.splitlines() if line != line.rstrip()]
    assert not padded, padded[:3]


@pytest.mark.parametrize("columns", [None, "100"])
def test_tables_in_a_pipe_or_file_carry_no_trailing_spaces(  # type: ignore[no-untyped-def]
        db, sample: Path, regie, monkeypatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    commands = [("status",), ("status", "--peildatum", "16 juni 2020"), ("geschiedenis", "versterking-pleegzorg"),
                ("simuleer", "--van", "2020-06-15", "--tot", "2020-06-19"), ("diagnose",)]
    for command in commands:
        shown = regie(*command)
        # diagnose says 1 when something on this machine is amiss (a port in use): its table still shows
        assert shown.out and (shown.code == 0 or command == ("diagnose",)), (command, shown)
        _no_trailing_spaces(shown.out)
        _no_trailing_spaces(shown.err)
    status = regie("status").out
    if columns is None:  # no width given: each row and title whole on its line, no words folded
        lines = status.splitlines()
        assert "Bronckhorst · programma 1: Gezond en weerbaar · regisseur: Regisseur programma 1 (Gezond en " \
               "weerbaar) · peildatum maandag 15 juni 2020" in lines
        row = next(line for line in lines if "Uitvoeringsstrategie" in line)
        assert "Uitvoeringsstrategie Rijkere Visie op Onderwijs" in row
        assert "31 mei 2020 Uitvoeringsafspraken voor alle thema's gemaakt · 15 dagen te laat" in row
    else:  # the width given: lines within it, the words all there
        assert all(len(line) <= int(columns) for line in status.splitlines() if line[:1] in "┏┃┡│└"), status
        assert all(word in status for word in ("Uitvoeringsstrategie", "Uitvoeringsafspraken", "Sportakkoord"))


def test_a_print_that_ends_no_line_keeps_its_space(capsys) -> None:  # type: ignore[no-untyped-def]
    """Only the end of a line loses its spaces: a print with end='' is continued by the next one."""
    from regie.common import out

    out().print("Bezig ", end="")
    out().print("klaar   ")
    assert capsys.readouterr().out == "Bezig klaar\n"
