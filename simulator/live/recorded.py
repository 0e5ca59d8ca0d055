"""A Session wired to its transcript: every batch of events is saved before it is shown.

The headless runner and the app both play through this, so a turn the recruit saw is
a turn on disk, in either.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from simulator import __version__
from simulator.engine import Session
from simulator.live.heap import keep, release, settle
from simulator.live.rescore import remember_recording
from simulator.scenario import LoadedScenario
from simulator.scenario.model import Scenario
from simulator.scoring import LoadedRubric
from simulator.transcripts import TranscriptSaveError, TranscriptWriter, stamp_header, transcript_path
from simulator.transcripts.events import ActionTaken, Analysed, Event, RubricRef, Started


class RecordedSession:
    """One attempt at one scenario. ``events`` holds everything so far, header stamped."""

    def __init__(self, loaded: LoadedScenario, *, trainee: str, mode: str, seed: int, transcripts: Path,
                 rubrics: tuple[RubricRef, ...] = (), session_id: str | None = None,
                 now: Callable[[], datetime] | None = None, variant: dict[str, str] | None = None,
                 vouch_cache: Path | None = None):
        """``vouch_cache``: the score cache in which a session saved whole to its end is vouched for
        (see ``simulator.live.rescore``), so that scoring it needs no replay; None: not vouched for."""
        self.loaded = loaded
        self._vouch_cache = vouch_cache
        self.whole = False
        """Saved whole to its end (and vouched for, with a cache)."""
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
        self.save_error: TranscriptSaveError | None = None
        """Set while some events are not on disk (they are kept, and retried with the next batch)."""

    @property
    def scenario(self) -> Scenario:
        return self.loaded.scenario

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def unsaved(self) -> list[Event]:
        """Events played but not on disk yet (none unless saving failed)."""
        return self.events[self._writer.count:] if self._writer is not None else []

    @property
    def saved_turns(self) -> int:
        """How many of the recruit's turns (replies and actions) are on disk."""
        count = self._writer.count if self._writer is not None else 0
        return sum(isinstance(e, (Analysed, ActionTaken)) and not (isinstance(e, ActionTaken) and e.id == "end")
                   for e in self.events[:count])

    def start(self) -> list[Event]:
        """Open the transcript and start the session. If the folder cannot be written, a
        :class:`TranscriptSaveError` (``at_start``) and no file is left behind."""
        self._writer = writer = TranscriptWriter(self.path)
        events = self._save(self.session.start())
        if self.save_error is not None:
            writer.discard_if_empty()
            self._writer = None
            error, self.save_error = self.save_error, None
            error.at_start = True
            raise error
        settle()
        return events

    def reply(self, text: str) -> list[Event]:
        keep()
        return self._save(self.session.reply(text))

    def address(self, person: str) -> list[Event]:
        """Turn to another person without speaking (a scene with several people; no turn is used)."""
        return self._save(self.session.address(person))

    def pressure(self) -> list[Event]:
        keep()
        return self._save(self.session.pressure())

    def abandon(self, reason: str = "quit") -> list[Event]:
        if self._writer is None:
            return []
        return self._save(self.session.abandon(reason))

    def close(self) -> None:
        """Close the transcript, after a last try to save anything still pending."""
        if self._writer is not None:
            self.flush()
            self._close_writer()
        release()

    def _save(self, events: list[Event]) -> list[Event]:
        when = self._now() if self._now else None
        stored = [stamp_header(e, self.session_id, when=when) if isinstance(e, Started) else e for e in events]
        self.events.extend(stored)
        if self.flush() and self.finished and self._writer is not None:
            self._close_writer()
        return stored

    def _close_writer(self) -> None:
        """Close the transcript; a session saved whole to its end is vouched for."""
        assert self._writer is not None
        was_closed = self._writer.closed
        self._writer.close()
        if not was_closed and self.finished and self.save_error is None and not self.unsaved:
            self.whole = True
            remember_recording(self.path, self.loaded, self.events, None, self._vouch_cache)

    def remember_score(self, rubrics: Sequence[LoadedRubric] | None) -> None:
        """Once it is saved whole: its score against ``rubrics``, remembered as `talkdown score` would
        give it (scoring is slow work: call this where the debrief is scored, off the UI thread)."""
        if self.whole and rubrics:
            remember_recording(self.path, self.loaded, self.events, rubrics, self._vouch_cache)

    def flush(self) -> bool:
        """Write what is pending; on failure keep it for the next try and set ``save_error``."""
        if self._writer is None or self._writer.closed:
            return self.save_error is None
        pending = self.unsaved
        if not pending:
            return True
        try:
            self._writer.write_many(pending)
        except TranscriptSaveError as exc:
            exc.kept_turns = self.saved_turns
            self.save_error = exc
            return False
        self.save_error = None
        return True
