"""The tone term: its markers are counted longest first without overlaps, and its quick checks
(a word set before the belittling search, a plain-letters search before the profanity one) never
skip a reply the full search would find."""

from __future__ import annotations

import re

import pytest

from simulator.language.text import canonicalize
from simulator.language.tone import _BELITTLE, _BELITTLING, _MARKERS, _PROFANE, _PROFANE_PART, _markers, tone


def _counts(text: str) -> dict[str, int]:
    return {k: v for k, v in _markers(canonicalize(text).text.split()).items() if v}


@pytest.mark.parametrize(("text", "counts"), [
    ("You should have called me.", {"blame": 1}),                       # "you should have", not "you should"
    ("If you had just listened", {"blame": 1}),
    ("Thank you, thanks.", {"polite": 2}),
    ("I said right now", {"force": 2}),                                   # "i said", then "right now", not "now"
    ("you should", {}),                                                   # no marker is only a start
    ("Could you maybe sit down because I think it would help", {"polite": 1, "hedge": 2, "reason": 1}),
    ("so we can so we can", {"reason": 2}),
])
def test_markers_count_the_longest_phrase_at_each_place(text, counts):
    assert _counts(text) == counts


def test_every_marker_is_found_alone_and_inside_a_sentence():
    for words, kind in _MARKERS.items():
        assert _markers(list(words))[kind] == 1, words
        assert _markers(["well", ",", *words, "."])[kind] >= 1, words


def test_a_belittling_address_needs_one_of_its_words():
    alternatives = re.search(r"\(\?:lady\|(.*?)\)", _BELITTLE.pattern).group(1).split("|")
    for phrase in ["lady", *alternatives]:
        assert phrase.split()[0] in _BELITTLING, phrase
        assert _BELITTLE.search(f"calm down , {phrase} .")
        assert tone(f"Calm down, {phrase}.", canonicalize(f"Calm down, {phrase}.").text, ()) > \
            tone("Calm down, please.", canonicalize("Calm down, please.").text, ())


@pytest.mark.parametrize("word", ["fuck", "fucking", "shitty", "damned", "goddamn", "hell", "ass", "asshole", "crap",
                                  "bloody", "bitches", "bastard", "pissed", "dick"])
def test_every_profane_word_passes_the_quick_check(word):
    text = f"what the {word} is this"
    assert _PROFANE.search(text)
    assert _PROFANE_PART.search(text)


def test_the_quick_profanity_check_is_only_a_first_look():
    # "class" and "hello" hold "ass" and "hell": the full search still decides
    assert _PROFANE_PART.search("hello class") and not _PROFANE.search("hello class")
