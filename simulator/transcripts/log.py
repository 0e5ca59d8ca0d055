"""A session's events folded into turns, cues and the agitation curve.

Scoring, the debrief and the app read a session through this view. The events are
already typed and checked (:mod:`simulator.transcripts.events`), so nothing here
validates: it only derives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from simulator.transcripts.events import (
    ActionTaken,
    Analysed,
    CueRecognised,
    CueShown,
    Ended,
    Event,
    PartnerActed,
    Started,
    SubjectSaid,
    TopicAnswered,
)


@dataclass(frozen=True)
class Detection:
    technique: str
    text: str
    span: tuple[int, int] | None


@dataclass
class Turn:
    number: int
    kind: str
    """'speech' (an analysis event) or 'action' (a slash command)."""
    text: str
    techniques: tuple[str, ...] = ()
    detections: tuple[Detection, ...] = ()
    repeated: int = 0
    action: str | None = None
    grounding: dict[str, float] = field(default_factory=dict)
    """For reflections: how grounded each was in what the person said or showed (0-1;
    a label naming a feeling they did not have is 0). Absent in older transcripts."""
    topic: str | None = None
    """The scenario topic this turn asked about, if any."""
    topic_kind: str | None = None
    agitation_before: float | None = None
    agitation_after: float | None = None
    reply: str | None = None
    """What the subject said in answer (or their last words when the session ended)."""
    to: str | None = None
    """In a scene with several people: the person addressed (for a partner's task, the person it named)."""
    replied_by: str | None = None
    """In a scene with several people: who answered (``reply`` is theirs)."""

    @property
    def delta(self) -> float | None:
        if self.agitation_before is None or self.agitation_after is None:
            return None
        return round(self.agitation_after - self.agitation_before, 1)

    def detection(self, technique: str) -> Detection:
        for d in self.detections:
            if d.technique == technique:
                return d
        return Detection(technique, self.text, None)


@dataclass
class CueSeen:
    id: str
    kind: str
    text: str
    shown_turn: int
    recognised_turn: int | None = None
    how: str | None = None
    matched: str | None = None
    person: str | None = None
    """Whose cue (a scene with several people; None for one person or the scene's own)."""

    @property
    def after_turns(self) -> int | None:
        return None if self.recognised_turn is None else self.recognised_turn - self.shown_turn


@dataclass
class SessionLog:
    header: Started
    turns: list[Turn] = field(default_factory=list)
    cues: list[CueSeen] = field(default_factory=list)
    ended: Ended | None = None
    topics: list[TopicAnswered] = field(default_factory=list)
    """The scenario's topics the trainee asked about, and how the subject answered, in order."""
    start_agitation: float | None = None
    curve: list[tuple[int, float]] = field(default_factory=list)
    """Agitation after the opening (turn 0) and after each turn, one point a turn (in a scene with
    several people: the highest of anyone's)."""
    people: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    """In a scene with several people: each person's agitation curve, by id (empty otherwise)."""

    @property
    def outcome(self) -> str | None:
        return self.ended.outcome if self.ended else None

    @property
    def end_agitation(self) -> float | None:
        if self.ended is not None:
            return self.ended.agitation
        return self.curve[-1][1] if self.curve else None

    @property
    def speech(self) -> list[Turn]:
        return [t for t in self.turns if t.kind == "speech"]

    def delay(self, person: str | None, shown: int, until: int, grace: int) -> tuple[int, int]:
        """Turns from a sign shown at ``shown`` to the officer's answer to it at ``until``, and how
        many turns spent with someone else were not counted: in a scene, up to ``grace`` of them
        (hearing the other side first is not ignoring the sign; past that, it is)."""
        raw = max(0, until - shown)
        if person is None or not self.header.people:
            return raw, 0
        elsewhere = sum(1 for t in self.turns if shown < t.number <= until and t.to is not None and t.to != person)
        spared = min(elsewhere, grace)
        return raw - spared, spared

    @property
    def last_turn(self) -> int:
        return self.turns[-1].number if self.turns else 0

    @property
    def offered_actions(self) -> list[str]:
        return list(self.header.actions)


def session_log(events: Iterable[Event]) -> SessionLog:
    """Turns, cues, outcome and curve from a session's events (in order, `started` first)."""
    it = iter(events)
    header = next(it, None)
    if not isinstance(header, Started):
        raise ValueError("a session's events start with a 'started' event")
    log = SessionLog(header=header)
    current: float | None = None
    open_turn: Turn | None = None
    cues: dict[str, CueSeen] = {}
    last_point: dict[int, float] = {}
    for event in it:
        if isinstance(event, (SubjectSaid, Ended)):
            level = event.agitation
            if event.people:  # a scene: the highest of anyone's, and each person's own
                level = max(p.agitation for p in event.people)
                for p in event.people:
                    points = log.people.setdefault(p.id, [])
                    if points and points[-1][0] == event.turn:
                        points[-1] = (event.turn, p.agitation)
                    else:
                        points.append((event.turn, p.agitation))
            if log.start_agitation is None and isinstance(event, SubjectSaid):
                log.start_agitation = level
            current = level
            last_point[event.turn] = level
            if open_turn is not None:
                open_turn.agitation_after = level
                open_turn.reply = event.text if isinstance(event, SubjectSaid) else event.line
                open_turn.replied_by = event.person
                open_turn = None
            if isinstance(event, Ended):
                log.ended = event
        elif isinstance(event, Analysed):
            turn = Turn(event.turn, "speech", event.text, tuple(dict.fromkeys(event.techniques)),
                        tuple(Detection(d.technique, d.text, d.span) for d in event.detections), event.repeated,
                        grounding={e.technique: e.grounding for e in event.effects if e.grounding is not None})
            turn.agitation_before = current
            turn.to = event.to
            log.turns.append(turn)
            open_turn = turn
        elif isinstance(event, PartnerActed):
            if event.task == "talk-over":  # the partner talked in the recruit's turn: not a turn of its own
                continue
            # a task given to the partner is a turn, as an action is in a call with one person
            turn = Turn(event.turn, "action", event.text, action=f"partner:{event.task}", to=event.person)
            turn.agitation_before = current
            log.turns.append(turn)
            open_turn = turn
        elif isinstance(event, ActionTaken):
            if event.id == "end":  # ending the call is not a turn of the conversation
                continue
            turn = Turn(event.turn, "action", event.text, action=event.id)
            turn.agitation_before = current
            log.turns.append(turn)
            open_turn = turn
        elif isinstance(event, TopicAnswered):
            log.topics.append(event)
            if log.turns and log.turns[-1].number == event.turn:
                log.turns[-1].topic, log.turns[-1].topic_kind = event.id, event.kind
        elif isinstance(event, CueShown):
            if event.id not in cues:
                cues[event.id] = CueSeen(event.id, event.kind, event.text, event.turn, person=event.person)
        elif isinstance(event, CueRecognised):
            cue = cues.get(event.id)
            if cue is not None and cue.recognised_turn is None:
                cue.recognised_turn = event.turn
                cue.how = event.how
                cue.matched = event.matched
    log.cues = list(cues.values())
    log.curve = sorted(last_point.items())
    return log
