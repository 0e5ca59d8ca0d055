"""`talkdown check`: every problem in every file, scenarios and rubrics alike."""

from __future__ import annotations

from pathlib import Path

from simulator.problems import DataFileError, Problem


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def _is_rubric(path: Path) -> bool:
    if "rubrics" in path.parts:
        return True
    try:
        head = path.read_text(encoding="utf-8")[:4000]
    except (OSError, UnicodeDecodeError):
        return False
    return "\ncriteria:" in head or head.startswith("criteria:")


def check_file(path: Path) -> list[Problem]:
    if _is_rubric(path):
        from simulator.scoring import check_rubric_file  # the scoring package owns rubrics

        return check_rubric_file(path)
    from simulator.scenario import load_scenario
    from simulator.scenario.lint import lint

    try:
        loaded = load_scenario(path)
    except DataFileError as exc:
        return exc.problems
    return lint(loaded)


def check_paths(paths: list[str]) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    files = _files(paths)
    for raw in paths:
        if not Path(raw).exists():
            problems.append(Problem.of("TD120", file=raw))
    for path in files:
        problems.extend(check_file(path))
    return problems, len(files)
