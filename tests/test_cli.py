"""The command line, through typer's runner and as a real subprocess, on real files in temporary folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, EXAMPLES, ROOT, position_of
from journeymap import __version__
from journeymap.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_examples_are_clean_without_warnings():
    result = invoke("validate", str(EXAMPLES), "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output
    assert f"{len(list(EXAMPLES.glob('*.yaml')))} journey files checked" in result.output


def test_broken_file_exit_1_with_file_line_column(tmp_path):
    text = CLEAN_JOURNEY.replace("        emotion: 2\n", "        emotion: 7\n")
    path = write(tmp_path, "broken.yaml", text)
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    line, column = position_of(text, "7\n")
    assert f"broken.yaml:{line}:{column}: error JM104" in result.output


def test_warnings_pass_unless_strict(tmp_path):
    path = write(tmp_path, "warn.yaml", CLEAN_JOURNEY.replace("        emotion: 2\n", ""))
    assert invoke("validate", str(path)).exit_code == 0
    strict = invoke("validate", str(path), "--strict")
    assert strict.exit_code == 1 and "JM401" in strict.output


def test_json_format_is_a_list_of_problem_records(tmp_path):
    path = write(tmp_path, "j.yaml", CLEAN_JOURNEY.replace("title: Order a meal kit", "titel: Order"))
    result = invoke("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert {"file", "line", "column", "code", "severity", "message", "hint"} <= set(records[0])
    assert {record["code"] for record in records} == {"JM101", "JM102"}


def test_github_format_annotations_are_escaped(tmp_path):
    text = CLEAN_JOURNEY.replace("        emotion: 2\n", "")
    path = write(tmp_path, "j.yaml", text)
    result = invoke("validate", str(path), "--format", "github")
    line = result.stdout.splitlines()[0]
    expected_line, column = position_of(text, "- id: delivery", 2)
    assert line.startswith("::warning file=")
    assert f",line={expected_line},col={column},title=JM401 method.step-without-emotion::" in line
    assert "%0A" in line  # the hint follows the message on its own line, escaped


def test_folder_walk_counts_skipped_yaml_and_ignores_hidden_folders(tmp_path):
    write(tmp_path, "journeys/a.yaml", CLEAN_JOURNEY)
    write(tmp_path, "journeys/deep/b.yml", CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-b"))
    write(tmp_path, "journeys/config.yaml", "some: other file\n")
    write(tmp_path, "journeys/.hidden/c.yaml", "journeymap: 1\nbroken: [\n")
    write(tmp_path, "journeys/notes.txt", "journeymap: 1\n")
    result = invoke("validate", str(tmp_path / "journeys"))
    assert result.exit_code == 0, result.output
    assert "2 journey files checked; 1 YAML file skipped (not journeys)" in result.output


def test_folder_walk_reports_broken_yaml_that_declares_a_journey(tmp_path):
    write(tmp_path, "a.yaml", "journeymap: 1\nid: [unclosed\n")
    result = invoke("validate", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["code"] == "JM001"


def test_named_file_that_is_not_a_journey_is_an_error(tmp_path):
    path = write(tmp_path, "other.yaml", "some: thing\n")
    result = invoke("validate", str(path))
    assert result.exit_code == 1 and "JM004" in result.output


def test_duplicate_journey_ids_across_files(tmp_path):
    write(tmp_path, "a.yaml", CLEAN_JOURNEY)
    write(tmp_path, "b.yaml", CLEAN_JOURNEY)
    result = invoke("validate", str(tmp_path), "--format", "json")
    records = json.loads(result.stdout)
    assert [(r["file"].endswith("b.yaml"), r["code"]) for r in records] == [(True, "JM205")]


def test_target_of_must_name_a_current_journey_and_hypothesis_baseline(tmp_path):
    write(tmp_path, "current.yaml", CLEAN_JOURNEY.replace("evidence: research", "evidence: hypothesis"))
    target = CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-target").replace(
        "state: current", "state: target\ntarget_of: meal-kit"
    )
    write(tmp_path, "target.yaml", target)
    records = json.loads(invoke("validate", str(tmp_path), "--format", "json").stdout)
    assert [(Path(r["file"]).name, r["code"], r["line"]) for r in records] == [("current.yaml", "JM407", 9)]  # evidence:
    write(tmp_path, "current.yaml", CLEAN_JOURNEY.replace("state: current", "state: target\ntarget_of: elsewhere"))
    records = json.loads(invoke("validate", str(tmp_path), "--format", "json").stdout)
    assert ("target.yaml", "JM206") in [(Path(r["file"]).name, r["code"]) for r in records]


def test_missing_path_is_a_usage_error():
    result = invoke("validate", "does/not/exist.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_bad_option_is_a_usage_error():
    assert invoke("validate", "--format", "xml").exit_code == 2


def test_configuration_from_pyproject_and_journeymap_toml(tmp_path, monkeypatch):
    write(tmp_path, "j.yaml", CLEAN_JOURNEY.replace("        emotion: 2\n", ""))
    monkeypatch.chdir(tmp_path)
    assert invoke("validate", "--strict").exit_code == 1
    write(tmp_path, "pyproject.toml", '[tool.journeymap]\ndisable = ["JM401"]\n')
    assert invoke("validate", "--strict").exit_code == 0
    write(tmp_path, "journeymap.toml", "strict = true\n")  # journeymap.toml wins over pyproject.toml
    assert invoke("validate").exit_code == 1
    write(tmp_path, "journeymap.toml", 'disable = ["JM101"]\n')
    result = invoke("validate")
    assert result.exit_code == 2 and "cannot be changed" in result.output
    write(tmp_path, "journeymap.toml", "strict = [\n")
    assert invoke("validate").exit_code == 2


def test_viewpoint_lexicon_extension_from_configuration(tmp_path, monkeypatch):
    text = CLEAN_JOURNEY.replace("action: Browse the recipes", "action: Provision the recipes")
    write(tmp_path, "j.yaml", text)
    monkeypatch.chdir(tmp_path)
    before = invoke("validate", "--format", "json")
    assert "JM301" not in before.stdout
    write(tmp_path, "journeymap.toml", '[viewpoint.en]\ncompany_verbs = ["provision"]\n')
    after = invoke("validate", "--format", "json")
    assert after.exit_code == 1 and "JM301" in after.stdout


def test_max_file_size_from_configuration(tmp_path, monkeypatch):
    write(tmp_path, "j.yaml", CLEAN_JOURNEY)
    write(tmp_path, "journeymap.toml", 'max_file_size = "1KB"\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "j.yaml")
    assert result.exit_code == 1 and "JM007" in result.output and "1,024 bytes" in result.output


def test_schema_command_matches_committed_schema():
    result = invoke("schema")
    committed = (ROOT / "schemas" / "journeymap-1.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, "schema drifted: run `journeymap schema -o schemas/journeymap-1.schema.json`"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_init_writes_a_valid_commented_starter(tmp_path, lang):
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "journeymap-1.schema.json", tmp_path / "schemas")
    target = tmp_path / "journeys" / f"starter-{lang}.yaml"
    target.parent.mkdir()
    result = invoke("init", str(target), "--lang", lang)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/journeymap-1.schema.json\n")
    assert f"lang: {lang}" in text
    check = invoke("validate", str(target), "--strict")
    assert check.exit_code == 0, check.output
    again = invoke("init", str(target))
    assert again.exit_code == 2 and "already exists" in again.output
    assert target.read_text(encoding="utf-8") == text


def test_rules_lists_and_explains_every_check():
    from journeymap.catalogue import CHECKS

    listing = invoke("rules").stdout
    assert all(check.code in listing and check.name in listing for check in CHECKS)
    explained = invoke("rules", "viewpoint.process-step")
    assert explained.exit_code == 0 and "backstage" in explained.stdout
    assert invoke("rules", "JM999").exit_code == 2


def test_readme_documents_every_check():
    from journeymap.catalogue import CHECKS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [check.code for check in CHECKS if f"`{check.code}`" not in readme]
    assert not missing, f"README does not document {missing}"


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"journeymap {__version__}"


def test_subprocess_module_entry_point_and_exit_codes(tmp_path, run_cli):
    write(tmp_path, "ok.yaml", CLEAN_JOURNEY)
    write(tmp_path, "sub dir/é journey.yaml", CLEAN_JOURNEY.replace("id: meal-kit", "id: other").replace(
        "action: Browse the recipes", "action: Send the recipes"
    ))
    ok = run_cli("validate", "ok.yaml")
    assert ok.returncode == 0 and ok.stderr == ""
    bad = run_cli("validate", ".")
    assert bad.returncode == 1
    assert "sub dir/é journey.yaml:" in bad.stdout and "JM301" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    missing = run_cli("validate", "nope.yaml")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert run_cli("--version").stdout.startswith("journeymap ")


def test_text_output_cannot_inject_terminal_sequences(tmp_path):
    hostile = "Send \x1b[31mred\x1b[0m [bold]quote[/bold] \u202e"
    write(tmp_path, "j.yaml", CLEAN_JOURNEY.replace("action: Browse the recipes", f'action: "{hostile}"'.replace("\x1b", "\\e").replace("\u202e", "\\u202e")))
    result = runner.invoke(app, ["validate", str(tmp_path / "j.yaml"), "--color", "always"])
    assert "\x1b[31mred" not in result.output and "\u202e" not in result.output
    assert "[bold]quote[/bold]" in result.output  # printed as written, not interpreted as markup


def test_pre_commit_mode_skips_named_files_that_are_not_journeys(tmp_path):
    other = write(tmp_path, "ci.yaml", "on: push\n")
    journey = write(tmp_path, "j.yaml", CLEAN_JOURNEY)
    assert invoke("validate", str(other), str(journey)).exit_code == 1
    result = invoke("validate", "--skip-non-journeys", str(other), str(journey))
    assert result.exit_code == 0 and "1 YAML file skipped" in result.output
