"""What every command shares: the resolved paths, and one way to fail on bad input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from simulator.problems import Problem
    from simulator.scenario import LoadedScenario
    from simulator.settings import Paths

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Bad input: one paragraph on standard error, exit status 2."""
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


def fail_problems(problems: list[Problem]) -> NoReturn:
    for p in problems:
        click.echo(p.format(), err=True)
    sys.exit(EXIT_BAD_INPUT)


def paths(**flags: str | Path | None) -> Paths:
    """The paths resolved once for this invocation (global flags, environment, defaults),
    with this command's own flags applied."""
    from simulator.settings import Paths

    ctx = click.get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, Paths):
        root.obj = Paths.resolve(**(root.params or {}))
    return root.obj.but(**flags)


def resolve_scenario(name: str | None, folder: Path) -> LoadedScenario:
    """A scenario by path, or by id within the scenarios folder; the first one if None."""
    from simulator.problems import DataFileError, did_you_mean
    from simulator.scenario import load_scenario, scenario_files

    if name is None:
        files = scenario_files([folder]) if folder.is_dir() else []
        if not files:
            fail(f"No scenarios found in '{folder}'. Pass a scenario file, or use --scenarios or TALKDOWN_SCENARIOS.")
        name = str(files[0])
    path = Path(name)
    if not path.exists() and folder.is_dir():
        candidates = {p.stem: p for p in scenario_files([folder])}
        if name in candidates:
            path = candidates[name]
        else:
            hint = did_you_mean(name, candidates) or ("Known scenarios: " + ", ".join(sorted(candidates)) + ".")
            fail(f"{name}: no such scenario file or id. {hint}")
    try:
        return load_scenario(path)
    except DataFileError as exc:
        fail_problems(exc.problems)
