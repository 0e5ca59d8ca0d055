"""The catalogue of problem codes: every code documented, produced and rendered from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.problems import CATALOGUE, Problem, markdown_table

ROOT = Path(__file__).resolve().parents[1]
SOURCE = [p for p in (ROOT / "simulator").rglob("*.py") if p.name != "problems.py"]
CODE_RE = re.compile(r"\bTD\d{3}\b")


@pytest.mark.parametrize("doc,families", [("scenario-format.md", ("file", "scenario", "bank")),
                                          ("rubric-format.md", ("rubric",)), ("events.md", ("transcript",))])
def test_the_documentation_tables_are_the_catalogue(doc, families):
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    assert markdown_table(*families) in text, (
        f"docs/{doc} must hold exactly this table (from simulator/problems.py):\n{markdown_table(*families)}")


def test_every_code_in_the_source_is_in_the_catalogue_and_every_entry_is_produced():
    used: set[str] = set()
    for path in SOURCE:
        used |= set(CODE_RE.findall(path.read_text(encoding="utf-8")))
    assert used - set(CATALOGUE) == set()
    assert set(CATALOGUE) - used == set(), "catalogue entries nothing produces"


def test_a_problem_takes_its_severity_and_message_from_the_catalogue():
    p = Problem.of("TD110", file="a.yaml", key="phases[0].transitions[0].to", line=3, column=9,
                   name="talkng", hint="Did you mean 'talking'?")
    assert p.severity == "error"
    assert p.format() == ("a.yaml:3:9: error TD110 at 'phases[0].transitions[0].to': there is no phase called "
                          "'talkng'. Did you mean 'talking'?")
    assert Problem.of("TD201", file="a.yaml", name="orphan").severity == "warning"


def test_a_template_field_left_out_is_a_programming_error():
    with pytest.raises(TypeError, match="TD110 needs name"):
        Problem.of("TD110", file="a.yaml")


