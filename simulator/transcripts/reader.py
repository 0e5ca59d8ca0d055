"""The one reader of transcripts: typed events, tolerating a last line cut short by a crash.

Hardened (issue 12): only a regular file is opened (a FIFO or /dev/zero would never end), a line
longer than MAX_LINE_BYTES is refused before it is decoded, every line is a typed event whose
numbers are in range (:mod:`simulator.transcripts.events`), and reading is one pass over the file
in constant memory: :func:`open_transcript` checks the header and the last line at once and
streams the rest, so a 100,000-turn transcript is scored without holding its events.
Every bad file is a :class:`TranscriptError` with a coded problem naming the file and line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from simulator.problems import DataFileError, Problem
from simulator.transcripts.events import EVENTS_VERSION, Analysed, Ended, Event, EventError, Started, event_from_json

#: The longest line a transcript may hold. A real one is a few kilobytes (a reply is at most
#: 2,000 characters); a line of megabytes is damage, refused before it is decoded.
MAX_LINE_BYTES = 1_000_000


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


def _why_not_json(line: bytes, detail: str) -> str:
    """Why a line is not a JSON object, in the terms of what probably made it so."""
    if line.startswith(b"\xef\xbb\xbf"):
        return "it starts with a byte-order mark, which an editor adds; a transcript's lines do not have one"
    if line.count(b"\x00") * 3 >= len(line) > 4 or line.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it looks like UTF-16; a transcript is UTF-8, as Talkdown writes it"
    if b"\r{" in line:
        return "its lines end with a carriage return alone; a transcript's lines end with a line feed"
    if detail.startswith("invalid json: eof while parsing"):
        return "the line ends before its JSON object does: it was cut short"
    # pydantic counts within the line: "at line 1 column 9" is the ninth character of this line
    return re.sub(r" at line 1 column (\d+)$", r" at character \1 of the line", detail)


class TranscriptFile:
    """A transcript open for one pass. Opening reads and checks the header (the first event) and
    the last line (cut short by a crash, it is skipped with a TD407 warning in ``problems``);
    :meth:`events` then yields every event in order, the header first, raising TranscriptError at
    the first bad line. Use it as a context manager (the file is closed at the end)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.file = str(self.path)
        self.problems: list[Problem] = []
        self.truncated = False
        self._fh = _open_regular(self.path, self.file)
        try:
            self._end = self._usable_end()
            self._lines = self._numbered_lines()
            self.header = self._first_event()
        except BaseException:
            self._fh.close()
            raise

    def __enter__(self) -> TranscriptFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()

    def _error(self, code: str, line: int | None, **fields: Any) -> TranscriptError:
        return TranscriptError([Problem.of(code, file=self.file, line=line, **fields)])

    def _usable_end(self) -> int:
        """Where the events end: the file's size, or the start of an unterminated last line that
        is not an event (a crash mid-write), which is then reported and skipped."""
        size = self._fh.seek(0, os.SEEK_END)
        tail_start = max(0, size - MAX_LINE_BYTES - 1)
        self._fh.seek(tail_start)
        tail = self._fh.read()
        self._fh.seek(0)
        if not tail or tail.endswith(b"\n"):
            return size
        newline = tail.rfind(b"\n")
        if newline < 0 and tail_start > 0:
            return size  # the last line is too long to be an event: reading reaches it and says so
        start = tail_start + newline + 1
        last = tail[newline + 1:]
        if not last.strip():
            return size
        try:
            event_from_json(last)
        except EventError:
            number = 1 + self._count_newlines(start)
            self.truncated = True
            self.problems.append(Problem.of("TD407", file=self.file, line=number))
            return start
        return size

    def _count_newlines(self, end: int) -> int:
        count = 0
        self._fh.seek(0)
        while self._fh.tell() < end:
            count += self._fh.read(min(1 << 20, end - self._fh.tell())).count(b"\n")
        self._fh.seek(0)
        return count

    def _numbered_lines(self) -> Iterator[tuple[int, bytes]]:
        """(number, bytes) of each non-blank line before the usable end."""
        position = 0
        number = 0
        while position < self._end:
            line = self._fh.readline(min(MAX_LINE_BYTES + 1, self._end - position))
            if not line:
                return
            number += 1
            position += len(line)
            if len(line.rstrip(b"\r\n")) > MAX_LINE_BYTES:
                raise self._error("TD412", number, number=number, limit=f"{MAX_LINE_BYTES:,}",
                                  hint="A transcript's lines are a few kilobytes; this file is damaged.")
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):  # a byte-order mark an editor added
                line = line[3:]
            if line.strip():
                yield number, line

    def _event(self, number: int, line: bytes) -> Event:
        try:
            return event_from_json(line)
        except EventError as exc:
            fields: dict[str, Any] = dict(exc.fields)
            key = str(fields.pop("key", ""))
            if exc.code == "TD403":
                fields["number"] = number
                fields["detail"] = _why_not_json(line, str(fields.get("detail", "")))
            elif number == 1 and b"\r{" in line:  # lines ended by a carriage return alone: one long line
                raise self._error("TD403", number, number=number, detail=_why_not_json(line, "")) from None
            raise self._error(exc.code, number, key=key, **fields) from None

    def _first_event(self) -> Started:
        first = next(self._lines, None)
        if first is None:
            size = self._fh.seek(0, os.SEEK_END)
            self._fh.seek(0)
            head = self._fh.read(MAX_LINE_BYTES)
            if b"\r{" in head and b"\n" not in head:  # lines ended by a carriage return alone: no line at all
                raise self._error("TD403", 1, number=1, detail=_why_not_json(head, ""))
            raise self._error("TD406", 1 if size else None)
        number, line = first
        event = self._event(number, line)
        if not isinstance(event, Started):
            raise self._error("TD406", number)
        if event.format is not None and event.format > EVENTS_VERSION:
            raise TranscriptError([Problem.of("TD408", file=self.file, line=number, key="format", found=event.format,
                                              supported=EVENTS_VERSION, hint="Update Talkdown to read it.")])
        return event

    def events(self) -> Iterator[Event]:
        """The header, then every other event as it is read (one pass only)."""
        yield self.header
        for number, line in self._lines:
            yield self._event(number, line)


def _open_regular(path: Path, file: str) -> IO[bytes]:
    """The file opened for reading, if it is a regular file (checked on the open file, so a FIFO
    swapped in after a check cannot block: it is opened without waiting for a writer)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise TranscriptError([Problem.of("TD401", file=file)]) from None
    except OSError as exc:
        raise TranscriptError([Problem.of("TD402", file=file, detail=exc.strerror or exc)]) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise TranscriptError([Problem.of("TD402", file=file, detail="it is not a regular file",
                                              hint="Give the path of a .jsonl transcript.")])
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_transcript(path: str | Path) -> TranscriptFile:
    """The transcript at ``path`` open for one pass (see :class:`TranscriptFile`)."""
    return TranscriptFile(path)


def read_transcript(path: str | Path) -> Transcript:
    """Every complete event in order. A bad line that is not the last is an error."""
    with open_transcript(path) as t:
        events = list(t.events())
    return Transcript(path=t.path, events=events, truncated=t.truncated, problems=t.problems)


def transcript_files(paths: list[str | Path]) -> list[Path]:
    """Transcripts given as files, or every ``*.jsonl`` under given folders (sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        out.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    return out
