"""Crash-safe, append-only transcript files (DESIGN 4.3).

Every event is one JSON line, written, flushed and fsynced before the next turn is
read, so a killed process loses at most the turn in flight.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from simulator.transcripts.events import EVENTS_VERSION, Event, Started

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_trainee_name(name: str) -> str:
    """A trainee name as one folder name: a readable slug (no separators, traversal or control
    characters), and when the slug is not the name itself, a short hash of the exact name, so two
    names never share a folder ("a:b" and "a|b", "Kim" and "K\u200bim", "." and "*")."""
    slug = legacy_trainee_folder(name)
    if slug == name:
        return slug
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}"


def legacy_trainee_folder(name: str) -> str:
    """The folder earlier versions used (the slug alone), still read for a trainee's history."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("-", text.encode("ascii", "ignore").decode("ascii"))
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    text = text.lstrip(".")
    return text[:64] or "trainee"


def transcript_path(root: str | Path, trainee: str, scenario_id: str, session_id: str,
                    when: datetime | None = None) -> Path:
    when = when or datetime.now(UTC)
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    scenario = _UNSAFE.sub("-", scenario_id)[:64] or "scenario"
    return Path(root) / safe_trainee_name(trainee) / f"{stamp}-{scenario}-{session_id}.jsonl"


class TranscriptWriter:
    """Appends events to one transcript file; each write is durable when it returns."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # 'x' refuses to overwrite: nothing already saved is ever lost.
        self._fh = open(self.path, "x", encoding="utf-8")  # noqa: SIM115 - open for the whole session
        self.count = 0

    def write(self, event: Event) -> None:
        self.write_many([event])

    def write_many(self, events: list[Event]) -> None:
        if not events:
            return
        payload = "".join(json.dumps(e.to_json_dict(), ensure_ascii=False) + "\n" for e in events)
        self._fh.write(payload)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.count += len(events)

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def stamp_header(event: Started, session_id: str, when: datetime | None = None) -> Started:
    """The started event as stored: format version, wall-clock time and session id added."""
    when = when or datetime.now(UTC)
    return event.model_copy(update={"format": EVENTS_VERSION, "session_id": session_id,
                                    "time": when.isoformat(timespec="seconds")})
