"""`talkdown report`: progress per trainee and the cohort's weak spots, from saved sessions.

Exit status: 0, or 2 on bad input (no transcripts, unusable rubrics, a bad filter). A transcript
that cannot be read is listed as skipped with its reason, never fatal. The scoring of the
sessions (:func:`scored_attempts`) is shared with `talkdown plan`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.cli.common import fail, fail_problems, paths
from simulator.sanitize import printable

if TYPE_CHECKING:
    from simulator.debrief.report import Attempt, Skipped
    from simulator.scenario.model import Scenario

#: why a session with no ending is not counted
UNFINISHED = "no ending (cut short by a crash, or still being played): not an attempt"


@dataclass
class Scored:
    """The attempts under some folders that pass the filters, and what was not counted."""

    attempts: list[Attempt]
    skipped: list[Skipped]
    library: list[Scenario]
    """Every scenario of the scenarios folder that loads, in file order."""
    pass_marks: dict[str, float]
    """Per rubric id, as the rubrics say."""
    replayed: int
    remembered: int
    vouched: int = 0
    """Scored now without a replay: files this installation recorded, or replayed before, byte for byte."""


def _reason(path: Path, message: str) -> str:
    """Why a file was skipped, without its path in front (it is listed beside it)."""
    rest = message.removeprefix(str(path))
    if rest == message:
        return message
    line, sep, after = rest.lstrip(":").partition(":")
    return f"line {line}:{after}" if sep and line.isdigit() else rest.lstrip(": ")


def library_of(folder: Path) -> list[Scenario]:
    from simulator.problems import DataFileError
    from simulator.scenario import load_scenario, scenario_files

    library = []
    for path in scenario_files([folder]) if folder.is_dir() else []:
        try:
            library.append(load_scenario(path).scenario)
        except (DataFileError, OSError):
            continue
    return library


def scored_attempts(folders: tuple[str, ...], since: datetime | None, trainees: tuple[str, ...],
                    scenarios: tuple[str, ...]) -> Scored:
    """Every session under ``folders`` (default: the transcripts folder) scored from its replay or
    remembered, filtered; an unreadable file is named on standard error and listed as skipped."""
    import json

    from simulator.debrief.report import Skipped, attempt_of
    from simulator.live.rescore import rescore_many
    from simulator.problems import DataFileError
    from simulator.scoring import load_rubrics
    from simulator.transcripts import transcript_files

    where = paths()
    try:
        rubrics = load_rubrics(where.rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)
    roots = [Path(f) for f in folders] or [where.transcripts]
    files = transcript_files(list(roots))  # one that is not a regular file is listed as skipped, with why
    if not files:
        fail(f"{', '.join(map(str, roots))}: no transcripts (*.jsonl) here.")
    since_day: date | None = since.date() if since else None
    wanted_trainees = {t.casefold() for t in trainees}
    out = Scored([], [], library_of(where.scenarios), {r.id: float(r.rubric.pass_mark) for r in rubrics}, 0, 0)
    progress = len(files) >= 50 and sys.stderr.isatty()
    for done, (path, result) in enumerate(zip(files, rescore_many(
            files, scenarios=where.scenarios, rubrics=rubrics, rubrics_path=where.rubrics,
            cache_path=where.cache_dir / "scores.sqlite"), strict=True), 1):
        if progress:
            click.echo(f"\rscored {done:,} of {len(files):,}", err=True, nl=done == len(files))
        if isinstance(result, str):
            click.echo(f"skipped: {printable(result)}", err=True)
            out.skipped.append(Skipped(str(path), _reason(path, result)))
            continue
        data = json.loads(result.json)
        if result.remembered:
            out.remembered += 1
        elif data.get("scored_from", {}).get("how") == "recorded":
            out.vouched += 1
        else:
            out.replayed += 1
        attempt = attempt_of(data)
        if since_day and (not attempt.recorded or date.fromisoformat(attempt.recorded[:10]) < since_day):
            continue
        if wanted_trainees and attempt.trainee.casefold() not in wanted_trainees:
            continue
        if scenarios and attempt.scenario not in scenarios:
            continue
        if attempt.outcome is None:  # cut short by a crash: not an attempt to score
            out.skipped.append(Skipped(str(path), UNFINISHED))
            continue
        out.attempts.append(attempt)
    unreadable = len(files) - out.replayed - out.remembered - out.vouched
    click.echo(f"{len(files):,} transcript{'s' if len(files) != 1 else ''}: {out.replayed:,} scored from their "
               f"replay, " + (f"{out.vouched:,} scored without one (recorded or replayed here before, byte for "
                              f"byte), " if out.vouched else "") + f"{out.remembered:,} remembered"
               + (f", {unreadable:,} skipped (see above)." if unreadable else "."), err=True)
    return out


@click.command("report")
@click.argument("folders", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("md", "html", "csv")), default="md", show_default=True,
              help="md: for reading; html: one printable page with a trend chart per trainee; "
                   "csv: one row per trainee, scenario and rubric (docs/report.md).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only sessions recorded on or after this day (YYYY-MM-DD, UTC).")
@click.option("--trainee", "trainees", multiple=True, help="Only this trainee (repeat for several).")
@click.option("--scenario", "scenarios", multiple=True, help="Only this scenario id (repeat for several).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
def report_command(folders: tuple[str, ...], fmt: str, since, trainees: tuple[str, ...],
                   scenarios: tuple[str, ...], output: str | None) -> None:
    """Progress per trainee (attempts, first, best and latest score per rubric, passed yet or not,
    the trend) and the cohort's most missed criteria and cues, from the transcripts in FOLDERS
    [default: the transcripts folder]. Each session is scored from its replay (remembered, so a
    second report is quick); files that cannot be counted are listed with their reason."""
    from simulator.debrief.html import render_report_html
    from simulator.debrief.report import build_report, render_csv, render_markdown

    scored = scored_attempts(folders, since, trainees, scenarios)
    library = [s.id for s in scored.library if not scenarios or s.id in scenarios]
    report = build_report(scored.attempts, library, scored.skipped, scored.pass_marks)
    if fmt == "csv":
        text = render_csv(report)
    elif fmt == "html":
        text = render_report_html(report)
    else:
        text = render_markdown(report)
    deliver(text, output, f"Report of {report.attempts} attempts")


def deliver(text: str, output: str | None, what: str) -> None:
    """Write ``text`` to the file ``output`` (saying so: "``what`` written to ..."), or print it
    with anything a trainee typed made safe for the terminal."""
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror or exc}).")
        click.echo(f"{what} written to {printable(output)}.")
    else:
        click.echo("\n".join(printable(line) for line in text.split("\n")), nl=False)
