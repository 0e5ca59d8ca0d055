"""Default effects: validating and asking calms; ordering, threatening, dismissing, siding inflame."""

from __future__ import annotations

import pytest

from simulator.language import TECHNIQUES, analyze, combine_effects


@pytest.mark.parametrize("text", [
    "It sounds like you're really scared. Can you tell me what happened?",
    "That must be so frustrating. What's going on?",
    "I can see you're upset. Help me understand.",
])
def test_validate_and_ask_lowers_agitation(text):
    assert analyze(text).agitation_delta < 0 and analyze(text).rapport_delta > 0


@pytest.mark.parametrize("text", [
    "Put the knife down now!",
    "If you don't stop I'll arrest you.",
    "Calm down, it's not a big deal.",
    "Your wife is right, you shouldn't have been drinking.",
    "Shut up, you idiot.",
])
def test_order_threat_dismissal_sides_raise_agitation(text):
    assert analyze(text).agitation_delta > 0 and analyze(text).rapport_delta < 0


def test_empathy_inside_an_insult_does_not_land():
    alone = combine_effects([("insult", 18, -15)])
    mixed = combine_effects([("insult", 18, -15), ("emotion_label", -6, 6)])
    assert mixed[0] > alone[0] - 6 and mixed[0] < alone[0]
    assert mixed[0] > 0


def test_combination_sums_negatives_and_diminishes_positives():
    assert combine_effects([]) == (0, 0)
    assert combine_effects([("threat", 15, -12), ("command", 6, -4)]) == (21, -16)
    two = combine_effects([("emotion_label", -6, 6), ("open_question", -3, 3)])
    assert -9 < two[0] < -6


def test_engine_numbers_are_combined_not_defaults():
    assert combine_effects([("emotion_label", -2, 1)]) == (-2, 1)


def test_better_reply_ranks_lower():
    pairs = [
        ("I can see you're upset. What happened?", "Calm down and tell me what happened."),
        ("Can you put the knife down for me so we can talk?", "Drop the knife or I'll shoot."),
        ("You're not in trouble. I just want to make sure you're okay.", "You're going to jail."),
        ("Take your time.", "Hurry up, I don't have all night."),
    ]
    for better, worse in pairs:
        assert analyze(better).agitation_delta < analyze(worse).agitation_delta, (better, worse)


def test_every_technique_has_a_default_effect():
    for info in TECHNIQUES.values():
        assert -30 <= info.agitation <= 30 and -30 <= info.rapport <= 30
