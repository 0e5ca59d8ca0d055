"""A trainee's past results per scenario, from their transcripts (for the library's
last and best columns). Scores are cached by file, modification time and size."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.scoring import LoadedRubric, score_transcript
from simulator.transcripts import TranscriptError, legacy_trainee_folder, read_transcript, safe_trainee_name


@dataclass
class History:
    """Overall score (the mean of the rubric percentages) per scenario id."""

    last: dict[str, float] = field(default_factory=dict)
    best: dict[str, float] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    """Scored (finished) attempts."""


#: (path, mtime_ns, size) -> (scenario id, overall percent or None when unfinished)
_CACHE: dict[tuple[str, int, int], tuple[str, float | None]] = {}


def _scored(path: Path, rubrics: list[LoadedRubric]) -> tuple[str, float | None] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        try:
            t = read_transcript(path)
        except TranscriptError:
            return None
        percent = score_transcript(t.events, rubrics).overall if t.outcome else None
        _CACHE[key] = (t.header.scenario.id, percent)
    return _CACHE[key]


#: a transcript's scenario id and overall score (None when unfinished), or None when unreadable
Scorer = Callable[[Path], "tuple[str, float | None] | None"]


def trainee_history(transcripts: Path, trainee: str, rubrics: list[LoadedRubric],
                    scored: Scorer | None = None) -> History:
    """The trainee's finished attempts per scenario, oldest first; ``scored`` scores one file (by
    default from its events as saved; the app passes one that replays it and remembers scores)."""
    history = History()
    folders = [transcripts / safe_trainee_name(trainee), transcripts / legacy_trainee_folder(trainee)]
    folders = [f for f in dict.fromkeys(folders) if f.is_dir()]
    if not trainee or not rubrics or not folders:
        return history
    # File names start with a UTC timestamp, so name order is time order (older folder included).
    for path in sorted((p for f in folders for p in f.glob("*.jsonl")), key=lambda p: p.name):
        found = scored(path) if scored is not None else _scored(path, rubrics)
        if found is None:
            continue
        scenario_id, percent = found
        if percent is None:
            continue
        history.last[scenario_id] = percent
        history.best[scenario_id] = max(percent, history.best.get(scenario_id, percent))
        history.attempts[scenario_id] = history.attempts.get(scenario_id, 0) + 1
    return history
