"""The `talkdown` console command's first step.

With no arguments it opens the app at once, without the command-line parser (click) or any
command's module, so the first frame shows as soon as a bare Textual app's would; anything else
goes to the command group in :mod:`simulator.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) == 1:
        from simulator.settings import Paths
        from simulator.tui.app import run_app

        status = run_app(paths=Paths.resolve(), scenario=None, trainee=None, mode="coach", seed=None)
        if status:
            sys.exit(status)
        return
    from simulator.cli import main as command

    command()


if __name__ == "__main__":  # pragma: no cover
    main()
