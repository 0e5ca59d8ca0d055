"""The slowest hostile authored files the fuzz suite met (issue 12): big but within every size
limit, so each is read and checked in full. `talkdown check` as a real process on each.

Target: each under 8 s on this machine, shared (every command must answer within 15 s). Before the fixes
a rubric of 8,000 criteria took 75 s (a pass over the file per criterion) and 50,000 unknown keys
12 s (difflib asked about every key name).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 8.0


def files(folder: Path) -> dict[str, Path]:
    rubrics = folder / "rubrics"
    rubrics.mkdir()
    criteria = rubrics / "criteria-8000.yaml"
    criteria.write_text("id: r\ntitle: R\nversion: 1\npass_mark: 50\ncriteria:\n" + "".join(
        f"  - {{id: c{i}, title: C, weight: 1, measure: count, techniques: [listening], at_least: 1}}\n"
        for i in range(8000)), encoding="utf-8")
    shipped = (ROOT / "scenarios" / "library-psychosis.yaml").read_text(encoding="utf-8")
    unknown = folder / "unknown-keys-50000.yaml"
    unknown.write_text(shipped + "".join(f"k{i}: {i}\n" for i in range(50_000)), encoding="utf-8")
    wrong = folder / "wrong-types-100000.yaml"
    wrong.write_text(shipped.replace("\nactions:\n", "\nactions:\n" + "  - 0\n" * 100_000, 1), encoding="utf-8")
    return {"a rubric of 8,000 criteria": criteria, "a scenario with 50,000 unknown keys": unknown,
            "a scenario with 100,000 wrong actions": wrong}


def main() -> int:
    talkdown = Path(sys.executable).with_name("talkdown")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for what, path in files(Path(tmp)).items():
            t0 = time.perf_counter()
            done = subprocess.run([str(talkdown), "check", str(path)], capture_output=True, text=True)
            spent = time.perf_counter() - t0
            met = spent < TARGET_S and done.returncode == 2 and "Traceback" not in done.stderr
            ok = ok and met
            lines = done.stdout.count("\n")
            print(f"check {what}: {spent:.1f} s, exit {done.returncode}, {lines:,} lines of output "
                  f"(target < {TARGET_S:.0f} s): {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
