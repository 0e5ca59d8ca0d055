"""Instructor notes on the turns of a saved session (issue 13: annotations).

Notes live in a sidecar file beside the transcript, ``<transcript stem>.notes.ndjson``, one JSON
object a line; the transcript itself is never rewritten.  Each note is appended with one write and
flushed to disk before it is reported as added, so a crash loses at most the note being written; a
last line cut short is skipped with a warning, and a line that is not a note is skipped with its
reason: a notes file never stops a debrief or an export.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from simulator.sanitize import json_text

Tag = Literal["strength", "concern", "teaching_point"]
TAGS: tuple[str, ...] = get_args(Tag)
NOTES_FORMAT = 1
MAX_NOTE_CHARS = 2000
MAX_AUTHOR_CHARS = 64
SUFFIX = ".notes.ndjson"


class Note(BaseModel):
    """One note on one turn (0 is the opening, before the trainee's first reply)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    format: Literal[1] = 1
    turn: Annotated[int, Field(ge=0, le=100_000)]
    tag: Tag
    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NOTE_CHARS)]
    author: Annotated[str, StringConstraints(min_length=1, max_length=MAX_AUTHOR_CHARS)]
    time: str
    """UTC, ISO 8601."""

    @property
    def tag_label(self) -> str:
        return self.tag.replace("_", " ")


def notes_path(transcript: Path) -> Path:
    """The sidecar file of a transcript."""
    return transcript.with_name(transcript.stem + SUFFIX)


def add_note(transcript: Path, *, turn: int, tag: str, text: str, author: str,
             now: datetime | None = None) -> Note:
    """Append a note (ValueError with the reason if it is not a valid note; OSError if it cannot
    be written, and then nothing is half-written)."""
    try:
        note = Note(turn=turn, tag=tag, text=text.strip(), author=author.strip(),
                    time=(now or datetime.now(UTC)).isoformat(timespec="seconds"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "note"
        raise ValueError(f"{where}: {first['msg'].lower()}") from None
    line = (json_text(note.model_dump()) + "\n").encode("utf-8")
    path = notes_path(transcript)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        try:
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(28, "the note could not be written whole")
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)  # never half a note
            raise
    finally:
        os.close(fd)
    return note


def _why_not(exc: Exception) -> str:
    """What is wrong with a line of the notes file, by key ("turn: a whole number is needed, not 'x'")."""
    if not isinstance(exc, ValidationError):
        return "it is not a JSON object" if not isinstance(exc, RecursionError) else "it is nested too deeply"
    first = exc.errors()[0]
    key = ".".join(str(p) for p in first["loc"]) or "the line"
    expected = {"int_parsing": "a whole number", "int_type": "a whole number", "int_from_float": "a whole number",
                "literal_error": _one_of(str((first.get("ctx") or {}).get("expected", ""))),
                "string_type": "text"}
    kind = first["type"]
    if kind == "model_type":
        return f"it is a {type(first.get('input')).__name__}, not a JSON object"
    if kind == "missing":
        return f"the key '{key}' is missing"
    if kind == "extra_forbidden":
        return f"'{key}' is not a key a note has"
    got = first.get("input")
    shown = repr(got) if isinstance(got, (str, int, float, bool)) or got is None else type(got).__name__
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if kind in expected:
        return f"{key}: {expected[kind]} is needed, not {shown}"
    return f"{key}: {first['msg'][0].lower() + first['msg'][1:]}"


def _one_of(expected: str) -> str:
    return f"one of {expected}" if " or " in expected else expected


def read_notes(transcript: Path) -> tuple[list[Note], list[str]]:
    """The transcript's notes in the order written, and what was skipped and why."""
    path = notes_path(transcript)
    try:
        raw = path.read_bytes() if path.is_file() else b""
    except OSError as exc:
        return [], [f"{path}: the notes cannot be read ({exc.strerror or exc})."]
    notes: list[Note] = []
    skipped: list[str] = []
    lines = raw.split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if number == len(lines):  # no newline after it: cut short while it was written
            skipped.append(f"{path}:{number}: the last note was cut short (a crash while it was written); "
                           "it is left out.")
            continue
        try:
            notes.append(Note.model_validate(json.loads(line.decode("utf-8"))))
        except (ValueError, RecursionError) as exc:
            skipped.append(f"{path}:{number}: not a note ({_why_not(exc)}); it is left out.")
    return notes, skipped
