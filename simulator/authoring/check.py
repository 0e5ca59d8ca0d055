"""`talkdown check`: every problem in every file, scenarios and rubrics alike."""

from __future__ import annotations

from pathlib import Path

from simulator.datafiles import yaml_files
from simulator.problems import DataFileError, Problem
from simulator.scenario import load_scenario
from simulator.scenario.lint import lint
from simulator.scoring import check_rubric_file


def _is_rubric(path: Path) -> bool:
    if "rubrics" in path.parts:
        return True
    try:
        head = path.read_text(encoding="utf-8")[:4000]
    except (OSError, UnicodeDecodeError):
        return False
    return "\ncriteria:" in head or head.startswith("criteria:")


def check_file(path: Path) -> list[Problem]:
    """Every problem in one scenario or rubric file: errors and lint warnings."""
    if _is_rubric(path):
        return check_rubric_file(path)
    try:
        loaded = load_scenario(path)
    except DataFileError as exc:
        return exc.problems
    return lint(loaded)


def check_paths(paths: list[str]) -> tuple[list[Problem], int]:
    """Every problem in the files given or under the folders given, and how many files."""
    problems: list[Problem] = []
    files = yaml_files(list(paths), recursive=True)
    for raw in paths:
        if not Path(raw).exists():
            problems.append(Problem.of("TD120", file=raw))
    for path in files:
        problems.extend(check_file(path))
    return problems, len(files)
