"""Scores remembered on disk, and the sessions this installation vouches for (see
``simulator.live.rescore``): a SQLite file in the cache folder, safe for several processes at once."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator import __version__

#: tries at setting up a cache file another process is setting up too (see ScoreCache)
_SETUP_TRIES = 60
#: the shape of a remembered score (a new one forgets the old scores)
CACHE_FORMAT = 2


@dataclass(frozen=True)
class Rescored:
    """One transcript's score: as `--json` prints it, as text, and what the library shows."""

    path: str
    json: str
    """The score as one JSON object (what `--json` prints)."""
    text: str
    passed: bool
    overall: float | None
    scenario_id: str
    outcome: str | None
    remembered: bool = field(default=False, compare=False)
    """Read back from the cache (False: played again and scored now)."""


class ScoreCache:
    """Scores remembered in a SQLite file (safe for several processes at once); a cache that cannot
    be opened or written is simply not used."""

    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
        except (OSError, sqlite3.Error):
            return
        # Processes opening a new cache at once: switching the journal to WAL is refused, not waited
        # for, while another does it ("database is locked"); wait and try again, for up to ~10 s.
        for attempt in range(_SETUP_TRIES):
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may forget the last scores
                db.execute("CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, path TEXT, json TEXT, "
                           "text TEXT, passed INTEGER, overall REAL, scenario_id TEXT, outcome TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS vouched (key TEXT PRIMARY KEY)")
                self._db = db
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    break
                time.sleep(min(0.2, 0.01 * (attempt + 1)))
            except (OSError, sqlite3.Error):
                break
        db.close()

    def get(self, key: str) -> Rescored | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT path, json, text, passed, overall, scenario_id, outcome FROM scores "
                                   "WHERE key = ?", (key,)).fetchone()
            return Rescored(row[0], row[1], row[2], bool(row[3]), row[4], row[5], row[6], True) if row else None
        except (sqlite3.Error, IndexError, TypeError):
            return None

    def put(self, key: str, value: Rescored) -> None:
        if self._db is None:
            return
        # a path whose bytes are not UTF-8 cannot be stored: its score is not remembered
        with contextlib.suppress(sqlite3.Error, UnicodeEncodeError):
            self._db.execute("INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (key, value.path, value.json, value.text, int(value.passed), value.overall,
                              value.scenario_id, value.outcome))

    def vouched(self, key: str) -> bool:
        """Whether these exact bytes were recorded (or replayed without a difference) here."""
        if self._db is None:
            return False
        try:
            return self._db.execute("SELECT 1 FROM vouched WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def vouch(self, key: str) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("INSERT OR IGNORE INTO vouched VALUES (?)", (key,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def content_key(path: Path, scenario_hash: str) -> str | None:
    """A digest of the transcript's exact bytes, the scenario file's content and this version."""
    try:
        with path.open("rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None
    raw = json.dumps([digest, scenario_hash, __version__, CACHE_FORMAT])
    return hashlib.sha256(raw.encode()).hexdigest()
