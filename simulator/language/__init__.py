"""The language layer: which de-escalation techniques a typed reply shows, and where."""

from simulator.language.analyzer import Analysis, Analyzer, Detection, analyze
from simulator.language.matcher import PhraseIndex, PhraseMatch, PhraseMatcher, phrase_index
from simulator.language.parse import is_negated, parse
from simulator.language.techniques import TECHNIQUES, TechniqueInfo, combine_effects

__all__ = [
    "TECHNIQUES",
    "Analysis",
    "Analyzer",
    "Detection",
    "PhraseIndex",
    "PhraseMatch",
    "PhraseMatcher",
    "TechniqueInfo",
    "analyze",
    "combine_effects",
    "is_negated",
    "parse",
    "phrase_index",
]
