"""Evaluation of the allowlisted guard conditions (scenario.model.Condition)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from simulator.scenario import Condition
from simulator.vocabulary import band_of


@dataclass
class Facts:
    """What a condition may look at: the subject's state and this turn's moves."""

    agitation: float
    rapport: float
    phase: str
    turn: int = 0
    turns_in_phase: int = 0
    flags: set[str] = field(default_factory=set)
    techniques_now: set[str] = field(default_factory=set)
    technique_counts: Counter = field(default_factory=Counter)
    cues_shown: dict[str, int] = field(default_factory=dict)
    cues_recognised: dict[str, int] = field(default_factory=dict)
    action_now: str | None = None
    variant: dict[str, str] = field(default_factory=dict)
    flag_turns: dict[str, int] = field(default_factory=dict)
    """The turn each flag was first set."""

    def note_flags(self) -> None:
        """Record the turn of every flag set since the last call."""
        for flag in self.flags:
            self.flag_turns.setdefault(flag, self.turn)


def holds(cond: Condition, f: Facts) -> bool:
    """True when every test written in ``cond`` holds."""
    tests = (
        (cond.all, lambda v: all(holds(c, f) for c in v)),
        (cond.any, lambda v: any(holds(c, f) for c in v)),
        (cond.not_, lambda v: not holds(v, f)),
        (cond.agitation_below, lambda v: f.agitation < v),
        (cond.agitation_at_least, lambda v: f.agitation >= v),
        (cond.rapport_below, lambda v: f.rapport < v),
        (cond.rapport_at_least, lambda v: f.rapport >= v),
        (cond.band, lambda v: band_of(f.agitation) in v),
        (cond.phase, lambda v: f.phase in v),
        (cond.flag, lambda v: v in f.flags),
        (cond.flags, lambda v: all(x in f.flags for x in v)),
        (cond.no_flag, lambda v: v not in f.flags),
        (cond.turn_at_least, lambda v: f.turn >= v),
        (cond.turns_in_phase_at_least, lambda v: f.turns_in_phase >= v),
        (cond.technique, lambda v: v in f.techniques_now),
        (cond.any_technique, lambda v: bool(set(v) & f.techniques_now)),
        (cond.technique_count_at_least, lambda v: f.technique_counts[v.technique] >= v.count),
        (cond.cue_shown, lambda v: v in f.cues_shown),
        (cond.cue_recognised, lambda v: v in f.cues_recognised),
        (cond.action, lambda v: f.action_now == v),
        (cond.variant, lambda v: all(f.variant.get(dim) in options for dim, options in v.items())),
        (cond.flag_for, lambda v: v.flag in f.flag_turns and f.turn - f.flag_turns[v.flag] >= v.turns),
    )
    return all(test(value) for value, test in tests if value is not None)
