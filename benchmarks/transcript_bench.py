"""A 100,000-turn transcript (issue 12, point 2): `talkdown score` and `talkdown export` on it, as
real processes, their time and peak memory; and 10,000 turns, to show the cost grows linearly.

The transcript is a real one (a recorded play of every event kind a session writes) whose turns
are repeated, renumbered, up to 100,000, then ended.

Target: scoring 100,000 turns under 10 s (every command has 15) with a peak resident set
under 400 MB; 100,000 turns at most 15 times the time and memory growth of 10,000.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tests" / "data" / "replay" / "transcripts" / "skilled-a"
TURNS = 100_000
TARGET_S = 10.0
TARGET_MB = 400.0
MAX_GROWTH = 15.0
MARK = 987_654_321


def write_transcript(path: Path, turns: int) -> None:
    """``turns`` turns: the recorded session's turns over and over, numbered 1..turns."""
    source = sorted(SOURCE.glob("*library-psychosis*.jsonl"))[0]
    events = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    header, body, ended = events[0], events[1:-1], events[-1]
    header["max_turns"] = turns
    opening = [e for e in body if e.get("turn") == 0]
    by_turn: dict[int, list[str]] = {}
    for e in body:
        if e.get("turn", 0) > 0:
            by_turn.setdefault(e["turn"], []).append(json.dumps({**e, "turn": MARK}, ensure_ascii=False))
    templates = list(by_turn.values())
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False) + "\n")
        for e in opening:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        for turn in range(1, turns + 1):
            for line in templates[(turn - 1) % len(templates)]:
                fh.write(line.replace(str(MARK), str(turn)) + "\n")
        fh.write(json.dumps({**ended, "turn": turns}, ensure_ascii=False) + "\n")


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak resident megabytes and exit status of one `talkdown` process."""
    talkdown = Path(sys.executable).with_name("talkdown")
    env = {**os.environ, "TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics")}
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(talkdown), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    spent = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        print(proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.stderr else "")
    return spent, usage.ru_maxrss / 1024, proc.returncode


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for turns in (TURNS // 10, TURNS):
            path = Path(tmp) / f"{turns}.jsonl"
            write_transcript(path, turns)
            size = path.stat().st_size / 1e6
            for command in ("score", "export"):
                seconds, mb, code = measure([command, str(path)])
                results[(command, turns)] = (seconds, mb)
                print(f"{command} {turns:,} turns ({size:,.0f} MB): {seconds:.1f} s, peak {mb:,.0f} MB, exit {code}")
                ok = ok and code in (0, 1)
        base_s, base_mb = measure(["score", str(ROOT / "tests" / "data" / "format1" / "library-psychosis.jsonl")])[:2]
        seconds, mb = results[("score", TURNS)]
        small_s, small_mb = results[("score", TURNS // 10)]
        growth_s = (seconds - base_s) / max(small_s - base_s, 1e-3)
        growth_mb = (mb - base_mb) / max(small_mb - base_mb, 1.0)
        met = seconds < TARGET_S and mb < TARGET_MB and growth_s < MAX_GROWTH and growth_mb < MAX_GROWTH
        print(f"score {TURNS:,} turns: {seconds:.1f} s (target < {TARGET_S:.0f} s), peak {mb:,.0f} MB "
              f"(target < {TARGET_MB:.0f} MB); from {TURNS // 10:,} turns the time grows {growth_s:.1f}x and the "
              f"memory {growth_mb:.1f}x (a 30-turn file: {base_s:.1f} s, {base_mb:.0f} MB): "
              f"{'met' if met else 'MISSED'}")
        ok = ok and met
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
