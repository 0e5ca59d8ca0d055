"""Hostile authored files (issue 12): each is refused with a coded, located error and exit 2,
quickly, never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

BOMB = "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
CASES = {
    "list-as-id.yaml": ("id: x\nversion: 1\nphases: [{id: [a]}]\n", "TD102"),
    "mapping-as-outcome.yaml": ("id: x\nversion: 1\noutcomes: [[a]]\n", "TD102"),
    "self-alias.yaml": ("x: &r [*r]\n", "TD106"),
    "deep-lists.yaml": ("a: " + "[" * 200 + "]" * 200 + "\n", "TD105"),
    "deeper-lists.yaml": ("a: " + "[" * 5000 + "]" * 5000 + "\n", "TD10"),  # libyaml stops it first (TD100)
    "deep-dashes.yaml": ("".join("  " * i + "-\n" for i in range(600)) + "  " * 600 + "- x\n", "TD105"),
    "alias-bomb.yaml": ("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + BOMB, "TD105"),
    "rubric-measure-list.yaml": ("id: r\ntitle: R\nversion: 1\npass_mark: 50\ncriteria:\n"
                                 "  - {id: c, title: C, weight: 1, measure: [a]}\n", "TD102"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_file_gets_a_coded_error_and_exit_2(tmp_path, name):
    text, code = CASES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert code in result.output and f"{name}:" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_folder_with_nothing_to_check_is_an_error_not_a_pass(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    result = CliRunner().invoke(main, ["check", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "TD122" in result.output


def test_utf16_with_its_mark_is_read_and_other_encodings_get_a_hint(tmp_path):
    shipped = (Path(__file__).resolve().parents[1] / "scenarios" / "library-psychosis.yaml").read_text(
        encoding="utf-8")
    (tmp_path / "u16.yaml").write_bytes(shipped.encode("utf-16"))
    assert CliRunner().invoke(main, ["check", str(tmp_path / "u16.yaml")]).exit_code == 0
    (tmp_path / "latin.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["check", str(tmp_path / "latin.yaml")])
    assert result.exit_code == 2 and "TD121" in result.output and "Save the file as UTF-8" in result.output


def test_an_empty_file_names_its_line(tmp_path):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "empty.yaml")])
    assert result.exit_code == 2 and "empty.yaml:1: error TD102" in result.output


def test_a_fifo_or_a_huge_file_is_refused_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # reading it would hang
    result = CliRunner().invoke(main, ["check", str(fifo)])
    assert result.exit_code == 2 and "TD121" in result.output and "not a regular file" in result.output
    big = tmp_path / "big.yaml"
    big.write_text("a: b\n" * 1_200_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(big)])
    assert result.exit_code == 2 and "TD105" in result.output


def test_a_megabyte_phrase_is_refused_by_length_not_by_memory(tmp_path):
    path = tmp_path / "phrase.yaml"
    text = "id: x\nversion: 1\ntriggers:\n  - id: t\n    phrases: [" + "a" * 1_000_000 + "]\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "TD102 at 'triggers[0].phrases[0]'" in result.output
    assert len(result.output) < 20_000  # the value is not echoed whole


def test_non_finite_and_absurd_effects_are_refused(tmp_path):
    path = tmp_path / "nan.yaml"
    path.write_text("id: x\nversion: 1\ntriggers:\n  - id: t\n    phrases: [a]\n"
                    "    effect: {agitation: .nan, rapport: 1e100}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "effect.agitation': input should be a finite number" in result.output
    assert "effect.rapport': input should be less than or equal to 100" in result.output


def test_a_number_of_thousands_of_digits_is_refused_before_it_is_converted(tmp_path):
    path = tmp_path / "bigint.yaml"
    path.write_text("id: x\nversion: " + "9" * 5000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "bigint.yaml:2:10: error TD105: a number of 5,000 digits" in result.output
