"""How a reply's techniques move agitation and rapport (DESIGN 3.2 step 2).

The default numbers and the way several techniques combine belong to the language
layer; this module applies the scenario's overrides and the modulation rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.variants import Personality
from simulator.language import TECHNIQUES, combine_effects
from simulator.scenario import Scenario

#: In these bands de-escalating moves land less well ...
POSITIVE_DAMPING = {"hostile": 0.55, "crisis": 0.35}
#: ... and hostile moves land harder (insults and threats hardest).
NEGATIVE_BOOST = {"hostile": 1.3, "crisis": 1.5}
HARSH = frozenset({"insult", "threat"})
HARSH_EXTRA = 1.25
#: Advice before this much rapport is unwelcome.
ADVICE_MIN_RAPPORT = 30.0
#: Reflections: their words given back earn the full effect; a reflection that could be said
#: to anyone earns this share of it.
UNGROUNDED_SHARE = 0.25
#: A label that names a feeling they do not have: a small cost (agitation, rapport).
MISLABEL = (3.0, -2.0)


def rapport_amplifier(rapport: float) -> float:
    """Empathy lands better once trusted: x0.75 with no rapport up to x1.4 at full."""
    return 0.75 + 0.65 * rapport / 100.0


def rapport_headroom(rapport: float) -> float:
    """Trust is slower to gain the more of it there already is (x1 at none, x0.4 at full)."""
    return 1.0 - 0.6 * rapport / 100.0


def streak_factor(streak: int, patience: int) -> float:
    """Diminishing returns for the same technique turn after turn (never below 0.2)."""
    return max(0.2, 1.0 - streak / (patience + 1))


def echo_factor(near_repeats: int) -> float:
    """A near-identical line earns less, then costs: 1, 0.4, 0, -0.4, -0.8, -1."""
    if near_repeats <= 0:
        return 1.0
    return max(-1.0, 0.8 - 0.4 * near_repeats)


@dataclass(frozen=True)
class TechniqueEffect:
    technique: str
    agitation: float
    rapport: float
    rule: str  # a short note of which rules shaped the number, for the transcript
    grounding: float | None = None


def base_effect(scenario: Scenario, technique: str, phase: str, band: str) -> tuple[float, float, str]:
    """The scenario's most specific override, else the language default."""
    best = None
    best_rank = -1
    for ov in scenario.effects:
        if ov.technique != technique:
            continue
        if ov.phases is not None and phase not in ov.phases:
            continue
        if ov.bands is not None and band not in ov.bands:
            continue
        rank = (ov.phases is not None) + (ov.bands is not None)
        if rank > best_rank:
            best, best_rank = ov, rank
    if best is not None:
        return best.agitation, best.rapport, "scenario"
    info = TECHNIQUES[technique]
    return info.agitation, info.rapport, "default"


def grounded_share(grounding: float) -> float:
    """The share of a reflection's effect its grounding earns."""
    return UNGROUNDED_SHARE + (1.0 - UNGROUNDED_SHARE) * max(0.0, min(1.0, grounding))


def mislabel_effect(technique: str, personality: Personality) -> TechniqueEffect:
    """A label that names a feeling they do not have costs a little."""
    return TechniqueEffect(technique, MISLABEL[0] * personality.volatility, MISLABEL[1], "mislabel", 0.0)


def technique_effect(scenario: Scenario, technique: str, *, phase: str, band: str, rapport: float,
                     streak: int, near_repeats: int, personality: Personality,
                     grounding: float | None = None) -> TechniqueEffect:
    """``grounding`` (0-1) is given for reflections: how much of it came from this person."""
    agitation, gain, source = base_effect(scenario, technique, phase, band)
    notes = [source]
    if technique == "advice" and rapport < ADVICE_MIN_RAPPORT and source == "default":
        agitation, gain = 3.0, -2.0
        notes.append("advice-before-rapport")
    if agitation <= 0 and gain >= 0:  # a helpful move
        factor = rapport_amplifier(rapport) * POSITIVE_DAMPING.get(band, 1.0)
        factor *= personality.receptiveness
        factor *= streak_factor(streak, personality.patience)
        echo = echo_factor(near_repeats)
        if streak:
            notes.append(f"streak{streak}")
        if near_repeats:
            notes.append(f"repeat{near_repeats}")
        if grounding is not None:
            factor *= grounded_share(grounding)
            notes.append(f"grounded{grounding:.2f}")
        if echo >= 0:
            factor *= echo
            return TechniqueEffect(technique, agitation * factor, gain * factor * rapport_headroom(rapport),
                                   "+".join(notes), grounding)
        # Saying the same thing again and again now costs.
        cost = -echo
        return TechniqueEffect(technique, abs(agitation) * cost * personality.volatility,
                               -abs(gain) * cost, "+".join(notes), grounding)
    # A hurtful (or neutral-but-costly) move.
    factor = personality.volatility * NEGATIVE_BOOST.get(band, 1.0)
    if technique in HARSH and band in NEGATIVE_BOOST:
        factor *= HARSH_EXTRA
    if near_repeats:
        factor *= 1.0 + 0.2 * near_repeats
        notes.append(f"repeat{near_repeats}")
    return TechniqueEffect(technique, agitation * factor, gain, "+".join(notes), grounding)


def combine(effects: list[TechniqueEffect]) -> tuple[float, float]:
    return combine_effects([(e.technique, e.agitation, e.rapport) for e in effects])
