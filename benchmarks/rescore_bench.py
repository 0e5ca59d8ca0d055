"""Rescoring speed: transcripts scored a second by `talkdown score` (issue 12 asks 10,000 in
under 10 s on this machine). Scores the recorded replay transcripts in one process, as
`talkdown score DIR` does (each one played again from the trainee's lines, then scored), several
times over, and reports the rate and what 10,000 would take.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.debrief import find_scenario, rubrics_or_problem, score_events
from simulator.live.replay import replay
from simulator.transcripts import read_transcript, transcript_files

TARGET_S_FOR_10K = 10.0


def main() -> int:
    files = transcript_files([ROOT / "tests" / "data" / "replay" / "transcripts"])
    rubrics, _ = rubrics_or_problem(ROOT / "rubrics")
    rounds = 5
    t0 = time.perf_counter()
    for _ in range(rounds):
        for path in files:
            t = read_transcript(path)
            loaded, _ = find_scenario(t.header.scenario.id, ROOT / "scenarios")
            played = replay(t, loaded)  # scored from the trainee's own lines, played again
            score_events(played.events, rubrics or [], scenario=loaded)
    spent = time.perf_counter() - t0
    rate = rounds * len(files) / spent
    projected = 10_000 / rate
    ok = projected < TARGET_S_FOR_10K
    print(f"rescoring: {rate:,.0f} transcripts/s ({rounds * len(files)} scored in {spent:.1f} s); "
          f"10,000 would take {projected:.0f} s (target < {TARGET_S_FOR_10K:.0f} s): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
