"""What varies from seed to seed within the author's bounds: drawn once, before the first line.

The draw has its own random stream, so the subject's lines are drawn exactly as they
would be without variants, and a pinned dimension (a walkthrough's `variant:`) leaves
the others as the seed would draw them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.scenario.model import Scenario


@dataclass(frozen=True)
class Personality:
    volatility: float
    receptiveness: float
    patience: int


@dataclass(frozen=True)
class Drawn:
    variant: dict[str, str]
    """Dimension id -> option id."""
    flags: frozenset[str]
    agitation: float
    rapport: float
    personality: Personality
    descriptions: dict[str, str] = field(default_factory=dict)
    others: dict[str, tuple[float, float, Personality]] = field(default_factory=dict)
    """A scene's other people (all but the first): start agitation, rapport and personality."""


def _value(rng: random.Random, value: float | tuple[float, float]) -> float:
    """A number as written, or one drawn from a [low, high] range (to one decimal)."""
    if isinstance(value, tuple):
        low, high = sorted(value)
        return round(rng.uniform(low, high), 1)
    return float(value)


def draw(scenario: Scenario, seed: int, pinned: Mapping[str, str] | None = None) -> Drawn:
    """The variant, start state and personality of a session with this seed."""
    rng = random.Random(f"talkdown-variant:{seed}")
    pinned = dict(pinned or {})
    unknown = set(pinned) - {v.id for v in scenario.variants}
    if unknown:
        raise ValueError(f"no variant dimension called {', '.join(sorted(unknown))}")
    chosen: dict[str, str] = {}
    flags: set[str] = set()
    descriptions: dict[str, str] = {}
    lead = scenario.lead
    first = _Bounds.of(lead.start, lead.personality)
    bounds = {p.id: _Bounds.of(p.start, p.personality) for p in scenario.people[1:]}
    if scenario.people:
        bounds[scenario.people[0].id] = first
    for dim in scenario.variants:
        drawn_id = rng.choices([o.id for o in dim.options], weights=[o.weight for o in dim.options])[0]
        option_id = pinned.get(dim.id, drawn_id)
        option = next((o for o in dim.options if o.id == option_id), None)
        if option is None:
            raise ValueError(f"variant dimension '{dim.id}' has no option '{option_id}'")
        chosen[dim.id] = option.id
        descriptions[dim.id] = option.description
        flags.update(option.flags)
        first.override(option.start, option.personality)
        for person_id, change in option.people.items():
            if person_id in bounds:  # the loader refuses an unknown id (TD114)
                bounds[person_id].override(change.start, change.personality)
    return Drawn(variant=chosen, flags=frozenset(flags), agitation=_value(rng, first.agitation),
                 rapport=_value(rng, first.rapport),
                 personality=Personality(_value(rng, first.volatility), _value(rng, first.receptiveness),
                                         first.patience),
                 descriptions=descriptions, others=_others(scenario, seed, bounds))


@dataclass
class _Bounds:
    """One person's start and personality as written, then as the drawn options change them."""

    agitation: float | tuple[float, float]
    rapport: float | tuple[float, float]
    volatility: float | tuple[float, float]
    receptiveness: float | tuple[float, float]
    patience: int

    @classmethod
    def of(cls, start, personality) -> _Bounds:
        return cls(start.agitation, start.rapport, personality.volatility, personality.receptiveness,
                   personality.patience)

    def override(self, start, personality) -> None:
        if start is not None:
            self.agitation = start.agitation if start.agitation is not None else self.agitation
            self.rapport = start.rapport if start.rapport is not None else self.rapport
        if personality is not None:
            p = personality
            self.volatility = p.volatility if p.volatility is not None else self.volatility
            self.receptiveness = p.receptiveness if p.receptiveness is not None else self.receptiveness
            self.patience = p.patience if p.patience is not None else self.patience


def _others(scenario: Scenario, seed: int,
            bounds: Mapping[str, _Bounds]) -> dict[str, tuple[float, float, Personality]]:
    """Each other person's start and personality, each from a stream of their own (so adding a
    person changes nothing drawn for the others), within the bounds the drawn options set."""
    out: dict[str, tuple[float, float, Personality]] = {}
    for person in scenario.people[1:]:
        rng = random.Random(f"talkdown-variant:{seed}:{person.id}")
        b = bounds[person.id]
        out[person.id] = (_value(rng, b.agitation), _value(rng, b.rapport),
                          Personality(_value(rng, b.volatility), _value(rng, b.receptiveness), b.patience))
    return out
