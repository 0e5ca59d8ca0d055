"""How much a reflection is grounded in what this person said or showed.

A paraphrase, summary or mirror that gives back their own content ("the lights are
recording you") is grounded; a textbook line that fits anyone ("things have been really
hard") is not. An emotion label is read for the feelings it names, so the engine can
tell a right label from a generic one and from a wrong one. The language layer measures;
the engine decides what the measure is worth.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from simulator.language.banks import _alternation, emotion_forms
from simulator.language.compiled import Compiled, default_compiled
from simulator.language.parse import canonical_text
from simulator.vocabulary import FEELINGS

#: two content words of theirs make a reflection fully grounded
FULL_AT = 2
#: feelings too broad to be a wrong label ("upset" fits anger, fear and sadness alike)
BROAD = frozenset({"upset", "stressed", "stress", "stressful", "overwhelmed", "overwhelming", "emotional",
                   "struggling", "struggle", "troubled", "distressed", "distress", "hurting", "tense"})
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Grounding:
    score: float
    """0 (nothing of theirs) to 1 (at least two of their content words, or all of the reflection's)."""
    shared: tuple[str, ...]
    """Their content words the reflection gives back (stems)."""


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude stem ("waiting" -> "wait", "cries" -> "cry"), remembered: the same words come back."""
    return _stem(word)


def _stem(word: str) -> str:
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    return word


#: words that fit anyone's story: they ground nothing ("things have been really hard")
VAGUE = frozenset("""thing things stuff lot lots everything anything something nothing time times way ways day
days today tonight night right now really very much pretty kind sort feel feels feeling felt seem seems sound
sounds going happen happening happened people someone somebody anyone everyone everybody bit little deal okay
alright hear heard say said saying tell told know knew think thought want need get got make made just still
even""".split())


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    """Stems of the vague words, and of words that only say a situation weighs (hard, tough)."""
    c = default_compiled()
    words = set(VAGUE)
    for phrase in [*c.banks.situation_words, *c.banks.intensifiers]:
        words.update(phrase.lower().split())
    return frozenset(stem(w) for w in words)


def content_words(text: str, compiled: Compiled | None = None) -> frozenset[str]:
    """The stems of a text's content words (no stopwords, no vague words, three letters or more)."""
    return _content_words(text, compiled or default_compiled())


@lru_cache(maxsize=256)
def _content_words(text: str, c: Compiled) -> frozenset[str]:
    return _stems_of(canonical_text(text, c.corrector), c)


def _stems_of(canon: str, c: Compiled) -> frozenset[str]:
    generic = _generic_stems()
    stems = {stem(w) for w in _WORD.findall(canon) if len(w) > 2 and w not in c.stopwords}
    return frozenset(stems - generic)


def grounding(reflection: str, context: Sequence[str], compiled: Compiled | None = None, *,
              canonical: str | None = None) -> Grounding:
    """How much of ``reflection`` comes from ``context`` (their recent lines, what they showed).

    ``canonical``: the reflection's canonical text when the caller has it already (the analyzer
    cuts it from the reply it read), so it is not read again."""
    c = compiled or default_compiled()
    mine = _stems_of(canonical, c) if canonical is not None else content_words(reflection, c)
    theirs: set[str] = set()
    for line in context:
        theirs |= content_words(line, c)
    shared = {w for w in mine if w in theirs}
    for w in mine - shared:  # a typo or another form of their word
        if len(w) >= 5 and any(x[:1] == w[:1] and (fuzz.ratio(w, x) >= 85 or OSA.distance(w, x) <= 1)
                               for x in theirs):
            shared.add(w)
    if not mine:
        return Grounding(0.0, ())
    score = min(1.0, max(len(shared) / FULL_AT, len(shared) / len(mine)))
    return Grounding(round(score, 3), tuple(sorted(shared)))


@lru_cache(maxsize=1)
def _family_index() -> tuple[dict[str, frozenset[str]], re.Pattern[str]]:
    c = default_compiled()
    index: dict[str, set[str]] = {}
    for family, words in c.banks.emotions.items():
        if family not in FEELINGS:
            continue
        for word in words:
            for form in emotion_forms(word.lower()):
                if form not in BROAD:
                    index.setdefault(form, set()).add(family)
    # one trie of the words (the longest first, as in a list sorted longest first), not a list of
    # several hundred alternatives tried in turn at every character
    rx = re.compile(r"(?<![\w'])" + _alternation(index) + r"(?![\w'])")
    return {k: frozenset(v) for k, v in index.items()}, rx


def named_feelings(text: str) -> frozenset[str]:
    """The feeling families a label names: anger, fear, sadness, confusion, disrespect.

    Broad words ("upset", "stressed") name none: they can be generic, never wrong.
    """
    return named_feelings_in(canonical_text(text, default_compiled().corrector))


def named_feelings_in(canon: str) -> frozenset[str]:
    """``named_feelings`` of a canonical text (the analyzer cuts a label's from the reply it read)."""
    index, rx = _family_index()
    found: set[str] = set()
    for m in rx.finditer(canon):
        found |= index[m.group()]
    return frozenset(found)
