"""The phase graph as Mermaid or Graphviz dot, for authors and reviews."""

from __future__ import annotations

import json

from simulator.scenario.model import Condition, Scenario


def describe(cond: Condition) -> str:
    """A short human reading of a condition (for edge labels)."""
    parts = []
    for key, value in cond.model_dump(by_alias=True, exclude_none=True).items():
        if key in ("all", "any"):
            subs = [describe(Condition.model_validate(v)) for v in value]
            parts.append("(" + (" and " if key == "all" else " or ").join(subs) + ")")
        elif key == "not":
            parts.append("not " + describe(Condition.model_validate(value)))
        elif isinstance(value, dict):
            parts.append(f"{key} " + " ".join(str(v) for v in value.values()))
        elif isinstance(value, list):
            parts.append(f"{key} in {','.join(map(str, value))}")
        else:
            parts.append(f"{key} {value}")
    return " and ".join(parts)


def to_mermaid(s: Scenario) -> str:
    lines = ["stateDiagram-v2", f"    [*] --> {s.initial_phase.replace('-', '_')}"]
    for phase in s.phases:
        pid = phase.id.replace("-", "_")
        for tr in phase.transitions:
            label = describe(tr.when).replace(":", " ")
            lines.append(f"    {pid} --> {tr.to.replace('-', '_')}: {label}")
        if phase.outcome:
            lines.append(f"    {pid} --> [*]: {phase.outcome}")
    return "\n".join(lines) + "\n"


def to_dot(s: Scenario) -> str:
    lines = [f"digraph {json.dumps(s.id)} {{", "    rankdir=LR;",
             f"    start [shape=point]; start -> {json.dumps(s.initial_phase)};"]
    for phase in s.phases:
        shape = "doublecircle" if phase.outcome else "box"
        label = phase.id + (f"\\n({phase.outcome})" if phase.outcome else "")
        lines.append(f"    {json.dumps(phase.id)} [shape={shape}, label=\"{label}\"];")
        for tr in phase.transitions:
            lines.append(f"    {json.dumps(phase.id)} -> {json.dumps(tr.to)} "
                         f"[label={json.dumps(describe(tr.when))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
