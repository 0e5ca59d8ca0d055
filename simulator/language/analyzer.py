"""Analyse one reply: which techniques, where, and their default effect.

The steps run in this order, each adding to or pruning the reply's ``Findings``: the phrase
banks (``patterns``), pauses and the sentence rules (``sentences``), a name (``names``), the
check that a pattern hit's sentence supports it (``rules.prefilter``), the reflections against
the subject's line when there is one (``reflections``), then the cross-technique rules
(``rules.resolve``), and last the sharper moves read from the clause (``moves``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from simulator.language.banks import banks_with
from simulator.language.compiled import Compiled, default_compiled
from simulator.language.findings import Findings
from simulator.language.grounding import grounding, named_feelings, named_feelings_in
from simulator.language.moves import find_moves
from simulator.language.names import find_name, find_own_name
from simulator.language.parse import Parsed, parse_canonical
from simulator.language.patterns import find_patterns
from simulator.language.reflections import find_reflections
from simulator.language.rules import prefilter, resolve
from simulator.language.sentences import find_pause, find_sentences
from simulator.language.techniques import TECHNIQUES, combine_effects
from simulator.language.text import canonicalize
from simulator.language.tone import tone
from simulator.vocabulary import REFLECTIONS


@dataclass(frozen=True)
class Detection:
    """One technique shown by the reply; [start, end) is a span of the original text."""

    technique: str
    start: int
    end: int
    text: str
    #: for a reflection given the subject's line: how much of it is grounded there (0-1)
    grounding: float | None = None

    def to_dict(self) -> dict:
        out: dict[str, object] = {"technique": self.technique, "span": [self.start, self.end], "text": self.text}
        if self.grounding is not None:
            out["grounding"] = self.grounding
        return out


@dataclass(frozen=True)
class Analysis:
    text: str
    detections: tuple[Detection, ...]
    techniques: tuple[str, ...]
    agitation_delta: float
    rapport_delta: float
    #: the tone term already included in ``agitation_delta`` (see ``tone.py``)
    tone: float = 0.0
    #: the reply as the analyzer read it (its words, typos of known words fixed), for the phrase
    #: searches that follow it (the engine's topics, triggers and cues) not to read it again
    parsed: Parsed | None = field(default=None, compare=False, repr=False)

    @property
    def spans(self) -> dict[str, list[list[int]]]:
        out: dict[str, list[list[int]]] = {}
        for d in self.detections:
            out.setdefault(d.technique, []).append([d.start, d.end])
        return out

    def has(self, technique: str) -> bool:
        return technique in self.techniques

    @property
    def grounding(self) -> dict[str, float]:
        """Per reflection found, how grounded it is in the subject's line (the best of its spans)."""
        out: dict[str, float] = {}
        for d in self.detections:
            if d.grounding is not None:
                out[d.technique] = max(out.get(d.technique, 0.0), d.grounding)
        return out

    def to_dict(self) -> dict:
        return {
            "techniques": list(self.techniques),
            "spans": self.spans,
            "detections": [d.to_dict() for d in self.detections],
            "agitation_delta": self.agitation_delta,
            "rapport_delta": self.rapport_delta,
            "tone": self.tone,
            "grounding": self.grounding,
        }


class Analyzer:
    """Technique detection with the default banks, optionally extended.

    ``extra_phrases`` adds literal phrases per technique id (a scenario's or a user's);
    ``bank_files`` adds whole bank files (same schema as the package's banks).
    """

    def __init__(
        self, extra_phrases: dict[str, list[str]] | None = None, bank_files: Sequence[str | Path] = ()
    ) -> None:
        if extra_phrases is not None and not isinstance(extra_phrases, dict):
            raise ValueError("extra_phrases must map technique ids to lists of phrases.")
        if bank_files:
            self._c = Compiled(banks_with(list(bank_files), extra_phrases or None))
        elif extra_phrases:
            self._c = default_compiled().with_phrases(extra_phrases)
        else:
            self._c = default_compiled()

    def analyze(self, text: str, context: str | None = None, *, grounding: bool = True,
                earlier: str | None = None) -> Analysis:
        """``grounding=False`` skips measuring the reflections against ``context`` (the engine
        measures them against more than the last line, so it asks for none). ``earlier``: the
        subject's line before ``context``, which a paraphrase may restate too."""
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        c = self._c
        found = Findings(parse_canonical(canonicalize(text, c.corrector)))
        if not found.parsed.words:
            found.add_original("effective_pause", 0, len(text))
            return _result(text, found)
        find_patterns(found, c)
        find_pause(found)
        find_sentences(found, c)
        find_name(found, c, text)
        find_own_name(found, c, text)
        prefilter(found)
        if context and context.strip():
            find_reflections(found, c, context, earlier)
        resolve(found)
        find_moves(found)
        result = _result(text, found)
        if grounding and context and context.strip() and any(d.technique in REFLECTIONS for d in result.detections):
            result = _grounded(result, context, c)
        return result


@lru_cache(maxsize=4096)
def _combined(techniques: tuple[str, ...]) -> tuple[float, float]:
    """The techniques' effects combined (the same for the same techniques in the same order)."""
    return combine_effects([(t, TECHNIQUES[t].agitation, TECHNIQUES[t].rapport) for t in techniques])


def _result(text: str, found: Findings) -> Analysis:
    """The detections in original offsets, their techniques in order of appearance, and the effect."""
    canon = found.parsed.canon
    # each (technique, start, end) once, in order of start, longest first, then by technique
    keys: set[tuple[int, int, str]] = set()
    for tid, a, b, original in found.spans:
        s, e = (a, b) if original else canon.span(a, b)
        keys.add((s, -e, tid))
    # drop a detection nested inside another of the same technique
    kept: list[Detection] = []
    reach: dict[str, int] = {}  # the furthest end of each technique kept so far (all start at or before d)
    for s, neg_end, tid in sorted(keys):
        e = -neg_end
        far = reach.get(tid, -1)
        if e <= far:
            continue
        kept.append(Detection(tid, s, e, text[s:e]))
        reach[tid] = e
    techniques = list(dict.fromkeys(d.technique for d in kept))
    agitation, rapport = _combined(tuple(techniques))
    # the per-technique effect plus a small tone term that orders replies alike in technique
    t = tone(text, found.parsed.text, techniques)
    return Analysis(text, tuple(kept), tuple(techniques), round(agitation + t, 3), rapport, t, found.parsed)


def _grounded(result: Analysis, context: str, c: Compiled) -> Analysis:
    """The reflections' grounding in the subject's line: shared content words (stems, typos and
    other forms of their words, I/you swapped), or for a label the feeling their line names."""
    theirs = named_feelings(context)
    canon = result.parsed.canon if result.parsed is not None else None
    detections = []
    for d in result.detections:
        if d.technique in REFLECTIONS:
            cut = canon.text[canon.to_canonical(d.start):canon.to_canonical(d.end)] if canon is not None else None
            score = grounding(d.text, [context], c, canonical=cut).score
            if d.technique == "emotion_label" and (
                    named_feelings_in(cut) if cut is not None else named_feelings(d.text)) & theirs:
                score = 1.0
            d = replace(d, grounding=score)
        detections.append(d)
    return replace(result, detections=tuple(detections))


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text: str, context: str | None = None) -> Analysis:
    """Analyse one reply with the default banks."""
    return default_analyzer().analyze(text, context)
