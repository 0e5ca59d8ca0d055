"""Every shipped scenario's walkthroughs meet their expectations on every seed they name
(what `talkdown test scenarios/` checks, one test per walkthrough so they run in parallel)."""

from __future__ import annotations

import pytest

from simulator.authoring.walkthroughs import run_walkthrough
from simulator.scenario import load_scenario, scenario_files
from tests.scoring.eventlog import ROOT

CASES = [(path, k, wt.name) for path in scenario_files([ROOT / "scenarios"])
         for k, wt in enumerate(load_scenario(path).scenario.walkthroughs)]


@pytest.mark.parametrize(("path", "index", "name"), CASES, ids=[f"{p.stem}:{n}" for p, _, n in CASES])
def test_walkthrough_meets_its_expectations(path, index, name):
    loaded = load_scenario(path)
    wt = loaded.scenario.walkthroughs[index]
    failed = [f"seed {r.seed} ({dict(r.variant)}): {'; '.join(r.failures)}"
              for r in (run_walkthrough(loaded, wt, seed) for seed in wt.seeds) if not r.passed]
    assert not failed, f"{path.name}: {name}\n" + "\n".join(failed)
