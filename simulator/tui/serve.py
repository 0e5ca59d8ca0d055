"""Class mode: the app served to browsers with textual-serve (DESIGN 6).

textual-serve starts one app process per browser (per websocket) and relays its screen and
keys; the process is :func:`session_main`, run as ``python -m simulator.tui.serve``. Each one
reads the server's scenarios and rubrics and saves into the server's transcripts folder (one
folder per trainee, flushed every turn as always), but keeps its remembered choices in a folder
of its own that goes with it: a browser never starts with the previous recruit's name filled in,
so every recruit types theirs before a call starts.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import shlex
import signal
import sys
import tempfile
from pathlib import Path

from simulator.settings import Paths

#: the paths a session is given (absolute, so the server's working folder does not matter)
SESSION_PATHS = ("scenarios", "rubrics", "transcripts", "cache_dir")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_unspecified(host: str) -> bool:
    """Whether ``host`` means every address of this machine (0.0.0.0, ::): no browser can open that."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def default_url(host: str, port: int) -> str:
    """The address the page tells the browser to open its websocket at."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def session_command(paths: Paths) -> str:
    """The shell command textual-serve runs for each browser."""
    args = [sys.executable, "-m", "simulator.tui.serve"]
    for name in SESSION_PATHS:
        args += [f"--{name.replace('_', '-')}", str(Path(getattr(paths, name)).resolve())]
    return "exec " + shlex.join(args)  # the app is the shell's process, so a signal reaches it


def serve(paths: Paths, *, host: str, port: int, public_url: str | None = None) -> None:
    """Serve the app until interrupted (Ctrl+C or SIGTERM). Raises OSError if the port cannot be bound."""
    from textual_serve.server import Server

    class ClassServer(Server):
        async def on_shutdown(self, app: object) -> None:
            """Stopping: each session's app ends its call as abandoned and exits, which closes its
            browser's connection (else the server would wait for every browser to go away)."""
            stop_sessions()

    server = ClassServer(session_command(paths), host=host, port=port, title="Talkdown",
                         public_url=public_url or default_url(host, port))
    server.serve()


def stop_sessions() -> None:
    """SIGTERM to every session this server started (its child processes, read from /proc)."""
    pid = os.getpid()
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError, ValueError):
            for child in children.read_text().split():
                os.kill(int(child), signal.SIGTERM)


def session_main(argv: list[str] | None = None) -> int:
    """One browser's app: the server's folders, remembered choices of its own (gone at the end)."""
    from simulator.tui.app import make_app

    parser = argparse.ArgumentParser(prog="python -m simulator.tui.serve",
                                     description="One browser session of `talkdown serve` (started by it).")
    for name in SESSION_PATHS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, required=True)
    given = vars(parser.parse_args(argv))
    with tempfile.TemporaryDirectory(prefix="talkdown-session-") as config_dir:
        app = make_app(paths=Paths(**given, config_dir=config_dir))
        app.run()
    return 0


if __name__ == "__main__":  # pragma: no cover - started by textual-serve
    sys.exit(session_main())
