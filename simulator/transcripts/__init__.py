"""Transcripts: the append-only event log that is the single source of truth."""

from simulator.transcripts.reader import Transcript, TranscriptError, read_transcript
from simulator.transcripts.store import (TranscriptWriter, safe_trainee_name, stamp_header,
                                         transcript_path)

__all__ = ["Transcript", "TranscriptError", "TranscriptWriter", "read_transcript",
           "safe_trainee_name", "stamp_header", "transcript_path"]
