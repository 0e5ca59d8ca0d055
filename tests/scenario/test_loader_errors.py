"""Every loader error names the file, line, dotted key and what was expected."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from simulator.problems import DataFileError
from simulator.scenario import load_scenario

LIB = Path(__file__).resolve().parents[2] / "scenarios" / "library-psychosis.yaml"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def problems_of(path: Path) -> list:
    with pytest.raises(DataFileError) as info:
        load_scenario(path)
    return info.value.problems


def mutate(tmp_path: Path, fn) -> Path:
    """The library scenario with one change, written back as YAML."""
    data = yaml.safe_load(LIB.read_text(encoding="utf-8"))
    fn(data)
    p = tmp_path / "mutated.yaml"
    p.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return p


def test_shipped_library_scenario_loads():
    loaded = load_scenario(LIB)
    assert loaded.scenario.id == "library-psychosis"
    assert loaded.content_hash.startswith("sha256:")


def test_unknown_key_names_line_key_and_suggestion(tmp_path):
    path = mutate(tmp_path, lambda d: d["subject"]["start"].update(agitaton=50))
    [problem] = problems_of(path)
    assert problem.code == "TD101"
    assert problem.key == "subject.start.agitaton"
    assert problem.line == path.read_text().splitlines().index("    agitaton: 50") + 1
    assert "Did you mean 'agitation'?" in problem.format()
    assert problem.format().startswith(f"{path}:{problem.line}:")


def test_wrong_type_says_what_was_expected(tmp_path):
    path = mutate(tmp_path, lambda d: d.update(max_turns="lots"))
    [problem] = problems_of(path)
    assert problem.code == "TD102"
    assert problem.key == "max_turns"
    assert "integer" in problem.message and "'lots'" in problem.message
    assert problem.line is not None


def test_reference_to_missing_phase_suggests_the_near_name(tmp_path):
    def change(d):
        d["phases"][0]["transitions"][0]["to"] = "talkin"
    path = mutate(tmp_path, change)
    [problem] = problems_of(path)
    assert problem.code == "TD110"
    assert problem.key == "phases[0].transitions[0].to"
    assert "no phase called 'talkin'" in problem.message
    assert problem.hint == "Did you mean 'talking'?"


def test_unknown_technique_id_gets_did_you_mean(tmp_path):
    path = mutate(tmp_path, lambda d: d["effects"][0].update(technique="arguement"))
    [problem] = problems_of(path)
    assert problem.key == "effects[0].technique"
    assert problem.hint == "Did you mean 'argument'?"


def test_unknown_cue_reference(tmp_path):
    def change(d):
        d["phases"][0]["transitions"][0]["when"] = {"cue_recognised": "voice"}
    [problem] = problems_of(mutate(tmp_path, change))
    assert problem.code == "TD111"
    assert problem.hint == "Did you mean 'voices'?"


def test_unknown_outcome_id_lists_choices(tmp_path):
    path = mutate(tmp_path, lambda d: d["outcomes"][0].update(id="resolve"))
    [problem] = problems_of(path)
    assert problem.key == "outcomes[0].id"
    assert problem.hint == "Did you mean 'resolved'?"


def test_all_problems_reported_not_just_the_first(tmp_path):
    def change(d):
        d["difficulty"] = 9
        d["subject"]["moood"] = "x"
        d["phases"][1]["transitions"][0]["to"] = "nowhere"
    problems = problems_of(mutate(tmp_path, change))
    assert {p.key for p in problems} == {"difficulty", "subject.moood", "phases[1].transitions[0].to"}
    lines = [p.line for p in problems]
    assert lines == sorted(lines)


def test_yaml_syntax_error_has_line_and_no_traceback(tmp_path):
    path = write(tmp_path, """\
        id: x
        title: [unclosed
        summary: y
        """)
    [problem] = problems_of(path)
    assert problem.code == "TD100"
    assert problem.line is not None and problem.line >= 2
    assert "not valid YAML" in problem.message


def test_duplicate_keys_are_reported(tmp_path):
    text = LIB.read_text(encoding="utf-8").replace("max_turns: 30", "max_turns: 30\nmax_turns: 40")
    p = tmp_path / "dup.yaml"
    p.write_text(text, encoding="utf-8")
    problems = problems_of(p)
    assert any(pr.code == "TD104" and pr.key == "max_turns" for pr in problems)


def test_python_tags_are_refused_by_safe_load(tmp_path):
    tag = "title: !!python/object/apply:os.system ['echo hi']\nx: Frightened"
    text = LIB.read_text(encoding="utf-8").replace("title: Frightened", tag)
    p = tmp_path / "evil.yaml"
    p.write_text(text, encoding="utf-8")
    [problem] = problems_of(p)
    assert problem.code == "TD100"


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    [problem] = problems_of(tmp_path / "absent.yaml")
    assert problem.code == "TD120"


def test_condition_must_not_be_empty(tmp_path):
    def change(d):
        d["phases"][0]["transitions"][0]["when"] = {}
    [problem] = problems_of(mutate(tmp_path, change))
    assert problem.key == "phases[0].transitions[0].when"
    assert "at least one test" in problem.message


def test_phase_lines_need_every_band(tmp_path):
    def change(d):
        del d["phases"][0]["lines"]["crisis"]
    [problem] = problems_of(mutate(tmp_path, change))
    assert problem.key == "phases[0]" or problem.key.startswith("phases[0]")
    assert "crisis" in problem.message


def test_empty_file_says_it_is_empty(tmp_path):
    p = tmp_path / "empty.yaml"
    p.write_text("", encoding="utf-8")
    [problem] = problems_of(p)
    assert problem.code == "TD102" and "empty" in problem.message


def test_a_list_is_not_a_scenario(tmp_path):
    [problem] = problems_of(write(tmp_path, "- a\n- b\n"))
    assert problem.line == 1 and "mapping" in problem.message and "list" in problem.message


def test_an_unchanged_scenario_is_read_once_and_a_changed_one_again(tmp_path):
    import os

    from simulator.scenario import load_scenario

    src = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml"
    path = tmp_path / "tiny.yaml"
    path.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_scenario(path)
    assert load_scenario(path) is first  # not read again
    path.write_text(src.read_text(encoding="utf-8").replace("max_turns: ", "max_turns: 1"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    again = load_scenario(path)
    assert again is not first and again.scenario.max_turns != first.scenario.max_turns
