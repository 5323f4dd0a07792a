"""The YAML reader: values, line numbers, and Dutch messages for broken text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.yamlsource import YamlFout, parse_yaml


def test_values_and_their_lines_are_kept() -> None:
    document = parse_yaml("a: 1\nlijst:\n  - id: x\n    datum: 2020-06-01\n  - id: y\n    datum: 2020-13-01\n")
    assert document.data["lijst"][0]["datum"] == dt.date(2020, 6, 1)
    assert document.data["lijst"][1]["datum"] == "2020-13-01"  # left for the validator to name
    assert document.line_of(("lijst", 1, "datum")) == 6
    assert document.line_of(("lijst", 1, "ontbreekt")) == 5
    assert document.line_of(()) == 1


def test_a_tab_indent_gets_a_dutch_hint() -> None:
    with pytest.raises(YamlFout) as caught:
        parse_yaml("a:\n\t- b\n")
    assert caught.value.regel == 2
    assert "spaties" in caught.value.melding


def test_unknown_tags_are_never_executed() -> None:
    document = parse_yaml("a: !!python/object/apply:os.system ['echo x']\n")
    assert document.data["a"] != 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_data_or_a_dutch_error(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlFout as fout:
        assert fout.melding


SCALARS = st.one_of(
    st.sampled_from(["yes", "No", "off", "ON", "null", "Null", "~", "true", "False", "nee", "ja",
                     "n", "y", "2020-06-01", "2020-13-01", "1_000", "0x1F", "1e3", "1.5", ".inf",
                     "-.5", "+3", "012", "Winterswijk", "NaN", ".nan", "onderzoek", "'quoted'",
                     '"2020-01-01"', "a: b", "€ 35.000,-"]),
    st.from_regex(r"[A-Za-z0-9.+\-_~ ]{0,12}", fullmatch=True),
)


@settings(max_examples=400, deadline=None)
@given(SCALARS)
def test_scalars_read_as_pyyaml_reads_them(value: str) -> None:
    """The fast tag resolver changes nothing: every scalar gets PyYAML's own value."""
    import yaml

    text = f"k: {value}\n"
    try:
        expected = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return
    got = parse_yaml(text).data
    if isinstance(expected["k"], dt.datetime):
        expected["k"] = expected["k"].date()
    if expected["k"] != expected["k"]:  # NaN
        assert got["k"] != got["k"]
        return
    assert got == expected
    assert type(got["k"]) is type(expected["k"])
