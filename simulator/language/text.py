"""Canonical form of a reply: lower case, contractions and street spellings expanded.

Detectors match against the canonical text only, so a pattern is written once
("do not", "you are", "going to") and still finds "dont", "ur", "gonna".  Every
canonical character keeps the offsets of the original characters it came from,
so a span found in the canonical text maps back to the exact original substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"',
                         "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "."})

# A token is a word (letters, digits, inner apostrophes and hyphens) or one
# non-space symbol.  "..." stays three tokens of ".".
TOKEN_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*'?|[^\sa-z0-9]", re.I)

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
         "why", "life", "which"}


@dataclass(frozen=True)
class Token:
    text: str       # canonical text of the token (may contain a space: "do not")
    start: int      # offsets in the canonical string
    end: int


@dataclass
class Canonical:
    """Canonical text with a map back to the original string."""

    original: str
    text: str
    starts: list[int]   # original start offset for each canonical char
    ends: list[int]     # original end offset (exclusive) for each canonical char
    tokens: list[Token]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the canonical slice [start, end), trimmed."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        s, e = self.starts[start], self.ends[end - 1]
        orig = self.original
        while s < e and orig[s].isspace():
            s += 1
        while e > s and orig[e - 1].isspace():
            e -= 1
        return s, e

    def to_canonical(self, original_offset: int) -> int:
        """First canonical index whose original start is at or after ``original_offset``."""
        for i, s in enumerate(self.starts):
            if s >= original_offset:
                return i
        return len(self.text)


def _expand(word: str) -> str:
    """Expand one lower-case word; returns the word itself when nothing applies."""
    rep = REWRITES.get(word)
    if rep is not None:
        return rep
    if "'" not in word:
        return word
    if word in _IRREGULAR_NT:
        return _IRREGULAR_NT[word]
    for suffix, full in _CONTRACTION_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            stem = word[: -len(suffix)]
            return REWRITES.get(stem, stem) + full
    if word.endswith("'s"):
        stem = word[:-2]
        if stem in _S_IS:
            return stem + " is"
        if stem == "let":
            return "let us"
    if word.endswith("'"):
        return word[:-1]
    return word


_CONTEXTUAL = frozenset({"your", "ur", "2", "4", "its", "u"})
_YOUR_IS_YOU_ARE = frozenset({
    "going", "gonna", "not", "being", "under", "so", "a", "an", "welcome", "safe", "okay", "ok", "fine",
    "free", "right", "wrong", "doing", "getting", "making", "acting", "talking", "lying", "just",
    "really", "very", "too", "in", "on", "at", "all", "coming", "gon", "goin", "crazy", "nuts",
    "stupid", "sick", "scared", "upset", "angry", "mad", "worried", "feeling", "trying", "saying",
    "telling", "the", "overreacting", "already", "still", "never", "always", "kidding", "joking",
    "done", "finished", "through", "out", "up", "here", "there", "under", "clearly", "obviously",
    "probably", "definitely", "fucking", "freaking", "frustrated", "scaring", "hurting", "ok"})
_NUMBER_NEXT = frozenset({"minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "months",
                          "years", "times", "people", "kids", "more", "of", "or", "and", "guys",
                          "seconds", "blocks", "miles", "dollars", "bucks", "am", "pm", "o'clock",
                          "officers", "cars", "x", "nights"})


def _contextual(word: str, prev: str, nxt: str) -> str | None:
    """Rewrites that depend on the neighbours ("your going" -> "you are going", "go 2 jail")."""
    if word in ("your", "ur"):
        return "you are" if nxt in _YOUR_IS_YOU_ARE else "your"
    if word == "u":
        return "you"
    if word in ("2", "4"):
        if prev.isalpha() and nxt.isalpha() and nxt not in _NUMBER_NEXT:
            return "to" if word == "2" else "for"
        return None
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


def canonicalize(text: str, corrector=None) -> Canonical:
    """Lower-case, normalise quotes, expand contractions and street spellings.

    ``corrector`` (word -> word or None) fixes typos of known words.
    Tokens are joined by single spaces; sentence punctuation is kept as tokens.
    """
    low = text.translate(_QUOTES)
    lowered = low.lower()
    if len(lowered) != len(low):      # rare Unicode case changes length: go char by char
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in low)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    tokens: list[Token] = []
    pos = 0
    prev_end = 0
    matches = list(TOKEN_RE.finditer(lowered))
    for idx, m in enumerate(matches):
        word = m.group()
        s, e = m.start(), m.end()
        canon = expand_word(word)
        if word in _CONTEXTUAL:
            prev = matches[idx - 1].group() if idx else ""
            nxt = matches[idx + 1].group() if idx + 1 < len(matches) else ""
            canon = _contextual(word, prev, nxt) or canon
        if corrector is not None and canon == word and len(word) >= 4:
            fixed = corrector(word)
            if fixed:
                canon = fixed
        if parts:
            gap = lowered[prev_end:s]
            parts.append("\n" if "\n" in gap else " ")
            starts.append(s)
            ends.append(s)
            pos += 1
        parts.append(canon)
        if canon == word:
            starts.extend(range(s, e))
            ends.extend(range(s + 1, e + 1))
        else:
            n = len(canon)
            starts.extend([s] * n)
            ends.extend([e] * n)
        tokens.append(Token(canon, pos, pos + len(canon)))
        pos += len(canon)
        prev_end = e
    return Canonical(text, "".join(parts), starts, ends, tokens)
