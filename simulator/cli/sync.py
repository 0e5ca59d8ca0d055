"""`talkdown sync`: send every unsent xAPI statement to the Learning Record Store (issue 14).

Exit status: 0 when everything is sent, 1 when some statements wait (the LRS did not answer,
refused the credentials, or rejected a statement), 2 on bad input (no LRS, unreadable rubrics,
no transcripts).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, fail, fail_problems, paths
from simulator.sanitize import printable

if TYPE_CHECKING:
    from simulator.xapi.sync import SyncReport


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@click.command("sync")
@click.argument("transcripts", nargs=-1)
@click.option("--lrs", "url", default=None, metavar="URL",
              help="The LRS's xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/ [default: $TALKDOWN_LRS_URL].")
@click.option("--key", default=None, help="HTTP Basic user of the LRS [default: $TALKDOWN_LRS_KEY].")
@click.option("--secret", default=None, help="Its password [default: $TALKDOWN_LRS_SECRET].")
@click.option("--home-page", default=None, metavar="URL",
              help="Home page of the trainees' xAPI accounts [default: $TALKDOWN_XAPI_HOME_PAGE, "
                   "or https://talkdown.example/trainees].")
@click.option("--retries", type=click.IntRange(min=0, max=20), default=3, show_default=True,
              help="How often a request with no answer (or a server error) is tried again.")
@click.option("--backoff", type=click.FloatRange(min=0, max=60), default=1.0, show_default=True,
              help="Seconds to wait before the first retry; each later wait is twice as long.")
@click.option("--rubrics", "rubrics_path", default=None,
              help="Rubric folder or file [default: $TALKDOWN_RUBRICS, or rubrics/ beside the scenarios].")
def sync_command(transcripts: tuple[str, ...], url: str | None, key: str | None, secret: str | None,
                 home_page: str | None, retries: int, backoff: float, rubrics_path: str | None) -> None:
    """Send the xAPI statements of TRANSCRIPTS (files or folders; by default every saved session)
    that the LRS has not acknowledged yet.

    Each ended session's statements are queued once in an outbox beside its transcript
    (T.xapi-outbox.ndjson) and marked there as the LRS acknowledges them, so a sync that stops (the
    LRS down, a crash) goes on where it stopped, and the LRS stores each statement once.  The
    statements and their scores come from a replay of the trainee's own lines (docs/xapi.md).
    Exit status: 0 all sent, 1 some wait or were rejected, 2 bad input.
    """
    from simulator.problems import DataFileError, Problem
    from simulator.scoring import load_rubrics
    from simulator.settings import LrsSettings
    from simulator.transcripts import transcript_files
    from simulator.xapi.lrs import Lrs
    from simulator.xapi.statements import DEFAULT_HOME_PAGE
    from simulator.xapi.sync import Sender, sync_files

    settings = LrsSettings(url=url, key=key, secret=secret, home_page=home_page)
    if not settings.url:
        fail("No LRS to send to: give its xAPI endpoint with --lrs URL or set TALKDOWN_LRS_URL "
             "(with --key/--secret or TALKDOWN_LRS_KEY/TALKDOWN_LRS_SECRET).")
    try:
        lrs = Lrs(settings.url, settings.key, settings.secret)
    except ValueError as exc:
        fail(f"--lrs: {exc}.")
    where = paths(rubrics=rubrics_path)
    try:
        rubrics = load_rubrics(where.rubrics)
    except DataFileError as exc:
        fail_problems(exc.problems)
    given: list[str | Path] = [*transcripts] or [where.transcripts]
    files = transcript_files(given)
    if not files:
        for folder in given:
            click.echo(Problem.of("TD409", file=str(folder)).format(), err=True)
        sys.exit(EXIT_BAD_INPUT)
    report = sync_files(files, Sender(lrs, retries=retries, backoff=backoff), scenarios=where.scenarios,
                        rubrics=rubrics, home_page=settings.home_page or DEFAULT_HOME_PAGE)
    for s in report.sessions:
        name = printable(f"{s.transcript.parent.name}/{s.transcript.name}")
        if s.problem:
            click.echo(printable(s.problem), err=True)
        elif s.sent or s.rejected:
            click.echo(f"{name}: {_plural(s.sent, 'statement')} sent"
                       + (f", {len(s.rejected)} rejected" if s.rejected else "")
                       + (f", {s.waiting} waiting" if s.waiting else "") + ".")
        for sid, why in s.rejected:
            click.echo(f"{name}: statement {sid} rejected: {printable(why)}.", err=True)
    _summary(report, lrs.endpoint, len(files))
    sys.exit(EXIT_BAD_INPUT if any(s.problem for s in report.sessions) else 0 if report.ok else EXIT_FAILED)


def _summary(report: SyncReport, endpoint: str, files: int) -> None:
    unfinished = sum(1 for s in report.sessions if s.unfinished)
    sessions = sum(1 for s in report.sessions if s.sent)
    line = (f"Sent {_plural(report.sent, 'statement')} from {_plural(sessions, 'session')} to "
            f"{printable(endpoint)}." if report.sent else
            f"Nothing new to send to {printable(endpoint)}.")
    line += f" {_plural(files, 'transcript')} looked at"
    line += f"; {_plural(unfinished, 'session')} not finished (queued once it ends)." if unfinished else "."
    click.echo(line)
    if report.rejected:
        click.echo(f"{_plural(report.rejected, 'statement')} rejected by the LRS (see above); they are not "
                   "sent again.", err=True)
    if report.stopped:
        click.echo(f"Sending stopped: {printable(report.stopped)}. {_plural(report.waiting, 'statement')} "
                   f"wait in the outboxes; run `talkdown sync` again to send them.", err=True)
