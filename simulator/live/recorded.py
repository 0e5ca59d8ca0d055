"""A Session wired to its transcript: every batch of events is saved before it is shown.

The headless runner and the app both play through this, so a turn the recruit saw is
a turn on disk, in either.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from simulator import __version__
from simulator.engine import Session
from simulator.live.heap import settle
from simulator.scenario import LoadedScenario
from simulator.scenario.model import Scenario
from simulator.transcripts import TranscriptWriter, stamp_header, transcript_path
from simulator.transcripts.events import Event, RubricRef, Started


class RecordedSession:
    """One attempt at one scenario. ``events`` holds everything so far, header stamped."""

    def __init__(self, loaded: LoadedScenario, *, trainee: str, mode: str, seed: int, transcripts: Path,
                 rubrics: tuple[RubricRef, ...] = (), session_id: str | None = None,
                 now: Callable[[], datetime] | None = None, variant: dict[str, str] | None = None):
        self.loaded = loaded
        self.trainee = trainee
        self.mode = mode
        self.seed = seed
        self.session = Session(loaded, seed=seed, trainee=trainee, mode=mode, app_version=__version__,
                               rubrics=rubrics, variant=variant)
        self.session_id = session_id or uuid.uuid4().hex[:8]
        self._now = now
        self.path = transcript_path(transcripts, trainee, loaded.scenario.id, self.session_id,
                                    when=now() if now else None)
        self.events: list[Event] = []
        self._writer: TranscriptWriter | None = None
        self._unsaved: list[Event] = []
        self.save_error: OSError | None = None

    @property
    def scenario(self) -> Scenario:
        return self.loaded.scenario

    @property
    def finished(self) -> bool:
        return self.session.finished

    def start(self) -> list[Event]:
        """Open the transcript (OSError if it cannot be created) and start the session."""
        self._writer = TranscriptWriter(self.path)
        events = self._save(self.session.start())
        settle()
        return events

    def reply(self, text: str) -> list[Event]:
        return self._save(self.session.reply(text))

    def pressure(self) -> list[Event]:
        return self._save(self.session.pressure())

    def abandon(self, reason: str = "quit") -> list[Event]:
        if self._writer is None:
            return []
        return self._save(self.session.abandon(reason))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()

    def _save(self, events: list[Event]) -> list[Event]:
        when = self._now() if self._now else None
        stored = [stamp_header(e, self.session_id, when=when) if isinstance(e, Started) else e for e in events]
        self.events.extend(stored)
        self._unsaved.extend(stored)
        self.flush()
        if self.finished and not self._unsaved:
            self.close()
        return stored

    def flush(self) -> bool:
        """Write what is pending; on failure keep it for the next try and set ``save_error``."""
        if self._writer is None or not self._unsaved:
            return True
        try:
            self._writer.write_many(self._unsaved)
        except OSError as exc:
            self.save_error = exc
            return False
        self._unsaved = []
        self.save_error = None
        return True
