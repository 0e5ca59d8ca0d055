"""A session's events read into turns, cues and the agitation curve.

Scoring and the debrief read transcripts only through this view, so an odd or
hand-edited event is caught once, with the event's position, not deep in a measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class EventLogError(ValueError):
    """The events are not a session this version can score."""


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
    agitation_before: float | None = None
    agitation_after: float | None = None
    reply: str | None = None
    """What the subject said in answer (or their last words when the session ended)."""

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

    @property
    def after_turns(self) -> int | None:
        return None if self.recognised_turn is None else self.recognised_turn - self.shown_turn


@dataclass
class SessionLog:
    header: dict
    turns: list[Turn] = field(default_factory=list)
    cues: list[CueSeen] = field(default_factory=list)
    ended: dict | None = None
    start_agitation: float | None = None
    curve: list[tuple[int, float]] = field(default_factory=list)
    """Agitation after the opening (turn 0) and after each turn, one point a turn."""

    @property
    def outcome(self) -> str | None:
        return self.ended.get("outcome") if self.ended else None

    @property
    def end_agitation(self) -> float | None:
        if self.ended and isinstance(self.ended.get("agitation"), (int, float)):
            return float(self.ended["agitation"])
        return self.curve[-1][1] if self.curve else None

    @property
    def speech(self) -> list[Turn]:
        return [t for t in self.turns if t.kind == "speech"]

    @property
    def last_turn(self) -> int:
        return self.turns[-1].number if self.turns else 0

    @property
    def offered_actions(self) -> list[str] | None:
        actions = self.header.get("actions")
        return [a for a in actions if isinstance(a, str)] if isinstance(actions, list) else None


def _num(value: object, where: str, key: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise EventLogError(f"{where}: '{key}' should be a number (got {value!r}).")
    return float(value)


def _turn_no(event: Mapping, where: str) -> int:
    value = event.get("turn", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise EventLogError(f"{where}: 'turn' should be a whole number (got {value!r}).")
    return value


def _detections(raw: object, text: str, where: str) -> tuple[Detection, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise EventLogError(f"{where}: 'detections' should be a list.")
    out = []
    for d in raw:
        if not isinstance(d, Mapping) or not isinstance(d.get("technique"), str):
            raise EventLogError(f"{where}: each detection needs a 'technique'.")
        span = d.get("span")
        span_t = None
        if (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
            span_t = (span[0], span[1])
        shown = d.get("text")
        if not isinstance(shown, str):
            shown = text[span_t[0]:span_t[1]] if span_t else text
        out.append(Detection(d["technique"], shown, span_t))
    return tuple(out)


def read_log(events: Iterable[Mapping]) -> SessionLog:
    """Turns, cues, outcome and curve from a session's events (in order)."""
    events = list(events)
    if not events or not isinstance(events[0], Mapping) or events[0].get("event") != "started":
        raise EventLogError("event 1: a session must start with a 'started' event.")
    log = SessionLog(header=dict(events[0]))
    current: float | None = None
    open_turn: Turn | None = None
    cues: dict[str, CueSeen] = {}
    last_point: dict[int, float] = {}
    for index, event in enumerate(events[1:], start=2):
        where = f"event {index}"
        if not isinstance(event, Mapping) or not isinstance(event.get("event"), str):
            raise EventLogError(f"{where}: not an event object.")
        kind = event["event"]
        if kind in ("subject", "ended"):
            level = _num(event.get("agitation"), where, "agitation")
            turn_no = _turn_no(event, where)
            if level is not None:
                if log.start_agitation is None and kind == "subject":
                    log.start_agitation = level
                current = level
                last_point[turn_no] = level
            if open_turn is not None:
                open_turn.agitation_after = level if level is not None else current
                line = event.get("text") if kind == "subject" else event.get("line")
                open_turn.reply = line if isinstance(line, str) else None
                open_turn = None
            if kind == "ended":
                log.ended = dict(event)
                if event.get("outcome") is None:
                    raise EventLogError(f"{where}: the 'ended' event has no 'outcome'.")
        elif kind in ("analysis", "action"):
            turn_no = _turn_no(event, where)
            text = event.get("text")
            if not isinstance(text, str):
                raise EventLogError(f"{where}: '{kind}' needs a 'text'.")
            if kind == "analysis":
                techniques = event.get("techniques") or []
                if not isinstance(techniques, list) or not all(isinstance(t, str) for t in techniques):
                    raise EventLogError(f"{where}: 'techniques' should be a list of technique ids.")
                repeated = event.get("repeated") or 0
                if isinstance(repeated, bool) or not isinstance(repeated, int):
                    raise EventLogError(f"{where}: 'repeated' should be a whole number.")
                turn = Turn(turn_no, "speech", text, tuple(dict.fromkeys(techniques)),
                            _detections(event.get("detections"), text, where), repeated)
            else:
                action = event.get("id")
                if not isinstance(action, str):
                    raise EventLogError(f"{where}: 'action' needs an 'id'.")
                turn = Turn(turn_no, "action", text, action=action)
            turn.agitation_before = current
            log.turns.append(turn)
            open_turn = turn
        elif kind == "cue_shown":
            ident = event.get("id")
            if not isinstance(ident, str):
                raise EventLogError(f"{where}: 'cue_shown' needs an 'id'.")
            if ident not in cues:
                cues[ident] = CueSeen(ident, str(event.get("kind") or ""), str(event.get("text") or ""),
                                      _turn_no(event, where))
        elif kind == "cue_recognised":
            ident = event.get("id")
            cue = cues.get(ident) if isinstance(ident, str) else None
            if cue is not None and cue.recognised_turn is None:
                cue.recognised_turn = _turn_no(event, where)
                cue.how = event.get("how") if isinstance(event.get("how"), str) else None
                cue.matched = event.get("matched") if isinstance(event.get("matched"), str) else None
    log.cues = list(cues.values())
    log.curve = sorted(last_point.items())
    return log
