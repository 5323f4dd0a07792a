"""A required option or argument left out: the answering commands say that nothing was recorded and
every message says what to write, with an example and, where there is a list, the allowed values
(regie/missing.py)."""

from __future__ import annotations

import pytest

from regie import nederlands
from regie.cli import app
from regie.missing import ANSWERING


def test_a_missing_reason_says_nothing_was_recorded_and_gives_an_example(regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("verplaats", "steungezinnen/evaluatie-pilot", "--naar", "2026-12-31")
    assert outcome.code == 2
    assert outcome.err.splitlines()[0] == ('Niet vastgelegd: geef --reden op (waarom de datum verschuift), '
                                           'bijvoorbeeld --reden "wachten op collegebesluit".')


def test_a_missing_new_date_gets_an_example_after_today(regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("verplaats", "steungezinnen/evaluatie-pilot", "--reden", "later")
    assert outcome.code == 2
    # today is 2026-11-23 in every test (tests/conftest.py): the example is a month ahead, not in the past
    assert outcome.err.splitlines()[0] == ("Niet vastgelegd: geef --naar op (de nieuwe uiterste datum als "
                                           "JJJJ-MM-DD), bijvoorbeeld --naar 2026-12-23.")


def test_a_missing_meeting_lists_the_allowed_meetings(regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie("rapport")
    assert outcome.code == 2
    assert outcome.err.splitlines()[0] == ("Optie '--vergadering' ontbreekt: geef de vergadering: mosd, poho "
                                           "of raad (de openbare versie), bijvoorbeeld --vergadering mosd.")


@pytest.mark.parametrize(("args", "first_line"), [
    (["gereed"], "Niet vastgelegd: geef de mijlpaal op als ACTIVITEIT/MIJLPAAL, met de id's uit het "
                 "registerbestand."),
    (["voortgang"], "Niet vastgelegd: geef de activiteit op met haar id uit het registerbestand."),
    (["meting", "pilot/deelnemers"], "Niet vastgelegd: geef --waarde op (de gemeten waarde, een getal), "
                                     "bijvoorbeeld --waarde 42 (of 12,5)."),
])
def test_every_answering_command_says_nothing_was_recorded(args: list[str], first_line: str, regie) -> None:  # type: ignore[no-untyped-def]
    outcome = regie(*args)
    assert outcome.code == 2
    assert outcome.err.splitlines()[0] == first_line


def _required() -> list[tuple[str, str]]:
    root = nederlands.command(app)
    return [(path, max(p.opts, key=len)) for path, cmd in nederlands._commands(root)
            for p in cmd.params if p.required and p.param_type_name == "option"]


@pytest.mark.parametrize(("command", "option"), _required())
def test_every_required_option_left_out_gets_an_example(command: str, option: str, regie) -> None:  # type: ignore[no-untyped-def]
    # every other required option and argument given, so the one left out is what is named
    root = nederlands.command(app)
    cmd = dict(nederlands._commands(root))[command]
    args = command.split()
    for p in cmd.params:
        if p.required and p.param_type_name == "argument":
            args.append("iets/iets")
        elif p.required and p.param_type_name == "option" and max(p.opts, key=len) != option:
            args += [max(p.opts, key=len), "2020-01-01"]
    outcome = regie(*args)
    assert outcome.code == 2, outcome
    first = outcome.err.splitlines()[0]
    assert f"bijvoorbeeld {option} " in first, first
    assert first.startswith("Niet vastgelegd: ") == (command in ANSWERING), first
    assert "ontbreekt." not in first


def _arguments() -> list[tuple[str, str]]:
    root = nederlands.command(app)
    return [(path, p.name) for path, cmd in nederlands._commands(root) if path not in ANSWERING
            for p in cmd.params if p.required and p.param_type_name == "argument"]


@pytest.mark.parametrize(("command", "argument"), _arguments())
def test_every_required_argument_left_out_says_what_it_is_with_a_command_to_copy(  # type: ignore[no-untyped-def]
        command: str, argument: str, regie) -> None:
    """A trial's `regie link` said only "Argument 'PERSOON' ontbreekt.", with no example."""
    outcome = regie(*command.split())
    assert outcome.code == 2, outcome
    first = outcome.err.splitlines()[0]
    assert f"Bijvoorbeeld: regie {command} " in first and not first.endswith(" ..."), first
    assert first.startswith("Argument '") and "ontbreekt. " in first, first


def test_a_missing_register_folder_names_it_with_an_example(regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad").err.splitlines()[0] == (
        "Argument 'map' ontbreekt. Registermap: één gemeente of een map met gemeenten. "
        "Bijvoorbeeld: regie laad register/voorbeeld")


def test_the_example_person_is_one_of_the_loaded_register_not_the_demos(sample, regie) -> None:  # type: ignore[no-untyped-def]
    """A trial with its own register was offered the demo's 'regisseur-jeugd'."""
    from models.settings import get_settings

    assert regie("link").err.splitlines()[0].endswith("Bijvoorbeeld: regie link SLEUTEL")
    assert not (get_settings().data_dir / "regie.db").exists()  # no database made for an example
    assert regie("laad", str(sample)).code == 0
    from regie.missing import _a_person_key

    first = _a_person_key()
    assert first not in ("SLEUTEL", "") and regie("link").err.splitlines()[0].endswith(f"regie link {first}")
