"""The tone of a reply: a small, deterministic nudge added to ``agitation_delta``.

Techniques decide most of a reply's effect; tone separates replies the techniques
score alike ("Sir, I'm asking you to step out of the car, please." against "Step
out of the car!"), and ranks replies in which no technique was found.  Negative
tone calms, positive tone inflames.  The total is clipped to [-TONE_LIMIT,
+TONE_LIMIT], well under one technique's effect (1 to 18).

Calming (each capped):

- politeness: please, thank you, sorry, would/could you, if that's okay, for me,
  let's, I'd like (-0.5 each, at most -1.5);
- softeners and hedges: maybe, perhaps, a little, a bit, I think, might,
  just (as "I just want") (-0.25 each, at most -0.5);
- reasons: because, so that, so we can, the reason, that way (-0.5 each, at most -1);
- a longer, explanatory reply: -0.03 a word up to 30 words, unless it insults,
  threatens or mocks (a long tirade is not gentler); only a reply that engages
  with the person (listens, reassures, explains, asks, offers) or says something
  hard is ordered so.

Inflaming (each capped):

- shouting: every "!" +0.5 (at most +1.5); every ALL-CAPS word of 2+ letters that
  is not a short acronym +0.5 (at most +1.5);
- profanity: +1;
- second-person blame ("your fault", "you should have", "you started it", "you
  always/never", "you're the one who") +1 each, at most +2;
- force: now, right now, immediately, I said, I told you (+0.5 each, at most +1);
- belittling address (lady, boy, pal, buddy, son, kid, old man, young man) +0.5;
- curt: a reply of four words or fewer with no calming technique +1;
- unheard: a reply of five words or more that engages in none of those ways and
  says nothing hard (small talk, stories of one's own, procedure, a brush-off no
  technique names) is talk at them: +0.75, less 0.01 a word up to 30;
- a whole reply in capitals is shouted: the tone is the most it can be (+3).
"""

from __future__ import annotations

import re
from operator import itemgetter

from simulator.vocabulary import NEGATIVE_TECHNIQUES

TONE_LIMIT = 3.0

def _phrases(*groups: str) -> list[str]:
    """Every literal phrase of space-separated alternatives: "you should|you must" + " have|"."""
    out = [""]
    for g in groups:
        out = [f"{a} {b}".strip() for a in out for b in g.split("|")]
    return out


#: marker phrases over the canonical words, by kind (counted once per occurrence)
_MARKER_PHRASES: dict[str, list[str]] = {
    "polite": ["please", "thank you", "thanks", "sorry", "i apologize", "i apologise", "would you", "could you",
               "can you", "if that is okay", "if it is okay", "if that is all right", "if you do not mind",
               "is that okay", "is that all right", "for me", "let us", "i would like", "i would appreciate",
               "i appreciate", "when you are ready", "if you would", "together", "with me", "do you mind"],
    "hedge": ["maybe", "perhaps", "a little", "a bit", "i think", "might", "i just want", "i just need",
              "kind of", "possibly", "if you can"],
    "reason": ["because", "so that", "so we can", "so i can", "so you can", "so nobody", "so no one",
               "the reason", "that way", "in case", "to make sure"],
    "blame": ["your fault", "your own fault", "your doing", "you started", "you did this", "you caused",
              "you always", "you never", "because of you", "you asked for", "you had it coming",
              "what did you expect", "you knew", "you must have known", "if you had",
              *_phrases("you should", "have|of|not have|not"), *_phrases("you brought", "this|it"),
              *_phrases("you are the one", "who|that"), *_phrases("you made", "this|it|me|us"),
              *_phrases("if you", "had|would have|just|only|", "watched|listened|paid attention|kept an eye|"
                        "stayed|done|called|locked|behaved|cooperated|complied")],
    "force": ["right now", "now", "immediately", "this instant", "i said", "i told you", "do it", "move it",
              "last time"],
}
_MARKERS: dict[tuple[str, ...], str] = {}
for _kind, _list in _MARKER_PHRASES.items():
    for _p in _list:
        _MARKERS[tuple(_p.split())] = _kind
#: the markers as a trie of words: each node maps a next word to its node, and None to the kind of
#: the marker that ends there
_TRIE: dict = {}
for _k, _kind in _MARKERS.items():
    _node = _TRIE
    for _w in _k:
        _node = _node.setdefault(_w, {})
    _node[None] = _kind
_FIRST = frozenset(_TRIE)
_PROFANE = re.compile(r"\b(?:fuck\w*|shit\w*|damn\w*|goddamn|hell|ass|asshole|crap|bloody|bitch\w*|"
                      r"bastard|piss\w*|dick)\b")
_BLAME = re.compile(
    r"\b(?:your (?:own )?fault|your doing|you should (?:have|of|not have)|you should not|you started|"
    r"you brought (?:this|it)|you did this|you caused|you always|you never|you are the one (?:who|that)|"
    r"because of you|you made (?:this|it|me|us)|you asked for|you had it coming|what did you expect|"
    r"you knew|you must have known|if you had|if you (?:had |would have |just |only )?"
    r"(?:watched|listened|paid attention|kept an eye|stayed|done|called|locked|behaved|cooperated|complied))\b")
_FORCE = re.compile(r"\b(?:right now|now|immediately|this instant|i said|i told you|do it|move it|"
                    r"last time)\b")
_ADDRESSES = ("lady", "boy", "pal", "buddy", "son", "kid", "old man", "young man", "sweetheart", "sweetie", "honey",
              "girl", "chief", "bud", "dude", "bro", "princess", "champ")
_BELITTLE = re.compile(r"(?:^|[,.!?] )(?:" + "|".join(_ADDRESSES) + r")(?: [,.!?]|$)")
#: a part of every profane word (found quickly: a search for plain letters skips ahead in C)
_PROFANE_PART = re.compile(r"fuck|shit|damn|hell|ass|crap|bloody|bitch|bastard|piss|dick")
#: the words of a belittling address, one of which is a whole word wherever ``_BELITTLE`` matches
_BELITTLING = frozenset(a.split()[0] for a in _ADDRESSES)
_FIRST_CHAR = itemgetter(0)
_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_TWO_CAPS = re.compile(r"[A-Z][A-Z]")
_ACRONYM_OK = frozenset({"OK", "ID", "PD", "ER", "EMS", "CPS", "AA", "NA", "TV", "DV", "GP", "ICU", "US",
                         "USA", "UK", "AM", "PM", "ASAP", "DUI", "DWI", "911", "988", "CIT", "MH"})
_HARSH = frozenset({"insult", "threat", "sarcasm"})
_CALMING = frozenset({"emotion_label", "paraphrase", "summary", "reassurance", "affirmation",
                      "open_question", "offer_options", "explanation", "i_message", "introduction",
                      "effective_pause", "minimal_encourager", "mirroring"})


#: what makes a reply engage with the person (its length then explains; without one, it is talk at them)
_ENGAGING = _CALMING | {"crisis_inquiry", "resource_referral", "closed_question"}
#: a reply of five words or more that engages in none of those ways (and has no hard technique)
UNHEARD = 0.75
_NEGATIVE = frozenset(NEGATIVE_TECHNIQUES)

_WEIGHT = {"polite": (-0.5, -1.5), "hedge": (-0.25, -0.5), "reason": (-0.5, -1.0), "blame": (1.0, 2.0),
           "force": (0.5, 1.0)}


def _markers(words: list[str]) -> dict[str, int]:
    """How often each kind of marker occurs (longest phrase first, no overlaps)."""
    counts = dict.fromkeys(_WEIGHT, 0)
    if _FIRST.isdisjoint(words):
        return counts
    n = len(words)
    i = 0
    while i < n:
        node = _TRIE.get(words[i])
        if node is None:
            i += 1
            continue
        # follow the words as far as some marker goes; the longest marker on the way counts
        kind, end, j = node.get(None), i + 1, i + 1
        while j < n:
            node = node.get(words[j])
            if node is None:
                break
            j += 1
            if None in node:
                kind, end = node[None], j
        if kind is None:
            i += 1
            continue
        counts[kind] += 1
        i = end
    return counts


def tone(text: str, canonical: str, techniques) -> float:
    """The tone term for one reply (``canonical`` is the analyzer's canonical text)."""
    if not text.strip():
        return 0.0
    techniques = set(techniques)
    words = canonical.split()
    n = sum(map(str.isalnum, map(_FIRST_CHAR, words)))  # the words, not the punctuation
    counts = _markers(words)
    t = 0.0
    for kind, k in counts.items():
        if k:
            step, cap = _WEIGHT[kind]
            t += max(cap, step * k) if step < 0 else min(cap, step * k)
    if techniques & _ENGAGING or not techniques.isdisjoint(_NEGATIVE):
        if not techniques & _HARSH:
            t -= 0.03 * min(n, 30)      # a longer, explanatory reply
    elif n > 4:
        # neither listens, explains nor reassures, nor says anything hard: talk at them, a
        # little gentler the more of it there is
        t += UNHEARD - 0.01 * min(n, 30)
    bangs = text.count("!")
    if bangs:
        t += min(1.5, 0.5 * bangs)
    if _TWO_CAPS.search(text):  # two capitals in a row somewhere (in C, not a loop per letter)
        caps = [w for w in _CAPS.findall(text) if w not in _ACRONYM_OK and not (len(w) <= 3 and n > 3)]
        t += min(1.5, 0.5 * len(caps))
    if _PROFANE_PART.search(canonical) and _PROFANE.search(canonical):
        t += 1.0
    if not _BELITTLING.isdisjoint(words) and _BELITTLE.search(canonical):
        t += 0.5
    if n <= 4 and not techniques & _CALMING:
        t += 1.0
    if n >= 2 and text.upper() == text and len(_CAPS.findall(text)) >= 2:
        return TONE_LIMIT  # the whole reply shouted in capitals
    return round(max(-TONE_LIMIT, min(TONE_LIMIT, t)), 3)
