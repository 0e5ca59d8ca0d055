"""Precision, recall and F1 per technique on a labelled set; ``make eval`` reports every set.

Each line of a set is a JSON object: {"utterance", "context" (optional), "labels" (or
"techniques"): [technique ids], "direction" (optional): lowers|raises|neutral}.
``python -m simulator.language.evaluate [FILE]`` scores one set; ``--errors TECHNIQUE``
lists its misses and false alarms for one technique. ``make eval`` runs
``python -m simulator.language.eval_report``: one line per set, the sets tuned on apart
from those nobody tuned on.

A set labelled before the sharper ids of issue 10 existed is scored over the ids it could
use: its macro-F1 leaves the sharper ids out (their hits there are not its errors).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from simulator.language.analyzer import Analyzer, default_analyzer
from simulator.vocabulary import LATER_TECHNIQUES, SHARPER_TECHNIQUES, TECHNIQUE_IDS

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DEFAULT_SET = DATA / "language_dev.jsonl"
#: the seven listener techniques a counselling-style held-out set is labelled with
COUNSELLING = ("open_question", "closed_question", "paraphrase", "emotion_label", "affirmation",
               "reassurance", "advice")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def json_lines(path: str | Path):
    """(line number, parsed object) for each non-blank line; ValueError names a bad line."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg}).") from None


def read_set(path: str | Path) -> list[dict]:
    """The labelled lines; raises ValueError naming the line for a bad one."""
    rows = []
    for n, row in json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("utterance"), str):
            raise ValueError(f"{path}:{n}: expected an object with a string 'utterance'.")
        labels = row.get("labels", row.get("techniques", []))
        if not isinstance(labels, list):
            raise ValueError(f"{path}:{n}: 'labels' must be a list of technique ids.")
        unknown = [t for t in labels if t not in TECHNIQUE_IDS]
        if unknown:
            raise ValueError(f"{path}:{n}: unknown technique id {unknown[0]!r}.")
        rows.append({**row, "labels": labels})
    return rows


def label_space(rows: list[dict]) -> tuple[str, ...]:
    """The ids a set could use: all of them, or (labelled before issue 10) all but the sharper ones;
    ids added after a set was labelled only where its labels use them."""
    used = {t for row in rows for t in row["labels"]}
    if used & set(SHARPER_TECHNIQUES):
        return tuple(t for t in TECHNIQUE_IDS if t not in LATER_TECHNIQUES or t in used)
    return tuple(t for t in TECHNIQUE_IDS if t not in SHARPER_TECHNIQUES)


def direction(delta: float) -> str:
    """How an agitation change reads: below -1 lowers, above 1 raises."""
    return "lowers" if delta < -1 else "raises" if delta > 1 else "neutral"


def directions(rows: list[dict], analyzer: Analyzer | None = None) -> dict[str, tuple[int, int]]:
    """Per expected direction: (rows whose agitation_delta agrees, rows)."""
    analyzer = analyzer or default_analyzer()
    out: dict[str, list[int]] = {}
    for row in rows:
        want = row.get("direction")
        if want is None:
            continue
        got = direction(analyzer.analyze(row["utterance"], row.get("context")).agitation_delta)
        tally = out.setdefault(want, [0, 0])
        tally[0] += got == want
        tally[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def evaluate(rows: list[dict], analyzer: Analyzer | None = None) -> dict[str, Score]:
    analyzer = analyzer or default_analyzer()
    scores = {t: Score() for t in TECHNIQUE_IDS}
    for row in rows:
        got = set(analyzer.analyze(row["utterance"], row.get("context")).techniques)
        gold = set(row.get("labels", []))
        for t in got & gold:
            scores[t].tp += 1
        for t in got - gold:
            scores[t].fp += 1
        for t in gold - got:
            scores[t].fn += 1
    return scores


def macro_f1(scores: dict[str, Score], techniques=None) -> float:
    """Mean F1 over ``techniques`` (default: all) that occur in the set or were found in it."""
    chosen = [t for t in (techniques or scores) if scores[t].support or scores[t].fp]
    return sum(scores[t].f1 for t in chosen) / len(chosen) if chosen else 0.0


def report(scores: dict[str, Score], space: tuple[str, ...] = TECHNIQUE_IDS) -> str:
    lines = [f"{'technique':<20} {'P':>6} {'R':>6} {'F1':>6} {'support':>8} {'fp':>5}"]
    for t in space:
        s = scores[t]
        if not s.support and not s.fp:
            continue
        lines.append(f"{t:<20} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:8d} {s.fp:5d}")
    lines.append(f"{'macro F1':<20} {'':>6} {'':>6} {macro_f1(scores, space):6.3f}")
    lines.append(f"{'macro F1 (7 listening)':<27}{macro_f1(scores, COUNSELLING):6.3f}")
    return "\n".join(lines)


def errors(rows: list[dict], technique: str, analyzer: Analyzer | None = None) -> str:
    analyzer = analyzer or default_analyzer()
    out = []
    for row in rows:
        a = analyzer.analyze(row["utterance"], row.get("context"))
        gold = technique in row.get("labels", [])
        got = technique in a.techniques
        if gold != got:
            kind = "MISS" if gold else "FALSE"
            ctx = f"  [ctx: {row['context']}]" if row.get("context") else ""
            out.append(f"{kind}: {row['utterance']}{ctx}\n   gold={row.get('labels')} got={list(a.techniques)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m simulator.language.evaluate", description=__doc__)
    ap.add_argument("file", nargs="?", default=str(DEFAULT_SET))
    ap.add_argument("--errors", metavar="TECHNIQUE")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    try:
        rows = read_set(args.file)
    except (OSError, ValueError) as exc:
        print(f"evaluate: cannot use {args.file}: {exc}", file=sys.stderr)
        return 2
    if args.errors:
        print(errors(rows, args.errors))
        return 0
    scores = evaluate(rows)
    if args.json:
        print(json.dumps({"techniques": {t: {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                                             "support": s.support} for t, s in scores.items()},
                          "macro_f1": macro_f1(scores, label_space(rows)),
                          "macro_f1_listening": macro_f1(scores, COUNSELLING)}, indent=2))
    else:
        print(f"{len(rows)} labelled replies from {args.file}")
        print(report(scores, label_space(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
