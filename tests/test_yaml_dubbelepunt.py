"""A field without its ':' (`uiterlijk 2020-03-31`) or without a space after it (`status:lopend`) is named
on its own line, with the line as it reads and as it should read (domain/register/yaml_dubbelepunt.py).
PyYAML notices the missing ':' only at the next line; the register named that line ("regel N+1: deze
regel mist de ':'") while it had its colon."""

from __future__ import annotations

import pytest

from domain.register.yamlsource import YamlFout, parse_yaml
from tests.test_register_errors import PROGRAMME, assert_refused, break_file
from tests.test_yaml_inspringing import ACTIVITEIT

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _refused(old: str, new: str) -> YamlFout:
    assert old in ACTIVITEIT
    with pytest.raises(YamlFout) as raised:
        parse_yaml(ACTIVITEIT.replace(old, new, 1))
    return raised.value


@pytest.mark.parametrize(("old", "new", "line", "field", "said", "fixed"), [
    ("status: lopend", "status:lopend", 4, "status", "na de ':' van 'status' staat geen spatie („status:lopend”)",
     "Schrijf 'status: lopend'."),
    ("uiterlijk: 2021-06-30", "uiterlijk 2021-06-30", 10, "uiterlijk",
     "deze regel mist de ':' tussen naam en waarde („uiterlijk 2021-06-30”)", "Schrijf 'uiterlijk: 2021-06-30'."),
    ("soort: project", "soort project # zie plan", 5, "soort",
     "deze regel mist de ':' tussen naam en waarde („soort project # zie plan”)",
     "Schrijf 'soort: project # zie plan'."),
    ("    mijlpalen:", "    mijlpalen", 6, "mijlpalen", "deze regel mist de ':' na 'mijlpalen'", "Schrijf 'mijlpalen:'."),
    # the first field of a block or list item: PyYAML complains about the next field's ':' instead
    ("- id: buurtcoaches", "- id:buurtcoaches", 2, "id", "na de ':' van 'id' staat geen spatie",
     "Schrijf 'id: buurtcoaches'."),
    ("- id: evaluatie", "- id evaluatie", 7, "id", "deze regel mist de ':' tussen naam en waarde („id evaluatie”)",
     "Schrijf 'id: evaluatie'."),
    ("ritme: maand", "ritme:maand\n      door: team", 14, "ritme", "na de ':' van 'ritme' staat geen spatie",
     "Schrijf 'ritme: maand'."),
])
def test_the_line_without_its_colon_is_named(old: str, new: str, line: int, field: str, said: str,
                                             fixed: str) -> None:
    fout = _refused(old, new)
    assert (fout.regel, fout.veld) == (line, field), fout.melding
    assert fout.melding.startswith("de YAML-opmaak klopt niet: " + said), fout.melding
    assert fout.melding.endswith(fixed), fout.melding


def test_a_text_continued_in_the_column_of_its_field_says_to_indent_it() -> None:
    """Not a field without ':' but the rest of the text above: no 'die: doorloopt' to write."""
    fout = _refused("        omschrijving: Evaluatie inzet buurtcoaches",
                    "        omschrijving: Evaluatie inzet\n        buurtcoaches in de dorpen")
    assert (fout.regel, fout.veld) == (10, "omschrijving"), fout.melding
    assert "(„buurtcoaches in de dorpen”) is geen veld 'naam: waarde'" in fout.melding
    assert "'omschrijving' op regel 9" in fout.melding and "verder in" in fout.melding
    assert "buurtcoaches:" not in fout.melding


def test_a_line_that_is_no_field_is_quoted_without_a_guess() -> None:
    fout = _refused("      ritme: maand", "      Elke maand\n      door: team")
    assert fout.regel == 14, fout.melding
    assert fout.melding == ("de YAML-opmaak klopt niet: deze regel mist de ':' tussen naam en waarde "
                            "(„Elke maand”). Schrijf 'naam: waarde'.")


@pytest.mark.parametrize(("old", "new", "fixed"), [
    ("    status: lopend", "    status:lopend", "Schrijf 'status: lopend'."),
    ("        uiterlijk: 2022-12-31", "        uiterlijk 2022-12-31", "Schrijf 'uiterlijk: 2022-12-31'."),
])
def test_regie_laad_names_the_line_without_its_colon(db, sample, regie, old: str, new: str,
                                                     fixed: str) -> None:  # type: ignore[no-untyped-def]
    """The coordinator's report: one line too far, while that next line had its colon."""
    line = break_file(sample, PROGRAMME, old, new)
    field = new.split()[0].split(":")[0]
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=[f"regel {line}, veld {field}: de YAML-opmaak klopt niet", f"„{new.strip()}”", fixed])
    assert f"regel {line + 1}" not in outcome.err


@pytest.mark.parametrize(("old", "new", "line", "said"), [
    ("    titel: Buurtcoaches in de dorpen", "    titel: Buurtcoaches: in de dorpen", 3,
     "een ':' in de tekst van dit veld"),
    ("    status: lopend", "    status:\tlopend", 4, "na de ':' staat een tab"),
    ("    status: lopend", "   status: lopend", 4, "'status' staat minder ver in"),
])
def test_other_colon_and_indentation_mistakes_keep_their_own_message(old: str, new: str, line: int,
                                                                     said: str) -> None:
    fout = _refused(old, new)
    assert fout.regel == line and said in fout.melding, fout.melding
    assert "mist de ':'" not in fout.melding
