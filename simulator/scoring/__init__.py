"""Rubrics and scoring: rubric files, and the evaluation of a session's events."""

from simulator.scoring.evaluate import rubric_refs, score_log, score_transcript, version_warnings
from simulator.scoring.loader import LoadedRubric, check_rubric_file, load_rubric, load_rubrics, rubric_files
from simulator.scoring.model import MEASURES, Rubric
from simulator.scoring.results import CriterionResult, Evidence, RubricResult, ScoreReport

__all__ = [
    "MEASURES", "CriterionResult", "Evidence", "LoadedRubric", "Rubric", "RubricResult", "ScoreReport",
    "check_rubric_file", "load_rubric", "load_rubrics", "rubric_files", "rubric_refs", "score_log",
    "score_transcript", "version_warnings",
]
