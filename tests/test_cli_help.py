"""The command line as a newcomer meets it: help with examples, shell completion, standard input, plain wording."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.cli import app

runner = CliRunner()
COMMANDS = ("validate", "render", "diff", "schema", "init", "rules")
# the installed command, beside the interpreter that runs the tests (completion scripts call it by its name)
JOURNEYMAP = shutil.which("journeymap", path=str(Path(sys.executable).parent))


def invoke(*args: str, input: str | None = None):  # noqa: A002 (click's name)
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"}, input=input)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_what_to_type_and_ends_with_examples(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "<bool>" not in text and "list[" not in text and "<str>" not in text, text
    examples = text[text.index("Examples"):]
    commands = re.findall(r"^\s+(journeymap \S+.*?)\s*$", examples, flags=re.MULTILINE)
    assert commands and all(line.startswith(f"journeymap {command}") for line in commands), examples
    assert len(commands) >= (1 if command == "schema" else 2)


def test_every_help_example_is_a_command_line_the_parser_accepts():
    """An example in the help that the command refuses would teach the wrong thing: each parses (its files may
    not exist, which is a different exit: 2 with a message, never a usage error about options)."""
    for command in COMMANDS:
        text = invoke(command, "--help").output
        for line in re.findall(r"^\s+(journeymap \S+.*?)\s*$", text[text.index("Examples"):], flags=re.MULTILINE):
            args = line.split()[1:]
            context = app_command(args[0]).make_context("journeymap", args[1:], resilient_parsing=True)
            assert context.params is not None, line


def app_command(name: str):
    import typer.main

    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


@pytest.mark.skipif(JOURNEYMAP is None, reason="the journeymap script is not installed beside this Python")
def test_shell_completion_script_and_answers():
    script = subprocess.run([JOURNEYMAP, "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "complete -o default -F _journeymap_completion journeymap" in script.stdout

    def complete(words: str) -> list[str]:
        environment = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1),
                       "_JOURNEYMAP_COMPLETE": "complete_bash"}
        done = subprocess.run([JOURNEYMAP], env=environment, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert complete("journeymap re") == ["render"]
    assert complete("journeymap validate --format ")[:3] == ["text", "json", "github"]
    assert complete("journeymap rules JM30") == ["JM301", "JM302", "JM303"]
    assert "viewpoint.process-step" in complete("journeymap rules viewpoint.")
    assert complete("journeymap diff a.yaml b.yaml --fail-on emotion-drop,new") == ["emotion-drop,new-high-pain"]


def test_diff_lists_its_conditions_without_journeys():
    result = invoke("diff", "--list-conditions")
    assert result.exit_code == 0 and "emotion-drop" in result.output


def test_diff_without_journeys_says_what_to_give():
    result = invoke("diff")
    assert result.exit_code == 2 and "give the CURRENT journey and a TARGET journey" in result.output


def test_diff_reads_the_target_from_standard_input():
    current = EXAMPLES / "fr-retail-achat-current.yaml"
    target = (EXAMPLES / "fr-retail-achat-target.yaml").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "journeymap", "diff", str(current), "-", "--format", "json"],
                          input=target, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["target"]["name"] == "-" and report["target"]["id"] == "fr-retail-achat-target"
    assert report["current"]["id"] == "fr-retail-achat-current" and not report["identical"]


@pytest.mark.parametrize("args", [("-", "-"), ("-", "--rev", "HEAD")])
def test_standard_input_is_one_side_only(args):
    result = invoke("diff", *args, input="journeymap: 1\n")
    assert result.exit_code == 2 and "standard input (-) can be only one side" in result.output


def test_render_counts_files_and_journeys_in_words(tmp_path):
    journey = tmp_path / "meal.yaml"
    journey.write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = invoke("render", str(journey), "-o", str(tmp_path / "out"), "-f", "md")
    assert result.exit_code == 0, result.output
    assert "1 file written for 1 journey in" in result.output


@pytest.mark.parametrize("value", ['""', "''", '"  "', ""])
def test_an_empty_choice_is_called_empty(tmp_path, value):
    text = CLEAN_JOURNEY.replace("channel: web", f"channel: {value}", 1)
    assert text != CLEAN_JOURNEY
    journey = tmp_path / "j.yaml"
    journey.write_text(text, encoding="utf-8")
    result = invoke("validate", str(journey))
    assert result.exit_code == 1
    assert "'channel' is empty: expected 'web'" in result.output, result.output
    assert "is not a valid channel" not in result.output
