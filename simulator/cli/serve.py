"""`talkdown serve`: class mode, the app in each recruit's browser (textual-serve, DESIGN 6).

One app process per browser; every session saves into this server's transcripts folder, one
folder per trainee, flushed every turn as in the terminal. There is no authentication: the
server listens on loopback unless told otherwise, and says so when it is.

Exit status: 0 when stopped (Ctrl+C, SIGTERM), 2 on bad input (a host other than loopback
without --allow-remote, every address without --public-url, no scenarios, a transcripts folder
that cannot be written, a port that cannot be listened on).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from simulator.cli.common import fail, paths
from simulator.cli.session import TRANSCRIPTS_HELP
from simulator.sanitize import printable

NO_AUTH = ("talkdown serve has no authentication: anyone who can reach {url} can play under any trainee "
           "name. Put it behind the academy's gateway (which signs recruits in) and do not expose it directly.")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Other than loopback only with --allow-remote.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--transcripts", "transcripts_dir", type=click.Path(file_okay=False), default=None,
              help=TRANSCRIPTS_HELP)
@click.option("--allow-remote", is_flag=True,
              help="Listen on an address other browsers can reach (there is no authentication).")
@click.option("--public-url", default=None, metavar="URL",
              help="The address browsers open, when it is not http://HOST:PORT (behind a gateway).")
def serve_command(host: str, port: int, transcripts_dir: str | None, allow_remote: bool,
                  public_url: str | None) -> None:
    """Serve the app to browsers: one session per browser, transcripts on this server."""
    from simulator.scenario import scenario_files
    from simulator.tui.serve import default_url, is_loopback, is_unspecified, serve

    where = paths(transcripts=transcripts_dir)
    url = public_url or default_url(host, port)
    if not is_loopback(host):
        if not allow_remote:
            fail(f"--host {printable(host)}: not a loopback address, so browsers on other machines could reach "
                 "this server, and it has no authentication. Add --allow-remote to serve there anyway (behind "
                 "the academy's gateway), or leave --host out to serve on 127.0.0.1.")
        if public_url is None and is_unspecified(host):
            fail(f"--host {printable(host)} listens on every address of this machine, so the page cannot tell "
                 "browsers where to connect: add --public-url with the address recruits open (for example "
                 f"http://ADDRESS:{port}, or the gateway's https address).")
        click.echo("Warning: " + NO_AUTH.format(url=printable(url)), err=True)
    if not where.scenarios.is_dir() or not scenario_files([where.scenarios]):
        fail(f"No scenarios found in '{where.scenarios}'. Use --scenarios or TALKDOWN_SCENARIOS.")
    _writable(where.transcripts)
    click.echo(f"Talkdown class mode: each recruit opens {url} in a browser. Transcripts: "
               f"{where.transcripts.resolve()} (one folder per trainee). Ctrl+C stops the server; calls in "
               "progress are saved as abandoned.")
    try:
        serve(where, host=host, port=port, public_url=public_url)
    except OSError as exc:
        why = os.strerror(exc.errno) if exc.errno else str(exc)  # aiohttp's strerror repeats the address
        fail(f"Cannot listen on {printable(host)} port {port}: {why}. Choose another --port, or stop what is "
             "using it.")


def _writable(folder: Path) -> None:
    """The transcripts folder exists (made if missing) and can be written, or the command stops here."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{folder}: the transcripts folder cannot be created ({exc.strerror or exc}). "
             "Use --transcripts or TALKDOWN_TRANSCRIPTS.")
    if not os.access(folder, os.W_OK | os.X_OK):
        fail(f"{folder}: the transcripts folder cannot be written. Use --transcripts or TALKDOWN_TRANSCRIPTS.")
