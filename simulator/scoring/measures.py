"""The fixed vocabulary of measures: one function per ``measure:`` a rubric may name.

Each returns a score in 0..1 (None when the criterion does not apply to this
session, e.g. a cue that was never shown), the target and what was observed in
words, and the evidence: the turns and the matched words behind the score.

Fairness rules shared by every measure:
- a session with no turns earns nothing for skills;
- a line nearly identical to an earlier one (the engine's ``repeated``) earns no new
  credit for positive techniques, unless the rubric says otherwise;
- credit for *not* doing something (no insults, no interrogation) is scaled by how
  much the officer actually engaged, so silence or "ok" on repeat does not earn it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from simulator.scoring.loader import LoadedRubric
from simulator.scoring.model import (
    Absent,
    ActionWhenAgitated,
    AdaptedAfterCue,
    AgitationChange,
    Count,
    CriterionBase,
    CueRecognised,
    HelpCalled,
    ListeningFirst,
    OutcomeIn,
    Ratio,
    ReassessedAfterChange,
    TopicsAsked,
    WithinTurns,
)
from simulator.scoring.results import Evidence
from simulator.transcripts import SessionLog, Turn
from simulator.transcripts.events import TopicAnswered
from simulator.vocabulary import NEGATIVE_TECHNIQUES, REFLECTIONS

#: How the built-in engagement groups read in a note.
ENGAGING: dict[tuple[str, ...], str] = {
    ("engaged",): "engage the person (introducing yourself, open questions, reflections, reassurance, "
                  "explanations, options, crisis questions)",
    ("positive",): "use any positive technique",
}
REPEATED_NOTE = "nearly the same as an earlier line; not counted again"
UNGROUNDED_NOTE = "not grounded in what they said or showed (it would fit anyone); not counted"
_SENTENCE = re.compile(r"[^.!?]+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


@dataclass
class Measured:
    score: float | None
    target: str
    observed: str
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""


_NEGATIVE = frozenset(NEGATIVE_TECHNIQUES)


@dataclass
class Context:
    log: SessionLog
    rubric: LoadedRubric

    def uses(self, turn: Turn, techniques: frozenset[str], actions: frozenset[str] = frozenset(),
             *, count_repeats: bool | None = None) -> list[Evidence]:
        """Evidence of the given techniques/actions in one turn (uncounted ones flagged)."""
        if count_repeats is None:
            count_repeats = self.rubric.rubric.count_repeated_lines
        if turn.kind == "action":
            if turn.action in actions:
                return [Evidence(turn.number, "action", turn.action or "", turn.text)]
            return []
        if techniques.isdisjoint(turn.techniques):
            return []
        out = []
        floor = self.rubric.rubric.min_grounding
        for technique in turn.techniques:
            if technique not in techniques:
                continue
            d = turn.detection(technique)
            counted = count_repeats or turn.repeated == 0 or technique in NEGATIVE_TECHNIQUES
            note = "" if counted else REPEATED_NOTE
            grounded = turn.grounding.get(technique)
            if counted and technique in REFLECTIONS and grounded is not None and grounded < floor:
                counted = False
                note = (UNGROUNDED_NOTE if grounded > 0 or technique != "emotion_label"
                        else "names a feeling they did not show; not counted")
            out.append(Evidence(turn.number, "technique", technique, d.text, d.span, counted, note))
        return out

    def turns_using(self, techniques: frozenset[str], actions: frozenset[str] = frozenset(),
                    turns: list[Turn] | None = None, *, count_repeats: bool | None = None
                    ) -> tuple[list[int], list[Evidence]]:
        """Turn numbers where any of them counted, and all the evidence."""
        hits: list[int] = []
        evidence: list[Evidence] = []
        for turn in self.log.turns if turns is None else turns:
            if (turn.action not in actions) if turn.kind == "action" else techniques.isdisjoint(turn.techniques):
                continue  # nothing of these here (most turns): skip the evidence work
            found = self.uses(turn, techniques, actions, count_repeats=count_repeats)
            evidence += found
            if any(e.counted for e in found):
                hits.append(turn.number)
        return hits, evidence

    def expand(self, names: Sequence[str], actions: Sequence[str] = ()) -> str:
        """Names for people: a group is spelled out as its techniques."""
        out = []
        for name in names:
            if name in self.rubric.groups:
                members = sorted(self.rubric.groups[name])
                out.append(f"{name.replace('_', ' ')} ({_names(members)})")
            else:
                out.append(name.replace("_", " "))
        return ", ".join(out + ["/" + a for a in actions])

    def engagement(self, names: list[str], needed: int, turns: list[Turn] | None = None
                   ) -> tuple[float, int, str]:
        """Share of credit earned by taking part: engaged turns over those needed."""
        if needed <= 0:
            return 1.0, 0, ""
        # A turn that also commands, threatens, argues or insults is not engagement,
        # whatever else it contains.
        pool = [t for t in (self.log.turns if turns is None else turns)
                if _NEGATIVE.isdisjoint(t.techniques)]
        engaged, _ = self.turns_using(self.rubric.techniques(names), turns=pool)
        factor = min(1.0, len(engaged) / needed)
        note = ""
        if factor < 1:
            what = ENGAGING.get(tuple(names)) or self.expand(names)
            note = (f"Credit for what you avoided needs {needed} turns that {what}, without commands, "
                    f"threats or insults in the same turn; you had {len(engaged)}, so it counts {factor:.0%}.")
        return factor, len(engaged), note


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _names(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(n.replace("_", " ") for n in names)


def _what(techniques: list[str], actions: list[str]) -> str:
    parts = [n.replace("_", " ") for n in techniques] + ["/" + a for a in actions]
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------
def count(c: Count, ctx: Context) -> Measured:
    techniques = ctx.rubric.techniques(c.techniques)
    hits, evidence = ctx.turns_using(techniques, frozenset(c.actions))
    what = ctx.expand(c.techniques, c.actions)
    if c.distinct:
        used = sorted({e.name for e in evidence if e.counted})
        n = len(used)
        firsts: dict[str, Evidence] = {}
        for e in evidence:
            if e.counted:
                firsts.setdefault(e.name, e)
        evidence = list(firsts.values())
        target = f"at least {c.at_least} different of: {ctx.expand(c.techniques, c.actions)}"
        observed = f"{n} different used" + (f" ({_names(used)})" if used else "")
    else:
        n = len(hits)
        target = f"{what} in at least {c.at_least} turn{_s(c.at_least)}"
        observed = f"{n} turn{_s(n)}" + (f" (turn{_s(n)} {', '.join(map(str, hits))})" if hits else "")
    return Measured(min(1.0, n / c.at_least), target, observed, evidence)


def _ratio_score(r: float, c: Ratio) -> float:
    if r >= c.good:
        return 1.0
    if r >= c.fair:
        return c.fair_score + (1 - c.fair_score) * (r - c.fair) / (c.good - c.fair)
    return c.fair_score * r / c.fair


def ratio(c: Ratio, ctx: Context) -> Measured:
    """Reflections to questions (a ratio), or open questions of all questions (a share,
    when every numerator technique is also a denominator one)."""
    num_set = ctx.rubric.techniques(c.numerator)
    den_set = ctx.rubric.techniques(c.denominator)
    excepted = ctx.rubric.techniques(c.denominator_except)
    share = num_set <= den_set
    den_pool = [t for t in ctx.log.turns if not excepted & set(t.techniques)
                and not (t.topic_kind is not None and t.topic_kind in c.except_protocol)]
    num_turns, num_ev = ctx.turns_using(num_set, turns=den_pool if share else None)
    den_turns, den_ev = ctx.turns_using(den_set, turns=den_pool)
    n, d = len(num_turns), len(den_turns)
    num_name, den_name = _names(c.numerator), _names(c.denominator)
    num_long, den_long = ctx.expand(c.numerator), ctx.expand(c.denominator)
    if share:
        target = f"{num_long} in at least {c.good:.0%} of turns with {den_long}"
        if c.fair != c.good:
            target += f" (fair {c.fair:.0%})"
    else:
        target = f"{num_long} to {den_long} at least {c.good:g}:1"
        if c.fair != c.good:
            target += f" (fair {c.fair:g}:1)"
    if c.denominator_except:
        target += f"; turns with {_names(c.denominator_except)} not counted as {den_name}"
    if c.except_protocol:
        target += f"; {', '.join(c.except_protocol)} questions the protocol requires not counted"
    evidence = sorted(dict.fromkeys(num_ev + den_ev), key=lambda e: (e.turn, e.name))
    if d == 0 and (share or n == 0):
        what = f"no {den_name}" if share else f"no {num_name} and no {den_name}"
        return Measured(0.0, target, what, evidence, "Nothing to measure: none were used.")
    r = n / d if d else float(n)
    score = _ratio_score(r, c)
    if share:
        observed = f"{n} of {d} turns with {den_name} ({r:.0%})"
    else:
        shown = f"{r:.2f}:1" if d else f"{n}:0"
        observed = f"{n} turn{_s(n)} with {num_name} to {d} with {den_name} ({shown})"
    note = ""
    involved = len(set(num_turns) | set(den_turns))
    if involved < c.min_turns:
        score *= involved / c.min_turns
        note = f"Only {involved} turn{_s(involved)} to judge by; {c.min_turns} are needed for full weight."
    return Measured(score, target, observed, evidence, note)


def within_turns(c: WithinTurns, ctx: Context) -> Measured:
    techniques = ctx.rubric.techniques(c.techniques)
    what = ctx.expand(c.techniques, c.actions)
    target = f"{what} within the first {c.turns} turn{_s(c.turns)}"
    for turn in ctx.log.turns:
        found = [e for e in ctx.uses(turn, techniques, frozenset(c.actions)) if e.counted]
        if found:
            if turn.number <= c.turns:
                return Measured(1.0, target, f"turn {turn.number}", found[:1])
            return Measured(c.late_credit, target, f"only at turn {turn.number}", found[:1],
                            f"Came later than turn {c.turns}.")
    return Measured(0.0, target, "never", [])


def absent(c: Absent, ctx: Context) -> Measured:
    techniques = ctx.rubric.techniques(c.techniques)
    hits, evidence = ctx.turns_using(techniques, frozenset(c.actions), count_repeats=True)
    what = ctx.expand(c.techniques, c.actions)
    target = f"no {what}" + (f" (up to {c.allowed} allowed)" if c.allowed else "")
    n = len(hits)
    base = max(0.0, 1.0 - c.penalty * max(0, n - c.allowed))
    factor, engaged, note = ctx.engagement(c.engaged_by, c.min_engaged_turns)
    observed = (f"{n} turn{_s(n)} with {what}" + (f" (turn{_s(n)} {', '.join(map(str, hits))})" if hits else "")
                + f"; {engaged} engaged turn{_s(engaged)}")
    if not ctx.log.turns:
        note = "No turns: nothing earned."
    return Measured(base * factor, target, observed, evidence, note)


def _cues(ctx: Context, kinds: list[str]):
    return [cue for cue in ctx.log.cues if not kinds or cue.kind in kinds]


def _spared(turns: int) -> str:
    """What an evidence note says of the turns with someone else a scene does not count."""
    return f" ({turns} turn{_s(turns)} with someone else not counted)" if turns else ""


def cue_recognised(c: CueRecognised, ctx: Context) -> Measured:
    kinds = f" ({', '.join(c.kinds)})" if c.kinds else ""
    target = f"every cue{kinds} recognised within {c.within} turn{_s(c.within)}"
    cues = _cues(ctx, c.kinds)
    if not cues:
        return Measured(None, target, f"no cue{kinds} was shown", [], "Not applicable: no such cue was shown.")
    last = ctx.log.last_turn
    scores: list[float] = []
    evidence: list[Evidence] = []
    parts: list[str] = []
    skipped: list[str] = []
    for cue in cues:
        if cue.recognised_turn is None and cue.shown_turn >= last:
            skipped.append(cue.id)
            continue
        if cue.recognised_turn is None:
            scores.append(0.0)
            parts.append(f"{cue.id} not recognised")
            evidence.append(Evidence(cue.shown_turn, "cue", cue.id, cue.text, counted=False,
                                     note=f"shown at turn {cue.shown_turn}, never recognised"))
            continue
        after, spared = ctx.log.delay(cue.person, cue.shown_turn, cue.recognised_turn, c.within)
        on_time = after <= c.within
        scores.append(1.0 if on_time else c.late_credit)
        parts.append(f"{cue.id} after {after} turn{_s(after)}")
        evidence.append(Evidence(cue.recognised_turn, "cue", cue.id, cue.matched or "",
                                 note=f"shown at turn {cue.shown_turn}, recognised at turn "
                                      f"{cue.recognised_turn}" + _spared(spared) + ("" if on_time else " (late)")))
    note = ""
    if skipped:
        note = f"Shown too late to answer: {', '.join(skipped)}."
    if not scores:
        return Measured(None, target, "cues shown only at the very end", evidence, note)
    return Measured(sum(scores) / len(scores), target, "; ".join(parts), evidence, note)


def _sentence_words(text: str) -> float:
    counts = [len(_WORD.findall(s)) for s in _SENTENCE.findall(text)]
    counts = [n for n in counts if n]
    return sum(counts) / len(counts) if counts else 0.0


def adapted_after_cue(c: AdaptedAfterCue, ctx: Context) -> Measured:
    kinds = f" ({', '.join(c.kinds)})" if c.kinds else ""
    target = (f"after a cue{kinds}: no {_names(c.fewer)} and sentences of at most "
              f"{c.max_sentence_words} words")
    cues = _cues(ctx, c.kinds)
    if not cues:
        return Measured(None, target, f"no cue{kinds} was shown", [], "Not applicable: no such cue was shown.")
    first = min(cue.shown_turn for cue in cues)
    before = [t for t in ctx.log.speech if t.number <= first]
    after = [t for t in ctx.log.speech if t.number > first]
    if not after:
        return Measured(None, target, f"no reply after the first cue (turn {first})", [],
                        "Not applicable: nothing was said after the cue.")
    fewer = ctx.rubric.techniques(c.fewer)
    bad_after, evidence = ctx.turns_using(fewer, turns=after, count_repeats=True)
    bad_before, _ = ctx.turns_using(fewer, turns=before, count_repeats=True)
    long_turns = []
    for t in after:
        words = _sentence_words(t.text)
        if words > c.max_sentence_words:
            long_turns.append(t.number)
            evidence.append(Evidence(t.number, "reply", "long-sentences", t.text, counted=False,
                                     note=f"{words:.0f} words a sentence"))
    clean_share = 1 - len(bad_after) / len(after)
    short_share = 1 - len(long_turns) / len(after)
    factor, _, note = ctx.engagement(c.engaged_by, c.min_engaged_turns, turns=after)
    score = (0.5 * clean_share + 0.5 * short_share) * factor
    before_txt = f" (before it: {len(bad_before)} of {len(before)})" if before else ""
    observed = (f"first cue at turn {first}; {_names(c.fewer)} in {len(bad_after)} of {len(after)} "
                f"replies after it{before_txt}; {len(after) - len(long_turns)} of {len(after)} replies short")
    return Measured(score, target, observed, sorted(evidence, key=lambda e: e.turn), note)


def action_when_agitated(c: ActionWhenAgitated, ctx: Context) -> Measured:
    what = _what([], list(c.actions))
    target = f"{what} while agitation is {c.agitation_at_least:g} or more"
    offered = ctx.log.offered_actions
    if offered is not None and not set(c.actions) & set(offered):
        return Measured(None, target, "not offered in this scenario", [],
                        "Not applicable: the scenario offers none of these actions.")
    log = ctx.log
    high_turns = [t.number for t in log.turns
                  if t.agitation_before is not None and t.agitation_before >= c.agitation_at_least]
    start_high = log.start_agitation is not None and log.start_agitation >= c.agitation_at_least
    if not high_turns and not start_high:
        return Measured(None, target, f"agitation never reached {c.agitation_at_least:g}", [],
                        "Not applicable: agitation was never that high.")
    taken = [t for t in log.turns if t.kind == "action" and t.action in c.actions]
    evidence = [Evidence(t.number, "action", t.action or "", t.text,
                         note=f"agitation {t.agitation_before:.0f} before" if t.agitation_before is not None
                         else "") for t in taken]
    in_time = [t for t in taken if t.agitation_before is not None and t.agitation_before >= c.agitation_at_least]
    if in_time:
        return Measured(1.0, target, f"at turn {in_time[0].number} (agitation "
                                     f"{in_time[0].agitation_before:.0f})", evidence)
    if taken:
        return Measured(c.late_credit, target, f"at turn {taken[0].number}, once agitation had fallen",
                        evidence)
    peak = max([t.agitation_before or 0 for t in log.turns] + [log.start_agitation or 0])
    return Measured(0.0, target, f"never (agitation reached {peak:.0f})", [])


def reassessed_after_change(c: ReassessedAfterChange, ctx: Context) -> Measured:
    what = _what(list(c.techniques), list(c.actions))
    target = (f"within {c.within} turns of a turn that raised agitation by {c.rise_at_least:g} or more: "
              f"{what}")
    turns = [t for t in ctx.log.turns if t.kind in ("speech", "action")]
    changes = [i for i, t in enumerate(turns) if t.delta is not None and t.delta >= c.rise_at_least]
    if not changes:
        return Measured(None, target, f"no turn raised agitation by {c.rise_at_least:g} or more", [],
                        "Not applicable: nothing made things clearly worse.")
    techniques = ctx.rubric.techniques(c.techniques)
    actions = frozenset(c.actions)
    evidence: list[Evidence] = []
    met, parts = 0, []
    for i in changes:
        change = turns[i]
        evidence.append(Evidence(change.number, "agitation", "rise", change.text, counted=False,
                                 note=f"agitation {change.agitation_before:.0f} → {change.agitation_after:.0f}"))
        after = turns[i + 1: i + 1 + c.within]
        found = next((ev for t in after for ev in ctx.uses(t, techniques, actions)), None)
        if found is not None:
            met += 1
            evidence.append(found)
            parts.append(f"turn {change.number} → re-assessed at turn {found.turn}")
        elif not after:
            parts.append(f"turn {change.number} → the call ended")
        else:
            parts.append(f"turn {change.number} → pressed on")
    judged = [i for i in changes if turns[i + 1: i + 1 + c.within]]
    if not judged:
        return Measured(None, target, "; ".join(parts), evidence,
                        "Not applicable: the call ended right after the change.")
    return Measured(met / len(judged), target, "; ".join(parts), evidence)


def outcome(c: OutcomeIn, ctx: Context) -> Measured:
    target = "outcome " + " or ".join(c.outcomes)
    ended = ctx.log.ended
    if ended is None:
        return Measured(0.0, target, "the session has no end (the transcript stops early)", [])
    got = ctx.log.outcome or ""
    evidence = [Evidence(ended.turn, "outcome", got, ended.title or got)]
    if got in c.outcomes:
        return Measured(1.0, target, got, evidence)
    return Measured(c.partial.get(got, 0.0), target, got, evidence)  # type: ignore[call-overload]


def agitation_change(c: AgitationChange, ctx: Context) -> Measured:
    target = f"agitation down by at least {c.drop_at_least:g}" + (
        f" or ending under {c.or_end_below:g}" if c.or_end_below is not None else "")
    log = ctx.log
    start, end = log.start_agitation, log.end_agitation
    if log.people:  # a scene with several people: the average of each person's start and end
        curves = list(log.people.values())
        start = sum(c[0][1] for c in curves) / len(curves)
        end = sum(c[-1][1] for c in curves) / len(curves)
    if not log.turns or start is None or end is None:
        return Measured(0.0, target, "no turns", [])
    drop = start - end
    evidence = [Evidence(0, "agitation", "start", f"{start:.0f}"),
                Evidence(log.last_turn, "agitation", "end", f"{end:.0f}")]
    for who, points in log.people.items():
        evidence.append(Evidence(log.last_turn, "agitation", "person", f"{points[0][1]:.0f} → {points[-1][1]:.0f}",
                                 counted=False, note=who))
    observed = f"{start:.0f} → {end:.0f} ({-drop:+.0f})"
    if c.or_end_below is not None and end < c.or_end_below:
        return Measured(1.0, target, observed, evidence)
    return Measured(max(0.0, min(1.0, drop / c.drop_at_least)), target, observed, evidence)


def topics_asked(c: TopicsAsked, ctx: Context) -> Measured:
    kinds = f" ({', '.join(c.kinds)})" if c.kinds else ""
    target = f"the questions each cue calls for{kinds} asked within {c.within} turns, and the answer heard"
    shown = {cue.id: cue for cue in ctx.log.cues}
    refs = ctx.log.header.topics or []
    expected = [t for t in refs if t.cue is not None and t.cue in shown and (not c.kinds or t.kind in c.kinds)]
    if not expected:
        return Measured(None, target, "no cue that calls for a question was shown", [],
                        "Not applicable: no cue calling for a direct question was shown.")
    last = ctx.log.last_turn
    scores: list[float] = []
    parts: list[str] = []
    evidence: list[Evidence] = []
    # topics sharing a title ask one question in different words ("did he choke you", "could
    # you breathe"): the best answer to any of them answers it
    question = {t.id: (t.title or t.id) for t in refs}
    asked: dict[str, TopicAnswered] = {}  # the best answer heard (honest beats the others)
    first: dict[str, int] = {}  # the turn it was first asked
    for t in ctx.log.topics:
        key = question.get(t.id, t.id)
        first.setdefault(key, t.turn)
        best = asked.get(key)
        if best is None or (best.answer != "honest" and t.answer == "honest"):
            asked[key] = t
    once = {question[t.id]: t for t in reversed(expected)}
    for topic in [t for t in expected if once[question[t.id]] is t]:
        cue = shown[topic.cue or ""]
        answer = asked.get(question[topic.id])
        if answer is None:
            if cue.shown_turn >= last:
                continue  # shown at the very end: no chance to ask
            scores.append(0.0)
            parts.append(f"{topic.id} not asked")
            evidence.append(Evidence(cue.shown_turn, "cue", cue.id, cue.text, counted=False,
                                     note=f"shown at turn {cue.shown_turn}; {topic.id} never asked"))
            continue
        asked_turn = first[question[topic.id]]
        delay, spared = ctx.log.delay(cue.person, cue.shown_turn, asked_turn, c.within)
        score = 1.0 if delay <= c.within else c.late_credit
        heard = answer.answer == "honest"
        if not heard:
            score *= c.unheard_credit
        scores.append(score)
        parts.append(f"{topic.id} at turn {asked_turn}" + (
            f" ({answer.answer} answer)" if not heard else
            f" (answered at turn {answer.turn})" if answer.turn != asked_turn else ""))
        evidence.append(Evidence(answer.turn, "topic", topic.id, answer.matched or "",
                                 note=(f"{delay} turn{_s(delay)} after the cue" if delay <= c.within else
                                       f"late: {delay} turns after the cue") + _spared(spared) + ("" if heard else
                                       f"; the answer was {answer.answer}")))
    if not scores:
        return Measured(None, target, "cues shown only at the very end", evidence)
    return Measured(sum(scores) / len(scores), target, "; ".join(parts), evidence)


def help_called(c: HelpCalled, ctx: Context) -> Measured:
    target = "the help each crisis calls for: " + "; ".join(
        f"{', '.join(s.kinds)}: {_what(s.techniques, list(s.actions))}" for s in c.services)
    scores: list[float] = []
    parts: list[str] = []
    evidence: list[Evidence] = []
    offered = set(ctx.log.offered_actions)
    for service in c.services:
        cues = [cue for cue in ctx.log.cues if cue.kind in service.kinds]
        if not cues:
            continue
        if service.actions and not set(service.actions) & offered and not service.techniques:
            continue  # the scenario offers no way to call it
        first = min(cue.shown_turn for cue in cues)
        techniques = ctx.rubric.techniques(service.techniques)
        hit = None
        for turn in ctx.log.turns:
            found = [e for e in ctx.uses(turn, techniques, frozenset(service.actions)) if e.counted]
            if found and turn.number >= first:
                hit = (turn, found[0])
                break
        what = _what(service.techniques, list(service.actions))
        if hit is None:
            scores.append(0.0)
            parts.append(f"{', '.join(service.kinds)}: never")
            continue
        turn, ev = hit
        delay = turn.number - first
        scores.append(1.0 if delay <= (service.within or c.within) else c.late_credit)
        parts.append(f"{', '.join(service.kinds)}: {what} at turn {turn.number}")
        evidence.append(Evidence(turn.number, ev.kind, ev.name, ev.text,
                                 note=f"{delay} turn{_s(delay)} after the first such cue"))
    if not scores:
        return Measured(None, target, "no crisis that calls for these was shown", [],
                        "Not applicable: no such cue was shown.")
    return Measured(sum(scores) / len(scores), target, "; ".join(parts), evidence)


def listening_first(c: ListeningFirst, ctx: Context) -> Measured:
    influence = ctx.rubric.techniques(c.influence)
    listening = ctx.rubric.techniques(c.listening)
    target = (f"at least {c.at_least} turns of {ctx.expand(c.listening)} before the first "
              f"{ctx.expand(c.influence)}")
    heard = 0
    for turn in ctx.log.speech:
        moves = [e for e in ctx.uses(turn, influence) if e.counted]
        if moves:
            if heard >= c.at_least:
                return Measured(1.0, target, f"{heard} listening turn{_s(heard)} before turn {turn.number}",
                                moves[:1])
            return Measured(heard / c.at_least, target,
                            f"{moves[0].name.replace('_', ' ')} at turn {turn.number} after {heard} listening "
                            f"turn{_s(heard)}", moves[:1], "Influence came before listening had done its work.")
        if any(e.counted for e in ctx.uses(turn, listening)):
            heard += 1
    return Measured(None, target, "no influence was attempted", [], "Not applicable: no advice, options or "
                    "directions were given.")


MEASURE_FUNCTIONS: dict[str, Callable[[CriterionBase, Context], Measured]] = {
    "topics_asked": topics_asked,  # type: ignore[dict-item]
    "help_called": help_called,  # type: ignore[dict-item]
    "listening_first": listening_first,  # type: ignore[dict-item]
    "count": count,  # type: ignore[dict-item]
    "ratio": ratio,  # type: ignore[dict-item]
    "within_turns": within_turns,  # type: ignore[dict-item]
    "absent": absent,  # type: ignore[dict-item]
    "cue_recognised": cue_recognised,  # type: ignore[dict-item]
    "adapted_after_cue": adapted_after_cue,  # type: ignore[dict-item]
    "action_when_agitated": action_when_agitated,  # type: ignore[dict-item]
    "reassessed_after_change": reassessed_after_change,  # type: ignore[dict-item]
    "outcome": outcome,  # type: ignore[dict-item]
    "agitation_change": agitation_change,  # type: ignore[dict-item]
}
