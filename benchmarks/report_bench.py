"""`talkdown report` over 10,000 transcripts (issue 13, point 7): under 10 s on this machine once
the scores are remembered, only new or changed files replayed, a broken or foreign file listed as
skipped with its reason, never fatal.

The folder holds copies of the recorded replay transcripts (real sessions) spread over 30 trainee
folders, each copy renamed to its folder's trainee and given its own time, plus one session cut
short mid-line by a crash and one file that is not a transcript. The command itself runs (a real
process, HTML, the heaviest format) three times with one cache:

- cold: nothing remembered, every session replayed (the time is reported; no target, replaying
  is what scoring is);
- warm: every score remembered; target < 10 s;
- incremental: 50 new sessions added; exactly those 50 replayed (checked with the command's own
  count of replayed and remembered scores); the same target.

`--count N` for a quicker run (the cold run of 10,000 takes a few minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "data" / "replay" / "transcripts").rglob("*.jsonl"))
TARGET_S = 10.0
TRAINEES = 30
NEW = 50
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
COUNTS = re.compile(r"([\d,]+) scored from their replay, ([\d,]+) remembered(?:, ([\d,]+) skipped)?")


def write_copies(folder: Path, first: int, count: int) -> None:
    """Sessions ``first`` .. ``first + count - 1``: recorded transcripts in turn, each renamed to
    its trainee folder and recorded an hour after the one before."""
    for i in range(first, first + count):
        lines = SOURCES[i % len(SOURCES)].read_text(encoding="utf-8").split("\n", 1)
        header = json.loads(lines[0])
        trainee = f"trainee-{i % TRAINEES + 1:02d}"
        header["trainee"] = trainee
        header["time"] = (START + timedelta(hours=i)).isoformat()
        (folder / trainee).mkdir(parents=True, exist_ok=True)
        name = f"{(START + timedelta(hours=i)):%Y%m%dT%H%M%SZ}-{header['scenario']['id']}-{i:08x}.jsonl"
        (folder / trainee / name).write_text(json.dumps(header, ensure_ascii=False) + "\n" + lines[1], encoding="utf-8")


def write_broken(folder: Path) -> None:
    crashed = SOURCES[0].read_text(encoding="utf-8").splitlines()
    (folder / "trainee-01" / "20261231T235959Z-crashed.jsonl").write_text(
        "\n".join(crashed[:5]) + "\n" + crashed[5][:30], encoding="utf-8")  # killed mid-line: no ending
    (folder / "trainee-02" / "shopping-list.jsonl").write_text("eggs\nmilk\n", encoding="utf-8")  # not a session


def report(folder: Path, out: Path, cache: Path) -> tuple[float, int, int, int]:
    """One `talkdown report --format html`: seconds, and the sessions replayed, remembered, skipped."""
    env = {**os.environ, "TALKDOWN_CACHE_DIR": str(cache), "TALKDOWN_SCENARIOS": str(ROOT / "scenarios"),
           "TALKDOWN_RUBRICS": str(ROOT / "rubrics")}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "simulator", "report", str(folder), "--format", "html",
                           "-o", str(out)], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    found = COUNTS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"talkdown report failed ({done.returncode}): {done.stderr[-2000:]}")
    replayed, remembered, skipped = (int((g or "0").replace(",", "")) for g in found.groups())
    return seconds, replayed, remembered, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="transcripts in the folder [10,000]")
    count = parser.parse_args().count
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache, out = Path(tmp) / "transcripts", Path(tmp) / "cache", Path(tmp) / "report.html"
        write_copies(folder, 0, count)
        write_broken(folder)
        readable = count + 1  # the crashed one is read and replayed, then listed as having no ending
        runs = [("cold", readable, 0), ("warm", 0, readable), ("incremental", NEW, readable)]
        for name, want_replayed, want_remembered in runs:
            if name == "incremental":
                write_copies(folder, count, NEW)
            seconds, replayed, remembered, skipped = report(folder, out, cache)
            page = out.read_text(encoding="utf-8")
            listed = "shopping-list.jsonl" in page and "crashed.jsonl" in page and "<h2>Skipped</h2>" in page
            right = (replayed, remembered, skipped) == (want_replayed, want_remembered, 1) and listed
            judged = name != "cold"
            met = seconds < TARGET_S
            ok = ok and right and (met or not judged)
            verdict = (f"target < {TARGET_S:.0f} s: {'met' if met else 'MISSED'}" if judged
                       else "no target (every session replayed)")
            print(f"report {name:<11} {replayed + remembered + skipped:>6,} files: {replayed:,} replayed, "
                  f"{remembered:,} remembered, {skipped} unreadable (skipped files listed: "
                  f"{'yes' if listed else 'NO'}): {seconds:6.1f} s; {verdict}"
                  + ("" if right else f"; WRONG COUNTS (expected {want_replayed:,} replayed, "
                                      f"{want_remembered:,} remembered, 1 unreadable)"), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
