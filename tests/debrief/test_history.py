"""A trainee's history: last and best score per scenario, from their transcripts."""

from __future__ import annotations

import shutil

from simulator.debrief.history import trainee_history
from simulator.scoring import load_rubrics
from simulator.transcripts import legacy_trainee_folder, safe_trainee_name
from tests.scoring.eventlog import ROOT, RUBRICS


def _one_transcript():
    done = sorted((ROOT / "tests" / "data" / "replay" / "transcripts" / "skilled-a").glob("*library*.jsonl"))
    return done[0]


def test_history_reads_the_folder_of_the_exact_name_and_the_one_earlier_versions_used(tmp_path):
    rubrics = load_rubrics(RUBRICS)
    name = "Jo Smith"
    assert safe_trainee_name(name) != legacy_trainee_folder(name)
    (tmp_path / legacy_trainee_folder(name)).mkdir()
    shutil.copy(_one_transcript(), tmp_path / legacy_trainee_folder(name) / "20260101T000000Z-old.jsonl")
    history = trainee_history(tmp_path, name, rubrics)
    assert history.attempts == {"library-psychosis": 1}
    (tmp_path / safe_trainee_name(name)).mkdir()
    shutil.copy(_one_transcript(), tmp_path / safe_trainee_name(name) / "20270101T000000Z-new.jsonl")
    assert trainee_history(tmp_path, name, rubrics).attempts == {"library-psychosis": 2}
    assert trainee_history(tmp_path, "Jo-Smith-someone-else", rubrics).attempts == {}
