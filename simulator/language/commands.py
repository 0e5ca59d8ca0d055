"""Imperatives: whether a sentence orders (a command) or suggests (advice), and how far it reaches."""

from __future__ import annotations

import re

from simulator.language.compiled import Compiled
from simulator.language.findings import Findings
from simulator.language.parse import Sentence

#: sentence starts that are not orders: invitations to talk, comfort, politeness, attention-getters
NOT_COMMAND_START = re.compile(
    r"^(?:tell me|talk to me|walk me|help me|take your time|take (?:all |whatever |as much )?(?:the )?time|"
    r"let me|let us|go on|go ahead|keep going|call me|"
    r"do not (?:worry|be afraid|be scared|be sorry|hesitate|feel|panic|blame|apologi[sz]e|rush)|say more|"
    r"feel free|have a (?:seat|good|great|nice)|take care|thank|look ,|listen ,|see ,|"
    r"look (?:i|we|man|buddy|sir|ma'am|,)\b|listen (?:i|we|man|buddy|sir|ma'am|,)\b|imagine|"
    r"keep (?:talking|telling)|tell us|explain|describe|share|stay (?:safe|strong)|hang in|hold on ,|"
    r"be (?:honest|careful|safe|well|kind)|go at your|say it whenever|start (?:wherever|from|at)|"
    r"think it over|take it at|vent away|go for it|welcome|forgive me|excuse me|pardon|bear with)"
)
#: what makes a verb that both orders and advises an order ("put it down", "give me the knife")
COMMAND_TAIL = re.compile(
    r"^(?:give|hand|pass|throw|toss|slide|show) (?:me|it|that|this|us|him|her|over)\b|"
    r"^(?!(?:take|have) (?:a |some )?(?:\w+ )?breaths? )"   # "take a breath with me" grounds, it does not order
    r"\w+ (?:(?:your|the|that|this|those|these|it|him|her|them|my|his|a|everybody|everyone)\b ?)?(?:\w+ )?"
    r"(?:down|out|back|away|up|off|over here|over there|here|there|still|put|on the ground|on the floor|"
    r"behind|inside|outside|in the car|into the car|out of|where i can|where you are|against|toward me|"
    r"towards me|to me|with me|on your|now|right now|slowly|slow|in front|over|around|on the wall|"
    r"to the car|to the curb|on the curb|on the table|on the counter|on the hood|apart|quiet|calm|"
    r"your distance|it down|the door|at me|to me)\b"
)
#: an imperative ends at the first of these ("Put it down, and we can talk")
#: "show me where you think...", "show me what you mean": an invitation to give their view
SHOW_THEIR_VIEW = re.compile(r"show (?:me|us) (?:where|what|how|which) (?:you|u) (?:think|reckon|mean|saw|see|want|"
                             r"believe|say|remember)\b")
_ENDS = frozenset({",", ";", ":", "-", "or", "unless", "because", "otherwise"})
_ENDS_LATER = frozenset({"and", "so", "if"})


def find_imperative(found: Findings, c: Compiled, sent: Sentence, body: list[str], start: int) -> None:
    """Mark a command or advice in a sentence that asks nothing; ``body`` are its words after the leads."""
    parsed = found.parsed
    if not body or sent.punct == "?":
        return
    rest = " ".join(body)
    if (
        NOT_COMMAND_START.match(rest)
        or found.in_sentence("open_question", sent)
        or found.in_sentence("effective_pause", sent)
    ):
        return
    w0, w1 = body[0], body[1] if len(body) > 1 else ""
    verb, verb_rest = w0, rest
    negative = False
    if w0 in {"do", "never"} and (w1 == "not" or w0 == "never"):
        negative = True
        verb = body[2] if w0 == "do" and len(body) > 2 else w1
        verb_rest = " ".join(body[2:] if w0 == "do" else body[1:])
    elif w0 == "do":
        return
    if verb in {"look", "listen", "see"} and w1 in {",", ""}:
        return
    if verb == "show" and SHOW_THEIR_VIEW.match(verb_rest):
        return      # "show me where you think the line is": their view asked for, as "tell me" asks
    if verb == "let" and not negative and w1 not in {"go", "it", "him", "her", "them"}:
        return
    if negative and verb == "be":
        return
    is_command = verb in c.imperatives
    is_advice = verb in c.advice_verbs
    if not (is_command or is_advice):
        return
    if is_command and is_advice:
        kind = "command" if COMMAND_TAIL.match(verb_rest) else "advice"
    else:
        kind = "command" if is_command else "advice"
    if kind == "advice" and found.in_sentence("dismissal", sent):
        return
    end = sent.end
    words = parsed.words
    first = sent.last - len(body)
    for j in range(first + 1, sent.last):
        if words[j] in _ENDS or (words[j] in _ENDS_LATER and j > first + 2):
            end = parsed.ends[j - 1]
            break
    found.add(kind, start, end)
