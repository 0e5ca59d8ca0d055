"""Paths: flags, then TALKDOWN_* variables, then defaults, resolved in one place."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

from simulator.settings import Paths

ROOT = Path(__file__).resolve().parents[1]
TALKDOWN = Path(sys.executable).parent / "talkdown"


def test_a_flag_beats_the_environment_which_beats_the_default(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("SCENARIOS", "RUBRICS", "TRANSCRIPTS", "CONFIG_DIR"):
        monkeypatch.delenv(f"TALKDOWN_{name}", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert Paths.resolve() == Paths(scenarios=Path("scenarios"), rubrics=Path("rubrics"),
                                    transcripts=Path("transcripts"), config_dir=tmp_path / "xdg" / "talkdown")
    monkeypatch.setenv("TALKDOWN_TRANSCRIPTS", "/from/env")
    assert Paths.resolve().transcripts == Path("/from/env")
    assert Paths.resolve(transcripts="/from/flag").transcripts == Path("/from/flag")
    assert Paths.resolve().but(transcripts="/per/command").transcripts == Path("/per/command")


def test_rubrics_default_to_the_folder_beside_the_scenarios(monkeypatch, tmp_path):
    monkeypatch.delenv("TALKDOWN_RUBRICS", raising=False)
    (tmp_path / "course" / "scenarios").mkdir(parents=True)
    (tmp_path / "course" / "rubrics").mkdir()
    assert Paths.resolve(scenarios=tmp_path / "course" / "scenarios").rubrics == tmp_path / "course" / "rubrics"
    monkeypatch.setenv("TALKDOWN_RUBRICS", str(tmp_path / "elsewhere"))
    assert Paths.resolve(scenarios=tmp_path / "course" / "scenarios").rubrics == tmp_path / "elsewhere"


def test_nothing_but_settings_reads_the_environment():
    readers = []
    for path in (ROOT / "simulator").rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert readers == []


def test_run_and_the_app_use_the_same_rubrics(monkeypatch, tmp_path):
    """A course folder with its own rubrics: `run` records them and the app loads them."""
    course = tmp_path / "course"
    (course / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", course / "scenarios" / "tiny.yaml")
    (course / "rubrics").mkdir()
    shutil.copy(ROOT / "rubrics" / "tactics-safety.yaml", course / "rubrics" / "tactics-safety.yaml")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TALKDOWN_")}
    out = subprocess.run([str(TALKDOWN), "--scenarios", str(course / "scenarios"), "run", "tiny", "--json",
                          "--transcripts", str(tmp_path / "tx")], input="", capture_output=True, text=True,
                         cwd=tmp_path, env=env, check=True)
    started = json.loads(out.stdout.splitlines()[0])
    assert [r["id"] for r in started["rubrics"]] == ["tactics-safety"]

    from simulator.tui.app import make_app

    monkeypatch.delenv("TALKDOWN_RUBRICS", raising=False)
    monkeypatch.chdir(tmp_path)
    app = make_app(paths=Paths.resolve(scenarios=course / "scenarios"))
    rubrics, problem = app.state.rubrics.get()
    assert problem == "" and [r.id for r in rubrics or []] == ["tactics-safety"]


def test_paths_are_immutable_and_know_their_names(monkeypatch, tmp_path):
    import pytest

    monkeypatch.setenv("TALKDOWN_CACHE_DIR", str(tmp_path / "c"))
    paths = Paths.resolve(transcripts=tmp_path / "t")
    assert paths.cache_dir == tmp_path / "c" and paths.transcripts == tmp_path / "t"
    with pytest.raises(AttributeError):
        paths.transcripts = Path("elsewhere")  # type: ignore[misc]
    with pytest.raises(TypeError, match="unknown paths: transcript"):
        Paths(transcript=tmp_path)
    assert paths.but(scenarios=tmp_path / "s").cache_dir == tmp_path / "c"  # the environment's stays


def test_the_settings_import_nothing_heavy():
    """The app reads its paths before its first frame: no settings library, no pydantic."""
    code = "import sys, simulator.settings; print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
