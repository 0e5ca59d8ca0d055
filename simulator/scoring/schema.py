"""The published JSON Schema of rubric files (for `# yaml-language-server: $schema=`)."""

from __future__ import annotations

from simulator.scoring.model import Rubric

SCHEMA_ID = "https://talkdown.example/schema/rubric-1.json"


def rubric_schema() -> dict:
    schema = Rubric.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
