"""Rubric scores of every trainee style on every scenario and seed (for tuning and notes).

`python benchmarks/scores.py` prints, per style, the mean percent per rubric and how
often each rubric was passed.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from trainees import STYLES, dynamic_skilled, play_dynamic

from simulator.authoring.walkthroughs import play_script
from simulator.scenario import load_scenario, scenario_files
from simulator.scoring import load_rubrics, score_transcript

SEEDS = [1, 2, 3]


def main() -> None:
    rubrics = load_rubrics(ROOT / "rubrics")
    table: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for path in scenario_files([ROOT / "scenarios"]):
        loaded = load_scenario(path)
        for seed in SEEDS:
            runs = {name: play_script(loaded, lines, seed) for name, lines in STYLES.items()}
            runs["dynamic"] = play_dynamic(loaded, dynamic_skilled, seed)
            for name, (_session, events) in runs.items():
                report = score_transcript(events, rubrics).to_dict()
                for r in report["rubrics"]:
                    table[name][r["id"]].append((r["percent"], r["passed"]))
    ids = [r.id for r in rubrics]
    print(f"{'style':12s} " + " ".join(f"{i[:18]:>20s}" for i in ids) + "   mean")
    for name, per in table.items():
        cells, means = [], []
        for i in ids:
            vals = per[i]
            mean = sum(p for p, _ in vals) / len(vals)
            means.append(mean)
            cells.append(f"{mean:6.1f} pass {sum(ok for _, ok in vals)}/{len(vals)}")
        print(f"{name:12s} " + " ".join(f"{c:>20s}" for c in cells) + f"  {sum(means) / len(means):5.1f}")


if __name__ == "__main__":
    main()
