"""One role-play session: a reply in, typed events out (DESIGN 3.2).

A Session never touches the disk or the screen. The same scenario, seed and replies
give the same events. This module is the turn logic; :mod:`simulator.engine.emit`
builds the events and :mod:`simulator.engine.lines` picks what the subject says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process, utils

from simulator.engine import emit
from simulator.engine.conditions import Facts, Levels, holds
from simulator.engine.effects import (
    TechniqueEffect,
    combine,
    mislabel_effect,
    streak_factor,
    technique_effect,
)
from simulator.engine.lines import LinePicker, default_lines
from simulator.engine.machine import PhaseTracker, build_machine
from simulator.engine.sides import sides_taken
from simulator.engine.topics import Asked, TopicFinder
from simulator.engine.variants import Personality, draw
from simulator.language import TECHNIQUES, Analysis, Analyzer, PhraseMatch, phrase_index
from simulator.language.grounding import grounding, named_feelings
from simulator.language.parse import Parsed
from simulator.scenario import Scenario
from simulator.scenario.loader import LoadedScenario
from simulator.scenario.model import PERSON_TASKS, Answer, Cue, Ending, Objective, Person, Trigger
from simulator.transcripts.events import (
    ActionTaken,
    Addressed,
    Analysed,
    AppliedEffect,
    CueRecognised,
    CueShown,
    Detection,
    Ended,
    Event,
    Notice,
    ObjectiveResult,
    PartnerActed,
    PersonLevel,
    PhaseChanged,
    Pressure,
    Reacted,
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

#: Techniques that frighten everyone present, not only the person they were aimed at.
HOSTILE = frozenset({"insult", "threat"})
#: Words of a name that do not name the person ("Mrs Diaz": only "diaz" addresses her).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "ma'am", "officer"})
#: How far into a reply a name still addresses someone ("Okay Mrs Diaz, ..."): in words.
NAME_WITHIN = 3
#: Words a reply may open with before the name of the person it is for, in their own clause or
#: sentence ("Okay, Dean, ...", "Thanks. Raj, ...", "Sorry, you're Dean?"): skipped before the name is looked for.
OPENERS = frozenset({"okay", "ok", "alright", "all", "right", "so", "well", "now", "hey", "hi", "hello", "look",
                     "listen", "yes", "yeah", "no", "oh", "um", "uh", "mm", "sorry", "thanks", "thank", "cheers",
                     "sure", "fine", "good", "great", "and"})
_AT = re.compile(r"^\s*@([\w'-]+)[\s,:]*")
_WORD = re.compile(r"[a-z][a-z'-]*")

r1 = emit.r1


@dataclass
class _Person:
    """One role-player's own state (a scene's person, or the single subject)."""

    id: str
    name: str
    spec: Person | None
    """The person's own block (None for a single `subject`)."""
    levels: Levels
    personality: Personality
    topics: TopicFinder
    lines: list[str] = field(default_factory=list)
    """What they have said."""
    aside: bool = False
    """Taken aside by the partner: neither reacting nor speaking up."""
    held: list[tuple[int, Trigger]] = field(default_factory=list)
    """Late answers fired but not yet said (one line a turn), with their place among the triggers."""

    @property
    def name_words(self) -> frozenset[str]:
        return frozenset(w for w in _WORD.findall(self.name.lower()) if w not in TITLES)

    @property
    def known_as(self) -> list[str]:
        """The words that show a reply speaks of them."""
        return sorted(self.name_words) + (list(self.spec.refers) if self.spec else [])


@dataclass
class _Memory:
    officer_lines: list[str] = field(default_factory=list)
    officer_to: list[str | None] = field(default_factory=list)
    """Whom each officer line was said to (a scene), beside ``officer_lines``."""
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
        #: every cue with whose it is (None: the scene's own), in the order they are checked
        self._cues: list[tuple[str | None, Cue]] = [(None, c) for c in scenario.cues] + [
            (p.id, c) for p in scenario.people for c in p.cues]
        self._cue_phrases = phrase_index([c.recognised_by.phrases for _, c in self._cues])
        self._topics = TopicFinder(list(scenario.topics))
        self._topic_owner = {t.id: p.id for p in scenario.people for t in p.topics}
        self.drawn = draw(scenario, seed, variant)
        self.personality = self.drawn.personality
        self.facts = Facts(agitation=self.drawn.agitation, rapport=self.drawn.rapport, phase=scenario.initial_phase,
                           flags=set(self.drawn.flags), variant=dict(self.drawn.variant))
        self.facts.note_flags()
        self._tracker = PhaseTracker()
        self._machine = build_machine(scenario, self._tracker, lambda: self.facts)
        self._mem = _Memory()
        self._several = scenario.several
        self._people = self._cast()
        self._who = next(iter(self._people.values()))
        """The person the session speaks for now: the one addressed, or (briefly) someone reacting."""
        self._addressed = self._who
        if self._several:
            self.facts.people = {p.id: p.levels for p in self._people.values()}
            self.facts.addressed = self._who.id
            self._use(self._who)
        self._partner_told: Literal["speak", "wait"] | None = None
        """The recruit's last word to the partner about talking: `/partner speak` or `/partner wait`."""
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

    @property
    def addressed(self) -> str | None:
        """The id of the person the recruit is talking to (a scene with several people)."""
        return self._addressed.id if self._several else None

    def people_levels(self) -> dict[str, tuple[float, float]]:
        """Everyone's agitation and rapport now, by person id."""
        return {p.id: (p.levels.agitation, p.levels.rapport) for p in self._people.values()}

    def partner_tasks(self) -> list[str]:
        """The partner tasks the recruit can give right now (`/partner <task>`)."""
        partner = self.scenario.partner
        if partner is None:
            return []
        return [t.id for t in partner.tasks if t.when is None or holds(t.when, self.facts)]

    def address(self, person: str) -> list[Event]:
        """Turn to another person without speaking (the app's key, `/talk-to`, `@id` alone)."""
        self._require_running()
        return self._turn_to(person, "talk-to")

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
                                            variant=self.drawn.variant or None,
                                            partner_tasks=self.partner_tasks())]
        line = self._lines.line(s.opening, self._band_lines())
        events += self._show_cues()
        events.append(self._subject_said(line))
        for other in list(self._people.values())[1:]:  # each other person's own first words
            if other.spec is not None and other.spec.opening:
                with self._as(other):
                    events.append(self._subject_said(self._lines.line(other.spec.opening, self._band_lines())))
        return events

    def reply(self, text: str) -> list[Event]:
        """One trainee turn: speech, or a slash-command action."""
        self._require_running()
        if len(text) > MAX_REPLY_CHARS:  # nobody says that much in one breath; nothing is played
            return [Notice(turn=self.turn, text=f"That reply is {len(text):,} characters; keep a reply under "
                                                f"{MAX_REPLY_CHARS:,} and say the rest in the next one.")]
        stripped = text.strip()
        events: list[Event] = []
        if self._several and stripped.startswith("@"):
            turned, rest = self._at(stripped)
            if rest is None:
                return turned
            events, text, stripped = turned, rest, rest.strip()
        if stripped.startswith("/"):
            return self._action(stripped)
        if self._several:
            events += self._by_name(text)
        return events + self._speech(text)

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
        for person in self._people.values():  # away from the others with the partner, they settle
            if person.aside:
                with self._as(person):
                    eases_to = self.scenario.time.eases_to
                    if f.agitation > eases_to:
                        self._set_agitation(f.agitation + (eases_to - f.agitation) * EASE)

    def _speech(self, text: str) -> list[Event]:
        self._begin_turn()
        f, mem, s = self.facts, self._mem, self.scenario
        # a paraphrase may give back their line before last too (after an action turn, or a short
        # answer); the engine weighs reflections by its own grounding (recent lines and cues), below
        earlier = mem.subject_lines[-2] if len(mem.subject_lines) >= 2 else None
        analysis = self._analyzer.analyze(text, context=mem.subject_last or None, grounding=False, earlier=earlier)
        techniques = list(analysis.techniques)
        f.techniques_now = set(techniques)
        near = self._near_repeats(text)
        effects, correction = self._effects(analysis, near)
        d_ag, d_rap = combine(effects)
        deescalating = any(TECHNIQUES[e.technique].deescalating and e.agitation < 0 for e in effects)
        asked = self._topics.asked(text, analysis)
        fired, trigger_events, trigger_line = self._fire_triggers(text, analysis.parsed,
                                                                  asking={a.topic.id for a in asked})
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
        mem.officer_to.append(self._addressed.id if self._several else None)
        mem.time_streak = 0
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
            repeated=near, to=self._addressed.id if self._several else None)]
        events += trigger_events
        events += answer_events
        events += cue_events
        line = trigger_line
        phase_repeats = s.phase(self.phase).repeats
        repeat_lines = default_lines().repeat if phase_repeats is None else phase_repeats
        if line is None and near >= 2 and repeat_lines:
            line = self._lines.line(repeat_lines, self._band_lines())
        if line is not None and answer_line is not None:  # what was asked is always answered (and so told),
            line = f"{answer_line} {line}"  # then the reaction or the complaint
        line = line or answer_line or correction
        if line is None and repeat_lines and self._all_stale(techniques):
            line = self._lines.line(repeat_lines, self._band_lines())
        reaction = self._reaction_line(effects) if line is None else None
        # A closed question about nothing the scenario knows; not one that did something (a trigger).
        if line is None and reaction is None and not asked and not fired and s.off_topic \
                and "closed_question" in techniques and "open_question" not in techniques:
            line = self._lines.line(s.off_topic, self._band_lines())
        if self._several or s.partner is not None:
            events += self._others_react(text, set(techniques))
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
                    spec = self._who.spec
                    own = spec.emotions if spec is not None else None
                    expected = set(own if own is not None else
                                   phase.emotions if phase.emotions is not None else s.emotions)
                    if named and expected and not named & expected:
                        effects.append(mislabel_effect(t, self.personality))
                        lines = _corrections_for((spec.corrections if spec is not None else [])
                                                 or phase.corrections or s.corrections, named)
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
                              matched=text[m.start:m.end], fact=answer.fact or None,
                              person=self._who.id if self._several else None)
        said = self._lines.line(answer.lines, answer.lines)  # asked again, the answer stays the answer
        if any(said in before for before in self._mem.subject_lines):  # asked again: they say so
            said = f"{self._lines.line(default_lines().retold)} {said}"
        return [event], said

    def _action(self, command: str) -> list[Event]:
        name = command[1:].split(maxsplit=1)[0].lower() if len(command) > 1 else ""
        if name == "talk-to" and self._several:
            parts = command.split()
            return self._turn_to(parts[1] if len(parts) > 1 else "", "talk-to")
        if name == "partner" and self.scenario.partner is not None:
            return self._partner(command)
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
        for other in self._present(but=self._who):  # what the officer does, everyone present sees
            with self._as(other):
                d = action.effect.agitation
                self._set_agitation(f.agitation + d * (other.personality.volatility if d > 0
                                                       else other.personality.receptiveness))
                self._set_rapport(f.rapport + action.effect.rapport)
        cue_events = self._recognise_cues(command, sorted(f.techniques_now), action=name)
        self._mem.technique_turns.append(set(f.techniques_now))
        events: list[Event] = [ActionTaken(turn=f.turn, id=action.id, text=command, nonverbal=action.nonverbal,
                                           agitation_delta=r1(f.agitation - before[0]),
                                           rapport_delta=r1(f.rapport - before[1]))]
        events += trigger_events
        events += cue_events
        if action.outcome is not None:
            if trigger_line is not None:  # what a trigger made them say still gets said
                events.append(self._subject_said(trigger_line))
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
        if self._several:
            events += self._speak_up()
        return events

    # Several people -------------------------------------------------------------------
    def _cast(self) -> dict[str, _Person]:
        """Everyone's own state: the single subject (id `subject`), or each of the scene's people."""
        s, d = self.scenario, self.drawn
        if not s.several:
            one = _Person("subject", s.lead.name, None, Levels(d.agitation, d.rapport), d.personality, self._topics,
                          lines=self._mem.subject_lines)
            return {one.id: one}
        out: dict[str, _Person] = {}
        for i, spec in enumerate(s.people):
            if i == 0:
                levels, personality = Levels(d.agitation, d.rapport), d.personality
            else:
                agitation, rapport, personality = d.others[spec.id]
                levels = Levels(agitation, rapport)
            topics = TopicFinder(list(s.topics) + list(spec.topics)) if i == 0 else TopicFinder(list(spec.topics))
            out[spec.id] = _Person(spec.id, spec.name, spec, levels, personality, topics)
        return out

    def _use(self, who: _Person) -> None:
        """Speak for ``who``: the turn's logic reads and changes their levels, lines and topics."""
        self._who = who
        f = self.facts
        f.agitation, f.rapport = who.levels.agitation, who.levels.rapport
        self.personality = who.personality
        self._topics = who.topics
        self._mem.subject_lines = who.lines

    @contextmanager
    def _as(self, who: _Person) -> Iterator[None]:
        """For a moment, speak for someone else (their reaction, their cue), then come back."""
        back = self._who
        if who is back:
            yield
            return
        self._use(who)
        try:
            yield
        finally:
            self._use(back)

    def _present(self, but: _Person | None = None) -> list[_Person]:
        """The people not taken aside, except ``but``."""
        return [p for p in self._people.values() if not p.aside and p is not but]

    def _find(self, token: str) -> _Person | None:
        """The person an id or one word of their name names, if exactly one."""
        word = token.lower().strip(" ,:")
        if word in self._people:
            return self._people[word]
        hits = [p for p in self._people.values() if word in p.name_words]
        return hits[0] if len(hits) == 1 else None

    def _who_is_here(self) -> str:
        return ", ".join(f"@{p.id} ({p.name})" for p in self._people.values())

    def _turn_to(self, token: str, how: Literal["at", "name", "talk-to", "aside"]) -> list[Event]:
        """Address someone else; no turn is used."""
        person = self._find(token)
        if person is None:
            return [Notice(turn=self.turn, text=f"No one here is called {token or '(nobody named)'}. "
                                                f"Here: {self._who_is_here()}.")]
        if person.aside:
            return [Notice(turn=self.turn, text=f"{person.name} is aside with your partner "
                                                f"(/partner bring-back {person.id} first).")]
        if person is self._addressed:
            return []
        self._addressed = person
        self.facts.addressed = person.id
        self._use(person)
        return [Addressed(turn=self.turn, person=person.id, how=how)]

    def _at(self, text: str) -> tuple[list[Event], str | None]:
        """``@name rest``: turn to them; the rest (None when nothing follows, or they are unknown)."""
        m = _AT.match(text)
        if m is None:
            return [Notice(turn=self.turn, text=f"Name someone after @. Here: {self._who_is_here()}.")], None
        events = self._turn_to(m.group(1), "at")
        if any(isinstance(e, Notice) for e in events):
            return events, None
        rest = text[m.end():]
        return events, rest if rest.strip() else None

    def _by_name(self, text: str) -> list[Event]:
        """Their name in the first words of the first clause addresses them ("Mrs Diaz, ..."), after
        any opening words ("Okay, Mrs Diaz, ...", "Thanks. Gary, ...")."""
        words = _WORD.findall(_first_clause(text).lower())[:NAME_WITHIN]
        named = [p for p in self._present() if p.name_words & set(words)]
        if len(named) != 1 or named[0] is self._addressed:
            return []
        return self._turn_to(named[0].id, "name")

    def _others_react(self, text: str, techniques: set[str]) -> list[Event]:
        """What the people not addressed make of this reply, and two voices at once."""
        f = self.facts
        events: list[Event] = []
        partner = self.scenario.partner
        if self._several:
            present = {p.id: p.known_as for p in self._present()}
            for side in sides_taken(text, self._addressed.id, present):
                other = self._people[side.against]
                with self._as(other):
                    before = f.agitation
                    self._set_agitation(f.agitation + other.spec.bystander.sides * other.personality.volatility
                                        if other.spec else f.agitation)
                    events.append(Reacted(turn=f.turn, person=other.id, cause="sides",
                                          agitation_delta=r1(f.agitation - before), favoured=side.favoured,
                                          span=side.span, matched=side.matched))
            if techniques & HOSTILE:
                for other in self._present(but=self._addressed):
                    with self._as(other):
                        before = f.agitation
                        rise = other.spec.bystander.hostility if other.spec else 0.0
                        self._set_agitation(f.agitation + rise * other.personality.volatility)
                        events.append(Reacted(turn=f.turn, person=other.id, cause="hostility",
                                              agitation_delta=r1(f.agitation - before)))
        if partner is not None and self._partner_talking():
            events.append(PartnerActed(turn=f.turn, task="talk-over", text="",
                                       line=self._lines.line(partner.lines, partner.lines)))
            for other in self._present():
                with self._as(other):
                    before = f.agitation
                    self._set_agitation(f.agitation + partner.one_voice * other.personality.volatility)
                    events.append(Reacted(turn=f.turn, person=other.id, cause="one_voice",
                                          agitation_delta=r1(f.agitation - before)))
        return events

    def _partner_talking(self) -> bool:
        partner = self.scenario.partner
        if partner is None or self._partner_told == "wait":
            return False
        return self._partner_told == "speak" or (partner.talks_over is not None
                                                 and holds(partner.talks_over, self.facts))

    def _speak_up(self) -> list[Event]:
        """At most one person not addressed, agitated enough, may speak up (drawn from the seed)."""
        ready = [p for p in self._present(but=self._addressed)
                 if p.spec is not None and p.levels.agitation >= p.spec.bystander.speaks_up_at]
        if not ready:
            return []
        loudest = max(ready, key=lambda p: p.levels.agitation)
        assert loudest.spec is not None
        if not self._lines.chance(loudest.spec.bystander.chance):
            return []
        with self._as(loudest):
            pool = list(loudest.spec.bystander.lines) or self._band_lines()
            return [self._subject_said(self._lines.line(pool, self._band_lines()), to=self._addressed.id,
                                       unprompted=True)]

    def _partner(self, command: str) -> list[Event]:
        """`/partner <task> [person]`: the partner officer does a task the scene offers (a turn)."""
        partner = self.scenario.partner
        assert partner is not None
        parts = command.split()
        task_id = parts[1].lower() if len(parts) > 1 else ""
        offered = self.partner_tasks()
        usage = ", ".join(f"/partner {t}" + (" <person>" if t in PERSON_TASKS else "") for t in offered)
        if task_id not in offered:
            what = f"Your partner cannot '{task_id}' here." if task_id else "Give your partner a task."
            return [Notice(turn=self.turn, text=f"{what} {('Tasks: ' + usage + '.') if offered else 'No tasks.'}")]
        task = partner.task(task_id)
        assert task is not None
        target: _Person | None = None
        if task_id in PERSON_TASKS:
            target = self._find(parts[2]) if len(parts) > 2 else None
            if target is None:
                return [Notice(turn=self.turn, text=f"Name who: /partner {task_id} <person>. "
                                                    f"Here: {self._who_is_here()}.")]
            if task_id == "take-aside" and (target.aside or len(self._present()) < 2):
                why = "is already aside" if target.aside else "is the only one left with you"
                return [Notice(turn=self.turn, text=f"{target.name} {why}.")]
            if task_id == "bring-back" and not target.aside:
                return [Notice(turn=self.turn, text=f"{target.name} is not aside.")]
        self._begin_turn()
        f = self.facts
        f.flags.update(task.set_flags)
        f.flags.add(f"partner:{task_id}")
        if task_id in ("speak", "wait"):
            self._partner_told = "speak" if task_id == "speak" else "wait"
        events: list[Event] = []
        who = target or self._who
        with self._as(who):
            before = f.agitation
            d = task.effect.agitation
            self._set_agitation(f.agitation + d * (who.personality.volatility if d > 0 else
                                                   who.personality.receptiveness))
            self._set_rapport(f.rapport + task.effect.rapport)
            delta = r1(f.agitation - before)
        events.append(PartnerActed(turn=f.turn, task=task_id, text=command, line=task.line,
                                   person=target.id if target else None, agitation_delta=delta))
        if target is not None and task_id == "take-aside":
            target.aside = True
            f.flags.add(f"aside:{target.id}")
            if target is self._addressed:
                events += self._turn_to(self._present()[0].id, "aside")
        elif target is not None:
            target.aside = False
            f.flags.discard(f"aside:{target.id}")
        self._mem.technique_turns.append(set())
        self._mem.time_streak = 0
        return events + self._after_moves(line=None)

    def _levels(self) -> list[PersonLevel] | None:
        if not self._several:
            return None
        return [PersonLevel(id=p.id, agitation=r1(p.levels.agitation), rapport=r1(p.levels.rapport),
                            aside=True if p.aside else None) for p in self._people.values()]

    # Pieces -------------------------------------------------------------------------
    def _set_agitation(self, value: float) -> None:
        self.facts.agitation = min(100.0, max(0.0, value))
        self._who.levels.agitation = self.facts.agitation

    def _set_rapport(self, value: float) -> None:
        self.facts.rapport = min(100.0, max(0.0, value))
        self._who.levels.rapport = self.facts.rapport

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
        """How many earlier officer lines to this person are near-identical to this one (in a scene,
        asking each side the same question is even-handed, not repeating oneself)."""
        to = self._addressed.id if self._several else None
        earlier = [line for line, said_to in zip(self._mem.officer_lines, self._mem.officer_to, strict=True)
                   if said_to == to]
        if not earlier:
            return 0
        hits = process.extract(text, earlier, scorer=fuzz.ratio,
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
        patience = (self._who.spec or self.scenario.lead).personality.patience
        helpful = [t for t in techniques if TECHNIQUES[t].deescalating]
        return bool(helpful) and all(self._streak(t) > patience for t in helpful)

    def _fire_triggers(self, text: str, parsed: Parsed | None = None,
                       asking: set[str] | None = None) -> tuple[list[Trigger], list[Event], str | None]:
        """The triggers this reply (or action) fires, their events, and the one trigger line said.

        A person says one trigger line a turn: a late answer held from an earlier turn first, else the
        first line fired now (in the scenario's order). A trigger's effect, flags and narration happen
        when it fires (they record what was said or done); another line fired the same turn goes
        unsaid. A late answer (`answers`) is what its line tells, so one that cannot be said now is
        held, with its answer, flags and narration, and said on the next turns in the scenario's
        order: nothing counts as told that was not shown.
        ``parsed``: the reply as the analyzer read it (else it is read here); ``asking``: the topics
        it asks about (answered afresh, so a late answer held for one of them is not said)."""
        fired: list[Trigger] = []
        events: list[Event] = []
        held = self._who.held
        asking_now = asking or set()
        said = self._say_held(events, asking_now)
        matches = self._trigger_phrases.search_parsed(parsed) if parsed else self._trigger_phrases.search(text)
        for order, (trig, match) in enumerate(zip(self._triggers, matches, strict=True)):
            if not self._fires(trig, match):
                continue
            self._mem.fired.add(trig.id)
            fired.append(trig)
            who = self._who.id if self._several else None
            span = (match.start, match.end) if match is not None else None
            events.append(TriggerFired(turn=self.turn, id=trig.id, span=span,
                                       matched=text[span[0]:span[1]] if span else None, person=who))
            if trig is said:  # a held line fired again: it is being said now
                continue
            if trig.answers in asking_now:  # asked again, answered afresh: not told twice (it may come later)
                self._mem.fired.discard(trig.id)
                continue
            if trig.reply and said is not None and trig.answers is not None:  # it waits to be told
                if all(t is not trig for _, t in held):
                    held.append((order, trig))
                    held.sort(key=lambda h: h[0])
                continue
            self._happen(trig)
            self._tell(trig, events)
            if trig.reply and said is None:
                said = trig
        line = self._lines.line(said.reply, self._band_lines()) if said is not None else None
        return fired, events, line

    def _fires(self, trig: Trigger, match: PhraseMatch | None) -> bool:
        """Does this trigger fire on this turn (its phrase matched, its techniques used, its condition holds)?"""
        if trig.once and trig.id in self._mem.fired:
            return False
        if trig.phrases and match is None:
            return False
        if trig.techniques and not set(trig.techniques) & self.facts.techniques_now:
            return False
        return trig.when is None or holds(trig.when, self.facts)

    def _say_held(self, events: list[Event], asking: set[str]) -> Trigger | None:
        """The first late answer held from an earlier turn, said now (it tells as it is said). One to a
        question answered meanwhile, or asked again now, is dropped (the question needs no second
        answer) and, never said, may fire again."""
        held = self._who.held
        while held:
            _, trig = held.pop(0)
            if f"told:{trig.answers}" not in self.facts.flags and trig.answers not in asking:
                self._happen(trig)
                self._tell(trig, events)
                return trig
            self._mem.fired.discard(trig.id)
        return None

    def _happen(self, trig: Trigger) -> None:
        """What a trigger sets and what the person does (its flags, its narration)."""
        self.facts.flags.update(trig.set_flags)
        if trig.narration:
            self._narrate(trig.narration)

    def _tell(self, trig: Trigger, events: list[Event]) -> None:
        """The late answer a trigger's line gives, as it is said: the topic's honest answer, in the transcript."""
        if trig.answers is None:
            return
        who = self._who.id if self._several else None
        topic = next(t for t in self.scenario.all_topics() if t.id == trig.answers)
        self.facts.flags.update({f"asked:{topic.id}", f"told:{topic.id}"})
        events.append(TopicAnswered(turn=self.turn, id=topic.id, kind=topic.kind or None, answer="honest",
                                    fact=trig.fact, person=self._topic_owner.get(topic.id, who) if who else None))

    def _recognise_cues(self, text: str, techniques: list[str], action: str | None = None,
                        parsed: Parsed | None = None) -> list[Event]:
        """Cues the reply (or the action: /call-ems for a medical cue) shows were recognised."""
        f = self.facts
        events: list[Event] = []
        named: list[PhraseMatch | None] | None = None
        for order, (owner, cue) in enumerate(self._cues):
            if cue.id not in f.cues_shown or cue.id in f.cues_recognised:
                continue
            how: Literal["phrase", "technique", "action"] | None = None
            span = None
            # a technique shows a person's cue was seen only when said to them
            if set(cue.recognised_by.techniques) & set(techniques) and owner in (None, self._addressed.id):
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
            with self._as(self._people[owner] if owner is not None else self._who):
                self._set_agitation(f.agitation + cue.recognised_by.effect.agitation)
                self._set_rapport(f.rapport + cue.recognised_by.effect.rapport)
            events.append(CueRecognised(turn=f.turn, id=cue.id, how=how, after_turns=f.turn - f.cues_shown[cue.id],
                                        span=span, matched=text[span[0]:span[1]] if span else None, person=owner))
        return events

    def _show_cues(self) -> list[Event]:
        f = self.facts
        events: list[Event] = []
        for owner, cue in self._cues:
            if cue.id in f.cues_shown:
                continue
            with self._as(self._people[owner] if owner is not None else self._who):  # their cue: their state
                if not holds(cue.when, f):
                    continue
            f.cues_shown[cue.id] = f.turn
            self._mem.cue_texts.append(cue.text)
            events.append(CueShown(turn=f.turn, id=cue.id, kind=cue.kind, text=cue.text, person=owner))
        return events

    def _reaction_line(self, effects: list[TechniqueEffect]) -> str | None:
        reactions = self.scenario.phase(self.phase).reactions
        if self._who.spec is not None and self._who.spec.reactions:
            reactions = {**reactions, **self._who.spec.reactions}
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
        if f.agitation >= 100 or any(x.agitation >= 100 for x in f.people.values()):
            return self._end("escalated")
        if f.turn >= self.scenario.max_turns:
            return self._end("timed_out")
        return None

    def _end(self, outcome: Outcome, line: str | None = None, reason: str | None = None,
             ending: Ending | None = None) -> Ended:
        """The session's end; ``ending`` is the phase's own title, words and teaching points.
        In a scene, the person addressed says the last words and the levels are the scene's."""
        ended = self._ending(outcome, line, reason, ending)
        if not self._several:
            return ended
        levels = list(self.facts.people.values())
        return ended.model_copy(update={"person": self._addressed.id, "people": self._levels(),
                                        "agitation": r1(max(x.agitation for x in levels)),
                                        "rapport": r1(min(x.rapport for x in levels))})

    def _ending(self, outcome: Outcome, line: str | None, reason: str | None, ending: Ending | None) -> Ended:
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

    def _subject_said(self, line: str, to: str = "officer", unprompted: bool = False) -> SubjectSaid:
        self._mem.subject_lines.append(line)
        if unprompted:  # their body language, not the narration of the person addressed
            return emit.subject_said(self.facts, self.phase, line, self._nonverbal(), person=self._who.id, to=to,
                                     unprompted=True, people=self._levels())
        narration, self._mem.narration = self._mem.narration, None
        if not self._several:
            return emit.subject_said(self.facts, self.phase, line, narration or self._nonverbal())
        return emit.subject_said(self.facts, self.phase, line, narration or self._nonverbal(), person=self._who.id,
                                 to=to, people=self._levels())

    def _band_lines(self) -> list[str]:
        band = band_of(self.facts.agitation)
        spec = self._who.spec
        if spec is not None and band in spec.lines:
            return list(spec.lines[band])
        return list(self.scenario.phase(self.phase).lines.get(band, []))

    def _nonverbal(self) -> str:
        band = band_of(self.facts.agitation)
        spec = self._who.spec
        own = spec.nonverbal.get(band) if spec is not None else None
        phase_lines = self.scenario.phase(self.phase).nonverbal.get(band)
        return self._lines.nonverbal(list(own or phase_lines or self.scenario.nonverbal[band]))


def _first_clause(text: str) -> str:
    """The reply's first clause once the words it opens with are skipped ("Okay, you're Dean. Is ..." ->
    "you're Dean"; "Thank you, Raj. ..." -> "Raj")."""
    start, previous = len(text), ""
    for m in _WORD.finditer(text.lower()):
        word = m.group()
        if word not in OPENERS and not (word == "you" and previous == "thank"):
            start = m.start()
            break
        previous = word
    return re.split(r"[,.;:!?]", text[start:], maxsplit=1)[0]


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
