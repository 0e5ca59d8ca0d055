"""Which of the scenario's topics a reply asks about, so the subject answers what was asked.

A topic is asked when one of its phrases (fuzzy, typos forgiven) sits in a sentence that
asks: a question, a direct inquiry, or a request such as "tell me about the voices". A
statement that only mentions the topic ("I know you hear voices.") asks nothing. When a
reply asks about several topics, the subject answers the first: one question at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.language import Analysis, PhraseMatch, PhraseMatcher
from simulator.scenario.model import Topic

#: techniques whose span shows a sentence is asking
ASKING = frozenset({"open_question", "closed_question", "crisis_inquiry", "interrogation"})
REQUEST = re.compile(
    r"\b(?:tell me|talk (?:to me )?about|(?:can|could|would) you tell|(?:i|we) (?:need|have|want|got) to ask|"
    r"let me ask|(?:can|could|may) i ask|mind if i ask|i am wondering|i was wondering|wondering if|"
    r"i would like to know|(?:i|we) (?:need|want|have) to know|help me understand|walk me through|"
    r"say more about|what about|how about)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


@dataclass(frozen=True)
class Asked:
    topic: Topic
    match: PhraseMatch


def _sentence_at(text: str, offset: int) -> tuple[int, int]:
    for m in _SENTENCE.finditer(text):
        if m.start() <= offset < m.end():
            return m.start(), m.end()
    return 0, len(text)


def asks(text: str, match: PhraseMatch, analysis: Analysis) -> bool:
    """Does the sentence holding ``match`` ask something?"""
    start, end = _sentence_at(text, match.start)
    sentence = text[start:end]
    if sentence.rstrip().endswith("?") or REQUEST.search(sentence):
        return True
    return any(d.technique in ASKING and d.start < end and d.end > start for d in analysis.detections)


class TopicFinder:
    def __init__(self, topics: list[Topic]) -> None:
        self._matchers = [(t, PhraseMatcher(t.phrases, inflect=True)) for t in topics]

    def asked(self, text: str, analysis: Analysis) -> Asked | None:
        """The first topic the reply asks about, or None."""
        hits: list[tuple[int, int, Asked]] = []
        for order, (topic, matcher) in enumerate(self._matchers):
            match = matcher.search(text, include_negated=True)
            if match is not None and asks(text, match, analysis):
                hits.append((match.start, order, Asked(topic, match)))
        return min(hits, key=lambda h: h[:2])[2] if hits else None
