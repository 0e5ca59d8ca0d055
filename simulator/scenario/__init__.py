"""Scenario files: models, loader with line numbers, lint and graph export."""

from simulator.scenario.loader import LoadedScenario, iter_conditions, load_scenario, scenario_files
from simulator.scenario.model import Condition, Phase, Scenario
from simulator.scenario.vocabulary import ACTIONS, BANDS, OUTCOMES, TECHNIQUE_IDS, band_of

__all__ = [
    "ACTIONS", "BANDS", "OUTCOMES", "TECHNIQUE_IDS", "Condition", "LoadedScenario", "Phase",
    "Scenario", "band_of", "iter_conditions", "load_scenario", "scenario_files",
]
