"""A real LRS for the tests: Ralph (``ralph-malph`` on PyPI), on loopback, in its own virtual
environment so its pinned dependencies never meet ours.

The environment is made once, from PyPI, in ``.venv-ralph/`` at the top of the repository
(git-ignored, kept between runs; a stamp names what was installed, and a lock keeps two test
processes from installing at once).  Credentials are made by ``ralph auth``; the server is
``ralph runserver -b fs`` on a free port with a data folder of the test session's own.

Ralph 5.1.0's file-system backend has two faults that a real deployment on Elasticsearch or
MongoDB does not: it writes its one statements file with operation ``create``, so every write after
the first fails (500), and it compares the ``verb`` and ``activity`` query filters (pydantic models
there) with plain strings, so those filters match nothing.  ``ralph_launcher.py`` starts the same
command with both mended: writes append, and the filters compare the IRIs' text.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-ralph"
#: What is installed: the LRS and its command (its 5.1.0 wheel needs `requests` without saying so).
REQUIREMENTS = ("ralph-malph[cli,lrs]==5.1.0", "requests>=2.31")
LAUNCHER = Path(__file__).with_name("ralph_launcher.py")
USER, PASSWORD = "talkdown-tests", "not-a-secret"
INSTALL_TIMEOUT = 600


def install() -> str:
    """Make (once) the environment Ralph runs in; '' when it is there, else why it cannot be."""
    stamp = VENV / ".installed"
    wanted = "\n".join(REQUIREMENTS)
    with open(ROOT / ".venv-ralph.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.is_file() and stamp.read_text() == wanted and (VENV / "bin" / "ralph").is_file():
            return ""
        try:
            if not (VENV / "bin" / "python").is_file():
                subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True,
                               timeout=120)
            done = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                                   "--disable-pip-version-check", *REQUIREMENTS],
                                  capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        except (OSError, subprocess.SubprocessError) as exc:
            return f"a virtual environment for Ralph cannot be made ({exc})"
        if done.returncode != 0:
            tail = " ".join(done.stderr.split()[-40:])
            return f"Ralph cannot be installed from PyPI (pip exit {done.returncode}: {tail})"
        stamp.write_text(wanted)
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Ralph:
    """One Ralph LRS: started, stopped and started again on the same port and data."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.env = {**{k: v for k, v in os.environ.items() if not k.startswith("RALPH_")},
                    "RALPH_APP_DIR": str(folder / "app"), "RALPH_AUTH_FILE": str(folder / "auth.json"),
                    "RALPH_RUNSERVER_BACKEND": "fs"}
        self.process: subprocess.Popen | None = None
        self.log = folder / "ralph.log"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def make_credentials(self) -> None:
        subprocess.run([str(VENV / "bin" / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                        "-M", "mailto:tests@talkdown.example", "-w"],
                       env=self.env, check=True, capture_output=True, timeout=120)

    def start(self, timeout: float = 60) -> None:
        run = self.folder / "run"  # the server watches its working folder for code changes: an empty one
        run.mkdir(exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(VENV / "bin" / "python"), str(LAUNCHER), "runserver", "-b", "fs", "-h", "127.0.0.1",
                 "-p", str(self.port), "--fs-default-directory-path", str(self.data)],
                cwd=run, env=self.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start (exit {self.process.returncode}); see {self.log}")
            with contextlib.suppress(OSError), \
                    urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1) as r:
                if r.status == 200:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        """Stop the server and everything it started (its reloader's worker too)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        # the worker is in the same process group: wait until nothing answers on the port
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)
