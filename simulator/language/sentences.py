"""Sentence by sentence: minimal encouragers, questions, offers of a choice, commands and advice; pauses."""

from __future__ import annotations

import re

from simulator.language.commands import find_imperative
from simulator.language.compiled import Compiled
from simulator.language.findings import Findings
from simulator.language.questions import declarative_kind, question_clauses, question_kind
from simulator.language.words import QUESTION_AUX, SUBJECTS, WH

#: discourse markers skipped before the first real word of a sentence
LEADS = frozenset({"okay", "so", "and", "but", "well", "all", "right", "now", "hey", "sir", "ma'am",
                   "yes", "no", "oh", "um", "uh", "then", "please", ",", "hi", "hello", "man", "buddy",
                   "friend", "bro", "dude", "just", "also", "mm", "mm-hmm", "uh-huh", "sure", "anyway",
                   "honestly", "seriously", "first", "-", "look", "listen", "alright", "again", "ok",
                   "son", "ma", "mate", "guys", "folks", "hmm", "wow", "ah", "plus", "besides", "real",
                   "quick", "yo", "hon", "honey", "sweetie", "dear", "ooh", ":", "pal", "boss", "chief",
                   "officer", "maybe", "perhaps", "actually", "really", "basically", "even"})  # fmt: skip
#: a tag that asks for agreement ("..., okay?") does not make a statement a question
TAG_END = re.compile(
    r"(?:,|^) (?:okay|all right|alright|right|yes|yeah|fair|got it|understood|"
    r"deal|cool|you know|ok|hear me|got me|capisce|sound good|good)\s*\?+$"
)
CHOICE_Q = re.compile(
    r"^(?:(?:so|okay|and) )?(?:you want|do you want|would you like|would you prefer|"
    r"would you rather|want to|wanna|should we|shall we|can i get you|do you need|"
    r"do you wanna|you wanna|would it be better|which would you|what would you prefer|"
    r"\w+ or \w+ \?)"
)
#: "... or not?", "... or what?" leaves no real choice
OPEN_OR = re.compile(r"\bor (?:not|what|something|anything|else|so|whatever)\b")
WEAK_ENCOURAGERS = frozenset({"okay", "all", "right", "sure", "yes", "fair", "enough", "got", "it",
                              "understood", "true", "alright", "well", "so", "oh", "and", "that",
                              "is", "fine", "good", "great", "cool", "thanks", "no", "man", "please"})  # fmt: skip
_PAUSE_MARKS = frozenset({".", "-", "*", "(", ")", "[", "]"})


def find_pause(found: Findings) -> None:
    """A reply of dots or dashes, a sentence of "...", or a reply that opens with "..."."""
    parsed = found.parsed
    if parsed.words and all(w in _PAUSE_MARKS for w in parsed.words):
        found.add("effective_pause", 0, len(parsed.text))
        return
    for sent in parsed.sentences:
        if sent.last == sent.first and sent.punct == "...":
            found.add("effective_pause", sent.start, sent.end)
            return
    if parsed.words[:3] == [".", ".", "."]:
        found.add("effective_pause", parsed.starts[0], parsed.ends[2])


def find_sentences(found: Findings, c: Compiled) -> None:
    """Encouragers, questions (clause by clause), either/or offers and imperatives; 3+ questions interrogate."""
    parsed = found.parsed
    words = parsed.words
    for sent in parsed.sentences:
        toks = words[sent.first : sent.last]
        if not toks:
            continue
        joined = " ".join(w for w in toks if w not in {",", "-"})
        parts = " ".join(toks).split(" , ")
        if (
            joined in c.encouragers
            or all(p in c.encouragers for p in parts)
            or (len(toks) <= 4 and all(w in c.encourager_words or w == "," for w in toks))
        ):
            # "Okay." before a recap is a discourse marker; before a question it listens
            weak = all(w in WEAK_ENCOURAGERS or w == "," for w in toks)
            if sent.punct != "?" or joined in c.encouragers:
                if weak and len(parsed.sentences) > 1:
                    found.weak.append(sent)
                else:
                    found.add("minimal_encourager", sent.start, sent.end)
                continue
        k = skip_leads(toks, c)
        body = toks[k:]
        rest = " ".join(body)
        start = parsed.starts[sent.first + k]
        # questions, clause by clause ("What happened, are you hurt, who called?")
        kinds: list[tuple[int, int, str]] = []
        for a, b in question_clauses(words, sent.first + k, sent.last):
            # the "?" belongs to the last clause ("You mentioned the lights - what's going on?")
            kind = question_kind(words[a:b], sent.punct if b >= sent.last else "")
            if kind:
                kinds.append((a, b, kind))
        if not kinds and sent.punct == "?" and not TAG_END.search(" ".join(toks) + " ?"):
            kinds.append((sent.first + k, sent.last, declarative_kind(body)))
        for a, b, kind in kinds:
            s_ = parsed.starts[a]
            e_ = sent.end if b >= sent.last else parsed.ends[b - 1]
            if kind == "closed" and found.in_span("open_question", s_, e_):
                continue
            found.questions.append((s_, e_, kind))
            found.add(f"{kind}_question", s_, e_)
        if " or " in f" {rest} " and sent.punct == "?" and kinds and CHOICE_Q.match(rest) and not OPEN_OR.search(rest):
            found.add("offer_options", start, sent.end)
        if kinds:
            continue
        find_imperative(found, c, sent, body, start)
    if len(found.questions) >= 3:
        found.add("interrogation", found.questions[0][0], found.questions[-1][1])


def skip_leads(toks: list[str], c: Compiled) -> int:
    """How many words open the sentence before its first real word (discourse markers, a vocative)."""
    k = 0
    while k < len(toks) - 1:
        w = toks[k]
        if w in LEADS and not (w in {"look", "listen"} and toks[k + 1] in {"at", "to", "here"}):
            k += 1
            continue
        # a vocative ("Jerome, put it down"; "hey Deshawn what do you need")
        if (
            toks[k + 1] == ","
            and k + 2 < len(toks)  # a vocative needs something after its comma ("Thanks, Marcus,")
            and w.isalpha()
            and w not in c.imperatives
            and w not in WH
            and w not in QUESTION_AUX
            and w not in SUBJECTS
            and w not in c.advice_verbs
            and k < 3
        ):
            k += 2
            continue
        if (
            toks[k + 1] in WH
            and w.isalpha()
            and w not in c.stopwords
            and k >= 1
            and toks[k - 1] in {"hey", "hi", "hello", "okay", "so", "yo"}
        ):
            k += 1
            continue
        break
    return k
