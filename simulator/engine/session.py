"""One role-play session: a reply in, typed events out (DESIGN 3.2).

A Session never touches the disk or the screen. The same scenario, seed and replies
give the same events. This module is the turn logic; :mod:`simulator.engine.emit`
builds the events and :mod:`simulator.engine.lines` picks what the subject says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process, utils

from simulator.engine import emit
from simulator.engine.conditions import Facts, holds
from simulator.engine.effects import (
    TechniqueEffect,
    combine,
    mislabel_effect,
    streak_factor,
    technique_effect,
)
from simulator.engine.lines import LinePicker, default_lines
from simulator.engine.machine import PhaseTracker, build_machine
from simulator.engine.topics import Asked, TopicFinder
from simulator.engine.variants import draw
from simulator.language import TECHNIQUES, Analysis, Analyzer, PhraseMatch, phrase_index
from simulator.language.grounding import grounding, named_feelings
from simulator.language.parse import Parsed
from simulator.scenario import Scenario
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.model import Answer, Ending, Objective, Trigger
from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    AppliedEffect,
    CueRecognised,
    CueShown,
    Detection,
    Ended,
    Event,
    Notice,
    ObjectiveResult,
    PhaseChanged,
    Pressure,
    RubricRef,
    SubjectSaid,
    TopicAnswered,
    TriggerFired,
    Unmet,
)
from simulator.vocabulary import (
    ACTIONS,
    GOOD_OUTCOMES,
    MAX_REPLY_CHARS,
    MODES,
    REFLECTIONS,
    TIME_ACTIONS,
    ActionId,
    Mode,
    Outcome,
    band_of,
)

#: rapidfuzz ratio at or above which two officer lines count as the same line.
NEAR_SAME = 90.0
#: Share of the gap to the phase baseline closed by a turn with nothing de-escalating in it.
DRIFT = 0.2
#: Agitation added when the recruit leaves the subject waiting past the pressure timer.
PRESSURE_RISE = 5.0
#: Share of the gap to the scenario's "eases to" closed by waiting at a safe distance.
EASE = 0.15
#: What a reflection may be grounded in: their last few lines and the cues shown.
RECENT_LINES = 3
#: The grounding of an emotion label that names no feeling ("that must be hard").
GENERIC_LABEL = 0.4
#: Added to a technique's effect size when choosing which one the subject reacts to:
#: people answer an offer or a hurtful word before they answer a reflection.
REACTION_PRIORITY = {
    "insult": 4.0, "threat": 4.0, "argument": 3.0, "dismissal": 3.0, "command": 2.0,
    "resource_referral": 3.0, "offer_options": 3.0, "crisis_inquiry": 2.5, "explanation": 2.0,
    "reassurance": 1.0, "summary": 1.0,
}

r1 = emit.r1


@dataclass
class _Memory:
    officer_lines: list[str] = field(default_factory=list)
    technique_turns: list[set[str]] = field(default_factory=list)
    subject_lines: list[str] = field(default_factory=list)
    cue_texts: list[str] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)
    time_streak: int = 0
    narration: str | None = None
    """What the subject does this turn (shown in place of body language)."""

    @property
    def subject_last(self) -> str:
        return self.subject_lines[-1] if self.subject_lines else ""


class Session:
    """Drive one scenario with one seed. Call :meth:`start`, then :meth:`reply`."""

    def __init__(self, scenario: Scenario | LoadedScenario, *, seed: int = 1, trainee: str = "trainee",
                 mode: str = "coach", app_version: str = "", rubrics: tuple[RubricRef, ...] = (),
                 variant: dict[str, str] | None = None) -> None:
        """``variant`` pins some of the scenario's variant dimensions (the rest are drawn)."""
        if isinstance(scenario, LoadedScenario):
            self.content_hash = scenario.content_hash
            scenario = scenario.scenario
        else:
            self.content_hash = ""
        if mode not in MODES:
            raise ValueError(f"mode must be 'coach' or 'assess', not {mode!r}")
        self.scenario = scenario
        self.seed = seed
        self.trainee = trainee
        self.mode: Mode = mode  # type: ignore[assignment]
        self.app_version = app_version
        self.rubrics = tuple(rubrics)
        self._lines = LinePicker(seed)
        extra: dict[str, list[str]] = {t: list(p) for t, p in scenario.language.phrases.items()}
        self._analyzer = Analyzer(extra_phrases=extra or None)
        self._triggers = list(scenario.triggers)
        self._trigger_phrases = phrase_index([t.phrases for t in scenario.triggers])
        self._cue_phrases = phrase_index([c.recognised_by.phrases for c in scenario.cues])
        self._topics = TopicFinder(list(scenario.topics))
        self.drawn = draw(scenario, seed, variant)
        self.personality = self.drawn.personality
        self.facts = Facts(agitation=self.drawn.agitation, rapport=self.drawn.rapport, phase=scenario.initial_phase,
                           flags=set(self.drawn.flags), variant=dict(self.drawn.variant))
        self.facts.note_flags()
        self._tracker = PhaseTracker()
        self._machine = build_machine(scenario, self._tracker, lambda: self.facts)
        self._mem = _Memory()
        self.started = False
        self.outcome: Outcome | None = None

    # Public API -------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def turn(self) -> int:
        return self.facts.turn

    @property
    def phase(self) -> str:
        return self._tracker.state

    def available_actions(self) -> list[ActionId]:
        """Slash commands the recruit can use right now (``end`` always)."""
        out: list[ActionId] = [a.id for a in self.scenario.actions if a.when is None or holds(a.when, self.facts)]
        return out + (["end"] if "end" not in out else [])

    def start(self) -> list[Event]:
        if self.started:
            raise RuntimeError("session already started")
        self.started = True
        s = self.scenario
        events: list[Event] = [emit.started(s, content_hash=self.content_hash, app_version=self.app_version,
                                            seed=self.seed, trainee=self.trainee, mode=self.mode,
                                            rubrics=self.rubrics, actions=self.available_actions(),
                                            variant=self.drawn.variant or None)]
        line = self._lines.line(s.opening, self._band_lines())
        events += self._show_cues()
        events.append(self._subject_said(line))
        return events

    def reply(self, text: str) -> list[Event]:
        """One trainee turn: speech, or a slash-command action."""
        self._require_running()
        if len(text) > MAX_REPLY_CHARS:  # nobody says that much in one breath; nothing is played
            return [Notice(turn=self.turn, text=f"That reply is {len(text):,} characters; keep a reply under "
                                                f"{MAX_REPLY_CHARS:,} and say the rest in the next one.")]
        stripped = text.strip()
        if stripped.startswith("/"):
            return self._action(stripped)
        return self._speech(text)

    def pressure(self) -> list[Event]:
        """The recruit has said nothing past the scenario's pressure timer."""
        self._require_running()
        self._set_agitation(self.facts.agitation + PRESSURE_RISE * self.personality.volatility)
        events: list[Event] = [Pressure(turn=self.turn)]
        events += self._after_moves(line=None)
        return events

    def abandon(self, reason: str = "quit") -> list[Event]:
        """End the session because the recruit quit or input ended."""
        if self.finished:
            return []
        return [self._end("abandoned", reason=reason)]

    # Turn handling ------------------------------------------------------------------
    def _require_running(self) -> None:
        if not self.started:
            raise RuntimeError("call start() first")
        if self.finished:
            raise RuntimeError("the session has ended")

    def _begin_turn(self) -> None:
        f = self.facts
        f.turn += 1
        f.turns_in_phase += 1
        f.techniques_now = set()
        f.action_now = None
        self._mem.narration = None

    def _speech(self, text: str) -> list[Event]:
        self._begin_turn()
        f, mem, s = self.facts, self._mem, self.scenario
        # the engine weighs reflections by its own grounding (recent lines and cues), below
        analysis = self._analyzer.analyze(text, context=mem.subject_last or None, grounding=False)
        techniques = list(analysis.techniques)
        f.techniques_now = set(techniques)
        near = self._near_repeats(text)
        effects, correction = self._effects(analysis, near)
        d_ag, d_rap = combine(effects)
        deescalating = any(TECHNIQUES[e.technique].deescalating and e.agitation < 0 for e in effects)
        fired, trigger_events, trigger_line = self._fire_triggers(text, analysis.parsed)
        for trig in fired:
            d_ag += trig.effect.agitation
            d_rap += trig.effect.rapport
        before = (f.agitation, f.rapport)
        # A turn with nothing in it drifts towards the phase's baseline; one that made
        # things worse is not softened by drift.
        if not deescalating and d_ag <= 0 and not any(t.effect.agitation for t in fired):
            self._drift()
        self._set_agitation(f.agitation + d_ag)
        self._set_rapport(f.rapport + d_rap)
        f.technique_counts.update(techniques)
        mem.technique_turns.append(set(techniques))
        mem.officer_lines.append(text)
        mem.time_streak = 0
        asked = self._topics.asked(text, analysis)
        answer_events: list[Event] = []
        answer_lines: list[str] = []
        for one in asked:  # every question asked is answered, in the order asked
            said_events, said = self._answer(one, text)
            answer_events += said_events
            answer_lines += [said] if said else []
        answer_line = " ".join(answer_lines) or None
        cue_events = self._recognise_cues(text, techniques, parsed=analysis.parsed)
        # The deltas are the whole turn's (answers and recognised cues included), so the
        # meter, the debrief and the score tell the same numbers.
        events: list[Event] = [Analysed(
            turn=f.turn, text=text, techniques=techniques,  # type: ignore[arg-type]
            detections=[Detection(technique=d.technique, span=(d.start, d.end), text=d.text)  # type: ignore[arg-type]
                        for d in analysis.detections],
            effects=[AppliedEffect(technique=e.technique, agitation=r1(e.agitation),  # type: ignore[arg-type]
                                   rapport=r1(e.rapport), rule=e.rule,
                                   grounding=None if e.grounding is None else round(e.grounding, 2))
                     for e in effects],
            agitation_delta=r1(f.agitation - before[0]), rapport_delta=r1(f.rapport - before[1]),
            repeated=near)]
        events += trigger_events
        events += answer_events
        events += cue_events
        line = trigger_line
        phase_repeats = s.phase(self.phase).repeats
        repeat_lines = default_lines().repeat if phase_repeats is None else phase_repeats
        if line is None and near >= 2 and repeat_lines:
            line = self._lines.line(repeat_lines, self._band_lines())
        if line is not None and answer_line is not None and near < 2:
            line = f"{answer_line} {line}"  # the question asked is answered, then the reaction
        line = line or answer_line or correction
        if line is None and repeat_lines and self._all_stale(techniques):
            line = self._lines.line(repeat_lines, self._band_lines())
        reaction = self._reaction_line(effects) if line is None else None
        # A closed question about nothing the scenario knows; not one that did something (a trigger).
        if line is None and reaction is None and not asked and not fired and s.off_topic \
                and "closed_question" in techniques and "open_question" not in techniques:
            line = self._lines.line(s.off_topic, self._band_lines())
        return events + self._after_moves(line=line, reaction=reaction)

    def _effects(self, analysis: Analysis, near: int) -> tuple[list[TechniqueEffect], str | None]:
        """Each technique's effect this turn, reflections weighed by how grounded they are;
        and a correction if a label named a feeling they do not have."""
        f, s = self.facts, self.scenario
        band = band_of(f.agitation)
        phase = s.phase(self.phase)
        context = self._mem.subject_lines[-RECENT_LINES:] + self._mem.cue_texts
        effects: list[TechniqueEffect] = []
        correction = None
        for t in analysis.techniques:
            g = None
            if t in REFLECTIONS:
                said = " ".join(d.text for d in analysis.detections if d.technique == t)
                if t == "emotion_label":
                    named = named_feelings(said)
                    expected = set(phase.emotions if phase.emotions is not None else s.emotions)
                    if named and expected and not named & expected:
                        effects.append(mislabel_effect(t, self.personality))
                        lines = _corrections_for(phase.corrections or s.corrections, named)
                        correction = self._lines.line(lines, self._band_lines()) if lines else None
                        continue
                    g = 1.0 if named else GENERIC_LABEL
                else:
                    g = grounding(said, context).score
            effects.append(technique_effect(s, t, phase=self.phase, band=band, rapport=f.rapport,
                                            streak=self._streak(t), near_repeats=near,
                                            personality=self.personality, grounding=g))
        return effects, correction

    def _answer(self, asked: Asked, text: str) -> tuple[list[Event], str | None]:
        """The subject answers the topic asked: withheld, evasive or honest, by the state now."""
        f = self.facts
        topic = asked.topic
        answer: Answer | None = next((a for a in topic.answers if a.when is None or holds(a.when, f)), None)
        if answer is None:
            return [], None
        f.flags.add(f"asked:{topic.id}")
        if answer.kind == "honest":
            f.flags.add(f"told:{topic.id}")
        f.flags.update(answer.reveals)
        self._set_agitation(f.agitation + answer.effect.agitation)
        self._set_rapport(f.rapport + answer.effect.rapport)
        if answer.narration:
            self._narrate(answer.narration)
        m = asked.match
        event = TopicAnswered(turn=f.turn, id=topic.id, kind=topic.kind or None, answer=answer.kind,
                              span=(m.start, m.end),
                              matched=text[m.start:m.end], fact=answer.fact or None)
        said = self._lines.line(answer.lines, answer.lines)  # asked again, the answer stays the answer
        if any(said in before for before in self._mem.subject_lines):  # asked again: they say so
            said = f"{self._lines.line(default_lines().retold)} {said}"
        return [event], said

    def _action(self, command: str) -> list[Event]:
        name = command[1:].split(maxsplit=1)[0].lower() if len(command) > 1 else ""
        offered = self.available_actions()
        if name == "end":  # ending the call is not a turn of the conversation
            return [ActionTaken(turn=self.turn, id="end", text=command),
                    self._end("abandoned", reason="ended by trainee")]
        if name not in offered:
            if name in ACTIONS:
                msg = f"/{name} is not available here."
            else:
                msg = f"Unknown command /{name}."
            msg += " Available: " + ", ".join("/" + a for a in offered) + "."
            return [Notice(turn=self.turn, text=msg)]
        action = self.scenario.action(name)
        assert action is not None
        self._begin_turn()
        f = self.facts
        if action.technique:
            f.techniques_now = {action.technique}
            f.technique_counts[action.technique] += 1
        f.action_now = name
        f.flags.update(action.set_flags)
        f.flags.add(f"action:{name}")
        personality = self.personality
        d_ag = action.effect.agitation
        d_ag *= personality.volatility if d_ag > 0 else personality.receptiveness
        d_rap = action.effect.rapport
        # Triggers see actions too (e.g. `when: {action: call-backup}`).
        fired, trigger_events, trigger_line = self._fire_triggers(command)
        for trig in fired:
            d_ag += trig.effect.agitation
            d_rap += trig.effect.rapport
        before = (f.agitation, f.rapport)
        if name in TIME_ACTIONS and d_ag <= 0:
            d_ag += self._spend_time()
        if name not in TIME_ACTIONS:
            self._mem.time_streak = 0
        self._set_agitation(f.agitation + d_ag)
        self._set_rapport(f.rapport + d_rap)
        cue_events = self._recognise_cues(command, sorted(f.techniques_now), action=name)
        self._mem.technique_turns.append(set(f.techniques_now))
        events: list[Event] = [ActionTaken(turn=f.turn, id=action.id, text=command, nonverbal=action.nonverbal,
                                           agitation_delta=r1(f.agitation - before[0]),
                                           rapport_delta=r1(f.rapport - before[1]))]
        events += trigger_events
        events += cue_events
        if action.outcome is not None:
            events.append(self._end(action.outcome))
            return events
        line = trigger_line
        if line is None and action.reply:
            line = self._lines.line(action.reply, self._band_lines())
        return events + self._after_moves(line=line)

    def _after_moves(self, *, line: str | None, reaction: str | None = None) -> list[Event]:
        """Steps 3-6 of a turn: guards, outcome, the subject's reply, cues."""
        f, s = self.facts, self.scenario
        events: list[Event] = []
        before = self.phase
        f.note_flags()
        self._tracker.last_transition = None
        self._tracker.advance()  # type: ignore[attr-defined]  # added by transitions
        if self.phase != before:
            f.phase = self.phase
            f.turns_in_phase = 0
            events.append(PhaseChanged(turn=f.turn, from_=before, to=self.phase))
            tr = self._tracker.last_transition
            phase = s.phase(self.phase)
            if phase.outcome is not None:
                if line is not None:  # what a trigger made them say still gets said
                    events.append(self._subject_said(line))
                events.append(self._end(phase.outcome, line=tr.line if tr else None, ending=phase.ending))
                return events
            if line is None and tr is not None and tr.line:
                line = tr.line
            elif line is None and phase.enter:
                line = self._lines.line(phase.enter, self._band_lines())
        ending = self._check_outcomes()
        if ending is not None:
            if line is not None:
                events.append(self._subject_said(line))
            events.append(ending)
            return events
        if line is None:
            line = reaction
        if line is None:
            band_lines = self._band_lines()
            line = self._lines.line(band_lines, band_lines)
        events += self._show_cues()
        events.append(self._subject_said(line))
        return events

    # Pieces -------------------------------------------------------------------------
    def _set_agitation(self, value: float) -> None:
        self.facts.agitation = min(100.0, max(0.0, value))

    def _set_rapport(self, value: float) -> None:
        self.facts.rapport = min(100.0, max(0.0, value))

    def _drift(self) -> None:
        baseline = self.scenario.phase(self.phase).baseline
        self._set_agitation(self.facts.agitation + (baseline - self.facts.agitation) * DRIFT)

    def _spend_time(self) -> float:
        """Waiting: agitation eases (less each wait in a row), unless the situation worsens with
        time; returns what it adds to agitation beyond the easing it applies."""
        rules, f = self.scenario.time, self.facts
        if rules.worsens_by > 0 and (rules.worsens_when is None or holds(rules.worsens_when, f)):
            return rules.worsens_by
        if rules.eases_when is not None and not holds(rules.eases_when, f):
            self._drift()
            return 0.0
        share = EASE * streak_factor(self._mem.time_streak, self.personality.patience)
        self._mem.time_streak += 1
        if f.agitation > rules.eases_to:
            self._set_agitation(f.agitation + (rules.eases_to - f.agitation) * share)
        return 0.0

    def _near_repeats(self, text: str) -> int:
        """How many earlier officer lines are near-identical to this one."""
        if not self._mem.officer_lines:
            return 0
        hits = process.extract(text, self._mem.officer_lines, scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=NEAR_SAME, limit=None)
        return len(hits)

    def _streak(self, technique: str) -> int:
        n = 0
        for used in reversed(self._mem.technique_turns):
            if technique not in used:
                break
            n += 1
        return n

    def _all_stale(self, techniques: list[str]) -> bool:
        """Every helpful move in this reply has been used turn after turn past patience."""
        patience = self.scenario.subject.personality.patience
        helpful = [t for t in techniques if TECHNIQUES[t].deescalating]
        return bool(helpful) and all(self._streak(t) > patience for t in helpful)

    def _fire_triggers(self, text: str, parsed: Parsed | None = None) -> tuple[list[Trigger], list[Event], str | None]:
        """``parsed``: the reply as the analyzer read it (else it is read here)."""
        fired: list[Trigger] = []
        events: list[Event] = []
        line = None
        matches = self._trigger_phrases.search_parsed(parsed) if parsed else self._trigger_phrases.search(text)
        for trig, match in zip(self._triggers, matches, strict=True):
            if trig.once and trig.id in self._mem.fired:
                continue
            if trig.phrases and match is None:
                continue
            if trig.techniques and not set(trig.techniques) & self.facts.techniques_now:
                continue
            if trig.when is not None and not holds(trig.when, self.facts):
                continue
            self._mem.fired.add(trig.id)
            self.facts.flags.update(trig.set_flags)
            fired.append(trig)
            if match is not None:
                events.append(TriggerFired(turn=self.turn, id=trig.id, span=(match.start, match.end),
                                           matched=text[match.start:match.end]))
            else:
                events.append(TriggerFired(turn=self.turn, id=trig.id))
            if trig.answers is not None:  # a late answer to a question asked before
                topic = next(t for t in self.scenario.topics if t.id == trig.answers)
                self.facts.flags.update({f"asked:{topic.id}", f"told:{topic.id}"})
                events.append(TopicAnswered(turn=self.turn, id=topic.id, kind=topic.kind or None,
                                            answer="honest", fact=trig.fact))
            if line is None and trig.reply:
                line = self._lines.line(trig.reply, self._band_lines())
            if trig.narration:
                self._narrate(trig.narration)
        return fired, events, line

    def _recognise_cues(self, text: str, techniques: list[str], action: str | None = None,
                        parsed: Parsed | None = None) -> list[Event]:
        """Cues the reply (or the action: /call-ems for a medical cue) shows were recognised."""
        f = self.facts
        events: list[Event] = []
        named: list[PhraseMatch | None] | None = None
        for order, cue in enumerate(self.scenario.cues):
            if cue.id not in f.cues_shown or cue.id in f.cues_recognised:
                continue
            how: Literal["phrase", "technique", "action"] | None = None
            span = None
            if set(cue.recognised_by.techniques) & set(techniques):
                how = "technique"
            if action is not None and action in cue.recognised_by.actions:
                how = "action"
            if cue.recognised_by.phrases and action is None:
                # naming the cue shows it was seen, negated or not: "you haven't been able to sleep",
                # "so we don't wake your son"
                if named is None:
                    named = (self._cue_phrases.search_parsed(parsed, include_negated=True) if parsed
                             else self._cue_phrases.search(text, include_negated=True))
                m = named[order]
                if m is not None:
                    how, span = "phrase", (m.start, m.end)
            if how is None:
                continue
            f.cues_recognised[cue.id] = f.turn
            f.flags.add(f"recognised:{cue.id}")
            self._set_agitation(f.agitation + cue.recognised_by.effect.agitation)
            self._set_rapport(f.rapport + cue.recognised_by.effect.rapport)
            events.append(CueRecognised(turn=f.turn, id=cue.id, how=how, after_turns=f.turn - f.cues_shown[cue.id],
                                        span=span, matched=text[span[0]:span[1]] if span else None))
        return events

    def _show_cues(self) -> list[Event]:
        f = self.facts
        events: list[Event] = []
        for cue in self.scenario.cues:
            if cue.id in f.cues_shown or not holds(cue.when, f):
                continue
            f.cues_shown[cue.id] = f.turn
            self._mem.cue_texts.append(cue.text)
            events.append(CueShown(turn=f.turn, id=cue.id, kind=cue.kind, text=cue.text))
        return events

    def _reaction_line(self, effects: list[TechniqueEffect]) -> str | None:
        reactions = self.scenario.phase(self.phase).reactions
        candidates = [e for e in effects if e.technique in reactions]
        if not candidates:
            return None
        dominant = max(candidates, key=lambda e: (abs(e.agitation) + REACTION_PRIORITY.get(e.technique, 0.0),
                                                  -effects.index(e)))
        return self._lines.line(reactions[dominant.technique], self._band_lines())  # type: ignore[index]

    def _check_outcomes(self) -> Ended | None:
        f = self.facts
        for rule in self.scenario.outcomes:
            if rule.when is not None and holds(rule.when, f):
                return self._end(rule.id)
        if f.agitation >= 100:
            return self._end("escalated")
        if f.turn >= self.scenario.max_turns:
            return self._end("timed_out")
        return None

    def _end(self, outcome: Outcome, line: str | None = None, reason: str | None = None,
             ending: Ending | None = None) -> Ended:
        """The session's end; ``ending`` is the phase's own title, words and teaching points."""
        unmet = self._unmet(outcome)
        if unmet:
            instead = next(r for r in self.scenario.requirements if r.id == unmet[0].id).otherwise
            self.outcome = instead.outcome
            return emit.ended(self.facts, self.phase, instead.outcome, title=instead.title,
                              line=instead.line or default_lines().endings[instead.outcome],
                              nonverbal=instead.narration or self._nonverbal(),
                              teaching_points=list(instead.teaching_points), reason=reason, intended=outcome,
                              unmet=unmet, objectives=self._objectives())
        self.outcome = outcome
        if ending is not None:
            return emit.ended(self.facts, self.phase, outcome, title=ending.title,
                              line=line or ending.line or default_lines().endings[outcome],
                              nonverbal=ending.narration or self._nonverbal(),
                              teaching_points=list(ending.teaching_points), reason=reason,
                              objectives=self._objectives())
        rule = self.scenario.outcome_rule(outcome)
        defaults = default_lines()
        if line is None:
            line = rule.line if rule and rule.line else defaults.endings[outcome]
        narration = rule.narration if rule else None
        return emit.ended(self.facts, self.phase, outcome, title=rule.title if rule else defaults.titles[outcome],
                          line=line, nonverbal=narration or self._nonverbal(),
                          teaching_points=list(rule.teaching_points) if rule else [], reason=reason,
                          objectives=self._objectives())

    def _objectives(self) -> list[ObjectiveResult]:
        """The briefing's judged objectives, reached or not as the call ends."""
        return [ObjectiveResult(text=o.text, met=holds(o.done, self.facts)) for o in self.scenario.objectives
                if isinstance(o, Objective)]

    def _unmet(self, outcome: Outcome) -> list[Unmet]:
        """The requirements a good ending has not met (none for other endings)."""
        if outcome not in GOOD_OUTCOMES:
            return []
        f = self.facts
        return [Unmet(id=r.id, description=r.description) for r in self.scenario.requirements
                if outcome in r.outcomes and (r.applies is None or holds(r.applies, f)) and not holds(r.needs, f)]

    def _narrate(self, text: str) -> None:
        """What the subject does this turn; several acts are all told, in order."""
        self._mem.narration = f"{self._mem.narration} {text}" if self._mem.narration else text

    def _subject_said(self, line: str) -> SubjectSaid:
        self._mem.subject_lines.append(line)
        narration, self._mem.narration = self._mem.narration, None
        return emit.subject_said(self.facts, self.phase, line, narration or self._nonverbal())

    def _band_lines(self) -> list[str]:
        return list(self.scenario.phase(self.phase).lines.get(band_of(self.facts.agitation), []))

    def _nonverbal(self) -> str:
        band = band_of(self.facts.agitation)
        phase_lines = self.scenario.phase(self.phase).nonverbal.get(band)
        return self._lines.nonverbal(list(phase_lines or self.scenario.nonverbal[band]))


def _corrections_for(lines: list[str], named: frozenset[str]) -> list[str]:
    """The correction lines that fit the feeling named: a line that opens by echoing a
    feeling ("Angry? I'm not angry. I'm scared.") answers only a label of that feeling."""
    fitting: list[str] = []
    for line in lines:
        lead = line.split("?", 1)[0] if "?" in line[:20] else ""
        echoed = named_feelings(lead) if lead and len(lead.split()) <= 2 else frozenset()
        if not echoed or echoed & named:
            fitting.append(line)
    return fitting
