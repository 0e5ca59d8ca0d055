"""Play every bot of benchmarks/bots.py on every scenario and several seeds, as
`talkdown run --json` would show the call to a program, and print what happened.

    .venv/bin/python benchmarks/play_bots.py [--seeds 12] [--scenario ID] [--bot NAME] [--scores] [--show]

Good endings are `resolved` and `referred`. With --scores, each transcript is scored
and the active-listening and crisis-recognition pass rates are shown too. In a scene with
several people (the `started` event lists `people`), --show also names who speaks and to
whom, who was addressed, the partner's tasks and everyone's reactions.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bots import BOTS, Seen

from simulator.engine import Session
from simulator.scenario import load_scenario, scenario_files
from simulator.scoring import load_rubrics, score_transcript
from simulator.transcripts.events import Event, Started

GOOD = ("resolved", "referred")


def shown(event: Event) -> dict:
    """The event as the JSON stream shows it (the drawn variant stays hidden)."""
    data = event.to_json_dict()
    if isinstance(event, Started):
        data.pop("variant", None)
        data.pop("topics", None)
    return data


def play(loaded, bot_name: str, seed: int, show: bool = False) -> tuple[Session, list[Event]]:
    bot = BOTS[bot_name]()
    session = Session(loaded, seed=seed)
    events = session.start()
    seen = Seen([shown(e) for e in events])
    turn = 0
    while not session.finished:
        line = bot.reply(seen, turn)
        if line is None:
            break
        new = session.reply(line)
        if show:
            print(f"  > {line}")
            for e in new:
                if e.event in ("subject", "ended", "topic", "cue_shown", "trigger", "notice", "phase_changed",
                               "addressed", "reaction", "partner"):  # the last three: scenes with several people
                    d = e.to_json_dict()
                    print(f"    {e.event}: " + str({k: v for k, v in d.items() if k in
                                                      ("person", "unprompted", "text", "line", "id", "answer", "to",
                                                       "outcome", "title", "agitation", "rapport", "fact", "cause",
                                                       "task", "agitation_delta", "how")}))
        events += new
        seen.events += [shown(e) for e in new]
        if not any(e.event == "notice" for e in new):
            turn += 1
    if not session.finished:
        events += session.abandon("script ended")
    return session, events


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=12)
    ap.add_argument("--scenario", default=None)
    ap.add_argument("--bot", default=None)
    ap.add_argument("--scores", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every turn (use with one bot and few seeds)")
    ap.add_argument("--why", action="store_true", help="with --scores: count the criteria each style missed")
    args = ap.parse_args()
    rubrics = load_rubrics(ROOT / "rubrics") if args.scores else []
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        if args.scenario and loaded.scenario.id != args.scenario:
            continue
        print(f"== {loaded.scenario.id}")
        for name in BOTS:
            if args.bot and name != args.bot:
                continue
            outcomes: Counter[str] = Counter()
            passes: Counter[str] = Counter()
            missed: Counter[str] = Counter()
            percent: Counter[str] = Counter()
            for seed in range(1, args.seeds + 1):
                if args.show:
                    print(f" -- {name}, seed {seed}")
                session, events = play(loaded, name, seed, args.show)
                outcomes[session.outcome or "abandoned"] += 1
                if args.show:
                    print(f"    variant {session.drawn.variant} -> {session.outcome}")
                if rubrics:
                    for r in score_transcript(events, rubrics).rubrics:
                        passes[r.id] += r.passed
                        percent[r.id] += r.percent
                        missed.update(f"{r.id}.{c.id}" for c in r.criteria
                                      if c.score is not None and c.score < 1.0)
            good = sum(outcomes[o] for o in GOOD)
            line = f"  {name:16s} good {good:2d}/{args.seeds}  {dict(outcomes)}"
            if rubrics:
                line += f"  AL pass {passes['active-listening']}/{args.seeds}" \
                        f"  CR pass {passes['crisis-recognition']}/{args.seeds}" \
                        f" (mean {percent['crisis-recognition'] / args.seeds:.0f}%)" \
                        f"  PJ pass {passes['procedural-justice']}/{args.seeds}"
            print(line)
            if args.why and missed:
                print("      missed: " + ", ".join(f"{k} {v}" for k, v in missed.most_common(8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
