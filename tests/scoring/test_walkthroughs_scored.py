"""The scenarios' scripted trainees, played by the engine and scored with the shipped
rubrics: skilled > passive > threatening, and each passes or fails as it should."""

from __future__ import annotations

import json
from statistics import mean

import pytest

from simulator.authoring.walkthroughs import play_script
from simulator.scenario import load_scenario, scenario_files
from simulator.scoring import load_rubrics, score_transcript
from tests.scoring.eventlog import ROOT, RUBRICS

SCENARIOS = scenario_files([ROOT / "scenarios"])
KINDS = {"skilled": "skilled", "commanding": "threatening", "threatening": "threatening",
         "passive": "passive", "same": "repeating", "alternating": "alternating"}


def _kind(name: str) -> str | None:
    first = name.split()[0].lower()
    if "alternating" in name:
        return "alternating"
    return KINDS.get(first)


@pytest.fixture(scope="module")
def rubrics():
    return load_rubrics(RUBRICS)


def scored(path, rubrics) -> dict[str, list[dict]]:
    """Kind of trainee -> one {rubric id: percent} per seed played."""
    if path not in _PLAYED:  # both tests below read the same plays
        _PLAYED[path] = _scored(path, rubrics)
    return _PLAYED[path]


_PLAYED: dict = {}


def _scored(path, rubrics) -> dict[str, list[dict]]:
    loaded = load_scenario(path)
    out: dict[str, list[dict]] = {}
    for wt in loaded.scenario.walkthroughs:
        kind = _kind(wt.name)
        if kind is None:
            continue
        for seed in sorted(set(wt.seeds) | {1, 2, 3}):
            _, events = play_script(loaded, list(wt.replies), seed, wt.mode)
            report = score_transcript(events, rubrics)
            out.setdefault(kind, []).append({r.id: r.percent for r in report.rubrics}
                                            | {"_passed": {r.id: r.passed for r in report.rubrics}})
    return out


def avg(runs: list[dict], rubric_id: str | None = None) -> float:
    ids = [rubric_id] if rubric_id else [k for k in runs[0] if not k.startswith("_")]
    return mean(mean(run[i] for i in ids) for run in runs)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_skilled_beats_passive_beats_threatening(path, rubrics):
    runs = scored(path, rubrics)
    if not {"skilled", "passive", "threatening"} <= set(runs):
        pytest.skip("scenario lacks one of the three walkthroughs")
    assert avg(runs["skilled"]) > avg(runs["passive"]) > avg(runs["threatening"])
    assert avg(runs["skilled"], "active-listening") > avg(runs["passive"], "active-listening") \
        >= avg(runs["threatening"], "active-listening")


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_scripted_trainee_passes_or_fails_as_it_should(path, rubrics):
    runs = scored(path, rubrics)
    if "skilled" in runs:
        assert avg(runs["skilled"], "active-listening") >= 75
        assert all(run["_passed"]["active-listening"] for run in runs["skilled"])
    for run in runs.get("threatening", []):
        assert not run["_passed"]["active-listening"] and not run["_passed"]["procedural-justice"]
    for kind in ("passive", "repeating", "alternating"):
        for run in runs.get(kind, []):
            assert not run["_passed"]["active-listening"], kind
    for run in runs.get("alternating", []):
        assert not run["_passed"]["procedural-justice"]


def test_scoring_an_engine_session_twice_prints_the_same_json(rubrics):
    loaded = load_scenario(SCENARIOS[0])
    wt = loaded.scenario.walkthroughs[0]
    _, events = play_script(loaded, list(wt.replies), 1)
    first = json.dumps(score_transcript(events, rubrics).to_dict())
    assert first == json.dumps(score_transcript(list(events), load_rubrics(RUBRICS)).to_dict())
