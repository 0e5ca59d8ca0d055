"""Canonical form of a reply: lower case, contractions and street spellings expanded.

Detectors match against the canonical text only, so a pattern is written once
("do not", "you are", "going to") and still finds "dont", "ur", "gonna".  Every
canonical character keeps the offsets of the original characters it came from,
so a span found in the canonical text maps back to the exact original substring.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"',
                         "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "."})

# A token is a word (letters, digits, inner apostrophes and hyphens) or one
# non-space symbol.  "..." stays three tokens of ".".
TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*'?|[^\sa-z0-9]", re.I)
#: the same over lower-cased text (no case folding: faster)
_TOKEN_LOWER = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*'?|[^\sa-z0-9]")

#: whole-token rewrites (street spellings, missing apostrophes, contractions)
REWRITES: dict[str, str] = {
    # missing apostrophes
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
    "wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "wouldnt": "would not", "shouldnt": "should not",
    "couldnt": "could not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "aint": "is not", "mustnt": "must not", "neednt": "need not",
    "im": "i am", "ive": "i have", "youre": "you are", "youve": "you have",
    "youll": "you will", "youd": "you would", "theyre": "they are", "theyve": "they have",
    "thats": "that is", "whats": "what is", "wheres": "where is", "hows": "how is",
    "whos": "who is", "theres": "there is", "heres": "here is", "lets": "let us",
    "itll": "it will", "yall": "you all", "y'all": "you all", "ima": "i am going to",
    "imma": "i am going to", "i'ma": "i am going to", "i'mma": "i am going to",
    # street / texting spellings
    "u": "you", "ya": "you", "yu": "you", "r": "are", "ur": "your", "yr": "your",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "hafta": "have to",
    "gotcha": "got you", "lemme": "let me", "gimme": "give me", "kinda": "kind of",
    "sorta": "sort of", "dunno": "do not know", "cuz": "because", "coz": "because",
    "cos": "because", "bc": "because", "b/c": "because", "tho": "though", "thru": "through",
    "pls": "please", "plz": "please", "plez": "please", "thx": "thanks", "thnx": "thanks",
    "ty": "thank you", "k": "okay", "kk": "okay", "ok": "okay", "okey": "okay",
    "alright": "all right", "aight": "all right", "ight": "all right", "nah": "no",
    "nope": "no", "yep": "yes", "yup": "yes", "ye": "yes", "ppl": "people", "n": "and",
    "w/": "with", "abt": "about", "bout": "about", "til": "until", "till": "until",
    "tryna": "trying to", "finna": "going to", "boutta": "about to", "outta": "out of",
    "lotta": "lot of", "shoulda": "should have", "coulda": "could have", "woulda": "would have",
    "cannot": "can not", "idk": "i do not know", "imo": "in my opinion", "rn": "right now",
    "mhm": "mm-hmm", "mmhm": "mm-hmm", "mmhmm": "mm-hmm", "mm-hm": "mm-hmm", "uh-hm": "mm-hmm",
    "uhhuh": "uh-huh", "uh-huh": "uh-huh", "mmm": "mm", "hmm": "mm", "hmmm": "mm", "hm": "mm",
    "yeah": "yes", "yea": "yes", "ofc": "of course", "cop": "cop", "wassup": "what is up",
    "urself": "yourself", "urselves": "yourselves", "yourslef": "yourself", "cmon": "come on",
    "c'mon": "come on", "everyones": "everyone is", "everybodys": "everybody is", "nobodys": "nobody is",
    "q": "question",
    # a dropped g typed without its apostrophe ("takin", "nothin")
    **{w + "in": w + "ing" for w in (
        "tak", "go", "do", "noth", "someth", "anyth", "everyth", "talk", "look", "com", "gett", "mak", "say",
        "try", "mess", "play", "ly", "act", "yell", "scream", "runn", "walk", "think", "kidd", "jok", "tripp",
        "bugg", "freak", "fuck", "wait", "leav", "liv", "feel", "hurt", "drink", "driv", "work", "sleep", "cry",
        "listen", "help", "call", "fight", "hitt", "push", "start", "stay", "tell", "ask", "lett", "mov", "sitt",
        "stand", "shoot", "wast", "chill")},
    "whatcha": "what are you", "dwn": "down", "nd": "and", "wat": "what", "wut": "what",
    "whatchu": "what are you", "becuz": "because", "bcuz": "because", "bcoz": "because",
    "prolly": "probably", "def": "definitely", "hav": "have", "wit": "with", "iight": "all right",
    "ppl's": "people's", "y'know": "you know", "ya'll": "you all", "yknow": "you know", "ain't": "is not",
}

_CONTRACTION_SUFFIXES = (
    ("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'d", " would"),
    ("'m", " am"),
)
_IRREGULAR_NT = {"won't": "will not", "can't": "can not", "shan't": "shall not",
                 "ain't": "is not", "don't": "do not"}
#: "'s" is expanded to " is" only after these (elsewhere it is a possessive)
_S_IS = {"it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "this",
         "everything", "nothing", "everyone", "nobody", "someone", "something", "one", "when",
         "why", "life", "which", "name"}


@dataclass
class Canonical:
    """Canonical text with a map back to the original string.

    ``pieces`` holds, per original token, (canonical start, canonical end,
    original start, original end, unchanged); ``words``/``word_starts``/``word_ends``
    are the canonical words (a token such as "don't" gives two: "do", "not").
    """

    original: str
    text: str
    pieces: list[tuple[int, int, int, int, bool]]
    words: list[str]
    word_starts: list[int]
    word_ends: list[int]

    def _orig(self, offset: int, end: bool) -> int:
        pieces = self.pieces
        if not pieces:
            return 0
        i = bisect.bisect_right(self._cstarts, offset) - 1
        if i < 0:
            return pieces[0][2]
        cs, ce, os_, oe, same = pieces[i]
        if offset >= ce:                     # in the gap after this piece
            if end:
                return oe
            return pieces[i + 1][2] if i + 1 < len(pieces) else oe
        if same:
            return os_ + (offset - cs)
        if end:
            return oe if offset > cs else os_
        return os_

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the canonical slice [start, end), trimmed."""
        if end <= start:
            pos = self._orig(start, False)
            return pos, pos
        s = self._orig(start, False)
        e = self._orig(end, True) if end < len(self.text) else (self.pieces[-1][3] if self.pieces else 0)
        if end < len(self.text):
            i = bisect.bisect_right(self._cstarts, end - 1) - 1
            cs, ce, os_, oe, same = self.pieces[i]
            if end - 1 < ce:
                e = os_ + (end - cs) if same else oe
        orig = self.original
        while s < e and orig[s].isspace():
            s += 1
        while e > s and orig[e - 1].isspace():
            e -= 1
        return s, e

    def to_canonical(self, original_offset: int) -> int:
        """First canonical index at or after the original offset."""
        ends = self.__dict__.get("_oe")
        if ends is None:
            ends = self.__dict__["_oe"] = [p[3] for p in self.pieces]
        i = bisect.bisect_right(ends, original_offset)
        if i == len(self.pieces):
            return len(self.text)
        cs, _ce, os_, _oe, same = self.pieces[i]
        if same and original_offset >= os_:
            return cs + (original_offset - os_)
        return cs

    @property
    def _cstarts(self) -> list[int]:
        got = self.__dict__.get("_cs")
        if got is None:
            got = [p[0] for p in self.pieces]
            self.__dict__["_cs"] = got
        return got


def _expand(word: str) -> str:
    """Expand one lower-case word; returns the word itself when nothing applies."""
    rep = REWRITES.get(word)
    if rep is not None:
        return rep
    if "'" not in word:
        return word
    if word in _IRREGULAR_NT:
        return _IRREGULAR_NT[word]
    if word.endswith("'d") and word[:-2] in ("why", "how", "where", "what", "who", "when"):
        return word[:-2] + " did"
    for suffix, full in _CONTRACTION_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return REWRITES.get(stem, stem) + full
    if word.endswith("'s"):
        stem = REWRITES.get(word[:-2], word[:-2])  # "nothin's" -> "nothing is"
        if stem in _S_IS:
            return stem + " is"
        if stem == "let":
            return "let us"
    if word.endswith("in'") and len(word) > 4:
        return word[:-1] + "g"
    if word.endswith("'"):
        return word[:-1]
    return word


_CONTEXTUAL = frozenset({"your", "ur", "2", "4", "its", "u", "of"})
#: "must of", "could of": what "must've" sounds like, typed
_OF_IS_HAVE = frozenset({"must", "should", "could", "would", "might", "may", "shoulda", "coulda", "woulda"})
_YOUR_IS_YOU_ARE = frozenset({
    "going", "gonna", "not", "being", "under", "so", "a", "an", "welcome", "safe", "okay", "ok", "fine",
    "free", "right", "wrong", "doing", "getting", "making", "acting", "talking", "lying", "just",
    "really", "very", "too", "in", "on", "at", "all", "coming", "gon", "goin", "crazy", "nuts",
    "stupid", "sick", "scared", "upset", "angry", "mad", "worried", "feeling", "trying", "saying",
    "telling", "the", "overreacting", "already", "still", "never", "always", "kidding", "joking",
    "done", "finished", "through", "out", "up", "here", "there", "clearly", "obviously",
    "probably", "definitely", "fucking", "freaking", "frustrated", "scaring", "hurting"})
_NUMBER_NEXT = frozenset({"minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "months",
                          "years", "times", "people", "kids", "more", "of", "or", "and", "guys",
                          "seconds", "blocks", "miles", "dollars", "bucks", "am", "pm", "o'clock",
                          "officers", "cars", "x", "nights"})


def _contextual(word: str, prev: str, nxt: str) -> str | None:
    """Rewrites that depend on the neighbours ("your going" -> "you are going", "go 2 jail")."""
    if word in ("your", "ur"):
        return "you are" if nxt in _YOUR_IS_YOU_ARE or (nxt.endswith("ed") and len(nxt) > 4) else "your"
    if word == "u":
        return "you"
    if word in ("2", "4"):
        if prev.isalpha() and nxt.isalpha() and nxt not in _NUMBER_NEXT:
            return "to" if word == "2" else "for"
        return None
    if word == "of":
        return "have" if prev in _OF_IS_HAVE else None
    if word == "its":
        return None if nxt in {"own", "way"} else "it is"
    return None


_cache: dict[str, str] = {}


def expand_word(word: str) -> str:
    got = _cache.get(word)
    if got is None:
        got = _expand(word)
        if len(_cache) < 50000:
            _cache[word] = got
    return got


_PLAIN_CACHE: dict[str, str] = {}


def _word_cache(corrector) -> dict[str, str]:
    """Raw word -> canonical word; kept on the corrector, which knows its vocabulary."""
    if corrector is None:
        return _PLAIN_CACHE
    cache = getattr(corrector, "word_cache", None)
    if cache is None:
        cache = {}
        try:
            corrector.word_cache = cache
        except AttributeError:      # a plain function: no cache
            return {}
    return cache


def canonicalize(text: str, corrector=None) -> Canonical:
    """Lower-case, normalise quotes, expand contractions and street spellings.

    ``corrector`` (word -> word or None) fixes typos of known words.
    Tokens are joined by single spaces (a newline where the original had one);
    sentence punctuation is kept as tokens.
    """
    if text.isascii():  # of the quotes only the backtick is ASCII
        low = text.replace("`", "'") if "`" in text else text
    else:
        low = text.translate(_QUOTES)
    lowered = low.lower()
    if len(lowered) != len(low):      # rare Unicode case changes length: go char by char
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in low)
    canons: list[str] = []
    pieces: list[tuple[int, int, int, int, bool]] = []
    words: list[str] = []
    wstarts: list[int] = []
    wends: list[int] = []
    add_canon, add_piece, add_word, add_start, add_end = (
        canons.append, pieces.append, words.append, wstarts.append, wends.append)
    toks = _TOKEN_LOWER.findall(lowered)
    count = len(toks)
    cache = _word_cache(corrector)
    contextual = not _CONTEXTUAL.isdisjoint(toks)
    # the tokens cover every non-space character, so each is found right after the last; they are
    # joined by one space (a newline where the original had one: see below)
    find, at, pos = lowered.find, 0, 0
    for idx in range(count):
        word = toks[idx]
        s = find(word, at)
        at = s + len(word)
        canon = cache.get(word)
        if canon is None:
            canon = expand_word(word)
            if corrector is not None and canon == word and len(word) >= 4:
                canon = corrector(word) or canon
            if len(cache) < 100000:
                cache[word] = canon
        if contextual and word in _CONTEXTUAL:
            canon = _contextual(word, toks[idx - 1] if idx else "", toks[idx + 1] if idx + 1 < count else "") or canon
        add_canon(canon)
        end = pos + len(canon)
        add_piece((pos, end, s, at, canon == word))
        if " " not in canon:
            add_word(canon)
            add_start(pos)
            add_end(end)
        else:       # a token of several words ("do not")
            off = pos
            for w in canon.split(" "):
                add_word(w)
                add_start(off)
                off += len(w)
                add_end(off)
                off += 1
        pos = end + 1
    if "\n" in lowered and count > 1:
        seps = ["\n" if "\n" in lowered[pieces[i][3]:pieces[i + 1][2]] else " " for i in range(count - 1)]
        seps.append("")
        canonical = "".join([x for pair in zip(canons, seps, strict=True) for x in pair])
    else:
        canonical = " ".join(canons)
    return Canonical(text, canonical, pieces, words, wstarts, wends)
