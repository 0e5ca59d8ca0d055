"""Scenario files: models, loader with line numbers, lint and graph export."""

from simulator.scenario.loader import LoadedScenario, iter_conditions, load_scenario, scenario_files
from simulator.scenario.model import Condition, Phase, Scenario

__all__ = [
    "Condition", "LoadedScenario", "Phase", "Scenario", "iter_conditions", "load_scenario", "scenario_files",
]
