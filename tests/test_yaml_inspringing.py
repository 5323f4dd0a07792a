"""A field indented a space too few or too many names itself, the field it should line up with and the
spaces it needs (domain/register/yaml_inspringing.py). A new user's trial got only "regel 9: de
YAML-opmaak klopt niet. Controleer inspringing (spaties, geen tabs) en dubbele punten." for a
misindented `status:`, while a tab got a precise message."""

from __future__ import annotations

import pytest

from domain.register.yamlsource import YamlFout, parse_yaml
from tests.test_register_errors import PROGRAMME, assert_refused, break_file

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

ACTIVITEIT = """activiteiten:
  - id: buurtcoaches
    titel: Buurtcoaches in de dorpen
    status: lopend
    soort: project
    mijlpalen:
      - id: evaluatie
        soort: evaluatie
        omschrijving: Evaluatie inzet buurtcoaches
        uiterlijk: 2021-06-30
      - id: plan
        soort: oplevering
    monitoring:
      ritme: maand
"""
GENERIC = "Controleer inspringing (spaties, geen tabs) en dubbele punten"


def _refused(old: str, new: str) -> YamlFout:
    assert old in ACTIVITEIT
    with pytest.raises(YamlFout) as raised:
        parse_yaml(ACTIVITEIT.replace(old, new, 1))
    assert GENERIC not in raised.value.melding
    return raised.value


@pytest.mark.parametrize(("spaces", "richting"), [
    (3, "minder ver"), (2, "minder ver"), (1, "minder ver"), (0, "minder ver"), (5, "verder"), (6, "verder")])
def test_a_misindented_field_says_which_and_how_far_in(spaces: int, richting: str) -> None:
    fout = _refused("    status: lopend", " " * spaces + "status: lopend")
    assert (fout.regel, fout.veld) == (4, "status"), fout.melding
    voor = {0: "geen spaties", 1: "1 spatie"}.get(spaces, f"{spaces} spaties")
    assert fout.melding == (
        f"de YAML-opmaak klopt niet, de inspringing: 'status' staat {richting} in ({voor} ervoor) dan 'titel' "
        "op regel 3 en 'soort' op regel 5, de velden van hetzelfde blok. Velden van één blok beginnen recht "
        "onder elkaar: zet 4 spaties voor 'status' (dan begint het in kolom 5), zo: „    status: lopend”.")


@pytest.mark.parametrize(("old", "new", "line", "field", "words"), [
    # the first field after a list item's '- id'
    ("    titel: Buurtcoaches", "   titel: Buurtcoaches", 3, "titel", ["'titel' staat minder ver in (3 spaties",
                                                                        "'id' op regel 2", "zet 4 spaties"]),
    # a field deep in a milestone
    ("        omschrijving:", "         omschrijving:", 9, "omschrijving",
     ["'omschrijving' staat verder in (9 spaties", "'soort' op regel 8", "zet 8 spaties voor 'omschrijving'"]),
    ("        omschrijving:", "       omschrijving:", 9, "omschrijving",
     ["'omschrijving' staat minder ver in (7 spaties", "zet 8 spaties"]),
    # the block after a list, one space short: it lines up with the list's field
    ("    monitoring:", "   monitoring:", 13, "monitoring",
     ["'monitoring' staat minder ver in (3 spaties", "'mijlpalen' op regel 6", "zet 4 spaties"]),
    # a list item whose dash is a space further in than the item above
    ("      - id: plan", "       - id: plan", 11, "id",
     ["het lijstonderdeel '- id' staat verder in (7 spaties voor de '-')", "het onderdeel erboven op regel 7",
      "zet 6 spaties voor de '-', zo: „      - id: plan”"]),
])
def test_misindentation_variants_name_field_line_and_spaces(old: str, new: str, line: int, field: str,
                                                            words: list[str]) -> None:
    fout = _refused(old, new)
    assert (fout.regel, fout.veld) == (line, field), fout.melding
    for word in words:
        assert word in fout.melding, (word, fout.melding)


def test_a_colon_in_a_text_still_gets_the_colon_hint() -> None:
    """Words before a ':' in a continued text are not a field: no advice about spaces for them."""
    with pytest.raises(YamlFout) as raised:
        parse_yaml(ACTIVITEIT.replace("    titel: Buurtcoaches in de dorpen",
                                      "    titel: Buurtcoaches\n      in de dorpen: alle vier", 1))
    assert "een ':' staat op een onverwachte plek" in raised.value.melding


def test_regie_laad_names_file_line_and_field(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    status: lopend", "   status: lopend")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line,
                   words=["'status' staat minder ver in (3 spaties ervoor)", "zet 4 spaties voor 'status'"])
    assert GENERIC not in outcome.err


def test_the_first_field_of_a_block_no_further_in_than_the_block_is_named(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """'velden:' with its first field at the same column and the next ones further in: that first field."""
    line = break_file(sample, PROGRAMME, "    velden:\n      wat_gaan_we_doen:", "    velden:\n    wat_gaan_we_doen:")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1,
                   words=["veld wat_gaan_we_doen: de YAML-opmaak klopt niet, de inspringing: 'wat_gaan_we_doen' "
                          "staat minder ver in (4 spaties ervoor)", "zet 6 spaties voor 'wat_gaan_we_doen'"])


def test_fields_of_a_block_no_further_in_than_its_name_are_named_together(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    line = break_file(sample, PROGRAMME, "    monitoring:\n      ritme: pc-cyclus\n      door:",
                      "    monitoring:\n    ritme: pc-cyclus\n    door:")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1, words=[
        "veld ritme: de YAML-opmaak klopt niet, de inspringing: de velden 'ritme' (regel "
        f"{line + 1}) t/m 'door' (regel {line + 2}) horen bij 'monitoring' op regel {line}, maar staan niet verder "
        "in dan 'monitoring' (4 spaties ervoor). Zet 6 spaties voor elk van die regels, net als voor 'bron' op "
        f"regel {line + 3}, zo: „      ritme: pc-cyclus”."])


def test_fields_of_an_optional_block_left_empty_say_where_they_belong(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """'monitoring:' with all its fields at its own column: each read "onbekend veld 'ritme'. Bedoelt u
    'titel'?"."""
    # the monitoring block of the second activity: ritme, door, bron and zeker under it
    line = break_file(sample, PROGRAMME, "    monitoring:\n      ritme: pc-cyclus", "    monitoring:\n    ritme: pc-cyclus")
    for field in ("door: regionale", "bron: De voortgang", "zeker: false\n    bronregels"):
        break_file(sample, PROGRAMME, f"\n      {field}", f"\n    {field}")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=line + 1, words=[
        "veld activiteiten[versterking-gespecialiseerde-ambulante-hulp].ritme: 'ritme' hoort bij 'monitoring' op "
        f"regel {line}, maar springt niet verder in dan 'monitoring', dus staat het hier als onbekend veld. Zet de "
        "regels die bij 'monitoring' horen verder in, bijvoorbeeld 2 spaties meer.",
        f"regel {line + 4}, veld activiteiten[versterking-gespecialiseerde-ambulante-hulp].zeker: 'zeker' hoort bij "
        "'monitoring'"])
    assert "Bedoelt u 'titel'?" not in outcome.err  # it was: onbekend veld 'ritme'. Bedoelt u 'titel'?


def test_a_required_block_left_empty_says_so(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """'velden:' with all its fields at its own column read "'None' is geen blok"."""
    path = sample / PROGRAMME
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("    velden:", lines.index("  - id: uitvoeringsstrategie-rijkere-visie-op-onderwijs"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    lines[start + 1:end] = [line[2:] if not line.startswith("       ") else line for line in lines[start + 1:end]
                            if not line.startswith("      monitoring:")]  # the activity has a monitoring too
    path.write_text("\n".join(lines), encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert_refused(outcome, file="programma-1.yaml", line=start + 1, words=[
        "'velden' is leeg: achter 'velden:' staat niets en de regels eronder springen niet verder in dan 'velden'. "
        "Zet de regels die bij 'velden' horen verder in, bijvoorbeeld 2 spaties meer."])
    assert "'None'" not in outcome.err
