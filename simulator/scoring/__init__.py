"""Rubrics and scoring: rubric files, and the evaluation of a session's events."""

from simulator.scoring.evaluate import rubric_header_entries, score_log, score_transcript, version_warnings
from simulator.scoring.loader import LoadedRubric, check_rubric_file, load_rubric, load_rubrics, rubric_files
from simulator.scoring.log import EventLogError, SessionLog, read_log
from simulator.scoring.model import MEASURES, Rubric
from simulator.scoring.results import CriterionResult, Evidence, RubricResult, ScoreReport

__all__ = [
    "MEASURES", "CriterionResult", "EventLogError", "Evidence", "LoadedRubric", "Rubric", "RubricResult",
    "ScoreReport", "SessionLog", "check_rubric_file", "load_rubric", "load_rubrics", "read_log",
    "rubric_files", "rubric_header_entries", "score_log", "score_transcript", "version_warnings",
]
