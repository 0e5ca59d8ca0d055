"""Which of the scenario's topics a reply asks about, so the subject answers what was asked.

A topic is asked when one of its phrases (fuzzy, typos forgiven) sits in a sentence that
asks: a question, a direct inquiry, or a request such as "tell me about the voices". A
statement that only mentions the topic ("I know you hear voices.") asks nothing. When a
reply asks about several topics, the subject answers the first: one question at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from simulator.language import Analysis, PhraseMatch, parse, phrase_index
from simulator.scenario.model import Topic

#: techniques whose span shows a sentence is asking (a crisis inquiry alone does not: "They're
#: telling you to hurt yourself. That sounds terrifying." reflects, it does not ask)
ASKING = frozenset({"open_question", "closed_question", "interrogation"})
REQUEST = re.compile(
    r"\b(?:tell me|talk (?:to me )?about|(?:can|could|would) you tell|(?:i|we) (?:need|have|want|got) to ask|"
    r"let me ask|(?:can|could|may) i ask|mind if i ask|i am wondering|i was wondering|wondering if|"
    r"i would like to know|(?:i|we) (?:need|want|have) to know|help me understand|walk me through|"
    r"say more about|what about|how about|"
    # an offer asks for an answer too ("I'd like the paramedics to check your throat")
    r"i(?:['\u2019]?d| would) (?:really )?(?:like|love|prefer) (?:the|them|someone|somebody|a|an|to|you|us|for)|"
    r"(?:i|we) (?:want|think we should|should) (?:get|have|call) |(?:i|we) want (?:the|them|someone|somebody) |"
    r"let(?:['\u2019]s| us) (?:get|have|call) |"
    r"would you (?:let|be willing|be okay|be ok|be alright|mind)|how would you feel about|"
    r"are you (?:okay|ok|alright|all right) with)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


@dataclass(frozen=True)
class Asked:
    topic: Topic
    match: PhraseMatch


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _asking(text: str, start: int, end: int, analysis: Analysis) -> bool:
    """Does this sentence of the reply ask something?"""
    sentence = text[start:end]
    if sentence.rstrip().endswith("?") or REQUEST.search(sentence):
        return True
    return any(d.technique in ASKING and d.start < end and d.end > start for d in analysis.detections)


#: a question that asks about whatever was just mentioned ("What happened?", "Tell me about it.")
BARE = re.compile(
    r"^\W*(?:(?:so|and|okay|ok)\W+)?(?:what happened|what(?:'s| is) (?:that|going on)|"
    r"how did (?:that|it) happen|(?:can|could|would) you tell me(?: about (?:it|that))?|"
    r"tell me(?: about (?:it|that))?|how(?:'d| did) you get (?:that|those|it|them)|"
    r"what happened (?:to (?:it|them|that|you)|there)|"
    r"is (?:that|it) (?:sore|okay|hurting)|who did (?:that|it))\b", re.IGNORECASE)


def _best_of_overlapping(hits: list[tuple[int, Asked]]) -> list[tuple[int, Asked]]:
    """The topics a sentence asks, in the order asked: where several topics' phrases cover the same
    words, only the best match ("have you hurt yourself" is self-harm said as written, not the
    injury's "are you hurt" near it), earlier topics first on a tie; ``hits`` are (topic order, match)."""
    chosen: list[tuple[int, Asked]] = []
    for order, a in sorted(hits, key=lambda h: (h[1].match.strength, -h[1].match.start, -h[0]), reverse=True):
        if all(c.match.end <= a.match.start or a.match.end <= c.match.start for _, c in chosen):
            chosen.append((order, a))
    return sorted(chosen, key=lambda h: (h[1].match.start, h[0]))


class TopicFinder:
    def __init__(self, topics: list[Topic]) -> None:
        self._topics = list(topics)
        self._index = phrase_index([t.phrases for t in topics], inflect=True)

    def asked(self, text: str, analysis: Analysis, limit: int = 2) -> list[Asked]:
        """The topics the reply asks about, in the order asked: at most `limit`, one per
        question ("Are you diabetic? When did you last eat?" asks two; topics sharing a title
        are one question).

        Each sentence is searched on its own, so a topic named in a statement does not hide
        the same topic asked in a later sentence; a bare question right after a statement
        that names a topic ("I noticed your wrist. What happened?") asks about that topic.
        """
        found: list[Asked] = []

        def add(a: Asked) -> None:
            if len(found) < limit and all(f.topic.title != a.topic.title and  # one question, one answer:
                                          (f.match.end <= a.match.start or a.match.end <= f.match.start)
                                          for f in found):
                found.append(a)

        mentioned: Asked | None = None
        sentences = _sentences(text)
        parsed = analysis.parsed if analysis.parsed is not None and analysis.text == text else parse(text)
        canon = parsed.canon
        ranges = [(bisect_left(parsed.starts, canon.to_canonical(start)),
                   bisect_left(parsed.starts, canon.to_canonical(end))) for start, end in sentences]
        asks = [_asking(text, start, end, analysis) for start, end in sentences]
        # a statement's topic matters only to a bare question after it ("I noticed your wrist. What
        # happened?"): without one, statements are not searched (a long reply costs its questions)
        bare = [a and bool(BARE.match(text[start:end])) for a, (start, end) in zip(asks, sentences, strict=True)]
        wanted = [a or any(bare[i + 1:]) for i, a in enumerate(asks)]
        searched = iter(self._index.search_ranges(parsed, [r for r, w in zip(ranges, wanted, strict=True) if w],
                                                  include_negated=True))
        nothing: list[PhraseMatch | None] = [None] * len(self._topics)
        for (start, end), asking, want in zip(sentences, asks, wanted, strict=True):
            matches = next(searched) if want else nothing
            hits = _best_of_overlapping([(order, Asked(self._topics[order], match))
                                         for order, match in enumerate(matches) if match is not None])
            if asking and hits:
                for _, a in hits:
                    add(a)
            elif asking and mentioned is not None and BARE.match(text[start:end]):
                add(mentioned)
            first = hits[0][1] if hits else None
            mentioned = first if first is not None else (mentioned if not asking else None)
        return found
