"""`talkdown check`: every problem in every file, scenarios and rubrics alike."""

from __future__ import annotations

from pathlib import Path

from simulator.datafiles import yaml_files
from simulator.problems import DataFileError, Problem, did_you_mean
from simulator.scenario import load_scenario
from simulator.scenario.lint import lint
from simulator.scoring import LoadedRubric, check_rubric_file, load_rubrics


def _is_rubric(path: Path) -> bool:
    if "rubrics" in path.parts:
        return True
    try:
        if not path.is_file():
            return False  # a FIFO or a device: the loader says what is wrong with it
        with path.open("rb") as fh:  # the head only: never the whole of a huge file
            head = fh.read(4000).decode("utf-8", "replace")
    except OSError:
        return False
    return "\ncriteria:" in head or head.startswith("criteria:")


def check_file(path: Path, rubrics: list[LoadedRubric] | None = None) -> list[Problem]:
    """Every problem in one scenario or rubric file: errors and lint warnings (and, given
    the rubrics, scoring weights that name no criterion)."""
    if _is_rubric(path):
        return check_rubric_file(path)
    try:
        loaded = load_scenario(path)
    except DataFileError as exc:
        return exc.problems
    problems = lint(loaded)
    if rubrics:
        known = {f"{r.id}.{c.id}" for r in rubrics for c in r.rubric.criteria}
        for key in loaded.scenario.scoring.weights:
            if key not in known:
                problems.append(loaded.document.problem(("scoring", "weights", key), "TD213",
                                                        did_you_mean(key, known), name=key))
    return problems


def rubrics_for_checking(folder: Path) -> list[LoadedRubric] | None:
    """The rubrics scenario weights are checked against (None when they cannot be loaded:
    their own problems are reported when the rubric files are checked)."""
    try:
        return load_rubrics(folder)
    except DataFileError:
        return None


def check_paths(paths: list[str], rubrics: list[LoadedRubric] | None = None) -> tuple[list[Problem], int]:
    """Every problem in the files given or under the folders given, and how many files."""
    problems: list[Problem] = []
    files = yaml_files(list(paths), recursive=True)
    for raw in paths:
        if not Path(raw).exists():
            problems.append(Problem.of("TD120", file=raw))
    for path in files:
        problems.extend(check_file(path, rubrics))
    return problems, len(files)
