"""The phrase banks: their patterns and fuzzy phrases over one reply."""

from __future__ import annotations

import re

from simulator.language.compiled import Compiled
from simulator.language.findings import Findings

#: what a technique means when the reply denies it: a label of the person, said not to hold of them
#: ("you're not crazy", "nobody thinks you're a liar", "I'm not saying you're a bad mum"), reassures
DENIED_AS = {"insult": "reassurance"}
#: ... when the label is the person's, said of "you" in it or just before it ("accusing you of being a
#: junkie"; "I'm not an idiot" denies nothing of them)
_OF_THEM = re.compile(r"\b(?:you|your|yourself|u|ya)\b")


def _denied(found: Findings, tid: str, t: str, start: int, end: int) -> None:
    """A negated match: what denying it means, if anything ("no one is saying you're crazy")."""
    if tid in DENIED_AS and _OF_THEM.search(t, max(0, start - 24), end):
        found.add(DENIED_AS[tid], start, end)


def find_patterns(found: Findings, c: Compiled) -> None:
    """Run the phrase-bank patterns, each only where its first word occurs."""
    parsed = found.parsed
    t = parsed.text
    words, starts = parsed.words, parsed.starts
    n = len(words)
    lookup_pair, lookup_word, by_word, by_pair = c.lookup_pair, c.lookup_word, c._word_cache, c._pair_cache
    # first the words: the patterns to try at each, and the gated ones the text lets through
    todo = []
    contained: set[int] = set()
    possible: set[int] = set()
    for i in range(n):
        w = words[i]
        got = by_word.get(w)
        tries, contains_here, spaced, needs = got if got is not None else lookup_word(w)
        if needs:
            possible.update(needs)
        if spaced:  # an index key runs into the next word ("yeah ,")
            nxt = words[i + 1] if i + 1 < n else ""
            by_next = by_pair.get(w)
            pair = by_next.get(nxt) if by_next is not None else None
            tries, contains_here = pair if pair is not None else lookup_pair(w, nxt)
        if tries:
            todo.append((starts[i], tries))
        if contains_here:
            contained.update(contains_here)
    negatable = c.negatable
    last: dict[int, int] = {}   # where each pattern's last match ended: matches do not overlap
    for pos, tries in todo:
        for pid, match, gated, tid in tries:
            if gated and pid not in possible:
                continue
            m = match(t, pos)
            if m is None:
                continue
            start, end = m.span()
            if end == start or (last and pos < last.get(pid, -1)):
                continue
            last[pid] = end
            if negatable[tid] and parsed.is_negated_at(start):
                _denied(found, tid, t, start, end)
                continue
            found.add(tid, start, end)
    patterns, gated_set, scan_needs = c.patterns, c.gated, c.scan_needs
    for pid in [*contained, *c.scanned] if contained else c.scanned:
        if pid in gated_set and pid not in possible:
            continue
        needs_text = scan_needs.get(pid)
        if needs_text is not None:
            for s in needs_text:
                if s in t:
                    break
            else:
                continue
        tid, rx, _kind, _words = patterns[pid]
        for m in rx.finditer(t):
            start, end = m.span()
            if end == start:
                continue
            if negatable[tid] and parsed.is_negated_at(start):
                _denied(found, tid, t, start, end)
                continue
            found.add(tid, start, end)
    for tid, hit in zip(c.phrase_ids, c.phrases.search_parsed(parsed), strict=True):
        if hit is not None:
            found.add_original(tid, hit.start, hit.end)
