"""Grounding: how much a reflection gives back of what this person said or showed."""

from __future__ import annotations

from simulator.language.grounding import content_words, grounding, named_feelings

SAID = ["They're in the lights, humming, recording. They whisper that the agency is coming for me."]


def test_their_own_words_ground_a_reflection():
    g = grounding("So the lights are recording you, and the agency is coming.", SAID)
    assert g.score == 1.0 and {"light", "record", "agency"} <= set(g.shared)


def test_a_textbook_line_that_fits_anyone_grounds_nothing():
    assert grounding("So what you're saying is that things have been really hard.", SAID).score == 0.0


def test_other_forms_and_typos_of_their_words_count():
    shown = ["Up close his face is grey and slick with sweat, though it is a cold afternoon."]
    assert grounding("You're sweating a lot.", shown).score > 0
    assert grounding("So the lihgts are recordng you.", SAID).score == 1.0


def test_a_real_word_is_never_corrected_into_another():
    assert "sweat" in content_words("You're sweating.")
    assert "swear" not in content_words("You're sweating.")


def test_a_label_is_read_for_the_feelings_it_names():
    assert "fear" in named_feelings("You sound really scared.")
    assert "anger" in named_feelings("You seem furious.")
    assert named_feelings("You sound upset.") == frozenset()  # broad: never wrong, never specific
