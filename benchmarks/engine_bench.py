"""Per-turn cost of the engine over a long (200-turn) session: the app must stay responsive.

Target: the slowest turn under 25 ms and the mean under 5 ms on this machine; and one long reply
(1,000 characters of caring talk with several questions in it) under 5 ms; replies are capped at
2,000 characters, and the language layer's cost grows linearly far beyond that (100,000).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.engine import Session
from simulator.live.heap import keep, settle
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
#: sentences a recruit might string together in one long turn; each long reply is a different draw
SENTENCES = [
    "Okay, I hear you, and I want you to know I'm not here to take anybody's side tonight.",
    "It sounds like things have been building for a long time, the money, the drinking, the shouting.",
    "You took his keys because you didn't want him driving, and honestly that was a brave call.",
    "I noticed the marks on your wrist when you held the door, and I'm worried about you.",
    "Can you tell me what happened before we got here?", "Did he grab you, or put his hands on your neck?",
    "Is your son okay, is he asleep in his room?", "Are there any guns or weapons in the house?",
    "Has he ever threatened to kill you, and is this getting worse than it used to be?",
    "There's an advocate I can call who helps people in exactly this spot, and it's your choice.",
    "Take your time, I'm staying right here.", "You mentioned the lights, what's going on with them?",
    "What are the voices telling you right now?", "Are you hearing voices at the moment?",
    "I'm Sam, I work with the police here, and I'm just here to make sure you're alright.",
    "When did you last eat something, have you had any sugar today?", "Are you diabetic, do you have a kit on you?",
    "You seem really shaky and sweaty, and that worries me a bit, it's nothing to be embarrassed about.",
    "Would you be willing to sit down with me for a minute?", "Could you put that down for me, please?",
    "Nobody is in trouble here, I just want to understand what's going on for you.",
    "So if I've got it right, you've been up all night and nobody is listening to you.",
    "Thats rough, im sorry, sounds like youve had a realy long week.", "mm ok, go on, im listening",
    "Have you been thinking about hurting yourself or ending your life?",
    "I can get the paramedics to have a look at you, or we can just keep talking, what would you prefer?",
]
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
        settle()  # as a recorded session does when it starts (and keep() after each turn)
        times = []
        for turn in range(TURNS):
            line = LINES[turn % len(LINES)] + ("" if turn < len(LINES) else f" ({turn})")
            session.facts.agitation = 50.0  # keep the subject talking: this measures turns, not outcomes
            t0 = time.perf_counter()
            session.reply(line)
            times.append((time.perf_counter() - t0) * 1000)
            keep()
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
    rng = random.Random(5)

    def long_reply(size: int) -> str:
        out = ""
        while len(out) < size:
            out += rng.choice(SENTENCES) + " "
        return out[:size].rsplit(" ", 1)[0]

    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        costs: dict[int, list[float]] = {}
        for size in (250, 500, 1_000, 2_000):
            session = Session(loaded, seed=1)
            session.start()
            for line in LINES[:3]:
                session.reply(line)
            costs[size] = []
            for _ in range(15):  # a different long reply each time, in one session
                text = long_reply(size)
                session.facts.agitation = 50.0
                t0 = time.perf_counter()
                session.reply(text)
                costs[size].append((time.perf_counter() - t0) * 1000)
                if session.finished:
                    session = Session(loaded, seed=len(costs[size]))
                    session.start()
        med = {size: statistics.median(c) for size, c in costs.items()}
        p90 = {size: sorted(c)[int(len(c) * .9)] for size, c in costs.items()}
        long_ok = long_ok and med[1_000] < LONG_MS
        print(f"{loaded.scenario.id}: one reply of " + ", ".join(
            f"{size:,} characters {med[size]:.1f} ms (p90 {p90[size]:.1f})" for size in med))
    print(f"target: a 1,000-character reply < {LONG_MS} ms (median of 15 different replies): "
          f"{'met' if long_ok else 'MISSED'}")
    # the language layer alone, far past what a reply may hold: its cost grows with the length
    session = Session(load_scenario(scenario_files([ROOT / "scenarios"])[0]), seed=1)
    per_char = {}
    for size in (1_000, 10_000, 100_000):
        text = long_reply(size)
        t0 = time.perf_counter()
        analysis = session._analyzer.analyze(text, grounding=False)
        session._topics.asked(text, analysis)
        per_char[size] = (time.perf_counter() - t0) * 1000
    linear = per_char[100_000] / per_char[1_000] < 100 * 1.5
    print("language layer (analyze + topics): " + ", ".join(f"{k:,} characters {v:.1f} ms" for k, v in
                                                           per_char.items())
          + f": {'linear' if linear else 'NOT linear'}")
    return 0 if ok and long_ok and linear else 1


if __name__ == "__main__":
    sys.exit(main())
