#!/usr/bin/env python3
"""Validate the hand-labelled technique dev set and print its label counts.

Run from the repository root: ``python3 tests/data/check_dev_set.py [PATH]``.
Plain standard library on purpose, so it runs before the package is installed.
Exits 1 and lists every problem (with its line number) when the file is not usable.
"""
from __future__ import annotations

import collections
import difflib
import json
import sys
from pathlib import Path

POSITIVE = (
    "introduction", "name_use", "open_question", "closed_question", "paraphrase",
    "emotion_label", "mirroring", "summary", "minimal_encourager", "effective_pause",
    "i_message", "affirmation", "reassurance", "offer_options", "explanation",
    "crisis_inquiry", "resource_referral", "advice",
)
NEGATIVE = (
    "command", "threat", "dismissal", "argument", "insult", "interrogation", "jargon", "sarcasm",
)
KNOWN = POSITIVE + NEGATIVE
KEYS = {"utterance", "context", "labels"}
MIN_PER_LABEL = 25
MIN_LINES = 650
DEFAULT_PATH = Path(__file__).with_name("language_dev.jsonl")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _check_row(obj: object, where: str, problems: list[str]) -> dict | None:
    if not isinstance(obj, dict):
        problems.append(f"{where}: expected a JSON object, got {type(obj).__name__}")
        return None
    for key in sorted(set(obj) - KEYS):
        problems.append(f"{where}: unknown key {key!r} (allowed: utterance, context, labels)")
    utterance = obj.get("utterance")
    if not isinstance(utterance, str) or not utterance.strip():
        problems.append(f"{where}: 'utterance' must be a non-empty string")
        return None
    context = obj.get("context")
    if context is not None and (not isinstance(context, str) or not context.strip()):
        problems.append(f"{where}: 'context' must be a non-empty string when present")
        return None
    labels = obj.get("labels")
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        problems.append(f"{where}: 'labels' must be a list of technique ids (possibly empty)")
        return None
    for label in labels:
        if label not in KNOWN:
            hint = difflib.get_close_matches(label, KNOWN, n=1)
            problems.append(f"{where}: unknown technique id {label!r}"
                            + (f"; did you mean {hint[0]!r}?" if hint else ""))
    for label, n in collections.Counter(labels).items():
        if n > 1:
            problems.append(f"{where}: label {label!r} listed {n} times")
    return obj


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PATH
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"{path}: cannot read: {exc}", file=sys.stderr)
        return 1
    problems: list[str] = []
    rows: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for lineno, line in enumerate(lines, 1):
        where = f"{path}:{lineno}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        row = _check_row(obj, where, problems)
        if row is None:
            continue
        key = (_norm(row["utterance"]), _norm(row.get("context") or ""))
        if key in seen:
            problems.append(f"{where}: same utterance and context as line {seen[key]}")
        else:
            seen[key] = lineno
        rows.append(row)

    counts = collections.Counter(
        label for r in rows for label in set(r["labels"]) if label in KNOWN
    )
    with_context = sum(1 for r in rows if r.get("context"))
    print(f"{path}: {len(rows)} examples, {with_context} with context "
          f"({with_context / max(len(rows), 1):.0%}), "
          f"{sum(1 for r in rows if not r['labels'])} with no technique")
    for title, group in (("positive", POSITIVE), ("negative", NEGATIVE)):
        print(f"\n{title}:")
        for label in group:
            flag = "" if counts[label] >= MIN_PER_LABEL else f"   < {MIN_PER_LABEL}"
            print(f"  {label:<20} {counts[label]:>4}{flag}")

    if len(rows) < MIN_LINES:
        problems.append(f"{path}: only {len(rows)} examples, need at least {MIN_LINES}")
    for label in KNOWN:
        if counts[label] < MIN_PER_LABEL:
            problems.append(f"{path}: {label!r} has {counts[label]} positive examples, "
                            f"need at least {MIN_PER_LABEL}")
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\nok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
