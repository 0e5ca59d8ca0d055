"""PhraseMatcher: scenario trigger phrases, fuzzy but word-aligned and negation-aware."""

from __future__ import annotations

import pytest

from simulator.language import PhraseMatcher


def test_short_phrase_needs_whole_words():
    m = PhraseMatcher(["arrest"])
    assert m.search("I just need a rest.") is None
    assert m.search("Take a rest, okay?") is None
    assert m.search("the arresting officer") is None or m.search("the arresting officer").score >= 88
    hit = m.search("I will arrest you")
    assert hit and (hit.start, hit.end, hit.score) == (7, 13, 100.0)


def test_negated_match_is_skipped_unless_asked():
    m = PhraseMatcher(["arrest you", "taking you to jail"])
    assert m.search("I'm not going to arrest you") is None
    assert m.search("Nobody is taking you to jail") is None
    hit = m.search("I'm not going to arrest you", include_negated=True)
    assert hit is not None and hit.negated
    assert m.search("If you don't stop I will arrest you").negated is False


def test_fuzzy_match_tolerates_typos_and_contractions():
    m = PhraseMatcher(["put the knife down", "you are not in trouble"])
    hit = m.search("sir plz put teh knife down")
    assert hit is not None and hit.phrase == "put the knife down" and hit.score >= 88
    text = "listen, you're not in trouble"
    hit = m.search(text)
    assert hit is not None and text[hit.start:hit.end] == "you're not in trouble"


def test_span_is_original_text():
    m = PhraseMatcher(["calm down"])
    text = "Hey!!  CALM   DOWN, man"
    hit = m.search(text)
    assert text[hit.start:hit.end] == "CALM   DOWN"


def test_best_match_wins_and_long_replies_work():
    m = PhraseMatcher(["your dog", "they took your dog"])
    text = ("Okay. " * 60) + "So they took your dog last night?"
    hit = m.search(text)
    assert hit.phrase == "they took your dog"
    assert text[hit.start:hit.end] == "they took your dog"


def test_empty_inputs():
    assert PhraseMatcher([]).search("anything") is None
    assert PhraseMatcher(["x y z"]).search("") is None
    assert len(PhraseMatcher(["a", "b"])) == 2


@pytest.mark.parametrize("phrase, text", [
    ("have you eaten", "Have you been drinking?"),
    ("you're shaking", "You're saying that again."),
    ("be on your way", "you were on your way to work"),
])
def test_fuzzy_match_is_for_typos_not_for_other_words(phrase, text):
    assert PhraseMatcher([phrase]).search(text) is None


def test_fuzzy_match_still_forgives_typos_in_content_words():
    assert PhraseMatcher(["have you eaten"]).search("hve you eatn today?") is not None
    assert PhraseMatcher(["hearing voices"]).search("are you hearing voises") is not None


def test_a_fuzzy_match_never_swaps_a_word_that_carries_meaning():
    m = PhraseMatcher(["take your son", "put the bat down"])
    assert m.search("Can I see your son and check he's okay?") is None
    assert m.search("could you put that bat down") is not None  # an article may differ
    hit = m.search("he said they would take yuor son")  # letters swapped in typing
    assert hit is not None and hit.phrase == "take your son"


def test_a_fuzzy_match_never_swaps_a_preposition_or_a_quantifier():
    from simulator.language import PhraseMatcher

    assert PhraseMatcher(["any sugar on you"]).search("Let's get some sugar in you.") is None
    assert PhraseMatcher(["on anything"]).search("Are you diabetic or anything like that?") is None
    assert PhraseMatcher(["have some sugar"]).search("Do you have any sugar?") is None
    assert PhraseMatcher(["put the bat down"]).search("Put that bat down for me.") is not None
