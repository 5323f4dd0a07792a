"""A mail's header lines: the short cut in services/outbox/mime.py (a printable ASCII line of at
most 78 characters written as it is, the rest folded once per value) writes what the standard
library's compat32 policy writes, for any value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = st.sampled_from(["To", "Subject", "Message-ID", "Content-Type", "Reply-To", "X-Auto-Response-Suppress"])
# Printable ASCII with runs of spaces and tabs, words that look like encoded words, the odd non-ASCII
# letter and line end: lengths around the 78 characters where folding starts.
VALUES = st.lists(st.sampled_from([*"abcXYZ019;,.<>@=?\"'()", " ", "  ", "\t", "é", "\n", "=?", "Anna de Boer"]),
                  max_size=45).map("".join)


@settings(max_examples=1500, deadline=None)
@given(name=NAMES, value=VALUES)
def test_a_header_line_is_written_as_the_standard_library_folds_it(name: str, value: str) -> None:
    from services.outbox.mime import CRLF_COMPAT32, fold

    try:
        expected = CRLF_COMPAT32.fold_binary(name, value)
    except Exception as exc:  # the standard library refuses it (an embedded header): so must the short cut
        try:
            fold(name, value)
        except type(exc):
            return
        raise AssertionError(f"fold wrote {value!r}, the standard library refused it") from exc
    assert fold(name, value) == expected
    assert fold(name, value) == expected  # the second time from the cache of folded lines


@pytest.mark.parametrize("length", range(74, 83))
def test_a_line_is_folded_from_79_characters_on(length: int) -> None:
    from services.outbox.mime import CRLF_COMPAT32, fold

    value = ("word " * 20)[:length - 5] + "x"  # "To: " and the value: ``length`` characters
    assert fold("To", value) == CRLF_COMPAT32.fold_binary("To", value)
    assert fold("To", value).count(b"\r\n") == (1 if length <= 78 else 2)


def test_the_lines_every_mail_shares_are_folded_once() -> None:
    from services.outbox.mime import _folded, fold

    _folded.cache_clear()
    long = "Anna de Boer <anna@example.org>, Bert Jansen <bert@example.org>, Carla Smit <carla@example.org>"
    for _ in range(3):
        assert fold("Reply-To", long) == (b"Reply-To: Anna de Boer <anna@example.org>, Bert Jansen <bert@example.org>,\r\n"
                                             b" Carla Smit <carla@example.org>\r\n")
    assert _folded.cache_info().misses == 1 and _folded.cache_info().hits == 2
    assert fold("From", "regie@example.org") == b"From: regie@example.org\r\n"
    assert _folded.cache_info().misses == 1  # a short line is not folded at all
