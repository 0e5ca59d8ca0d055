"""Errors an outside probe found unclear, each now naming what is wrong in an author's terms: the
value allowed, the line of a character YAML refuses, the encoding a file is really in, the key of a
bad note, what made a transcript line unreadable, and one reason (not two) for a score without a
replay."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPT = ROOT / "tests" / "data" / "format1" / "library-psychosis.jsonl"
SCENARIO = ROOT / "scenarios" / "deaf-driver-traffic-stop.yaml"


def talkdown(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(main, list(args), env={
        "TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"), **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_a_literal_number_lists_what_is_allowed(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text("version: -100000\ntechniques: {}\n", encoding="utf-8")
    result = talkdown("analyze", "--banks", str(bank), "hi")
    assert result.exit_code == 2 and "error TD102 at 'version': -100000 is not allowed here; expected one of: 1." \
        in result.output, result.output


def test_a_control_character_in_yaml_is_named_at_its_line_and_column(tmp_path):
    text = SCENARIO.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(text) if t.startswith("title:"))
    text[line] = text[line] + "\x7f"
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(text), encoding="utf-8")
    result = talkdown("check", str(path))
    column = len(text[line])
    assert result.exit_code == 2, result.output
    assert f"{path}:{line + 1}:{column}: error TD100: this is not valid YAML: the character U+007F is not allowed" \
        in result.output, result.output
    assert "<unicode string>" not in result.output


@pytest.mark.parametrize("codec, said", [("utf-16-le", "it looks like UTF-16 without a byte-order mark"),
                                         ("utf-32-be", "it looks like UTF-32 without a byte-order mark"),
                                         ("latin-1", "byte 28 (0xe9) is not UTF-8")])
def test_a_file_in_another_encoding_says_which(tmp_path, codec, said):
    path = tmp_path / "s.yaml"
    path.write_bytes(codecs.encode("id: x\nversion: 1\ntitle: caf\u00e9 noir\n", codec))
    result = talkdown("check", str(path))
    assert result.exit_code == 2 and said in result.output and "Save the file as UTF-8" in result.output, result.output
    assert result.output.startswith(f"{path}:3: error TD121" if codec == "latin-1" else f"{path}: error TD121")


def test_a_date_where_text_belongs_is_shown_as_a_date(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 2001-12-14\nold_title: ", 1),
                    encoding="utf-8")
    result = talkdown("check", str(path))
    assert "at 'title': input should be a valid string (got the date 2001-12-14)" in result.output, result.output
    assert "datetime" not in result.output


def test_a_bad_line_in_the_notes_names_its_key(tmp_path):
    transcript = tmp_path / "t.jsonl"
    shutil.copy(TRANSCRIPT, transcript)
    stamp = '"text": "hi", "author": "me", "time": "2026-01-01T00:00:00+00:00"'
    (tmp_path / "t.notes.ndjson").write_text(
        f'{{"format": 1, "turn": "x", "tag": "concern", {stamp}}}\n{{"format": 2, "turn": 1, "tag": "concern", '
        f'{stamp}}}\n[1]\n{{"format": 1, "turn": 1, "tag": "meh", {stamp}}}\n{{"format": 1, "tag": "concern", '
        f'{stamp}}}\n', encoding="utf-8")
    out = talkdown("annotate", str(transcript)).output
    for number, why in [(1, "turn: a whole number is needed, not 'x'"), (2, "format: 1 is needed, not 2"),
                        (3, "it is a list, not a JSON object"), (5, "the key 'turn' is missing"),
                        (4, "tag: one of 'strength', 'concern' or 'teaching_point' is needed, not 'meh'")]:
        assert f"t.notes.ndjson:{number}: not a note ({why}); it is left out." in out, out
    assert "Input should" not in out


@pytest.mark.parametrize("damage, line, why", [
    ("bom", 3, "it starts with a byte-order mark, which an editor adds"),
    ("utf16", 1, "it looks like UTF-16; a transcript is UTF-8"),
    ("cr", 1, "its lines end with a carriage return alone; a transcript's lines end with a line feed"),
    ("cut", 2, "the line ends before its JSON object does: it was cut short"),
    ("junk", 2, "invalid json: expected value at character 1 of the line")])
def test_an_unreadable_transcript_line_says_what_made_it_so(tmp_path, damage, line, why):
    lines = TRANSCRIPT.read_bytes().split(b"\n")
    if damage == "bom":
        lines[2] = codecs.BOM_UTF8 + lines[2]
    elif damage == "cut":
        lines[1] = lines[1][:40]
    elif damage == "junk":
        lines[1] = b"#" + lines[1]
    data = b"\n".join(lines)
    if damage == "utf16":
        data = data.decode("utf-8").encode("utf-16")
    elif damage == "cr":
        data = data.replace(b"\n", b"\r")
    path = tmp_path / "t.jsonl"
    path.write_bytes(data)
    result = talkdown("score", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}: error TD403: line {line} is not a JSON object ({why}" in result.output, result.output


def test_a_scenario_that_cannot_be_used_is_one_reason_not_two(tmp_path):
    """A broken scenario file was reported as broken, then as 'not found'; a score remembered while
    it was broken kept saying so after it was moved away."""
    transcript = next((ROOT / "tests/data/replay/transcripts/skilled-a").glob("*deaf-driver*.jsonl"))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / SCENARIO.name).write_text(SCENARIO.read_text(encoding="utf-8").replace("phases:", "phasez:", 1),
                                        encoding="utf-8")
    env = {"TALKDOWN_CACHE_DIR": str(tmp_path / "cache")}
    said = talkdown("score", str(transcript), env={"TALKDOWN_SCENARIOS": str(broken), **env}).output
    assert "has errors (see `talkdown check`)" in said and "was not found" not in said, said
    assert "the scenario cannot be used (see above), so the session cannot be replayed" in said
    (tmp_path / "none").mkdir()
    said = talkdown("score", str(transcript), env={"TALKDOWN_SCENARIOS": str(tmp_path / "none"), **env}).output
    assert "was not found in" in said and "has errors" not in said, said


def test_test_of_a_folder_with_no_scenarios_is_a_TD122_as_in_check(tmp_path):
    """`test` said '0 passed, 0 failed' and exit 0 where `check` says there is nothing to check."""
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    for command in ("test", "check"):
        result = talkdown(command, str(folder))
        assert result.exit_code == 2 and f"{folder}: error TD122" in result.output, (command, result.output)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX special files")
def test_report_lists_a_transcript_that_is_not_a_regular_file_as_score_does(tmp_path):
    """`report` left a folder or a link to /dev/zero named *.jsonl out without a word."""
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    shutil.copy(TRANSCRIPT, tmp_path / "good.jsonl")
    env = {"TALKDOWN_CACHE_DIR": str(tmp_path / "cache")}
    for command in ("report", "score"):
        out = talkdown(command, str(tmp_path), env=env).output
        for name in ("folder.jsonl", "zero.jsonl"):
            assert f"{tmp_path / name}: error TD402: cannot be read: it is not a regular file" in out, (command, out)
