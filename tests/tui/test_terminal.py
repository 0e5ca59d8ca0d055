"""`talkdown play` in a real terminal (tmux): type two replies, read the screen, check the transcript."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from simulator.transcripts import read_transcript

ROOT = Path(__file__).resolve().parents[2]
TALKDOWN = Path(sys.executable).parent / "talkdown"
MARKUP = "[bold red]right[/] now [/foo]"

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(not TALKDOWN.exists(), reason=f"the talkdown command is not installed at {TALKDOWN}"),
]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def wait_for(name: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(name)
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared on the screen:\n{shown}")


def start_call(tmp_path: Path, name: str) -> Path:
    """`talkdown play` in a new tmux session ``name``, into a call with one reply typed; its
    exit status is printed when it ends. The transcripts folder."""
    transcripts = tmp_path / "transcripts"
    env = {"TALKDOWN_CONFIG_DIR": str(tmp_path / "config"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics"),
           "TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TERM": "xterm-256color"}
    exports = " ".join(f"{k}={v!s}" for k, v in env.items())
    command = (f"cd {ROOT} && env {exports} {TALKDOWN} play library-psychosis --trainee Tmux --seed 1 "
               f"--mode coach --transcripts {transcripts}; echo exit status $?; sleep 30")
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "32", command)
    # other sessions on the same tmux server must not shrink this window
    tmux("set-option", "-t", name, "window-size", "manual")
    tmux("resize-window", "-t", name, "-x", "100", "-y", "32")
    wait_for(name, "Press Enter to start")
    tmux("send-keys", "-t", name, "Enter")
    wait_for(name, "Say something to Marcus")
    tmux("send-keys", "-t", name, "-l", "Hi Marcus, you sound scared.")
    tmux("send-keys", "-t", name, "Enter")
    wait_for(name, "You: Hi Marcus, you sound scared.")
    return transcripts


def test_play_in_a_real_terminal(tmp_path):
    name = f"talkdown-test-{uuid.uuid4().hex[:8]}"
    try:
        transcripts = start_call(tmp_path, name)
        tmux("send-keys", "-t", name, "-l", MARKUP)
        tmux("send-keys", "-t", name, "Enter")
        wait_for(name, f"You: {MARKUP}")
        wait_for(name, "Turn 2 of 30")
        shown = screen(name)
        after = shown.split(f"You: {MARKUP}", 1)[1]
        assert "Marcus: " in after, shown  # he answered the second reply too
        assert shown.count("Marcus: ") >= 2
        tmux("send-keys", "-t", name, "-l", "/end")
        tmux("send-keys", "-t", name, "Enter")
        shown = wait_for(name, "Scores")
        assert "%" in shown and ("PASS" in shown or "FAIL" in shown), shown
        tmux("send-keys", "-t", name, "C-q")
        wait_for(name, "Quit Talkdown?")
        tmux("send-keys", "-t", name, "y")
        wait_for(name, "Transcript saved:")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    [path] = sorted(transcripts.rglob("*.jsonl"))
    t = read_transcript(path)
    assert t.trainee_lines == ["Hi Marcus, you sound scared.", MARKUP]
    assert t.outcome == "abandoned"
    assert os.path.basename(path.parent) == "Tmux"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_to_the_app_in_a_real_terminal_saves_the_call_as_abandoned(tmp_path, sig):
    name = f"talkdown-test-{uuid.uuid4().hex[:8]}"
    try:
        transcripts = start_call(tmp_path, name)
        wait_for(name, "Turn 1 of 30")
        shell = tmux("list-panes", "-t", name, "-F", "#{pane_pid}").strip()
        [app] = children(int(shell))
        os.kill(app, sig)
        shown = wait_for(name, "exit status")
        assert "Transcript saved:" in shown and "exit status 0" in shown and "Traceback" not in shown, shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    [path] = sorted(transcripts.rglob("*.jsonl"))
    t = read_transcript(path)
    assert t.trainee_lines == ["Hi Marcus, you sound scared."]
    assert t.outcome == "abandoned" and t.ended.reason == f"stopped by {sig.name}" and t.events[-1] == t.ended
