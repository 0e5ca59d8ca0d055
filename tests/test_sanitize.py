"""One set of characters a terminal would obey, and the four ways text is made safe of them."""

from __future__ import annotations

import json

import pytest

from simulator.sanitize import json_text, one_line, printable

OBEYED = ["\x1b", "\x07", "\x00", "\x7f", "\x9b", "\x85", "\x90", "\x9d", "\u2028", "\u2029", "\r"]


@pytest.mark.parametrize("ch", OBEYED)
def test_no_way_of_showing_text_lets_a_control_character_through(ch):
    text = f"a{ch}]0;title{ch}b"
    assert ch not in printable(text) and ch not in one_line(text) and ch not in printable(text, keep_lines=True)
    assert ch not in json_text({"t": text})


def test_printable_shows_what_it_removed_and_one_line_makes_it_a_space():
    assert printable("kim\x1b]0;x\x07\x9b") == "kim\\x1b]0;x\\x07\\x9b"
    assert printable("two\nlines\tand\u2028") == "two lines and\\u2028"
    assert one_line("  a\nb\x9bc\td ") == "a b c d"


def test_pages_keep_their_line_feeds_and_tabs_but_not_a_carriage_return():
    shown = printable("first\nsecond\r\n\tthird\x9b\x1b[2J", keep_lines=True)
    assert shown == "first\nsecond\\x0d\n\tthird\\x9b\\x1b[2J"


@pytest.mark.parametrize("data", [{"t": "caf\u00e9 \x9b1m \u2028 \U0001f642 \x7f"}, ["\x85", 1.5, None], "plain"])
def test_json_text_reads_back_to_the_same_data_and_writes_ordinary_letters_as_they_are(data):
    written = json_text(data, sort_keys=True)
    assert json.loads(written) == data
    if isinstance(data, dict):
        assert "caf\u00e9" in written and "\U0001f642" in written and "\\u009b" in written and "\\u007f" in written
