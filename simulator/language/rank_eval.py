"""Pairwise ranking accuracy of ``Analysis.agitation_delta`` on ranked replies.

Each line of a ranking set is a JSON object::

    {"moment": "...", "context": "the subject's line", "replies": [best, second, third, worst]}

For every pair of replies to the same moment the better one (earlier in the list)
should get the lower ``agitation_delta`` of ``analyze(reply, context)``.  A tie
counts as a miss; the tie rate is printed separately.

``python -m simulator.language.rank_eval [FILE] [--half odd|even|all] [--misses]``

``--half odd`` keeps the 1st, 3rd, 5th... line of the file (line numbers count
every line of the file, blank ones included), ``even`` the 2nd, 4th...  The
default file is ``tests/data/ranking_check.jsonl`` when it exists, else
``tests/data/ranking_dev.jsonl``; the default half is ``odd`` (the even half of
the check set is held out).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from simulator.language.analyzer import Analyzer, default_analyzer
from simulator.language.evaluate import json_lines

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
CHECK_SET = DATA / "ranking_check.jsonl"
DEV_SET = DATA / "ranking_dev.jsonl"


@dataclass
class RankScore:
    pairs: int = 0
    correct: int = 0
    ties: int = 0
    moments: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.pairs if self.pairs else 0.0

    @property
    def tie_rate(self) -> float:
        return self.ties / self.pairs if self.pairs else 0.0


def read_moments(path: str | Path, half: str = "odd") -> list[tuple[int, dict]]:
    """(line number, moment) for the lines of ``half``; raises ValueError naming a bad line."""
    if half not in {"odd", "even", "all"}:
        raise ValueError("half must be odd, even or all")
    out = []
    for n, row in json_lines(path):
        if (half == "odd" and n % 2 == 0) or (half == "even" and n % 2 == 1):
            continue
        replies = row.get("replies") if isinstance(row, dict) else None
        if not isinstance(replies, list) or len(replies) < 2 or \
                not all(isinstance(r, str) for r in replies):
            raise ValueError(f"{path}:{n}: expected 'replies', a list of two or more strings.")
        out.append((n, row))
    return out


def score(moments: list[tuple[int, dict]], analyzer: Analyzer | None = None,
          misses: list | None = None) -> RankScore:
    analyzer = analyzer or default_analyzer()
    s = RankScore()
    for n, row in moments:
        context = row.get("context") or None
        deltas = [analyzer.analyze(r, context).agitation_delta for r in row["replies"]]
        s.moments += 1
        for i, j in combinations(range(len(deltas)), 2):
            s.pairs += 1
            if deltas[i] < deltas[j]:
                s.correct += 1
            else:
                if deltas[i] == deltas[j]:
                    s.ties += 1
                if misses is not None:
                    misses.append((n, row, i, j, deltas[i], deltas[j]))
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m simulator.language.rank_eval",
                                 description="Pairwise ranking accuracy of agitation_delta.")
    ap.add_argument("file", nargs="?", help="ranking set (JSON lines)")
    ap.add_argument("--half", choices=["odd", "even", "all"], default="odd",
                    help="which lines to score (default: odd)")
    ap.add_argument("--misses", action="store_true", help="list the mis-ordered pairs")
    args = ap.parse_args(argv)
    path = Path(args.file) if args.file else (CHECK_SET if CHECK_SET.exists() else DEV_SET)
    try:
        moments = read_moments(path, args.half)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    misses: list | None = [] if args.misses else None
    s = score(moments, misses=misses)
    print(f"{s.moments} moments, {s.pairs} pairs from {path} (half: {args.half})")
    print(f"pairwise accuracy {s.accuracy:.3f} (ties count as misses)   tie rate {s.tie_rate:.3f}")
    for n, row, i, j, di, dj in misses or ():
        rel = "tie" if di == dj else "wrong"
        print(f"line {n} [{rel}] #{i + 1} {di:+.2f} should be < #{j + 1} {dj:+.2f}\n"
              f"    {row['replies'][i]}\n    {row['replies'][j]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
