"""Transcripts: the typed, append-only event log that is the single source of truth."""

from simulator.transcripts.log import CueSeen, SessionLog, Turn, session_log
from simulator.transcripts.reader import (
    Transcript,
    TranscriptError,
    TranscriptFile,
    open_transcript,
    read_transcript,
    transcript_files,
)
from simulator.transcripts.store import (
    TranscriptSaveError,
    TranscriptWriter,
    legacy_trainee_folder,
    safe_trainee_name,
    stamp_header,
    transcript_path,
)

__all__ = [
    "CueSeen",
    "SessionLog",
    "Transcript",
    "TranscriptError",
    "TranscriptFile",
    "TranscriptSaveError",
    "TranscriptWriter",
    "Turn",
    "legacy_trainee_folder",
    "open_transcript",
    "read_transcript",
    "safe_trainee_name",
    "session_log",
    "stamp_header",
    "transcript_files",
    "transcript_path",
]
