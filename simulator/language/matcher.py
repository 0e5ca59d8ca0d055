"""Fuzzy, token-aligned matching of short trigger phrases (rapidfuzz), negation-aware."""

from __future__ import annotations

import itertools
import sys
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from simulator.language.parse import NEGATORS, Parsed, parse
from simulator.language.text import canonicalize

_PUNCT = frozenset(".,!?;:-()\"'*[]")
#: words a fuzzy match may never swap: who is asked about ("has he been drinking" is not "have you
#: been drinking"), and whether it is said at all ("going to call" is not "not going to call")
_NOT_LOOSE = frozenset({"i", "you", "he", "she", "we", "they", "it", "me", "him", "her", "us", "them", "my", "your",
                        "his", "our", "their"}) | NEGATORS

#: words that may stand in for one another in a fuzzy match (articles, determiners, auxiliaries);
#: never prepositions or conjunctions: "sugar in you" is not "sugar on you", "or anything" not "on anything"
_FUNCTION = frozenset({
    "a", "an", "the", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been",
    "am", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "just", "now", "all"})


@dataclass(frozen=True)
class PhraseMatch:
    """The best phrase found in a text: span in the original text, score 0-100."""

    phrase: str
    start: int
    end: int
    score: float
    negated: bool
    weight: float = 0.0
    """How much of the phrase's meaning was found: its meaningful words, one in another form than
    written counting half ("took the gun" for "take the gun": 1.5; "the cutting" for "the cut": 0.5)."""

    @property
    def strength(self) -> tuple[float, float, int]:
        """How well the phrase is there, to choose between matches that overlap: the more of its meaning,
        then the better score (exact before fuzzy), then the longer stretch of text."""
        return self.weight, self.score, self.end - self.start


def _weight(written: str, form: str) -> float:
    """The meaningful words of a phrase as written, found in ``form`` (the phrase or one of its other
    forms): each word as written counts 1, a word in another form a half (it may mean something else)."""
    return sum(1.0 if a == b else 0.5 for a, b in zip(written.split(), form.split(), strict=False)
               if a not in _FUNCTION)


def normalise_phrase(phrase: str) -> str:
    """The canonical words of a phrase, punctuation dropped ("Don't!" -> "do not")."""
    words = [w for w in canonicalize(phrase).text.split() if w not in _PUNCT]
    return " ".join(words)


#: irregular forms an author should not have to list ("eat" also finds "ate" and "eaten")
IRREGULAR = {"eat": ("ate", "eaten"), "sleep": ("slept",), "take": ("took", "taken"), "think": ("thought",),
             "feel": ("felt",), "hear": ("heard",), "drink": ("drank",), "have": ("had", "has"),
             "do": ("did", "done", "does"), "go": ("went", "gone", "goes"), "see": ("saw", "seen"),
             "get": ("got", "gotten"), "give": ("gave", "given"), "hit": ("hits",), "hurt": ("hurts",),
             "keep": ("kept",), "leave": ("left",), "buy": ("bought",), "choke": ("choked", "choking"),
             "die": ("dying", "died", "dies"), "lie": ("lying", "lay"), "shoot": ("shot",)}
_VOWELS = "aeiou"
_BASE_OF = {form: base for base, forms in IRREGULAR.items() for form in forms}


def _forms_of(stem: str) -> set[str]:
    if stem.endswith("e"):
        return {stem, stem + "s", stem[:-1] + "ing", stem + "d"}
    forms = {stem, stem + "s", stem + "ing", stem + "ed"}
    if len(stem) <= 4 and stem[-1] not in _VOWELS + "wxy" and stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
        forms |= {stem + stem[-1] + "ing", stem + stem[-1] + "ed"}
    return forms


def inflections(word: str) -> set[str]:
    """A word and its regular (and common irregular) forms, both ways: kill, kills, killed, killing."""
    forms = {word}
    base = _BASE_OF.get(word, word)
    if not base.isalpha() or len(base) < 3:
        return forms | {base} | set(IRREGULAR.get(base, ()))
    stems = {base}
    if base.endswith(("ing", "ed")) and len(base) >= 6:
        root = base[:-3] if base.endswith("ing") else base[:-2]
        stems = {root, root + "e"}
        if root[-1] == root[-2]:
            stems.add(root[:-1])
    elif base.endswith("s") and not base.endswith("ss") and len(base) >= 4:
        stems = {base[:-1]}
    for stem in stems:
        forms |= _forms_of(stem) | set(IRREGULAR.get(stem, ()))
    return forms


def with_inflections(phrase: str) -> list[str]:
    """The phrase with each word, one at a time, in its other forms ("kill yourself" -> "killing yourself")."""
    words = phrase.split()
    out = [phrase]
    for i, w in enumerate(words):
        for form in sorted(inflections(w.lower()) - {w.lower()}):
            out.append(" ".join([*words[:i], form, *words[i + 1:]]))
    return out


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters typed the wrong way round ("teh", "yuor")."""
    return len(a) == len(b) >= 3 and sorted(a) == sorted(b) and OSA.distance(a, b) == 1


#: how close (rapidfuzz ratio) a window one word longer or shorter than a phrase must be to it
_SPLIT = 93.0


def _typo_close(phrase: str, window: str) -> bool:
    """A fuzzy hit must be the phrase with typos, not another phrase that shares most
    letters: word for word, each word close ("have you eaten" is not "have you been");
    a window one word longer or shorter needs a near-exact overall match."""
    pw, ww = phrase.split(), window.split()
    if len(pw) != len(ww):
        return fuzz.ratio(phrase, window) >= _SPLIT
    loose = 0  # one function word may differ ("put the bat down" / "put that bat down"), never a
    # word that carries meaning ("see your son" is not "take your son")
    for a, b in zip(pw, ww, strict=False):
        if a == b or fuzz.ratio(a, b) >= 80 or _swapped(a, b):
            continue
        if loose == 0 and a in _FUNCTION and b in _FUNCTION and not {a, b} & _NOT_LOOSE:
            loose += 1
            continue
        return False
    return True


#: how close (rapidfuzz ratio) a word of the text must be to each meaningful word of a phrase for the
#: phrase to be compared at all: below what a match needs (each meaningful word 80, or two neighbouring
#: letters swapped, 67 in a three-letter word; the whole phrase 93 when a word is split, where the
#: longer half of a split word stays above 70 for any word up to a dozen letters)
_NEAR = 70.0
#: the longest text word looked at as two words run together ("areyou"); longer ones are not words
_JOINED = 30
#: a text word's close pool words are remembered per index up to this many text words
_NEAR_CACHE = 50_000
_ids = itertools.count()
#: the running length of a text's words read before its first word or after its last
_FAR = 1 << 40


#: a window a phrase is compared with: its first word's offset from where the phrase's key word stands,
#: its width, its shortest and longest length, and the words it must have close in place (by offset)
_Shape = tuple[int, int, int, int, tuple[tuple[int, str], ...]]


@dataclass(frozen=True)
class _Fuzzy:
    """One phrase compared fuzzily: its owner, its place among the owner's phrases (ties fall to the
    earlier), its longest meaningful word (its key) and all its meaningful words; and the windows it
    is compared with, from each word close to its key (or, without one, from every word): their first
    word's offset, their width, the lengths (in characters) they may have, and the meaningful words a
    window as long as the phrase must have close in place (each by its offset from the key)."""

    norm: str
    owner: int
    rank: tuple[int, int]
    key: str | None
    needs: frozenset[str]
    shapes: tuple[_Shape, ...]


def _wordish(c: str) -> bool:
    return c.isalnum() or c in "_'"


@dataclass(frozen=True)
class _Atoms:
    """Where an exact phrase may start and end in a text: its words, and the parts of a hyphenated
    word; each one's first and last character, the word it is in, and its text. Found once per text,
    for every index that searches it."""

    spans: list[tuple[int, int]]
    words: list[int]
    texts: list[str]


def _atoms(parsed: Parsed) -> _Atoms:
    cached = parsed.indexed.get("atoms")
    if cached is not None:
        return cached  # type: ignore[return-value]
    spans: list[tuple[int, int]] = []
    words: list[int] = []
    if "-" in " ".join(parsed.words):
        for i, (w, a) in enumerate(zip(parsed.words, parsed.starts, strict=False)):
            if "-" in w and len(w) > 1:
                pos = a
                for part in w.split("-"):
                    if part:
                        spans.append((pos, pos + len(part)))
                        words.append(i)
                    pos += len(part) + 1
            else:
                spans.append((a, a + len(w)))
                words.append(i)
    else:  # (most texts: the atoms are the words)
        spans = [(a, a + len(w)) for w, a in zip(parsed.words, parsed.starts, strict=False)]
        words = list(range(len(spans)))
    text = parsed.canon.text
    atoms = _Atoms(spans, words, [text[a:b] for a, b in spans])
    parsed.indexed["atoms"] = atoms
    return atoms


def _content(parsed: Parsed) -> list[int]:
    """The positions of the text's words, punctuation left out."""
    if parsed.content is None:
        parsed.content = [i for i, w in enumerate(parsed.words) if w not in _PUNCT]
    return parsed.content


def _widths(size: int) -> tuple[int, ...]:
    """A phrase of ``size`` words is compared with windows of about its length (a word may be split)."""
    return (size - 1, size, size + 1) if size >= 3 else (size,)


def _content_words(parsed: Parsed) -> list[str]:
    """The text's words, punctuation left out."""
    got = parsed.indexed.get("content words")
    if got is None:
        words = parsed.words
        got = parsed.indexed["content words"] = [words[i] for i in _content(parsed)]
    return got  # type: ignore[return-value]


def _lengths(parsed: Parsed) -> list[int]:
    """Running lengths of the text's words (punctuation left out), one space after each: the
    window of ``width`` words from the ``k``-th is ``cum[k + width] - cum[k] - 1`` long."""
    got = parsed.indexed.get("lengths")
    if got is None:
        got = [0]
        total = 0
        for w in _content_words(parsed):
            total += len(w) + 1
            got.append(total)
        parsed.indexed["lengths"] = got
    return got  # type: ignore[return-value]


def _fitting(size: int, slack: float) -> tuple[int, int]:
    """The shortest and longest window (in characters) that may score within ``slack`` of 100 against
    a phrase ``size`` characters long: a ratio is at most 100 * (1 - length difference / total length)."""
    if slack >= 100.0:
        return 0, sys.maxsize
    top = int(size * (100.0 + slack) / (100.0 - slack)) + 2
    fit = [length for length in range(top + 1) if abs(length - size) * 100.0 <= slack * (length + size)]
    return min(fit, default=1), max(fit, default=0)


def _shapes(norm: str, key: str | None, threshold: float) -> tuple[_Shape, ...]:
    """The windows a phrase is compared with, from where its key word stands (or from every word,
    without one): in place in a window as long as the phrase, one word either way in one a word longer
    (a word split) or shorter (two run together); each with the lengths it may have (a window one word
    longer or shorter needs a near-exact match) and, as long as the phrase, the meaningful words it
    must hold in place (each close to the phrase's word: the same, a typo or two letters swapped)."""
    words = norm.split()
    size = len(words)
    at = words.index(key) if key is not None else 0
    out: list[_Shape] = []
    for width in _widths(size):
        shortest, longest = _fitting(len(norm), 100.0 - (threshold if width == size else max(threshold, _SPLIT)))
        aligned = tuple((i - at, w) for i, w in enumerate(words) if w not in _FUNCTION and i != at)
        shifts = (0,) if width == size else (0, 1) if width < size else (-1, 0)
        out.extend((shift - at, width, shortest, longest, aligned if width == size else ()) for shift in shifts)
    return tuple(out)


class PhraseIndex:
    """Find, for each of several owners (a topic, a technique), the best of its phrases in a text, in
    one pass over the text for them all.

    Phrases are normalised once.  A phrase matches only whole words (so "arrest" never matches
    "a rest").  An owner's exact matches come first (the first in the text; the longest at one
    place); failing one, the best fuzzy match: rapidfuzz ``ratio`` against windows of the text's
    words of about the phrase's length, each word close (typos, two letters swapped, one function
    word changed) or the whole window nearly exact when a word is split.  A phrase is compared only
    where every one of its meaningful words has a close word in the text, and only with the windows
    around its longest one.  Very short phrases (one word of six letters or fewer) must match
    exactly.  ``inflect`` also finds the other forms of each word ("eat" finds "ate"), exactly.
    """

    def __init__(self, owners: Sequence[Sequence[str]], threshold: float = 88.0, inflect: bool = False):
        self.threshold = float(threshold)
        self._id = next(_ids)
        self._by_norm: list[dict[str, str]] = []
        #: for each owner, each form found exactly, and how much of its phrase's meaning it carries
        self._weights: list[dict[str, float]] = []
        self._exact: dict[str, list[int]] = {}
        #: the exact phrases' lengths (in atoms) by their first atom, longest first
        self._lengths: dict[str, tuple[int, ...]] = {}
        fuzzy: list[_Fuzzy] = []
        for owner, phrases in enumerate(owners):
            by_norm: dict[str, str] = {}
            weights: dict[str, float] = {}
            authored: list[str] = []
            for p in phrases:
                if not isinstance(p, str) or not p.strip():
                    continue
                norm = normalise_phrase(p)
                if not norm:
                    continue
                by_norm.setdefault(norm, p)
                weights.setdefault(norm, _weight(norm, norm))
                authored.append(norm)
                if inflect:
                    for form in with_inflections(norm):
                        by_norm.setdefault(form, p)
                        weights.setdefault(form, _weight(norm, form))
            self._by_norm.append(by_norm)
            self._weights.append(weights)
            for norm in by_norm:
                self._exact.setdefault(norm, []).append(owner)
            # the authored phrases only are compared fuzzily (their other forms are found exactly)
            ordered = sorted(set(authored), key=lambda n: (-len(n), n))
            size_rank: dict[int, int] = {}
            for order, n in enumerate(ordered):
                size = n.count(" ") + 1
                if size == 1 and len(n) <= 6:  # a short word with one letter off is another word (coke, choke)
                    continue
                meaningful = [w for w in n.split() if w not in _FUNCTION]
                rank = (size_rank.setdefault(size, len(size_rank)), order)
                key = max(meaningful, key=len) if meaningful else None
                fuzzy.append(_Fuzzy(n, owner, rank, key, frozenset(meaningful), _shapes(n, key, self.threshold)))
        self.owners = len(self._by_norm)
        lengths: dict[str, set[int]] = {}
        for norm in self._exact:
            parts = [part for w in norm.split(" ") for part in (w.split("-") if len(w) > 1 else [w]) if part]
            lengths.setdefault(parts[0], set()).add(len(parts))
        self._lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        # the fuzzy phrases grouped by key word, so a key absent from the text rules out its whole
        # group at once
        self._by_key: dict[str, list[_Fuzzy]] = {}
        self._keyless: list[_Fuzzy] = []
        for f in fuzzy:
            if f.key is None:
                self._keyless.append(f)
            else:
                self._by_key.setdefault(f.key, []).append(f)
        self._fuzzy = bool(fuzzy)
        # the running lengths of a text's words are searched past either end by up to this many words
        # (a window from a word near the end, or one before the first), which read as far too long
        reach = max((max(-shift, shift + width) for f in fuzzy for shift, width, *_ in f.shapes), default=0)
        self._beyond = [_FAR] * reach
        self._pool = sorted({w for f in fuzzy for w in f.needs})
        self._pool_set = frozenset(self._pool)
        self._near_cache: dict[str, frozenset[str]] = {}

    def _close(self, word: str) -> frozenset[str]:
        """The pool's words close to a word of a text (remembered: replies share most words)."""
        cached = self._near_cache.get(word)
        if cached is None:
            if len(self._near_cache) >= _NEAR_CACHE:
                self._near_cache.clear()
            close = {p for p, score, _ in process.extract(word, self._pool, scorer=fuzz.ratio, score_cutoff=66.0,
                                                          limit=None) if score >= _NEAR or _swapped(p, word)}
            # two words run together ("areyou"): each is close to the word it is part of
            if 5 <= len(word) <= _JOINED:
                close.update({word[:i] for i in range(2, len(word) - 1)} & self._pool_set)
                close.update({word[i:] for i in range(2, len(word) - 1)} & self._pool_set)
            cached = frozenset(close)
            self._near_cache[word] = cached
        return cached

    def _near(self, parsed: Parsed) -> list[frozenset[str]]:
        """For this text: the pool's words close to each of its words (punctuation left out), by rank."""
        cached = parsed.indexed.get(self._id)
        if cached is None:
            known, close = self._near_cache, self._close
            cached = [known[w] if w in known else close(w) for w in _content_words(parsed)]
            parsed.indexed[self._id] = cached
        return cached  # type: ignore[return-value]

    def search(self, text: str, include_negated: bool = False) -> list[PhraseMatch | None]:
        if not text:
            return [None] * self.owners
        return self.search_parsed(parse(text), include_negated)

    def search_parsed(self, parsed: Parsed, include_negated: bool = False) -> list[PhraseMatch | None]:
        """Each owner's best match in the text (None where it has none)."""
        return self.search_ranges(parsed, [(0, len(parsed.words))], include_negated)[0]

    def search_ranges(self, parsed: Parsed, ranges: Sequence[tuple[int, int]],
                      include_negated: bool = False) -> list[list[PhraseMatch | None]]:
        """For each range of word positions (first, end), each owner's best match inside it: the text's
        sentences searched apart, in one pass."""
        out: list[list[PhraseMatch | None]] = []
        if not self.owners:
            return [[] for _ in ranges]
        atoms = _atoms(parsed)
        content = _content(parsed)
        spans: list[tuple[int, int, list[PhraseMatch | None]]] = []
        for first, end in ranges:
            found: list[PhraseMatch | None] = [None] * self.owners
            self._search_exact(parsed, atoms, first, end, include_negated, found)
            if self._fuzzy and any(f is None for f in found):
                spans.append((bisect_left(content, first), bisect_left(content, end), found))
            out.append(found)
        if spans:
            self._search_fuzzy(parsed, spans, include_negated)
        return out

    def _search_exact(self, parsed: Parsed, atoms: _Atoms, first: int, end: int, include_negated: bool,
                      found: list[PhraseMatch | None]) -> None:
        """The first exact match of each owner among the words ``first``..``end`` (the longest at one place)."""
        text = parsed.canon.text
        resume = [0] * self.owners  # an owner's scan goes on after its last (negated) match
        exact, lengths = self._exact, self._lengths
        spans, texts = atoms.spans, atoms.texts
        n = bisect_left(atoms.words, end)
        for i in range(bisect_left(atoms.words, first), n):
            sizes = lengths.get(texts[i])
            if sizes is None:
                continue
            a = spans[i][0]
            if a > 0 and _wordish(text[a - 1]):
                continue
            for size in sizes:  # the longest first
                if i + size > n:
                    continue
                b = spans[i + size - 1][1]
                owners = exact.get(text[a:b])
                if owners is None or (b < len(text) and _wordish(text[b])):
                    continue
                for o in owners:
                    if found[o] is not None or resume[o] > a:
                        continue
                    negated = parsed.is_negated_at(a) or parsed.is_negated_after(b)
                    if negated and not include_negated:
                        resume[o] = b
                        continue
                    s, e = parsed.canon.span(a, b)
                    form = text[a:b]
                    found[o] = PhraseMatch(self._by_norm[o][form], s, e, 100.0, negated, self._weights[o][form])

    def _search_fuzzy(self, parsed: Parsed, spans: list[tuple[int, int, list[PhraseMatch | None]]],
                      include_negated: bool) -> None:
        """The best fuzzy match of each owner still without one, in each span of the words ranked
        ``lo``..``hi`` (with what was found there so far). Word by word, the phrases keyed by a pool
        word close to it are compared with the windows around it; which of a key's phrases may match
        at all (their words all close to some word of the text) is found once for every span."""
        close = self._near(parsed)
        # a span without a word close to any phrase's is not searched
        searched = [(span, present) for span in spans if (present := set().union(*close[span[0]:span[1]]))]
        if not searched:
            return
        anywhere: set[str] = set().union(*(present for _, present in searched))
        wanted = [False] * self.owners  # the owners still without a match in some span
        for (_, _, found), _ in searched:
            wanted = [w or m is None for w, m in zip(wanted, found, strict=True)]
        by_key = self._by_key
        keyless = [f for f in self._keyless if f.needs <= anywhere and wanted[f.owner]]
        keyed = {"": keyless}  # by key, as first met ("" for the phrases without one, compared at every word)
        content, words = _content(parsed), _content_words(parsed)
        windows = parsed.windows
        cum = _lengths(parsed) + self._beyond
        threshold = self.threshold
        for (lo, hi, found), present in searched:
            best: dict[int, tuple[float, int, tuple[int, int], int, str, bool]] = {}
            for kk in range(lo, hi):
                for key in (*close[kk], "") if keyless else close[kk]:
                    group = keyed.get(key)
                    if group is None:
                        group = keyed[key] = [f for f in by_key.get(key, ()) if f.needs <= anywhere and wanted[f.owner]]
                    for f in group:
                        if found[f.owner] is not None or not f.needs <= present:
                            continue
                        for shift, width, shortest, longest, aligned in f.shapes:
                            # no window whose length alone keeps it under the threshold is built or
                            # compared (its length is read first: most are ruled out by it), nor one
                            # outside the span, or as long as the phrase without its meaningful words in place
                            k = kk + shift
                            length = cum[k + width] - cum[k] - 1
                            if length < shortest or length > longest or k < lo or k + width > hi or (
                                    words[k] in NEGATORS or any(w not in close[kk + d] for d, w in aligned)):
                                continue
                            got = windows.get((k, width))
                            if got is None:  # (first and last word position, words: shared by every index)
                                got = windows[k, width] = (content[k], content[k + width - 1],
                                                           " ".join(words[k:k + width]))
                            score = fuzz.ratio(f.norm, got[2], score_cutoff=threshold)
                            if not score or not _typo_close(f.norm, got[2]):
                                continue
                            a, b = got[0], got[1]
                            negated = parsed.negated[a] or parsed.is_negated_after(parsed.ends[b])
                            if negated and not include_negated:
                                continue
                            # the best score, then the earliest in the text, then the owner's earlier
                            # phrase, then the shorter window
                            cand = (float(score), -parsed.starts[a], (-f.rank[0], -f.rank[1]), -b, f.norm, negated)
                            held = best.get(f.owner)
                            if held is None or cand[:4] > held[:4]:
                                best[f.owner] = cand
            for owner, (score, neg_start, _, neg_b, norm, negated) in best.items():
                s, e = parsed.canon.span(-neg_start, parsed.ends[-neg_b])
                found[owner] = PhraseMatch(self._by_norm[owner][norm], s, e, score, negated,
                                           self._weights[owner][norm])


@lru_cache(maxsize=128)
def _shared(owners: tuple[tuple[str, ...], ...], threshold: float, inflect: bool) -> PhraseIndex:
    return PhraseIndex(owners, threshold, inflect)


def phrase_index(owners: Sequence[Sequence[str]], threshold: float = 88.0, inflect: bool = False) -> PhraseIndex:
    """An index over these phrases, built once per process and shared by every session that asks for
    the same phrases (with what it remembers of the words it has seen)."""
    key = tuple(tuple(p for p in phrases if isinstance(p, str)) for phrases in owners)
    return _shared(key, float(threshold), inflect)


class PhraseMatcher:
    """Find the best of several phrases in a reply (a :class:`PhraseIndex` with one owner)."""

    def __init__(self, phrases: Sequence[str], threshold: float = 88.0, inflect: bool = False):
        self.phrases: list[str] = [p for p in phrases if isinstance(p, str) and p.strip()]
        self.threshold = float(threshold)
        self._index = PhraseIndex([self.phrases], threshold, inflect)

    def __len__(self) -> int:
        return len(self.phrases)

    def search(self, text: str, include_negated: bool = False) -> PhraseMatch | None:
        if not self.phrases or not text:
            return None
        return self.search_parsed(parse(text), include_negated)

    def search_parsed(self, parsed: Parsed, include_negated: bool = False) -> PhraseMatch | None:
        return self._index.search_parsed(parsed, include_negated)[0]
