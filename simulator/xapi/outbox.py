"""The outbox: a session's xAPI statements waiting for the LRS, and which ones it acknowledged.

A sidecar file beside the transcript, ``<transcript stem>.xapi-outbox.ndjson``, one JSON object a
line, only ever appended to:

- ``{"queue": STATEMENT}``: a statement to send (queued once; a statement id is never re-queued,
  so what was queued is what is sent, even after the rubrics change);
- ``{"closed": true}``: every statement of the ended session is queued (no replay is needed again);
- ``{"sent": [ID, ...]}``: the LRS acknowledged these (stored now, or already had them);
- ``{"rejected": ID, "reason": TEXT}``: the LRS refused this one for good (a different statement
  with its id, or not valid): it is reported, not retried.

Each append is one write, flushed to disk before it counts, and cut back whole if it fails.  A
crash mid-write leaves at most a last line without its newline: reading skips it and the next
append cuts it off first.  A crash between the LRS storing a batch and its ``sent`` line being
written only means the batch is sent again, which an LRS ignores (same ids, same content).
Syncs of one transcript take turns (an exclusive lock on the file), so the app's end-of-call sync
and ``talkdown sync`` never send the same statement at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.sanitize import json_text

SUFFIX = ".xapi-outbox.ndjson"


def outbox_path(transcript: Path) -> Path:
    """The outbox of a transcript."""
    return transcript.with_name(transcript.stem + SUFFIX)


@dataclass
class Outbox:
    """What a transcript's outbox holds, read at once."""

    path: Path
    queued: dict[str, dict] = field(default_factory=dict)
    """Statement id -> statement, in the order queued."""
    sent: set[str] = field(default_factory=set)
    rejected: dict[str, str] = field(default_factory=dict)
    """Statement id -> why the LRS refused it."""
    closed: bool = False
    skipped: list[str] = field(default_factory=list)
    """Lines that could not be read, and why."""

    @classmethod
    def read(cls, transcript: Path) -> Outbox:
        box = cls(outbox_path(transcript))
        try:
            raw = box.path.read_bytes() if box.path.is_file() else b""
        except OSError as exc:
            box.skipped.append(f"{box.path}: the outbox cannot be read ({exc.strerror or exc}).")
            return box
        lines = raw.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line.strip() or number == len(lines):  # the last, without a newline: cut short by a crash
                continue
            try:
                box._take(json.loads(line.decode("utf-8")))
            except (ValueError, TypeError, KeyError, RecursionError):
                box.skipped.append(f"{box.path}:{number}: not an outbox record; it is left out.")
        return box

    def _take(self, record: dict) -> None:
        if "queue" in record:
            statement = record["queue"]
            self.queued.setdefault(str(statement["id"]), statement)
        elif "sent" in record:
            self.sent.update(str(i) for i in record["sent"])
        elif "rejected" in record:
            self.rejected[str(record["rejected"])] = str(record.get("reason", ""))
        elif record.get("closed") is True:
            self.closed = True
        else:
            raise KeyError("no known key")

    @property
    def pending(self) -> list[dict]:
        """The statements still to send, in the order queued."""
        return [s for i, s in self.queued.items() if i not in self.sent and i not in self.rejected]

    def queue(self, statements: Iterable[dict], *, close: bool = False) -> int:
        """Queue the statements not queued yet (and mark the session closed); how many were new."""
        new = [s for s in statements if str(s["id"]) not in self.queued]
        records: list[dict] = [{"queue": s} for s in new]
        if close and not self.closed:
            records.append({"closed": True})
        _append(self.path, records)
        for s in new:
            self.queued[str(s["id"])] = s
        self.closed = self.closed or close
        return len(new)

    def mark_sent(self, ids: Iterable[str]) -> None:
        ids = [i for i in ids if i not in self.sent]
        _append(self.path, [{"sent": ids}] if ids else [])
        self.sent.update(ids)

    def mark_rejected(self, statement_id: str, reason: str) -> None:
        _append(self.path, [{"rejected": statement_id, "reason": reason}])
        self.rejected[statement_id] = reason


def _append(path: Path, records: list[dict]) -> None:
    """Append the records with one write, on disk before returning; OSError (and nothing half
    written) when it cannot be.  A last line a crash cut short is cut off first."""
    if not records:
        return
    data = "".join(json_text(r, sort_keys=True) + "\n" for r in records).encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            whole = os.pread(fd, size, 0).rfind(b"\n") + 1  # keep every whole line
            os.ftruncate(fd, whole)
            size = whole
        try:
            if os.write(fd, data) != len(data):
                raise OSError(28, "the outbox could not be written whole")
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(transcript: Path) -> Iterator[None]:
    """Hold the transcript's outbox for one sync at a time (waits for another to finish)."""
    fd = os.open(outbox_path(transcript), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
