"""Crash-safe, append-only transcript files (DESIGN 4.3).

Every event is one JSON line, written, flushed and fsynced before the next turn is
read, so a killed process loses at most the turn in flight; a write that fails (disk
full, read-only) is cut back so the file never holds half a line.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from simulator.problems import Problem
from simulator.sanitize import json_text
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


# Why a write failed, in the words a recruit or instructor would use (the system's own words follow).
_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "there is no permission to write there",
    errno.EPERM: "there is no permission to write there",
    errno.EIO: "the disk reported an input/output error",
    errno.ENAMETOOLONG: "the path is too long",
}


def _file_in_the_way(path: Path) -> Path | None:
    """The first part of ``path`` that exists and is not a folder, if any."""
    for part in (*reversed(path.parents), path):
        try:
            if part.exists() and not part.is_dir():
                return part
        except OSError:
            return None
    return None


class TranscriptSaveError(Exception):
    """A transcript, or the folder it goes in, cannot be written.

    The file never keeps a half-written line: it holds exactly the batches of events
    written before the failure (whole turns), and nothing when ``at_start``.
    """

    def __init__(self, path: Path, cause: OSError, *, at_start: bool) -> None:
        self.path = path
        self.cause = cause
        self.at_start = at_start
        """True when nothing could be saved: the session should not start (or did not)."""
        self.kept_turns: int | None = None
        """How many of the recruit's turns the file keeps (set by whoever knows the turns)."""
        super().__init__(f"{path}: {self.reason}")

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def reason(self) -> str:
        """What is wrong, in plain words, then the system's own words."""
        system = self.cause.strerror or str(self.cause)
        if self.cause.errno in (errno.ENOTDIR, errno.EEXIST):
            blocker = _file_in_the_way(self.folder)
            if blocker is not None:
                return f"'{blocker}' is a file, not a folder"
        plain = _CAUSES.get(self.cause.errno or 0)
        return f"{plain} ({system})" if plain else system

    def problem(self, elsewhere: str = "") -> Problem:
        """One paragraph: TD411 when nothing was started, else TD410 with what the file keeps.
        ``elsewhere`` says how to save somewhere else (a flag, a setting)."""
        full = self.cause.errno in (errno.ENOSPC, errno.EDQUOT)
        remedy = ("Free some space, or save elsewhere" if full else "Save elsewhere") + f" with {elsewhere}."
        if not elsewhere:
            remedy = "Free some space and try again." if full else ""
        if self.at_start:
            return Problem.of("TD411", file=str(self.folder), detail=self.reason,
                              hint=f"Nothing was started. {remedy}".strip())
        turns = self.kept_turns
        kept = ("every complete turn before the failure" if turns is None else
                f"the {turns} complete turns before the failure" if turns > 1 else
                "the one complete turn before the failure" if turns else "only the start of the session")
        return Problem.of("TD410", file=str(self.path), detail=self.reason,
                          hint=f"The file keeps {kept}, with no line half-written; what came after was not saved. "
                          f"{remedy}".strip())


class TranscriptWriter:
    """Appends events to one transcript file; each write is durable when it returns.

    A batch of events (one turn) is one append of whole lines. If it fails part-way
    (disk full, quota, I/O error) or is interrupted, the file is cut back to where the
    batch began, so it only ever holds whole turns; the failure is a
    :class:`TranscriptSaveError`.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TranscriptSaveError(self.path, exc, at_start=True) from exc
        try:
            # O_EXCL refuses to overwrite: nothing already saved is ever lost.
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            raise
        except OSError as exc:
            raise TranscriptSaveError(self.path, exc, at_start=True) from exc
        self._saved = (0, 0)  # (bytes, events) after the last whole batch, updated in one assignment

    @property
    def count(self) -> int:
        """Events on disk."""
        return self._saved[1]

    @property
    def closed(self) -> bool:
        return self._fd < 0

    def write(self, event: Event) -> None:
        self.write_many([event])

    def write_many(self, events: list[Event]) -> None:
        if not events:
            return
        if self._fd < 0:
            raise ValueError("write to a closed transcript")
        data = "".join(json_text(e.to_json_dict()) + "\n" for e in events).encode("utf-8")
        size, count = self._saved
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                if written <= 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                view = view[written:]
            os.fsync(self._fd)
        except OSError as exc:
            self._cut_back(size)
            raise TranscriptSaveError(self.path, exc, at_start=count == 0) from exc
        except BaseException:  # interrupted part-way: the batch is not half-kept either
            self._cut_back(size)
            raise
        self._saved = (size + len(data), count + len(events))

    def _cut_back(self, size: int) -> None:
        try:
            os.ftruncate(self._fd, size)
            os.fsync(self._fd)
        except OSError:
            pass  # the reader skips a cut-short last line (TD407), so even then nothing is misread

    def discard_if_empty(self) -> None:
        """Close, and remove the file if nothing was saved in it (a session that never started)."""
        self.close()
        if self.count == 0:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            with contextlib.suppress(OSError):  # every batch was fsynced already
                os.close(fd)

    def __enter__(self) -> TranscriptWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def stamp_header(event: Started, session_id: str, when: datetime | None = None) -> Started:
    """The started event as stored: format version, wall-clock time and session id added."""
    when = when or datetime.now(UTC)
    return event.model_copy(update={"format": EVENTS_VERSION, "session_id": session_id,
                                    "time": when.isoformat(timespec="seconds")})
