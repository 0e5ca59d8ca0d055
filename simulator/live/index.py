"""The index of saved sessions behind the app's review and report views: one row per transcript
with its trainee, scenario, date, outcome and rubric percentages.

Each row comes from the transcript's score (played again from the trainee's lines and
remembered on disk, see ``rescore``), so a second reading of a large folder is quick and only
new or changed files are replayed.  A file that cannot be read is a row too, marked skipped with
its reason: it is listed, never fatal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from simulator.debrief.report import Attempt, attempt_of
from simulator.live.rescore import Found, ScoreCache, rescore_one
from simulator.scoring import LoadedRubric
from simulator.transcripts import TranscriptError, transcript_files


@dataclass(frozen=True)
class IndexRow:
    path: Path
    trainee: str = ""
    scenario_id: str = ""
    scenario_title: str = ""
    recorded: str = ""
    """UTC, ISO 8601 ("" when the transcript does not say)."""
    outcome: str | None = None
    """None: the session did not finish (cut short)."""
    turns: int = 0
    percent: dict[str, float] = field(default_factory=dict)
    """Per rubric id."""
    overall: float | None = None
    passed: bool = False
    attempt: Attempt | None = None
    """The row as a report's attempt."""
    skipped: str = ""
    """Why the file cannot be read (the row has nothing else then)."""

    @property
    def date(self) -> str:
        """The recorded time as 'YYYY-MM-DD HH:MM' (UTC)."""
        return self.recorded[:16].replace("T", " ")

    @cached_property
    def search_text(self) -> str:
        return " ".join((self.trainee, self.scenario_id, self.scenario_title, self.date, self.outcome or "unfinished",
                         self.path.parent.name, self.path.name, "skipped" if self.skipped else "")).casefold()

    def matches(self, query: str) -> bool:
        """Every word of ``query`` is in the trainee, scenario, date, outcome, folder or file name."""
        return all(word in self.search_text for word in query.casefold().split())


def row_of(path: Path, score_json: str, titles: dict[str, str]) -> IndexRow:
    """A row from a transcript's score as `talkdown score --json` gives it."""
    data = json.loads(score_json)
    attempt = attempt_of(data)
    rubrics = data.get("rubrics") or []
    overall = sum(r["percent"] for r in rubrics) / len(rubrics) if rubrics else None
    return IndexRow(path=path, trainee=attempt.trainee, scenario_id=attempt.scenario,
                    scenario_title=titles.get(attempt.scenario, attempt.scenario), recorded=attempt.recorded,
                    outcome=attempt.outcome, turns=int(data.get("turns") or 0), percent=dict(attempt.percent),
                    overall=overall, passed=attempt.passed, attempt=attempt)


def sort_key(row: IndexRow) -> tuple:
    """Grouped by trainee, then scenario, then date (oldest first: attempt 1, 2, ...); skipped last."""
    return (bool(row.skipped), row.trainee.casefold(), row.scenario_title.casefold(), row.recorded, row.path.name)


def read_index(files: Sequence[Path], *, scenarios: Path, rubrics: Sequence[LoadedRubric],
               cache_path: Path | None) -> Iterator[IndexRow]:
    """A row per transcript of ``files`` (see ``transcript_files``), in order, as each is scored (or
    read back)."""
    cache = ScoreCache(cache_path)
    memo: Found = {}
    titles: dict[str, str] = {}
    try:
        for path in files:
            try:
                done = rescore_one(path, scenarios, rubrics, cache, memo)
            except TranscriptError as exc:
                yield IndexRow(path=path, skipped=str(exc))
                continue
            except OSError as exc:  # gone or unreadable since it was listed
                yield IndexRow(path=path, skipped=f"{path}: cannot be read ({exc.strerror or exc}).")
                continue
            if done.scenario_id not in titles:
                loaded, _ = memo.get(done.scenario_id, (None, None))
                titles[done.scenario_id] = loaded.scenario.title if loaded is not None else done.scenario_id
            yield row_of(path, done.json, titles)
    finally:
        cache.close()


def index_files(folder: Path) -> list[Path]:
    """The transcripts under ``folder`` (none when it is not a folder yet)."""
    return transcript_files([folder]) if folder.is_dir() else []
