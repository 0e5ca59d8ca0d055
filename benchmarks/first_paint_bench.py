"""The app's first paint against a bare Textual app's (issue 12: within 1.3 times), both started
in a real terminal (tmux) and timed until their first screen shows; medians of several starts.

The app's first frame is the scenario library with the name box: the engine, the language layer,
scoring and the scenario files load after it, in workers.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RATIO = 1.3
STARTS = 7
BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("BARE READY")
        yield Footer()


Bare().run()
"""


def first_paint(command: str, marker: str, cwd: Path) -> float:
    name = "talkdown-first-paint"
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "36", "-c", str(cwd), command],
                   check=True)
    try:
        while time.perf_counter() - t0 < 30:
            shown = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if marker in shown:
                return time.perf_counter() - t0
            time.sleep(0.005)
        raise RuntimeError(f"nothing painted: {shown[-300:]}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def main() -> int:
    if shutil.which("tmux") is None:
        print("first paint: skipped (tmux is not installed)")
        return 0
    python = sys.executable
    talkdown = Path(python).parent / "talkdown"
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = f"TALKDOWN_CONFIG_DIR={tmp}/config TALKDOWN_CACHE_DIR={tmp}/cache"
        first_paint(f"{python} {bare}", "BARE READY", ROOT)  # both warmed once (bytecode, disk cache)
        first_paint(f"{env} {talkdown}", "Trainee", ROOT)
        bares, apps = [], []
        for _ in range(STARTS):
            bares.append(first_paint(f"{python} {bare}", "BARE READY", ROOT))
            apps.append(first_paint(f"{env} {talkdown}", "Trainee", ROOT))
    b, a = statistics.median(bares), statistics.median(apps)
    ok = a <= RATIO * b
    print(f"first paint: bare Textual app {b * 1000:.0f} ms, talkdown {a * 1000:.0f} ms (median of {STARTS}): "
          f"{a / b:.2f} times (target <= {RATIO}): {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
