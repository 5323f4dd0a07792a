"""The YAML reader: values, line numbers, and Dutch messages for broken text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.register.yamlsource import YamlFout, parse_yaml


def test_values_and_their_lines_are_kept() -> None:
    document = parse_yaml("a: 1\nlijst:\n  - id: x\n    datum: 2020-06-01\n  - id: y\n    datum: 2020-13-01\n")
    # Dates stay text: the register models turn them into dates and name an impossible one.
    assert document.data["lijst"][0]["datum"] == "2020-06-01"
    assert document.data["lijst"][1]["datum"] == "2020-13-01"
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


@pytest.mark.fuzz
@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_gives_data_or_a_dutch_error(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlFout as fout:
        assert fout.melding


def test_words_and_clock_times_stay_text_as_in_yaml_1_2() -> None:
    """'nee', 'off' and '12:30' are text (YAML 1.1 made them a boolean and a number)."""
    data = parse_yaml("a: nee\nb: off\nc: 12:30\nd: true\ne: 2020\nf: ~\n").data
    assert data == {"a": "nee", "b": "off", "c": "12:30", "d": True, "e": 2020, "f": None}


def test_duplicate_keys_several_documents_and_unknown_aliases_name_their_line() -> None:
    for text, line, words in (("a: 1\nb: 2\na: 3\n", 3, "twee keer"),
                              ("a: 1\n---\nb: 2\n", 2, "meer dan één YAML-document"),
                              ("a: 1\nb: *x\n", 2, "verwijst")):
        with pytest.raises(YamlFout) as caught:
            parse_yaml(text)
        assert caught.value.regel == line
        assert words in caught.value.melding


def test_one_document_after_a_marker_is_read() -> None:
    assert parse_yaml("---\na: 1\n").data == {"a": 1}
    assert parse_yaml("---\n- a\n").data == ["a"]


TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["yes", "No", "off", "null", "~", "true", "2020-06-01", "2020-13-01", "1_000",
                     "_33", "0x1F", "0XFF", "0o17", "29e1", "1e3", ".inf", "-.5", "+3", "012",
                     "12:30", "Winterswijk", "NaN", "a: b", "€ 35.000,-", "- x", "# y", "z\x85"]),
    st.from_regex(r"[0-9a-fA-FoxXeE.+\-_:~ ]{0,12}", fullmatch=True),
)


@pytest.mark.fuzz
@settings(max_examples=500)
@given(TEXTS)
def test_any_text_the_exporter_writes_reads_back_unchanged(value: str) -> None:
    """load → export → load stays a fixed point for every possible text value."""
    from services.register.exporting import dump_yaml

    assert parse_yaml(dump_yaml({"titel": value, "lijst": [value]}, "kop")).data == {
        "titel": value, "lijst": [value]}


def test_a_key_that_is_a_list_is_a_dutch_error_with_its_line() -> None:
    """'? kl:' followed by a list item made the reader raise TypeError: "Interne fout" for typed input."""
    with pytest.raises(YamlFout) as found:
        parse_yaml("titel: x\n? kl:\n  - \n")
    assert found.value.regel == 2 and "een veldnaam is hier zelf een lijst of blok" in str(found.value.melding)
