"""Analyse one reply: which techniques, where, and their default effect."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from simulator.language.banks import banks_with
from simulator.language.compiled import Compiled, default_compiled
from simulator.language.findings import VOIDING, Findings
from simulator.language.names import find_name
from simulator.language.parse import NEGATORS, Parsed, Sentence, parse, parse_canonical
from simulator.language.patterns import find_patterns
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


SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
        "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
        "you": "i", "your": "my", "yours": "mine", "yourself": "myself", "was": "were"}
REFLECT_START = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am|i get it|"
    r"i understand|i hear that|i know|yeah|honestly)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like |"
    r"what i am hearing is |i am hearing |i hear |if i understand (?:you )?(?:right|correctly) ,? |"
    r"in other words ,? |you are saying |you are telling me |so what you are saying is )?"
    r"(?:you|your|you are|you have|you had|you were|you feel|you felt|you think|you want|you wanted|"
    r"you do not|you did not|you can not|you could not|you just|you really|you never|you still|"
    r"you would|you need|you are not|he|she|they|there|the|someone|somebody|"
    r"your \w+|you have been|you keep|you cannot|nobody|no one)\b")
#: an explicit reflection frame (a bare "you ..." restates only with their words in it)
REFLECT_STRONG = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am|i get it|"
    r"i understand|i hear that|i know|yeah|honestly)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like |"
    r"what i am hearing is |i am hearing |i hear |if i understand (?:you )?(?:right|correctly) ,? |"
    r"in other words ,? |you are saying |you are telling me |so what you are saying is |"
    r"you feel |you felt |you have been feeling |you are feeling |you think |you thought |you wanted |you want |you just want )")
NOT_REFLECT = re.compile(r"^(?:you (?:need|have|got|must|better|should|ought|will|are going) to\b|"
                         r"you (?:can|may|could) (?!not)|you do not need|you do not have to)")
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
CONTRADICT_START = re.compile(
    r"^(?:(?:no|nah|nope|well|look|come on|buddy|man|sir|ma'am|actually)(?: ,)? )*"
    r"(?:you are not|you were not|you did not|you do not|you have not|you|your \w+ (?:is|was|are|were|did|does) not|"
    r"there is no|there is nothing|there are no|there was no|there is not|there were no|nobody|no one|"
    r"nothing|he is not|she is not|they are not|they were not|it is not|it was not|that is not|"
    r"that was not|it did not|he did not|she did not|they did not|somebody did|someone did|"
    r"it was|that was|it is|he is|she is|they are|they were|he was|she was)\b")
#: a sentence that reports what a third party says ("Your partner says you started it"):
#: neither a reflection of the subject's words nor the speaker's own contradiction
REPORTED = re.compile(
    r"^(?:(?:so|and|but|well|okay|look|now|listen|ma'am|sir|because|cause)(?: ,)? )*"
    r"(?:(?:your|his|her|their|the|my|our|a|one of (?:the|your|his|her)) (?:\w+ ){0,2}(?P<who>\w+)|he|she|they|"
    r"someone|somebody|people|witnesses|everyone|everybody) "
    r"(?:says|said|told (?:me|us|them|the \w+)|tells (?:me|us)|claims|claimed|is saying|are saying|was saying|"
    r"were saying|reported|reports|alleges|alleged|stated|mentioned|is telling (?:me|us)|are telling (?:me|us)|"
    r"has told (?:me|us)|have told (?:me|us)|say)\b")
CTX_SAYING = re.compile(r"\b(?:says|said|told|tells|telling|claims|claimed|saying|accused|accuses|blames|blamed)\b")
#: a reflection frame: "it sounds like you've been carrying this alone" restates without context
REFLECT_FRAME = re.compile(
    r"^(?:(?:so|and|okay|yes|oh|well|wow|i hear you|i see|right|i get it|i understand|i hear that|i know|"
    r"yeah|honestly)(?: ,)? )*"
    r"(?:(?:(?:it|this|that) )?(?:sounds|seems|looks|feels) (?:to me )?like (?:you|your \w+) |"
    r"so (?:you|your \w+) (?=(?:\w+ ){4,}))"
    r"(?!(?:need to|have to|has to|ought|better|must|should|gotta|got to|are going to|will|had better|can|"
    r"could|may|do not need|do not have to)\b)"
    r"(?:\w+ ){2,}")
#: "you" as the one who went through something ("you paid him everything", "you've been up all night")
EXPERIENCE = re.compile(
    r"\byou (?:have been|have had|have|had|were|felt|feel|went|got|did|tried|lost|found|keep|kept|just|put|"
    r"paid|gave|took|spent|made|worked|called|told|asked|wanted|needed|thought|saw|heard|came|left|ended up|"
    r"can not|could not|do not know|did not know|never|still|always|\w+ed|are \w+ing|were \w+ing)\b")
#: "So it started over money and then he wanted to drive": a so-recap of their story
SO_RECAP_NOT = re.compile(r"^so (?:, )?(?:i|we|let|what|now|here|if|anyway|basically|yeah|okay|um|uh|please|"
                          r"you (?:need|have to|should|better|must|will|can|could|are going to))\b")
#: a recap is about them, not about the speaker's own plans ("I've got three other calls waiting")
RECOUNT_YOU = re.compile(r"\b(?:you|your|he|she|they|his|her|their)\b")
RECOUNT_ME = re.compile(r"\b(?:i|we|me|us|my|our)\b")
#: someone else calling or treating the person so ("treated like a criminal", "called you a liar")
REPORTED_LABEL = re.compile(
    r"\b(?:treat|treats|treated|treating|look at|looks at|looked at|looking at|talk to|talks to|talked to|"
    r"talking to|speak to|spoke to|handle|handled|see|saw|sees|seeing|called|calling|call|calls|label|"
    r"labelled|labeled|made (?:you|him|her|them|me) out to be|think|thinks|thought) (?:you|him|her|them|me|us)"
    r"(?: as| like)? (?:a|an|like|crazy|stupid|nuts|insane|the)\b|"
    r"\b(?:being|been|get|got|getting|be|are|were|feel|felt) (?:treated|called|labelled|labeled|seen|looked at|"
    r"talked to|handled|made out) (?:like|as)?\b")
#: a sentence that takes their view as theirs ("you feel like you're being pushed out")
VALIDATING = re.compile(r"\b(?:you (?:feel|felt|think|thought|believe|are saying|said|are telling me)|"
                        r"i (?:get|understand|hear|see) (?:that|it|why|how|where))\b")
QUESTION_START = re.compile(r"^(?:(?:so|and|okay|but) (?:, )?)*(?:do|does|did|are|is|was|were|will|would|can|"
                            r"could|have|has|what|how|why|where|when|who|you)\b")
#: a frame that attributes what follows to them ("you feel like ...", "it sounds like ...")
THEIR_BELIEF = re.compile(r"(?:you (?:feel|felt|think|thought|believe|believed|are saying|said|are worried|"
                          r"are scared|are afraid|worry|fear|have been feeling|are feeling)|feels|sounds|seems|"
                          r"looks)(?: like| that)? (?:\w+ ){0,2}$")
#: a condition or an ultimatum makes a consequence a threat
CONDITIONAL = re.compile(r"\b(?:or|if|unless|until|otherwise|next time|before|keep|one more|last|again)\b")
OBLIGED = re.compile(r"\b(?:have to|has to|need to|needs to|am required to|are required to|must|got to)\b")
SUMMARY_SPLIT = re.compile(r" (?:,|;|:|and then|and now|then|and|plus|but) ")


def _stem(w: str) -> str:
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ies", "ied"):
                w += "y"
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]
    return w


def _has_negator(words) -> bool:
    return any(w in NEGATORS for w in words)


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
            self._against_context(found, context)
        self._resolve(found)
        return self._finish(text, found)

    # --------------------------------------------------------------- detectors
    def _against_context(self, found: Findings, context: str) -> None:
        c = self._c
        ctx = parse(context, c.corrector)
        found.ctx_reports = bool(CTX_SAYING.search(ctx.text))
        found.ctx_words = frozenset(ctx.words)
        drop = ".,!?;:-\"()"
        swapped = [SWAP.get(w, w) for w in ctx.words if w not in drop]
        if not swapped:
            return
        ctx_text = " ".join(swapped)
        ctx_content = {_stem(w) for w in swapped if w not in c.stopwords and len(w) > 2}
        ctx_negated = _has_negator(swapped)
        ctx_question = any(s.punct == "?" for s in ctx.sentences) and len(ctx.sentences) == 1
        parsed = found.parsed
        words = parsed.words
        total_overlap: set[str] = set()
        for sent in parsed.sentences:
            toks = [w for w in words[sent.first:sent.last] if w not in ",-\"()"]
            if not toks:
                continue
            sent_text = " ".join(toks)
            # mirroring: a clause that repeats a few of their words
            if not ctx_question and self._mirror(found, sent, ctx_text, c) >= 0.6:
                continue
            content = [_stem(w) for w in toks if w not in c.stopwords and len(w) > 2]
            overlap = {w for w in content if w in ctx_content}
            for w in set(content) - overlap:
                if len(w) >= 5 and any(fuzz.ratio(w, x) >= 85 for x in ctx_content if x[:1] == w[:1]):
                    overlap.add(w)
            total_overlap |= overlap
            others = found.techniques_in(sent) - {"name_use", "minimal_encourager", "closed_question",
                                                  "open_question"}
            # contradiction: their claim repeated with the opposite polarity ("There's no one
            # in that window", "You're obviously drunk" to "I'm not drunk")
            if overlap and not ctx_question and sent.punct != "?" and len(toks) <= 12 and \
                    _has_negator(toks) != ctx_negated and CONTRADICT_START.match(sent_text) and \
                    not REFLECT_STRONG.match(sent_text) and not VALIDATING.search(sent_text) and \
                    len(overlap) / max(1, len(set(content))) >= 0.4 and \
                    not (others & {"reassurance", "emotion_label", "affirmation", "explanation",
                                   "paraphrase", "summary", "i_message", "sarcasm", "command", "threat"}):
                if re.search(r"\b(?:" + c.judgment + r")\b", sent_text):
                    found.add("reassurance", sent.start, sent.end)
                else:
                    found.add("argument", sent.start, sent.end)
                continue
            emotion_only = others == {"emotion_label"}
            if others and not emotion_only:
                continue
            reflect = REFLECT_START.match(sent_text) and not NOT_REFLECT.match(sent_text)
            so_start = toks[0] == "so" and len(toks) >= 4
            if sent.punct == "?" and not (REFLECT_STRONG.match(sent_text) or (so_start and overlap)):
                continue        # "You want to argue the law with me?" asks, it does not restate
            share = len(overlap) / max(1, len(set(content)))
            if emotion_only:
                if len(overlap) >= 2 and len(toks) >= 9:
                    found.add("paraphrase", sent.start, sent.end)
                continue
            framed = reflect and REFLECT_STRONG.match(sent_text)
            # without their words, a "you ..." sentence restates only their experience
            about_you = len(toks) >= 5 and (overlap or EXPERIENCE.search(sent_text)) \
                and not (toks[0] == "you" and len(toks) > 2 and toks[2] == "not" and not overlap)
            so_recap = so_start and len(toks) >= 6 and sent.punct != "?" and not SO_RECAP_NOT.match(sent_text)
            if (framed and len(toks) >= 5) or ((reflect or so_start) and (overlap or about_you)) or so_recap \
                    or len(overlap) >= 3 or (len(overlap) >= 2 and share >= 0.25):
                found.add("paraphrase", sent.start, sent.end)
        self._summary(found, ctx, total_overlap)

    def _mirror(self, found: Findings, sent: Sentence, ctx_text: str, c: Compiled) -> float:
        """Mark clauses that echo the subject's words; return the share of the sentence echoed."""
        parsed = found.parsed
        words = parsed.words
        total = sum(1 for w in words[sent.first:sent.last] if w not in {",", ";", ":", "-", "\"", "(", ")"})
        seg_start = sent.first
        echoed = 0
        for j in range(sent.first, sent.last + 1):
            if j < sent.last and words[j] not in {",", ";", ":", "-", ".", "!", "?"}:
                continue
            seg = [w for w in words[seg_start:j] if w not in {"\"", "(", ")"}]
            while seg and seg[0] in {"so", "and", "oh", "wait", "okay", "hold", "on", "really", "yes",
                                     "huh", "mm", "mm-hmm", "hmm", "right", "the"} and len(seg) > 1:
                seg = seg[1:]
            while seg and seg[-1] in {"huh", "eh", "man", "right"} and len(seg) > 1:
                seg = seg[:-1]
            if 1 <= len(seg) <= 8 and (total <= 8 or len(seg) >= 0.4 * total):
                text = " ".join(seg)
                meaningful = [w for w in seg if w not in c.stopwords and len(w) > 2]
                if (meaningful or len(text) >= 10) and text not in c.encouragers and len(text) >= 4 \
                        and not (_has_negator(seg) and not _has_negator(ctx_text.split())) \
                        and self._contiguous(seg, ctx_text) and self._echoed(meaningful, ctx_text):
                    found.add("mirroring", parsed.starts[seg_start], parsed.ends[j - 1])
                    echoed += len(seg)
            seg_start = j + 1
        return echoed / total if total else 0.0

    @staticmethod
    def _echoed(meaningful: list[str], ctx_text: str) -> bool:
        """Is every content word of a mirror (nearly) one of their words?"""
        ctx_words = set(ctx_text.split())
        return all(w in ctx_words or (len(w) >= 5 and any(fuzz.ratio(w, x) >= 85 for x in ctx_words))
                   for w in meaningful)

    @staticmethod
    def _contiguous(seg: list[str], ctx_text: str) -> bool:
        """Do the words of ``seg`` appear (nearly) in a row in the context?"""
        ctx_words = ctx_text.split()
        n = len(seg)
        if n == 1:
            return any(fuzz.ratio(seg[0], w) >= 85 for w in ctx_words)
        text = " ".join(seg)
        for size in (n - 1, n, n + 1):
            if size < 1:
                continue
            for i in range(0, max(1, len(ctx_words) - size + 1)):
                if fuzz.ratio(text, " ".join(ctx_words[i:i + size])) >= 80:
                    return True
        return False

    def _summary(self, found: Findings, ctx: Parsed, total_overlap: set[str]) -> None:
        parsed = found.parsed
        words = parsed.words
        for sent in parsed.sentences:
            toks = words[sent.first:sent.last]
            if len(toks) < 12 or sent.punct == "?":
                continue
            text = " ".join(toks)
            parts = [p for p in SUMMARY_SPLIT.split(text) if len(p.split()) >= 2]
            if (len(parts) >= 4 or (len(parts) >= 3 and len(toks) >= 20)) and re.search(r"\b(?:you|your|he|she|they|his|her|their)\b", text) \
                    and text.count(" or ") < 2 and not found.in_sentence("explanation", sent) \
                    and not found.in_sentence("offer_options", sent) and RECOUNT_YOU.findall(text).__len__() > len(RECOUNT_ME.findall(text)) \
                    and not found.techniques_in(sent) & VOIDING:
                # a recap carries several of their points, so some of their words
                found.add("summary", sent.start, sent.end)
                return

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
