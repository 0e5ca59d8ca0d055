"""The phrase banks: their patterns and fuzzy phrases over one reply."""

from __future__ import annotations

from simulator.language.compiled import Compiled
from simulator.language.findings import Findings


def find_patterns(found: Findings, c: Compiled) -> None:
    """Run the phrase-bank patterns, each only where its first word occurs."""
    parsed = found.parsed
    t = parsed.text
    at: dict[int, list[int]] = {}
    contained: set[int] = set()
    possible: set[int] = set()  # the gated patterns whose needed word is in the text
    words, starts = parsed.words, parsed.starts
    n = len(words)
    lookup, lookup_word, by_word = c.lookup, c.lookup_word, c._word_cache
    for i in range(n):
        pos = starts[i]
        w = words[i]
        got = by_word.get(w)
        starts_here, contains_here, spaced, needs = got if got is not None else lookup_word(w)
        if needs:
            possible.update(needs)
        if spaced:  # an index key runs into the next word ("yeah ,")
            starts_here, contains_here = lookup(w, words[i + 1] if i + 1 < n else "")
        for pid in starts_here:
            lst = at.get(pid)
            if lst is None:
                at[pid] = [pos]
            elif lst[-1] != pos:
                lst.append(pos)
        if contains_here:
            contained.update(contains_here)
    patterns = c.patterns
    negatable = c.negatable
    gated = c.gated
    for pid, positions in at.items():
        if pid in gated and pid not in possible:
            continue
        tid, rx, _kind, _words = patterns[pid]
        last = -1
        for pos in positions:
            if pos < last:
                continue
            m = rx.match(t, pos)
            if m is None or m.end() == m.start():
                continue
            last = m.end()
            if negatable[tid] and parsed.is_negated_at(m.start()):
                continue
            found.add(tid, m.start(), m.end())
    for pid in list(contained) + c.scanned:
        if pid in gated and pid not in possible:
            continue
        tid, rx, _kind, _words = patterns[pid]
        for m in rx.finditer(t):
            if m.end() == m.start():
                continue
            if negatable[tid] and parsed.is_negated_at(m.start()):
                continue
            found.add(tid, m.start(), m.end())
    for tid, hit in zip(c.phrase_ids, c.phrases.search_parsed(parsed), strict=True):
        if hit is not None:
            found.add_original(tid, hit.start, hit.end)
