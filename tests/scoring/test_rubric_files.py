"""Rubric files load strictly, and their errors read exactly like scenario errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from simulator.authoring.check import check_file
from simulator.problems import DataFileError
from simulator.scoring import check_rubric_file, load_rubric, load_rubrics
from simulator.scoring.groups import BUILTIN_GROUPS
from simulator.scoring.schema import rubric_schema
from simulator.vocabulary import TECHNIQUE_IDS
from tests.scoring.eventlog import RUBRICS

GOOD = """\
format: 1
id: demo
version: 2
title: Demo
criteria:
  - id: labels
    title: Labels emotions
    weight: 2
    measure: count
    techniques: [emotion_label]
    at_least: 2
    coaching: Name the feeling.
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_the_four_shipped_rubrics_load_with_their_ids():
    loaded = load_rubrics(RUBRICS)
    assert [r.id for r in loaded] == ["active-listening", "crisis-recognition", "procedural-justice",
                                     "tactics-safety"]
    for r in loaded:
        assert check_rubric_file(r.path) == []
        assert r.rubric.pass_mark == 75


def test_talkdown_check_routes_rubric_files_to_the_rubric_checker(tmp_path):
    bad = write(tmp_path, GOOD.replace("at_least: 2", "at_leest: 2"))
    problems = check_file(bad)
    assert [p.code for p in problems] == ["TD101"]
    assert check_file(RUBRICS / "active-listening.yaml") == []


def test_unknown_key_names_file_line_key_and_suggestion(tmp_path):
    path = write(tmp_path, GOOD.replace("at_least: 2", "at_leest: 2"))
    [p] = check_rubric_file(path)
    assert p.code == "TD101"
    assert p.key == "criteria[0].at_leest"
    assert p.line == line_of(path, "at_leest") and p.column == 5
    assert "Did you mean 'at_least'?" in p.format()
    assert p.format().startswith(f"{path}:{p.line}:5: error TD101 at 'criteria[0].at_leest'")


def test_unknown_measure_is_refused_with_a_suggestion(tmp_path):
    path = write(tmp_path, GOOD.replace("measure: count", "measure: cout"))
    [p] = check_rubric_file(path)
    assert p.key == "criteria[0].measure" and p.line == line_of(path, "measure: cout")
    assert "Did you mean 'count'?" in p.format()
    assert "ratio" in p.message  # lists the allowed measures


def test_a_rubric_cannot_name_code_as_a_measure(tmp_path):
    path = write(tmp_path, GOOD.replace("measure: count", "measure: simulator.scoring.evil"))
    [p] = check_rubric_file(path)
    assert p.code == "TD140" and "cannot define new measures" in p.format()


def test_missing_measure_is_reported_at_the_criterion(tmp_path):
    path = write(tmp_path, GOOD.replace("    measure: count\n", ""))
    [p] = check_rubric_file(path)
    assert p.code == "TD103" and p.key == "criteria[0].measure"
    assert p.line == line_of(path, "- id: labels")


def test_unknown_technique_gets_did_you_mean(tmp_path):
    path = write(tmp_path, GOOD.replace("[emotion_label]", "[emotion_lable]"))
    [p] = check_rubric_file(path)
    assert p.code == "TD141" and p.key == "criteria[0].techniques[0]"
    assert "Did you mean 'emotion_label'?" in p.format()


def test_wrong_type_says_what_was_expected(tmp_path):
    path = write(tmp_path, GOOD.replace("at_least: 2", "at_least: lots"))
    [p] = check_rubric_file(path)
    assert p.code == "TD102" and "integer" in p.message and "'lots'" in p.message
    assert p.line == line_of(path, "at_least: lots")


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    text = GOOD.replace("version: 2", "version: zero").replace("[emotion_label]", "[nope]") + textwrap.indent(
        textwrap.dedent("""\
            - id: labels
              title: again
              measure: ratio
              numerator: [reflections]
              denominator: [questions]
              fair: 2
              good: 1
              coaching: x
        """), "  ")
    path = write(tmp_path, text)
    codes = sorted(p.code for p in check_rubric_file(path))
    assert codes == ["TD102", "TD102", "TD141", "TD143"]  # version, good<fair, technique, duplicate id
    with pytest.raises(DataFileError) as info:
        load_rubric(path)
    assert len(info.value.problems) == 4


def test_rubric_groups_are_usable_and_may_not_shadow_techniques(tmp_path):
    ok = write(tmp_path, GOOD.replace("criteria:", "groups:\n  feelings: [emotion_label, reflections]\ncriteria:")
               .replace("[emotion_label]", "[feelings]"))
    loaded = load_rubric(ok)
    assert loaded.techniques(["feelings"]) == frozenset(BUILTIN_GROUPS["reflections"])
    bad = write(tmp_path, GOOD.replace("criteria:", "groups:\n  insult: [emotion_label]\ncriteria:"), "b.yaml")
    [p] = check_rubric_file(bad)
    assert p.code == "TD142" and p.key == "groups.insult"


def test_outcome_part_credit_for_a_full_marks_outcome_is_a_warning(tmp_path):
    path = write(tmp_path, GOOD + textwrap.indent(textwrap.dedent("""\
        - id: end
          title: Ends well
          measure: outcome
          outcomes: [resolved]
          partial: {resolved: 0.5}
          coaching: x
    """), "  "))
    [p] = check_rubric_file(path)
    assert p.severity == "warning" and p.code == "TD144"
    assert load_rubric(path).rubric.criteria[1].partial == {"resolved": 0.5}


def test_bad_yaml_is_a_problem_not_a_traceback(tmp_path):
    path = write(tmp_path, "id: [unclosed\n")
    [p] = check_rubric_file(path)
    assert p.code == "TD100" and p.line is not None


def test_two_files_with_one_id_and_an_empty_folder_are_errors(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(DataFileError) as info:
        load_rubrics(tmp_path)
    assert info.value.problems[0].code == "TD146"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataFileError):
        load_rubrics(empty)


def test_builtin_groups_name_only_known_techniques():
    for name, members in BUILTIN_GROUPS.items():
        assert set(members) <= set(TECHNIQUE_IDS), name


def test_published_schema_knows_every_measure():
    schema = rubric_schema()
    root = schema["$defs"]["Rubric"] if "Rubric" in schema.get("$defs", {}) else schema
    mapping = root["properties"]["criteria"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == {"count", "ratio", "within_turns", "absent", "cue_recognised",
                            "adapted_after_cue", "action_when_agitated", "outcome", "agitation_change",
                            "topics_asked", "help_called", "listening_first", "reassessed_after_change"}
