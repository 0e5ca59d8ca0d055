"""The sharper moves, read from the sentence's structure (issue 10): a polite request is not an
order, a promise of what nobody controls is not reassurance, a "why" that blames is not an open
question, "I understand, but..." takes back the understanding, and an ultimatum is not a choice.

Runs after the cross-technique rules (``rules.resolve``): the phrase banks have found the
candidate spans; here each is kept, converted or dropped by what the clause around it does.
"""

from __future__ import annotations

import re

from simulator.language.compiled import Quick
from simulator.language.findings import Findings
from simulator.language.parse import Sentence

#: what keeps a request an order ("Can you just sit down now!", "Could you shut up?")
FORCE = re.compile(
    r"\b(?:now|right now|immediately|this instant|i said|i told you|or else|or i will|or you will|"
    r"last time|shut|be quiet|quiet down|calm down|chill out|knock it off|cut it out)\b|!"
)
#: a request put as a question ("Could you keep it down?", "Will you sit with me?")
ASKED_TO = re.compile(
    r"^(?:(?:so|okay|ok|and|sir|ma'am|hey|please|now|then|,|\w+ ,)\s)*(?:can|could|would|will) (?:you|u|ya) "
    r"(?!just\b)"
)
#: a clause whose subject is the officer: "I'll stay right over here" reports, it does not order
FIRST_PERSON = re.compile(
    r"(?:^|[.,;!?] |\band )(?:i|we) (?:just |only )?(?:will |am |are |would |can )?(?:just |only |really )?"
    r"(?:going to )?(?:just |only )?"
    r"(?:stay|be|wait|sit|stand|remain|keep|hang back|hang out|back off|step back|move back|go)"
    r"(?: \w+){0,3} ?$"
)
#: a promise tagged on at the end ("..., I promise.") and what it promises: the officer's own act
PROMISE_TAG = re.compile(r"^i (?:promise|guarantee|swear)\b")
OWN_ACT = re.compile(r"^(?:(?:okay|ok|look|hey|and|so|no|yes|yeah|,)\s)*(?:i|we) "
                     r"(?:will|am going to|are going to|am not going|will not|am|are|can|am staying|will be)\b")
#: a shame that is lifted: "it's nothing to be embarrassed about" normalises, it does not dismiss
NOTHING_TO_BE = re.compile(
    r"\bnothing to (?:be )?(?:embarrassed|ashamed|sorry|afraid|scared|worried|nervous) (?:about|of)\b|"
    r"\bnothing to (?:apologi[sz]e|feel bad|feel guilty|feel ashamed) (?:for|about)\b|\bnothing wrong with\b"
)
#: impatience turns "tell me what happened" into an order
IMPATIENT = Quick(r"\b(?:quickly|quick|hurry|fast|already|get on with it|make it quick)\b")
#: validation before a "but": the understanding that the "but" takes back
VALIDATION = re.compile(
    r"\b(?:i (?:understand|get it|get that|get you|hear you|hear that|hear what|know|see|can see|can tell|"
    r"appreciate|realise|realize|respect|totally get|do get|can hear)|i am sorry|sorry (?:about|for|that)|"
    r"(?:totally|fair|sure|okay|of course|right|yeah|true)\b|that (?:sounds|must|is) \w+|"
    r"you (?:are|seem|sound|look|feel|must be|have been|were)|thanks? (?:you )?for)"
)
VALIDATING = ("emotion_label", "paraphrase", "affirmation", "summary", "mirroring")
#: what the "but" also voids once it has taken the understanding back
VOIDED = (*VALIDATING, "reassurance", "i_message")
#: the turn: "but", "however", "though", "that said"
BUT = Quick(r"(?:^|\s|,\s)(?:but|however|though|that said|having said that|still ,|yet)\b")
#: what after the "but" undoes the validation: a demand, a rule, their fault
HARD = re.compile(
    r"^(?:(?:ma'am|sir|mate|man|honestly|really|look|listen|,|now)\s)*(?:"
    r"your \w+ing\b|i do not think|i need you\b|"
    r"you (?:are|were|can not|cannot|need|have to|had|did|should|must|will have to|are going to|are getting|"
    r"got to|gotta|still|kind of|brought|put|made|do not|did not|could have|know|just|have got|be|better)|"
    r"(?:there is|there are|there's) (?:a |the )?(?:law|laws|rules|rule|policy|nothing|not much|really not)|"
    r"(?:rules|the law|the rules|policy|protocol|procedure|that is the law|i can not have|i can not let|"
    r"i need you to|i have to|we have to|i am going to need|that does not|that is no|it does not matter|"
    r"this is not|it is not|that is not|if you|if i|people are|they want|nobody|no one|everybody)\b)"
)
#: ... unless the turn is towards help: "I know you're scared, but I'm here to help you"
SOFT_TURN = re.compile(
    r"^(?:,\s)?(?:i am (?:here|not going|not here|going to (?:help|stay|get you|make sure))|"
    r"i will (?:help|stay|make sure|get you|be right|not)|"
    r"we (?:can|will|could) (?:help|figure|sort|work|get through|talk)|you are not (?:alone|in trouble)|"
    r"you do not have to|it is (?:okay|ok|alright|going to be)|let us|i want to help|i can help|there is help|"
    r"if you (?:have |have got |got )?(?:concerns|questions|worries|a complaint|any questions|any concerns))\b"
)
#: "your choice" after an ultimatum is no choice
NO_CHOICE = re.compile(r"\b(?:your choice|your call|up to you|you decide|you choose|choice is yours|you pick)\b")
#: "want me to give them a call?" after a service is named connects the person to it
CALL_THEM = re.compile(
    r"\b(?:give (?:them|her|him|someone) a (?:call|ring)|call (?:them|her|him|someone|one of them)|"
    r"get (?:them|her|him|someone) (?:out|over|down|here|on the phone)|"
    r"have (?:them|her|him|someone) (?:come|meet|call))\b"
)
SERVICE = re.compile(
    r"\b(?:mental health|crisis (?:team|line|worker|counsel\w*)|counsel\w*|social worker|clinician|nurse|"
    r"advocate|shelter|paramedics?|ambulance|ems|medics|doctor|outreach|peer support|support worker|case worker|"
    r"hotline|helpline|team)\b"
)
#: "you'd get to decide": the choice handed over
THEIR_CHOICE = Quick(
    r"\byou (?:would|will|can|could|get to|would get to|will get to|are the one to|do) (?:get to )?"
    r"(?:decide|choose|pick|call the shots|say no|say yes)\b|\b(?:it is|that is|it will be|that would be) "
    r"(?:completely |totally |entirely |all )?(?:your (?:call|choice|decision)|up to you)\b"
)


def _sentence_text(found: Findings, sent: Sentence) -> str:
    return found.parsed.text[sent.start : sent.end]


def _spans(found: Findings, tid: str, sent: Sentence) -> list[tuple[int, int]]:
    return [(a, b) for _, a, b, _ in found.spans_in(sent, tid)]


def _asked_to(found: Findings, sent: Sentence, t: str) -> bool:
    """Is the sentence, or one of its commands, a request put as a question ("Could you ...")?"""
    text = found.parsed.text
    return bool(ASKED_TO.match(t)) or any(ASKED_TO.match(text[a:b]) for a, b in _spans(found, "command", sent))


def find_moves(found: Findings) -> None:
    parsed = found.parsed
    text = parsed.text
    sentences = parsed.sentences
    for i, sent in enumerate(sentences):
        here = found.techniques_in(sent)
        s, e = sent.start, sent.end
        t = text[s:e]
        if "polite_request" in here:
            if FORCE.search(t):
                found.drop("polite_request", s, e)  # "Can you just sit down now!" orders
            else:
                # the request is the whole sentence ("Would you be willing to sit down with me?"),
                # not the words that mark it
                found.drop("polite_request", s, e)
                found.add("polite_request", s, e)
                found.drop("command", s, e)
                found.drop("closed_question", s, e)  # a request asks for an act, not an answer
                found.questions = [q for q in found.questions if not (q[0] < e and q[1] > s and q[2] == "closed")]
        # a request put as a question, with its question mark or typed without one ("would you come
        # back from the edge a bit for me"); "Can you sit down." with a full stop still directs
        if "command" in here and sent.punct in ("?", "") and _asked_to(found, sent, t) and not FORCE.search(t):
            found.drop("command", s, e)  # "Could you keep the bass down till then?"
            found.drop("closed_question", s, e)
            found.questions = [q for q in found.questions if not (q[0] < e and q[1] > s and q[2] == "closed")]
            found.add("polite_request", s, e)
            here = found.techniques_in(sent)
        if "command" in here:
            for a, b in _spans(found, "command", sent):
                if FIRST_PERSON.search(text[s:a]):
                    found.drop("command", a, b)  # "I'll stay right over here"
        if "dismissal" in here and NOTHING_TO_BE.search(t):
            found.drop("dismissal", s, e)
            if "reassurance" not in found.techniques_in(sent):
                found.add("reassurance", s, e)
        if "false_promise" in here:
            for a, b in _spans(found, "false_promise", sent):
                if PROMISE_TAG.match(text[a:b]) and OWN_ACT.match(text[s:a]):
                    found.drop("false_promise", a, b)  # "I'll stay right here, I promise": theirs to keep
            if "false_promise" in found.techniques_in(sent):
                found.drop("reassurance", s, e)
        if "presumption" in here:
            for a, b in _spans(found, "presumption", sent):
                found.drop("emotion_label", a, b)
                found.drop("reassurance", a, b)
                found.drop("i_message", a, b)
        if "blaming_why" in here:
            for a, b in _spans(found, "blaming_why", sent):
                found.drop("open_question", a, b)
                found.drop("closed_question", a, b)
        if "open_question" in here and IMPATIENT.search(t) and "tell me" in t and "?" not in t:
            found.drop("open_question", s, e)  # "Just tell me what happened, quickly."
            found.add("command", s, e)
        if "offer_options" not in here and THEIR_CHOICE.search(t) and not here & {"threat", "power_talk"}:
            found.add("offer_options", s, e)
        if "resource_referral" not in here and CALL_THEM.search(t) and "?" in t:
            before = text[sentences[max(0, i - 2)].start : s]
            if SERVICE.search(before) or SERVICE.search(t):
                found.add("resource_referral", s, e)
    _ultimatums(found)
    _yes_but(found)


def _ultimatums(found: Findings) -> None:
    """A threat followed (or joined) by "your choice" is an ultimatum, not an offer."""
    if not found.has("offer_options") or not (found.has("threat") or found.has("power_talk")):
        return
    sentences = found.parsed.sentences
    text = found.parsed.text
    threatened = False
    for sent in sentences:
        here = found.techniques_in(sent)
        if here & {"threat", "power_talk"}:
            threatened = True
        if threatened and "offer_options" in here and NO_CHOICE.search(text[sent.start : sent.end]):
            found.drop("offer_options", sent.start, sent.end)


def _yes_but(found: Findings) -> None:
    """Validation, then "but" and a demand, a rule or their fault: the "but" takes it back."""
    text = found.parsed.text
    if not BUT.search(text):
        return
    sentences = found.parsed.sentences
    for i, sent in enumerate(sentences):
        t = text[sent.start : sent.end]
        m = BUT.search(t)
        if not m:
            continue
        cut = sent.start + m.start()
        after = text[sent.start + m.end() : sent.end].strip()
        if m.start() == 0 or not text[sent.start : cut].strip(" ,"):
            # "... That sounds awful. But there's nothing we can do": the validation is the sentence before
            if i == 0:
                continue
            # "I hear how much pain you're in. I really do. But...": up to two sentences back
            v_start, v_end = sentences[max(0, i - 2)].start, sentences[i - 1].end
        else:
            v_start, v_end = sent.start, cut
        before = text[v_start:v_end]
        validated = any(found.in_span(v, v_start, v_end) for v in VALIDATING) or VALIDATION.search(before)
        if not validated or SOFT_TURN.match(after):
            continue
        rest_start = sent.start + m.end()
        negative_after = any(
            found.in_span(n, rest_start, sent.end)
            for n in ("command", "threat", "argument", "dismissal", "power_talk", "minimising", "insult", "sarcasm")
        )
        if not (negative_after or HARD.match(after)):
            continue
        for v in VOIDED:
            found.drop(v, v_start, v_end)
        if not negative_after:
            # the hard part is the "but" clause itself ("..., but you were doing 52"); when it is an
            # order or a threat, that is what counts, and the understanding before it is void
            found.add("yes_but", v_start, sent.end)
