"""Every labelled and ranked set in one report (``make eval``): what we tuned on, apart from
what nobody tuned on.

``python -m simulator.language.eval_report``
"""

from __future__ import annotations

import sys

from simulator.language import rank_eval
from simulator.language.analyzer import Analyzer, default_analyzer
from simulator.language.evaluate import COUNSELLING, DATA, directions, evaluate, label_space, macro_f1, read_set

#: every set ``make eval`` reports: (file, who tuned on it, what it is)
LABELLED_SETS = (
    ("language_dev.jsonl", "tuned", "written in the detectors' register"),
    ("counselling_check.jsonl", "check", "written by us, outside the police domain"),
    ("natural/dev.jsonl", "tuned", "natural replies from play"),
    ("natural/held_out.jsonl", "untuned", "natural replies from play, never tuned on"),
    ("counselling_outsider.jsonl", "untuned", "helping conversations, written and labelled by an outsider"),
)
#: replies with only a direction, written by someone who never saw the detectors
DIRECTION_SETS = (
    ("natural/outsider_a.jsonl", "all", "tuned"),
    ("natural/outsider_b.jsonl", "all", "untuned"),
    ("natural/outsider_c.jsonl", "odd", "tuned"),
    ("natural/outsider_c.jsonl", "even", "untuned"),
    ("natural/outsider_d.jsonl", "all", "untuned"),
)
RANKING_SETS = (
    ("ranking_dev.jsonl", "all", "tuned"),
    ("ranking_check.jsonl", "odd", "tuned"),
    ("ranking_check.jsonl", "even", "untuned"),
)


def summary(analyzer: Analyzer | None = None) -> str:
    """One line per set (``make eval``): what nobody tuned on is marked untuned."""
    analyzer = analyzer or default_analyzer()
    lines = [f"{'set':<32} {'tuned?':<8} {'rows':>5} {'macro-F1':>9} {'7 listening':>12}  direction agrees"]
    for name, tuned, _ in LABELLED_SETS:
        path = DATA / name
        if not path.exists():
            continue
        rows = read_set(path)
        scores = evaluate(rows, analyzer)
        space = COUNSELLING if name.startswith("counselling") else label_space(rows)  # labelled with 7 ids
        dirs = directions(rows, analyzer)
        agree = ", ".join(f"{d} {dirs[d][0]}/{dirs[d][1]}" for d in ("lowers", "raises", "neutral") if d in dirs)
        lines.append(f"{name:<32} {tuned:<8} {len(rows):5d} {macro_f1(scores, space):9.3f} "
                     f"{macro_f1(scores, COUNSELLING):12.3f}  {agree or '-'}")
    lines.append("")
    lines.append(f"{'ranking set':<32} {'tuned?':<8} {'pairs':>5} {'pairwise':>9} "
                 f"{'best lowers':>12} {'worst raises':>13}")
    for name, half, tuned in RANKING_SETS:
        path = DATA / name
        if not path.exists():
            continue
        moments = rank_eval.read_moments(path, half)
        s = rank_eval.score(moments, analyzer)
        best = [analyzer.analyze(row["replies"][0], row.get("context") or None).agitation_delta for _, row in moments]
        worst = [analyzer.analyze(row["replies"][-1], row.get("context") or None).agitation_delta for _, row in moments]
        lines.append(f"{name + ' (' + half + ')':<32} {tuned:<8} {s.pairs:5d} {s.accuracy:9.3f} "
                     f"{sum(d < 0 for d in best) / len(best):12.2f} {sum(d > 0 for d in worst) / len(worst):13.2f}")
    lines.append("")
    lines.append(f"{'direction set':<32} {'tuned?':<8} {'rows':>5}  poor raise (> 0)  good lower (< 0)")
    for name, half, tuned in DIRECTION_SETS:
        path = DATA / name
        if not path.exists():
            continue
        rows = [row for n, row in enumerate(read_set(path), 1)
                if half == "all" or (n % 2 == 1) == (half == "odd")]
        counts = {"raises": [0, 0], "lowers": [0, 0]}
        for row in rows:
            want = row.get("direction")
            if want not in counts:
                continue
            delta = analyzer.analyze(row["utterance"], row.get("context") or None).agitation_delta
            counts[want][0] += delta > 0 if want == "raises" else delta < 0
            counts[want][1] += 1
        (pr, pn), (gl, gn) = counts["raises"], counts["lowers"]
        shown = name if half == "all" else f"{name} ({half})"
        lines.append(f"{shown:<32} {tuned:<8} {len(rows):5d}  {f'{pr}/{pn} ({pr / max(pn, 1):.2f})':>16}  "
                     f"{f'{gl}/{gn} ({gl / max(gn, 1):.2f})':>16}")
    return "\n".join(lines)



if __name__ == "__main__":
    print(summary())
    sys.exit(0)
