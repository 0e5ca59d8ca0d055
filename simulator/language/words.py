"""Small closed word classes the question and sentence steps share (not extendable data)."""

from __future__ import annotations

from simulator.language.parse import AUX

WH = frozenset({"what", "how", "why", "where", "when", "who", "which", "whose", "whom"})
QUESTION_AUX = (AUX | frozenset({"does", "had", "shall", "did", "have", "has"})) - frozenset({"going", "need"})
SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there", "that", "this", "anyone",
                      "anybody", "someone", "somebody", "everything", "everyone", "anything",
                      "something", "your", "my", "the", "y'all", "any", "nobody", "no", "his", "her",
                      "these", "those", "a", "an", "everybody", "all"})  # fmt: skip
