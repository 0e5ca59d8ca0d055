"""Authoring commands: check, test, graph, new, schema, codes."""

from __future__ import annotations

import json
import sys

import click

from simulator.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, fail, fail_problems, paths, resolve_scenario


@click.command()
@click.argument("paths_", metavar="[PATHS]...", nargs=-1)
@click.option("--json", "json_mode", is_flag=True, help="Problems as JSON lines.")
def check(paths_: tuple[str, ...], json_mode: bool) -> None:
    """Validate and lint scenarios (and rubrics). Lists every problem in every file.

    With no PATHS, checks the scenarios and rubrics folders."""
    from simulator.authoring.check import check_paths, rubrics_for_checking

    where = paths()
    problems, checked = check_paths(list(paths_) or [str(where.scenarios), str(where.rubrics)],
                                    rubrics_for_checking(where.rubrics))
    if checked == 0 and not problems:  # a folder with nothing to check is a mistake, not a pass
        from simulator.problems import Problem

        problems = [Problem.of("TD122", file=", ".join(paths_) or str(where.scenarios))]
    for p in problems:
        click.echo(json.dumps(p.to_dict()) if json_mode else p.format())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not json_mode:
        click.echo(f"{checked} file{'s' if checked != 1 else ''} checked: {errors} error"
                   f"{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}.")
    sys.exit(EXIT_BAD_INPUT if errors else 0)


@click.command()
@click.argument("paths_", metavar="[PATHS]...", nargs=-1)
def test(paths_: tuple[str, ...]) -> None:
    """Run the scenarios' scripted walkthroughs (exit 1 if any fails)."""
    from simulator.authoring.walkthroughs import run_walkthroughs
    from simulator.problems import DataFileError
    from simulator.scenario import load_scenario, scenario_files

    files = scenario_files(list(paths_) or [paths().scenarios])
    if not files:  # a folder with nothing to play is a mistake, not a pass (as in `check`)
        from simulator.problems import Problem

        fail_problems([Problem.of("TD122", file=", ".join(paths_) or str(paths().scenarios))])
    bad_input = False
    passed = failed = 0
    for path in files:
        try:
            loaded = load_scenario(path)
        except DataFileError as exc:
            for p in exc.problems:
                click.echo(p.format(), err=True)
            bad_input = True
            continue
        if not loaded.scenario.walkthroughs:
            click.echo(f"{path}: no walkthroughs.")
        for r in run_walkthroughs(loaded):
            status = "PASS" if r.passed else "FAIL"
            drawn = "".join(f", {dim}={option}" for dim, option in r.variant)
            click.echo(f"{status} {r.scenario}: {r.name} (seed {r.seed}{drawn}): {r.outcome} after {r.turns} turns, "
                       f"agitation {r.final_agitation:.0f} (peak {r.peak_agitation:.0f})")
            for why in r.failures:
                click.echo(f"     {why}")
            passed += r.passed
            failed += not r.passed
    click.echo(f"{passed} passed, {failed} failed")
    if bad_input:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(EXIT_FAILED if failed else 0)


@click.command()
@click.argument("scenario")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
def graph(scenario: str, fmt: str) -> None:
    """Print the phase graph of SCENARIO."""
    from simulator.authoring.graph import to_dot, to_mermaid

    loaded = resolve_scenario(scenario, paths().scenarios)
    click.echo((to_mermaid if fmt == "mermaid" else to_dot)(loaded.scenario), nl=False)


@click.command()
@click.option("--rubric", is_flag=True, help="The schema of rubric files instead of scenario files.")
def schema(rubric: bool) -> None:
    """Print the JSON Schema of scenario (or rubric) files."""
    if rubric:
        from simulator.scoring.schema import rubric_schema as make
    else:
        from simulator.scenario.schema import scenario_schema as make

    click.echo(json.dumps(make(), indent=2, ensure_ascii=False))


@click.command()
@click.argument("scenario_id")
@click.option("--dir", "folder", type=click.Path(file_okay=False), default=None,
              help="Where to write it (default: the scenarios folder).")
@click.option("--people", type=click.IntRange(1, 6), default=1, show_default=True,
              help="How many role-players: 2 or more scaffolds a scene with several people and a partner.")
def new(scenario_id: str, folder: str | None, people: int) -> None:
    """Scaffold a new scenario file SCENARIO_ID.yaml to fill in."""
    from pathlib import Path

    from simulator.authoring.scaffold import ScaffoldError, new_scenario

    try:
        path = new_scenario(scenario_id, Path(folder) if folder else paths().scenarios, people)
    except ScaffoldError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{folder or paths().scenarios}: cannot write the scenario there ({exc.strerror or exc}).")
    click.echo(f"Wrote {path}. Fill in the TODOs, then run: talkdown check {path}")


@click.command()
@click.argument("code", required=False)
def codes(code: str | None) -> None:
    """List the error and warning codes (or explain one, e.g. `talkdown codes TD110`)."""
    from simulator.problems import CATALOGUE, did_you_mean

    if code is not None:
        entry = CATALOGUE.get(code.upper())
        if entry is None:
            hint = did_you_mean(code.upper(), CATALOGUE) or "Run `talkdown codes` for the list."
            fail(f"{code}: no such code. {hint}")
        click.echo(f"{entry.code} ({entry.severity}, {entry.family} files): {entry.description}.")
        click.echo(f"Message: {entry.template}")
        return
    for entry in sorted(CATALOGUE.values(), key=lambda c: c.code):
        click.echo(f"{entry.code}  {entry.severity:<7}  {entry.family:<10}  {entry.description}")
