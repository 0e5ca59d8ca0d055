"""PhraseIndex.search_ranges: several ranges of a text searched in one pass give, range by range,
exactly what searching that range on its own gives (the same matches, spans, scores and ties), with
typos, split and run-together words, and phrases that run across the ranges' edges."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from simulator.language import PhraseIndex, PhraseMatcher, parse
from simulator.language.parse import parse_canonical
from simulator.language.text import canonicalize
from simulator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
KNIFE = load_scenario(ROOT / "scenarios/knife-self-harm-street.yaml").scenario
SENTENCE = re.compile(r"[^.!?]+[.!?]*")

#: replies with typos, words split or run together, phrases cut by a sentence's end ("put the. knife
#: down"), negated ones, and phrases at the very start and end of the text
TEXTS = [
    "Put the. Knife down for me? I'm not going to hurt you. Have you hurt yourself tonight?",
    "areyou hearing voices right now? What are the voises telling you. Are you hearing. Voices?",
    "Could you put teh knife down. Down on the ground, please? Drop it. Is anyone else hurt?",
    "Have you been thinking about killing yourself? You don't have to tell me. Did you cut yourself?",
    "any thing you need, just ask. Have you eaten any thing today? When did you last eat something",
    "I won't put the cuffs on you. Nobody is in trouble here. Would you be willing to put the knife down",
    "Can I call someone for you? Is there somebody I can call. Someone who can come and sit with you?",
    "put the knife down put the knife down. put teh knife. down now. knife down please?",
    "Please put the. Knife down, put it down. Get down, put the knife. Down on the floor.",
    "Are you safe, is anyone hurting you? Did someone hurt you. Has he ever threatened to kill you?",
    "That's rough. im sorry. sounds like youve had a realy long week, whats going on with the voices?",
]


def _typed(text: str, seed: int) -> str:
    """The text typed in a hurry: here and there a letter dropped or two swapped."""
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(len(chars) // 15):
        i = rng.randrange(1, len(chars) - 2)
        if chars[i].isalpha() and chars[i + 1].isalpha():
            if rng.random() < .5:
                del chars[i]
            else:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


TEXTS += [_typed(t, seed) for seed, t in enumerate(TEXTS)]


def _ranges(text: str) -> list[tuple[int, int]]:
    """The word ranges of the text's sentences."""
    parsed = parse(text)
    out = []
    for m in SENTENCE.finditer(text):
        if m.group().strip():
            c0, c1 = parsed.canon.to_canonical(m.start()), parsed.canon.to_canonical(m.end())
            out.append((sum(s < c0 for s in parsed.starts), sum(s < c1 for s in parsed.starts)))
    return out


def _found(matches):
    return [None if m is None else (m.phrase, m.start, m.end, m.score, m.negated, m.weight) for m in matches]


def _alone(index: PhraseIndex, text: str, span: tuple[int, int], include_negated: bool):
    """One range searched on its own, in a fresh reading of the text (nothing shared with other searches)."""
    return _found(index.search_ranges(parse_canonical(canonicalize(text)), [span], include_negated)[0])


def _indexes() -> list[PhraseIndex]:
    return [PhraseIndex([t.phrases for t in KNIFE.all_topics()], inflect=True),
            PhraseIndex([t.phrases for t in KNIFE.triggers]),
            PhraseIndex([["put the knife down"], ["are you hearing voices"], ["have you eaten anything"],
                         ["hurt yourself", "kill yourself"], ["someone you can call", "call someone"],
                         ["that is all", "do that"], ["any thing"]])]


INDEXES = _indexes()


@pytest.mark.parametrize("include_negated", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_ranges_searched_together_match_each_range_searched_alone(text, include_negated):
    n = len(parse(text).words)
    sentences = _ranges(text)
    pairs = [(a, b) for (a, _), (_, b) in itertools.pairwise(sentences)]  # two sentences at once
    rng = random.Random(text)
    loose = [tuple(sorted((rng.randrange(n + 1), rng.randrange(n + 1)))) for _ in range(6)]  # overlapping, empty
    for index in INDEXES:
        for ranges in (sentences, sentences[::-1], pairs, loose, [(0, n), *sentences], [(0, 0), (n, n)]):
            got = index.search_ranges(parse_canonical(canonicalize(text)), ranges, include_negated)
            assert [_found(g) for g in got] == [_alone(index, text, r, include_negated) for r in ranges], ranges


def test_the_ranges_find_something_to_compare():
    """The texts do hold fuzzy and exact matches, in several sentences, and across their edges."""
    scores = []
    for text in TEXTS:
        for index in INDEXES:
            for found in index.search_ranges(parse(text), _ranges(text), include_negated=True):
                scores += [m.score for m in found if m is not None]
    assert sum(s == 100.0 for s in scores) > 20 and sum(s < 100.0 for s in scores) > 10


@pytest.mark.parametrize("text", ["Please put the. Knife down, put it down.",
                                  "Get down, put the knife. Down on the floor."])
def test_a_phrase_cut_by_a_sentence_end_is_found_in_the_whole_text_only(text):
    """Not in either sentence, though the second has all its words (a window from the key word
    reaches back into the first sentence, or on into the next)."""
    index = PhraseIndex([["put the knife down"]])
    whole = index.search(text)[0]
    assert whole is not None and "." in text[whole.start:whole.end]
    assert index.search_ranges(parse(text), _ranges(text)) == [[None], [None]]


def test_a_range_keeps_its_exact_match_while_another_range_has_only_a_fuzzy_one():
    index = PhraseIndex([["put the knife down"]])
    text = "Put teh knife down. Put the knife down."
    first, second = index.search_ranges(parse(text), _ranges(text))
    assert first[0] is not None and first[0].score < 100.0 and text[first[0].start:first[0].end] == "Put teh knife down"
    assert second[0] is not None and second[0].score == 100.0 and second[0].start == text.rindex("Put")


@pytest.mark.parametrize("text", ["anything you need", "you need any thing", "areyou hearing voices",
                                  "are you hearing voicess", "have you eaten any thing"])
def test_windows_at_either_end_of_a_text_are_compared(text):
    """A window from the first word, or ending at the last, one word longer or shorter than the phrase."""
    phrases = {"anything you need": "anything you need", "you need any thing": "you need anything",
               "areyou hearing voices": "are you hearing voices", "are you hearing voicess": "are you hearing voices",
               "have you eaten any thing": "have you eaten anything"}
    hit = PhraseMatcher([phrases[text]]).search(text)
    assert hit is not None and (hit.start, hit.end) == (0, len(text))


def test_a_window_a_word_longer_or_shorter_still_needs_a_near_exact_match():
    voices = PhraseMatcher(["are you hearing voices"])
    assert voices.search("areyou heerin voices") is None  # 90.5: a window as long as the phrase would do
    assert voices.search("areyou hearin voices") is not None  # 95.2
    assert PhraseMatcher(["are you hearing voices"], threshold=96).search("areyou hearin voices") is None
    assert PhraseMatcher(["have you eaten anything"]).search("have you eaten any thin today") is None
