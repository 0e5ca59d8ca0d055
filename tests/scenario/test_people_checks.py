"""`talkdown check` on scenes with several people: each problem with its file, line, key and code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.problems import DataFileError
from simulator.scenario import load_scenario
from simulator.scenario.lint import lint

SCENE = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "two-neighbours.yaml"


def mutated(tmp_path: Path, fn) -> Path:
    data = yaml.safe_load(SCENE.read_text(encoding="utf-8"))
    fn(data)
    path = tmp_path / "scene.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def problems(path: Path) -> list:
    with pytest.raises(DataFileError) as info:
        load_scenario(path)
    return info.value.problems


def test_the_scene_checks_clean():
    assert lint(load_scenario(SCENE)) == []


def test_an_unknown_person_in_a_condition_is_named_with_a_did_you_mean(tmp_path):
    def change(d):
        d["phases"][0]["transitions"][0]["when"]["person"] = "hlot"
        d["triggers"][0]["when"]["addressed"] = "gary"
    found = problems(mutated(tmp_path, change))
    assert [(p.code, p.key) for p in found] == [("TD114", "phases[0].transitions[0].when.person"),
                                                ("TD114", "triggers[0].when.addressed")]
    assert found[0].line is not None and found[0].hint == "Did you mean 'holt'?"
    assert "scene.yaml" in found[0].format() and "there is no person called 'hlot'" in found[0].format()


def test_a_walkthrough_addressing_nobody_or_giving_a_task_not_offered_is_an_error(tmp_path):
    def change(d):
        d["walkthroughs"][0]["replies"][2] = "@holy It sounds like you're frustrated."
        d["walkthroughs"][2]["replies"][2] = "/partner cover"
        d["walkthroughs"][2]["replies"][3] = "/partner take-aside nobody"
    found = problems(mutated(tmp_path, change))
    assert [(p.code, p.key) for p in found] == [("TD114", "walkthroughs[0].replies[2]"),
                                                ("TD117", "walkthroughs[2].replies[2]"),
                                                ("TD114", "walkthroughs[2].replies[3]")]
    assert "Offered: take-aside, bring-back, wait, speak." in found[1].format()


def test_a_scene_level_topic_a_reserved_id_and_a_cue_id_twice_are_errors(tmp_path):
    def change(d):
        d["topics"] = [dict(d["people"][0]["topics"][0], id="loose")]
        d["people"][1]["id"] = "everyone"
        d["people"][1]["cues"][0]["id"] = "diaz-exhausted"
    codes = {(p.code, p.key) for p in problems(mutated(tmp_path, change))}
    assert {("TD118", "topics[0]"), ("TD118", "people[1].id"), ("TD115", "people[1].cues[0].id")} <= codes


def test_subject_and_people_together_or_neither_is_an_error(tmp_path):
    def both(d):
        d["subject"] = {k: v for k, v in d["people"][0].items() if k in ("name", "description", "start")}

    def neither(d):
        del d["people"]
    assert any("not both" in p.message for p in problems(mutated(tmp_path, both)))
    assert any("needs `subject`" in p.message for p in problems(mutated(tmp_path, neither)))
