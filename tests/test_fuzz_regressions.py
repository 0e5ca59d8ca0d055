"""Every crash or hang `make fuzz` found (tests/fuzz), as the smallest file that shows it. Each
was a traceback, a MemoryError or a hang before its fix; now a coded error naming the file and
line, exit status 2. The case that found it is named in each test (seed and case number at the
time; the generator has changed since, so the file is written out here)."""

from __future__ import annotations

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
