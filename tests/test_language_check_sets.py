"""The language layer against sets written independently of its rules (tests/data/CHECK_SETS.md).

The bars are the issue's acceptance bars for the held-out sets; the development set
has its own, higher per-technique floors in tests/language.
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator.language import analyze

DATA = Path(__file__).resolve().parent / "data"
LISTENING = ("open_question", "closed_question", "paraphrase", "emotion_label", "affirmation",
             "reassurance", "advice")


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_counselling_replies_macro_f1_over_the_seven_listening_labels():
    tp = dict.fromkeys(LISTENING, 0)
    fp = dict.fromkeys(LISTENING, 0)
    fn = dict.fromkeys(LISTENING, 0)
    for row in rows("counselling_check.jsonl"):
        found = set(analyze(row["utterance"], row.get("context")).techniques) & set(LISTENING)
        gold = set(row["labels"])
        for t in LISTENING:
            tp[t] += t in found and t in gold
            fp[t] += t in found and t not in gold
            fn[t] += t in gold and t not in found
    f1 = {t: (2 * tp[t] / (2 * tp[t] + fp[t] + fn[t])) if tp[t] else 0.0 for t in LISTENING}
    macro = sum(f1.values()) / len(f1)
    assert macro >= 0.50, f1
    assert min(f1.values()) > 0.25, f1


def test_default_agitation_delta_ranks_expert_ordered_replies():
    right = total = 0
    for row in rows("ranking_check.jsonl"):
        deltas = [analyze(reply, row.get("context")).agitation_delta for reply in row["replies"]]
        for better in range(4):
            for worse in range(better + 1, 4):
                total += 1
                right += deltas[better] < deltas[worse]  # a tie is a miss
    assert right / total >= 0.72
