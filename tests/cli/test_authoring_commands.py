"""check, test, schema and graph from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LIB = ROOT / "scenarios" / "library-psychosis.yaml"


def talkdown(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True,
                          cwd=ROOT, stdin=subprocess.DEVNULL, **kw)


@pytest.mark.parametrize("flag, name", [((), "scenario.schema.json"), (("--rubric",), "rubric.schema.json")])
def test_committed_schema_matches_the_models(flag, name):
    out = talkdown("schema", *flag)
    assert out.returncode == 0
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert json.loads(out.stdout) == json.loads(committed), f"run `make schema` and commit docs/{name}"


def test_check_lists_every_problem_in_every_file(tmp_path):
    data = yaml.safe_load(LIB.read_text(encoding="utf-8"))
    data["difficulty"] = 0
    data["phases"][0]["transitions"][0]["to"] = "talkng"
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    data2 = yaml.safe_load(LIB.read_text(encoding="utf-8"))
    data2["subject"]["nmae"] = "x"
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(data2), encoding="utf-8")
    out = talkdown("check", str(tmp_path))
    assert out.returncode == 2
    lines = out.stdout.splitlines()
    assert any("a.yaml" in line and "difficulty" in line for line in lines)
    assert any("a.yaml" in line and "talkng" in line and "Did you mean 'talking'?" in line for line in lines)
    assert any("b.yaml" in line and "subject.nmae" in line and "Did you mean 'name'?" in line for line in lines)
    assert lines[-1] == "2 files checked: 3 errors, 0 warnings."
    assert "Traceback" not in out.stdout + out.stderr


def test_check_warns_about_unreachable_phase(tmp_path):
    data = yaml.safe_load(LIB.read_text(encoding="utf-8"))
    data["phases"].insert(1, {**data["phases"][1], "id": "orphan", "transitions": []})
    p = tmp_path / "c.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = talkdown("check", str(p))
    assert out.returncode == 0
    assert "TD201" in out.stdout and "orphan" in out.stdout


def test_shipped_scenarios_check_clean():
    out = talkdown("check", "scenarios")
    assert out.returncode == 0, out.stdout
    assert ": 0 errors, 0 warnings." in out.stdout


def test_graph_formats():
    mermaid = talkdown("graph", str(LIB))
    assert mermaid.stdout.startswith("stateDiagram-v2")
    assert "frightened --> talking" in mermaid.stdout
    dot = talkdown("graph", str(LIB), "--format", "dot")
    assert dot.stdout.startswith('digraph "library-psychosis"')
    assert '"considering" -> "accepts-help"' in dot.stdout


def test_walkthrough_failure_is_reported_and_exits_1(tmp_path):
    data = yaml.safe_load(LIB.read_text(encoding="utf-8"))
    data["walkthroughs"] = [{"name": "wrongly expects success", "seeds": [1],
                             "replies": ["ok", "ok"], "expect": {"outcome": "resolved"}}]
    p = tmp_path / "w.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = talkdown("test", str(p))
    assert out.returncode == 1
    assert "FAIL library-psychosis: wrongly expects success (seed 1, " in out.stdout
    assert "expected outcome resolved, got abandoned" in out.stdout
    assert out.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_new_scaffolds_a_scenario_that_checks_clean_and_never_overwrites(tmp_path):
    out = talkdown("new", "welfare-check", "--dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    path = tmp_path / "welfare-check.yaml"
    assert "id: welfare-check" in path.read_text(encoding="utf-8")
    check = talkdown("check", str(path))
    todos = path.read_text(encoding="utf-8").count("TODO") - 1  # the header comment is no value
    assert check.returncode == 0 and f"0 errors, {todos} warnings" in check.stdout
    assert check.stdout.count("warning TD214") == todos
    path.write_text(path.read_text(encoding="utf-8") + "\n# mine\n", encoding="utf-8")
    again = talkdown("new", "welfare-check", "--dir", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# mine\n")
    assert talkdown("new", "Bad Id", "--dir", str(tmp_path)).returncode == 2


def test_new_with_people_scaffolds_a_scene_that_checks_clean_but_for_its_todos(tmp_path):
    out = talkdown("new", "landing-dispute", "--people", "2", "--dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    path = tmp_path / "landing-dispute.yaml"
    text = path.read_text(encoding="utf-8")
    assert "people:\n  - id: alex\n" in text and "\n  - id: sam\n" in text and "partner:" in text
    check = talkdown("check", str(path))
    warnings = [line for line in check.stdout.splitlines() if " warning " in line]
    assert check.returncode == 0 and "0 errors" in check.stdout
    assert warnings and all("TD214" in line for line in warnings)
    assert any("people[1].description" in line for line in warnings)
    tested = talkdown("test", str(path))
    assert tested.returncode == 0, tested.stdout
