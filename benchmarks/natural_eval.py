"""Scores of the language layer on the natural replies (tests/data/natural).

    .venv/bin/python benchmarks/natural_eval.py [dev|held_out] [--errors TECHNIQUE]

Macro-F1 over the 26 technique ids the detectors know, and how often the direction of
the agitation change agrees with the instructor's label (below -1 lowers, above 1 raises).
For held_out, look at the aggregate only: never tune on its rows.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from simulator.language import analyze
from simulator.vocabulary import TECHNIQUE_IDS

ROOT = Path(__file__).resolve().parents[1]


def direction(delta: float) -> str:
    return "lowers" if delta < -1 else "raises" if delta > 1 else "neutral"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="dev", choices=["dev", "held_out"])
    ap.add_argument("--errors", default=None, help="list misses and false alarms of one technique (dev only)")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (ROOT / "tests" / "data" / "natural" / f"{args.split}.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        a = analyze(row["utterance"], row.get("context"))
        got = set(a.techniques)
        want = set(row["techniques"]) & set(TECHNIQUE_IDS)
        for t in TECHNIQUE_IDS:
            if t in got and t in want:
                tp[t] += 1
            elif t in got:
                fp[t] += 1
                if args.errors == t and args.split == "dev":
                    print(f"FALSE ALARM {row['utterance']!r}")
            elif t in want:
                fn[t] += 1
                if args.errors == t and args.split == "dev":
                    print(f"MISS        {row['utterance']!r}")
        total[row["direction"]] += 1
        agree[row["direction"]] += direction(a.agitation_delta) == row["direction"]
    f1s = []
    for t in TECHNIQUE_IDS:
        if tp[t] + fp[t] + fn[t] == 0:
            continue
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    print(f"{args.split}: {len(rows)} rows, macro-F1 {sum(f1s) / len(f1s):.3f} over {len(f1s)} ids; direction "
          + ", ".join(f"{d} {agree[d]}/{total[d]}" for d in ("lowers", "raises", "neutral")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
