"""PhraseIndex: many owners' phrases (a scenario's topics, triggers, cues; the banks' techniques)
searched in one pass over a reply, with the same answers as searching each owner on its own, and
a reply's sentences searched apart with the same answers as searching each sentence's own text."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from simulator.language import PhraseIndex, PhraseMatcher, parse
from simulator.scenario import load_scenario, scenario_files

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [load_scenario(p).scenario for p in scenario_files([ROOT / "scenarios"])]


def _replies() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "tests/data/natural/dev.jsonl").read_text().splitlines() if line]
    texts = [r["utterance"] for r in rows]
    rng = random.Random(7)
    typed = []
    for t in texts[:120]:  # the same replies typed in a hurry: a letter dropped, two swapped
        chars = list(t)
        for _ in range(3):
            i = rng.randrange(1, max(2, len(chars) - 2))
            if chars[i].isalpha() and chars[i + 1].isalpha():
                if rng.random() < .5:
                    del chars[i]
                else:
                    chars[i], chars[i + 1] = chars[i + 1], chars[i]
        typed.append("".join(chars))
    return texts + typed


REPLIES = _replies()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_one_pass_for_all_topics_finds_what_each_topic_alone_finds(scenario):
    owners = [t.phrases for t in scenario.all_topics()]
    together = PhraseIndex(owners, inflect=True)
    alone = [PhraseIndex([phrases], inflect=True) for phrases in owners]
    hits = 0
    for text in REPLIES:
        for include_negated in (False, True):
            got = together.search(text, include_negated)
            want = [a.search(text, include_negated)[0] for a in alone]
            assert got == want, text
            hits += sum(g is not None for g in got)
    assert hits > 50  # the replies do name the scenarios' topics


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_sentences_searched_in_one_pass_match_each_sentence_searched_alone(scenario):
    index = PhraseIndex([t.phrases for t in scenario.all_topics()], inflect=True)
    sentence = re.compile(r"[^.!?]+[.!?]*")
    compared = 0
    for text in REPLIES:
        parsed = parse(text)
        spans = [(m.start(), m.end()) for m in sentence.finditer(text) if m.group().strip()]
        ranges = []
        for start, end in spans:
            c0, c1 = parsed.canon.to_canonical(start), parsed.canon.to_canonical(end)
            ranges.append((sum(s < c0 for s in parsed.starts), sum(s < c1 for s in parsed.starts)))
        for (start, end), got in zip(spans, index.search_ranges(parsed, ranges, include_negated=True), strict=True):
            alone = index.search(text[start:end], include_negated=True)
            want = [None if m is None else (m.phrase, m.start + start, m.end + start, m.negated) for m in alone]
            assert [None if m is None else (m.phrase, m.start, m.end, m.negated) for m in got] == want, text
            compared += 1
    assert compared > 300


@pytest.mark.parametrize("text", ["areyou hearing voices?", "are you hearingvoices", "Are you hearing voises?"])
def test_two_words_run_together_or_a_typo_still_match(text):
    hit = PhraseMatcher(["are you hearing voices"]).search(text)
    assert hit is not None and hit.phrase == "are you hearing voices" and hit.score >= 93


def test_a_split_word_still_matches_but_a_different_word_does_not():
    m = PhraseMatcher(["have you eaten anything"])
    assert m.search("have you eaten any thing today") is not None
    assert m.search("have you beaten anyone today") is None


def test_other_forms_of_a_word_are_found_exactly():
    m = PhraseMatcher(["kill yourself", "eat today"], inflect=True)
    text = "Have you been thinking about killing yourself?"
    hit = m.search(text)
    assert hit is not None and hit.phrase == "kill yourself" and hit.score == 100.0
    assert text[hit.start:hit.end] == "killing yourself"
    assert m.search("Did you eat today?") is not None
    assert PhraseMatcher(["kill yourself"]).search(text) is None  # without inflect, only typos


def test_a_phrase_is_found_anywhere_in_a_long_reply_in_the_order_typed():
    m = PhraseIndex([["hearing voices"], ["put the knife down"]])
    filler = "I'm here and I'm listening to you, take your time. " * 40
    text = filler + "Are you hearing voises? " + filler + "Could you put teh knife down for me?"
    voices, knife = m.search(text)
    assert voices is not None and text[voices.start:voices.end] == "hearing voises"
    assert knife is not None and text[knife.start:knife.end] == "put teh knife down"


def test_the_earlier_of_two_equal_matches_wins_and_a_negated_one_is_skipped():
    m = PhraseMatcher(["arrest you"])
    text = "I'm not going to arrest you. But if you swing that bat I will arrest you."
    hit = m.search(text)
    assert hit is not None and not hit.negated and hit.start == text.rindex("arrest you")
    first = m.search(text, include_negated=True)
    assert first is not None and first.negated and first.start == text.index("arrest you")
