"""The JSON Schema of the format, generated from the models; schemas/ holds the committed copy.

Editors (yaml-language-server and those built on it: VS Code's YAML extension, Neovim, Helix, Zed; JetBrains IDEs)
read it for completion, hover and checks as you type; the descriptions they show are the models' `Field`
descriptions, with the allowed values added here so that no list is written twice.
"""

from __future__ import annotations

import json
import re
from typing import Any

SCHEMA_FILE_NAME = "journeymap-1.schema.json"
# A name, not an address: journeymap has no domain to publish the schema at, and an https id would suggest one.
# An unregistered `urn:` says "this identifies" without "fetch me"; it stays the same for format version 1.
SCHEMA_ID = "urn:journeymap:schema:format-1"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    from journeymap.model import PLAIN_TEXT_PATTERN, Journey

    generated = Journey.model_json_schema()
    for definition in [generated, *generated.get("$defs", {}).values()]:
        for spec in definition.get("properties", {}).values():
            _name_allowed_values(spec)
    _refer_to_plain_text(generated)
    generated["$defs"]["PlainText"] = {
        "description": "Text that journeymap reads as text: not an unquoted date (2024-01-01) or a number that"
        " only journeymap's YAML reader types (1_000, 0b101).",
        "pattern": PLAIN_TEXT_PATTERN,
        "patternErrorMessage": "journeymap reads this unquoted value as a date or a number, not as text: quote it"
        " (an editor cannot see quotes, so a quoted date stays flagged here; `journeymap validate` accepts it)",
    }
    head = {"$schema": DIALECT, "$id": SCHEMA_ID, "title": generated.pop("title"),
            "description": generated.pop("description")}
    return {**head, **generated}


def _name_allowed_values(spec: dict[str, Any]) -> None:
    """Add "One of: ..." and the default to a property's description when it does not already name every value:
    editors that show only the description (hover) then still tell what may be written."""
    values = next((option["enum"] for option in [spec, *spec.get("anyOf", [])] if "enum" in option), None)
    if values is None or len(values) < 2:
        return
    description = spec.get("description", "")
    if not all(re.search(rf"(?<![\w-]){re.escape(str(value))}(?![\w-])", description) for value in values):
        description = f"{description} One of: {', '.join(str(value) for value in values)}.".strip()
    if spec.get("default") is not None:
        description += f" Default: {spec['default']}."
    spec["description"] = description


def _refer_to_plain_text(node: Any) -> None:
    """Replace the models' `x-plain-text` marks by a reference to the one PlainText definition (its pattern is
    long; pydantic cannot emit a reference to a definition it does not generate)."""
    if isinstance(node, dict):
        if node.pop("x-plain-text", False):
            node["allOf"] = [{"$ref": "#/$defs/PlainText"}, *node.get("allOf", [])]
        for value in node.values():
            _refer_to_plain_text(value)
    elif isinstance(node, list):
        for value in node:
            _refer_to_plain_text(value)


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
