"""Instructor notes (issue 13, point 2): a sidecar file beside the transcript, appended and never
rewriting it, crash-safe, shown in exports; `talkdown annotate` adds and lists them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.transcripts.notes import add_note, notes_path, read_notes

ROOT = Path(__file__).resolve().parents[2]
SOURCE = sorted((ROOT / "tests/data/replay/transcripts/passive").glob("*domestic-dispute*.jsonl"))[0]


@pytest.fixture
def transcript(tmp_path) -> Path:
    path = tmp_path / SOURCE.name
    shutil.copy2(SOURCE, path)
    return path


def test_notes_are_appended_beside_the_transcript_which_is_never_touched(transcript):
    before = transcript.read_bytes()
    add_note(transcript, turn=2, tag="concern", text="Closed question too early", author="Sgt Ruiz")
    add_note(transcript, turn=0, tag="strength", text="Good stance at the door", author="Sgt Ruiz")
    notes, skipped = read_notes(transcript)
    assert [(n.turn, n.tag, n.text) for n in notes] == [(2, "concern", "Closed question too early"),
                                                        (0, "strength", "Good stance at the door")]
    assert skipped == [] and transcript.read_bytes() == before
    assert notes_path(transcript).name == transcript.stem + ".notes.ndjson"


def test_a_note_cut_short_or_a_foreign_line_is_skipped_with_its_reason(transcript):
    add_note(transcript, turn=1, tag="teaching_point", text="Name the feeling", author="A")
    with notes_path(transcript).open("a", encoding="utf-8") as f:
        f.write('{"turn": "x"}\n[[[\n{"format": 1, "turn": 3, "tag": "conc')
    notes, skipped = read_notes(transcript)
    assert [n.text for n in notes] == ["Name the feeling"]
    assert len(skipped) == 3 and "cut short" in skipped[-1] and ":4:" in skipped[-1]


@pytest.mark.parametrize("fields, reason", [
    ({"text": "   "}, "text"), ({"text": "x" * 2001}, "text"), ({"tag": "praise"}, "tag"), ({"author": ""}, "author"),
])
def test_an_invalid_note_is_refused_and_nothing_is_written(transcript, fields, reason):
    note = {"turn": 1, "tag": "concern", "text": "ok", "author": "A", **fields}
    with pytest.raises(ValueError, match=reason):
        add_note(transcript, **note)
    assert not notes_path(transcript).exists() or notes_path(transcript).read_text() == ""


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), env={"TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
                                                     "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})


def test_annotate_adds_lists_and_export_shows_the_notes_as_text(transcript):
    added = _cli("annotate", str(transcript), "--turn", "3", "--tag", "concern", "--author", "Sgt Ruiz",
                 "She was crying: <b>slow down</b>")
    assert added.exit_code == 0 and "Note on turn 3 (concern) added" in added.output
    listed = _cli("annotate", str(transcript))
    assert listed.exit_code == 0 and "concern" in listed.output and "Sgt Ruiz" in listed.output
    exported = _cli("export", str(transcript))
    assert exported.exit_code == 0
    section = exported.output.split("## Instructor notes", 1)[1].split("\n## ", 1)[0]
    assert "Turn 3" in section and "**concern**" in section and "Sgt Ruiz" in section
    assert "\\<b>slow down\\</b>" in section  # shown as typed, never as markup


def test_annotate_refuses_a_turn_the_session_does_not_have_or_a_missing_turn(transcript):
    missing = _cli("annotate", str(transcript), "--turn", "99", "x")
    assert missing.exit_code == 2 and "there is no turn 99" in missing.output
    unsaid = _cli("annotate", str(transcript), "a note")
    assert unsaid.exit_code == 2 and "--turn" in unsaid.output
    assert not notes_path(transcript).exists()


def test_a_note_that_cannot_be_saved_is_one_paragraph_and_exit_2(transcript):
    notes_path(transcript).mkdir()  # something in the way: the note cannot be written there
    result = _cli("annotate", str(transcript), "--turn", "1", "x")
    assert result.exit_code == 2 and "cannot be saved" in result.output and "unchanged" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
