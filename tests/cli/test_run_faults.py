"""`talkdown run` when the transcript cannot be written: one paragraph, exit status 2, no
traceback, and a transcript of whole turns only (as subprocesses, on a real full disk or
read-only folder when the tests run as root)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from simulator.live.headless import HeadlessRun, StopSignals
from simulator.scenario import load_scenario
from simulator.transcripts import read_transcript

ROOT = Path(__file__).resolve().parents[2]
LIB = str(ROOT / "scenarios" / "library-psychosis.yaml")
REPLY = "It sounds like you're really frightened, Marcus. What are the voices telling you right now?"


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", "run", LIB, "--seed", "4", "--trainee", "kim", *args],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})


def one_paragraph(text: str) -> str:
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def test_a_full_disk_stops_with_td410_and_keeps_every_whole_turn(small_disk, fill):
    fill(small_disk, leave=12_000)
    out = run("--json", "--transcripts", str(small_disk), stdin=(REPLY + "\n") * 30)
    assert out.returncode == 2
    message = one_paragraph(out.stderr)
    [path] = list(small_disk.rglob("*.jsonl"))
    assert message.startswith(f"{path}: error TD410: the transcript cannot be saved: the disk is full "
                              "(No space left on device). The file keeps the ")
    assert message.endswith("with no line half-written; what came after was not saved. Free some space, or save "
                            "elsewhere with --transcripts or TALKDOWN_TRANSCRIPTS.")
    assert path.read_bytes().endswith(b"\n")
    t = read_transcript(path)
    assert not t.truncated and t.problems == []
    shown = [json.loads(line) for line in out.stdout.splitlines()]
    saved = len(t.trainee_lines)
    assert 1 <= saved < 30 and t.trainee_lines == [REPLY] * saved
    # what was shown is exactly what was saved: the turn in flight is neither
    assert [e for e in shown if e["event"] == "analysis"] == [
        e.to_json_dict() for e in t.events if e.event == "analysis"]


def test_a_read_only_folder_stops_before_the_session_starts(read_only_dir):
    out = run("--transcripts", str(read_only_dir), stdin=REPLY + "\n")
    assert out.returncode == 2 and out.stdout == ""
    message = one_paragraph(out.stderr)
    assert message.startswith(f"{read_only_dir / 'kim'}: error TD411: transcripts cannot be saved in this folder: ")
    assert "read-only" in message or "no permission" in message
    assert message.endswith("Nothing was started. Save elsewhere with --transcripts or TALKDOWN_TRANSCRIPTS.")
    assert list(read_only_dir.iterdir()) == []


def test_a_transcripts_path_that_is_a_file_stops_before_the_session_starts(tmp_path):
    blocker = tmp_path / "transcripts"
    blocker.write_text("", encoding="utf-8")
    out = run(stdin=REPLY + "\n", env={"TALKDOWN_TRANSCRIPTS": str(blocker)})
    assert out.returncode == 2 and out.stdout == ""
    assert one_paragraph(out.stderr) == (
        f"{blocker / 'kim'}: error TD411: transcripts cannot be saved in this folder: '{blocker}' is a file, not a "
        "folder. Nothing was started. Save elsewhere with --transcripts or TALKDOWN_TRANSCRIPTS.")


def test_a_signal_during_a_turn_waits_for_the_turn_to_be_saved(tmp_path):
    """A stop signal that arrives while a reply is played does not cut the turn: it is saved
    whole, once, and then the session ends as abandoned."""
    runner = HeadlessRun(load_scenario(LIB), seed=4, trainee="kim", mode="coach", transcripts=tmp_path,
                         json_mode=True, out=io.StringIO())
    session = runner.recorded.session
    played = session.reply

    def reply_then_signalled(text: str):
        events = played(text)
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, in the middle of the turn
        return events

    session.reply = reply_then_signalled  # type: ignore[method-assign]
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)}
    stops = StopSignals()
    try:
        stops.install()
        assert runner.run([REPLY, "never played"], stops) == "abandoned"
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    t = read_transcript(runner.path)
    assert t.trainee_lines == [REPLY]
    assert t.ended.reason == "stopped by SIGTERM" and t.events[-1] == t.ended
