"""The cheap gates in front of the phrase-bank patterns change how fast a reply is read, never what
is found in it: the same reply read with every pattern tried everywhere finds the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.language.banks import _alternation
from simulator.language.compiled import (
    Compiled,
    default_compiled,
    gate_for,
    required_runs,
    required_text,
    runs_in_required_text,
)
from simulator.language.findings import Findings
from simulator.language.parse import parse_canonical
from simulator.language.patterns import find_patterns
from simulator.language.text import canonicalize

DATA = Path(__file__).resolve().parents[1] / "data"


def _replies() -> list[str]:
    out: list[str] = []
    for path in sorted([DATA / "language_dev.jsonl", *sorted((DATA / "natural").glob("*.jsonl"))]):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(row.get("utterance") or row.get("text") or "")
    # edge cases for the gates: numbers after common words, hyphens, apostrophes, line ends
    out += [
        "You're in violation of section 415.2, so move along.", "Under 148 you can be cited.",
        "You absolute idiot-brain.", "You're acting like an idiot's idiot", "I understand, I relate.",
        "i really understand\nwhy", "What an idiot", "Stop being such a drama-queen", "idiots everywhere",
        "That's a stupid idea, you moron.", "I can see where you're coming from.", "per 12 hours",
    ]
    return [r for r in out if r]


def _ungated(c: Compiled) -> Compiled:
    """The same patterns, each scanned over the whole reply."""
    clone = object.__new__(Compiled)
    clone.__dict__.update(c.__dict__)
    clone.start_index, clone.contains_index = {}, {}
    clone.scanned = list(range(len(c.patterns)))
    clone.gated, clone.needed_by = set(), {}
    clone._lookup_cache, clone._word_cache, clone._pair_cache, clone._pairs = {}, {}, {}, 0
    clone.scan_needs = {}
    clone._spaced_heads = None
    clone._longest_key = None
    return clone


def _spans(text: str, c: Compiled) -> list[tuple[str, int, int]]:
    found = Findings(parse_canonical(canonicalize(text, c.corrector)))
    find_patterns(found, c)
    return sorted({(tid, a, b) for tid, a, b, _original in found.spans})


def test_gated_patterns_find_what_scanning_every_pattern_finds():
    c = default_compiled()
    plain = _ungated(c)
    replies = _replies()
    assert len(replies) > 1000
    differ = [r for r in replies if _spans(r, c) != _spans(r, plain)]
    assert differ == []


def test_the_gates_are_selective():
    """Most patterns are tried only near a word they need (else the gates would buy nothing)."""
    c = default_compiled()
    assert len(c.scanned) <= 0.02 * len(c.patterns)
    assert len(c.gated) >= 0.4 * len(c.patterns)


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"\b(?:a|an) (?:idiot|moron)\b", {"idiot", "moron"}),
    (r"\bi (?:can |do )*(?:understand|relate)\s*[.!,]", {"understand", "relate"}),
    (r"\bi (?:can |do )*(?:understand|relate)", None),           # "understanding" would match
    (r"\bcalm (?:down|the fuck down) now", {"down", "the"}),    # each alternative's first word
    (r"(?:idiot|moron) you", None),                               # may start inside a word
    (r"\byou (?:stupid|dumb)(?:est)? fool", None),               # "stupidest": the group is not closed
])
def test_required_words_are_only_claimed_when_every_match_holds_one(pattern, needs):
    got = required_runs(pattern)
    assert (None if not got else set(got)) == needs
    if got:
        rx = re.compile(pattern)
        for text in ["you are an idiot", "i can understand.", "calm down now", "a moronic idea", "i do relate,"]:
            m = rx.search(text)
            if m:
                assert set(re.findall(r"[a-z0-9]+", m.group())) & got


def test_a_number_after_a_common_word_is_the_gate():
    kind, words = gate_for(r"\b(?:a|the|section) \d{3,5}\b")
    assert kind == "start"
    assert "the 4" in words and "section 1" in words and "the" not in words


def test_a_lexicon_written_as_a_trie_matches_the_longest_word_first():
    words = ["sad", "sadder", "saddest", "on edge", "on", "a-ok", "a"]
    rx = re.compile(r"\b" + _alternation(words) + r"\b")
    for w in words:
        assert rx.fullmatch(w), w
    assert rx.match("saddest day").group() == "saddest"
    assert rx.match("on edge").group() == "on edge"
    assert rx.search("so sadd") is None


@pytest.mark.parametrize(("pattern", "strings"), [
    (r"\bsome people (?:wait|get)\b|\b(?:hours?|days?) (?:is|was) nothing\b", {"some people ", " nothing"}),
    (r"(?:^|\s)" + '"' + r" [a-z']+ " + '"', {'" '}),
    (r"(?<=[.!?] )not (?:gonna be )?happening\s*[.!]", {"happening"}),   # the longest, one string
    (r"\b(?:or|and) (?:else )?(?:i|we)\b", {"or ", "and "}),          # the group and the space after it
    (r"(?i)calm down", None),                                          # either case: not as written
    (r"\w+ing", {"ing"}),                                              # a literal end
    (r"\w+\s\d", None),                                               # nothing literal
])
def test_required_text_is_a_string_every_match_holds(pattern, strings):
    got = required_text(pattern)
    assert (None if got is None else set(got)) == strings


def test_every_pattern_s_required_text_is_in_every_text_it_matches():
    """The strings that gate a pattern are read from its structure; every match in the check sets
    (over their canonical text, as the patterns run) holds one of them."""
    c = default_compiled()
    texts = [parse_canonical(canonicalize(r, c.corrector)).text for r in _replies()]
    checked = 0
    for _tid, rx, _kind, _words in c.patterns:
        need = required_text(rx.pattern)
        if not need:
            continue
        for text in texts:
            if rx.search(text):
                checked += 1
                assert any(s in text for s in need), (rx.pattern[:80], text)
    assert checked > 500


@pytest.mark.parametrize(("pattern", "runs"), [
    (r"\b(?:keep|try)\b[^.?!]{0,40}? and (?:security|the manager) ", {"security", "manager"}),
    (r"\bsome people (?:wait|get)\b", {"people"}),   # "some" may end a longer word, "people " is whole
    (r"\bi (?:am|was) [^.?!]{0,60}? in case", {"in"}),   # "case" may run on ("cases"); "in" is whole
    (r"\bi (?:am|was) [^.?!]{0,60}?case", {"am", "was"}),  # "i am ", "i was ": "i" may end a word
    (r"[a-z]+ cas[a-z]", None),                            # " cas": "cas" runs on
])
def test_words_read_from_required_text_are_whole_runs(pattern, runs):
    got = runs_in_required_text(pattern)
    assert (None if got is None else set(got)) == runs


def test_a_quick_pattern_answers_as_its_pattern_does():
    """``Quick`` looks for a string every match holds before searching: the answers do not change."""
    from simulator.language import moves, reflections
    from simulator.language.compiled import Quick
    quick = [v for mod in (moves, reflections) for v in vars(mod).values() if isinstance(v, Quick)]
    assert len(quick) >= 4
    c = default_compiled()
    texts = [parse_canonical(canonicalize(r, c.corrector)).text for r in _replies()]
    texts += ["but", "yet", "though", "that said , okay", "it is up to you", "your call", "he said so",
              "hurry up already", "make it quick", "you get to decide"]
    found = 0
    for q in quick:
        for text in texts:
            got, want = q.search(text), q.rx.search(text)
            assert (got and got.span()) == (want and want.span()), (q.pattern[:60], text)
            found += want is not None
    assert found > 100
