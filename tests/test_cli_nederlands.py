"""Every command's help and every usage error is Dutch, including the words Typer and its copy of
click write themselves ("Usage:", "Show this message and exit.", type labels, "Missing argument")."""

from __future__ import annotations

import re

import pytest

# English that Typer, click or pydantic print when nothing translates them.
ENGELS = re.compile(r"Usage|Show this|message and exit|\bOptions\b|\bArguments\b|\bCommands?\b|OPTIONS|"
                    r"\bARGS\b|\bTEXT\b|INTEGER|\bPATH\b|<bool>|<str>|<int>|<float>|<path>|\bMissing\b|"
                    r"No such|\bTry\b|for help|\bError\b|\bInvalid\b|unexpected|\brequired\b|\bdefault\b|"
                    r"Input should|Did you mean|Possible options|requires an|Aborted|\bValue\b|env var")


def _commands() -> list[str]:
    from regie.cli import app
    from regie.nederlands import command_names

    return command_names(app)


def test_the_command_list_is_complete() -> None:
    names = _commands()
    assert "" in names and {"laad", "status", "dienst", "web", "link"} <= set(names)


@pytest.mark.parametrize("path", _commands())
def test_every_commands_help_is_dutch_including_typers_own_words(path: str, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")  # no word broken over two lines
    outcome = regie(*path.split(), "--help")
    assert outcome.code == 0, outcome
    assert "Gebruik: regie" in outcome.out and "Toon deze hulp en stop." in outcome.out
    english = ENGELS.findall(outcome.out + outcome.err)
    assert not english, (english, outcome.out)


@pytest.mark.parametrize("args", [
    ["laad"],                               # a missing argument
    ["importeer", "x.pdf"],                 # a missing option
    ["status", "--onbekend"],               # an unknown option
    ["stauts"],                             # an unknown command
    ["status", "--peildatum"],              # an option without its value
    ["dienst", "--poort", "vierduizend"],   # a value of the wrong type
    ["status", "een", "twee"],              # extra arguments
    ["laad", "--plan=ja", "map"],           # a value for a flag
])
def test_a_wrong_invocation_is_told_in_dutch_with_where_to_find_help(args: list[str], regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie(*args)
    assert outcome.code == 2, outcome
    assert "Zie 'regie" in outcome.err and "--help'." in outcome.err
    english = ENGELS.findall(outcome.out + outcome.err)
    assert not english, (english, outcome.err)
    assert "Traceback" not in outcome.err


def test_a_usage_error_names_what_is_wrong(regie) -> None:  # type: ignore[no-untyped-def]
    assert "Argument 'map' ontbreekt. " in regie("laad").err
    assert "Optie '--gemeente' ontbreekt: geef de naam van de gemeente" in regie("importeer", "x.pdf").err
    assert "Onbekende optie: --onbekend" in regie("status", "--onbekend").err
    # A port's example is a port, the one the option stands for by default (before: "bijvoorbeeld 4").
    assert "Ongeldige waarde voor '--poort': schrijf een poortnummer, bijvoorbeeld 4200" in regie(
        "dienst", "--poort", "x").err
    assert "Ongeldige waarde voor '--poort': schrijf een poortnummer, bijvoorbeeld 8400" in regie(
        "web", "--poort", "abc").err
    assert "Ongeldige waarde voor '--perioden': schrijf een geheel getal, bijvoorbeeld 4" in regie(
        "indicatoren", "vergelijk", "--perioden", "x").err
    # A year's example is a year: this year on the one clock (the tests' REGIE_VANDAAG)
    assert "Ongeldige waarde voor '--jaar': schrijf een jaartal, bijvoorbeeld 2026" in regie(
        "voortgang", "x", "--besteed", "10", "--jaar", "twintig").err
    assert "Onverwacht extra argument: een twee" in regie("status", "een", "twee").err
