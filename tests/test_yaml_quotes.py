"""An unclosed quote, '[' or '{' in a register file is named where it was opened, with its field and the
line as it should read; PyYAML named where it gave up: the end of the file, or a later line whose quote
happened to close it (domain/register/yaml_syntax.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.register.yamlsource import YamlFout, parse_yaml

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

PEOPLE = Path("bronckhorst") / "personen.yaml"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_an_unclosed_quote_with_none_after_it_is_named_where_it_opens(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / PEOPLE
    text = path.read_text(encoding="utf-8")
    # the last person: no other quote follows, so PyYAML gave up at the end of the file
    text = text.replace("    naam: Portefeuillehouder sociaal domein\n", '    naam: "Pilot wijkteam\n')
    text = text.replace('    kanalen: ["mailto://wethouder.sociaaldomein@example.org"]\n',
                        "    kanalen: [mailto://wethouder.sociaaldomein@example.org]\n")
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, '"Pilot wijkteam')
    assert line < text.count("\n")  # not the end of the file
    outcome = regie("laad", str(sample))
    assert outcome.code == 2, outcome
    assert f"  • {path}, regel {line}, veld naam: de YAML-opmaak klopt niet: het aanhalingsteken \" op deze " \
           "regel wordt niet gesloten, dus YAML leest de tekst door tot het einde van het bestand. Schrijf: " \
           'naam: "Pilot wijkteam" (sluit af met hetzelfde aanhalingsteken), of laat de aanhalingstekens weg.' \
           in outcome.err, outcome.err


def test_an_unclosed_quote_closed_by_a_later_quote_is_named_where_it_opens(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    """The sample's second person: the quote of a later line's channel closes it, and PyYAML said
    'regel 11' with a hint about indentation."""
    path = sample / PEOPLE
    text = path.read_text(encoding="utf-8").replace("    naam: Beleidsmedewerker onderwijs\n",
                                                    '    naam: "Pilot wijkteam\n')
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, '"Pilot wijkteam')
    closing = _line_of(text, '"mailto://beleid')
    outcome = regie("laad", str(sample))
    assert outcome.code == 2, outcome
    said = _flat(outcome.err)
    assert f"{path}, regel {line}, veld naam: de YAML-opmaak klopt niet: het aanhalingsteken \" op deze regel " \
           f"wordt niet gesloten, dus YAML leest de tekst door tot het volgende \" op regel {closing}. Schrijf: " \
           'naam: "Pilot wijkteam" (sluit af met hetzelfde aanhalingsteken)' in said, said


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("gemeente: X\nopmerkingen:\n  - eerste\n  - 'tweede\n", 4, "opmerkingen",
     ["aanhalingsteken ' op deze regel", "tot het einde van het bestand", "Schrijf: - 'tweede'",
      "Een ' in tekst tussen enkele aanhalingstekens schrijft u dubbel ('')."]),
    ("personen:\n  - sleutel: a\n    rollen: [regisseur, coordinator\n", 3, "rollen",
     ["de lijst die op deze regel met [ begint, wordt niet met ] gesloten; YAML zocht de ] tot het einde van "
      "het bestand. Schrijf: rollen: [regisseur, coordinator].", "elk onderdeel op een eigen regel die met '- '"]),
    ("personen:\n  - sleutel: a\n    rollen: [regisseur\n    kanalen: []\n", 3, "rollen",
     ["de lijst die op deze regel met [ begint", "YAML zocht de ] tot regel 4."]),
    ("gemeente: X\nbron: {document: a.txt\n", 2, "bron",
     ["het blok dat op deze regel met { begint, wordt niet met } gesloten", "Schrijf: bron: {document: a.txt}."]),
])
def test_unclosed_quotes_and_brackets_are_named_where_they_open(text: str, line: int, field: str,
                                                                 words: list[str]) -> None:
    with pytest.raises(YamlFout) as raised:
        parse_yaml(text)
    assert (raised.value.regel, raised.value.veld) == (line, field), raised.value.melding
    for word in words:
        assert word in raised.value.melding, raised.value.melding


def test_a_quoted_text_over_several_lines_that_is_closed_still_reads() -> None:
    assert parse_yaml('a: "eerste regel\n  tweede regel"\nb: 1\n').data == {"a": "eerste regel tweede regel", "b": 1}


@pytest.mark.parametrize(("text", "line", "field", "said"), [
    # a quote inside the text closed it early
    ("titel: 'Jan's boek'\n", 1, "titel", "Schrijf: titel: 'Jan''s boek', of: titel: \"Jan's boek\"."),
    ('titel: "Het "Huis" van"\n', 1, "titel", "Schrijf: titel: \"Het \\\"Huis\\\" van\", of: titel: 'Het \"Huis\" van'."),
    # the closing quote goes before a comment; inside [ ] only the writer knows where the text ends
    ('a: "abc  # opmerking\nb: 1\n', 1, "a", 'Schrijf: a: "abc" # opmerking (sluit af met hetzelfde'),
    ('rollen: ["regisseur, coordinator]\nb: 1\n', 1, "rollen", "Sluit de tekst af met hetzelfde aanhalingsteken."),
    # yaml-rs refuses what PyYAML reads: the next line is not indented further than the field
    ('personen:\n  - sleutel: a\n    naam: "Pilot\n    wijkteam"\n    rollen: []\n', 3, "naam",
     "tot het volgende \" op regel 4. Schrijf: naam: \"Pilot\" (sluit af met hetzelfde aanhalingsteken), of laat "
     "de aanhalingstekens weg. Loopt de tekst echt over meer regels, spring de volgende regels dan verder in "
     "dan 'naam:'."),
])
def test_other_quote_mistakes_say_what_to_write(text: str, line: int, field: str, said: str) -> None:
    with pytest.raises(YamlFout) as raised:
        parse_yaml(text)
    assert (raised.value.regel, raised.value.veld) == (line, field), raised.value.melding
    assert said in raised.value.melding, raised.value.melding
