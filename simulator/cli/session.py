"""`talkdown play` (the app) and `talkdown run` (a headless session)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from simulator.cli.common import fail, paths, resolve_scenario
from simulator.sanitize import printable
from simulator.vocabulary import MAX_SEED, MIN_SEED

if TYPE_CHECKING:
    from simulator.scenario import LoadedScenario

TRANSCRIPTS_HELP = "Where sessions are saved [default: $TALKDOWN_TRANSCRIPTS or transcripts/]."
#: A seed is a signed 64-bit number, what a transcript can hold.
SEED = click.IntRange(MIN_SEED, MAX_SEED)


@click.command()
@click.argument("scenario", required=False)
@click.option("--trainee", default=None, help="Trainee name (folder for transcripts).")
@click.option("--mode", type=click.Choice(["coach", "assess"]), default="coach", show_default=True)
@click.option("--seed", type=SEED, default=None, help="Seed for the subject's choices (default: random).")
@click.option("--transcripts", "transcripts_dir", type=click.Path(file_okay=False), default=None,
              help=TRANSCRIPTS_HELP)
def play(scenario: str | None, trainee: str | None, mode: str, seed: int | None, transcripts_dir: str | None) -> None:
    """Open the app (straight into SCENARIO's briefing if given)."""
    from simulator.tui.app import run_app

    where = paths(transcripts=transcripts_dir)
    loaded = resolve_scenario(scenario, where.scenarios) if scenario else None
    status = run_app(paths=where, scenario=loaded, trainee=trainee, mode=mode, seed=seed)
    if status:
        sys.exit(status)


@click.command()
@click.argument("scenario", required=False)
@click.option("--seed", type=SEED, default=None, help="Seed (default: random, printed in the transcript).")
@click.option("--trainee", default="trainee", show_default=True)
@click.option("--mode", type=click.Choice(["coach", "assess"]), default="coach", show_default=True)
@click.option("--script", type=click.Path(dir_okay=False), default=None,
              help="Replies to play, one a line (# comments allowed), before standard input.")
@click.option("--json", "json_mode", is_flag=True, help="One JSON event a line, for programs.")
@click.option("--transcripts", "transcripts_dir", type=click.Path(file_okay=False), default=None,
              help=TRANSCRIPTS_HELP)
@click.option("--variant", "pins", multiple=True, metavar="DIMENSION=OPTION",
              help="Pin a variant dimension instead of drawing it (for authors testing each). Repeatable.")
def run(scenario: str | None, seed: int | None, trainee: str, mode: str, script: str | None,
        json_mode: bool, transcripts_dir: str | None, pins: tuple[str, ...]) -> None:
    """A headless session on standard input and output."""
    import io
    import itertools
    import random
    from pathlib import Path

    from simulator.debrief import rubrics_or_problem
    from simulator.live.headless import HeadlessRun, StopSignals, is_interactive, script_lines, stdin_lines
    from simulator.transcripts import TranscriptSaveError

    where = paths(transcripts=transcripts_dir)
    loaded = resolve_scenario(scenario, where.scenarios)
    variant = _pinned(loaded, pins)
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    scripted: list[str] = []
    if script:
        try:
            scripted = script_lines(Path(script))
        except OSError as exc:
            fail(f"{printable(script)}: the script cannot be read ({exc.strerror or exc}).")
        except ValueError as exc:
            fail(f"{printable(script)}: the script cannot be read: {exc}.")
    rubrics, problem = rubrics_or_problem(where.rubrics)
    runner = HeadlessRun(loaded, seed=seed, trainee=trainee, mode=mode, transcripts=where.transcripts,
                         json_mode=json_mode, out=sys.stdout, rubrics=rubrics, rubrics_problem=problem,
                         variant=variant, vouch_cache=where.cache_dir / "scores.sqlite")
    # UTF-8 whatever the locale; bytes that are not UTF-8 become U+FFFD and the turn is kept
    stdin = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
             if hasattr(sys.stdin, "buffer") else sys.stdin)
    live = stdin_lines(stdin, "> " if is_interactive(sys.stdin) and not json_mode else None, sys.stdout)
    stops = StopSignals()
    stops.install()  # SIGTERM, SIGHUP, SIGINT, SIGQUIT: the session still ends with a closed `ended` event
    try:
        runner.run(itertools.chain(scripted, live), stops)
    except TranscriptSaveError as exc:
        fail(exc.problem("--transcripts or TALKDOWN_TRANSCRIPTS").format())


def _pinned(loaded: LoadedScenario, pins: tuple[str, ...]) -> dict[str, str]:
    """`--variant dim=option` pins, checked against the scenario's variants."""
    from simulator.problems import did_you_mean

    out: dict[str, str] = {}
    known = {v.id: [o.id for o in v.options] for v in loaded.scenario.variants}
    for pin in pins:
        dim, _, option = pin.partition("=")
        if dim not in known:
            hint = did_you_mean(dim, known) or ("This scenario's variants: " + ", ".join(known) + "."
                                                if known else "This scenario has no variants.")
            fail(f"--variant {pin}: no variant dimension called '{dim}'. {hint}")
        if option not in known[dim]:
            hint = did_you_mean(option, known[dim]) or "Options: " + ", ".join(known[dim]) + "."
            fail(f"--variant {pin}: '{dim}' has no option '{option}'. {hint}")
        out[dim] = option
    return out
