"""The help of an option that takes a date showed "<tekst>" beside it, as if any text would do: it
shows "<datum>" now (its help says JJJJ-MM-DD, regie/nederlands.py)."""

from __future__ import annotations

import re

import pytest

DATE_OPTIONS = {"--naar", "--datum", "--peildatum", "--van", "--tot", "--documentdatum"}


def _commands() -> list[str]:
    from regie.cli import app
    from regie.nederlands import command_names

    return [path for path in command_names(app) if path]


def test_every_date_option_is_labelled_datum(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")  # one option a line
    seen: set[str] = set()
    for path in _commands():
        outcome = regie(*path.split(), "--help")
        assert outcome.code == 0, (path, outcome)
        for line in outcome.out.splitlines():
            found = re.search(r"(--[a-z]+)\s+(?:-\w\s+)?(<[^>]+>)", line)
            if found and found[1] in DATE_OPTIONS:
                seen.add(found[1])
                assert found[2] == "<datum>", (path, line)
            elif found:  # a path whose name holds JJJJ-MM-DD is still a path
                assert found[2] != "<datum>", (path, line)
    assert seen == DATE_OPTIONS


@pytest.mark.parametrize("path", ["overzicht", "rapport"])
def test_a_path_option_keeps_its_label(path: str, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    said = regie(path, "--help").out
    assert re.search(r"--uitvoer\s+<pad>", said), said


@pytest.mark.parametrize(("path", "option"), [("status", "--peildatum"), ("overzicht", "--peildatum"),
                                              ("rapport", "--peildatum"), ("controle", "--peildatum"),
                                              ("dienst", "--peildatum"), ("importeer", "--documentdatum"),
                                              ("simuleer", "--van"), ("simuleer", "--tot"),
                                              ("verplaats", "--naar"), ("gereed", "--datum"), ("meting", "--datum")])
def test_a_date_options_help_says_every_form_it_reads_with_an_example(path: str, option: str, regie,  # type: ignore[no-untyped-def]
                                                                      monkeypatch) -> None:
    """The help said only JJJJ-MM-DD, while the option reads dd-mm-jjjj and words too
    (regie/datum_optie.parse_date, domain.melding.getypte_datum): it says so now, with one example. "In woorden,
    met het jaar" read as if 'eind juni 2021' would do: a day is asked, so the help says dag, maand en jaar;
    and the words every date option reads (vandaag, morgen, gisteren)."""
    monkeypatch.setenv("COLUMNS", "400")  # one option a line
    said = regie(*path.split(), "--help").out
    [line] = [line for line in said.splitlines() if re.search(rf"{option}\s+<datum>", line)]
    assert ("JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar, bijvoorbeeld 18 juni 2020; ook vandaag, "
            "morgen of gisteren") in line, line
