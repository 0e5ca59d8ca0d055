"""`talkdown new`: a scenario file to fill in, which already checks clean."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

ID_RE = re.compile(r"[a-z][a-z0-9-]*")


class ScaffoldError(ValueError):
    pass


def new_scenario(scenario_id: str, folder: Path) -> Path:
    """Write ``folder/ID.yaml`` from the template; never overwrites."""
    if not ID_RE.fullmatch(scenario_id):
        raise ScaffoldError(f"{scenario_id}: a scenario id is lower-case letters, digits and hyphens, starting "
                            "with a letter (e.g. welfare-check-dementia).")
    path = folder / f"{scenario_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path}: already exists; nothing was changed.")
    text = files("simulator.authoring").joinpath("template.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("__ID__", scenario_id), encoding="utf-8")
    return path
