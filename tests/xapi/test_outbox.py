"""The outbox (issue 14, point 3) without an LRS: append-only and crash-safe, a statement queued
once, and `talkdown sync` when no LRS answers or none is given."""

from __future__ import annotations

import json
import socket

from click.testing import CliRunner

from simulator.cli import main
from simulator.xapi.lrs import Lrs
from simulator.xapi.outbox import Outbox, outbox_path
from simulator.xapi.sync import Sender, sync_files
from tests.xapi.conftest import RUBRICS, SCENARIOS, play


def statement(n: int, text: str = "x") -> dict:
    return {"id": f"00000000-0000-5000-8000-{n:012d}", "result": {"response": text}}


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_what_was_queued_sent_and_rejected_survives_a_new_read(tmp_path):
    transcript = tmp_path / "t.jsonl"
    box = Outbox.read(transcript)
    assert box.queue([statement(1), statement(2), statement(3)], close=True) == 3
    box.mark_sent([statement(1)["id"]])
    box.mark_rejected(statement(2)["id"], "a different statement has this id")
    again = Outbox.read(transcript)
    assert again.closed and [s["id"] for s in again.pending] == [statement(3)["id"]]
    assert again.rejected == {statement(2)["id"]: "a different statement has this id"}
    assert outbox_path(transcript).name == "t.xapi-outbox.ndjson"


def test_a_statement_is_queued_once_and_never_changed(tmp_path):
    transcript = tmp_path / "t.jsonl"
    box = Outbox.read(transcript)
    box.queue([statement(1, "first")])
    assert box.queue([statement(1, "changed"), statement(2)]) == 1
    assert [s["result"]["response"] for s in Outbox.read(transcript).pending] == ["first", "x"]


def test_a_line_cut_short_by_a_crash_is_skipped_then_cut_off_before_the_next_append(tmp_path):
    transcript = tmp_path / "t.jsonl"
    box = Outbox.read(transcript)
    box.queue([statement(1), statement(2)])
    path = outbox_path(transcript)
    with open(path, "ab") as fh:
        fh.write(b'{"sent": ["00000000-0000-5000-8000-0000')  # the crash came mid-write
    assert len(Outbox.read(transcript).pending) == 2  # the half line counts for nothing
    Outbox.read(transcript).mark_sent([statement(1)["id"]])
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1])  # every line whole
    assert [s["id"] for s in Outbox.read(transcript).pending] == [statement(2)["id"]]


def test_when_no_lrs_answers_the_sync_retries_with_growing_waits_then_keeps_everything(tmp_path):
    path = play(tmp_path, "0b0c0001")
    waits: list[float] = []
    sender = Sender(Lrs(f"http://127.0.0.1:{closed_port()}/xAPI/"), retries=3, backoff=0.5, sleep=waits.append)
    report = sync_files([path], sender, scenarios=SCENARIOS, rubrics=None)
    assert waits == [0.5, 1.0, 2.0]
    assert "does not answer" in report.stopped and "after 4 tries" in report.stopped
    queued = len(Outbox.read(path).queued)
    assert report.sent == 0 and report.waiting == queued > 0 and not report.ok


def test_sync_says_when_the_lrs_cannot_be_reached_and_exits_1(tmp_path):
    play(tmp_path, "0b0c0002")
    result = CliRunner().invoke(main, ["sync", str(tmp_path), "--lrs", f"http://127.0.0.1:{closed_port()}/xAPI/",
                                       "--retries", "0", "--rubrics", str(RUBRICS)])
    assert result.exit_code == 1
    assert "Sending stopped: the LRS at" in result.stderr and "wait in the outboxes" in result.stderr
    assert "Nothing new to send" in result.stdout


def test_sync_without_an_lrs_or_with_a_bad_url_is_bad_input(tmp_path):
    play(tmp_path, "0b0c0003")
    missing = CliRunner().invoke(main, ["sync", str(tmp_path)])
    assert missing.exit_code == 2 and "TALKDOWN_LRS_URL" in missing.stderr
    bad = CliRunner().invoke(main, ["sync", str(tmp_path), "--lrs", "ftp://lrs.example/"])
    assert bad.exit_code == 2 and "not an http:// or https:// URL" in bad.stderr
    assert not outbox_path(next(tmp_path.rglob("*.jsonl"))).exists()  # nothing touched


def test_an_unfinished_session_is_not_queued_until_it_ends(tmp_path):
    path = play(tmp_path, "0b0c0004", cut=10)
    report = sync_files([path], None, scenarios=SCENARIOS, rubrics=None)
    assert report.sessions[0].unfinished and Outbox.read(path).queued == {}


def test_a_missing_or_foreign_file_is_named_and_gets_no_outbox(tmp_path):
    play(tmp_path, "0b0c0005")
    foreign = tmp_path / "notes.jsonl"
    foreign.write_text("hello, not a transcript\n", encoding="utf-8")
    missing = tmp_path / "gone.jsonl"
    result = CliRunner().invoke(main, ["sync", str(missing), str(foreign), "--lrs", "http://127.0.0.1:9/xAPI/",
                                       "--rubrics", str(RUBRICS)])
    assert result.exit_code == 2
    assert "gone.jsonl" in result.stderr and "notes.jsonl" in result.stderr
    assert not outbox_path(missing).exists() and not outbox_path(foreign).exists()
