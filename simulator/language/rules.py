"""Cross-technique rules: what one technique in a sentence means for the others found there."""

from __future__ import annotations

import re

from simulator.language.findings import VOIDING, Findings
from simulator.language.parse import Sentence

#: frames that connect a person to a resource ("I can call...", "there's a clinic that...")
CONNECT = re.compile(
    r"\b(?:call|calling|get you|connect|refer|take you|give you|put you|book|see|talk to|speak to|"
    r"speak with|talk with|contact|reach out|reaching out|go to|stay with|stay at|come (?:sit|stay|be|"
    r"pick|get|over|out|meet)|pick you up|be with you|sit with you|help you|can help|could help|"
    r"helps|help with|opens|open|has a|have a|runs|offers|number|text|visit|check out|checking out|"
    r"drop by|bring you|drive you|hook you up|sign you up|link you|send|sending|meet you|on (?:the|"
    r"their|its|his|her) way|there for you|worth|wait for|get (?:in touch|ahold|a hold)|"
    r"seeing|been to|usually see|look into|available|"
    r"any time|anytime|24|free|confidential|who gets|trained|specializ\w*|work with|let (?:him|her|them) "
    r"know|reached|reach|coming|come|will be here|is here|are here|there is|there are|can meet|could meet)\b"
)
#: asking whether they already have someone or somewhere ("Do you have a counsellor?", "Is there anyone...")
ASKS_ABOUT = re.compile(
    r"^(?:\w+ ,? )?(?:do you have|is there|have you|are you seeing|who is|who|"
    r"is anyone|is somebody|there is|there are)\b"
)
#: a family member or friend (their place is somewhere to stay, not a service)
FAMILY_HIT = re.compile(
    r"^(?:(?:your|a|his|her|their|my) )?(?:sister|brother|mom|mother|dad|father|family|friend|friends|aunt|"
    r"uncle|grandma|grandmother|grandpa|grandfather|cousin|neighbou?r|neighbou?rs|wife|husband|parents|"
    r"relative|relatives|partner|son|daughter|girlfriend|boyfriend|place|house)(?:'s)?$"
)
#: what makes a family member a source of help rather than a place named in passing
FAMILY_CONNECT = re.compile(
    r"\b(?:call|calling|contact|reach|reaching|text|phone|ring|come|coming|pick you up|get you|help|helps|"
    r"talk to|talk with|speak|trust|be with you|sit with|stay with you|let (?:him|her|them) know|number|"
    r"get in touch|get ahold|get a hold|someone|somebody|anyone|anybody|support|lean on|check on)\b"
)
#: a crisis question may be put as a statement ("I need to ask you something")
CRISIS_ASK = re.compile(
    r"\b(?:ask|asking|tell me|wondering|need to know|want to know|have to check|"
    r"need to check|let me know|be honest|straight)\b"
)
#: a sentence that only checks the one before ("Is that right?"): that one is asked
CHECK_TAG = re.compile(
    r"^(?:(?:so |and |okay |ok )?(?:is|am) (?:that|i) (?:right|correct|fair|close|about right|it)|"
    r"(?:did|have) i (?:get|got) (?:that|it) right|do i have (?:that|it) right|am i (?:right|close|wrong)|"
    r"is that (?:what is going on|what is happening|what you mean|how it feels|how you feel)|"
    r"(?:right|yes|correct|true|fair))\s*\?+$"
)
#: what keeps a command beside a dismissal an order ("Calm down right now!")
INTENSE_COMMAND = re.compile(
    r"\b(?:now|right now|immediately|i said|i told you|need|have to|better|"
    r"gotta|must|why do not you|why can not you|why will not you)\b|!"
)
#: a sentence that reports what a third party says ("Your partner says you started it"):
#: neither a reflection of the subject's words nor the speaker's own contradiction
REPORTED = re.compile(
    r"^(?:(?:so|and|but|well|okay|look|now|listen|ma'am|sir|because|cause)(?: ,)? )*"
    r"(?:(?:your|his|her|their|the|my|our|a|one of (?:the|your|his|her)) (?:\w+ ){0,2}(?P<who>\w+)|he|she|they|"
    r"someone|somebody|people|witnesses|everyone|everybody) "
    r"(?:says|said|told (?:me|us|them|the \w+)|tells (?:me|us)|claims|claimed|is saying|are saying|was saying|"
    r"were saying|reported|reports|alleges|alleged|stated|mentioned|is telling (?:me|us)|are telling (?:me|us)|"
    r"has told (?:me|us)|have told (?:me|us)|say)\b"
)
#: a reflection frame: "it sounds like you've been carrying this alone" restates without context
REFLECT_FRAME = re.compile(
    r"^(?:(?:so|and|okay|yes|oh|well|wow|i hear you|i see|right|i get it|i understand|i hear that|i know|"
    r"yeah|honestly)(?: ,)? )*"
    r"(?:(?:(?:it|this|that) )?(?:sounds|seems|looks|feels) (?:to me )?like (?:you|your \w+) |"
    r"so (?:you|your \w+) (?=(?:\w+ ){4,}))"
    r"(?!(?:need to|have to|has to|ought|better|must|should|gotta|got to|are going to|will|had better|can|"
    r"could|may|do not need|do not have to)\b)"
    r"(?:\w+ ){2,}"
)
#: someone else calling or treating the person so ("treated like a criminal", "called you a liar")
REPORTED_LABEL = re.compile(
    r"\b(?:treat|treats|treated|treating|look at|looks at|looked at|looking at|talk to|talks to|talked to|"
    r"talking to|speak to|spoke to|handle|handled|see|saw|sees|seeing|called|calling|call|calls|label|"
    r"labelled|labeled|made (?:you|him|her|them|me) out to be|think|thinks|thought) (?:you|him|her|them|me|us)"
    r"(?: as| like)? (?:a|an|like|crazy|stupid|nuts|insane|the)\b|"
    r"\b(?:being|been|get|got|getting|be|are|were|feel|felt) (?:treated|called|labelled|labeled|seen|looked at|"
    r"talked to|handled|made out) (?:like|as)?\b"
)
QUESTION_START = re.compile(
    r"^(?:(?:so|and|okay|but) (?:, )?)*(?:do|does|did|are|is|was|were|will|would|can|"
    r"could|have|has|what|how|why|where|when|who|you)\b"
)
#: a frame that attributes what follows to them ("you feel like ...", "it sounds like ...")
THEIR_BELIEF = re.compile(
    r"(?:you (?:feel|felt|think|thought|believe|believed|are saying|said|are worried|"
    r"are scared|are afraid|worry|fear|have been feeling|are feeling)|feels|sounds|seems|"
    r"looks)(?: like| that)? (?:\w+ ){0,2}$"
)
#: what others keep telling them, given back ("everybody tells you it's not real", "people
#: think you're making it up", "you've been told it's all in your head"): their experience,
#: not the officer's own contradiction
THEIR_REPORT = re.compile(
    r"(?:(?:everybody|everyone|people|they|nobody|no one|folks|the doctors?|(?:your|the) \w+(?: \w+)?) "
    r"(?:(?:keeps?|kept|have been|has been|always|just|all) )?"
    r"(?:tells?|told|telling|think|thinks|thought|thinking|believes?|believed|act like|acts like|treats?|"
    r"treated|keep saying|keeps saying|say to|says to|said to|assume|assumes|assuming|assumed|call|calls|"
    r"calling|called) you(?: that)?|"
    r"you (?:have|have been|keep being|were|got|get|are) (?:told|hearing|being told)(?: that)?|"
    r"you keep hearing(?: that)?|"
    r"(?:everybody|everyone|people|they|nobody|no one|folks) (?:(?:all|just|always|still|keep|keeps|kept) )?"
    r"(?:think|thinks|thought|act like|acts like|acted like|assume|assumes|assuming|assumed|figure|figures|"
    r"decide|decided|decides|say|saying)(?: that)?)"
    r"(?: like)? (?:\w+ ){0,1}$"
)
#: a condition or an ultimatum makes a consequence a threat
CONDITIONAL = re.compile(r"\b(?:or|if|unless|until|otherwise|next time|before|keep|one more|last|again)\b")
OBLIGED = re.compile(r"\b(?:have to|has to|need to|needs to|am required to|are required to|must|got to)\b")

_LISTENING = frozenset({"open_question", "closed_question", "mirroring", "minimal_encourager"})


def _echoed_and_validated(found: Findings, sent: Sentence, a: int, b: int) -> bool:
    """The span's words are all the subject's own (two or more), and its sentence names what that
    feels like."""
    words = [w for w in found.parsed.text[a:b].split() if w.isalpha()]
    return (len(words) >= 2 and bool(found.ctx_words) and all(w in found.ctx_words for w in words)
            and "emotion_label" in found.techniques_in(sent))


def prefilter(found: Findings) -> None:
    """Drop pattern hits their sentence does not support (before the context step)."""
    parsed = found.parsed
    text = parsed.text
    sentences = parsed.sentences
    for i, sent in enumerate(sentences):
        here = found.techniques_in(sent)
        s, e = sent.start, sent.end
        if "crisis_inquiry" in here:
            nxt = sentences[i + 1] if i + 1 < len(sentences) else None
            asked = (
                sent.punct == "?" or any(a < e and b > s for a, b, _ in found.questions) or CRISIS_ASK.search(text[s:e])
                or (nxt is not None and CHECK_TAG.match(text[nxt.start:nxt.end]))
            )
            if not asked:
                found.drop("crisis_inquiry", s, e)
        if "resource_referral" in here:
            t = text[s:e]
            if "introduction" in here or not (CONNECT.search(t) or ASKS_ABOUT.search(t)):
                found.drop("resource_referral", s, e)
            elif not FAMILY_CONNECT.search(t) and all(
                FAMILY_HIT.match(text[a:b]) for _, a, b, _ in found.spans_in(sent, "resource_referral")
            ):
                # "he could stay at his brother's": a place to stay, not a referral
                found.drop("resource_referral", s, e)


def resolve(found: Findings) -> None:
    """Cross-technique rules, sentence by sentence; then the rules over the whole reply."""
    parsed = found.parsed
    text = parsed.text
    for sent in parsed.sentences:
        here = found.techniques_in(sent)
        s, e = sent.start, sent.end
        if here & {"argument", "dismissal", "insult"}:
            for t, a, b, _ in found.spans_in(sent):
                if t not in ("argument", "dismissal", "insult"):
                    continue
                if t in ("argument", "insult") and THEIR_BELIEF.search(text[s:a]):
                    # "you feel like nobody is listening to you" reflects their belief
                    found.drop(t, a, b)
                elif t == "dismissal" and _echoed_and_validated(found, sent, a, b):
                    # "Nobody cares, that's a horrible feeling": their own words given back, and felt
                    found.drop(t, a, b)
                    found.add("mirroring", a, b)
                elif THEIR_REPORT.search(text[s:a]):
                    # "so everybody tells you it's not real" gives back what they live with
                    found.drop(t, a, b)
                    if not found.techniques_in(sent) & {"paraphrase", "summary", "mirroring", *VOIDING}:
                        found.add("paraphrase", s, e)
        here = found.techniques_in(sent)
        if here & {"insult", "sarcasm"}:
            for t in ("emotion_label", "affirmation", "paraphrase", "reassurance", "i_message"):
                found.drop(t, s, e)
        if here & VOIDING or "mirroring" in here or "advice" in here:
            found.drop("open_question", s, e)
            found.drop("closed_question", s, e)
        if "command" in here and "dismissal" in here and not INTENSE_COMMAND.search(text[s:e]):
            found.drop("command", s, e)
        if "introduction" in here or (sent.punct == "?" and QUESTION_START.match(text[s:e])):
            found.drop("explanation", s, e)  # a question explains nothing
        if "threat" in here:
            found.drop("reassurance", s, e)
        if here & {"threat", "sarcasm", "power_talk"}:
            found.drop("offer_options", s, e)  # "...if you like, I get paid either way" offers nothing
        if here & {"sarcasm", "threat", "argument", "command", "summary", "dismissal", "insult"}:
            found.drop("mirroring", s, e)
        if "argument" in here and "emotion_label" in here:
            labels = [(a, b) for _, a, b, _ in found.spans_in(sent, "emotion_label")]
            for _, a, b, _ in found.spans_in(sent, "argument"):
                if any(la < a and b <= lb for la, lb in labels):
                    # "I can tell you're confused" names a feeling inside a label's frame
                    found.drop("argument", a, b)
        if "insult" in here and REPORTED_LABEL.search(text[s:e]):
            found.drop("insult", s, e)  # "you feel like you're being treated like a criminal"
        if (
            "threat" in here
            and not CONDITIONAL.search(text[s:e])
            and all(
                OBLIGED.search(text[a:b]) for _, a, b, _ in found.spans_in(sent, "threat")
            )
        ):
            # "I have to take you in on the warrant": a stated duty, not a threat
            found.drop("threat", s, e)
            found.add("explanation", s, e)
        if "summary" in here:
            found.drop("paraphrase", s, e)
        reported = REPORTED.match(text[s:e]) if here & {"paraphrase", "mirroring", "summary"} else None
        if reported and not (found.ctx_reports and reported.group("who") in found.ctx_words):
            # "Your partner says you started it" passes on someone else's words; restating
            # what the subject said someone told them ("your landlord said...") stays a paraphrase
            for t in ("paraphrase", "mirroring", "summary"):
                found.drop(t, s, e)
        if "i_message" in here and "emotion_label" in here:
            for _, a, b, _ in found.spans_in(sent, "i_message"):
                found.drop("emotion_label", a, b)
    for sent in parsed.sentences:
        # a reflection frame restates them even without their line
        if REFLECT_FRAME.match(text[sent.start : sent.end] + " ") and not (
            found.techniques_in(sent) & {"emotion_label", "paraphrase", "summary", "mirroring", *VOIDING}
        ):
            found.add("paraphrase", sent.start, sent.end)
    if found.has("summary"):
        found.drop_all("paraphrase")
    if found.weak:
        # "Okay." counts as an encourager only when every other sentence listens too
        others = [st for st in parsed.sentences if st not in found.weak]
        if all(found.techniques_in(st) & _LISTENING for st in others):
            for st in found.weak:
                found.add("minimal_encourager", st.start, st.end)
