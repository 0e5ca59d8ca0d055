"""Fuzzy, token-aligned matching of short trigger phrases (rapidfuzz), negation-aware."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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


#: how close (rapidfuzz ratio) a word of the text must be to a phrase's key word for the phrase to be
#: searched at all; below what a match needs (each meaningful word 80, 75 for a swapped pair in a
#: four-letter word; the whole phrase 93 when a word is split or joined, where the longer half of
#: the split key word stays above 70 for any key word up to a dozen letters)
_NEAR = 70.0
#: up to this many windows, comparing them all at once (in C) is cheaper than picking them out
_FEW = 80


def _distinct(parsed: Parsed) -> list[str]:
    """The text's distinct words (punctuation left out), once per text."""
    if parsed.distinct is None:
        parsed.distinct = sorted({w for w in parsed.words if w not in _PUNCT})
    return parsed.distinct


def _near(parsed: Parsed, key: str) -> tuple[int, ...]:
    """The word positions of the text close to ``key``."""
    cached = parsed.near.get(key)
    if cached is None:
        close = {w for w, _, _ in process.extract(key, _distinct(parsed), scorer=fuzz.ratio, score_cutoff=_NEAR,
                                                  limit=None)}
        cached = tuple(i for i, w in enumerate(parsed.words) if w in close)
        parsed.near[key] = cached
    return cached


def _present(parsed: Parsed, keys: frozenset[str]) -> frozenset[str]:
    """Which of ``keys`` have a close word in the text (tested word by word, once per text)."""
    missing = keys - parsed.checked
    if missing:
        pool = sorted(missing)
        for word in _distinct(parsed):
            parsed.present.update(k for k, _, _ in process.extract(word, pool, scorer=fuzz.ratio,
                                                                  score_cutoff=_NEAR, limit=None))
        parsed.checked |= missing
    return keys & parsed.present


def _windows(parsed: Parsed, size: int) -> tuple[list[tuple[int, int]], list[str], dict[int, list[int]]]:
    """Word windows about ``size`` words long (punctuation skipped, never starting on a negator),
    with their first and last word; built once per text and size, shared by every matcher."""
    cached = parsed.windows.get(size)
    if cached is not None:
        return cached
    words = parsed.words
    idx = [i for i, w in enumerate(words) if w not in _PUNCT]
    spans = set()
    for width in {size - 1, size, size + 1} if size >= 3 else {size}:
        if width < 1 or width > len(idx):
            continue
        for k in range(len(idx) - width + 1):
            if words[idx[k]] not in NEGATORS:
                spans.add((idx[k], idx[k + width - 1]))
    spans_l = sorted(spans)
    windows = [" ".join(w for w in words[a:b + 1] if w not in _PUNCT) for a, b in spans_l]
    holding: dict[int, list[int]] = {}  # word position -> the windows that hold it
    for wi, (a, b) in enumerate(spans_l):
        for i in range(a, b + 1):
            holding.setdefault(i, []).append(wi)
    parsed.windows[size] = (spans_l, windows, holding)
    return spans_l, windows, holding


class PhraseMatcher:
    """Find the best of several phrases in a reply.

    Phrases are normalised once.  A phrase matches only whole words (so "arrest"
    never matches "a rest"): exact matches first, then rapidfuzz ``ratio`` against
    windows of the reply's words of about the phrase's length.  Very short phrases
    (one word of six letters or fewer) must match exactly.
    """

    def __init__(self, phrases: Sequence[str], threshold: float = 88.0, inflect: bool = False):
        self.phrases: list[str] = [p for p in phrases if isinstance(p, str) and p.strip()]
        self.threshold = float(threshold)
        self._by_norm: dict[str, str] = {}
        for p in self.phrases:
            norm = normalise_phrase(p)
            if not norm:
                continue
            self._by_norm.setdefault(norm, p)
            if inflect:
                for form in with_inflections(norm):
                    self._by_norm.setdefault(form, p)
        norms = sorted(self._by_norm, key=lambda n: (-len(n), n))
        self._exact = (re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(n) for n in norms)
                                  + r")(?![\w'])") if norms else None)
        self._fuzzy: dict[int, list[str]] = {}
        #: each fuzzy phrase's longest meaningful word: a window can match the phrase only if it holds
        #: a word close to it, so only the windows around such words are compared
        self._key: dict[str, str | None] = {}
        for n in norms:
            size = n.count(" ") + 1
            if size == 1 and len(n) <= 6:  # a short word with one letter off is another word (coke, choke)
                continue
            self._fuzzy.setdefault(size, []).append(n)
            meaningful = [w for w in n.split() if w not in _FUNCTION]
            self._key[n] = max(meaningful, key=len) if meaningful else None
        # per size, the phrases grouped by key word (in their order), so a key absent from the text
        # rules out its whole group at once
        self._groups: dict[int, dict[str, list[tuple[int, str]]]] = {}
        self._keyless: dict[int, list[tuple[int, str]]] = {}
        for size, group in self._fuzzy.items():
            by_key: dict[str, list[tuple[int, str]]] = {}
            for order, n in enumerate(group):
                key = self._key[n]
                if key is None:
                    self._keyless.setdefault(size, []).append((order, n))
                else:
                    by_key.setdefault(key, []).append((order, n))
            self._groups[size] = by_key
        self._keyset = frozenset(k for k in self._key.values() if k is not None)

    def __len__(self) -> int:
        return len(self.phrases)

    def search(self, text: str, include_negated: bool = False) -> PhraseMatch | None:
        if not self.phrases or not text:
            return None
        return self.search_parsed(parse(text), include_negated)

    def search_parsed(self, parsed: Parsed, include_negated: bool = False) -> PhraseMatch | None:
        if self._exact is None:
            return None
        canon = parsed.canon
        for m in self._exact.finditer(canon.text):
            negated = parsed.is_negated_at(m.start())
            if negated and not include_negated:
                continue
            s, e = canon.span(m.start(), m.end())
            return PhraseMatch(self._by_norm[m.group()], s, e, 100.0, negated)
        if not self._fuzzy:
            return None
        best: tuple[float, int, int, str, bool] | None = None
        present = _present(parsed, self._keyset)
        for size in self._fuzzy:
            spans_l, windows, holding = _windows(parsed, size)
            if not spans_l:
                continue
            groups = self._groups[size]
            live = sorted([*self._keyless.get(size, ()),
                           *(item for key in present if key in groups for item in groups[key])])
            for _, norm in live:  # in the phrases' own order, so ties fall as they always did
                key = self._key[norm]
                if key is None or len(windows) <= _FEW:
                    hits = process.extract(norm, windows, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None)
                else:  # a long reply: only the windows around the key word
                    around = sorted({wi for i in _near(parsed, key) for wi in holding.get(i, ())})
                    hits = sorted(((windows[wi], score, wi) for wi in around
                                   if (score := fuzz.ratio(norm, windows[wi], score_cutoff=self.threshold))),
                                  key=lambda h: -h[1])  # best first, then in text order, as process.extract
                for window, score, wi in hits:
                    if not _typo_close(norm, window):
                        continue
                    a, b = spans_l[wi]
                    if best is not None and (score, -parsed.starts[a]) <= best[:2]:
                        continue
                    negated = parsed.negated[a]
                    if negated and not include_negated:
                        continue
                    best = (float(score), -parsed.starts[a], a * 100000 + b, norm, negated)
        if best is None:
            return None
        a, b = divmod(best[2], 100000)
        s, e = canon.span(parsed.starts[a], parsed.ends[b])
        return PhraseMatch(self._by_norm[best[3]], s, e, best[0], best[4])
