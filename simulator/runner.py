"""The headless session: plain lines for people and screen readers, JSON lines for programs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from simulator import __version__
from simulator.problems import DataFileError
from simulator.debrief import debrief_text, rubrics_dir
from simulator.display import printable
from simulator.engine import Session
from simulator.language import TECHNIQUES
from simulator.scenario import LoadedScenario
from simulator.scoring import LoadedRubric, load_rubrics, rubric_header_entries
from simulator.transcripts import TranscriptWriter, stamp_header, transcript_path


class HeadlessRun:
    """Drives a Session from lines of input, saving every event as it happens."""

    def __init__(self, loaded: LoadedScenario, *, seed: int, trainee: str, mode: str,
                 transcripts: Path, json_mode: bool, out: IO[str]):
        self.loaded = loaded
        try:
            self.rubrics: list[LoadedRubric] | None = load_rubrics(rubrics_dir())
        except DataFileError:
            self.rubrics = None  # the debrief says why it could not score
        self.session = Session(loaded, seed=seed, trainee=trainee, mode=mode, app_version=__version__,
                               rubrics=tuple(rubric_header_entries(self.rubrics or [])))
        self.events: list[dict] = []
        self.session_id = uuid.uuid4().hex[:8]
        self.path = transcript_path(transcripts, trainee, loaded.scenario.id, self.session_id)
        self.json_mode = json_mode
        self.out = out
        self.writer: TranscriptWriter | None = None

    # Output ---------------------------------------------------------------------------
    def _emit(self, events: list[dict]) -> None:
        """Save first (durable), then show."""
        assert self.writer is not None
        stored = [stamp_header(e, self.session_id) if e["event"] == "started" else e for e in events]
        self.writer.write_many(stored)
        self.events.extend(stored)
        for event in stored:
            if event["event"] in ("started", "ended"):
                event = {**event, "transcript": str(self.path)}
            if self.json_mode:
                self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
            else:
                self._plain(event)
        self.out.flush()

    def _say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def _plain(self, e: dict) -> None:
        kind = e["event"]
        coach = self.session.mode == "coach"
        name = self.loaded.scenario.subject.name
        if kind == "started":
            s = self.loaded.scenario
            self._say(f"== {s.title} ==")
            self._say(f"Dispatch: {s.dispatch.strip()}")
            for fact in s.known_on_arrival:
                self._say(f"Known: {fact}")
            for obj in s.objectives:
                self._say(f"Objective: {obj}")
            self._say(f"Mode: {'coach' if coach else 'assessment'}. Type a reply and press Enter. "
                      "Commands: " + ", ".join("/" + a for a in self.session.available_actions()) + ".")
            self._say()
        elif kind == "subject":
            self._say(f"{name}: {e['text']}")
            self._say(f"  ({e['nonverbal']})")
            if coach:
                self._say(f"  [agitation {e['agitation']:.0f} {e['band']} | rapport {e['rapport']:.0f} "
                          f"| turn {e['turn']}/{self.loaded.scenario.max_turns}]")
        elif kind == "analysis" and coach:
            if not e["detections"]:
                self._say("  · no technique detected")
            for d in e["detections"]:
                info = TECHNIQUES[d["technique"]]
                mark = "✗" if info.polarity == "negative" else "✓"
                self._say(f"  {mark} {info.title} — '{printable(d['text'])}'")
            negative = [d for d in e["detections"] if TECHNIQUES[d["technique"]].polarity == "negative"]
            if negative:
                self._say(f"  tip: {TECHNIQUES[negative[0]['technique']].tip}")
            if e.get("repeated", 0) >= 1:
                self._say("  tip: you have said nearly the same thing before; vary your words.")
        elif kind == "action":
            if e.get("nonverbal"):
                self._say(f"  ({e['nonverbal']})")
        elif kind == "cue_shown":
            self._say(f"  * You notice: {e['text']}")
        elif kind == "cue_recognised" and coach:
            self._say(f"  ✓ cue recognised: {e['id']}")
        elif kind == "notice":
            self._say(f"  {e['text']}")
        elif kind == "ended":
            self._say(f"{name}: {e['line']}")
            self._say(f"  ({e['nonverbal']})")
            self._say()
            self._say(f"Outcome: {e['title']} ({e['outcome']}) after {e['turn']} turns.")
            for point in e["teaching_points"]:
                self._say(f"- {point}")
            self._say(f"Transcript saved: {e['transcript']}")

    # Input loop ------------------------------------------------------------------------
    def run(self, replies: Iterator[str]) -> str:
        with TranscriptWriter(self.path) as writer:
            self.writer = writer
            self._emit(self.session.start())
            try:
                for line in replies:
                    self._emit(self.session.reply(line))
                    if self.session.finished:
                        break
            except KeyboardInterrupt:
                pass
            if not self.session.finished:
                self._emit(self.session.abandon("input ended"))
        if not self.json_mode:
            self._say()
            self._say(debrief_text(self.events, scenario=self.loaded, rubrics=self.rubrics))
            self.out.flush()
        return self.session.outcome or "abandoned"


def stdin_lines(stream: IO[str], prompt: str | None, out: IO[str]) -> Iterator[str]:
    """Reply lines from a stream; shows a prompt when a person is typing."""
    while True:
        if prompt:
            out.write(prompt)
            out.flush()
        line = stream.readline()
        if not line:
            return
        yield line.rstrip("\r\n")


def script_lines(path: Path) -> list[str]:
    """A script file: one reply a line; blank lines and lines starting with '#' skipped."""
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def is_interactive(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

