"""`talkdown` with no arguments opens the app without loading the command-line parser; with
arguments it is the command group as before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator import launch
from simulator.settings import Paths


def test_importing_the_launcher_loads_neither_click_nor_textual():
    code = "import sys, simulator.launch; print(sorted(m for m in ('click', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_arguments_open_the_app_with_the_paths_the_command_group_would_use(monkeypatch, tmp_path):
    import simulator.tui.app as app

    monkeypatch.setenv("TALKDOWN_TRANSCRIPTS", str(tmp_path / "t"))
    called = {}

    def fake_run_app(**kwargs):
        called.update(kwargs)
        return 0

    monkeypatch.setattr(app, "run_app", fake_run_app)
    monkeypatch.setattr(sys, "argv", ["talkdown"])
    launch.main()
    assert called["paths"] == Paths.resolve()
    assert called["paths"].transcripts == tmp_path / "t"
    assert (called["scenario"], called["trainee"], called["mode"], called["seed"]) == (None, None, "coach", None)


def test_the_apps_exit_status_is_the_commands(monkeypatch):
    import simulator.tui.app as app

    monkeypatch.setattr(app, "run_app", lambda **kwargs: 2)
    monkeypatch.setattr(sys, "argv", ["talkdown"])
    with pytest.raises(SystemExit) as stop:
        launch.main()
    assert stop.value.code == 2


def test_arguments_go_to_the_command_group(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["talkdown", "codes", "TD101"])
    with pytest.raises(SystemExit) as stop:
        launch.main()
    assert stop.value.code == 0
    assert "TD101" in capsys.readouterr().out
