from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.scenario import load_scenario
from simulator.transcripts import TranscriptError, TranscriptWriter, read_transcript, safe_trainee_name, transcript_path

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml"


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
    folder = safe_trainee_name(raw)
    assert folder.startswith(expected + "-") and len(folder) == len(expected) + 9  # slug + 8 hex of the name
    assert "/" not in folder and "\\" not in folder and folder.isprintable()


def test_a_name_that_is_already_safe_is_its_own_folder():
    assert safe_trainee_name("kim") == "kim" and safe_trainee_name("Jo-Smith") == "Jo-Smith"


def test_different_names_never_share_a_folder():
    names = [".", "..", "*", "🙂", "\u200f", "a:b", "a|b", "Kim", "K\u200bim", "Jo Smith", "Jo-Smith", "Jo_Smith"]
    assert len({safe_trainee_name(n) for n in names}) == len(names)
    assert safe_trainee_name("a:b") == safe_trainee_name("a:b")  # stable


def test_transcript_path_stays_under_root(tmp_path):
    p = transcript_path(tmp_path, "../../outside", "library-psychosis", "abcd1234")
    assert p.resolve().is_relative_to(tmp_path.resolve())
    assert p.parent.name.startswith("outside-")
    assert p.name.endswith("-library-psychosis-abcd1234.jsonl")


@pytest.fixture
def played():
    """A real session's events (the tiny scenario, a few replies)."""
    session = Session(load_scenario(TINY), seed=3)
    events = session.start()
    for reply in ("[bold red]hi[/] \x1b[31m", "You sound frustrated.", "/step-back"):
        events += session.reply(reply)
    return events + session.abandon("input ended")


def write_lines(path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_events_are_durable_line_by_line(tmp_path, played):
    path = tmp_path / "t" / "x.jsonl"
    with TranscriptWriter(path) as w:
        w.write(played[0])
        w.write(played[1])
        # Already on disk before close:
        assert len(path.read_text(encoding="utf-8").splitlines()) == 2
        w.write_many(played[2:])
    t = read_transcript(path)
    assert t.events == played
    assert t.trainee_lines[0] == "[bold red]hi[/] \x1b[31m"


def test_writer_never_overwrites_an_existing_transcript(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"event": "started"}\n', encoding="utf-8")
    with pytest.raises(FileExistsError):
        TranscriptWriter(path)
    assert path.read_text(encoding="utf-8") == '{"event": "started"}\n'


def test_reader_tolerates_a_truncated_last_line(tmp_path, played):
    path = tmp_path / "x.jsonl"
    path.write_text(played[0].to_json() + "\n" + played[1].to_json() + "\n" + played[2].to_json()[:25],
                    encoding="utf-8")
    t = read_transcript(path)
    assert t.events == played[:2]
    assert t.truncated and [p.code for p in t.problems] == ["TD407"] and t.problems[0].line == 3


def test_reader_rejects_corruption_in_the_middle(tmp_path, played):
    path = tmp_path / "x.jsonl"
    write_lines(path, [played[0].to_json(), "not json", played[-1].to_json()])
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    problem = info.value.first
    assert (problem.code, problem.line) == ("TD403", 2) and ":2: error TD403" in problem.format()


def test_reader_needs_a_started_header(tmp_path, played):
    path = tmp_path / "x.jsonl"
    write_lines(path, [e.to_json() for e in played[1:]])
    with pytest.raises(TranscriptError, match="started") as info:
        read_transcript(path)
    assert info.value.first.code == "TD406"
    path.write_text("", encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.first.code == "TD406"
