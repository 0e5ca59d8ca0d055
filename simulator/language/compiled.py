"""Banks compiled once into regular expressions, word sets and a typo corrector."""

from __future__ import annotations

import gc
import gzip
import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

try:        # CPython's own regex parser (no stubs): used only to find cheap gates for patterns
    import re._constants as _sre  # type: ignore[import-not-found]
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:     # pragma: no cover - other Pythons simply scan every pattern
    _sre = _sre_parse = None

from rapidfuzz import fuzz, process

from simulator.language.bankcache import compile_patterns, remembered
from simulator.language.banks import Banks, builtin_macros, default_banks, emotion_forms, expand_macros
from simulator.language.matcher import normalise_phrase, phrase_index

#: a pattern to try at a word: its id, its compiled ``match``, gated or not, its technique
Try = tuple[int, Callable[..., "re.Match[str] | None"], bool, str]

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
        if word in self.known or len(word) < 4 or not word.isalpha():
            return None
        if len(word) == 4:
            return word + "g" if word.endswith("in") and word + "g" in self.known else None
        if word.endswith("in") and word + "g" in self.known:
            return word + "g"           # "goin", "nothin", "talkin"
        for suffix in ("s", "es", "ed", "ing", "ly", "er", "ers", "est", "ies"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.known:
                return None     # an inflected form, not a typo
        if word in self._cache:
            return self._cache[word]
        fixed = None
        choices = [w for w in self._by_letter.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
        if choices:
            cutoff = 85.0 if len(word) >= 7 else 88.0
            best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None and not (best[0].startswith(word) or word.startswith(best[0])):
                fixed = best[0]
        if len(self._cache) < 100000:
            self._cache[word] = fixed
        return fixed


@lru_cache(maxsize=1)
def english_words(min_count: int = 20) -> frozenset[str]:
    """English words in common use (pyspellchecker's frequency list): a real word is never
    "corrected" into a key word ("sweating" is not a typo of "swearing")."""
    data = files("spellchecker").joinpath("resources/en.json.gz").read_bytes()

    def build() -> frozenset[str]:
        counts: dict[str, int] = json.loads(gzip.decompress(data))
        return frozenset(w for w, n in counts.items() if n >= min_count and w.isalpha())

    words = remembered("words", [data, str(min_count)], build)
    return words if isinstance(words, frozenset) else build()


_MAX_GATE = 3000


def _literal_options(items, limit: int = _MAX_GATE) -> set[str] | None:
    """Every string a fully literal (sub)pattern can match, or None if it is not literal."""
    out = {""}
    for op, av in items:
        if op is _sre.LITERAL:
            out = {o + chr(av) for o in out}
        elif op is _sre.AT:
            continue
        elif op is _sre.SUBPATTERN:
            sub = _literal_options(av[-1], limit)
            if sub is None:
                return None
            out = {o + x for o in out for x in sub}
        elif op is _sre.BRANCH:
            alts: set[str] = set()
            for alt in av[1]:
                sub = _literal_options(alt, limit)
                if sub is None:
                    return None
                alts |= sub
            out = {o + x for o in out for x in alts}
        elif op is _sre.MAX_REPEAT or op is _sre.MIN_REPEAT:
            lo, hi, inner = av
            if hi != 1:
                return None
            sub = _literal_options(inner, limit)
            if sub is None:
                return None
            out = {o + x for o in out for x in sub | ({""} if lo == 0 else set())}
        else:
            return None
        if len(out) > limit:
            return None
    return out


_ZERO = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT) if _sre else ()


class _Blank(dict):
    def __missing__(self, key):
        return r"(?:\w+)"


_BLANK_MACROS = _Blank()
_GATE_MACRO = 1000


def _zero_width(items) -> bool:
    for op, av in items:
        if op in _ZERO:
            continue
        if op is _sre.SUBPATTERN and _zero_width(av[-1]):
            continue
        if op is _sre.BRANCH and all(_zero_width(alt) for alt in av[1]):
            continue
        return False
    return True


def _first_chars(op, av) -> str | None:
    """The characters a class (or a repeat of one, at least once) may start with, when few."""
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        op, av = next(iter(av[2]))
    if op is not _sre.IN:
        return None
    chars = ""
    for mop, mav in av:
        if mop is _sre.CATEGORY and mav is _sre.CATEGORY_DIGIT:
            chars += "0123456789"
        elif mop is _sre.LITERAL:
            chars += chr(mav)
        else:
            return None
    return chars if chars and len(chars) <= 12 else None


def _prefixes(items, limit: int = _MAX_GATE) -> set[str] | None:
    """Literal strings one of which starts every match of ``items`` (None: unknown)."""
    out = {""}
    for op, av in items:
        if op in _ZERO:
            continue
        if op is _sre.SUBPATTERN and _zero_width(av[-1]):
            continue
        if op is _sre.BRANCH and all(_zero_width(alt) for alt in av[1]):
            continue
        if op is _sre.LITERAL:
            out = {o + chr(av) for o in out}
            continue
        full = _literal_options([(op, av)], limit)
        if full is not None and len(out) * len(full) <= limit:
            out = {o + x for o in out for x in full}
            continue
        # a digit or a small class of letters: extend by each of its characters, then stop
        chars = _first_chars(op, av)
        if chars is not None:
            if len(out) * len(chars) <= limit:
                out = {o + ch for o in out for ch in chars}
            break
        # not fully literal: extend by the literal start of each alternative, then stop
        if op is _sre.SUBPATTERN:
            sub = _prefixes(av[-1], limit)
        elif op is _sre.BRANCH:
            sub = set()
            for alt in av[1]:
                p = _prefixes(alt, limit)
                if p is None:
                    sub = None
                    break
                sub |= p
        else:
            sub = None
        if sub is not None and len(out) * len(sub) <= limit:
            out = {o + x for o in out for x in sub}
        break
    return out if len(out) <= limit else None


@lru_cache(maxsize=4)
def _items(pattern: str) -> list | None:
    """The pattern's top-level regex items (parsed once for both gates below); None: unknown."""
    if _sre_parse is None:
        return None
    try:
        return list(_sre_parse.parse(pattern))
    except Exception:
        return None


def gate_for(pattern: str) -> tuple[str, frozenset[str]]:
    """How to find a pattern cheaply: ("start", words), ("contains", words) or ("scan", no words).

    "start": every match begins with a token that starts with one of ``words``
    (so the pattern is only tried at those tokens); "contains": every match holds
    a token starting with one of ``words``; "scan": no cheap test.
    """
    items = _items(pattern)
    if items is None:
        return "scan", frozenset()
    prefix = _prefixes(items)
    if prefix and min(len(p.strip()) for p in prefix) >= 1 and all(p.strip() for p in prefix):
        keys = set()
        for p in prefix:
            ws = p.strip().split(" ")
            # "you seem" -> the bigram key; a lone or unfinished first word -> unigram
            if len(ws) >= 2 and ws[1] and p.strip().startswith(ws[0] + " "):
                keys.add(ws[0] + " " + ws[1])
            else:
                keys.add(ws[0])
        return "start", frozenset(keys)
    best: set[str] | None = None
    for op, av in items:
        if op in (_sre.SUBPATTERN, _sre.BRANCH, _sre.LITERAL) and not (
                op is not _sre.LITERAL and _zero_width([(op, av)])):
            sub = _prefixes([(op, av)])
            if sub and min(len(x.strip()) for x in sub) >= 3 and (best is None or len(sub) < len(best)):
                best = sub
    if best:
        return "contains", frozenset(x.strip().split()[0] for x in best)
    return "scan", frozenset()


_RUN = re.compile(r"[a-z0-9]+")


def required_runs(pattern: str) -> frozenset[str] | None:
    """Words one of which every match holds as a whole run of letters and digits (None: no such set).

    A group at the top of the pattern that is fully literal ("(?:idiot|moron)"), starts a word
    (after a space or a word boundary) and ends one (a space or a boundary follows, or a
    non-letter inside each alternative ends its first word) is required: some run of the text,
    split at anything not a letter or digit, is the first word of one of its alternatives. Of
    several such groups the one with the longest shortest word is kept (the rarest, likely).
    """
    items = _items(pattern)
    if items is None:
        return None
    best: frozenset[str] | None = None
    for idx, (op, av) in enumerate(items):
        if idx == 0 or op not in (_sre.SUBPATTERN, _sre.BRANCH) or _zero_width([(op, av)]):
            continue
        if not _opens(items, idx):
            continue
        options = _literal_options([(op, av)])
        if not options or "" in options:
            continue
        closed_after = _closes(items, idx + 1)
        runs: set[str] = set()
        for option in options:
            m = _RUN.match(option)
            if m is None or not (m.end() < len(option) or closed_after):
                runs = set()
                break
            runs.add(m.group())
        if runs and (best is None or min(map(len, runs)) > min(map(len, best))):
            best = frozenset(runs)
    return best


_MAX_TEXT_GATE = 16


def _gate_rank(options: set[str]) -> tuple[int, int, int]:
    """Longer strings are rarer (up to eight characters, past which all are rare); fewer are quicker;
    then the longer (whole words on both sides of a run, for ``runs_in_required_text``)."""
    shortest = min(map(len, options))
    return min(shortest, 8), -len(options), shortest


def _required_text(items) -> set[str] | None:
    """Strings one of which the text holds wherever ``items`` match (None: no such set found)."""
    best: set[str] | None = None

    def consider(options: set[str]) -> None:
        nonlocal best
        if options and "" not in options and len(options) <= _MAX_TEXT_GATE and (
                best is None or _gate_rank(options) > _gate_rank(best)):
            best = options

    run: set[str] = {""}    # the literal text matched since the last non-literal item
    tail = ""               # its single characters since the last literal group
    for op, av in items:
        if op is _sre.LITERAL:
            run = {r + chr(av) for r in run}
            tail += chr(av)
            continue
        sub: set[str] | None = None
        if op is _sre.SUBPATTERN:
            sub = _required_text(av[-1])
        elif op is _sre.BRANCH:
            sub = set()
            for alt in av[1]:
                got = _required_text(alt)
                if got is None:
                    sub = None
                    break
                sub |= got
        if op is _sre.SUBPATTERN or op is _sre.BRANCH:
            full = _literal_options([(op, av)], _MAX_TEXT_GATE)
            if full is not None and "" not in full and len(run) * len(full) <= _MAX_TEXT_GATE:
                consider({tail})
                consider(full)
                if sub:     # a few strings within the group may do better than all it can match
                    consider(sub)
                run, tail = {r + x for r in run for x in full}, ""
                continue
        consider(run)
        consider({tail})
        run, tail = {""}, ""
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            sub = _required_text(av[2])
        elif op is _sre.ASSERT:     # what a lookaround asserts is in the text too
            sub = _required_text(av[1])
        if sub:
            consider(sub)
    consider(run)
    consider({tail})
    return best


def required_text(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which the text holds wherever the pattern matches: a scanned pattern (one
    with no word to start from) is tried only when the text holds one. None: no such strings."""
    items = _items(pattern)
    if items is None or re.compile(pattern).flags & re.IGNORECASE or any(
            op is _sre.SUBPATTERN and av[1] & _sre.SRE_FLAG_IGNORECASE for op, av in _walk(items)):
        return None     # letters of either case: the literal strings would not be in the text as written
    got = _required_text(items)
    return tuple(sorted(got)) if got else None


def runs_in_required_text(pattern: str) -> frozenset[str] | None:
    """Words one of which every match's text holds as a whole run of letters and digits, read
    from ``required_text``: a run inside a required string, with something not a letter or digit
    on both sides of it there, is a whole run wherever the string is. Of each string the longest
    such run is kept; a string without one leaves None."""
    strings = required_text(pattern)
    if not strings:
        return None
    runs: set[str] = set()
    for string in strings:
        inner = [m.group() for m in _RUN.finditer(string)
                 if m.start() > 0 and m.end() < len(string)]
        if not inner:
            return None
        runs.add(max(inner, key=lambda r: (len(r), r)))
    return frozenset(runs)


class Quick:
    """A regular expression searched only where a first look finds one of the strings that every
    text it matches holds (``required_text``): a plain alternation of strings is found by the
    regex engine's quick scan, a pattern opening on a word boundary or a lookbehind is tried at
    every character. Same answers as the pattern, sooner where it cannot match."""

    __slots__ = ("_look", "pattern", "rx")

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern)
        self.pattern = pattern
        needs = required_text(pattern)
        self._look = (re.compile("|".join(re.escape(s) for s in sorted(needs, key=lambda s: (-len(s), s)))).search
                      if needs else None)

    def search(self, text: str) -> re.Match[str] | None:
        if self._look is not None and self._look(text) is None:
            return None
        return self.rx.search(text)


def _walk(items):
    """Every item of a parsed pattern, nested ones too."""
    for op, av in items:
        yield op, av
        if op is _sre.SUBPATTERN:
            yield from _walk(av[-1])
        elif op is _sre.BRANCH:
            for alt in av[1]:
                yield from _walk(alt)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            yield from _walk(av[2])
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            yield from _walk(av[1])


def _plain(code: int) -> bool:
    """A character that is not a lower-case letter or a digit (ends a run)."""
    return not ("a" <= chr(code) <= "z" or "0" <= chr(code) <= "9")


def _class_plain(members) -> bool:
    """A character class whose every member ends a run (spaces, punctuation)."""
    for op, av in members:
        if op is _sre.LITERAL and _plain(av):
            continue
        if op is _sre.CATEGORY and av is _sre.CATEGORY_SPACE:
            continue
        return False
    return True


def _closes(items, j: int) -> bool:
    """Is the character after a match of ``items[:j]`` surely not a letter or digit (or the end)?"""
    if j >= len(items):
        return False  # the pattern ends: the text may go on with the same word
    op, av = items[j]
    if op is _sre.LITERAL:
        return _plain(av)
    if op is _sre.AT:
        return av in (_sre.AT_BOUNDARY, _sre.AT_END, _sre.AT_END_STRING)
    if op is _sre.IN:
        return _class_plain(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        lo, _hi, sub = av
        return _closes(list(sub), 0) and (lo >= 1 or _closes(items, j + 1))
    if op is _sre.SUBPATTERN:
        return _closes(list(av[-1]) + list(items[j + 1:]), 0)
    if op is _sre.BRANCH:
        return all(_closes(list(alt) + list(items[j + 1:]), 0) for alt in av[1])
    if op is _sre.ASSERT and av[0] == 1:  # a lookahead: what follows starts as it says
        return _closes(list(av[1]), 0)
    return False


def _opens(items, j: int) -> bool:
    """Is the character before ``items[j]`` surely not a letter or digit (or the start)?"""
    if j == 0:
        return False  # the match may start inside a word
    op, av = items[j - 1]
    if op is _sre.LITERAL:
        return _plain(av)
    if op is _sre.AT:
        return av in (_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
    if op is _sre.IN:
        return _class_plain(av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        lo, _hi, sub = av
        sub = list(sub)
        return _opens(sub, len(sub)) and (lo >= 1 or _opens(items, j - 1))
    if op is _sre.SUBPATTERN:
        sub = list(items[:j - 1]) + list(av[-1])
        return _opens(sub, len(sub))
    if op is _sre.BRANCH:
        return all(_opens(list(items[:j - 1]) + list(alt), len(items[:j - 1]) + len(alt)) for alt in av[1])
    if op is _sre.ASSERT and av[0] == -1:  # a lookbehind: what precedes ends as it says
        sub = list(av[1])
        return _opens(sub, len(sub))
    return False


def plan_pattern(gated: str) -> tuple[str, frozenset[str], frozenset[str] | None, tuple[str, ...] | None]:
    """How a pattern is found (see ``gate_for``), the words one of which it needs (None: not gated)
    and, unless it starts at a word, the strings one of which the text must hold (None: any)."""
    kind, words = gate_for(gated)
    need = required_runs(gated)
    if not need or min(map(len, need)) < 3:
        need = runs_in_required_text(gated)
    if not need or min(map(len, need)) < 3:
        need = None
    return kind, words, need, (None if kind == "start" else required_text(gated))


class Compiled:
    def __init__(self, banks: Banks, cache_folder: Path | None = None):
        """``cache_folder``: where compiled patterns are kept between runs (see ``bankcache``);
        by default the cache folder of the settings."""
        self.banks = banks
        macros = builtin_macros(banks)
        #: every pattern: (technique, compiled, how it is found, gate words)
        self.patterns: list[tuple[str, re.Pattern, str, frozenset[str] | None]] = []
        #: first-word prefix -> patterns tried at tokens starting so ("start" gates)
        self.start_index: dict[str, list[int]] = {}
        self.contains_index: dict[str, list[int]] = {}
        self.scanned: list[int] = []
        #: a scanned or "contains" pattern is tried only when the text holds one of these strings
        #: (None: always)
        self.scan_needs: dict[int, tuple[str, ...] | None] = {}
        #: patterns tried only when the text holds one of the words they need, and by word, the
        #: patterns that need it (see required_runs)
        self.gated: set[int] = set()
        self.needed_by: dict[str, list[int]] = {}
        # small macros (a few dozen words) are expanded for the gates: "a {{person}}" is then
        # tried only before one of its words; the big lexicons are blanked
        gate_macros = _Blank({k: v for k, v in macros.items() if len(v) <= _GATE_MACRO})
        # gates come from the pattern with its macros blanked (parsing the expanded lexicon
        # alternations would be slow and adds nothing)
        sources = [(tid, expand_macros(p, macros), expand_macros(p, gate_macros))
                   for tid, pats in banks.patterns.items() for p in pats]
        compiled = compile_patterns([(full, gated) for _, full, gated in sources], plan_pattern, cache_folder)
        for (tid, _, _), (rx, (kind, words, need, needs_text)) in zip(sources, compiled, strict=True):
            pid = len(self.patterns)
            self.patterns.append((tid, rx, kind, words))
            if need:
                self.gated.add(pid)
                for w in need:
                    self.needed_by.setdefault(w, []).append(pid)
            if kind == "start":
                for w in words:
                    self.start_index.setdefault(w, []).append(pid)
            else:
                if kind == "contains":
                    for w in words:
                        self.contains_index.setdefault(w, []).append(pid)
                else:
                    self.scanned.append(pid)
                self.scan_needs[pid] = needs_text
        self.negatable = {tid: banks.negatable.get(tid, True) for tid in banks.patterns}
        self._lookup_cache: dict[tuple[str, str], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._word_cache: dict[str, tuple[tuple[Try, ...], tuple[int, ...], bool, tuple[int, ...]]] = {}
        self._pair_cache: dict[str, dict[str, tuple[tuple[Try, ...], tuple[int, ...]]]] = {}
        self._pairs = 0
        #: capitalised words known never to be a name where one would stand (see names.find_name)
        self.not_names: dict[str, bool] = {}
        self._spaced_heads: frozenset[str] | None = None
        self._longest_key: int | None = None
        self._index_phrases(banks)
        self.stopwords = frozenset(w.lower() for w in banks.stopwords)
        self.encouragers = frozenset(normalise_phrase(w) for w in banks.encouragers)
        self.encourager_words = frozenset(w for e in self.encouragers for w in e.split())
        self.imperatives = frozenset(w.lower() for w in banks.imperative_verbs)
        self.advice_verbs = frozenset(w.lower() for w in banks.advice_verbs)
        self.judgment = expand_macros("{{judgment}}", macros) if "judgment" in macros else "(?!x)x"
        emotions: set[str] = set()
        for feelings in banks.emotions.values():
            for w in feelings:
                emotions |= emotion_forms(w.lower())
        self.emotion_words = frozenset(emotions)
        vocab = {w for e in emotions for w in e.split()}
        vocab |= {w for s in banks.situation_words for w in s.lower().split()}
        vocab |= set(self.imperatives) | set(self.encourager_words) | set(self.advice_verbs)
        for pats in banks.patterns.values():
            for p in pats:
                vocab |= set(_WORD_IN_PATTERN.findall(p))
        for ph in banks.phrases.values():
            for p in ph:
                vocab |= set(normalise_phrase(p).split())
        known = set(self.stopwords) | {w.lower() for w in banks.common_words} | english_words()
        self.corrector = Corrector({w for w in vocab if w.isalpha()}, known)


    def with_phrases(self, extra: dict[str, list[str]]) -> Compiled:
        """A copy sharing every compiled pattern, with more literal phrases per technique."""
        banks = self.banks.copy()
        banks.add_phrases(extra)
        clone = object.__new__(Compiled)
        clone.__dict__.update(self.__dict__)
        clone.banks = banks
        clone._index_phrases(banks)
        return clone

    def _index_phrases(self, banks: Banks) -> None:
        """One phrase index over every technique's literal phrases."""
        self.phrase_ids: list[str] = [tid for tid, ph in banks.phrases.items() if ph]
        self.phrases = phrase_index([banks.phrases[tid] for tid in self.phrase_ids])

    def lookup_word(self, word: str) -> tuple[tuple[Try, ...], tuple[int, ...], bool, tuple[int, ...]]:
        """``lookup`` for a word whose next word cannot matter (no index key is the word, a space
        and more), as the tries to make there (see ``tries``), and whether the next word can
        matter: then ask ``lookup_pair``; last, the gated patterns the word's runs of letters and
        digits let through (see ``needed_by``). Cached by word (a string key hashes once; a pair
        is hashed anew for every token)."""
        got = self._word_cache.get(word)
        if got is None:
            heads = self._spaced_heads
            if heads is None:
                heads = self._spaced_heads = frozenset(
                    k.split(" ", 1)[0] for k in [*self.start_index, *self.contains_index] if " " in k)
            spaced = word in heads
            needs = tuple(dict.fromkeys(pid for run in _RUN.findall(word) for pid in self.needed_by.get(run, ())))
            if spaced:
                got = ((), (), True, needs)
            else:
                starts, contains = self.lookup(word, "")
                got = (self.tries(starts), contains, False, needs)
            if len(self._word_cache) < 200000:
                self._word_cache[word] = got
        return got

    def lookup_pair(self, word: str, nxt: str) -> tuple[tuple[Try, ...], tuple[int, ...]]:
        """``lookup`` as tries, cached by word and then by the next word."""
        by_next = self._pair_cache.get(word)
        if by_next is None:
            by_next = self._pair_cache[word] = {}
        got = by_next.get(nxt)
        if got is None:
            starts, contains = self.lookup(word, nxt)
            got = (self.tries(starts), contains)
            if self._pairs < 200000:       # as many as ``lookup`` keeps (hostile input cannot grow it)
                by_next[nxt] = got
                self._pairs += 1
        return got

    def tries(self, pids: tuple[int, ...]) -> tuple[Try, ...]:
        """What trying each pattern at a word needs at hand: its id, its ``match``, whether it is
        gated (tried only if the text holds a word it needs) and its technique."""
        gated, patterns = self.gated, self.patterns
        return tuple((pid, patterns[pid][1].match, pid in gated, patterns[pid][0]) for pid in pids)

    def lookup(self, word: str, nxt: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Patterns that may start at ``word`` (followed by ``nxt``), and "contains" patterns."""
        key = (word, nxt)
        got = self._lookup_cache.get(key)
        if got is not None:
            return got
        starts: list[int] = []
        contains: list[int] = []
        longest = self._longest_key
        if longest is None:  # no index key is longer: no longer prefix can be one
            longest = self._longest_key = max(map(len, [*self.start_index, *self.contains_index]), default=0)
        keys = [word[:k] for k in range(1, min(len(word), longest) + 1)]
        keys.extend(word + " " + nxt[:k] for k in range(1, min(len(nxt), longest - len(word) - 1) + 1))
        for pre in keys:
            starts.extend(self.start_index.get(pre, ()))
            contains.extend(self.contains_index.get(pre, ()))
        got = (tuple(dict.fromkeys(starts)), tuple(dict.fromkeys(contains)))
        if len(self._lookup_cache) < 200000:
            self._lookup_cache[key] = got
        return got


@lru_cache(maxsize=1)
def default_compiled() -> Compiled:
    """The package's banks, compiled once per process. They live as long as the process (several
    hundred thousand objects: patterns, lexicons, the corrector's words), so they are frozen out of
    the garbage collector's passes, as the engine freezes what a call has loaded (``live.heap``):
    otherwise every full pass walks them again, and reading replies runs about 6% slower."""
    compiled = Compiled(default_banks())
    gc.freeze()
    return compiled
