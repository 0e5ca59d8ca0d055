"""Lint: scenarios that load but would play badly get a warning with its own code."""

from __future__ import annotations

from pathlib import Path

import yaml

from simulator.scenario import load_scenario
from simulator.scenario.lint import lint

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml"


def _lint(tmp_path: Path, edit) -> dict[str, list[str]]:
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found: dict[str, list[str]] = {}
    for p in lint(load_scenario(path)):
        found.setdefault(p.code, []).append(p.message)
    return found


def test_the_tiny_scenario_lints_clean(tmp_path):
    assert _lint(tmp_path, lambda d: None) == {}


def test_conditions_that_can_never_hold_get_one_code_per_reason(tmp_path):
    def edit(d):
        d["phases"].append({**d["phases"][1], "id": "orphan", "transitions": []})
        d["triggers"][0]["when"] = {"phase": ["orphan"]}
        d["phases"][0]["transitions"][0]["when"] = {"agitation_at_least": 50, "agitation_below": 40}
        d["actions"] = [a for a in d["actions"] if a["id"] != "sit"]
        d["outcomes"] = [{"id": "left", "title": "Gone", "when": {"action": "sit"}}]

    found = _lint(tmp_path, edit)
    assert found["TD204"] == ["this condition needs the phase 'orphan', which is never reached, so it can never hold."]
    assert found["TD207"] == ["agitation_at_least is not below agitation_below: this can never hold."]
    assert found["TD208"] == ["the action 'sit' is not offered in 'actions', so this can never hold."]
    assert "TD201" in found


def test_a_cue_that_needs_an_unreached_phase_can_never_be_shown(tmp_path):
    def edit(d):
        d["phases"].append({**d["phases"][1], "id": "orphan", "transitions": []})
        d["cues"][0]["when"] = {"phase": ["orphan"]}

    assert _lint(tmp_path, edit)["TD203"] == [
        "this cue needs the phase 'orphan', which is never reached, so it can never be shown."]
