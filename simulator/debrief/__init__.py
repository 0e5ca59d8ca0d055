"""The debrief: outcome, scores with evidence, key moments, agitation curve, cues."""

from simulator.debrief.build import Debrief, build_debrief
from simulator.debrief.moments import Moment, key_moments, sparkline
from simulator.debrief.render import render
from simulator.debrief.session import debrief_for, debrief_text, find_scenario, rubrics_dir, score_events

__all__ = ["Debrief", "Moment", "build_debrief", "debrief_for", "debrief_text", "find_scenario",
           "key_moments", "render", "rubrics_dir", "score_events", "sparkline"]
