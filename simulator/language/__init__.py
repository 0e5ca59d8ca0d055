"""The language layer: which de-escalation techniques a typed reply shows, and where."""

from simulator.language.analyzer import Analysis, Analyzer, Detection, analyze
from simulator.language.matcher import PhraseMatch, PhraseMatcher
from simulator.language.parse import is_negated
from simulator.language.techniques import TECHNIQUES, TechniqueInfo, combine_effects

__all__ = [
    "TECHNIQUES",
    "Analysis",
    "Analyzer",
    "Detection",
    "PhraseMatch",
    "PhraseMatcher",
    "TechniqueInfo",
    "analyze",
    "combine_effects",
    "is_negated",
]
