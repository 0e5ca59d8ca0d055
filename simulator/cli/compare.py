"""`talkdown compare`: two attempts side by side, as Markdown or one printable HTML page.

Exit status: 0, or 2 on bad input (a transcript that cannot be read, unusable rubrics, fewer
than two finished attempts to compare, a file that cannot be written).
"""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.common import fail, fail_problems, paths
from simulator.sanitize import printable

USAGE = "Give two transcripts (FIRST SECOND), or --trainee NAME and --scenario ID."


@click.command("compare")
@click.argument("transcripts", nargs=-1, metavar="[FIRST SECOND]")
@click.option("--format", "fmt", type=click.Choice(("md", "html")), default="md", show_default=True,
              help="md: Markdown tables; html: one self-contained, printable page (both curves on one chart).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@click.option("--keep-order", is_flag=True,
              help="Show the transcripts in the order given [default: the earlier recorded first].")
@click.option("--trainee", default=None, help="With --scenario: this trainee's first and latest finished attempt.")
@click.option("--scenario", "scenario_id", default=None, help="With --trainee: the scenario id.")
@click.option("--rubrics", "rubrics_path", default=None,
              help="Rubric folder or file [default: $TALKDOWN_RUBRICS, or rubrics/ beside the scenarios].")
def compare_command(transcripts: tuple[str, ...], fmt: str, output: str | None, keep_order: bool,
                    trainee: str | None, scenario_id: str | None, rubrics_path: str | None) -> None:
    """Compare two attempts: the score per rubric with the change, both agitation curves, the
    dialogue aligned by the scenario's phases, the techniques used and the cues recognised in each.
    Typically one trainee's first and latest attempt at a scenario (--trainee and --scenario find
    them in the transcripts folder); any two may be compared, and the page says so at the top
    when they are of different scenarios or trainees. Each is scored from its replay."""
    from simulator.debrief.compare import compare, in_time_order, render_compare_md
    from simulator.live.debriefs import debrief_of_file
    from simulator.problems import DataFileError
    from simulator.scoring import load_rubrics
    from simulator.transcripts import TranscriptError

    where = paths(rubrics=rubrics_path)
    files = _chosen(transcripts, trainee, scenario_id, where.transcripts)
    try:
        rubrics = load_rubrics(where.rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)
    debriefs = []
    for path in files:
        try:
            debriefs.append(debrief_of_file(path, where.scenarios, rubrics))
        except TranscriptError as exc:
            fail(f"{printable(str(exc))} Nothing was compared.")
    first, second = debriefs
    if not keep_order:
        first, second = in_time_order(first, second)
    comparison = compare(first, second)
    if fmt == "html":
        from simulator.debrief.html import render_compare_html

        text = render_compare_html(comparison)
    else:
        text = render_compare_md(comparison)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{printable(output)}: cannot write the comparison ({exc.strerror or exc}).")
        click.echo(f"Comparison of {printable(str(files[0]))} and {printable(str(files[1]))} "
                   f"written to {printable(output)}.")
    else:  # to a terminal, perhaps: anything typed that would steer it is shown as an escape
        click.echo("\n".join(printable(line) for line in text.split("\n")), nl=False)


def _chosen(transcripts: tuple[str, ...], trainee: str | None, scenario_id: str | None,
            folder: Path) -> list[Path]:
    """The two transcripts to compare: as given, or the trainee's first and latest finished attempt."""
    from simulator.debrief.compare import finished_attempts

    if trainee is None and scenario_id is None:
        if len(transcripts) != 2:
            fail(f"compare takes two transcripts; {len(transcripts)} given. {USAGE}")
        return [Path(t) for t in transcripts]
    if transcripts:
        fail(f"Give two transcripts or --trainee and --scenario, not both. {USAGE}")
    if trainee is None or scenario_id is None:
        fail(f"--trainee and --scenario go together. {USAGE}")
    found, skipped = finished_attempts(folder, trainee, scenario_id)
    for reason in skipped:
        click.echo(f"skipped: {printable(reason)}", err=True)
    if len(found) < 2:
        count = "no finished attempt" if not found else "only one finished attempt"
        fail(f"{printable(trainee)} has {count} at {printable(scenario_id)} in {printable(str(folder))}; "
             "two are needed to compare (sessions cut short do not count). Play it again, or give two "
             "transcripts.")
    return [found[0], found[-1]]
