from __future__ import annotations

import json

import pytest

from simulator.transcripts import (TranscriptError, TranscriptWriter, read_transcript, safe_trainee_name,
                                   transcript_path)


@pytest.mark.parametrize("raw, expected", [
    ("Jo Smith", "Jo-Smith"),
    ("../../etc/passwd", "etc-passwd"),
    ("a/b\\c", "a-b-c"),
    ("ev\x1bil\x00name\n", "evilname"),
    ("...", "trainee"),
    ("", "trainee"),
    ("José Ñúñez", "Jose-Nunez"),
])
def test_trainee_names_are_made_safe_for_paths(raw, expected):
    assert safe_trainee_name(raw) == expected


def test_transcript_path_stays_under_root(tmp_path):
    p = transcript_path(tmp_path, "../../outside", "library-psychosis", "abcd1234")
    assert p.resolve().is_relative_to(tmp_path.resolve())
    assert p.parent.name == "outside"
    assert p.name.endswith("-library-psychosis-abcd1234.jsonl")


def test_events_are_durable_line_by_line(tmp_path):
    path = tmp_path / "t" / "x.jsonl"
    with TranscriptWriter(path) as w:
        w.write({"event": "started", "seed": 1})
        w.write({"event": "analysis", "text": "[bold red]hi[/] \x1b[31m"})
        # Already on disk before close:
        assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    t = read_transcript(path)
    assert t.events[1]["text"] == "[bold red]hi[/] \x1b[31m"


def test_writer_never_overwrites_an_existing_transcript(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"event": "started"}\n', encoding="utf-8")
    with pytest.raises(FileExistsError):
        TranscriptWriter(path)
    assert path.read_text(encoding="utf-8") == '{"event": "started"}\n'


def test_reader_tolerates_a_truncated_last_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"event": "started"}) + "\n" + json.dumps({"event": "subject", "text": "a"})
                    + "\n" + '{"event": "analysis", "te', encoding="utf-8")
    t = read_transcript(path)
    assert [e["event"] for e in t.events] == ["started", "subject"]
    assert t.truncated


def test_reader_rejects_corruption_in_the_middle(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"event": "started"}\nnot json\n{"event": "ended", "outcome": "left"}\n', encoding="utf-8")
    with pytest.raises(TranscriptError, match=":2:"):
        read_transcript(path)


def test_reader_needs_a_started_header(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"event": "subject"}\n', encoding="utf-8")
    with pytest.raises(TranscriptError, match="started"):
        read_transcript(path)
