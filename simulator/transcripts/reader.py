"""Reading transcripts back, tolerating a last line cut short by a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Transcript:
    path: Path
    events: list[dict]
    truncated: bool = False
    """The last line was incomplete (the process died mid-write) and was skipped."""
    problems: list[str] = field(default_factory=list)

    @property
    def header(self) -> dict:
        return self.events[0] if self.events and self.events[0].get("event") == "started" else {}

    def of(self, kind: str) -> list[dict]:
        return [e for e in self.events if e.get("event") == kind]

    @property
    def outcome(self) -> str | None:
        ended = self.of("ended")
        return ended[-1]["outcome"] if ended else None

    @property
    def trainee_lines(self) -> list[str]:
        return [e["text"] for e in self.events if e.get("event") == "analysis"]


class TranscriptError(Exception):
    pass


def read_transcript(path: str | Path) -> Transcript:
    """Every complete event in order. A bad line that is not the last is an error."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TranscriptError(f"{p}: no such transcript.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError(f"{p}: cannot be read ({exc}).") from None
    lines = raw.split("\n")
    ends_clean = raw.endswith("\n")
    if ends_clean:
        lines = lines[:-1]
    events: list[dict] = []
    truncated = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
            if not isinstance(event, dict) or "event" not in event:
                raise ValueError("not an event object")
        except ValueError as exc:
            if number == len(lines) and not ends_clean:
                truncated = True
                break
            raise TranscriptError(f"{p}:{number}: line {number} is not a transcript event ({exc}).") from None
        events.append(event)
    if not events or events[0].get("event") != "started":
        raise TranscriptError(f"{p}:1: a transcript must start with a 'started' event.")
    return Transcript(path=p, events=events, truncated=truncated)
