"""`talkdown plan`: which scenarios to drill, in which order, from an agency's calls for service
and the cohort's results (issue 13, point 6; docs/plan.md).

Exit status: 0, or 2 on bad input (a calls file that cannot be read or used, named with its line
and column; a folder that does not exist; unusable rubrics). A call type with no scenario is
listed in the plan, never fatal; so is a transcript that cannot be read (on standard error).
"""

from __future__ import annotations

from pathlib import Path

import click

from simulator.cli.common import fail, paths
from simulator.sanitize import printable


@click.command("plan")
@click.argument("calls_file", metavar="CALLS.csv")
@click.argument("folders", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("md", "csv")), default="md", show_default=True,
              help="md: for reading; csv: one row per scenario in drill order, then the call types with no "
                   "scenario (docs/plan.md).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only results recorded on or after this day (YYYY-MM-DD, UTC).")
@click.option("--trainee", "trainees", multiple=True,
              help="Only this trainee (repeat for several); one with no results yet counts as untried everywhere.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
def plan_command(calls_file: str, folders: tuple[str, ...], fmt: str, since, trainees: tuple[str, ...],
                 output: str | None) -> None:
    """Rank the scenarios to drill by how often their call type happens (CALLS.csv: call_type,count)
    times how weak the cohort is on them (the share of trainees who have not passed yet), from the
    transcripts in FOLDERS [default: the transcripts folder]; and per trainee, the scenarios to
    drill first."""
    from simulator.cli.report import deliver, library_of, scored_attempts
    from simulator.debrief.plan import CallsError, Offered, build_plan, read_calls, render_csv, render_markdown
    from simulator.transcripts import transcript_files

    try:
        calls = read_calls(Path(calls_file))
    except CallsError as exc:
        fail(printable(str(exc)))
    for folder in folders:
        if not Path(folder).is_dir():
            fail(f"{printable(folder)}: no such folder of transcripts.")
    where = paths()
    roots = [Path(f) for f in folders] or [where.transcripts]
    if any(p.is_file() for p in transcript_files(list(roots))):
        scored = scored_attempts(folders, since, trainees, ())
        attempts, library = scored.attempts, scored.library
    else:
        click.echo(f"{', '.join(map(str, roots))}: no transcripts yet; every scenario counts as untried.", err=True)
        attempts, library = [], library_of(where.scenarios)
    if not library:
        fail(f"{where.scenarios}: no scenarios to plan with (each scenario's tags.call_type is matched to the "
             f"call types of {printable(calls_file)}).")
    played = {a.trainee.casefold() for a in attempts}
    plan = build_plan(calls, [Offered(s.id, s.tags.call_type) for s in library], attempts,
                      cohort=[t for t in trainees if t.casefold() not in played])
    text = render_csv(plan) if fmt == "csv" else render_markdown(plan)
    deliver(text, output, f"Plan of {len(plan.drills)} scenarios")
