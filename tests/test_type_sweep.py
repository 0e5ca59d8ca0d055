"""Every key of every shipped scenario and rubric that names something (an id, a target, a person,
a topic, a cue, a measure) given a mapping or a list of mappings: the readers look such names up in
sets and dicts, and three of them crashed with "unhashable type" before (found by `make fuzz` with
seed 8181 and by a sweep of four values at each of the ~5,100 key paths). Each must be a coded
error at its key, never a traceback. The wider sweep is `make fuzz`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from tests.fuzz.generate import ROOT, _dotted, _dump, _replaced, sources, yaml_key_paths, yaml_tree

NAMING = ("id", "to", "person", "answers", "topic", "cue", "measure")


def _naming_paths() -> list[tuple[str, tuple]]:
    return [(src, group[0]) for kind in ("scenario", "rubric") for src in sources(kind)
            for group in yaml_key_paths(src) if group[0] and group[0][-1] in NAMING]


@pytest.mark.parametrize("src", [s for kind in ("scenario", "rubric") for s in sources(kind)])
def test_a_name_that_is_a_mapping_or_a_list_is_an_error_at_its_key(tmp_path, src):
    paths = [p for s, p in _naming_paths() if s == src]
    assert paths, src
    for n, path in enumerate(paths):
        value = {"x": 1} if n % 2 == 0 else [{"x": 1}]
        case = tmp_path / Path(src).name
        case.write_text(_dump(_replaced(yaml_tree(src), path, value)), encoding="utf-8")
        result = CliRunner().invoke(main, ["check", str(case)], env={"TALKDOWN_RUBRICS": str(ROOT / "rubrics")})
        assert result.exception is None or isinstance(result.exception, SystemExit), (path, result.output)
        # a TD102 at the key, or, where the key holds mappings (a topic's answers), a TD101 inside it
        assert result.exit_code == 2 and f"at '{_dotted(path)}" in result.output, (path, result.output)
