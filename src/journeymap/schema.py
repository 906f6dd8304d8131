"""The JSON Schema of the format, generated from the models; schemas/ holds the committed copy."""

from __future__ import annotations

import json

SCHEMA_FILE_NAME = "journeymap-1.schema.json"


def schema_text() -> str:
    from journeymap.model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
