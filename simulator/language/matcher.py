"""Fuzzy, token-aligned matching of short trigger phrases (rapidfuzz), negation-aware."""

from __future__ import annotations

import itertools
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


def _typo_close(phrase: str, window: str) -> bool:
    """A fuzzy hit must be the phrase with typos, not another phrase that shares most
    letters: word for word, each word close ("have you eaten" is not "have you been");
    a window one word longer or shorter needs a near-exact overall match."""
    pw, ww = phrase.split(), window.split()
    if len(pw) != len(ww):
        return fuzz.ratio(phrase, window) >= 93
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


@dataclass(frozen=True)
class _Fuzzy:
    """One phrase compared fuzzily: its owner, its place among the owner's phrases (ties fall to the
    earlier), its length in words, its longest meaningful word and all its meaningful words."""

    norm: str
    owner: int
    rank: tuple[int, int]
    size: int
    key: str | None
    key_at: int
    needs: frozenset[str]


def _wordish(c: str) -> bool:
    return c.isalnum() or c in "_'"


def _atoms(parsed: Parsed) -> list[tuple[int, int, int]]:
    """Where an exact phrase may start and end (with the word it is in): the words, and the parts of a
    hyphenated word; found once per text, for every index that searches it."""
    cached = parsed.indexed.get("atoms")
    if cached is not None:
        return cached  # type: ignore[return-value]
    out: list[tuple[int, int, int]] = []
    for i, (w, a) in enumerate(zip(parsed.words, parsed.starts, strict=False)):
        if "-" in w and len(w) > 1:
            pos = a
            for part in w.split("-"):
                if part:
                    out.append((pos, pos + len(part), i))
                pos += len(part) + 1
        else:
            out.append((a, a + len(w), i))
    parsed.indexed["atoms"] = out
    return out


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


def _window(parsed: Parsed, k: int, width: int) -> tuple[int, int, str]:
    """The window of ``width`` words from the text's ``k``-th word: first and last word position, words."""
    key = (k, width)
    cached = parsed.windows.get(key)
    if cached is None:
        content = _content(parsed)
        cached = (content[k], content[k + width - 1], " ".join(_content_words(parsed)[k:k + width]))
        parsed.windows[key] = cached
    return cached


def _starts(n: int, size: int, key_at: int | None, around: Sequence[int], lo: int, hi: int) -> set[tuple[int, int]]:
    """The windows (first word, width) among the words ``lo``..``hi`` (of ``n``) where a phrase of
    ``size`` words may match: all of them, or those holding its key word (the ``key_at``-th)
    where it would stand, at the word positions ``around``: in place in a window as long as the
    phrase, one word either way in one a word longer (a word split) or shorter (two run together)."""
    out: set[tuple[int, int]] = set()
    if key_at is None:
        for width in _widths(size):
            out.update((k, width) for k in range(lo, hi - width + 1))
        return out
    for kk in around:
        for width in _widths(size):
            shifts = (0,) if width == size else (0, 1) if width < size else (-1, 0)
            for shift in shifts:
                k = kk - key_at + shift
                if lo <= k and k + width <= hi and width >= 1:
                    out.add((k, width))
    return out


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
                fuzzy.append(_Fuzzy(n, owner, rank, size, key, n.split().index(key) if key else 0,
                                    frozenset(meaningful)))
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

    def _ranks(self, parsed: Parsed) -> dict[str, list[int]]:
        """For this text: each pool word close to one of its words, and where those words stand (by rank)."""
        cached = parsed.indexed.get((self._id, "ranks"))
        if cached is None:
            ranks: dict[str, list[int]] = {}
            for k, close in enumerate(self._near(parsed)):
                for p in close:
                    ranks.setdefault(p, []).append(k)
            parsed.indexed[(self._id, "ranks")] = cached = ranks
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
        atom_words = [w for _, _, w in atoms]
        content = _content(parsed)
        for first, end in ranges:
            found: list[PhraseMatch | None] = [None] * self.owners
            self._search_exact(parsed, atoms[bisect_left(atom_words, first):bisect_left(atom_words, end)],
                               include_negated, found)
            if self._fuzzy and any(f is None for f in found):
                self._search_fuzzy(parsed, bisect_left(content, first), bisect_left(content, end),
                                   include_negated, found)
            out.append(found)
        return out

    def _search_exact(self, parsed: Parsed, atoms: list[tuple[int, int, int]], include_negated: bool,
                      found: list[PhraseMatch | None]) -> None:
        text = parsed.canon.text
        resume = [0] * self.owners  # an owner's scan goes on after its last (negated) match
        exact, lengths = self._exact, self._lengths
        n = len(atoms)
        for i, (a, first_end, _) in enumerate(atoms):
            sizes = lengths.get(text[a:first_end])
            if sizes is None or (a > 0 and _wordish(text[a - 1])):
                continue
            for size in sizes:  # the longest first
                if i + size > n:
                    continue
                b = atoms[i + size - 1][1]
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

    def _search_fuzzy(self, parsed: Parsed, lo: int, hi: int, include_negated: bool,
                      found: list[PhraseMatch | None]) -> None:
        """The best fuzzy match of each owner still without one, among the words ranked ``lo``..``hi``."""
        close = self._near(parsed)
        present: set[str] = set().union(*close[lo:hi])
        if not present:
            return
        live = [f for f in self._keyless if f.needs <= present and found[f.owner] is None]
        by_key = self._by_key
        for key in present:  # (a few words; the index holds thousands of keys)
            group = by_key.get(key)
            if group is not None:
                live.extend([f for f in group if f.needs <= present and found[f.owner] is None])
        if not live:
            return
        content, words = _content(parsed), parsed.words
        n = len(content)
        ranks = self._ranks(parsed)
        windows = parsed.windows
        cum = _lengths(parsed)
        slack = 100.0 - self.threshold
        best: dict[int, tuple[float, int, tuple[int, int], int, str, bool]] = {}
        starts_of: dict[tuple[str | None, int, int], list[tuple[int, int]]] = {}
        for f in live:
            spot = (f.key, f.key_at, f.size)
            starts = starts_of.get(spot)
            if starts is None:
                around: Sequence[int] = ()
                if f.key is not None:
                    at = ranks[f.key]
                    around = at[bisect_left(at, lo):bisect_left(at, hi)]
                starts = starts_of[spot] = [kw for kw in _starts(n, f.size, None if f.key is None else f.key_at,
                                                                 around, lo, hi)
                                            if words[content[kw[0]]] not in NEGATORS]
            size = len(f.norm)
            for k, width in starts:
                # no window whose length alone keeps it under the threshold is built or compared
                # (a ratio is at most 100 * (1 - length difference / total length))
                length = cum[k + width] - cum[k] - 1
                if abs(length - size) * 100.0 > slack * (length + size):
                    continue
                got = windows.get((k, width)) or _window(parsed, k, width)
                score = fuzz.ratio(f.norm, got[2], score_cutoff=self.threshold)
                if not score or not _typo_close(f.norm, got[2]):
                    continue
                a, b = got[0], got[1]
                negated = parsed.negated[a] or parsed.is_negated_after(parsed.ends[b])
                if negated and not include_negated:
                    continue
                # the best score, then the earliest in the text, then the owner's earlier phrase, then
                # the shorter window
                cand = (float(score), -parsed.starts[a], (-f.rank[0], -f.rank[1]), -b, f.norm, negated)
                held = best.get(f.owner)
                if held is None or cand[:4] > held[:4]:
                    best[f.owner] = cand
        for owner, (score, neg_start, _, neg_b, norm, negated) in best.items():
            s, e = parsed.canon.span(-neg_start, parsed.ends[-neg_b])
            found[owner] = PhraseMatch(self._by_norm[owner][norm], s, e, score, negated, self._weights[owner][norm])


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
