"""The published JSON Schema of scenario files (docs/scenario.schema.json)."""

from __future__ import annotations

from simulator.scenario.model import Scenario

SCHEMA_ID = "https://talkdown.example/schema/scenario-1.json"


def scenario_schema() -> dict:
    schema = Scenario.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
