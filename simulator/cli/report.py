"""`talkdown report`: progress per trainee and the cohort's weak spots, from saved sessions.

Exit status: 0, or 2 on bad input (no transcripts, unusable rubrics, a bad filter). A transcript
that cannot be read is listed as skipped with its reason, never fatal.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from simulator.cli.common import fail, fail_problems, paths
from simulator.sanitize import printable


@click.command("report")
@click.argument("folders", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("md", "csv")), default="md", show_default=True,
              help="md: for reading; csv: one row per trainee, scenario and rubric (docs/report.md).")
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
    second report is quick)."""
    import json

    from simulator.debrief.report import attempt_of, build_report, render_csv, render_markdown
    from simulator.live.rescore import rescore_many
    from simulator.problems import DataFileError
    from simulator.scenario import load_scenario, scenario_files
    from simulator.scoring import load_rubrics
    from simulator.transcripts import transcript_files

    where = paths()
    try:
        rubrics = load_rubrics(where.rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)
    roots = [Path(f) for f in folders] or [where.transcripts]
    files = [p for p in transcript_files(list(roots)) if p.is_file()]
    if not files:
        fail(f"{', '.join(map(str, roots))}: no transcripts (*.jsonl) here.")
    library: list[str] = []
    for path in scenario_files([where.scenarios]) if where.scenarios.is_dir() else []:
        try:
            library.append(load_scenario(path).scenario.id)
        except (DataFileError, OSError):
            continue
    since_day: date | None = since.date() if since else None
    wanted_trainees = {t.casefold() for t in trainees}
    attempts = []
    skipped = 0
    progress = len(files) >= 50 and sys.stderr.isatty()
    for done, result in enumerate(rescore_many(files, scenarios=where.scenarios, rubrics=rubrics,
                                               rubrics_path=where.rubrics,
                                               cache_path=where.cache_dir / "scores.sqlite"), 1):
        if progress:
            click.echo(f"\rscored {done:,} of {len(files):,}", err=True, nl=done == len(files))
        if isinstance(result, str):
            skipped += 1
            click.echo(f"skipped: {printable(result)}", err=True)
            continue
        attempt = attempt_of(json.loads(result.json))
        if attempt.outcome is None:
            continue  # unfinished (cut short by a crash): not an attempt to score
        if since_day and (not attempt.recorded or date.fromisoformat(attempt.recorded[:10]) < since_day):
            continue
        if wanted_trainees and attempt.trainee.casefold() not in wanted_trainees:
            continue
        if scenarios and attempt.scenario not in scenarios:
            continue
        attempts.append(attempt)
    report = build_report(attempts, [s for s in library if not scenarios or s in scenarios])
    text = render_csv(report) if fmt == "csv" else render_markdown(report)
    if skipped:
        click.echo(f"{skipped} transcript{'s' if skipped != 1 else ''} skipped (see above).", err=True)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the report ({exc.strerror or exc}).")
        click.echo(f"Report of {report.attempts} attempts written to {printable(output)}.")
    else:
        click.echo("\n".join(printable(line) for line in text.split("\n")), nl=False)
