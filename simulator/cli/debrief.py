"""`talkdown score` and `talkdown export`.

Exit status: 0 when every rubric passes, 1 when any fails, 2 on bad input
(an unreadable transcript, rubric errors).
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from simulator.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, fail_problems, paths
from simulator.debrief import debrief_for, find_scenario, render, score_events
from simulator.problems import DataFileError, Problem
from simulator.sanitize import printable
from simulator.scoring import LoadedRubric, ScoreReport, load_rubrics
from simulator.transcripts import TranscriptError, TranscriptFile, open_transcript, transcript_files

#: Export formats: only Markdown so far.
EXPORT_FORMATS = ("md", "html", "xapi")
AVAILABLE_FORMATS = ("md",)
RUBRICS_HELP = "Rubric folder or file [default: $TALKDOWN_RUBRICS, or rubrics/ beside the scenarios]."


def _rubrics(path: str | None) -> list[LoadedRubric]:
    try:
        return load_rubrics(paths(rubrics=path).rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)


def _scenario_for(t: TranscriptFile):
    loaded, warning = find_scenario(t.header.scenario.id, paths().scenarios)
    warnings = [warning] if warning else []
    warnings += [p.message for p in t.problems]
    return loaded, warnings


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Reading and scoring a transcript builds a few objects a turn that hold no reference cycles
    (reference counting frees them); the cycle collector's passes over them took 40% of the time
    of a 100,000-turn transcript, and more than linearly. Paused while one transcript is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _score(path: Path, rubrics: list[LoadedRubric]) -> ScoreReport:
    """One transcript scored in one pass over its events (they are not kept: a 100,000-turn
    transcript is scored in bounded memory). TranscriptError at its first bad line."""
    with _without_cycle_collection(), open_transcript(path) as t:
        scenario, warnings = _scenario_for(t)
        return score_events(t.events(), rubrics, transcript=str(path), scenario=scenario, warnings=warnings)


def _print_text(report: ScoreReport) -> None:
    # a transcript is data: a trainee name or a warning with escape sequences is shown, not obeyed
    def echo(line: str) -> None:
        click.echo(printable(line))

    echo(f"{report.transcript}: {report.scenario.get('id')}, trainee {report.trainee}, "
         f"{report.outcome or 'unfinished'} after {report.turns} turn{'s' if report.turns != 1 else ''}")
    for w in report.warnings:
        echo(f"  warning: {w}")
    for r in report.rubrics:
        echo(f"  {r.id:<22} {r.percent:5.1f}%  {'PASS' if r.passed else 'FAIL'}  (pass mark {r.pass_mark:g}%)")
        for c in r.criteria:
            mark = "-" if not c.applicable else ("✓" if c.met else "✗")
            points = c.points_text
            turns = sorted({e.turn for e in c.evidence if e.counted and e.kind in ("technique", "action")})
            cited = f" [turn{'s' if len(turns) != 1 else ''} {', '.join(map(str, turns))}]" if turns else ""
            echo(f"    {mark} {c.id:<26} {points:>8}  {c.observed}{cited}")


@click.command("score")
@click.argument("transcripts", nargs=-1, required=True)
@click.option("--json", "json_mode", is_flag=True,
              help="One JSON object a transcript, a line each: {\"rubrics\": [...], ...}.")
@click.option("--rubrics", "rubrics_path", default=None,
              help=RUBRICS_HELP)
def score_command(transcripts: tuple[str, ...], json_mode: bool, rubrics_path: str | None) -> None:
    """(Re)score TRANSCRIPT files (or folders of them) against the current rubrics.

    The score is recomputed from the events; nothing stored in the file is trusted.
    Exit status: 0 all rubrics pass, 1 any fails, 2 bad input.
    """
    rubrics = _rubrics(rubrics_path)
    paths = transcript_files(list(transcripts))
    bad = False
    failed = False
    if not paths:
        for folder in transcripts:
            click.echo(Problem.of("TD409", file=folder).format(), err=True)
        sys.exit(EXIT_BAD_INPUT)
    for path in paths:
        try:
            report = _score(path, rubrics)
        except TranscriptError as exc:
            click.echo(str(exc), err=True)
            bad = True
            continue
        failed = failed or not report.passed
        if json_mode:
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            _print_text(report)
    sys.exit(EXIT_BAD_INPUT if bad else EXIT_FAILED if failed else 0)


@click.command("export")
@click.argument("transcript")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="md", show_default=True,
              help="md: printable Markdown debrief. html and xapi are planned, not available yet.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--rubrics", "rubrics_path", default=None,
              help=RUBRICS_HELP)
def export_command(transcript: str, fmt: str, output: str | None, rubrics_path: str | None) -> None:
    """Export TRANSCRIPT's debrief: outcome, scores with evidence, agitation, cues."""
    if fmt not in AVAILABLE_FORMATS:
        click.echo(f"--format {fmt} is not available yet in this version; use --format md.", err=True)
        sys.exit(EXIT_BAD_INPUT)
    rubrics = _rubrics(rubrics_path)
    try:
        with _without_cycle_collection(), open_transcript(transcript) as t:
            scenario, warnings = _scenario_for(t)
            debrief = debrief_for(t.events(), scenario=scenario, rubrics=rubrics, transcript=transcript,
                                  warnings=warnings)
    except TranscriptError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_BAD_INPUT)
    text = render(debrief, "md")
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            click.echo(f"{output}: cannot write the export ({exc.strerror}).", err=True)
            sys.exit(EXIT_BAD_INPUT)
    else:
        click.echo(text, nl=False)
