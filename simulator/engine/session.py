"""One role-play session: a reply in, events out (DESIGN 3.2).

A Session never touches the disk or the screen. Every event is a plain JSON-ready
dict with an ``event`` key; the same scenario, seed and replies give the same events.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from simulator.engine.conditions import Facts, holds
from simulator.engine.effects import TechniqueEffect, combine, technique_effect
from simulator.engine.machine import PhaseTracker, build_machine
from simulator.language import TECHNIQUES, Analyzer, PhraseMatcher
from simulator.scenario import Scenario
from simulator.vocabulary import ACTIONS, band_of
from simulator.scenario.loader import LoadedScenario

#: rapidfuzz ratio at or above which two officer lines count as the same line.
NEAR_SAME = 90.0
#: Share of the gap to the phase baseline closed by a turn with nothing de-escalating in it.
DRIFT = 0.2
#: Agitation added when the recruit leaves the subject waiting past the pressure timer.
PRESSURE_RISE = 5.0
DEFAULT_ENDINGS = {
    "resolved": "Okay. Okay... I'll come with you.",
    "referred": "Alright. I'll talk to them.",
    "escalated": "That's it! Get away from me!",
    "left": "I'm done talking to you.",
    "timed_out": "...",
    "abandoned": "...",
}
#: Added to a technique's effect size when choosing which one the subject reacts to:
#: people answer an offer or a hurtful word before they answer a reflection.
REACTION_PRIORITY = {
    "insult": 4.0, "threat": 4.0, "argument": 3.0, "dismissal": 3.0, "command": 2.0,
    "resource_referral": 3.0, "offer_options": 3.0, "crisis_inquiry": 2.5, "explanation": 2.0,
    "reassurance": 1.0, "summary": 1.0,
}
DEFAULT_TITLES = {
    "resolved": "Resolved", "referred": "Referred to help", "escalated": "Escalated",
    "left": "The subject walked off", "timed_out": "Out of time", "abandoned": "Ended early",
}
DEFAULT_REPEAT_LINES = ("You keep saying that.", "You already said that.",
                        "Are you even listening? You keep saying the same thing.")


def _r(x: float) -> float:
    return round(x, 1)


@dataclass
class _Memory:
    officer_lines: list[str] = field(default_factory=list)
    technique_turns: list[set[str]] = field(default_factory=list)
    last_line: str | None = None
    last_nonverbal: str | None = None
    subject_last: str = ""
    fired: set[str] = field(default_factory=set)


class Session:
    """Drive one scenario with one seed. Call :meth:`start`, then :meth:`reply`."""

    def __init__(self, scenario: Scenario | LoadedScenario, *, seed: int = 1, trainee: str = "trainee",
                 mode: str = "coach", app_version: str = "", rubrics: tuple[dict, ...] = ()) -> None:
        if isinstance(scenario, LoadedScenario):
            self.content_hash = scenario.content_hash
            scenario = scenario.scenario
        else:
            self.content_hash = ""
        if mode not in ("coach", "assess"):
            raise ValueError(f"mode must be 'coach' or 'assess', not {mode!r}")
        self.scenario = scenario
        self.seed = seed
        self.trainee = trainee
        self.mode = mode
        self.app_version = app_version
        self.rubrics = tuple(rubrics)
        self._rng = random.Random(seed)
        self._analyzer = Analyzer(extra_phrases=dict(scenario.language.phrases) or None)
        self._triggers = [(t, PhraseMatcher(t.phrases) if t.phrases else None) for t in scenario.triggers]
        self._cue_matchers = {c.id: PhraseMatcher(c.recognised_by.phrases) if c.recognised_by.phrases
                              else None for c in scenario.cues}
        start = scenario.subject.start
        self.facts = Facts(agitation=float(start.agitation), rapport=float(start.rapport),
                           phase=scenario.initial_phase)
        self._tracker = PhaseTracker()
        self._machine = build_machine(scenario, self._tracker, lambda: self.facts)
        self._mem = _Memory()
        self.started = False
        self.outcome: str | None = None

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

    def available_actions(self) -> list[str]:
        """Slash commands the recruit can use right now (``end`` always)."""
        out = [a.id for a in self.scenario.actions
               if a.when is None or holds(a.when, self.facts)]
        return out + (["end"] if "end" not in out else [])

    def start(self) -> list[dict]:
        if self.started:
            raise RuntimeError("session already started")
        self.started = True
        s = self.scenario
        events = [{
            "event": "started",
            "app_version": self.app_version,
            "scenario": {"id": s.id, "version": s.version, "title": s.title,
                         "content_hash": self.content_hash},
            "seed": self.seed, "trainee": self.trainee, "mode": self.mode,
            "rubrics": [dict(r) for r in self.rubrics], "max_turns": s.max_turns,
            "briefing": {"dispatch": s.dispatch, "known_on_arrival": list(s.known_on_arrival),
                         "objectives": list(s.objectives)},
            "subject": {"name": s.subject.name, "age": s.subject.age,
                        "description": s.subject.description},
            "actions": [a for a in self.available_actions()],
        }]
        line = self._pick([list(s.opening)])
        events += self._show_cues()
        events.append(self._subject_event(line))
        return events

    def reply(self, text: str) -> list[dict]:
        """One trainee turn: speech, or a slash-command action."""
        self._require_running()
        stripped = text.strip()
        if stripped.startswith("/"):
            return self._action(stripped)
        return self._speech(text)

    def pressure(self) -> list[dict]:
        """The recruit has said nothing past the scenario's pressure timer."""
        self._require_running()
        self._set_agitation(self.facts.agitation + PRESSURE_RISE * self.scenario.subject.personality.volatility)
        events: list[dict] = [{"event": "pressure", "turn": self.turn}]
        events += self._after_moves(line=None, phase_event=None)
        return events

    def abandon(self, reason: str = "quit") -> list[dict]:
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

    def _speech(self, text: str) -> list[dict]:
        self._begin_turn()
        f, mem, s = self.facts, self._mem, self.scenario
        analysis = self._analyzer.analyze(text, context=mem.subject_last or None)
        techniques = list(analysis.techniques)
        f.techniques_now = set(techniques)
        near = self._near_repeats(text)
        band = band_of(f.agitation)
        effects: list[TechniqueEffect] = []
        for t in techniques:
            streak = self._streak(t)
            effects.append(technique_effect(s, t, phase=self.phase, band=band, rapport=f.rapport,
                                            streak=streak, near_repeats=near))
        d_ag, d_rap = combine(effects)
        deescalating = any(TECHNIQUES[e.technique].deescalating and e.agitation < 0 for e in effects)
        fired, trigger_events, trigger_line = self._fire_triggers(text)
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
        events: list[dict] = [{
            "event": "analysis", "turn": f.turn, "text": text,
            "techniques": techniques,
            "detections": [d.to_dict() for d in analysis.detections],
            "effects": [{"technique": e.technique, "agitation": _r(e.agitation),
                         "rapport": _r(e.rapport), "rule": e.rule} for e in effects],
            "agitation_delta": _r(f.agitation - before[0]),
            "rapport_delta": _r(f.rapport - before[1]),
            "repeated": near,
        }]
        events += trigger_events
        events += self._recognise_cues(text, techniques)
        line = trigger_line
        if line is None and (near >= 2 or self._all_stale(techniques)):
            line = self._pick([list(DEFAULT_REPEAT_LINES)])
        reaction = self._reaction_line(effects) if line is None else None
        return events + self._after_moves(line=line, phase_event=None, reaction=reaction)

    def _action(self, command: str) -> list[dict]:
        name = command[1:].split(maxsplit=1)[0].lower() if len(command) > 1 else ""
        offered = self.available_actions()
        if name == "end":  # ending the call is not a turn of the conversation
            return [{"event": "action", "turn": self.turn, "id": "end", "text": command},
                    self._end("abandoned", reason="ended by trainee")]
        if name not in offered:
            if name in ACTIONS:
                msg = f"/{name} is not available here."
            else:
                msg = f"Unknown command /{name}."
            msg += " Available: " + ", ".join("/" + a for a in offered) + "."
            return [{"event": "notice", "turn": self.turn, "text": msg}]
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
        personality = self.scenario.subject.personality
        d_ag = action.effect.agitation
        d_ag *= personality.volatility if d_ag > 0 else personality.receptiveness
        d_rap = action.effect.rapport
        # Triggers see actions too (e.g. `when: {action: call-backup}`).
        fired, trigger_events, trigger_line = self._fire_triggers(command)
        for trig in fired:
            d_ag += trig.effect.agitation
            d_rap += trig.effect.rapport
        before = (f.agitation, f.rapport)
        if d_ag == 0:
            self._drift()
        self._set_agitation(f.agitation + d_ag)
        self._set_rapport(f.rapport + d_rap)
        self._mem.technique_turns.append(set(f.techniques_now))
        events: list[dict] = [{"event": "action", "turn": f.turn, "id": name, "text": command,
                               "nonverbal": action.nonverbal,
                               "agitation_delta": _r(f.agitation - before[0]),
                               "rapport_delta": _r(f.rapport - before[1])}]
        events += trigger_events
        if action.outcome is not None:
            events.append(self._end(action.outcome))
            return events
        line = trigger_line
        if line is None and action.reply:
            line = self._pick([list(action.reply)])
        return events + self._after_moves(line=line, phase_event=None)

    def _after_moves(self, *, line: str | None, phase_event: dict | None,
                     reaction: str | None = None) -> list[dict]:
        """Steps 3-6 of a turn: guards, outcome, the subject's reply, cues."""
        f, s = self.facts, self.scenario
        events: list[dict] = []
        before = self.phase
        self._tracker.last_transition = None
        self._tracker.advance()
        if self.phase != before:
            f.phase = self.phase
            f.turns_in_phase = 0
            events.append({"event": "phase_changed", "turn": f.turn, "from": before, "to": self.phase})
            tr = self._tracker.last_transition
            phase = s.phase(self.phase)
            if phase.outcome is not None:
                if line is not None:  # what a trigger made them say still gets said
                    events.append(self._subject_event(line))
                events.append(self._end(phase.outcome, line=tr.line if tr else None))
                return events
            if line is None and tr is not None and tr.line:
                line = tr.line
            elif line is None and phase.enter:
                line = self._pick([list(phase.enter)])
        ending = self._check_outcomes()
        if ending is not None:
            if line is not None:
                events.append(self._subject_event(line))
            events.append(ending)
            return events
        if line is None:
            line = reaction
        if line is None:
            phase = s.phase(self.phase)
            line = self._pick([list(phase.lines[band_of(f.agitation)])])
        events += self._show_cues()
        events.append(self._subject_event(line))
        return events

    # Pieces -------------------------------------------------------------------------
    def _set_agitation(self, value: float) -> None:
        self.facts.agitation = min(100.0, max(0.0, value))

    def _set_rapport(self, value: float) -> None:
        self.facts.rapport = min(100.0, max(0.0, value))

    def _drift(self) -> None:
        baseline = self.scenario.phase(self.phase).baseline
        self._set_agitation(self.facts.agitation + (baseline - self.facts.agitation) * DRIFT)

    def _near_repeats(self, text: str) -> int:
        """How many earlier officer lines are near-identical to this one."""
        if not self._mem.officer_lines:
            return 0
        hits = process.extract(text, self._mem.officer_lines, scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=NEAR_SAME,
                               limit=None)
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

    def _fire_triggers(self, text: str):
        fired, events, line = [], [], None
        for trig, matcher in self._triggers:
            if trig.once and trig.id in self._mem.fired:
                continue
            match = None
            if matcher is not None:
                match = matcher.search(text)
                if match is None:
                    continue
            if trig.techniques and not set(trig.techniques) & self.facts.techniques_now:
                continue
            if trig.when is not None and not holds(trig.when, self.facts):
                continue
            self._mem.fired.add(trig.id)
            self.facts.flags.update(trig.set_flags)
            fired.append(trig)
            ev = {"event": "trigger", "turn": self.turn, "id": trig.id}
            if match is not None:
                ev["span"] = [match.start, match.end]
                ev["matched"] = text[match.start:match.end]
            events.append(ev)
            if line is None and trig.reply:
                line = self._pick([list(trig.reply)])
        return fired, events, line

    def _recognise_cues(self, text: str, techniques: list[str]) -> list[dict]:
        f, events = self.facts, []
        for cue in self.scenario.cues:
            if cue.id not in f.cues_shown or cue.id in f.cues_recognised:
                continue
            how = None
            span = None
            if set(cue.recognised_by.techniques) & set(techniques):
                how = "technique"
            matcher = self._cue_matchers[cue.id]
            if matcher is not None:
                m = matcher.search(text)
                if m is not None:
                    how, span = "phrase", [m.start, m.end]
            if how is None:
                continue
            f.cues_recognised[cue.id] = f.turn
            f.flags.add(f"recognised:{cue.id}")
            self._set_agitation(f.agitation + cue.recognised_by.effect.agitation)
            self._set_rapport(f.rapport + cue.recognised_by.effect.rapport)
            ev = {"event": "cue_recognised", "turn": f.turn, "id": cue.id, "how": how,
                  "after_turns": f.turn - f.cues_shown[cue.id]}
            if span:
                ev["span"] = span
                ev["matched"] = text[span[0]:span[1]]
            events.append(ev)
        return events

    def _show_cues(self) -> list[dict]:
        f, events = self.facts, []
        for cue in self.scenario.cues:
            if cue.id in f.cues_shown or not holds(cue.when, f):
                continue
            f.cues_shown[cue.id] = f.turn
            events.append({"event": "cue_shown", "turn": f.turn, "id": cue.id, "kind": cue.kind,
                           "text": cue.text})
        return events

    def _reaction_line(self, effects: list[TechniqueEffect]) -> str | None:
        reactions = self.scenario.phase(self.phase).reactions
        candidates = [e for e in effects if e.technique in reactions]
        if not candidates:
            return None
        dominant = max(candidates, key=lambda e: (abs(e.agitation) + REACTION_PRIORITY.get(e.technique, 0.0),
                                                  -effects.index(e)))
        return self._pick([list(reactions[dominant.technique])])

    def _check_outcomes(self) -> dict | None:
        f = self.facts
        for rule in self.scenario.outcomes:
            if rule.when is not None and holds(rule.when, f):
                return self._end(rule.id)
        if f.agitation >= 100:
            return self._end("escalated")
        if f.turn >= self.scenario.max_turns:
            return self._end("timed_out")
        return None

    def _end(self, outcome: str, line: str | None = None, reason: str | None = None) -> dict:
        self.outcome = outcome
        rule = self.scenario.outcome_rule(outcome)
        if line is None:
            line = rule.line if rule and rule.line else DEFAULT_ENDINGS[outcome]
        f = self.facts
        ev = {"event": "ended", "turn": f.turn, "outcome": outcome,
              "title": rule.title if rule else DEFAULT_TITLES[outcome],
              "line": line, "nonverbal": self._nonverbal(),
              "teaching_points": list(rule.teaching_points) if rule else [],
              "agitation": _r(f.agitation), "rapport": _r(f.rapport), "phase": self.phase}
        if reason:
            ev["reason"] = reason
        return ev

    def _subject_event(self, line: str) -> dict:
        f = self.facts
        self._mem.subject_last = line
        return {"event": "subject", "turn": f.turn, "text": line, "nonverbal": self._nonverbal(),
                "phase": self.phase, "band": band_of(f.agitation),
                "agitation": _r(f.agitation), "rapport": _r(f.rapport)}

    def _nonverbal(self) -> str:
        band = band_of(self.facts.agitation)
        phase_lines = self.scenario.phase(self.phase).nonverbal.get(band)
        pool = list(phase_lines or self.scenario.nonverbal[band])
        choices = [x for x in pool if x != self._mem.last_nonverbal] or pool
        line = self._rng.choice(choices)
        self._mem.last_nonverbal = line
        return line

    def _pick(self, pools: list[list[str]]) -> str:
        """A variant drawn with the seeded RNG, never the line said just before."""
        for pool in pools:
            choices = [x for x in pool if x != self._mem.last_line]
            if choices:
                line = self._rng.choice(choices)
                self._mem.last_line = line
                return line
        # Every pool holds only the previous line: fall back to the band's lines.
        band_pool = list(self.scenario.phase(self.phase).lines.get(band_of(self.facts.agitation), []))
        choices = [x for x in band_pool if x != self._mem.last_line] or pools[0]
        line = self._rng.choice(choices)
        self._mem.last_line = line
        return line
