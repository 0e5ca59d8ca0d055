"""Every crash or hang `make fuzz` found (tests/fuzz), as the smallest file that shows it. Each
was a traceback, a MemoryError or a hang before its fix; now a coded error naming the file and
line, exit status 2. The case that found it is named in each test (seed and case number at the
time; the generator has changed since, so the file is written out here)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPT = ROOT / "tests" / "data" / "format1" / "library-psychosis.jsonl"


def talkdown(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input, env={
        "TALKDOWN_SCENARIOS": str(ROOT / "scenarios"), "TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# A core YAML tag on a value it cannot hold: PyYAML's safe constructor raised ValueError, KeyError,
# IndexError or AttributeError (a traceback from every command that reads scenarios or rubrics).
# Found by seed 1: cases 113 (!!float abc), 309 (!!bool maybe), 254 (!!timestamp 2001-13-45),
# 268 (!!int ''), 742 (!!timestamp not-a-date).
@pytest.mark.parametrize("tagged", ["!!float abc", "!!bool maybe", "!!timestamp 2001-13-45", "!!int ''",
                                    "!!timestamp not-a-date", "!!float ''", "!!bool ''", "!!int 0x", "!!int 0b102",
                                    "!!int " + "9" * 5000])
def test_a_core_tag_on_a_value_it_cannot_hold_is_a_located_TD100(tmp_path, tagged):
    path = tmp_path / "tagged.yaml"
    path.write_text(f"id: x\nversion: 1\ntitle: {tagged}\n", encoding="utf-8")
    for command in (["check"], ["graph"], ["test"], ["run", "--seed", "1"]):
        result = talkdown(*command, str(path), input="/end\n")
        assert result.exit_code == 2, (command, result.output)
        assert f"{path}:3:8: error TD100: this is not valid YAML: the value" in result.output, result.output
        assert "is not a valid !!" in result.output


def test_a_bad_tag_in_a_rubric_or_a_bank_names_the_file(tmp_path):
    rubric = tmp_path / "rubrics" / "r.yaml"
    rubric.parent.mkdir()
    rubric.write_text("id: r\ntitle: R\nversion: 1\npass_mark: 50\ncriteria:\n"
                      "  - {id: c, title: C, weight: !!float abc, measure: used}\n", encoding="utf-8")
    for args in (["check", str(rubric)], ["score", "--rubrics", str(rubric), str(TRANSCRIPT)],
                 ["analyze", "--banks", str(rubric), "I hear you"]):
        result = talkdown(*args)
        assert result.exit_code == 2 and f"{rubric}:6:" in result.output and "TD100" in result.output, result.output


# Transcripts that are not regular files: /dev/zero was read until memory ran out (MemoryError, or a
# real process that never answered) and a FIFO blocked for ever. Found by seed 1: cases 123 (a
# symlink to /dev/zero) and 584 (a FIFO).
@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX special files")
@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "directory"])
def test_a_transcript_that_is_not_a_regular_file_is_refused_without_reading_it(tmp_path, kind):
    path = tmp_path / "t.jsonl"
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    for args in (["score", str(path)], ["export", str(path)], ["score", str(tmp_path)]):
        result = talkdown(*args)
        assert result.exit_code == 2, result.output
        # a folder named like a transcript, given itself, is a folder with no transcripts in it
        expected = "TD409" if kind == "directory" and args[1] == str(path) else "TD402"
        assert f"{path}: error {expected}: " in result.output, result.output


# A rubric whose `groups` has a number as a key: sorting the group names for a hint compared a
# float with a string (TypeError). Found by seed 1, case 638.
def test_a_rubric_group_named_by_a_number_is_a_TD102_not_a_crash(tmp_path):
    rubric = tmp_path / "rubrics" / "r.yaml"
    rubric.parent.mkdir()
    rubric.write_text("id: r\ntitle: R\nversion: 1\npass_mark: 50\ngroups:\n  1.5: [paraphrase]\ncriteria:\n"
                      "  - {id: c, title: C, weight: 1, measure: used, techniques: [paraphrse]}\n", encoding="utf-8")
    result = talkdown("check", str(rubric))
    assert result.exit_code == 2, result.output
    assert "TD102 at 'groups.1.5'" in result.output and "TD141" in result.output


def _lines() -> list[dict]:
    return [json.loads(line) for line in TRANSCRIPT.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, events: list[dict]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return path


@pytest.mark.parametrize("line, key, value, words", [
    (1, "turn", 10**30, "less than or equal to 1000000"),
    (0, "max_turns", 10**18, "less than or equal to 1000000"),
    (0, "seed", 2**64, "less than or equal to 9223372036854775807"),
    (2, "agitation_delta", 1e300, "less than or equal to 1000"),
    (2, "repeated", -1, "greater than or equal to 0"),
])
def test_a_number_out_of_its_range_in_a_transcript_is_a_TD405_with_its_line_and_key(tmp_path, line, key, value,
                                                                                     words):
    events = _lines()
    index = next(i for i, e in enumerate(events) if key in e and i >= line)
    events[index][key] = value
    path = _write(tmp_path / "t.jsonl", events)
    for command in ("score", "export"):
        result = talkdown(command, str(path))
        assert result.exit_code == 2, result.output
        assert f"{path}:{index + 1}: error TD405 at '{key}'" in result.output and words in result.output


def test_a_line_of_megabytes_is_refused_before_it_is_read(tmp_path):
    events = _lines()
    path = tmp_path / "t.jsonl"
    text = "".join(json.dumps(e) + "\n" for e in events[:3]) + "x" * 2_000_000 + "\n"
    path.write_text(text + "".join(json.dumps(e) + "\n" for e in events[3:]), encoding="utf-8")
    result = talkdown("score", str(path))
    assert result.exit_code == 2
    assert f"{path}:4: error TD412: line 4 is longer than 1,000,000 bytes" in result.output


def test_the_last_line_cut_short_is_still_a_warning_and_the_rest_is_scored(tmp_path):
    events = _lines()
    text = "".join(json.dumps(e) + "\n" for e in events)
    path = tmp_path / "t.jsonl"
    path.write_text(text + json.dumps(events[1])[:30], encoding="utf-8")
    result = talkdown("score", str(path))
    assert result.exit_code in (0, 1) and "warning: the last line was cut short" in result.output
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")  # CRLF, as an editor may save it
    assert talkdown("score", str(path)).exit_code in (0, 1)


@pytest.mark.parametrize("seed", [str(2**63), str(-(2**63) - 1), "1" + "0" * 40])
def test_a_seed_a_transcript_cannot_hold_is_refused_by_run(tmp_path, seed):
    result = talkdown("run", str(ROOT / "scenarios" / "library-psychosis.yaml"), "--seed", seed,
                      "--transcripts", str(tmp_path), input="/end\n")
    assert result.exit_code == 2 and "--seed" in result.output and not list(tmp_path.rglob("*.jsonl"))


# `talkdown analyze --jsonl` reads replies on standard input (found while fuzzing its input by hand):
# a line nested 100,000 deep was a RecursionError traceback from json.loads, and a 3,000,000-letter
# reply never answered (a 40,000-letter word took 800 MB to analyse).
def test_analyze_refuses_a_line_nested_too_deeply():
    result = talkdown("analyze", "--jsonl", input="[" * 100_000 + "]" * 100_000 + "\n")
    assert result.exit_code == 2 and "line 1 of the input is nested too deeply" in result.output


@pytest.mark.parametrize("args, row", [
    ([], {"utterance": "a" * 3_000_000}),
    ([], {"utterance": "I hear you.", "context": "b" * 2001}),
    (["x" * 2001], None),
])
def test_analyze_answers_a_reply_of_any_length(args, row):
    """A long reply or context is analysed (the language layer is linear in length and memory:
    the 40,000-letter word is fixed where it cost 800 MB), so a long counselling line in a
    --jsonl run never stops the run."""
    stdin = json.dumps(row) + "\n" if row is not None else None
    result = talkdown("analyze", *(args or ["--jsonl"]), input=stdin)
    assert result.exit_code == 0, result.output
    if row is not None:
        assert "techniques" in json.loads(result.output.splitlines()[-1])


# A trainee name with terminal escape sequences in a transcript's header reached the terminal of
# whoever scored it (found while reading the fuzz suite's outputs); `export` already escaped it.
def test_score_shows_escape_sequences_from_a_transcript_instead_of_obeying_them(tmp_path):
    events = _lines()
    events[0]["trainee"] = "evil\x1b]0;pwned\x07\x1b[2J"
    result = talkdown("score", str(_write(tmp_path / "t.jsonl", events)))
    assert result.exit_code in (0, 1) and "\x1b" not in result.output and "\x07" not in result.output
    assert "trainee evil\\x1b]0;pwned\\x07\\x1b[2J," in result.output


# Scenarios are cached by their resolved path: two links to one broken file (or to /dev/zero) got
# the first link's problems, naming the first link. Found by seed 1, case 1079 (a link to
# /dev/zero checked after another).
def test_two_links_to_one_broken_scenario_are_each_named_in_their_own_problems(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nversion: [1]\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).symlink_to(broken)
    result = talkdown("check", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 2
    for name in ("a.yaml", "b.yaml"):
        assert f"{tmp_path / name}:2:1: error TD102 at 'version'" in result.output, result.output


# A rubric of thousands of criteria: each criterion's positions were gathered by a pass over the
# whole file's, so 8,000 criteria took 75 s to check (a hang, for every command that loads it).
# Found by hand after the fuzz suite's huge files; the time is measured in benchmarks/hostile_bench.py.
def test_a_rubric_of_thousands_of_criteria_names_each_problem_at_its_line(tmp_path):
    rubric = tmp_path / "rubrics" / "r.yaml"
    rubric.parent.mkdir()
    rubric.write_text("id: r\ntitle: R\nversion: 1\npass_mark: 50\ncriteria:\n" + "".join(
        f"  - {{id: c{i}, title: C, weight: 1, measure: count, techniques: [listening], at_least: 1}}\n"
        for i in range(3000)), encoding="utf-8")
    result = talkdown("check", str(rubric))
    assert result.exit_code == 2 and "3000 errors" in result.output
    for i in (0, 1234, 2999):
        assert f"{rubric}:{6 + i}:5: error TD103 at 'criteria[{i}].coaching'" in result.output


# A walkthrough's seeds grown to 5,000: `talkdown test` played 5,000 sessions and did not answer
# within 15 s. Found by the fuzz suite's list growing (seeds of walkthroughs[7] of
# welfare-check-hypoglycaemia.yaml); seeds and walkthroughs now have a number limit.
@pytest.mark.parametrize("key, grown", [("seeds", list(range(5000))), ("walkthroughs", None)])
def test_a_walkthrough_list_grown_to_thousands_is_a_TD102_not_an_hour_of_plays(tmp_path, key, grown):
    import yaml

    data = yaml.safe_load((ROOT / "scenarios" / "library-psychosis.yaml").read_text(encoding="utf-8"))
    if key == "seeds":
        data["walkthroughs"][0]["seeds"] = grown
    else:
        data["walkthroughs"] = [{**json.loads(json.dumps(w)), "name": f"{w['name']} {k}"}  # copies: no aliases
                                for k in range(20) for w in data["walkthroughs"]]
    path = tmp_path / "grown.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = talkdown("test", str(path))
    assert result.exit_code == 2, result.output[-500:]
    where = "walkthroughs[0].seeds" if key == "seeds" else "walkthroughs"
    assert f"error TD102 at '{where}'" in result.output and "at most" in result.output


# A list of 100,000 wrong values: 100,000 paragraphs (several seconds a command, for one
# mistake). Found by the fuzz suite's sweep (seed 12, case 1000001400: a list of 100,000 at
# criteria[2].services[0].actions of crisis-recognition.yaml); the first 200 are listed, the rest
# counted (TD107).
def test_a_list_of_100000_wrong_values_lists_200_problems_and_counts_the_rest(tmp_path):
    shipped = (ROOT / "scenarios" / "library-psychosis.yaml").read_text(encoding="utf-8")
    path = tmp_path / "wrong.yaml"
    path.write_text(shipped.replace("\nactions:\n", "\nactions:\n" + "  - 0\n" * 100_000, 1), encoding="utf-8")
    result = talkdown("check", str(path))
    assert result.exit_code == 2
    assert result.output.count("error TD102 at 'actions[") == 200
    assert "error TD107 at 'actions[200]': 99,800 more problems like the ones above are not listed" in result.output


def _shipped(name: str = "welfare-check-hypoglycaemia") -> dict:
    import yaml

    return yaml.safe_load((ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8"))


def _dumped(path: Path, data: dict) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# A variant option whose id is a mapping: the check for ids used twice put it in a set (TypeError:
# unhashable type: 'dict'). Found by the fuzz suite's sweep (seed 1, case 1000001322: a mapping
# of 20,000 keys at variants[3].options[0].id of welfare-check-hypoglycaemia.yaml).
def test_a_variant_option_id_that_is_a_mapping_is_a_TD102_not_a_crash(tmp_path):
    data = _shipped()
    data["variants"][3]["options"][0]["id"] = {"k0": 0, "k1": 1}
    path = _dumped(tmp_path / "v.yaml", data)
    for command in ("check", "graph", "test"):
        result = talkdown(command, str(path))
        assert result.exit_code == 2 and "error TD102 at 'variants[3].options[0].id'" in result.output, result.output


# A condition whose only test is null (`not: null`): the model took it for a test, and `talkdown
# graph` crashed re-reading it without the null (ValueError). Found by the fuzz suite's sweep
# (seed 1, case 1000000210: null at phases[3].transitions[1].when.all[10].not of domestic-dispute.yaml).
def test_a_condition_that_tests_only_null_is_a_TD102_not_a_crash_in_graph(tmp_path):
    data = _shipped("domestic-dispute")
    data["phases"][3]["transitions"][1]["when"]["all"][10] = {"not": None}
    path = _dumped(tmp_path / "c.yaml", data)
    for command in ("check", "graph"):
        result = talkdown(command, str(path))
        assert result.exit_code == 2, result.output
        assert "error TD102 at 'phases[3].transitions[1].when.all[10]'" in result.output
        assert "a condition needs at least one test" in result.output


# A topic's phrases grown to 20,000: every reply is matched against each, and `talkdown test` took
# 15 s (the limit). Found by the fuzz suite (seed 1, case 2779: topics[0].phrases of
# welfare-check-hypoglycaemia.yaml); a list of phrases holds at most 1,000.
def test_a_list_of_20000_phrases_is_a_TD102(tmp_path):
    data = _shipped()
    data["topics"][0]["phrases"] = [f"phrase {i}" for i in range(20_000)]
    result = talkdown("test", str(_dumped(tmp_path / "p.yaml", data)))
    assert result.exit_code == 2 and "error TD102 at 'topics[0].phrases'" in result.output
    assert "at most 1000 items" in result.output


# A person's id that is a list or a mapping: the check for reserved ids looked it up in a set
# (TypeError: unhashable type), in `check`, `test`, `run` and the app's library. Found by the fuzz
# suite's sweep (seed 8181, cases 1000002912 and 1000003346: a mapping of 20,000 keys and a list of
# 100,000 at people[0].id of mother-son-mania.yaml and noise-complaint-neighbours.yaml).
@pytest.mark.parametrize("ident", [{"k0": 0}, ["nadia"]])
def test_a_person_id_that_is_a_list_or_a_mapping_is_a_TD102_not_a_crash(tmp_path, ident):
    data = _shipped("noise-complaint-neighbours")
    data["people"][0]["id"] = ident
    path = _dumped(tmp_path / "p.yaml", data)
    for command in ("check", "graph", "test"):
        result = talkdown(command, str(path))
        assert result.exit_code == 2 and "error TD102 at 'people[0].id'" in result.output, result.output


# A rubric criterion whose outcomes hold a mapping, with partial credit beside them: the check that
# no outcome is in both put the list in a set (TypeError: unhashable type: 'dict'). Found by the fuzz
# suite's sweep (seed 8181, case 1000005086: a mapping at criteria[9].outcomes[1] of tactics-safety.yaml).
def test_an_outcome_that_is_a_mapping_beside_partial_credit_is_a_TD102_not_a_crash(tmp_path):
    import yaml

    data = yaml.safe_load((ROOT / "rubrics" / "tactics-safety.yaml").read_text(encoding="utf-8"))
    [crit] = [i for i, c in enumerate(data["criteria"]) if c.get("partial")]
    data["criteria"][crit]["outcomes"][1] = {"x": 1, "y": [2]}
    path = _dumped(tmp_path / "r.yaml", data)
    for args in (["check", str(path)], ["score", "--rubrics", str(path), str(TRANSCRIPT)]):
        result = talkdown(*args)
        assert result.exit_code == 2, result.output
        assert f"error TD102 at 'criteria[{crit}].outcomes[1]'" in result.output, result.output


# A scene's own cue id that is a mapping or a list, in a scenario whose people have cues too: the
# check that a person's cue id is not also the scene's put the scene's ids in a set (TypeError:
# unhashable type). Found by a sweep of a mapping, a list of mappings, null and true at every key
# path of every shipped file (cues[0].id of noise-complaint-neighbours.yaml).
@pytest.mark.parametrize("ident", [{"x": 1}, [{"x": 1}]])
def test_a_scene_cue_id_that_is_a_mapping_beside_peoples_cues_is_a_TD102_not_a_crash(tmp_path, ident):
    data = _shipped("noise-complaint-neighbours")
    assert any(p.get("cues") for p in data["people"])
    data["cues"][0]["id"] = ident
    path = _dumped(tmp_path / "c.yaml", data)
    for command in ("check", "graph", "test"):
        result = talkdown(command, str(path))
        assert result.exit_code == 2 and "error TD102 at 'cues[0].id'" in result.output, result.output
