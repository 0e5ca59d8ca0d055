"""Transcripts written in format 1 (before variants, topics and requirements) still read,
score and export."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.debrief import debrief_for, render
from simulator.scoring import load_rubrics
from simulator.transcripts import read_transcript

ROOT = Path(__file__).resolve().parents[2]
OLD = sorted((ROOT / "tests" / "data" / "format1").glob("*.jsonl"))


@pytest.mark.parametrize("path", OLD, ids=lambda p: p.stem)
def test_a_format_1_transcript_reads_scores_and_exports(path):
    t = read_transcript(path)
    assert t.header.format == 1 and t.header.variant is None and t.outcome is not None
    debrief = debrief_for(t.events, rubrics=load_rubrics(ROOT / "rubrics"))
    assert debrief.report is not None and len(debrief.report.rubrics) == 4
    md = render(debrief, "md")
    assert md.startswith("# Debrief:") and "## This call" not in md and "## Scores" in md
