"""GitHub workflow commands: `validate --format github` escaping, and `diff --format github` annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, position_of
from journeymap.cli import app

runner = CliRunner()
COMMAND = re.compile(r"^::(error|warning|notice) (?:file=([^,]*),line=(\d+),col=(\d+),)?title=([^:]*)::(.*)$")


def invoke(folder: Path, monkeypatch, *args: str):
    monkeypatch.chdir(folder)
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def test_file_names_keep_githubs_escapes_and_other_controls_stay_visible(tmp_path, monkeypatch):
    name = "a\rb%,c:d.yaml"
    text = CLEAN_JOURNEY.replace("action: Browse the recipes", 'action: "Send the quote \\e[31m\\u202e 100%"')
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke(tmp_path, monkeypatch, "validate", "--format", "github", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotation = next(line for line in lines if "JM301" in line)
    match = COMMAND.match(annotation)
    assert match, annotation
    # GitHub decodes %0D, %25, %2C and %3A back into the file's real name: the annotation lands on it.
    assert match.group(2) == "a%0Db%25%2Cc%3Ad.yaml"
    assert (int(match.group(3)), int(match.group(4))) == position_of(text, '"Send the quote')
    message = match.group(6)
    assert "\\u001b[31m" in message and "\\u202e" in message and "100%25" in message
    assert "%0A" in message  # the hint on a line of its own, decoded by GitHub
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\r" not in result.stdout
    assert all(COMMAND.match(line) for line in lines[:-1]) and not lines[-1].startswith("::")


TARGET = (
    CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-target")
    .replace("state: current", "state: target\ntarget_of: meal-kit")
    .replace("        emotion: 2\n", "        emotion: -2\n")  # the delivery feels worse: breaking
    .replace("      - id: browse\n        action: Browse the recipes\n        touchpoints: [web]\n        emotion: 1\n",
             "")  # the browse step is gone: a warning
)


def test_diff_annotates_the_target_file_at_each_change(tmp_path, monkeypatch):
    (tmp_path / "current.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    (tmp_path / "target.yaml").write_text(TARGET, encoding="utf-8")
    result = invoke(tmp_path, monkeypatch, "diff", "current.yaml", "target.yaml", "--format", "github")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    commands = [COMMAND.match(line) for line in lines[:-1]]
    assert all(commands), lines
    by_kind = {match.group(5).split(" ")[0]: match for match in commands}
    dropped = by_kind["emotion-dropped"]
    assert dropped.group(1) == "error" and dropped.group(2) == "target.yaml"
    assert (int(dropped.group(3)), int(dropped.group(4))) == position_of(TARGET, "-2\n")
    removed = by_kind["step-removed"]  # nowhere in the target: an annotation of the run, saying where it was
    assert removed.group(1) == "warning" and removed.group(2) is None
    line, column = position_of(CLEAN_JOURNEY, "- id: browse", 2)
    assert f"(in the current journey: current.yaml:{line}:{column})" in removed.group(6)
    assert {match.group(1) for match in commands} >= {"error", "warning", "notice"}
    assert lines[-1] == "journeymap diff current.yaml -> target.yaml: 2 breaking, 1 warning, 1 info"
    assert len(commands) == 4


def test_diff_of_a_journey_with_itself_has_no_annotation(tmp_path, monkeypatch):
    (tmp_path / "j.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = invoke(tmp_path, monkeypatch, "diff", "j.yaml", "j.yaml", "--format", "github")
    assert result.exit_code == 0 and result.stdout == "journeymap diff j.yaml -> j.yaml: no change\n"


def test_hostile_labels_start_no_workflow_command_in_diff_annotations(tmp_path, monkeypatch):
    hostile = "x\n::error file=README.md,line=1::pwned\r\x1b[31mred\u202e\u2028%0A"
    (tmp_path / "current.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    target = TARGET.replace("action: Receive the box", f"action: {json.dumps(hostile)}")
    (tmp_path / "target.yaml").write_text(target, encoding="utf-8")
    result = invoke(tmp_path, monkeypatch, "diff", "current.yaml", "target.yaml", "--format", "github")
    assert result.exit_code == 0, result.output
    lines = re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85", result.stdout.rstrip("\n"))
    assert all(COMMAND.match(line) for line in lines[:-1]) and not lines[-1].startswith("::")
    renamed = next(line for line in lines if "step-renamed" in line)
    # the diff's messages fold line breaks; "%" is GitHub's %25 (decoded back to the label's "%0A"); the escape
    # sequence and the override show as escapes
    assert "'x ::error file=README.md,line=1::pwned \\u001b[31mred\\u202e %250A'" in renamed
