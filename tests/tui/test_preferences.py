"""A broken or hostile settings file never stops the app: it starts with the defaults."""

from __future__ import annotations

import os

import pytest

from simulator.tui.preferences import FILE_NAME, Preferences


@pytest.mark.parametrize("content", [
    "[" * 100_000 + "]" * 100_000,                      # nested past the recursion limit
    '{"trainee": "kim\\u001b]0;PWNED\\u0007"}',        # escape sequences in the name
    '{"trainee": 5, "theme": ["x"]}',                   # wrong types
    "not json",
])
def test_a_hostile_settings_file_gives_the_defaults(tmp_path, content):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    assert Preferences.load(tmp_path) == Preferences()


def test_a_fifo_as_settings_file_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / FILE_NAME)
    assert Preferences.load(tmp_path) == Preferences()


def test_a_good_settings_file_is_read(tmp_path):
    (tmp_path / FILE_NAME).write_text('{"trainee": "Dana", "theme": "textual-light"}', encoding="utf-8")
    assert Preferences.load(tmp_path) == Preferences(trainee="Dana", theme="textual-light")
