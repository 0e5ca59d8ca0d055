"""The technique catalogue (DESIGN 3.3): ids, titles, polarity, default effects, tips."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.language.banks import technique_specs
from simulator.vocabulary import NEGATIVE_TECHNIQUES, POLARITY, POSITIVE_TECHNIQUES, Polarity


@dataclass(frozen=True)
class TechniqueInfo:
    id: str
    title: str
    polarity: Polarity
    agitation: float       # default effect on agitation (0-100 scale)
    rapport: float         # default effect on rapport (0-100 scale)
    deescalating: bool     # counts as a de-escalating move
    tip: str               # one-line coaching tip


def _load() -> dict[str, TechniqueInfo]:
    return {tid: TechniqueInfo(tid, s.title, POLARITY[tid], s.agitation, s.rapport, s.deescalating, s.tip)
            for tid, s in technique_specs().items()}


TECHNIQUES: dict[str, TechniqueInfo] = _load()
POSITIVE: frozenset[str] = frozenset(POSITIVE_TECHNIQUES)
NEGATIVE: frozenset[str] = frozenset(NEGATIVE_TECHNIQUES)

#: a positive contribution keeps this share of its effect when the same reply
#: also orders, threatens, insults... (empathy inside an insult does not land)
NEGATIVE_DAMPING = 0.25
#: the k-th strongest positive technique in one reply counts this much
POSITIVE_WEIGHTS = (1.0, 0.8, 0.6, 0.5)


def combine_effects(effects: list[tuple[str, float, float]]) -> tuple[float, float]:
    """Combine (technique, agitation, rapport) per technique present in one reply.

    Negative techniques add up in full.  Positive and neutral ones add up with
    diminishing weight (strongest first), and are damped when any negative
    technique is present.  Unknown ids count by the sign of their agitation.
    """
    negative = [(a, r) for t, a, r in effects
                if (TECHNIQUES[t].polarity == "negative" if t in TECHNIQUES else a > 0)]
    positive = [(a, r) for t, a, r in effects
                if not (TECHNIQUES[t].polarity == "negative" if t in TECHNIQUES else a > 0)]
    agitation = sum(a for a, _ in negative)
    rapport = sum(r for _, r in negative)
    damp = NEGATIVE_DAMPING if negative else 1.0
    pa = sorted((a for a, _ in positive), key=lambda v: -abs(v))
    pr = sorted((r for _, r in positive), key=lambda v: -abs(v))
    for k, value in enumerate(pa):
        agitation += value * POSITIVE_WEIGHTS[min(k, len(POSITIVE_WEIGHTS) - 1)] * damp
    for k, value in enumerate(pr):
        rapport += value * POSITIVE_WEIGHTS[min(k, len(POSITIVE_WEIGHTS) - 1)] * damp
    return round(agitation, 3), round(rapport, 3)


__all__ = ["NEGATIVE", "POSITIVE", "TECHNIQUES", "TechniqueInfo", "combine_effects"]
