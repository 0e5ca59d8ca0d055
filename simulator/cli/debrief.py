"""`talkdown score` and `talkdown export`.

Exit status: 0 when every rubric passes, 1 when any fails, 2 on bad input
(an unreadable transcript, rubric errors).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from simulator.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, fail_problems, paths
from simulator.debrief import render
from simulator.live.debriefs import debrief_of_file
from simulator.live.rescore import rescore_many
from simulator.problems import DataFileError, Problem
from simulator.sanitize import json_text, printable
from simulator.scoring import LoadedRubric, load_rubrics
from simulator.transcripts import TranscriptError, transcript_files

#: Export formats, and the file name extension of each.
EXPORT_FORMATS = ("md", "html", "xapi")
EXTENSIONS = {"md": "md", "html": "html", "xapi": "json"}
RUBRICS_HELP = "Rubric folder or file [default: $TALKDOWN_RUBRICS, or rubrics/ beside the scenarios]."


def _rubrics(path: str | None) -> list[LoadedRubric]:
    try:
        return load_rubrics(paths(rubrics=path).rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)


@click.command("score")
@click.argument("transcripts", nargs=-1, required=True)
@click.option("--json", "json_mode", is_flag=True,
              help="One JSON object a transcript, a line each: {\"rubrics\": [...], ...}.")
@click.option("--rubrics", "rubrics_path", default=None,
              help=RUBRICS_HELP)
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes scoring at once [default: one per core; one for a few transcripts].")
def score_command(transcripts: tuple[str, ...], json_mode: bool, rubrics_path: str | None,
                  workers: int | None) -> None:
    """(Re)score TRANSCRIPT files (or folders of them) against the current rubrics.

    The trainee's own lines are played again through the scenario (the engine is deterministic)
    and the replay is scored: nothing the file says the lines did is trusted. A file whose events
    differ from the replay is scored from the replay, with a warning naming the first turn that
    differs; when the scenario file has changed since, every line is analysed again instead.
    Scores are remembered (by file, scenario, rubrics and version) in the cache folder
    ($TALKDOWN_CACHE_DIR, ~/.cache/talkdown), so scoring the same files again is quick. A session
    recorded on this installation is scored when it ends and vouched for by a digest of its exact
    bytes: while the file is unchanged it is never replayed ("how": "recorded" in --json).
    Exit status: 0 all rubrics pass, 1 any fails, 2 bad input.
    """
    rubrics = _rubrics(rubrics_path)
    files = transcript_files(list(transcripts))
    bad = False
    failed = False
    if not files:
        for folder in transcripts:
            click.echo(Problem.of("TD409", file=folder).format(), err=True)
        sys.exit(EXIT_BAD_INPUT)
    where = paths(rubrics=rubrics_path)
    progress = len(files) >= 50 and sys.stderr.isatty()
    scored = rescore_many(files, scenarios=where.scenarios, rubrics=rubrics, rubrics_path=where.rubrics,
                          cache_path=where.cache_dir / "scores.sqlite", workers=workers)
    for done, result in enumerate(scored, 1):
        if progress:
            click.echo(f"\rscored {done:,} of {len(files):,}", err=True, nl=done == len(files))
        if isinstance(result, str):  # the transcript cannot be read
            click.echo(result, err=True)
            bad = True
            continue
        failed = failed or not result.passed
        click.echo(result.json if json_mode else "\n".join(printable(line) for line in result.text.splitlines()))
    sys.exit(EXIT_BAD_INPUT if bad else EXIT_FAILED if failed else 0)


@click.command("export")
@click.argument("transcripts", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="md", show_default=True,
              help="md: Markdown debrief; html: one self-contained, printable page (the curve as a chart); "
                   "xapi: the session's xAPI statements as a JSON array (docs/xapi.md).")
@click.option("--output", "-o", type=click.Path(), default=None,
              help="One transcript: write to this file instead of standard output. Several, or a folder: "
                   "the folder to write one file each and an index into.")
@click.option("--rubrics", "rubrics_path", default=None,
              help=RUBRICS_HELP)
def export_command(transcripts: tuple[str, ...], fmt: str, output: str | None, rubrics_path: str | None) -> None:
    """Export the debrief of TRANSCRIPTS (files or folders): outcome, scores with evidence, the
    whole dialogue, agitation, cues and instructors' notes; or, with --format xapi, the statements
    `talkdown sync` sends (the trainee's account on $TALKDOWN_XAPI_HOME_PAGE). Several transcripts,
    or a folder, are written one file each into the folder given with -o, with an index."""
    rubrics = _rubrics(rubrics_path)
    batch = len(transcripts) > 1 or any(Path(t).is_dir() for t in transcripts)
    if not batch:
        text = _export_one(Path(transcripts[0]), fmt, rubrics)
        if text is None:
            sys.exit(EXIT_BAD_INPUT)
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as exc:
                click.echo(f"{output}: cannot write the export ({exc.strerror}).", err=True)
                sys.exit(EXIT_BAD_INPUT)
        else:
            click.echo(text, nl=False)
        return
    files = transcript_files(list(transcripts))
    if not files:
        for folder_given in transcripts:
            click.echo(Problem.of("TD409", file=folder_given).format(), err=True)
        sys.exit(EXIT_BAD_INPUT)
    if not output:
        click.echo("Several transcripts are exported into a folder: give it with -o DIR.", err=True)
        sys.exit(EXIT_BAD_INPUT)
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        click.echo(f"{folder}: cannot write the exports there ({exc.strerror or exc}).", err=True)
        sys.exit(EXIT_BAD_INPUT)
    written: list[tuple[Path, Path]] = []
    skipped = 0
    for path in files:
        text = _export_one(path, fmt, rubrics)
        if text is None:
            skipped += 1
            continue
        target = folder / f"{path.parent.name}--{path.stem}.{EXTENSIONS[fmt]}"
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            click.echo(f"{target}: cannot write the export ({exc.strerror or exc}).", err=True)
            sys.exit(EXIT_BAD_INPUT)
        written.append((path, target))
    index = folder / f"index.{EXTENSIONS[fmt]}"
    index.write_text(_index(written, fmt), encoding="utf-8")
    tail = f"; {skipped} transcript{'s' if skipped != 1 else ''} skipped (see above)." if skipped else "."
    click.echo(f"{len(written)} debrief{'s' if len(written) != 1 else ''} and an index written to "
               f"{printable(str(folder))}{tail}")
    if skipped:
        sys.exit(EXIT_BAD_INPUT)


def _export_one(path: Path, fmt: str, rubrics: list[LoadedRubric]) -> str | None:
    """One transcript's debrief (None, with the reason on standard error, when it cannot be read)."""
    try:
        if fmt == "xapi":
            return _xapi(path, rubrics)
        debrief = debrief_of_file(path, paths().scenarios, rubrics)  # scored from the trainee's own lines
    except TranscriptError as exc:
        click.echo(str(exc), err=True)
        return None
    if fmt == "html":
        from simulator.debrief.html import render_html

        return render_html(debrief)
    return render(debrief, "md")


def _xapi(path: Path, rubrics: list[LoadedRubric]) -> str:
    """The session's statements, as `talkdown sync` sends them (scored from the replay)."""
    from simulator.settings import LrsSettings
    from simulator.xapi.replayed import statements_of_file
    from simulator.xapi.statements import DEFAULT_HOME_PAGE

    statements, _ = statements_of_file(path, paths().scenarios, rubrics,
                                       home_page=LrsSettings().home_page or DEFAULT_HOME_PAGE)
    return json_text(statements, indent=2) + "\n"


def _index(written: list[tuple[Path, Path]], fmt: str) -> str:
    """The list of exports, by trainee then file name (so by time)."""
    rows = sorted(written, key=lambda pair: (pair[0].parent.name, pair[0].name))
    if fmt == "xapi":
        listed = [{"transcript": f"{src.parent.name}/{src.name}", "file": target.name} for src, target in rows]
        return json_text(listed, indent=2) + "\n"
    if fmt == "html":
        from simulator.debrief.html import render_index_html

        return render_index_html([(f"{src.parent.name}: {src.stem}", target.name) for src, target in rows])
    lines = ["# Debriefs", ""] + [f"- [{src.parent.name}: {src.stem}]({target.name})" for src, target in rows]
    return "\n".join(lines) + "\n"
