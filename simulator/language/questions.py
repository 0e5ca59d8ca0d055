"""Questions: where a sentence's question clauses start and end, and whether each is open or closed."""

from __future__ import annotations

import re

from simulator.language.words import QUESTION_AUX, SUBJECTS, WH

#: "which" and "whose" pick from a few; "who", "where" and "when" ask them to tell ("Who's 'them'?")
CLOSED_WH = frozenset({"which", "whose", "whom"})
#: a wh-question after a fact: a name, an address, a date ("Where do you live?", "When's your birthday?")
CLOSED_FACT = re.compile(
    r"^(?:where (?:do|did) you (?:live|stay|park|work)|where (?:is|are) (?:your|the) (?:id|keys|car|phone|bag|"
    r"wallet|license|licence)|when (?:is|was) your (?:birthday|date of birth)|who (?:is|was) your (?:doctor|"
    r"gp|landlord|employer|emergency contact|next of kin))\b"
)
CLOSED_HOW = frozenset({"many", "much", "old", "long", "far", "often", "tall", "big", "soon", "late", "early", "come"})
#: an embedded question follows these ("tell me what happened", "do you know who...")
EMBEDDING = frozenset({"know", "tell", "me", "wonder", "ask", "asking", "understand", "see", "sure",
                       "about", "idea", "explain", "remember", "describe", "think", "says", "said",
                       "is", "was", "that", "of", "to", "for", "from", "on", "in", "at", "by", "with",
                       "exactly", "matter", "care", "decide", "figure", "out", "show", "hear", "learn",
                       "find", "wondering", "curious", "mind", "notice", "guess", "imagine", "and",
                       "or", "but", "like", "depends", "regardless", "no", "clue", "sense", "are", "be",
                       "get", "got", "how", "matters", "knows", "unsure", "decided", "realize", "not",
                       "asked", "check", "checking", "whatever", "tells", "saw", "where", "when"})  # fmt: skip
CLOSED_WHAT = re.compile(
    r"^what (?:is|was|are|were) (?:your|his|her|their|the|that|this) (?:\w+ )?(?:name|number|address|"
    r"date of birth|birthday|age|plate|phone|license|color|colour|time|room|apartment|unit|street|"
    r"email|last name|first name|middle name|dob|d o b|id|ssn|social security number|zip|zip code|postcode|"
    r"post code|registration|insurance|license plate|licence plate|badge number)|"
    r"^what (?:time|day|year|street|number|color|colour|school|"
    r"kind of \w+ (?:was|is|were|are|did)|type|car|room|floor|apartment|unit|size|model|make|grade|"
    r"hospital|pills|meds|medication|drugs|city|state|country|address)\b|"
    r"^what (?:did|have|do|were|was) (?:you|they|he|she) (?:take|taken|took|drink|drank|use|used|smoke|"
    r"smoked|wear|wearing|drive|driving|buy|steal|pay|owe|swallow|have to drink|eat|order)\b"
)
#: a statement that starts like a question ("what we're going to do is...", "how about...")
_NOT_ASKING = ("what is going to happen", "what happens next is", "what i ", "what we ", "how we ", "what you ",
               "why i ", "why we ", "where you ", "when you ", "when i ", "when we ", "how you ", "who you ",
               "what is up", "how about", "what if")  # fmt: skip
_CLAUSE_BREAKS = frozenset({",", ";", "-", "and"})
#: mid-sentence, these start a relative clause ("people who are diabetic"), not a question
_RELATIVE = frozenset({"who", "which", "whose", "whom", "where", "when"})
_QUESTION_AUX_OR_ELSE = QUESTION_AUX | {"else"}


#: "who knows", "who cares": a shrug, not a question
_WHO_NOT_ASKING = frozenset({"knows", "cares", "says", "needs", "wants", "asked", "cared", "knew", "is", "was", "has"})
#: a clause is cut only at one of these (see question_clauses)
_CUTS = frozenset({",", ";", "-", "and"}) | WH


def question_clauses(words: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """Split words[first:last] into clauses that may each be a question ("What happened, are you hurt?")."""
    if _CUTS.isdisjoint(words[first + 1 : last]):
        return [(first, last)] if first < last else []  # nothing below could cut it
    a = first
    out = []
    i = a + 1
    while i < last:
        w = words[i]
        prev = words[i - 1]
        cut = None
        if w in {",", ";", "-"} and i + 1 < last:
            nxt = words[i + 1]
            nxt2 = words[i + 2] if i + 2 < last else ""
            if nxt == "and" and i + 2 < last:
                nxt, nxt2 = nxt2, words[i + 3] if i + 3 < last else ""
            if nxt in WH or (nxt in QUESTION_AUX and nxt2 in SUBJECTS):
                cut = i
        elif (
            w in WH
            and w not in _RELATIVE
            and prev not in EMBEDDING
            and prev not in {",", ";"}
            and prev.isalpha()
            and i - a >= 3
            and (i + 1 < last and words[i + 1] in _QUESTION_AUX_OR_ELSE)
        ) or (w == "and" and i + 1 < last and words[i + 1] in WH and prev != ","):
            cut = i
        if cut is not None:
            out.append((a, cut))
            a = cut + 1 if words[cut] in _CLAUSE_BREAKS else cut
            while a < last and words[a] in _CLAUSE_BREAKS:
                a += 1
            i = a + 1
            continue
        i += 1
    if a < last:
        out.append((a, last))
    return out


def question_kind(clause: list[str], punct: str) -> str | None:
    """Whether the clause asks an open or a closed question (None: it asks none); ``punct`` ends the sentence."""
    clause = [w for w in clause if w not in {".", "!", "?"}]
    if not clause:
        return None
    w0 = clause[0]
    w1 = clause[1] if len(clause) > 1 else ""
    rest = " ".join(clause)
    asked = punct == "?"
    if w0 in WH:
        if w0 == "why" and rest.startswith(("why do not you", "why not")):
            return None
        if w0 == "what" and w1 in {"a", "an"}:
            return None
        if not asked and (len(clause) > 12 or " is ," in rest or rest.startswith(_NOT_ASKING)):
            return None
        # "how many did you take", "how long have you been here": asked without a question mark
        counted = w0 == "how" and w1 in CLOSED_HOW and any(w in QUESTION_AUX for w in clause[2:4])
        # "who keeps phoning you", "who called you": who and a verb asks, question mark or not
        who_did = w0 == "who" and w1.isalpha() and w1.endswith(("s", "ed")) and w1 not in _WHO_NOT_ASKING
        if not asked and not (w1 in QUESTION_AUX or w1 in {"happened", "happens", "else", "is"} or counted or who_did):
            return None
        if rest.startswith(("how about", "what if", "what is up")):
            return None
        if w0 in CLOSED_WH or (w0 == "how" and w1 in CLOSED_HOW) or CLOSED_WHAT.match(rest) or CLOSED_FACT.match(rest):
            return "closed"
        if w0 == "what" and len(clause) == 1:
            return "closed"
        return "open"
    if w0 == "have" and w1 in {"a", "an", "some", "fun", "good", "nice", "great", "safe"} and not asked:
        return None  # "Have a good night", "have a seat": a wish or an invitation, not a question
    if w0 in QUESTION_AUX and (w1 in SUBJECTS or asked):
        if not asked and len(clause) > 14:
            return None
        return "closed"
    if w0 in {"any", "anything", "anyone", "anybody", "someone", "somebody", "you"} and asked:
        return "closed"
    return None


def declarative_kind(body: list[str]) -> str:
    """The kind of a question asked as a statement ("You went where?")."""
    if any(w in WH for w in body[1:]) and not any(w in {"or", "right", "okay"} for w in body[-2:]):
        return "open" if any(w in {"what", "how", "why"} for w in body[1:]) else "closed"
    return "closed"
