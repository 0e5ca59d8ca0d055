"""What the detection steps have found in one reply, passed from step to step."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from simulator.language.parse import Parsed, Sentence

#: negative techniques that void a question or a reflection in the same sentence
#: (interrogation and jargon do not)
VOIDING = frozenset({"insult", "threat", "sarcasm", "dismissal", "command", "argument"})


Span = tuple[str, int, int, bool]


@dataclass
class Findings:
    """The technique spans found so far in one reply, and what the steps tell each other about it.

    A span is canonical unless flagged original; ``drop`` and the sentence queries only see
    canonical spans.  Canonical spans are kept by the sentence their start is in, so asking about
    one sentence, or dropping within a stretch, costs what that stretch holds: a reply's analysis
    grows with its length, not with its length squared.
    """

    parsed: Parsed
    #: canonical clause spans of the questions, with their kind ("open" or "closed")
    questions: list[tuple[int, int, str]] = field(default_factory=list)
    #: sentences that are only "Okay." and the like
    weak: list[Sentence] = field(default_factory=list)
    #: the subject's line reports what someone said
    ctx_reports: bool = False
    #: the subject's words
    ctx_words: frozenset[str] = frozenset()
    #: spans in the original text
    _original: list[Span] = field(default_factory=list)
    #: canonical spans by the sentence their start is in (before the first: the first)
    _buckets: list[list[Span]] = field(default_factory=list)
    #: canonical spans that reach past the next sentence's start (found by a stretch they start before)
    _long: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [sent.start for sent in self.parsed.sentences]
        self._buckets = [[] for _ in range(max(1, len(self._starts)))]
        #: how many canonical spans of each technique there are (a drop of one that is absent, the
        #: common case in the rules, returns at once)
        self._count: dict[str, int] = {}

    def _bucket(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    @property
    def spans(self) -> list[Span]:
        """Every span found so far, original ones last."""
        return [span for bucket in self._buckets for span in bucket] + self._original

    def add(self, tid: str, start: int, end: int) -> None:
        span = (tid, start, end, False)
        i = self._bucket(start)
        self._buckets[i].append(span)
        self._count[tid] = self._count.get(tid, 0) + 1
        if i + 1 < len(self._starts) and end > self._starts[i + 1]:
            self._long.append(span)

    def add_original(self, tid: str, start: int, end: int) -> None:
        self._original.append((tid, start, end, True))

    def has(self, tid: str) -> bool:
        return bool(self._count.get(tid)) or any(span[0] == tid for span in self._original)

    def _overlapping(self, start: int, end: int) -> range:
        """The buckets that may hold a span starting in [start, end)."""
        return range(self._bucket(start), self._bucket(max(start, end - 1)) + 1)

    def drop(self, tid: str, start: int, end: int) -> None:
        """Drop the canonical spans of ``tid`` that overlap [start, end)."""
        if not self._count.get(tid):
            return
        gone = [s for s in self._long if s[0] == tid and s[1] < end and s[2] > start] if self._long else []
        where: range | set[int] = self._overlapping(start, end)
        if gone:
            where = {*where, *(self._bucket(s[1]) for s in gone)}
        buckets = self._buckets
        for i in where:
            bucket = buckets[i]
            for s in bucket:
                if s[0] == tid and s[1] < end and s[2] > start:
                    buckets[i] = [x for x in bucket if not (x[0] == tid and x[1] < end and x[2] > start)]
                    self._count[tid] -= len(bucket) - len(buckets[i])
                    break
        if gone:
            self._long = [s for s in self._long if not (s[0] == tid and s[1] < end and s[2] > start)]

    def drop_all(self, tid: str) -> None:
        if not self._count.get(tid):
            return
        self._count[tid] = 0
        self._buckets = [[s for s in bucket if s[0] != tid] for bucket in self._buckets]
        self._long = [s for s in self._long if s[0] != tid]

    def spans_in(self, sent: Sentence, tid: str | None = None) -> list[Span]:
        """The canonical spans (of ``tid``) that start in the sentence."""
        return [s for s in self._buckets[self._bucket(sent.start)]
                if (tid is None or s[0] == tid) and sent.start <= s[1] < sent.end]

    def in_sentence(self, tid: str, sent: Sentence) -> bool:
        return any(t == tid and sent.start <= a < sent.end for t, a, _, _ in self._buckets[self._bucket(sent.start)])

    def in_span(self, tid: str, start: int, end: int) -> bool:
        if any(t == tid and a < end and b > start for t, a, b, _ in self._long):
            return True
        return any(t == tid and a < end and b > start
                   for i in self._overlapping(start, end) for t, a, b, _ in self._buckets[i])

    def techniques_in(self, sent: Sentence) -> set[str]:
        return {t for t, a, _, _ in self._buckets[self._bucket(sent.start)] if sent.start <= a < sent.end}
