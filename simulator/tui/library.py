"""The scenario library as plain data for the home screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario import LoadedScenario


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
    from simulator.problems import DataFileError  # in the loading worker, after the first frame
    from simulator.scenario import load_scenario, scenario_files

    entries: list[Entry] = []
    files = scenario_files([folder]) if folder.is_dir() else []
    for path in files:
        try:
            entries.append(Entry(path=path, loaded=load_scenario(path)))
        except DataFileError as exc:
            entries.append(Entry(path=path, error=exc.first.format()))
        except OSError as exc:
            entries.append(Entry(path=path, error=f"{path}: {exc.strerror or exc}"))
    if extra is not None:
        known = {Path(e.path).resolve() for e in entries}
        if Path(extra.path).resolve() not in known and extra.scenario.id not in {e.id for e in entries}:
            entries.insert(0, Entry(path=Path(extra.path), loaded=extra))
    return entries
