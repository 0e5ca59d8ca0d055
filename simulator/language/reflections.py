"""Reflections against the subject's last line: mirroring, paraphrase, contradiction and summary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from simulator.language.compiled import Compiled, Quick
from simulator.language.findings import VOIDING, Findings
from simulator.language.grounding import stem as _stem
from simulator.language.parse import NEGATORS, Sentence, parse

SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
        "we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
        "you": "i", "your": "my", "yours": "mine", "yourself": "myself", "was": "were"}  # fmt: skip
REFLECT_START = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am|i get it|"
    r"i understand|i hear that|i know|yeah|honestly)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like |"
    r"what i am hearing is |i am hearing |i hear |if i understand (?:you )?(?:right|correctly) ,? |"
    r"in other words ,? |you are saying |you are telling me |so what you are saying is )?"
    r"(?:you|your|you are|you have|you had|you were|you feel|you felt|you think|you want|you wanted|"
    r"you do not|you did not|you can not|you could not|you just|you really|you never|you still|"
    r"you would|you need|you are not|he|she|they|there|the|someone|somebody|"
    r"your \w+|you have been|you keep|you cannot|nobody|no one)\b"
)
#: a frame about the situation rather than the person ("It sounds like it's your birthday",
#: "sounds like tonight got out of hand"): a restatement when their words are in it
REFLECT_FRAMED_IT = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am|i get it|"
    r"i understand|i hear that|i know|yeah|honestly)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like )"
    r"(?:it|this|that|things|everything|tonight|today|this week|it has|all this)\b"
)
#: what they are, have or feel, in a frame about the situation (not "time for you to go")
ABOUT_THEM = re.compile(r"\byou (?:are|were|have|had|feel|felt|keep|still|never|just|have been)\b")
#: an explicit reflection frame (a bare "you ..." restates only with their words in it)
REFLECT_STRONG = re.compile(
    r"^(?:(?:so|and|okay|all right|yes|oh|well|mm-hmm|right|i see|i hear you|wow|man|sir|ma'am|i get it|"
    r"i understand|i hear that|i know|yeah|honestly)(?: ,)? )*"
    r"(?:it (?:sounds|seems|looks) like |sounds like |seems like |looks like |it feels like |"
    r"what i am hearing is |i am hearing |i hear |if i understand (?:you )?(?:right|correctly) ,? |"
    r"in other words ,? |you are saying |you are telling me |so what you are saying is |"
    r"you feel |you felt |you have been feeling |you are feeling |you think |you thought |you wanted |"
    r"you want |you just want )"
)
NOT_REFLECT = re.compile(
    r"^(?:you (?:need|have|got|must|better|should|ought|will|are going) to\b|"
    r"you (?:can|may|could) (?!not)|you do not need|you do not have to)"
)
CONTRADICT_START = re.compile(
    r"^(?:(?:no|nah|nope|well|look|come on|buddy|man|sir|ma'am|actually)(?: ,)? )*"
    r"(?:you are not|you were not|you did not|you do not|you have not|you|your \w+ (?:is|was|are|were|did|does) not|"
    r"there is no|there is nothing|there are no|there was no|there is not|there were no|nobody|no one|"
    r"nothing|he is not|she is not|they are not|they were not|it is not|it was not|that is not|"
    r"that was not|it did not|he did not|she did not|they did not|somebody did|someone did|"
    r"it was|that was|it is|he is|she is|they are|they were|he was|she was)\b"
)
CTX_SAYING = Quick(r"\b(?:says|said|told|tells|telling|claims|claimed|saying|accused|accuses|blames|blamed)\b")
#: "you" as the one who went through something ("you paid him everything", "you've been up all night")
EXPERIENCE = re.compile(
    r"\byou (?:have been|have had|have|had|were|felt|feel|went|got|did|tried|lost|found|keep|kept|just|put|"
    r"paid|gave|took|spent|made|worked|called|told|asked|wanted|needed|thought|saw|heard|came|left|ended up|"
    r"can not|could not|do not know|did not know|never|still|always|\w+ed|are \w+ing|were \w+ing)\b"
)
#: "So it started over money and then he wanted to drive": a so-recap of their story
SO_RECAP_NOT = re.compile(
    r"^so (?:, )?(?:i|we|let|what|now|here|if|anyway|basically|yeah|okay|um|uh|please|"
    r"you (?:need|have to|should|better|must|will|can|could|are going to))\b"
)
#: a recap is about them, not about the speaker's own plans ("I've got three other calls waiting")
RECOUNT_YOU = re.compile(r"\b(?:you|your|he|she|they|his|her|their)\b")
RECOUNT_ME = re.compile(r"\b(?:i|we|me|us|my|our)\b")
#: a sentence that takes their view as theirs ("you feel like you're being pushed out")
VALIDATING = re.compile(
    r"\b(?:you (?:feel|felt|think|thought|believe|are saying|said|are telling me)|"
    r"i (?:get|understand|hear|see) (?:that|it|why|how|where))\b"
)
SUMMARY_SPLIT = re.compile(r" (?:,|;|:|and then|and now|then|and|plus|but) ")

#: the sentence already does one of these, so repeating their claim is not arguing with it
_NOT_CONTRADICTING = frozenset({"reassurance", "emotion_label", "affirmation", "explanation", "paraphrase", "summary",
                                "i_message", "sarcasm", "command", "threat"})  # fmt: skip
#: words an echo may open with that are not theirs ("so", "oh", "wait", "really")
_MIRROR_LEADS = frozenset({"so", "and", "oh", "wait", "okay", "hold", "on", "really", "yes", "huh", "mm", "mm-hmm",
                           "hmm", "right", "the"})  # fmt: skip


#: words that open a sentence with a comma after them and are not a name
VOCATIVE_NOT = frozenset({"so", "well", "look", "listen", "now", "okay", "right", "yes", "no", "oh", "hey", "sir",
                          "ma'am", "man", "buddy", "mate", "friend", "honestly", "seriously", "again", "first",
                          "also", "but", "and", "then", "wait", "sorry", "thanks", "please", "alright",
                          # a belittling address is not a name: what follows it is no restatement
                          "lady", "boy", "pal", "son", "kid", "sweetheart", "sweetie", "honey", "girl", "chief",
                          "bud", "dude", "bro", "princess", "champ", "love", "darling", "missy", "boss"})


def _vocative(words: list[str], first: int, last: int, c: Compiled) -> int:
    """How many words a name the sentence opens with takes ("Raj, you want something done this
    time" restates as much as "You want something done this time"): the name and its comma."""
    if last - first < 3 or words[first + 1] != ",":
        return 0
    w = words[first]
    if not w.isalpha() or w in c.stopwords or w in c.imperatives or w in c.encourager_words or w in VOCATIVE_NOT:
        return 0
    return 2


def _has_negator(words: Iterable[str]) -> bool:
    return any(w in NEGATORS for w in words)


def find_reflections(found: Findings, c: Compiled, context: str, earlier: str | None = None) -> None:
    """Compare each sentence with the subject's line (I/you swapped), then look for a summary.
    ``earlier``: what they said just before it; a sentence that restates it is a paraphrase too
    (echoes and contradictions are of their last line only)."""
    ctx = parse(context, c.corrector)
    found.ctx_reports = bool(CTX_SAYING.search(ctx.text))
    found.ctx_words = frozenset(ctx.words)
    drop = '.,!?;:-"()'
    swapped = [SWAP.get(w, w) for w in ctx.words if w not in drop]
    if not swapped:
        return
    ctx_text = " ".join(swapped)
    ctx_content = {_stem(w) for w in swapped if w not in c.stopwords and len(w) > 2}
    before: set[str] = set()
    if earlier and earlier.strip():
        before = {_stem(w) for w in (SWAP.get(w, w) for w in parse(earlier, c.corrector).words)
                  if w not in drop and w not in c.stopwords and len(w) > 2} - ctx_content
    if ASKS_OUTCOME.search(ctx.text):
        _outcome_promised(found)
    ctx_negated = _has_negator(swapped)
    ctx_question = any(s.punct == "?" for s in ctx.sentences) and len(ctx.sentences) == 1
    words = found.parsed.words
    for sent in found.parsed.sentences:
        first = sent.first + _vocative(words, sent.first, sent.last, c)
        toks = [w for w in words[first : sent.last] if w not in ',-"()']
        if not toks:
            continue
        sent_text = " ".join(toks)
        # mirroring: a clause that repeats a few of their words
        if not ctx_question and _mirror(found, c, sent, ctx_text) >= 0.6:
            continue
        content = [_stem(w) for w in toks if w not in c.stopwords and len(w) > 2]
        overlap = {w for w in content if w in ctx_content}
        for w in set(content) - overlap:
            if len(w) >= 5 and any(fuzz.ratio(w, x) >= 85 for x in ctx_content if x[:1] == w[:1]):
                overlap.add(w)
        share = len(overlap) / max(1, len(set(content)))
        others = found.techniques_in(sent) - {"name_use", "minimal_encourager", "closed_question", "open_question",
                                              "crisis_inquiry"}
        if toks[0] == "so":  # "So the sugar's helping, and the paramedics will...": a recap that also explains
            others = others - {"explanation"}
        # contradiction: their claim repeated with the opposite polarity ("There's no one
        # in that window", "You're obviously drunk" to "I'm not drunk")
        if (
            overlap
            and not ctx_question
            and sent.punct != "?"
            and len(toks) <= 12
            and _has_negator(toks) != ctx_negated
            and CONTRADICT_START.match(sent_text)
            and not REFLECT_STRONG.match(sent_text)
            and not VALIDATING.search(sent_text)
            and share >= 0.4
            and not (others & _NOT_CONTRADICTING)
        ):
            if re.search(r"\b(?:" + c.judgment + r")\b", sent_text):
                found.add("reassurance", sent.start, sent.end)
            else:
                found.add("argument", sent.start, sent.end)
            continue
        emotion_only = others == {"emotion_label"}
        if others and not emotion_only:
            continue
        # a frame about the situation restates them with their words in it, or with them in it
        # ("Sounds like everything's come at once and you're on your own with it")
        reflect = (REFLECT_START.match(sent_text)
                   or (REFLECT_FRAMED_IT.match(sent_text) and (overlap or ABOUT_THEM.search(sent_text)))) \
            and not NOT_REFLECT.match(sent_text)
        so_start = toks[0] == "so" and len(toks) >= 4
        if sent.punct == "?" and not (REFLECT_STRONG.match(sent_text) or (so_start and overlap)):
            continue  # "You want to argue the law with me?" asks, it does not restate
        # their line before last is restated in a reflection's own frame ("So...", "It sounds like...")
        # or in many of its words: a word or two in common is not enough
        strong = REFLECT_STRONG.match(sent_text)
        after_frame = sent_text[strong.end():].split() if strong else toks  # not "sounds" in "it sounds like"
        again = {_stem(w) for w in after_frame if w not in c.stopwords and len(w) > 2} & before
        if emotion_only:
            if (len(overlap) >= 2 or len(again) >= 3) and len(toks) >= 9:
                found.add("paraphrase", sent.start, sent.end)
            continue
        framed = reflect and strong
        # without their words, a "you ..." sentence restates only their experience
        about_you = (
            len(toks) >= 5
            and (overlap or EXPERIENCE.search(sent_text))
            and not (toks[0] == "you" and len(toks) > 2 and toks[2] == "not" and not overlap)
        )
        so_recap = so_start and len(toks) >= 6 and sent.punct != "?" and not SO_RECAP_NOT.match(sent_text)
        restates_before = len(toks) >= 5 and bool(again) and (
            bool(strong) or so_start
            or (len(again | overlap) >= 3 and len(again | overlap) / max(1, len(set(content))) >= 0.4))
        if (
            (framed and len(toks) >= 5)
            or ((reflect or so_start) and (overlap or about_you))
            or restates_before
            or so_recap
            or len(overlap) >= 3
            or (len(overlap) >= 2 and share >= 0.25)
        ):
            found.add("paraphrase", sent.start, sent.end)
    _summary(found)


def _mirror(found: Findings, c: Compiled, sent: Sentence, ctx_text: str) -> float:
    """Mark clauses that echo the subject's words; return the share of the sentence echoed."""
    parsed = found.parsed
    words = parsed.words
    total = sum(1 for w in words[sent.first : sent.last] if w not in {",", ";", ":", "-", '"', "(", ")"})
    seg_start = sent.first
    echoed = 0
    for j in range(sent.first, sent.last + 1):
        if j < sent.last and words[j] not in {",", ";", ":", "-", ".", "!", "?"}:
            continue
        seg = [w for w in words[seg_start:j] if w not in {'"', "(", ")"}]
        while seg and seg[0] in _MIRROR_LEADS and len(seg) > 1:
            seg = seg[1:]
        while seg and seg[-1] in {"huh", "eh", "man", "right"} and len(seg) > 1:
            seg = seg[:-1]
        if 1 <= len(seg) <= 8 and (total <= 8 or len(seg) >= 0.4 * total):
            text = " ".join(seg)
            meaningful = [w for w in seg if w not in c.stopwords and len(w) > 2]
            if (
                (meaningful or len(text) >= 10)
                and text not in c.encouragers
                and len(text) >= 4
                and not (_has_negator(seg) and not _has_negator(ctx_text.split()))
                and _echoed(meaningful, ctx_text)
                and _contiguous(seg, ctx_text)
            ):
                found.add("mirroring", parsed.starts[seg_start], parsed.ends[j - 1])
                echoed += len(seg)
        seg_start = j + 1
    return echoed / total if total else 0.0


def _echoed(meaningful: list[str], ctx_text: str) -> bool:
    """Is every content word of a mirror (nearly) one of their words?"""
    ctx_words = _word_set(ctx_text)
    return all(w in ctx_words or (len(w) >= 5 and process.extractOne(w, ctx_words, scorer=fuzz.ratio,
                                                                       score_cutoff=85) is not None)
               for w in meaningful)


@lru_cache(maxsize=512)
def _word_set(ctx_text: str) -> frozenset[str]:
    return frozenset(ctx_text.split())


def _contiguous(seg: list[str], ctx_text: str) -> bool:
    """Do the words of ``seg`` appear (nearly) in a row in the context?"""
    n = len(seg)
    if n == 1:
        return process.extractOne(seg[0], _runs(ctx_text, 1), scorer=fuzz.ratio, score_cutoff=85) is not None
    text = " ".join(seg)
    return any(process.extractOne(text, _runs(ctx_text, size), scorer=fuzz.ratio, score_cutoff=80) is not None
               for size in (n - 1, n, n + 1))


@lru_cache(maxsize=512)
def _runs(ctx_text: str, size: int) -> tuple[str, ...]:
    """The context's runs of ``size`` words (the whole context when it is shorter)."""
    words = ctx_text.split()
    return tuple(" ".join(words[i : i + size]) for i in range(0, max(1, len(words) - size + 1)))


#: they ask how it will turn out ("Is she going to die?", "Will I lose my job?", "What if he...")
ASKS_OUTCOME = re.compile(
    r"(?:^|[.!?] )(?:(?:is|are|am|will|would|could|can) (?:he|she|they|i|we|it|you|my \w+|the \w+|our \w+|his \w+|"
    r"her \w+|their \w+) (?:going to |gonna )?(?:die|be|make it|lose|get|go to|end up|wake|live|survive|take|have to|"
    r"come back|find|pull through)|what if\b|what (?:is going to|will) happen|"
    r"tell me (?:he|she|they|it|i) (?:is|are|am) (?:not )?going)")
#: ... and the answer tells them: someone will be fine, it will not happen, nobody will lose
PROMISED_OUTCOME = re.compile(
    r"\b(?:(?:he|she|they|you|it|everything|everyone|everybody|we|your \w+|the \w+) (?:will|is going to|are going to) "
    r"(?:definitely |absolutely |totally |all |so |just |be just )?(?:be )?"
    r"(?:absolutely |totally |completely |perfectly |all |just |100 percent )?"
    r"(?:fine|okay|ok|alright|all right|grand|safe|good|home|through|better|make it|pull through|wake up)|"
    r"(?:that|it|this|nothing like that) (?:is not|will not|is never|will never) (?:going to )?happen|"
    r"(?:nobody|no one|nobody here) (?:is|will) (?:going to )?(?:lose|losing|take|taking|die|dying|hurt|get hurt))\b")
#: an answer that owns what it does not know is honest, not a promise; nor is one about what the
#: officer does tonight ("Nobody's taking them off you tonight")
HEDGED = re.compile(r"\b(?:i hope|hopefully|i do not know|i can not (?:say|promise|tell|know)|i think|probably|might|"
                    r"may|i would like to think|we will see|not sure|no idea|if|"
                    r"tonight|right now|today|while i am here|on my watch)\b")  # or what the officer decides now


def _outcome_promised(found: Findings) -> None:
    """Asked how it will turn out, a sentence that says it will be fine promises what no officer knows."""
    text = found.parsed.text
    for sent in found.parsed.sentences:
        t = text[sent.start : sent.end]
        m = PROMISED_OUTCOME.search(t)
        if m and sent.punct != "?" and not HEDGED.search(t):
            found.add("false_promise", sent.start + m.start(), sent.start + m.end())


def _summary(found: Findings) -> None:
    """Mark the first long sentence that recaps several points about them."""
    parsed = found.parsed
    words = parsed.words
    for sent in parsed.sentences:
        toks = words[sent.first : sent.last]
        if len(toks) < 12 or sent.punct == "?":
            continue
        text = " ".join(toks)
        parts = [p for p in SUMMARY_SPLIT.split(text) if len(p.split()) >= 2]
        if (
            (len(parts) >= 4 or (len(parts) >= 3 and len(toks) >= 20))
            and text.count(" or ") < 2
            and not found.in_sentence("explanation", sent)
            and not found.in_sentence("offer_options", sent)
            and len(RECOUNT_YOU.findall(text)) > len(RECOUNT_ME.findall(text))
            and not found.techniques_in(sent) & VOIDING
        ):
            # a recap carries several of their points, so some of their words
            found.add("summary", sent.start, sent.end)
            return
