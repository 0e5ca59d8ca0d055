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
    start = scenario.lead.start
    person = scenario.lead.personality
    agitation, rapport = start.agitation, start.rapport
    volatility, receptiveness, patience = person.volatility, person.receptiveness, person.patience
    for dim in scenario.variants:
        drawn_id = rng.choices([o.id for o in dim.options], weights=[o.weight for o in dim.options])[0]
        option_id = pinned.get(dim.id, drawn_id)
        option = next((o for o in dim.options if o.id == option_id), None)
        if option is None:
            raise ValueError(f"variant dimension '{dim.id}' has no option '{option_id}'")
        chosen[dim.id] = option.id
        descriptions[dim.id] = option.description
        flags.update(option.flags)
        if option.start is not None:
            agitation = option.start.agitation if option.start.agitation is not None else agitation
            rapport = option.start.rapport if option.start.rapport is not None else rapport
        if option.personality is not None:
            p = option.personality
            volatility = p.volatility if p.volatility is not None else volatility
            receptiveness = p.receptiveness if p.receptiveness is not None else receptiveness
            patience = p.patience if p.patience is not None else patience
    return Drawn(variant=chosen, flags=frozenset(flags), agitation=_value(rng, agitation),
                 rapport=_value(rng, rapport),
                 personality=Personality(_value(rng, volatility), _value(rng, receptiveness), patience),
                 descriptions=descriptions, others=_others(scenario, seed))


def _others(scenario: Scenario, seed: int) -> dict[str, tuple[float, float, Personality]]:
    """Each other person's start and personality, each from a stream of their own (so adding a
    person changes nothing drawn for the others; variants apply to the first person)."""
    out: dict[str, tuple[float, float, Personality]] = {}
    for person in scenario.people[1:]:
        rng = random.Random(f"talkdown-variant:{seed}:{person.id}")
        p = person.personality
        out[person.id] = (_value(rng, person.start.agitation), _value(rng, person.start.rapport),
                          Personality(_value(rng, p.volatility), _value(rng, p.receptiveness), p.patience))
    return out
