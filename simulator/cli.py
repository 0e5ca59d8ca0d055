"""The `talkdown` command. Bad input: a one-paragraph message and exit status 2."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from simulator import __version__
from simulator.problems import DataFileError, Problem

EXIT_BAD_INPUT = 2
DEFAULT_SCENARIOS = "scenarios"
DEFAULT_TRANSCRIPTS = "transcripts"


def scenarios_dir() -> Path:
    return Path(os.environ.get("TALKDOWN_SCENARIOS", DEFAULT_SCENARIOS))


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


def fail_problems(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(p.format(), err=True)
    sys.exit(EXIT_BAD_INPUT)


def resolve_scenario(name: str | None):
    """A scenario by path, or by id within the scenarios folder; the first one if None."""
    from simulator.scenario import load_scenario, scenario_files

    folder = scenarios_dir()
    if name is None:
        files = scenario_files([folder]) if folder.is_dir() else []
        if not files:
            fail(f"No scenarios found in '{folder}'. Pass a scenario file, or set TALKDOWN_SCENARIOS.")
        name = str(files[0])
    path = Path(name)
    if not path.exists() and folder.is_dir():
        candidates = {p.stem: p for p in scenario_files([folder])}
        if name in candidates:
            path = candidates[name]
        else:
            from simulator.problems import did_you_mean

            hint = did_you_mean(name, candidates) or ("Known scenarios: " + ", ".join(sorted(candidates)) + ".")
            fail(f"{name}: no such scenario file or id. {hint}")
    try:
        return load_scenario(path)
    except DataFileError as exc:
        fail_problems(exc.problems)


class LazyGroup(click.Group):
    """Commands owned by other packages are imported only when they are run, so that
    `talkdown analyze --jsonl` does not pay for loading the scoring and the app."""

    lazy = {
        "analyze": ("simulator.language.commands", "analyze_command"),
        "score": ("simulator.debrief.commands", "score_command"),
        "export": ("simulator.debrief.commands", "export_command"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            import importlib

            module, attr = self.lazy[name]
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="talkdown")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Talkdown: practise verbal de-escalation against scripted role-players.

    With no command, opens the app.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(play)


@main.command()
@click.argument("scenario", required=False)
@click.option("--trainee", default=None, help="Trainee name (folder for transcripts).")
@click.option("--mode", type=click.Choice(["coach", "assess"]), default="coach", show_default=True)
@click.option("--seed", type=int, default=None, help="Seed for the subject's choices (default: random).")
@click.option("--transcripts", "transcripts_dir", type=click.Path(file_okay=False), default=DEFAULT_TRANSCRIPTS,
              show_default=True)
def play(scenario: str | None, trainee: str | None, mode: str, seed: int | None, transcripts_dir: str) -> None:
    """Open the app (straight into SCENARIO's briefing if given)."""
    try:
        from simulator.tui.app import run_app  # noqa: PLC0415 - the app is optional at this stage
    except ImportError:
        run_app = None
    if run_app is None:
        # Until the app exists: a headless session of the scenario.
        ctx = click.get_current_context()
        ctx.invoke(run, scenario=scenario, seed=seed, trainee=trainee or "trainee", mode=mode,
                   script=None, json_mode=False, transcripts_dir=transcripts_dir)
        return
    loaded = resolve_scenario(scenario) if scenario else None
    run_app(scenario=loaded, trainee=trainee, mode=mode, seed=seed, transcripts=Path(transcripts_dir),
            scenarios=scenarios_dir())


@main.command()
@click.argument("scenario", required=False)
@click.option("--seed", type=int, default=None, help="Seed (default: random, printed in the transcript).")
@click.option("--trainee", default="trainee", show_default=True)
@click.option("--mode", type=click.Choice(["coach", "assess"]), default="coach", show_default=True)
@click.option("--script", type=click.Path(dir_okay=False), default=None,
              help="Replies to play, one a line (# comments allowed), before standard input.")
@click.option("--json", "json_mode", is_flag=True, help="One JSON event a line, for programs.")
@click.option("--transcripts", "transcripts_dir", type=click.Path(file_okay=False), default=DEFAULT_TRANSCRIPTS,
              show_default=True)
def run(scenario: str | None, seed: int | None, trainee: str, mode: str, script: str | None,
        json_mode: bool, transcripts_dir: str) -> None:
    """A headless session on standard input and output."""
    import itertools
    import random

    from simulator.runner import HeadlessRun, is_interactive, script_lines, stdin_lines

    loaded = resolve_scenario(scenario)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    scripted: list[str] = []
    if script:
        try:
            scripted = script_lines(Path(script))
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"{script}: the script cannot be read ({exc}).")
    interactive = is_interactive(sys.stdin) and not json_mode
    try:
        runner = HeadlessRun(loaded, seed=seed, trainee=trainee, mode=mode, transcripts=Path(transcripts_dir),
                             json_mode=json_mode, out=sys.stdout)
    except OSError as exc:
        fail(f"{transcripts_dir}: cannot create the transcript there ({exc.strerror}).")
    live = stdin_lines(sys.stdin, "> " if interactive else None, sys.stdout)
    runner.run(itertools.chain(scripted, live))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "json_mode", is_flag=True, help="Problems as JSON lines.")
def check(paths: tuple[str, ...], json_mode: bool) -> None:
    """Validate and lint scenarios (and rubrics). Lists every problem in every file."""
    from simulator.checking import check_paths

    problems, checked = check_paths(list(paths) or [str(scenarios_dir()), os.environ.get("TALKDOWN_RUBRICS", "rubrics")])
    for p in problems:
        click.echo(json.dumps(p.to_dict()) if json_mode else p.format())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not json_mode:
        click.echo(f"{checked} file{'s' if checked != 1 else ''} checked: {errors} error"
                   f"{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}.")
    sys.exit(EXIT_BAD_INPUT if errors else 0)


@main.command()
@click.argument("code", required=False)
def codes(code: str | None) -> None:
    """List the error and warning codes (or explain one, e.g. `talkdown codes TD110`)."""
    from simulator.problems import CATALOGUE, did_you_mean

    if code is not None:
        entry = CATALOGUE.get(code.upper())
        if entry is None:
            fail(f"{code}: no such code. {did_you_mean(code.upper(), CATALOGUE) or 'Run `talkdown codes` for the list.'}")
        click.echo(f"{entry.code} ({entry.severity}, {entry.family} files): {entry.description}.")
        click.echo(f"Message: {entry.template}")
        return
    for entry in sorted(CATALOGUE.values(), key=lambda c: c.code):
        click.echo(f"{entry.code}  {entry.severity:<7}  {entry.family:<10}  {entry.description}")


@main.command()
@click.argument("paths", nargs=-1)
def test(paths: tuple[str, ...]) -> None:
    """Run the scenarios' scripted walkthroughs."""
    from simulator.engine.walkthrough import run_walkthroughs
    from simulator.scenario import load_scenario, scenario_files

    files = scenario_files(list(paths) or [scenarios_dir()])
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
            click.echo(f"{status} {r.scenario}: {r.name} (seed {r.seed}): {r.outcome} after {r.turns} turns, "
                       f"agitation {r.final_agitation:.0f} (peak {r.peak_agitation:.0f})")
            for why in r.failures:
                click.echo(f"     {why}")
            passed += r.passed
            failed += not r.passed
    click.echo(f"{passed} passed, {failed} failed")
    if bad_input:
        sys.exit(EXIT_BAD_INPUT)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("scenario")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True)
def graph(scenario: str, fmt: str) -> None:
    """Print the phase graph of SCENARIO."""
    from simulator.scenario.graph import to_dot, to_mermaid

    loaded = resolve_scenario(scenario)
    click.echo((to_mermaid if fmt == "mermaid" else to_dot)(loaded.scenario), nl=False)


@main.command()
@click.option("--rubric", is_flag=True, help="The schema of rubric files instead of scenario files.")
def schema(rubric: bool) -> None:
    """Print the JSON Schema of scenario (or rubric) files."""
    if rubric:
        from simulator.scoring.schema import rubric_schema as make
    else:
        from simulator.scenario.schema import scenario_schema as make

    click.echo(json.dumps(make(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("scenario_id")
@click.option("--dir", "folder", type=click.Path(file_okay=False), default=None,
              help="Where to write it (default: the scenarios folder).")
def new(scenario_id: str, folder: str | None) -> None:
    """Scaffold a new scenario file SCENARIO_ID.yaml to fill in."""
    import re
    from importlib.resources import files

    if not re.fullmatch(r"[a-z][a-z0-9-]*", scenario_id):
        fail(f"{scenario_id}: a scenario id is lower-case letters, digits and hyphens, starting with a "
             "letter (e.g. welfare-check-dementia).")
    target = Path(folder) if folder else scenarios_dir()
    path = target / f"{scenario_id}.yaml"
    if path.exists():
        fail(f"{path}: already exists; nothing was changed.")
    text = files("simulator.scenario").joinpath("template.yaml").read_text(encoding="utf-8")
    target.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("__ID__", scenario_id), encoding="utf-8")
    click.echo(f"Wrote {path}. Fill in the TODOs, then run: talkdown check {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
