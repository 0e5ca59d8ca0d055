"""Names: the subject addressed by name ("Jerome, put it down", "Thanks, Maria")."""

from __future__ import annotations

import re

from simulator.language.compiled import Compiled
from simulator.language.findings import Findings

#: capitalised words that are not names where a name would stand
_NAME_STOP = frozenset(
    """okay ok look listen hey sir ma'am well yes no so now alright please hi hello
officer man buddy dude bro friend honestly seriously sorry right sure oh wow again first also and but
then thanks thank good great fine whoa easy yeah yep nope um uh hmm mm anyway actually basically obviously
clearly see god jesus christ lord guys folks everyone everybody mate son kid sweetie honey dear brother
sister boss chief pal sweetheart hun babe baby just really because if when what why how who where which
i you we they he she it this that there here my your our their yo listen stop wait hold come calm relax
tell walk help let go get step put drop sit stand please maybe perhaps of okay cool nice true exactly
absolutely totally definitely certainly yup nah mister miss mrs mr ms dr deputy sergeant detective
officers police cops sheriff trooper uh-huh mm-hmm gosh geez jeez damn shit hell fuck ugh ah aha huh
hm not never none nothing nobody everything something anything someone somebody anyone anybody people
today tonight tomorrow yesterday morning evening night sometimes always often usually name twice once
ooh ohh brilliant congratulations congrats bravo perfect wonderful fantastic awesome amazing evening
afternoon dispatch copy roger affirmative negative ma ladies gentlemen sarge partner neighbour neighbor
knives needles registration insurance license address weapons money yesterday rigged""".split()
)
_NAME_SUFFIX = re.compile(
    r"(?:ed|ing|ly|tion|tions|ness|ment|ance|ence|ous|ful|less|able|ible|ies|"
    r"ship|ism|ist|ity|ive|ize|ise|al)$"
)
_TITLES = re.compile(
    r"(?:officer|deputy|sergeant|sgt|detective|trooper|ranger|corporal|lieutenant|"
    r"constable|agent|i'm|i am|im|name's|name is|this is|call me)\.?\s*$",
    re.I,
)
NAME_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:[Hh]ey|[Hh]i|[Hh]ello|[Oo]kay|[Oo]k|[Ll]ook|[Ll]isten|"
    r"[Yy]o|[Ss]o|[Aa]lright|[Ww]ell|[Gg]ood (?:morning|evening|afternoon))[,!]?\s+)?"
    r"([A-Z][a-z][a-zA-Z'\-]+)(?=\s*,)|"
    r",\s*([A-Z][a-z][a-zA-Z'\-]+)\s*(?=[.!?]|$)|"
    r"\b(?:[Hh]ey|[Hh]i|[Hh]ello|[Tt]hanks|[Tt]hank you|[Oo]kay|[Ss]orry|"
    r"[Gg]ood (?:morning|evening|afternoon)),?\s+([A-Z][a-z][a-zA-Z'\-]+)\b|"
    r"\b(?:it|me|thru|through) ([A-Z][a-z][a-zA-Z'\-]+)\s*(?=[,.!?]|$)"
)


#: the officer giving their own name ("I'm Alex.", "Hi, I'm Sam, I work here")
OWN_NAME_RE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=,\s)|(?<=\n))(?:[Hh]i|[Hh]ey|[Hh]ello|[Oo]kay|[Ss]o)?[,!]?\s*"
    r"(?:I'm|I am|Im|I’m|[Mm]y name's|[Mm]y name is)\s+([A-Z][a-z][a-zA-Z'\-]+)\s*(?=[.,!;-]|$|\s(?:and|from|with)\b)"
)


#: what every introduction OWN_NAME_RE finds holds (a cheap test before the slow pattern)
_OWN_HINT = re.compile(r"I'm|I am|Im|I’m|[Nn]ame")
#: a capitalised word as NAME_RE's name group reads it: every name it finds is one of these
_CAPITALISED = re.compile(r"[A-Z][a-z][a-zA-Z'\-]+")


def find_own_name(found: Findings, c: Compiled, text: str) -> None:
    """An introduction by first name alone ("I'm Alex."), which the title patterns miss."""
    if found.has("introduction") or not _OWN_HINT.search(text):
        return
    for m in OWN_NAME_RE.finditer(text):
        low = m.group(1).lower()
        if (
            low in _NAME_STOP
            or low in c.stopwords
            or low in c.emotion_words
            or _NAME_SUFFIX.search(low)
            or low in {"fine", "here", "glad", "sure", "happy", "sorry", "okay", "just", "going", "good", "not"}
        ):
            continue
        found.add_original("introduction", m.start(), m.end(1))
        return


def find_name(found: Findings, c: Compiled, text: str) -> None:
    """Mark the first name the reply addresses the subject by, unless the phrase banks found one."""
    if found.has("name_use"):
        return
    known = c.not_names
    for w in _CAPITALISED.findall(text):
        not_name = known.get(w)
        if not_name is None:
            not_name = _not_a_name(w.lower(), c)
            if len(known) < 100_000:
                known[w] = not_name
        if not not_name:
            break
    else:
        return  # no capitalised word could be a name: the slow pattern would find none
    for m in NAME_RE.finditer(text):
        gi = next(i for i, g in enumerate(m.groups(), 1) if g)
        name = m.group(gi)
        if _not_a_name(name.lower(), c):
            continue
        if _TITLES.search(text[: m.start(gi)]):
            continue  # the officer's own name
        found.add_original("name_use", m.start(gi), m.end(gi))
        return


def _not_a_name(low: str, c: Compiled) -> bool:
    """A word that is never taken for a name where one would stand (a greeting, a common word...)."""
    return (
        low in _NAME_STOP
        or low in c.stopwords
        or low in c.imperatives
        or low in c.advice_verbs
        or low in c.emotion_words
        or low in c.encourager_words
        or low in c.corrector.vocabulary
        or _NAME_SUFFIX.search(low) is not None
    )
