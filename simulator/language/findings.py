"""What the detection steps have found in one reply, passed from step to step."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.language.parse import Parsed, Sentence

#: negative techniques that void a question or a reflection in the same sentence
#: (interrogation and jargon do not)
VOIDING = frozenset({"insult", "threat", "sarcasm", "dismissal", "command", "argument"})


@dataclass
class Findings:
    """The technique spans found so far in one reply, and what the steps tell each other about it.

    A span is canonical unless flagged original; ``drop`` and the sentence queries only see
    canonical spans.
    """

    parsed: Parsed
    #: (technique, start, end, original)
    spans: list[tuple[str, int, int, bool]] = field(default_factory=list)
    #: canonical clause spans of the questions, with their kind ("open" or "closed")
    questions: list[tuple[int, int, str]] = field(default_factory=list)
    #: sentences that are only "Okay." and the like
    weak: list[Sentence] = field(default_factory=list)
    #: the subject's line reports what someone said
    ctx_reports: bool = False
    #: the subject's words
    ctx_words: frozenset[str] = frozenset()

    def add(self, tid: str, start: int, end: int) -> None:
        self.spans.append((tid, start, end, False))

    def add_original(self, tid: str, start: int, end: int) -> None:
        self.spans.append((tid, start, end, True))

    def has(self, tid: str) -> bool:
        return any(t == tid for t, *_ in self.spans)

    def drop(self, tid: str, start: int, end: int) -> None:
        """Drop the canonical spans of ``tid`` that overlap [start, end)."""
        self.spans = [s for s in self.spans if not (s[0] == tid and not s[3] and s[1] < end and s[2] > start)]

    def drop_all(self, tid: str) -> None:
        self.spans = [s for s in self.spans if not (s[0] == tid and not s[3])]

    def in_sentence(self, tid: str, sent: Sentence) -> bool:
        return any(t == tid and not orig and sent.start <= a < sent.end for t, a, b, orig in self.spans)

    def in_span(self, tid: str, start: int, end: int) -> bool:
        return any(t == tid and not orig and a < end and b > start for t, a, b, orig in self.spans)

    def techniques_in(self, sent: Sentence) -> set[str]:
        return {t for t, a, b, orig in self.spans if not orig and sent.start <= a < sent.end}
