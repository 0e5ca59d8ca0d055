"""A transcript that cannot be written: never half a line, every whole turn kept, one typed error."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from simulator.engine import Session
from simulator.live import RecordedSession
from simulator.scenario import load_scenario
from simulator.transcripts import TranscriptSaveError, TranscriptWriter, read_transcript
from simulator.transcripts import store as store_module

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
LIBRARY = ROOT / "scenarios" / "library-psychosis.yaml"
REPLY = "It sounds like you're really frightened, Marcus. What are the voices telling you right now?"


@pytest.fixture
def turns():
    """The events of a real session, one batch per turn (as RecordedSession writes them)."""
    session = Session(load_scenario(TINY), seed=3)
    batches = [session.start()]
    for reply in ("Hello, I'm Officer Kim.", "You sound frustrated.", "What's going on?"):
        batches.append(session.reply(reply))
    return batches


def lines_of(path: Path) -> list[str]:
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "the file ends in the middle of a line"
    return data.decode("utf-8").splitlines()


def failing_write(after_bytes: int, code: int = errno.ENOSPC):
    """os.write that writes ``after_bytes`` more bytes in all, then fails like a full disk."""
    real = os.write
    budget = [after_bytes]

    def write(fd: int, data) -> int:
        if budget[0] <= 0:
            raise OSError(code, os.strerror(code))
        n = real(fd, bytes(data[: budget[0]]))
        budget[0] -= n
        return n

    return write


def test_a_write_that_fails_part_way_is_cut_back_to_the_last_whole_turn(tmp_path, turns, monkeypatch):
    path = tmp_path / "kim" / "t.jsonl"
    writer = TranscriptWriter(path)
    writer.write_many(turns[0])
    writer.write_many(turns[1])
    whole = path.read_bytes()
    monkeypatch.setattr(store_module.os, "write", failing_write(100))  # a short write, then ENOSPC
    with pytest.raises(TranscriptSaveError) as caught:
        writer.write_many(turns[2])
    assert path.read_bytes() == whole  # the 100 bytes of the turn in flight are gone again
    assert writer.count == len(turns[0]) + len(turns[1])
    error = caught.value
    assert error.path == path and not error.at_start
    assert error.reason == "the disk is full (No space left on device)"
    monkeypatch.undo()
    writer.write_many(turns[2])  # space again: the retry does not duplicate anything
    writer.close()
    assert read_transcript(path).events == [e for batch in turns[:3] for e in batch]


@pytest.mark.parametrize("code, words", [(errno.EDQUOT, "the disk quota is used up"),
                                         (errno.EIO, "the disk reported an input/output error"),
                                         (errno.EROFS, "the folder is read-only")])
def test_the_cause_is_said_in_plain_words(tmp_path, turns, monkeypatch, code, words):
    writer = TranscriptWriter(tmp_path / "t.jsonl")
    writer.write_many(turns[0])
    monkeypatch.setattr(store_module.os, "write", failing_write(0, code))
    with pytest.raises(TranscriptSaveError) as caught:
        writer.write_many(turns[1])
    assert caught.value.reason == f"{words} ({os.strerror(code)})"


def test_a_write_interrupted_part_way_is_cut_back_too(tmp_path, turns, monkeypatch):
    path = tmp_path / "t.jsonl"
    writer = TranscriptWriter(path)
    writer.write_many(turns[0])
    whole = path.read_bytes()

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module.os, "fsync", interrupted)  # after the bytes are written
    with pytest.raises(KeyboardInterrupt):
        writer.write_many(turns[1])
    assert path.read_bytes() == whole and writer.count == len(turns[0])


def test_a_transcripts_folder_that_is_a_file_is_refused_before_anything_is_written(tmp_path):
    blocker = tmp_path / "transcripts"
    blocker.write_text("not a folder", encoding="utf-8")
    live = RecordedSession(load_scenario(TINY), trainee="kim", mode="coach", seed=1, transcripts=blocker)
    with pytest.raises(TranscriptSaveError) as caught:
        live.start()
    problem = caught.value.problem("--transcripts")
    assert problem.code == "TD411" and problem.file == str(blocker / "kim")
    assert problem.format() == (f"{blocker / 'kim'}: error TD411: transcripts cannot be saved in this folder: "
                                f"'{blocker}' is a file, not a folder. Nothing was started. Save elsewhere "
                                "with --transcripts.")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_trainee_folder_that_is_a_file_is_named(tmp_path):
    (tmp_path / "kim").write_text("", encoding="utf-8")
    live = RecordedSession(load_scenario(TINY), trainee="kim", mode="coach", seed=1, transcripts=tmp_path)
    with pytest.raises(TranscriptSaveError) as caught:
        live.start()
    assert caught.value.reason == f"'{tmp_path / 'kim'}' is a file, not a folder"


def test_a_read_only_folder_is_refused_at_the_start_and_leaves_nothing(read_only_dir):
    live = RecordedSession(load_scenario(TINY), trainee="kim", mode="coach", seed=1, transcripts=read_only_dir)
    with pytest.raises(TranscriptSaveError) as caught:
        live.start()
    error = caught.value
    assert error.at_start and error.cause.errno in (errno.EROFS, errno.EACCES)
    assert error.reason.startswith(("the folder is read-only", "there is no permission to write there"))
    assert list(read_only_dir.iterdir()) == []


def test_a_full_disk_keeps_every_whole_turn_and_retries_once_there_is_space(small_disk, fill):
    filler = fill(small_disk, leave=12_000)
    live = RecordedSession(load_scenario(LIBRARY), trainee="kim", mode="coach", seed=4, transcripts=small_disk)
    live.start()
    played = 0
    while live.save_error is None:
        live.reply(REPLY)
        played += 1
        assert played < 30, "the disk never filled up"
    error = live.save_error
    assert error.cause.errno == errno.ENOSPC and error.kept_turns == played - 1 >= 1
    t = read_transcript(live.path)
    assert not t.truncated and t.problems == [] and len(lines_of(live.path)) == len(t.events)
    assert t.trainee_lines == [REPLY] * (played - 1)  # every turn that was saved whole, and nothing else
    kept = "the one complete turn" if played == 2 else f"the {played - 1} complete turns"
    assert error.problem("--transcripts").format() == (
        f"{live.path}: error TD410: the transcript cannot be saved: the disk is full (No space left on device). "
        f"The file keeps {kept} before the failure, with no line half-written; what came after was not saved. "
        "Free some space, or save elsewhere with --transcripts.")
    filler.unlink()  # space again: the turn in flight is saved with the next one
    live.reply(REPLY)
    live.abandon("quit")
    live.close()
    assert live.save_error is None
    t = read_transcript(live.path)
    assert t.trainee_lines == [REPLY] * (played + 1) and t.outcome == "abandoned"
