"""The one reader of transcripts: typed events, tolerating a last line cut short by a crash."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.problems import DataFileError, Problem
from simulator.transcripts.events import EVENTS_VERSION, Analysed, Ended, Event, EventError, Started, event_from_json


@dataclass
class Transcript:
    path: Path
    events: list[Event]
    """Every complete event, the `started` header first."""
    truncated: bool = False
    """The last line was incomplete (the process died mid-write) and was skipped."""
    problems: list[Problem] = field(default_factory=list)
    """Warnings found while reading (a cut-short last line)."""

    @property
    def header(self) -> Started:
        first = self.events[0]
        assert isinstance(first, Started)
        return first

    def of(self, kind: type[Event]) -> list:
        return [e for e in self.events if isinstance(e, kind)]

    @property
    def ended(self) -> Ended | None:
        last = self.events[-1]
        return last if isinstance(last, Ended) else None

    @property
    def outcome(self) -> str | None:
        return self.ended.outcome if self.ended else None

    @property
    def trainee_lines(self) -> list[str]:
        """What the trainee typed, in order (speech only)."""
        return [e.text for e in self.events if isinstance(e, Analysed)]


class TranscriptError(DataFileError):
    """A transcript that cannot be read; its one problem names the file, line and code."""


def _lines(raw: str) -> Iterator[tuple[int, str, bool]]:
    """(number, text, is_last_and_unterminated) for each line."""
    lines = raw.split("\n")
    ends_clean = raw.endswith("\n")
    if ends_clean:
        lines = lines[:-1]
    for number, line in enumerate(lines, start=1):
        yield number, line, number == len(lines) and not ends_clean


def read_transcript(path: str | Path) -> Transcript:
    """Every complete event in order. A bad line that is not the last is an error."""
    p = Path(path)
    file = str(p)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TranscriptError([Problem.of("TD401", file=file)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TranscriptError([Problem.of("TD402", file=file, detail=exc)]) from None
    events: list[Event] = []
    problems: list[Problem] = []
    truncated = False
    for number, line, unterminated in _lines(raw):
        if not line.strip():
            continue
        try:
            event = event_from_json(line)
        except EventError as exc:
            if unterminated:
                truncated = True
                problems.append(Problem.of("TD407", file=file, line=number))
                break
            fields: dict[str, Any] = dict(exc.fields)
            key = str(fields.pop("key", ""))
            if exc.code == "TD403":
                fields["number"] = number
            raise TranscriptError([Problem.of(exc.code, file=file, line=number, key=key, **fields)]) from None
        if not events:
            if not isinstance(event, Started):
                raise TranscriptError([Problem.of("TD406", file=file, line=number)])
            if event.format is not None and event.format > EVENTS_VERSION:
                raise TranscriptError([Problem.of("TD408", file=file, line=number, key="format",
                                                  found=event.format, supported=EVENTS_VERSION,
                                                  hint="Update Talkdown to read it.")])
        events.append(event)
    if not events:
        raise TranscriptError([Problem.of("TD406", file=file, line=1 if raw else None)])
    return Transcript(path=p, events=events, truncated=truncated, problems=problems)


def transcript_files(paths: list[str | Path]) -> list[Path]:
    """Transcripts given as files, or every ``*.jsonl`` under given folders (sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        out.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    return out
