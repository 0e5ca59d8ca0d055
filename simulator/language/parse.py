"""Sentences, clauses and negation scope over a canonical reply."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from simulator.language.text import Canonical, canonicalize

NEGATORS = frozenset({"not", "no", "never", "nobody", "none", "nothing", "neither", "nor",
                      "without", "nowhere", "noone", "nobody's", "nothing's"})
#: words that end a clause for negation scope (and "no," "okay," via punctuation)
CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "(", ")", '"', ".", "!", "?", "but", "however",
                           "although", "though", "except", "whereas", "and", "or", "because",
                           "so", "if", "unless", "until", "then", "otherwise", "instead",
                           "when", "while", "before", "after", "cause"})
#: a negated verb of saying or thinking carries the negation into its complement
#: ("I'm not saying you're crazy")
COGNITIVE = frozenset({"saying", "say", "said", "think", "thinking", "thought", "believe",
                       "mean", "meant", "calling", "call", "suggesting", "suggest", "implying",
                       "imply", "accusing", "claiming", "claim", "telling", "tell", "sure",
                       "know", "guess", "assuming", "assume"})
_SKIP_AFTER_NEG = frozenset({"really", "just", "even", "ever", "actually", "necessarily",
                             "at", "all", "going", "to", "here", "trying", "want", "gonna"})
_SOMEONE = frozenset({"anyone", "anybody", "someone", "somebody", "i", "we", "people", "they", "he", "she",
                      "everyone", "everybody"})
_BELIEVES = frozenset({"thinks", "think", "thought", "says", "said", "believes", "believe", "called",
                       "calls", "reported", "claims", "claimed"})
PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "that", "this", "there"})
AUX = frozenset({"will", "am", "are", "is", "would", "can", "could", "shall", "should", "have",
                 "has", "was", "were", "must", "might", "may", "going", "do", "did", "need"})
NEG_WINDOW = 8
#: "why don't you...", "don't you think...", "isn't it...": inversion, not negation
_INVERTED = frozenset({"you", "we", "i", "it", "they", "he", "she", "that", "this", "y'all"})
SENTENCE_END = frozenset({".", "!", "?"})
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "sgt", "lt",
                           "capt", "det", "ofc", "dep", "no", "approx", "e.g", "i.e", "p.m", "a.m"})


class Sentence(NamedTuple):
    """One sentence of a reply (a named tuple: made for every sentence of every text read, it is
    built several times faster than a frozen dataclass)."""

    start: int          # canonical offsets, punctuation included
    end: int
    first: int          # index of the first word in Parsed.words
    last: int           # index one past the last word
    text: str           # canonical text of the sentence
    punct: str          # final punctuation ("?", "!", ".", "...", "" )


@dataclass
class Parsed:
    canon: Canonical
    words: list[str]
    starts: list[int]   # canonical offset of each word
    ends: list[int]
    negated: list[bool]
    sentences: list[Sentence] = field(default_factory=list)
    #: the positions of its words (punctuation left out), and word windows (first word, width) built
    #: on demand: first and last word position and the words; shared by every phrase index
    content: list[int] | None = field(default=None, repr=False, compare=False)
    windows: dict[tuple[int, int], tuple[int, int, str]] = field(default_factory=dict, repr=False, compare=False)
    #: what each phrase index found out about this text (its words' close pool words), by index
    indexed: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.canon.text

    def word_at(self, offset: int) -> int:
        """Index of the word that contains or follows canonical ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0
        if offset >= self.ends[i] and i + 1 < len(self.words):
            return i + 1
        return i

    def is_negated_at(self, offset: int) -> bool:
        if not self.words:
            return False
        return self.negated[self.word_at(offset)]

    def is_negated_after(self, offset: int) -> bool:
        """Is the words ending at canonical ``offset`` negated right after them ("i will" in "i will not
        come", "i will never")? Canonical text spells "won't" as "will not", so the negator follows the
        phrase; "not" before a pronoun is inversion ("do not you think"), not negation."""
        i = self.word_at(offset)
        if not self.words or self.starts[i] < offset:
            return False
        return _negates_after(self.words, i)

    def sentence_of(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return self.sentences[-1] if self.sentences else None


#: the negators that, right after a phrase, negate it ("i will not", "i will never")
NEGATORS_AFTER = frozenset({"not", "never"})


def _negates_after(words: list[str], i: int) -> bool:
    """Does the word at ``i`` negate the words just before it?"""
    return words[i] in NEGATORS_AFTER and not (words[i] == "not" and i + 1 < len(words)
                                               and words[i + 1] in _INVERTED)


#: negators that open a subject ("no one", "nobody", "no judge")
_NEGATED_SUBJECTS = frozenset({"no", "nobody", "noone", "nobody's", "none", "neither"})
_BELIEVES_MORE = frozenset({"accuses", "accused", "suggests", "believing", "implies"})
#: where a label the speaker pins on the person may open ("a drunk like you", "people like you")
_PINNED_HEADS = frozenset({"a", "an", "people", "folks", "guys", "someone", "somebody", "anyone", "anybody"})


def _pinned_label(words: list[str], k: int) -> bool:
    """Do the words from ``k`` pin a label on the person ("a drunk like you", "people like you")?"""
    for m in range(k + 1, min(len(words) - 1, k + 4)):
        if words[m] == "like" and words[m + 1] in {"you", "u", "yourself", "y'all"}:
            return True
        if words[m] in CLAUSE_BREAKS:
            return False
    return False


def _negation(words: list[str]) -> list[bool]:
    out = [False] * len(words)
    if NEGATORS.isdisjoint(words):
        return out
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        if w in NEGATORS and not (w == "not" and i + 1 < n and words[i + 1] in _INVERTED):
            # what does the negator govern?  skip adverbs and "going to"
            j = i + 1
            while j < n and words[j] in _SKIP_AFTER_NEG:
                j += 1
            head = words[i + 1] if i + 1 < n else ""
            cognitive = head in COGNITIVE or (j < n and words[j] in COGNITIVE)
            if not cognitive and w in _NEGATED_SUBJECTS:
                # "no one is saying you're crazy", "nobody here thinks...": the verb comes after
                # the subject the negator opens
                for k in range(i + 1, min(n, i + 5)):
                    if words[k] in CLAUSE_BREAKS:
                        break
                    if words[k] in COGNITIVE or words[k] in _BELIEVES or words[k] in _BELIEVES_MORE:
                        cognitive = True
                        break
            k = i + 1
            budget = NEG_WINDOW
            while k < n and budget > 0:
                wk = words[k]
                if wk in _PINNED_HEADS and _pinned_label(words, k):
                    break   # "no judge will believe a drunk like you": the label is the speaker's own
                if wk == "because" and k + 2 < n and words[k + 1] in _SOMEONE and words[k + 2] in _BELIEVES:
                    cognitive = True    # "I'm not here because anyone thinks you're crazy"
                    k += 1
                    continue
                if wk in CLAUSE_BREAKS:
                    break
                if (not cognitive and k > i + 1 and wk in PRONOUNS and k + 1 < n
                        and words[k + 1] in AUX and words[k - 1] not in {"to", "make", "let", "of", "about"}):
                    break   # a new clause starts: "if you do not stop I will arrest you"
                out[k] = True
                k += 1
                budget -= 1
            i += 1
            continue
        i += 1
    return out


def parse_canonical(canon: Canonical) -> Parsed:
    text = canon.text
    words, starts, ends = canon.words, canon.word_starts, canon.word_ends
    parsed = Parsed(canon, words, starts, ends, _negation(words))
    sentences: list[Sentence] = []
    first = 0
    n = len(words)
    if "\n" not in text:
        # only the sentence ends can end a sentence: go from one to the next
        for i in [k for k, w in enumerate(words) if w in SENTENCE_END]:
            if i < first:       # in the run of marks ending the last sentence ("?!")
                continue
            if words[i] == "." and i > 0 and words[i - 1] in ABBREVIATIONS and i + 1 < n \
                    and words[i + 1] not in SENTENCE_END:
                continue
            while i + 1 < n and words[i + 1] in SENTENCE_END:
                i += 1
            _add(parsed, sentences, first, i + 1)
            first = i + 1
        if first < n:
            _add(parsed, sentences, first, n)
        parsed.sentences = sentences
        return parsed
    i = 0       # with line breaks: a break between two words ends a sentence too
    while i < n:
        w = words[i]
        boundary = False
        if w in SENTENCE_END:
            if w == "." and i > 0 and words[i - 1] in ABBREVIATIONS and i + 1 < n \
                    and words[i + 1] not in SENTENCE_END:
                boundary = False
            else:
                boundary = True
                while i + 1 < n and words[i + 1] in SENTENCE_END:
                    i += 1
        elif i + 1 < n and "\n" in text[ends[i]:starts[i + 1]]:
            boundary = True
        if boundary or i == n - 1:
            last = i + 1
            _add(parsed, sentences, first, last)
            first = last
        i += 1
    parsed.sentences = sentences
    return parsed


def _add(parsed: Parsed, sentences: list[Sentence], first: int, last: int) -> None:
    words = parsed.words
    p_end = last
    while p_end > first and words[p_end - 1] in SENTENCE_END:
        p_end -= 1
    punct = "".join(words[p_end:last])
    if punct.startswith("?") or "?" in punct:
        punct = "?"
    elif len(punct) > 1 and set(punct) == {"."}:
        punct = "..."
    elif punct:
        punct = punct[0]
    if p_end == first and not punct:
        return
    start, end = parsed.starts[first], parsed.ends[last - 1]
    sentences.append(Sentence(start, end, first, p_end, parsed.canon.text[start:end], punct))


def parse(text: str, corrector=None) -> Parsed:
    """The parse of a text, remembered for the last few texts (treat the result as read-only): the
    subject's line is read again for every reply to it, and a reply by every matcher that searches it."""
    return _parse_cached(text, corrector)


@lru_cache(maxsize=256)
def _parse_cached(text: str, corrector=None) -> Parsed:
    return parse_canonical(canonicalize(text, corrector))


def canonical_text(text: str, corrector=None) -> str:
    """The canonical text alone, from the remembered parse (a context line is read more than once)."""
    return _parse_cached(text, corrector).canon.text


def is_negated(text: str, start: int) -> bool:
    """Is the word at original offset ``start`` inside a negation's scope (same clause)?"""
    parsed = parse(text)
    return parsed.is_negated_at(parsed.canon.to_canonical(start))
