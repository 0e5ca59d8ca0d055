"""Each modulation rule of DESIGN 3.2, on the effect function and through a Session."""

from __future__ import annotations

import itertools

import pytest

from simulator.engine.effects import base_effect, technique_effect
from simulator.engine.variants import Personality
from simulator.language import TECHNIQUES

ORDINARY = Personality(volatility=1.0, receptiveness=1.0, patience=3)


def eff(tiny, technique, **kw):
    args = dict(phase="upset", band="agitated", rapport=20.0, streak=0, near_repeats=0, personality=ORDINARY)
    args.update(kw)
    return technique_effect(tiny.scenario, technique, **args)


def test_rapport_amplifies_positive_effects(tiny):
    low = eff(tiny, "emotion_label", rapport=5)
    high = eff(tiny, "emotion_label", rapport=80)
    assert high.agitation < low.agitation < 0


def test_trust_is_slower_to_gain_when_already_high(tiny):
    low = eff(tiny, "emotion_label", rapport=5)
    high = eff(tiny, "emotion_label", rapport=90)
    assert low.rapport > high.rapport > 0


def test_positive_effects_shrink_in_the_hostile_band(tiny):
    agitated = eff(tiny, "emotion_label", band="agitated")
    hostile = eff(tiny, "emotion_label", band="hostile")
    crisis = eff(tiny, "emotion_label", band="crisis")
    assert agitated.agitation < hostile.agitation < crisis.agitation < 0


def test_threat_raises_agitation_more_when_hostile(tiny):
    assert eff(tiny, "threat", band="hostile").agitation > eff(tiny, "threat", band="tense").agitation > 0


def test_insults_and_threats_weigh_more_than_other_negatives_when_hostile(tiny):
    def boost(t):
        return eff(tiny, t, band="hostile").agitation / eff(tiny, t, band="tense").agitation
    assert boost("insult") > boost("dismissal")
    assert boost("threat") > boost("jargon")


def test_same_technique_turn_after_turn_earns_less(tiny):
    values = [eff(tiny, "open_question", streak=n).agitation for n in range(5)]
    assert values[0] < values[1] < values[2] < 0
    assert values == sorted(values)


def test_near_identical_line_earns_less_then_costs(tiny):
    fresh = eff(tiny, "emotion_label", near_repeats=0)
    once = eff(tiny, "emotion_label", near_repeats=1)
    twice = eff(tiny, "emotion_label", near_repeats=2)
    thrice = eff(tiny, "emotion_label", near_repeats=3)
    assert fresh.agitation < once.agitation < 0
    assert twice.agitation == 0
    assert thrice.agitation > 0 and thrice.rapport < 0


def test_scenario_override_most_specific_wins(tiny):
    s = tiny.scenario
    assert base_effect(s, "command", "upset", "agitated")[:2] == (10, -5)
    assert base_effect(s, "command", "upset", "hostile")[:2] == (20, -5)
    assert base_effect(s, "command", "settled", "hostile")[:2] == (10, -5)
    info = TECHNIQUES["emotion_label"]
    assert base_effect(s, "emotion_label", "upset", "calm") == (info.agitation, info.rapport, "default")


def test_advice_before_rapport_costs(tiny):
    early = eff(tiny, "advice", rapport=5)
    late = eff(tiny, "advice", rapport=60)
    assert early.agitation > 0 and early.rapport < 0
    assert late.agitation <= 0


def test_volatility_scales_rises(tiny):
    base = eff(tiny, "insult", band="tense")
    hot = eff(tiny, "insult", band="tense", personality=Personality(volatility=2.0, receptiveness=1.0, patience=3))
    assert hot.agitation == pytest.approx(2 * base.agitation)


# Through a whole Session ---------------------------------------------------------------

def test_validating_reply_lowers_and_command_raises_agitation(session):
    start = session.facts.agitation
    session.reply("It sounds like you're really frustrated.")
    after_empathy = session.facts.agitation
    session.reply("Stop shouting and step away from the meter right now.")
    assert after_empathy < start
    assert session.facts.agitation > after_empathy


def test_repeating_the_same_line_is_noticed_and_costs(session):
    line = "I can see you're really frustrated."
    first = session.reply(line)
    drops = []
    for _ in range(4):
        events = session.reply(line)
        drops.append(next(e for e in events if e.event == "analysis").agitation_delta)
    said = [e.text for e in events if e.event == "subject"]
    assert said and said[0] in ("You keep saying that.", "You already said that.",
                                "Are you even listening? You keep saying the same thing.")
    assert next(e for e in first if e.event == "analysis").agitation_delta < 0
    assert drops[-1] > 0  # by the fifth time it costs


def test_turn_without_deescalation_drifts_towards_baseline(tiny):
    from simulator.engine import Session

    s = Session(tiny, seed=1)
    s.start()
    s.facts.agitation = 30.0  # below the phase baseline of 60
    s.reply("apples and engines")  # a turn with nothing de-escalating in it
    assert s.facts.agitation == pytest.approx(30 + (60 - 30) * 0.2, abs=0.01)
    s.facts.agitation = 90.0  # and from above
    s.reply("rivers and ladders")
    assert s.facts.agitation == pytest.approx(90 - (90 - 60) * 0.2, abs=0.01)


def test_waiting_eases_towards_calm_less_each_time_in_a_row(tiny):
    from simulator.engine import Session

    s = Session(tiny, seed=1)
    s.start()
    s.facts.agitation = 50.0  # below the phase baseline: a plain turn would drift up
    levels = [50.0]
    for _ in range(3):
        s.reply("/wait")
        levels.append(s.facts.agitation)
    drops = [a - b for a, b in itertools.pairwise(levels)]
    assert all(d > 0 for d in drops) and drops[0] > drops[1] > drops[2]
    assert drops[0] == pytest.approx((50 - 15) * 0.15, abs=0.01)


def test_in_a_medical_emergency_waiting_makes_things_worse(tiny):
    from simulator.engine import Session

    medical = tiny.scenario.model_copy(update={"time": tiny.scenario.time.model_copy(update={"worsens_by": 4.0})})
    s = Session(medical, seed=1)
    s.start()
    before = s.facts.agitation
    s.reply("/wait")
    assert s.facts.agitation == pytest.approx(before + 4.0)


def test_once_the_emergency_is_treated_waiting_eases_again(tiny):
    from simulator.engine import Session
    from simulator.scenario.model import Condition

    rules = tiny.scenario.time.model_copy(update={"worsens_by": 4.0, "worsens_when": Condition(no_flag="treated")})
    s = Session(tiny.scenario.model_copy(update={"time": rules}), seed=1)
    s.start()
    s.facts.agitation = 50.0
    s.reply("/wait")
    assert s.facts.agitation == pytest.approx(54.0)  # untreated: worse
    s.facts.flags.add("treated")
    s.reply("/wait")
    assert s.facts.agitation < 54.0  # treated: time calms him again


def test_a_deescalating_turn_does_not_drift(tiny):
    from simulator.engine import Session

    s = Session(tiny, seed=1)
    s.start()
    s.facts.agitation = 30.0
    s.reply("/step-back")
    assert s.facts.agitation == pytest.approx(25.0)


def test_negated_trigger_phrase_does_not_fire(session):
    events = session.reply("I'm not going to arrest you.")
    assert not [e for e in events if e.event == "trigger" and e.id == "arrest"]
    events = session.reply("Keep it up and I will arrest you.")
    assert [e for e in events if e.event == "trigger" and e.id == "arrest"]
    assert subject_lines_of(events) == ["Arrest me? For a parking meter?!"]


def subject_lines_of(events):
    return [e.text for e in events if e.event == "subject"]
