"""The fuzz suite (issue 12, point 6): a few hundred malformed variants of the shipped scenarios
and rubrics and of real transcripts, each through every command that reads it. Each must answer
with exit status 0 or 2 (1 where a command documents it), without a traceback, naming the file
when it refuses it, within the time limit. `make fuzz` runs thousands of cases and the whole
sweep (and plays the variants the check accepts); every crash it found is a named test in test_fuzz_regressions.py.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.fuzz.commands import Invocation, Outcome, judge, run_case
from tests.fuzz.generate import (
    KINDS,
    TRANSCRIPT_MUTATIONS,
    YAML_MUTATIONS,
    case,
    family,
    json_lines,
    plan,
    sources,
    sweep_indices,
)

SEED = 12
CASES = int(os.environ.get("TALKDOWN_FUZZ_CASES", "300"))


def describe(outcome: Outcome) -> str:
    return f"$ {outcome.invocation.command_line}\nexit {outcome.exit_code}\n{outcome.output[-1500:]}\n" + "\n".join(
        outcome.problems)


#: every 50th case of the sweep (a wrong type at each key path of each shipped file; `make fuzz` runs all)
SWEEP_SAMPLE = sweep_indices()[::50]


@pytest.mark.parametrize("index", [*range(CASES), *SWEEP_SAMPLE])
def test_a_malformed_file_is_used_or_refused_with_its_name_never_a_crash(tmp_path, index):
    c = case(SEED, index)
    outcomes = run_case(c, tmp_path, quick=True)
    assert outcomes, "every case runs at least one command"
    failed = [o for o in outcomes if not o.ok]
    assert not failed, (f"case {index} ({c.kind} from {c.source}: {c.mutation}); reproduce with "
                        f"python -m tests.fuzz.run --seed {SEED} --case {index}\n\n"
                        + "\n\n".join(describe(o) for o in failed))


def test_the_cases_cover_every_shipped_file_and_every_mutation():
    planned = [plan(SEED, i)[1:] for i in range(CASES)]
    for kind in KINDS:
        assert set(sources(kind)) <= {source for k, source, _ in planned if k == kind}, kind
    yaml_families = {family(m) for k, _, m in planned if k != "transcript"}
    transcript_families = {family(m) for k, _, m in planned if k == "transcript"}
    assert yaml_families == {family(m) for m, _ in YAML_MUTATIONS}
    assert transcript_families == {family(m) for m, _ in TRANSCRIPT_MUTATIONS}


def test_the_sweep_reaches_every_key_path_of_every_shipped_file():
    from tests.fuzz.generate import _sweep_plan, key_path_count, sources

    planned = _sweep_plan()
    for kind in ("scenario", "rubric"):
        for source in sources(kind):
            assert sum(1 for k, s, _, _ in planned if s == source) == key_path_count(source) > 20
    kinds = {json.loads(line)["event"] for source in sources("transcript") for line in json_lines(source)}
    assert {json.loads(json_lines(s)[n])["event"] for k, s, n, _ in planned if k == "transcript"} == kinds


def test_a_case_is_the_same_bytes_every_time():
    for index in (0, 7, 41, SWEEP_SAMPLE[3]):
        first, again = case(SEED, index), case(SEED, index)
        assert first == again
    assert case(SEED, 3) != case(SEED + 1, 3)


@pytest.mark.parametrize("exit_code, output, error, expected", [
    (2, "x.yaml:3: error TD100: bad.", None, []),
    (0, "1 file checked.", None, []),
    (1, "", "Traceback (most recent call last):\nValueError", ["an exception escaped", "exit status 1"]),
    (2, "error TD100: bad.", None, ["does not name the file"]),
    (2, "x.yaml: Traceback (most recent call last):", None, ["a traceback in the output"]),
])
def test_the_judge_flags_every_broken_promise(exit_code, output, error, expected):
    outcome = judge(Outcome(Invocation(("check", "x.yaml"), names=("x.yaml",)), exit_code, output, 0.1, error))
    assert len(outcome.problems) == len(expected)
    for problem, words in zip(outcome.problems, expected, strict=True):
        assert words in problem
