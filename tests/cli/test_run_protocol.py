"""`talkdown run`: the --json protocol, plain mode, and crash safety, as subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.transcripts import read_transcript

ROOT = Path(__file__).resolve().parents[2]
LIB = str(ROOT / "scenarios" / "library-psychosis.yaml")


def talkdown(*args: str) -> list[str]:
    return [sys.executable, "-m", "simulator", *args]


def start(tmp_path: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        talkdown("run", LIB, "--json", "--seed", "4", "--trainee", "kim", "--transcripts", str(tmp_path), *extra),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def read_until_subject(proc: subprocess.Popen) -> list[dict]:
    events = []
    while True:
        line = proc.stdout.readline()
        assert line, "talkdown run closed its output early: " + proc.stderr.read()
        event = json.loads(line)
        events.append(event)
        if event["event"] in ("subject", "ended"):
            return events


REPLIES = ["Hi, I'm Officer Diaz with city police. What's going on today?",
           "It sounds like you're really frightened. [bold]Are[/] you hearing voices?",
           "That sounds exhausting. When did you last sleep?"]


def test_json_protocol_answers_each_reply_then_ends_on_eof(tmp_path):
    proc = start(tmp_path)
    first = read_until_subject(proc)
    assert first[0]["event"] == "started"
    assert first[0]["scenario"]["id"] == "library-psychosis" and first[0]["seed"] == 4
    assert first[-1]["event"] == "subject"
    assert {"text", "nonverbal", "phase", "agitation", "rapport", "turn"} <= set(first[-1])
    for n, reply in enumerate(REPLIES, start=1):
        proc.stdin.write(reply + "\n")
        proc.stdin.flush()
        events = read_until_subject(proc)
        analysis = [e for e in events if e["event"] == "analysis"]
        assert analysis[0]["text"] == reply and analysis[0]["turn"] == n
        assert isinstance(analysis[0]["techniques"], list)
        assert events[-1]["turn"] == n
    proc.stdin.close()
    rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
    assert proc.wait(timeout=30) == 0
    assert rest[-1]["event"] == "ended" and rest[-1]["outcome"] == "abandoned"
    transcript = Path(rest[-1]["transcript"])
    assert transcript.is_file() and transcript.parent.name == "kim"
    assert read_transcript(transcript).trainee_lines == REPLIES


def test_kill_9_after_three_replies_keeps_those_replies(tmp_path):
    proc = start(tmp_path)
    read_until_subject(proc)
    for reply in REPLIES:
        proc.stdin.write(reply + "\n")
        proc.stdin.flush()
        read_until_subject(proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    [path] = list(tmp_path.rglob("*.jsonl"))
    t = read_transcript(path)
    assert t.trainee_lines == REPLIES
    assert t.outcome is None  # never ended, yet nothing typed was lost


@pytest.mark.parametrize("sig, reason", [(signal.SIGTERM, "stopped by SIGTERM"), (signal.SIGHUP, "stopped by SIGHUP"),
                                         (signal.SIGINT, "interrupted (Ctrl-C)"),
                                         (signal.SIGQUIT, "stopped by SIGQUIT")])
def test_a_stop_signal_ends_the_session_as_abandoned_and_keeps_every_reply(tmp_path, sig, reason):
    proc = start(tmp_path)
    read_until_subject(proc)
    proc.stdin.write(REPLIES[0] + "\n")
    proc.stdin.flush()
    read_until_subject(proc)
    os.kill(proc.pid, sig)
    rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
    assert proc.wait(timeout=30) == 0
    assert "Traceback" not in proc.stderr.read()
    [path] = list(tmp_path.rglob("*.jsonl"))
    t = read_transcript(path)
    assert t.trainee_lines == REPLIES[:1]
    assert t.outcome == "abandoned" and t.ended.reason == reason
    assert t.events[-1] == t.ended and not t.truncated
    assert [e["event"] for e in rest] == ["ended"] and rest[0]["reason"] == reason  # shown once saved


def test_script_file_and_plain_output(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("# a comment\nHi, I'm Officer Diaz. What's happening?\n\n/end\n", encoding="utf-8")
    out = subprocess.run(talkdown("run", LIB, "--seed", "2", "--script", str(script), "--transcripts",
                                  str(tmp_path)), capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("== Frightened man in the public library ==")
    assert "Dispatch:" in text and "Marcus:" in text
    assert "Outcome:" in text and "(abandoned)" in text


def test_same_seed_and_replies_give_the_same_json_events(tmp_path):
    def run_once(folder):
        out = subprocess.run(talkdown("run", LIB, "--json", "--seed", "9", "--transcripts", str(folder)),
                             input="\n".join(REPLIES) + "\n", capture_output=True, text=True, cwd=ROOT)
        events = [json.loads(line) for line in out.stdout.splitlines()]
        for e in events:
            for volatile in ("transcript", "time", "session_id"):
                e.pop(volatile, None)
        return events
    assert run_once(tmp_path / "a") == run_once(tmp_path / "b")


def test_control_characters_are_stored_verbatim_and_not_echoed_raw(tmp_path):
    reply = "stop \x1b[2J right [red]now[/]"
    out = subprocess.run(talkdown("run", LIB, "--seed", "1", "--transcripts", str(tmp_path)),
                         input=reply + "\n", capture_output=True, text=True, cwd=ROOT)
    assert "\x1b[2J" not in out.stdout
    [path] = list(tmp_path.rglob("*.jsonl"))
    assert read_transcript(path).trainee_lines == [reply]


@pytest.mark.parametrize("args, needle", [
    (["run", "no-such-scenario"], "no such scenario"),
    (["run", LIB, "--mode", "loud"], "loud"),
])
def test_bad_input_exits_2_without_traceback(tmp_path, args, needle):
    out = subprocess.run(talkdown(*args, "--transcripts", str(tmp_path)), capture_output=True, text=True,
                         cwd=ROOT, stdin=subprocess.DEVNULL)
    assert out.returncode == 2
    assert needle in out.stderr
    assert "Traceback" not in out.stderr


def test_every_turn_batch_ends_with_subject_or_ended_and_blank_line_is_silence(tmp_path):
    replies = ["", "Hi, I'm Officer Diaz with city police. What's happening?", "/dance", "/end"]
    out = subprocess.run(talkdown("run", LIB, "--json", "--seed", "3", "--transcripts", str(tmp_path)),
                         input="\n".join(replies) + "\n", capture_output=True, text=True, cwd=ROOT)
    events = [json.loads(line) for line in out.stdout.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "started" and kinds[-1] == "ended"
    silent = next(e for e in events if e["event"] == "analysis")
    assert silent["text"] == "" and silent["turn"] == 1
    # The line after each batch-ending event starts the next turn's answer.
    batches, current = [], []
    for e in events[1:]:
        current.append(e["event"])
        if e["event"] in ("subject", "notice", "ended"):
            batches.append(current)
            current = []
    assert current == []
    assert [b[-1] for b in batches] == ["subject", "subject", "subject", "notice", "ended"]


def test_analyze_jsonl_answers_each_line_before_the_next_arrives():
    proc = subprocess.Popen(talkdown("analyze", "--jsonl"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for utterance, expected in (("It sounds like you're really scared.", "emotion_label"),
                                    ("Put that down right now or you're going to jail.", "threat")):
            proc.stdin.write(json.dumps({"utterance": utterance}) + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())  # would hang if output were held back
            assert expected in answer["techniques"]
            assert set(answer) == {"techniques", "spans", "agitation_delta", "rapport_delta", "grounding"}
        proc.stdin.write("not json\n")
        proc.stdin.close()
        assert proc.wait(timeout=30) == 2
        assert "line 3" in proc.stderr.read()
    finally:
        proc.kill()


def test_bytes_that_are_not_utf8_are_replaced_and_the_turn_kept(tmp_path):
    out = subprocess.run(talkdown("run", LIB, "--seed", "1", "--transcripts", str(tmp_path)),
                         input=b"caf\xe9 is it\n/end\n", capture_output=True, cwd=ROOT,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    [path] = list(tmp_path.rglob("*.jsonl"))
    assert read_transcript(path).trainee_lines == ["caf\ufffd is it"]


def test_a_trainee_name_with_escape_sequences_never_reaches_the_terminal_raw(tmp_path):
    name = "kim\x1b]0;PWNED\x07\x9b31m"
    out = subprocess.run(talkdown("run", LIB, "--seed", "1", "--trainee", name, "--transcripts", str(tmp_path)),
                         input="/\x1b]0;x\x07\n/end\n", capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    assert not any(c in out.stdout for c in ("\x1b", "\x07", "\x9b"))


def test_c1_controls_typed_or_in_a_name_reach_no_terminal_raw_in_json_the_transcript_or_any_export(tmp_path):
    """U+009B (CSI) begins an escape sequence as ESC [ does; JSON writes it raw unless told not to.
    Written as an escape instead, it reads back as the same text."""
    name, reply = "bob\x9b31m", "hi \x9b1;31m there \x85\u2028ok"
    out = subprocess.run(talkdown("run", LIB, "--json", "--seed", "1", "--trainee", name,
                                  "--transcripts", str(tmp_path)),
                         input=f"{reply}\n/end\n", capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    raw = ("\x9b", "\x85", "\u2028", "\x1b")
    assert not any(c in out.stdout for c in raw)
    assert [e["text"] for e in map(json.loads, out.stdout.splitlines()) if e["event"] == "analysis"] == [reply]
    [path] = list(tmp_path.rglob("*.jsonl"))
    assert not any(c in path.read_text(encoding="utf-8") for c in raw)
    saved = read_transcript(path)
    assert saved.header.trainee == name and saved.trainee_lines == [reply]  # kept exactly
    for fmt in ("md", "html", "xapi"):
        shown = subprocess.run(talkdown("export", "--format", fmt, "--rubrics", str(ROOT / "rubrics"), str(path)),
                               capture_output=True, text=True, cwd=ROOT)
        assert shown.returncode == 0, shown.stderr
        assert "bob" in shown.stdout and "there" in shown.stdout
        assert not any(c in shown.stdout for c in raw), fmt


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "not-utf8", "too-long"])
def test_a_script_that_is_not_a_regular_utf8_file_is_refused_in_one_paragraph(tmp_path, kind):
    """`--script /dev/zero` read until memory ran out, and a FIFO waited for a writer for ever."""
    script = {"dev-zero": Path("/dev/zero"), "fifo": tmp_path / "fifo"}.get(kind, tmp_path / "script.txt")
    if kind == "fifo":
        os.mkfifo(script)
    elif kind == "not-utf8":
        script.write_bytes(b"hello\ncaf\xe9\n")
    elif kind == "too-long":
        script.write_text("I hear you.\n" * 200_000, encoding="utf-8")
    out = subprocess.run(talkdown("run", LIB, "--seed", "1", "--script", str(script), "--transcripts", str(tmp_path)),
                         input="/end\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    why = {"dev-zero": "it is not a regular file", "fifo": "it is not a regular file",
           "not-utf8": "byte 10 is not UTF-8", "too-long": "it is larger than 2,000,000 bytes"}[kind]
    assert out.stderr.startswith(f"{script}: the script cannot be read: {why}"), out.stderr
    assert not list(tmp_path.rglob("*.jsonl"))  # no session was started
