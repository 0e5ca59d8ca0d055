"""The debrief: outcome, scores with evidence, key moments, agitation curve, cues."""

from simulator.debrief.build import CueLine, Debrief, build_debrief
from simulator.debrief.moments import Moment, key_moments, sparkline
from simulator.debrief.prepare import (
                                       debrief_for,
                                       debrief_text,
                                       find_scenario,
                                       rubrics_or_problem,
                                       scenario_ref,
                                       score_events,
)
from simulator.debrief.render import render

__all__ = ["CueLine", "Debrief", "Moment", "build_debrief", "debrief_for", "debrief_text", "find_scenario",
           "key_moments", "render", "rubrics_or_problem", "scenario_ref", "score_events", "sparkline"]
