"""Hand-built session event logs, shaped as in docs/events.md, for scoring tests."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scoring import load_rubric
from simulator.transcripts.events import Event, event_from_dict

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "rubrics"
ALL_ACTIONS = ["step-back", "lower-voice", "sit", "pause", "wait", "remove-bystanders",
               "call-crisis-team", "call-backup", "call-ems", "cover", "end"]


class EventLog:
    """A fluent builder: ``EventLog().say("Hi", "introduction").end("resolved").events``;
    ``raw`` holds the same events as JSON-ready dicts."""

    def __init__(self, agitation: float = 60.0, *, scenario_id: str = "test-scenario", version: int = 1,
                 content_hash: str = "sha256:0000", rubrics: list | None = None,
                 actions: list[str] | None = None, topics: list[dict] | None = None):
        self.turn = 0
        self.agitation = agitation
        self.rapport = 10.0
        self.raw: list[dict] = [
            {"event": "started", "app_version": "test",
             "scenario": {"id": scenario_id, "version": version, "title": "Test call",
                          "content_hash": content_hash},
             "seed": 1, "trainee": "tester", "mode": "coach", "rubrics": rubrics or [], "max_turns": 30,
             "briefing": {"dispatch": "x", "known_on_arrival": [], "objectives": ["x"]},
             "subject": {"name": "Sam", "age": 30, "description": "x"},
             "actions": ALL_ACTIONS if actions is None else actions,
             **({"topics": topics} if topics else {})},
            self._subject("Go away!"),
        ]

    def _subject(self, text: str) -> dict:
        return {"event": "subject", "turn": self.turn, "text": text, "nonverbal": "He stares.",
                "phase": "p", "band": "agitated", "agitation": round(self.agitation, 1),
                "rapport": self.rapport}

    def say(self, text: str, *techniques: str | tuple[str, str], delta: float = 0.0, repeated: int = 0,
            recognises: tuple[str, ...] = (), reply: str = "Hm.", grounding: dict[str, float] | None = None,
            asks: tuple[str, str, str] | None = None) -> EventLog:
        """One reply. ``grounding`` gives reflections' grounding; ``asks`` = (topic, kind, answer)."""
        """One reply; a technique may be given with the words that show it: ("insult", "idiot")."""
        self.turn += 1
        detections, ids = [], []
        for t in techniques:
            name, words = (t, text) if isinstance(t, str) else t
            start = text.find(words)
            assert start >= 0, f"{words!r} not in {text!r}"
            detections.append({"technique": name, "span": [start, start + len(words)], "text": words})
            ids.append(name)
        effects = [{"technique": t, "agitation": 0.0, "rapport": 0.0, "rule": "test", "grounding": g}
                   for t, g in (grounding or {}).items()]
        self.raw.append({"event": "analysis", "turn": self.turn, "text": text, "techniques": ids,
                            "detections": detections, "effects": effects, "agitation_delta": delta,
                            "rapport_delta": 0.0, "repeated": repeated})
        if asks is not None:
            topic, kind, answer = asks
            self.raw.append({"event": "topic", "turn": self.turn, "id": topic, "kind": kind, "answer": answer})
        for cue in recognises:
            shown = next(e["turn"] for e in self.raw if e["event"] == "cue_shown" and e["id"] == cue)
            self.raw.append({"event": "cue_recognised", "turn": self.turn, "id": cue, "how": "phrase",
                                "after_turns": self.turn - shown, "matched": text[:12]})
        self.agitation = max(0.0, min(100.0, self.agitation + delta))
        self.raw.append(self._subject(reply))
        return self

    def act(self, action: str, *, delta: float = 0.0) -> EventLog:
        self.turn += 1
        self.raw.append({"event": "action", "turn": self.turn, "id": action, "text": f"/{action}",
                            "nonverbal": "You move.", "agitation_delta": delta, "rapport_delta": 0.0})
        self.agitation = max(0.0, min(100.0, self.agitation + delta))
        self.raw.append(self._subject("..."))
        return self

    def cue(self, cue_id: str, kind: str, text: str = "He mutters to someone who is not there.") -> EventLog:
        self.raw.append({"event": "cue_shown", "turn": self.turn, "id": cue_id, "kind": kind, "text": text})
        return self

    def end(self, outcome: str = "resolved", **extra) -> EventLog:
        self.raw.append({"event": "ended", "turn": self.turn, "outcome": outcome,
                            "title": outcome.replace("_", " ").title(), "line": "Bye.",
                            "nonverbal": "He leaves.", "teaching_points": ["Point one."],
                            "agitation": round(self.agitation, 1), "rapport": self.rapport,
                            "phase": "p", **extra})
        return self

    @property
    def events(self) -> list[Event]:
        """The log as typed events (what the reader gives scoring)."""
        return [event_from_dict(e) for e in self.raw]

    def write(self, path: Path) -> Path:
        path.write_text("".join(json.dumps(e) + "\n" for e in self.raw), encoding="utf-8")
        return path


def rubric(tmp_path: Path, criteria: str, *, name: str = "r.yaml", head: str = "") -> object:
    """Load a one-off rubric whose criteria are given as YAML text (indented 2)."""
    text = ("format: 1\nid: test-rubric\nversion: 1\ntitle: Test rubric\n" + head +
            "criteria:\n" + criteria)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_rubric(path)


def shipped(rubric_id: str):
    return load_rubric(RUBRICS / f"{rubric_id}.yaml")
