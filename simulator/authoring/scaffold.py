"""`talkdown new`: a scenario file to fill in, which already checks clean."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

ID_RE = re.compile(r"[a-z][a-z0-9-]*")


class ScaffoldError(ValueError):
    pass


#: the people a scaffolded scene names, in order (`talkdown new ID --people N`)
NAMES = ("Alex", "Sam", "Jo", "Robin", "Kim", "Lee")
PERSON = """  - id: {id}
    name: {name}
    age: 30
    description: "TODO: what the officer sees."
    background: "TODO: hidden from the recruit; shown to instructors."
    start: {{agitation: 55, rapport: 10}}
    lines:
      calm: ["TODO: {name}, calm."]
      tense: ["TODO: {name}, tense."]
      agitated: ["TODO: {name}, agitated."]
      hostile: ["TODO: {name}, hostile."]
      crisis: ["TODO: {name}, in crisis."]
    bystander:
      sides: 8
      speaks_up_at: 60
"""


def new_scenario(scenario_id: str, folder: Path, people: int = 1) -> Path:
    """Write ``folder/ID.yaml`` from the template (a scene with ``people`` people when more than
    one); never overwrites."""
    if not 1 <= people <= len(NAMES):
        raise ScaffoldError(f"--people {people}: a scene has 1 to {len(NAMES)} people.")
    if not ID_RE.fullmatch(scenario_id):
        raise ScaffoldError(f"{scenario_id}: a scenario id is lower-case letters, digits and hyphens, starting "
                            "with a letter (e.g. welfare-check-dementia).")
    path = folder / f"{scenario_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path}: already exists; nothing was changed.")
    template = "template.yaml" if people == 1 else "template_people.yaml"
    text = files("simulator.authoring").joinpath(template).read_text(encoding="utf-8")
    text = text.replace("__PEOPLE__\n", "".join(PERSON.format(id=n.lower(), name=n) for n in NAMES[:people]))
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("__ID__", scenario_id), encoding="utf-8")
    return path
