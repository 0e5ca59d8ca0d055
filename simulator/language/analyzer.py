"""Analyse one reply: which techniques, where, and their default effect."""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.language.banks import banks_with
from simulator.language.compiled import Compiled, default_compiled
from simulator.language.findings import VOIDING, Findings
from simulator.language.names import find_name
from simulator.language.parse import parse_canonical
from simulator.language.patterns import find_patterns
from simulator.language.reflections import find_reflections
from simulator.language.sentences import find_pause, find_sentences
from simulator.language.techniques import TECHNIQUES, combine_effects
from simulator.language.text import canonicalize
from simulator.language.tone import tone


@dataclass(frozen=True)
class Detection:
    """One technique shown by the reply; [start, end) is a span of the original text."""

    technique: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"technique": self.technique, "span": [self.start, self.end], "text": self.text}


@dataclass(frozen=True)
class Analysis:
    text: str
    detections: tuple[Detection, ...]
    techniques: tuple[str, ...]
    agitation_delta: float
    rapport_delta: float
    #: the tone term already included in ``agitation_delta`` (see ``tone.py``)
    tone: float = 0.0

    @property
    def spans(self) -> dict[str, list[list[int]]]:
        out: dict[str, list[list[int]]] = {}
        for d in self.detections:
            out.setdefault(d.technique, []).append([d.start, d.end])
        return out

    def has(self, technique: str) -> bool:
        return technique in self.techniques

    def to_dict(self) -> dict:
        return {"techniques": list(self.techniques), "spans": self.spans,
                "detections": [d.to_dict() for d in self.detections],
                "agitation_delta": self.agitation_delta, "rapport_delta": self.rapport_delta,
                "tone": self.tone}


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
    r"know|reached|reach|coming|come|will be here|is here|are here|there is|there are|can meet|could meet)\b")
#: a family member or friend (their place is somewhere to stay, not a service)
FAMILY_HIT = re.compile(
    r"^(?:(?:your|a|his|her|their|my) )?(?:sister|brother|mom|mother|dad|father|family|friend|friends|aunt|"
    r"uncle|grandma|grandmother|grandpa|grandfather|cousin|neighbou?r|neighbou?rs|wife|husband|parents|"
    r"relative|relatives|partner|son|daughter|girlfriend|boyfriend|place|house)(?:'s)?$")
#: what makes a family member a source of help rather than a place named in passing
FAMILY_CONNECT = re.compile(
    r"\b(?:call|calling|contact|reach|reaching|text|phone|ring|come|coming|pick you up|get you|help|helps|"
    r"talk to|talk with|speak|trust|be with you|sit with|stay with you|let (?:him|her|them) know|number|"
    r"get in touch|get ahold|get a hold|someone|somebody|anyone|anybody|support|lean on|check on)\b")
CRISIS_ASK = re.compile(r"\b(?:ask|asking|tell me|wondering|need to know|want to know|have to check|"
                        r"need to check|let me know|be honest|straight)\b")
INTENSE_COMMAND = re.compile(r"\b(?:now|right now|immediately|i said|i told you|need|have to|better|"
                             r"gotta|must|why do not you|why can not you|why will not you)\b|!")
#: a sentence that reports what a third party says ("Your partner says you started it"):
#: neither a reflection of the subject's words nor the speaker's own contradiction
REPORTED = re.compile(
    r"^(?:(?:so|and|but|well|okay|look|now|listen|ma'am|sir|because|cause)(?: ,)? )*"
    r"(?:(?:your|his|her|their|the|my|our|a|one of (?:the|your|his|her)) (?:\w+ ){0,2}(?P<who>\w+)|he|she|they|"
    r"someone|somebody|people|witnesses|everyone|everybody) "
    r"(?:says|said|told (?:me|us|them|the \w+)|tells (?:me|us)|claims|claimed|is saying|are saying|was saying|"
    r"were saying|reported|reports|alleges|alleged|stated|mentioned|is telling (?:me|us)|are telling (?:me|us)|"
    r"has told (?:me|us)|have told (?:me|us)|say)\b")
#: a reflection frame: "it sounds like you've been carrying this alone" restates without context
REFLECT_FRAME = re.compile(
    r"^(?:(?:so|and|okay|yes|oh|well|wow|i hear you|i see|right|i get it|i understand|i hear that|i know|"
    r"yeah|honestly)(?: ,)? )*"
    r"(?:(?:(?:it|this|that) )?(?:sounds|seems|looks|feels) (?:to me )?like (?:you|your \w+) |"
    r"so (?:you|your \w+) (?=(?:\w+ ){4,}))"
    r"(?!(?:need to|have to|has to|ought|better|must|should|gotta|got to|are going to|will|had better|can|"
    r"could|may|do not need|do not have to)\b)"
    r"(?:\w+ ){2,}")
#: someone else calling or treating the person so ("treated like a criminal", "called you a liar")
REPORTED_LABEL = re.compile(
    r"\b(?:treat|treats|treated|treating|look at|looks at|looked at|looking at|talk to|talks to|talked to|"
    r"talking to|speak to|spoke to|handle|handled|see|saw|sees|seeing|called|calling|call|calls|label|"
    r"labelled|labeled|made (?:you|him|her|them|me) out to be|think|thinks|thought) (?:you|him|her|them|me|us)"
    r"(?: as| like)? (?:a|an|like|crazy|stupid|nuts|insane|the)\b|"
    r"\b(?:being|been|get|got|getting|be|are|were|feel|felt) (?:treated|called|labelled|labeled|seen|looked at|"
    r"talked to|handled|made out) (?:like|as)?\b")
QUESTION_START = re.compile(r"^(?:(?:so|and|okay|but) (?:, )?)*(?:do|does|did|are|is|was|were|will|would|can|"
                            r"could|have|has|what|how|why|where|when|who|you)\b")
#: a frame that attributes what follows to them ("you feel like ...", "it sounds like ...")
THEIR_BELIEF = re.compile(r"(?:you (?:feel|felt|think|thought|believe|believed|are saying|said|are worried|"
                          r"are scared|are afraid|worry|fear|have been feeling|are feeling)|feels|sounds|seems|"
                          r"looks)(?: like| that)? (?:\w+ ){0,2}$")
#: a condition or an ultimatum makes a consequence a threat
CONDITIONAL = re.compile(r"\b(?:or|if|unless|until|otherwise|next time|before|keep|one more|last|again)\b")
OBLIGED = re.compile(r"\b(?:have to|has to|need to|needs to|am required to|are required to|must|got to)\b")


class Analyzer:
    """Technique detection with the default banks, optionally extended.

    ``extra_phrases`` adds literal phrases per technique id (a scenario's or a user's);
    ``bank_files`` adds whole bank files (same schema as the package's banks).
    """

    def __init__(self, extra_phrases: dict[str, list[str]] | None = None, bank_files=()):
        if extra_phrases is not None and not isinstance(extra_phrases, dict):
            raise ValueError("extra_phrases must map technique ids to lists of phrases.")
        if bank_files:
            self._c = Compiled(banks_with(list(bank_files), extra_phrases or None))
        elif extra_phrases:
            self._c = default_compiled().with_phrases(extra_phrases)
        else:
            self._c = default_compiled()

    # ------------------------------------------------------------------ public
    def analyze(self, text: str, context: str | None = None) -> Analysis:
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        c = self._c
        parsed = parse_canonical(canonicalize(text, c.corrector))
        found = Findings(parsed)
        if not parsed.words:
            found.add_original("effective_pause", 0, len(text))
            return self._finish(text, found)
        find_patterns(found, c)
        find_pause(found)
        find_sentences(found, c)
        find_name(found, c, text)
        self._prefilter(found)
        if context and context.strip():
            find_reflections(found, c, context)
        self._resolve(found)
        return self._finish(text, found)

    # --------------------------------------------------------------- detectors
    def _prefilter(self, found: Findings) -> None:
        """Drop pattern hits their sentence does not support (before the context step)."""
        parsed = found.parsed
        text = parsed.text
        for sent in parsed.sentences:
            here = found.techniques_in(sent)
            s, e = sent.start, sent.end
            if "crisis_inquiry" in here:
                asked = sent.punct == "?" or any(a < e and b > s for a, b, _ in found.questions) \
                    or CRISIS_ASK.search(text[s:e])
                if not asked:
                    found.drop("crisis_inquiry", s, e)
            if "resource_referral" in here:
                t = text[s:e]
                if "introduction" in here or not (CONNECT.search(t) or re.search(
                        r"^(?:\w+ ,? )?(?:do you have|is there|have you|are you seeing|who is|who|"
                        r"is anyone|is somebody|there is|there are)\b", t)):
                    found.drop("resource_referral", s, e)
                elif not FAMILY_CONNECT.search(t) and all(
                        FAMILY_HIT.match(text[a:b]) for tid, a, b, orig in found.spans
                        if tid == "resource_referral" and not orig and s <= a < e):
                    # "he could stay at his brother's": a place to stay, not a referral
                    found.drop("resource_referral", s, e)

    def _resolve(self, found: Findings) -> None:
        """Cross-technique rules, sentence by sentence."""
        parsed = found.parsed
        text = parsed.text
        for sent in parsed.sentences:
            here = found.techniques_in(sent)
            s, e = sent.start, sent.end
            if here & {"insult", "sarcasm"}:
                for t in ("emotion_label", "affirmation", "paraphrase", "reassurance", "i_message"):
                    found.drop(t, s, e)
            if here & VOIDING or "mirroring" in here or "advice" in here:
                found.drop("open_question", s, e)
                found.drop("closed_question", s, e)
            if "command" in here and "dismissal" in here and not INTENSE_COMMAND.search(text[s:e]):
                found.drop("command", s, e)
            if "introduction" in here or (sent.punct == "?" and QUESTION_START.match(text[s:e])):
                found.drop("explanation", s, e)     # a question explains nothing
            if "threat" in here:
                found.drop("offer_options", s, e)
                found.drop("reassurance", s, e)
            if here & {"sarcasm", "threat", "argument", "command", "summary", "dismissal", "insult"}:
                found.drop("mirroring", s, e)
            if "argument" in here:
                for t, a, b, orig in list(found.spans):
                    if t == "argument" and not orig and s <= a < e and THEIR_BELIEF.search(text[s:a]):
                        # "you feel like nobody is listening to you" reflects their belief
                        found.drop("argument", a, b)
            if "insult" in here and REPORTED_LABEL.search(text[s:e]):
                found.drop("insult", s, e)      # "you feel like you're being treated like a criminal"
            if "threat" in here and not CONDITIONAL.search(text[s:e]) and all(
                    OBLIGED.search(text[a:b]) for t, a, b, orig in found.spans
                    if t == "threat" and not orig and s <= a < e):
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
                for t, a, b, orig in list(found.spans):
                    if t == "i_message" and not orig and s <= a < e:
                        found.drop("emotion_label", a, b)
        for sent in parsed.sentences:
            # a reflection frame restates them even without their line
            if REFLECT_FRAME.match(text[sent.start:sent.end] + " ") and not (
                    found.techniques_in(sent) & {"emotion_label", "paraphrase", "summary", "mirroring",
                                                 *VOIDING}):
                found.add("paraphrase", sent.start, sent.end)
        if found.has("summary"):
            found.drop_all("paraphrase")
        if found.weak:
            others = [st for st in parsed.sentences if st not in found.weak]
            listening = {"open_question", "closed_question", "mirroring", "minimal_encourager"}
            if all(found.techniques_in(st) & listening for st in others):
                for st in found.weak:
                    found.add("minimal_encourager", st.start, st.end)

    # ------------------------------------------------------------------ result
    def _finish(self, text: str, found: Findings) -> Analysis:
        canon = found.parsed.canon
        out: list[Detection] = []
        seen: set[tuple[str, int, int]] = set()
        for tid, a, b, original in found.spans:
            s, e = (a, b) if original else canon.span(a, b)
            key = (tid, s, e)
            if key in seen:
                continue
            seen.add(key)
            out.append(Detection(tid, s, e, text[s:e]))
        out.sort(key=lambda d: (d.start, -d.end, d.technique))
        # drop a detection nested inside another of the same technique
        kept: list[Detection] = []
        for d in out:
            if any(k.technique == d.technique and k.start <= d.start and d.end <= k.end for k in kept):
                continue
            kept.append(d)
        techniques: list[str] = []
        for d in kept:
            if d.technique not in techniques:
                techniques.append(d.technique)
        agitation, rapport = combine_effects(
            [(t, TECHNIQUES[t].agitation, TECHNIQUES[t].rapport) for t in techniques])
        # the per-technique effect plus a small tone term that orders replies alike in technique
        t = tone(text, found.parsed.text, techniques)
        return Analysis(text, tuple(kept), tuple(techniques), round(agitation + t, 3), rapport, t)


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text: str, context: str | None = None) -> Analysis:
    """Analyse one reply with the default banks."""
    return default_analyzer().analyze(text, context)
