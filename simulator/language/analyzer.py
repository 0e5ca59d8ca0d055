"""Analyse one reply: which techniques, where, and their default effect."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from simulator.language.banks import banks_with
from simulator.language.compiled import Compiled, default_compiled
from simulator.language.parse import AUX, Parsed, Sentence, parse, parse_canonical
from simulator.language.techniques import TECHNIQUES, combine_effects
from simulator.language.text import canonicalize


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
                "agitation_delta": self.agitation_delta, "rapport_delta": self.rapport_delta}


WH = frozenset({"what", "how", "why", "where", "when", "who", "which", "whose", "whom"})
CLOSED_WH_NEXT = {"how": frozenset({"many", "much", "old", "long", "far", "often", "tall", "big",
                                    "soon", "late", "early"})}
CLOSED_WH = frozenset({"where", "when", "who", "which", "whose", "whom"})
QUESTION_AUX = AUX | frozenset({"does", "had", "shall"}) - frozenset({"going", "need"})
SUBJECTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there", "that", "this", "anyone",
                      "anybody", "someone", "somebody", "everything", "everyone", "anything",
                      "something", "your", "my", "the", "y'all", "u", "ya", "any", "nobody", "no"})
LEADS = frozenset({"okay", "so", "and", "but", "well", "all", "right", "now", "hey", "sir", "ma'am",
                   "yes", "no", "oh", "um", "uh", "then", "please", ",", "hi", "hello", "man", "buddy",
                   "friend", "bro", "dude", "just", "also", "mm", "mm-hmm", "uh-huh", "sure", "anyway",
                   "honestly", "seriously", "first", "-", "look", "listen", "alright", "again", "ok",
                   "see", "son", "ma", "mate", "guys", "folks", "hmm", "wow", "ah", "like", "plus",
                   "besides", "otherwise", "real", "quick", "quickly", "one", "more", "thing", "last"})
NOT_COMMAND_START = re.compile(
    r"^(?:tell me|talk to me|walk me|help me|take your time|take (?:a |some )?(?:deep )?breaths?|"
    r"take (?:a|some) (?:break|minute|moment|second)|let me|let us|go on|go ahead|keep going|try |call me|"
    r"do not (?:worry|be afraid|be scared|be sorry|hesitate|feel|panic|blame)|say more|feel free|"
    r"have a (?:seat|good|great|nice)|take care|thank|get (?:some rest|help|better|well)|look ,|listen ,|"
    r"see ,|look (?:i|we|man|buddy|sir|ma'am)\b|listen (?:i|we|man|buddy|sir|ma'am)\b|imagine|consider|"
    r"remember|think about|keep (?:talking|telling)|tell us|explain|describe|share|stay (?:safe|strong)|"
    r"hang in|hold on ,|be (?:careful|safe|well|honest with yourself)|do not forget)")
SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
        "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
        "you": "i", "your": "my", "yours": "mine", "yourself": "myself", "was": "were"}
REFLECT_START = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like |"
    r"what i am hearing is |i am hearing |i hear |if i understand (?:you )?(?:right|correctly) ,? |"
    r"in other words ,? |you are saying |you are telling me |so what you are saying is )?"
    r"(?:you|your|you are|you have|you had|you were|you feel|you felt|you think|you want|you wanted|"
    r"you do not|you did not|you can not|you could not|you just|you really|you never|you still|"
    r"you would|you need|you are not|he|she|they|it|this|that|there|the|someone|somebody|"
    r"your \w+|you have been|you keep|you cannot|nobody|no one)\b")
NOT_REFLECT = re.compile(r"^(?:you (?:need|have|got|must|better|should|ought|will|are going) to\b|"
                         r"you (?:can|may|could) (?!not)|you do not need|you do not have to)")
_NAME_STOP = frozenset("""okay ok look listen hey sir ma'am well yes no so now alright please hi hello
officer man buddy dude bro friend honestly seriously sorry right sure oh wow again first also and but
then thanks thank good great fine whoa easy yeah yep nope um uh hmm mm anyway actually basically obviously
clearly see god jesus christ lord guys folks everyone everybody mate son kid sweetie honey dear brother
sister boss chief pal sweetheart hun babe baby just really because if when what why how who where which
i you we they he she it this that there here my your our their yo listen stop wait hold come calm relax
tell walk help let go get step put drop sit stand please maybe perhaps of okay cool nice true exactly
absolutely totally definitely certainly yup nah mister miss mrs mr ms dr deputy sergeant detective
officers police cops sheriff trooper uh-huh mm-hmm gosh geez jeez damn shit hell fuck ugh ah aha huh
hm not never none nothing nobody everything something anything someone somebody anyone anybody people
today tonight tomorrow yesterday morning evening night sometimes always often usually""".split())
NAME_RE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:hey|hi|hello|okay|ok|look|listen|yo|so|alright|"
                     r"well)[,!]?\s+)?([A-Z][a-z][a-zA-Z'\-]+)(?=\s*[,!?]|\s*$)|"
                     r",\s*([A-Z][a-z][a-zA-Z'\-]+)\s*(?=[.!?]|$)|"
                     r"\b(?:[Hh]ey|[Hh]i|[Hh]ello|[Tt]hanks|[Tt]hank you)\s+([A-Z][a-z][a-zA-Z'\-]+)\b")


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


@dataclass
class _Found:
    parsed: Parsed
    spans: list[tuple[str, int, int, bool]] = field(default_factory=list)  # canonical unless flagged

    def add(self, tid: str, start: int, end: int) -> None:
        self.spans.append((tid, start, end, False))

    def add_original(self, tid: str, start: int, end: int) -> None:
        self.spans.append((tid, start, end, True))

    def has(self, tid: str) -> bool:
        return any(t == tid for t, *_ in self.spans)

    def drop(self, tid: str, start: int | None = None, end: int | None = None) -> None:
        self.spans = [s for s in self.spans if not (
            s[0] == tid and not s[3] and (start is None or (s[1] < end and s[2] > start)))]

    def in_sentence(self, tid: str, sent: Sentence) -> bool:
        return any(t == tid and not orig and sent.start <= a < sent.end
                   for t, a, b, orig in self.spans)


class Analyzer:
    """Technique detection with the default banks, optionally extended.

    ``extra_phrases`` adds literal phrases per technique id (a scenario's or a user's);
    ``bank_files`` adds whole bank files (same schema as the package's banks).
    """

    def __init__(self, extra_phrases: dict[str, list[str]] | None = None, bank_files=()):
        if extra_phrases is not None and not isinstance(extra_phrases, dict):
            raise ValueError("extra_phrases must map technique ids to lists of phrases.")
        if extra_phrases or bank_files:
            self._c = Compiled(banks_with(list(bank_files), extra_phrases or None))
        else:
            self._c = default_compiled()

    # ------------------------------------------------------------------ public
    def analyze(self, text: str, context: str | None = None) -> Analysis:
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        c = self._c
        parsed = parse_canonical(canonicalize(text, c.corrector))
        found = _Found(parsed)
        if not parsed.words:
            found.add_original("effective_pause", 0, len(text))
            return self._finish(text, found)
        self._patterns(found)
        self._sentences(found)
        self._pause(found)
        self._names(text, found)
        if context and context.strip():
            self._against_context(found, context)
        self._resolve(found)
        return self._finish(text, found)

    # --------------------------------------------------------------- detectors
    def _patterns(self, found: _Found) -> None:
        parsed, c = found.parsed, self._c
        t = parsed.text
        for tid, rx in c.regexes.items():
            neg = c.negatable[tid]
            for m in rx.finditer(t):
                if m.end() == m.start():
                    continue
                if neg and parsed.is_negated_at(m.start()):
                    continue
                found.add(tid, m.start(), m.end())
        for tid, matcher in c.matchers.items():
            hit = matcher.search_parsed(parsed)
            if hit is not None:
                found.add_original(tid, hit.start, hit.end)

    def _sentences(self, found: _Found) -> None:
        parsed, c = found.parsed, self._c
        words = parsed.words
        questions: list[Sentence] = []
        for sent in parsed.sentences:
            toks = words[sent.first:sent.last]
            if not toks:
                continue
            # minimal encourager: the sentence is nothing else
            joined = " ".join(w for w in toks if w not in {",", "-"})
            if joined in c.encouragers or (len(toks) <= 4 and all(w in c.encourager_words or w == ","
                                                                  for w in toks)):
                if sent.punct != "?" or joined in c.encouragers:
                    found.add("minimal_encourager", sent.start, sent.end)
                    continue
            k = 0
            while k < len(toks) - 1 and (toks[k] in LEADS) and not (
                    toks[k] in {"look", "listen"} and toks[k + 1] in {"at", "to", "here"}):
                k += 1
            body = toks[k:]
            w0 = body[0]
            w1 = body[1] if len(body) > 1 else ""
            start = parsed.starts[sent.first + k]
            rest = " ".join(body)
            kind = None
            commandq = found.in_sentence("command", sent)
            if w0 in WH:
                if w0 == "why" and w1 == "do" and rest.startswith("why do not you"):
                    kind = "advice_or_command"
                elif w0 == "what" and w1 in {"a", "an"} and sent.punct != "?":
                    kind = None
                elif sent.punct == "?" or w1 in QUESTION_AUX or w1 in {"happened", "happens", "else",
                                                                       "about", "is", "now"}:
                    if w0 in CLOSED_WH or w1 in CLOSED_WH_NEXT.get(w0, ()) or re.match(
                            r"what (?:is|was) (?:your|his|her|their) (?:name|first name|last name|"
                            r"number|phone number|address|date of birth|birthday|age)|what time|"
                            r"what day|what (?:kind|type|color|colour|year|street|number)", rest):
                        kind = "closed"
                    else:
                        kind = "open"
            elif w0 in QUESTION_AUX and (w1 in SUBJECTS or sent.punct == "?"):
                kind = "closed"
            elif sent.punct == "?":
                kind = "open" if any(w in WH for w in body[1:]) and not re.search(
                    r"\b(?:or|right|okay|yes|no)\s*\?*$", rest) else "closed"
            if kind in ("open", "closed"):
                questions.append(sent)
                if commandq:
                    continue
                if found.in_sentence("open_question", sent):
                    continue
                found.add(f"{kind}_question", start, sent.end)
            elif kind == "advice_or_command":
                questions.append(sent)
            # imperative: the sentence opens with a base verb
            if kind is None and not commandq and w0 in c.imperatives and sent.punct != "?":
                if NOT_COMMAND_START.match(rest) or found.in_sentence("open_question", sent):
                    continue
                if w0 == "do" and w1 != "not":
                    continue
                if w0 in {"look", "listen", "see"} and w1 in {",", ""}:
                    continue
                if w0 == "let" and w1 not in {"go", "it", "him", "her", "them", "me"}:
                    continue
                if found.in_sentence("advice", sent) and w0 in {"try", "take"}:
                    continue
                end = sent.end
                for j in range(sent.first + k + 1, sent.last):
                    if words[j] in {",", ";", ":", "-"}:
                        end = parsed.ends[j - 1]
                        break
                found.add("command", start, end)
        if len(questions) >= 3 or (len(questions) == 2 and sum(len(words[s.first:s.last]) for s in questions) <= 14
                                   and len(parsed.sentences) == 2 and False):
            found.add("interrogation", questions[0].start, questions[-1].end)

    def _pause(self, found: _Found) -> None:
        parsed = found.parsed
        if all(w in {".", "-", "*", "(", ")", "[", "]"} for w in parsed.words) and parsed.words:
            found.add("effective_pause", 0, len(parsed.text))
        elif parsed.words[:3] == [".", ".", "."] or parsed.text.startswith(". . ."):
            found.add("effective_pause", parsed.starts[0], parsed.ends[2])

    def _names(self, text: str, found: _Found) -> None:
        if found.has("name_use"):
            return
        for m in NAME_RE.finditer(text):
            name = next(g for g in m.groups() if g)
            low = name.lower()
            if low in _NAME_STOP or low in self._c.stopwords or low in self._c.imperatives \
                    or low in self._c.emotion_words or low in self._c.encourager_words:
                continue
            gi = next(i for i, g in enumerate(m.groups(), 1) if g)
            found.add_original("name_use", m.start(gi), m.end(gi))
            return

    def _against_context(self, found: _Found, context: str) -> None:
        c = self._c
        ctx = parse(context, c.corrector)
        swapped = [SWAP.get(w, w) for w in ctx.words if w not in ".,!?;:-\"()"]
        if not swapped:
            return
        ctx_text = " ".join(swapped)
        ctx_content = {_stem(w) for w in swapped if w not in c.stopwords and len(w) > 2}
        if not ctx_content:
            return
        parsed = found.parsed
        words = parsed.words
        total_overlap: set[str] = set()
        reply_content_all: set[str] = set()
        for sent in parsed.sentences:
            toks = [w for w in words[sent.first:sent.last] if w not in ",-\"()"]
            if not toks:
                continue
            content = [_stem(w) for w in toks if w not in c.stopwords and len(w) > 2]
            reply_content_all.update(content)
            if not content:
                continue
            overlap = {w for w in content if w in ctx_content}
            if len(overlap) < len(set(content)):
                for w in set(content) - overlap:
                    if len(w) >= 5 and any(fuzz.ratio(w, x) >= 85 for x in ctx_content if x[0] == w[0]):
                        overlap.add(w)
            total_overlap |= overlap
            sent_text = " ".join(toks)
            share = len(overlap) / max(1, len(set(content)))
            bare = re.sub(r"^(?:(?:so|and|oh|wait|okay|hold on|really|yes|huh)(?: ,)? )+", "", sent_text)
            if len(toks) <= 8 and overlap and share >= 0.6 and len(bare.split()) <= len(swapped) and \
                    fuzz.partial_ratio(bare, ctx_text) >= 88:
                found.add("mirroring", sent.start, sent.end)
                continue
            reflect = REFLECT_START.match(sent_text) and not NOT_REFLECT.match(sent_text)
            if sent.punct == "?" and not reflect:
                continue
            if (reflect and (overlap or len(toks) >= 5)) or len(overlap) >= 3 or (
                    len(overlap) >= 2 and share >= 0.5):
                if not found.in_sentence("command", sent) and not found.in_sentence("advice", sent):
                    found.add("paraphrase", sent.start, sent.end)
        ctx_sents = [s for s in ctx.sentences if len(s.text.split()) >= 3]
        if len(words) >= 18 and len(total_overlap) >= 4 and len(ctx_sents) >= 2:
            covered = 0
            for s in ctx_sents:
                sc = {_stem(SWAP.get(w, w)) for w in ctx.words[s.first:s.last]
                      if w not in c.stopwords and len(w) > 2}
                if sc & total_overlap:
                    covered += 1
            if covered >= 2:
                found.add("summary", parsed.sentences[0].start, parsed.sentences[-1].end)

    def _resolve(self, found: _Found) -> None:
        """Cross-technique rules."""
        parsed = found.parsed
        # a question that is really an order is no question
        for sent in parsed.sentences:
            if found.in_sentence("command", sent):
                found.drop("open_question", sent.start, sent.end)
                found.drop("closed_question", sent.start, sent.end)
        # "calm down" et al. are orders as well as dismissals
        if found.has("summary"):
            found.drop("paraphrase")

    # ------------------------------------------------------------------ result
    def _finish(self, text: str, found: _Found) -> Analysis:
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
        return Analysis(text, tuple(kept), tuple(techniques), agitation, rapport)


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text: str, context: str | None = None) -> Analysis:
    """Analyse one reply with the default banks."""
    return default_analyzer().analyze(text, context)
