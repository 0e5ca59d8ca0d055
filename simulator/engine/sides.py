"""Who a reply sides with, in a scene with several people (DESIGN 3.2a "Several people").

Lexical and small, like the rest of the engine's reading: a sentence that agrees with the
person addressed ("you're right", "I'm on your side") sides with them against everyone else
present; a sentence that blames someone else by name or by how the others speak of them
("he's being unreasonable", "it's your neighbour's fault") sides against that person. A
question takes no side ("Do you think he's being unreasonable?"), nor a negated blame.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

AGREE = re.compile(
    r"\b(?:you(?:['\u2019]re| are) (?:absolutely |totally |completely |so |dead )?right|i (?:totally |completely )?"
    r"agree with you|i(?:['\u2019]m| am) on your side|you have every right|(?:i )?(?:can['\u2019]?t|cannot) blame you|"
    r"i(?:['\u2019]d| would) be (?:mad|angry|furious|upset) too)\b", re.IGNORECASE)
BLAME = re.compile(
    r"\b(?:(?:being |so |totally |completely )?unreasonable|out of line|selfish|inconsiderate|rude|ridiculous|"
    r"(?:his|her|their|your neighbou?r['\u2019]s) fault|to blame|in the wrong|a jerk|a pain|"
    r"(?:has|had) no right|should(?:n['\u2019]t| not) have|(?:is|['\u2019]s) (?:wrong|the problem))\b", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|never|no)\b|n['\u2019]t\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")


@dataclass(frozen=True)
class Side:
    """The reply took a side against ``against`` (in favour of ``favoured``)."""

    against: str
    favoured: str
    span: tuple[int, int]
    matched: str


def _mentions(sentence: str, words: Sequence[str]) -> bool:
    low = sentence.lower()
    return any(re.search(rf"(?<![\w]){re.escape(w.lower())}(?![\w])", low) for w in words if w)


def sides_taken(text: str, addressed: str, present: Mapping[str, Sequence[str]]) -> list[Side]:
    """Who the reply sides against, once each, in order. ``present`` maps each person present
    (the addressed one included) to the words that name them."""
    out: dict[str, Side] = {}
    others = [p for p in present if p != addressed]
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not sentence.strip() or sentence.rstrip().endswith("?"):
            continue
        agree = AGREE.search(sentence)
        if agree is not None:
            for other in others:
                out.setdefault(other, Side(other, addressed, (m.start() + agree.start(), m.start() + agree.end()),
                                           agree.group()))
        blame = BLAME.search(sentence)
        if blame is None or NEGATED.search(sentence[max(0, blame.start() - 15):blame.start()]):
            continue
        for other in others:
            if _mentions(sentence, present[other]):
                out.setdefault(other, Side(other, addressed, (m.start() + blame.start(), m.start() + blame.end()),
                                           blame.group()))
    return list(out.values())
