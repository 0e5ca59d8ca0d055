"""The scenario library and a trainee's past scores, as plain data for the home screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.problems import DataFileError
from simulator.scenario import LoadedScenario, load_scenario, scenario_files
from simulator.transcripts import TranscriptError, read_transcript, safe_trainee_name
from simulator.tui import scores


@dataclass
class Entry:
    """One scenario file: loaded, or the reason it could not be."""

    path: Path
    loaded: LoadedScenario | None = None
    error: str = ""

    @property
    def id(self) -> str:
        return self.loaded.scenario.id if self.loaded else self.path.stem

    @property
    def title(self) -> str:
        return self.loaded.scenario.title if self.loaded else self.path.name

    def search_text(self) -> str:
        if not self.loaded:
            return f"{self.path.name} {self.error}".lower()
        s = self.loaded.scenario
        return " ".join([s.id, s.title, s.summary, s.tags.call_type, *s.tags.crisis, *s.tags.other]).lower()

    def matches(self, query: str) -> bool:
        text = self.search_text()
        return all(word in text for word in query.lower().split())


def load_library(folder: Path, extra: LoadedScenario | None = None) -> list[Entry]:
    """Every scenario file in ``folder``; ``extra`` (a scenario given on the command line) first
    unless it is already one of them."""
    entries: list[Entry] = []
    files = scenario_files([folder]) if folder.is_dir() else []
    for path in files:
        try:
            entries.append(Entry(path=path, loaded=load_scenario(path)))
        except DataFileError as exc:
            first = exc.problems[0].format() if exc.problems else str(exc)
            entries.append(Entry(path=path, error=first))
        except OSError as exc:
            entries.append(Entry(path=path, error=f"{path}: {exc.strerror or exc}"))
    if extra is not None:
        known = {Path(e.path).resolve() for e in entries}
        if Path(extra.path).resolve() not in known and extra.scenario.id not in {e.id for e in entries}:
            entries.insert(0, Entry(path=Path(extra.path), loaded=extra))
    return entries


@dataclass
class History:
    """A trainee's scores per scenario id: last (most recent attempt) and best, in percent."""

    last: dict[str, float] = field(default_factory=dict)
    best: dict[str, float] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)


# (path, mtime_ns, size) -> score percent or None; scoring a transcript twice is wasted work.
_CACHE: dict[tuple[str, int, int], float | None] = {}


def trainee_history(transcripts: Path, trainee: str, rubrics_dir: Path | None) -> History:
    history = History()
    if not trainee:
        return history
    folder = transcripts / safe_trainee_name(trainee)
    if not folder.is_dir():
        return history
    # File names start with a UTC timestamp, so name order is time order.
    for path in sorted(folder.glob("*.jsonl")):
        try:
            st = path.stat()
        except OSError:
            continue
        key = (str(path), st.st_mtime_ns, st.st_size)
        scenario_id = None
        if key in _CACHE:
            percent = _CACHE[key]
            scenario_id = _CACHE_IDS.get(key)
        else:
            try:
                t = read_transcript(path)
            except TranscriptError:
                continue
            scenario_id = (t.header.get("scenario") or {}).get("id")
            percent = scores.overall_percent(t.events, rubrics_dir) if t.outcome else None
            _CACHE[key] = percent
            _CACHE_IDS[key] = scenario_id
        if scenario_id is None or percent is None:
            continue
        history.last[scenario_id] = percent
        history.best[scenario_id] = max(percent, history.best.get(scenario_id, percent))
        history.attempts[scenario_id] = history.attempts.get(scenario_id, 0) + 1
    return history


_CACHE_IDS: dict[tuple[str, int, int], str | None] = {}
