"""Per-turn cost of the engine over a long (200-turn) session: the app must stay responsive.

Target: the slowest turn under 25 ms and the mean under 5 ms on this machine; and one long reply
(1,000 characters of caring talk with several questions in it) under 5 ms, 10,000 about ten times that.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.engine import Session
from simulator.scenario import load_scenario, scenario_files

LINES = [
    "It sounds like you're really frustrated with how tonight went.",
    "What happened before we got here?",
    "So he took the keys and you were scared he'd drive.",
    "Are you safe at home? Has anyone hurt you?",
    "You could stay with your sister tonight, or we can find somewhere else. What would you prefer?",
    "Mm-hm. Go on.",
    "I'm not going to arrest you. I want to understand.",
    "/wait",
]
LONG = ("Okay, I hear you, and I want you to know I'm not here to take anybody's side tonight. "
        "It sounds like things have been building for a long time, the money, the drinking, the shouting. "
        "You took his keys because you didn't want him driving after six beers, and that was a brave call. "
        "I noticed the marks on your wrist when you held the door, and I'm worried about you. "
        "Can you tell me what happened? Did he grab you, or put his hands on your neck? "
        "Is your son okay, is he asleep in his room? Are there any guns in the apartment? "
        "Has he ever threatened to kill you, and is this getting worse than it used to be? "
        "There's an advocate I can call who helps people in exactly this spot, and it's your choice. ")
LONG_MS = 5.0
TURNS = 200
MAX_TURN_MS = 25.0
MEAN_TURN_MS = 5.0


def main() -> int:
    worst_all, means = 0.0, []
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        scenario = loaded.scenario.model_copy(update={"max_turns": 500, "outcomes": [],
                                                       "phases": [p.model_copy(update={"transitions": []})
                                                                  if i == 0 else p
                                                                  for i, p in enumerate(loaded.scenario.phases)]})
        session = Session(scenario, seed=1)
        session.start()
        times = []
        for turn in range(TURNS):
            line = LINES[turn % len(LINES)] + ("" if turn < len(LINES) else f" ({turn})")
            session.facts.agitation = 50.0  # keep the subject talking: this measures turns, not outcomes
            t0 = time.perf_counter()
            session.reply(line)
            times.append((time.perf_counter() - t0) * 1000)
            if session.finished:
                break
        mean, worst = statistics.mean(times), max(times)
        means.append(mean)
        worst_all = max(worst_all, worst)
        print(f"{loaded.scenario.id}: {len(times)} turns, mean {mean:.2f} ms, p95 "
              f"{sorted(times)[int(len(times) * .95) - 1]:.2f} ms, worst {worst:.2f} ms")
    ok = worst_all < MAX_TURN_MS and max(means) < MEAN_TURN_MS
    print(f"target: worst < {MAX_TURN_MS} ms, mean < {MEAN_TURN_MS} ms: {'met' if ok else 'MISSED'}")
    long_ok = True
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        costs = {}
        for size in (1_000, 10_000):
            text = (LONG * (size // len(LONG) + 1))[:size]
            runs = []
            for seed in range(1, 6):
                session = Session(loaded, seed=seed)
                session.start()
                session.reply("Hello.")
                t0 = time.perf_counter()
                session.reply(f"{text} ({seed})")
                runs.append((time.perf_counter() - t0) * 1000)
            costs[size] = statistics.median(runs)
        long_ok = long_ok and costs[1_000] < LONG_MS
        print(f"{loaded.scenario.id}: one reply of 1,000 characters {costs[1_000]:.1f} ms, "
              f"of 10,000 {costs[10_000]:.1f} ms")
    print(f"target: a 1,000-character reply < {LONG_MS} ms: {'met' if long_ok else 'MISSED'}")
    return 0 if ok and long_ok else 1


if __name__ == "__main__":
    sys.exit(main())
