"""Editor support: the JSON Schema editors read, `journeymap init`'s schema copy, and the real yaml-language-server
(what VS Code's YAML extension, Neovim, Helix and Zed run) driven over the language-server protocol.

The server is installed by `./dev test` into .cache/yaml-language-server (npm); its tests are skipped, saying why,
where it or node is missing, and fail instead under CI.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT, require
from journeymap.cli import app
from journeymap.model import PLAIN_TEXT_PATTERN, YAML_DATE, YAML_NUMBER
from journeymap.schema import SCHEMA_FILE_NAME, SCHEMA_ID, json_schema, schema_text

SERVER = ROOT / ".cache" / "yaml-language-server" / "node_modules" / "yaml-language-server" / "bin"
SERVER = SERVER / "yaml-language-server"
COPY = f".journeymap/{SCHEMA_FILE_NAME}"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, key, spec)
        for name, definition in [("Journey", schema), *schema["$defs"].items()]
        for key, spec in definition.get("properties", {}).items()
    ]


def enum_of(spec: dict[str, Any]) -> list[Any] | None:
    return next((option["enum"] for option in [spec, *spec.get("anyOf", [])] if "enum" in option), None)


# --- the schema -------------------------------------------------------------------------------------------------

def test_schema_names_itself_and_describes_every_property_with_its_values():
    schema = json_schema()
    assert schema["$id"] == SCHEMA_ID and schema["$id"].startswith("urn:")
    assert schema["title"] and schema["$schema"].endswith("2020-12/schema")
    found = properties(schema)
    assert len(found) >= 70
    undescribed = [f"{name}.{key}" for name, key, spec in found if not spec.get("description")]
    assert undescribed == []
    for name, key, spec in found:
        values = enum_of(spec)
        if values and len(values) > 1:
            missing = [value for value in values if str(value) not in spec["description"]]
            assert missing == [], f"{name}.{key} does not name {missing}"
    by_key = {(name, key): spec for name, key, spec in found}
    assert "breakpoint: the customer may give up" in by_key[("PainPoint", "type")]["description"]
    assert "Default: other" in by_key[("Touchpoint", "channel")]["description"]
    assert "lasting opinion" in by_key[("Step", "moment_of_truth")]["description"]
    assert by_key[("Step", "action")]["examples"] == ["Ask for a quote"]


def test_schema_types_are_the_clis():
    schema = json_schema()
    by_key = {(name, key): spec for name, key, spec in properties(schema)}
    emotion = by_key[("Step", "emotion")]["anyOf"][0]
    assert emotion == {"maximum": 2, "minimum": -2, "type": "integer"}
    assert by_key[("Action", "impact")]["anyOf"][0]["type"] == "integer"
    assert by_key[("BackstageProcess", "visible")]["type"] == "boolean"
    assert all(definition.get("additionalProperties") is False
               for definition in [schema, *(d for n, d in schema["$defs"].items() if n != "PlainText")])
    owner = by_key[("Journey", "owner")]["anyOf"][0]
    assert owner["allOf"] == [{"$ref": "#/$defs/PlainText"}]
    assert schema["$defs"]["PlainText"]["pattern"] == PLAIN_TEXT_PATTERN


def ruamel_types(value: str) -> str:
    """The tag journeymap's YAML reader gives a plain scalar, by ruamel's YAML 1.2 resolver table."""
    from ruamel.yaml.resolver import implicit_resolvers

    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions and (not first or (value[:1] in first)) and regexp.match(value):
            return tag.rsplit(":", 1)[-1]
    return "str"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789-_+.:eExXbBoOTtZ \tinfaINFAN", min_size=1, max_size=24))
def test_plain_text_pattern_flags_what_journeymaps_reader_types(value):
    typed = ruamel_types(value) in ("timestamp", "int", "float")
    assert bool(re.fullmatch(f"(?:{YAML_DATE}|{YAML_NUMBER})", value)) == typed, value


@pytest.mark.parametrize("value, flagged", [
    ("2024-01-01", True), ("2024-1-2 10:30:00", True), ("1_000", True), ("0b101", True), ("+0x1F", True),
    ("2024", False), ("3.5", False), ("true", False), ("0x1F", False),  # an editor types these itself
    ("Customer Experience", False), ("2024-01-01 kick-off", False), ("v1.0", False),
])
def test_plain_text_pattern(value, flagged):
    assert (re.search(PLAIN_TEXT_PATTERN, value) is None) == flagged


def test_the_cli_rejects_what_the_pattern_flags(tmp_path, run_cli):
    from conftest import CLEAN_JOURNEY

    for value in ("2024-01-01", "1_000"):
        journey = tmp_path / "j.yaml"
        journey.write_text(CLEAN_JOURNEY.replace("owner: CX team", f"owner: {value}"), encoding="utf-8")
        result = run_cli("validate", str(journey))
        assert result.returncode == 1 and "JM103" in result.stdout, result.stdout


def test_schema_output_is_the_printed_schema(tmp_path, run_cli):
    target = tmp_path / "editor.schema.json"
    target.write_text("old", encoding="utf-8")
    result = run_cli("schema", "--output", str(target))
    assert result.returncode == 0 and result.stdout == "", result.stderr
    assert target.read_text(encoding="utf-8") == run_cli("schema").stdout == schema_text()
    assert [path.name for path in tmp_path.iterdir()] == [target.name]  # no temporary file left
    assert json.loads(target.read_text(encoding="utf-8"))["$id"] == SCHEMA_ID


# --- init's schema copy -----------------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new repository: its root stops init's look for a schema above it."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


def test_init_in_a_fresh_folder_writes_the_schema_beside_the_journey(project):
    journey = project / "journey.yaml"
    result = invoke("init", str(journey))
    assert result.exit_code == 0, result.output
    assert journey.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={COPY}\n")
    assert (project / COPY).read_text(encoding="utf-8") == schema_text()
    assert COPY in result.output and "commit it with the journey" in result.output
    check = invoke("validate", str(project), "--strict")
    assert check.exit_code == 0 and "1 journey file checked" in check.output, check.output

    again = invoke("init", str(project / "second.yaml"), "--lang", "fr")
    assert again.exit_code == 0 and "written now" not in again.output and COPY in again.output
    (project / "journeys").mkdir()
    nested = invoke("init", str(project / "journeys" / "third.yaml"))
    assert nested.exit_code == 0, nested.output
    assert (project / "journeys" / "third.yaml").read_text(encoding="utf-8").startswith(
        f"# yaml-language-server: $schema=../{COPY}\n")
    assert not (project / "journeys" / ".journeymap").exists()


def test_init_does_not_reach_above_the_repository(tmp_path, project):
    (tmp_path / ".journeymap").mkdir()
    (tmp_path / COPY).write_text(schema_text(), encoding="utf-8")
    assert invoke("init", str(project / "j.yaml")).exit_code == 0
    assert (project / COPY).is_file()
    assert (project / "j.yaml").read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={COPY}\n")


def test_init_refreshes_an_older_copy(project):
    (project / ".journeymap").mkdir()
    older = json_schema()
    older["description"] = "an earlier journeymap's schema"
    (project / COPY).write_text(json.dumps(older), encoding="utf-8")
    result = invoke("init", str(project / "j.yaml"))
    assert result.exit_code == 0 and "refreshed" in result.output, result.output
    assert (project / COPY).read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("content", ['{"$id": "https://example.com/mine.json"}', "not json at all"])
def test_init_never_replaces_someone_elses_schema_unless_forced(project, content):
    (project / ".journeymap").mkdir()
    (project / COPY).write_text(content, encoding="utf-8")
    result = invoke("init", str(project / "j.yaml"))
    assert result.exit_code == 2 and "not journeymap's schema" in result.output and "--force" in result.output
    assert (project / COPY).read_text(encoding="utf-8") == content
    assert not (project / "j.yaml").exists()
    forced = invoke("init", str(project / "j.yaml"), "--force")
    assert forced.exit_code == 0 and "was not journeymap's" in forced.output, forced.output
    assert (project / COPY).read_text(encoding="utf-8") == schema_text()


def test_init_says_why_it_cannot_make_the_schema_folder(project):
    (project / ".journeymap").write_text("a file, not a folder", encoding="utf-8")
    result = invoke("init", str(project / "j.yaml"))
    assert result.exit_code == 2 and "cannot create" in result.output
    assert not (project / "j.yaml").exists()


# --- the real language server -----------------------------------------------------------------------------------

@pytest.fixture
def yaml_language_server(tmp_path: Path):
    missing = [] if shutil.which("node") else ["node (Debian: apt-get install nodejs)"]
    if not SERVER.is_file():
        missing.append(f"yaml-language-server ({SERVER}; ./dev test installs it with npm)")
    require(missing, "editor tests")
    from lsp_client import LanguageServer

    workspace = tmp_path / "project"
    settings = {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False},
                         "format": {"enable": False}}}
    (workspace / ".git").mkdir(parents=True)
    server = LanguageServer(["node", str(SERVER), "--stdio"], settings, workspace, tmp_path / "server.log")
    try:
        server.request("initialize", {
            "processId": None,
            "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": "project"}],
            "capabilities": {
                "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False}},
                "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                 "completion": {"completionItem": {"snippetSupport": False}},
                                 "publishDiagnostics": {}},
            },
        }, timeout=30)
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": settings})
        yield server, workspace
    finally:
        server.close()


def line_of(lines: list[str], start: str) -> int:
    return next(number for number, line in enumerate(lines) if line.startswith(start))


def test_a_fresh_init_journey_in_the_real_yaml_language_server(yaml_language_server):
    server, workspace = yaml_language_server
    journey = workspace / "journey.yaml"
    assert invoke("init", str(journey)).exit_code == 0
    uri = journey.as_uri()
    text = journey.read_text(encoding="utf-8")
    server.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    clean = server.wait_for("textDocument/publishDiagnostics", lambda params: params["uri"] == uri, timeout=30)
    assert clean["diagnostics"] == [], "the starter itself is flagged by the editor"

    broken = (text.replace("state: current", "state: curent")
                  .replace("title: Order a weekly meal kit", "title: Order a weekly meal kit\ncolour: green")
                  .replace("owner: Customer Experience", "owner: 2024-01-01")
                  .replace("    channel: web\n", "    channel: \n", 1))
    journey.write_text(broken, encoding="utf-8")
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": broken}]})
    lines = broken.splitlines()
    published = server.wait_for(
        "textDocument/publishDiagnostics",
        lambda params: params["uri"] == uri and params.get("version", 2) == 2 and len(params["diagnostics"]) >= 3,
        timeout=30,
    )
    by_line: dict[int, list[str]] = {}
    for diagnostic in published["diagnostics"]:
        by_line.setdefault(diagnostic["range"]["start"]["line"], []).append(diagnostic["message"])
    assert any("colour" in message and "not allowed" in message for message in by_line[line_of(lines, "colour:")])
    assert any('"current", "target"' in message for message in by_line[line_of(lines, "state:")])
    assert any("date or a number" in message for message in by_line[line_of(lines, "owner:")])
    channel = line_of(lines, "    channel: ")
    assert set(by_line) == {line_of(lines, key) for key in ("colour:", "state:", "owner:")} | {channel}

    completion = server.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": channel, "character": len(lines[channel])}})
    items = completion["items"] if isinstance(completion, dict) else completion
    labels = {item["label"] for item in items}
    assert {"web", "mobile-app", "email", "sms", "phone", "store", "kiosk", "other"} <= labels, labels

    moment = line_of(lines, "        moment_of_truth:")
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": moment, "character": 12}})
    contents = hover["contents"]
    text_shown = contents["value"] if isinstance(contents, dict) else json.dumps(contents)
    assert "forms a lasting opinion" in text_shown, text_shown
    assert COPY.rsplit("/", 1)[-1] in text_shown  # the schema that answered is init's copy
