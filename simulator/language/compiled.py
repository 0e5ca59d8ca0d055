"""Banks compiled once into regular expressions, word sets and a typo corrector."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from simulator.language.banks import Banks, builtin_macros, default_banks, emotion_forms, expand_macros
from simulator.language.matcher import PhraseMatcher, normalise_phrase

_WORD_IN_PATTERN = re.compile(r"(?<![\\\w])([a-z]{4,})(?=[|) ]|\\b|$)")


class Corrector:
    """Fixes typos of words the detectors care about ("frustated" -> "frustrated").

    Only words of five letters or more that are not known words are corrected, to
    a key word with the same first letter (rapidfuzz ratio >= 88, or 85 from 7 letters).
    """

    def __init__(self, vocabulary: set[str], known: set[str]):
        self.vocabulary = vocabulary
        self.known = known | vocabulary
        self._by_letter: dict[str, list[str]] = {}
        for w in sorted(vocabulary):
            if w.isalpha() and len(w) >= 4:
                self._by_letter.setdefault(w[0], []).append(w)
        self._cache: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word in self.known or len(word) < 5 or not word.isalpha():
            return None
        if word in self._cache:
            return self._cache[word]
        fixed = None
        choices = [w for w in self._by_letter.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        if choices:
            cutoff = 85.0 if len(word) >= 7 else 88.0
            best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None:
                fixed = best[0]
        if len(self._cache) < 100000:
            self._cache[word] = fixed
        return fixed


class Compiled:
    def __init__(self, banks: Banks):
        self.banks = banks
        macros = builtin_macros(banks)
        self.regexes: dict[str, re.Pattern] = {}
        for tid, pats in banks.patterns.items():
            if pats:
                self.regexes[tid] = re.compile("|".join(f"(?:{expand_macros(p, macros)})" for p in pats))
        self.negatable = {tid: banks.negatable.get(tid, True) for tid in self.regexes}
        self.matchers: dict[str, PhraseMatcher] = {
            tid: PhraseMatcher(ph) for tid, ph in banks.phrases.items() if ph}
        self.stopwords = frozenset(w.lower() for w in banks.stopwords)
        self.encouragers = frozenset(normalise_phrase(w) for w in banks.encouragers)
        self.encourager_words = frozenset(w for e in self.encouragers for w in e.split())
        self.imperatives = frozenset(w.lower() for w in banks.imperative_verbs)
        emotions: set[str] = set()
        for words in banks.emotions.values():
            for w in words:
                emotions |= emotion_forms(w.lower())
        self.emotion_words = frozenset(emotions)
        vocab = {w for e in emotions for w in e.split()}
        vocab |= {w for s in banks.situation_words for w in s.lower().split()}
        vocab |= set(self.imperatives) | set(self.encourager_words)
        for pats in banks.patterns.values():
            for p in pats:
                vocab |= set(_WORD_IN_PATTERN.findall(p))
        for ph in banks.phrases.values():
            for p in ph:
                vocab |= set(normalise_phrase(p).split())
        known = set(self.stopwords) | {w.lower() for w in banks.common_words}
        self.corrector = Corrector({w for w in vocab if w.isalpha()}, known)


@lru_cache(maxsize=1)
def default_compiled() -> Compiled:
    return Compiled(default_banks())
