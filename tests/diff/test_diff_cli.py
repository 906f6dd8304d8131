"""`journeymap diff` through typer's runner and as a subprocess: formats, git revisions, fail conditions, errors."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.cli import app

runner = CliRunner()
CURRENT = EXAMPLES / "fr-retail-achat-current.yaml"
TARGET = EXAMPLES / "fr-retail-achat-target.yaml"


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1"})


def test_text_diff_of_the_retail_pair_fits_a_screen():
    result = invoke("diff", str(CURRENT), str(TARGET))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("journeymap diff ") and "Emotion" in lines[2]
    assert "suivre-livraison" in result.stdout and "15 resolved" in result.stdout
    assert len(lines) < 80


def test_json_and_markdown_formats():
    data = json.loads(invoke("diff", str(CURRENT), str(TARGET), "--format", "json").stdout)
    assert data["format"] == "journeymap-diff" and data["version"] == 1
    assert {"current", "target", "identical", "counts", "summary", "changes"} <= set(data)
    added = {change["target_id"] for change in data["changes"] if change["kind"] == "step-added"}
    assert added == {"suivre-livraison", "diagnostiquer-visio", "recevoir-conseils"}
    markdown = invoke("diff", str(CURRENT), str(TARGET), "-f", "md").stdout
    assert markdown.lstrip().startswith("#") and "|" in markdown


def test_identical_journeys(tmp_path):
    result = invoke("diff", str(CURRENT), str(CURRENT), "--format", "json", "--fail-on", "any-warning")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["identical"] is True


def test_fail_on_conditions():
    backwards = invoke("diff", str(TARGET), str(CURRENT), "--fail-on", "emotion-drop,removed-step",
                       "--fail-on", "removed-moment-of-truth")
    assert backwards.exit_code == 1
    assert "--fail-on emotion-drop" in backwards.output and "--fail-on removed-moment-of-truth" in backwards.output
    forwards = invoke("diff", str(CURRENT), str(TARGET), "--fail-on", "emotion-drop", "--fail-on", "new-high-pain")
    assert forwards.exit_code == 0
    unknown = invoke("diff", str(CURRENT), str(TARGET), "--fail-on", "worse")
    assert unknown.exit_code == 2 and "emotion-drop" in unknown.output
    listing = invoke("diff", str(CURRENT), "--list-conditions")
    assert listing.exit_code == 0 and "unresolved-high-pain" in listing.stdout


def test_usage_and_input_errors(tmp_path):
    assert invoke("diff", str(CURRENT)).exit_code == 2  # neither TARGET nor --rev
    assert invoke("diff", str(CURRENT), str(TARGET), "--rev", "HEAD").exit_code == 2  # both
    assert invoke("diff", str(CURRENT), str(tmp_path / "missing.yaml")).exit_code == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text(CLEAN_JOURNEY.replace("        emotion: 2\n", "        emotion: 9\n"), encoding="utf-8")
    result = invoke("diff", str(CURRENT), str(broken))
    assert result.exit_code == 2
    assert "broken.yaml:" in result.output and "JM104" in result.output  # the same positioned problems as validate


def test_output_file_is_written_and_inputs_are_protected(tmp_path):
    out = tmp_path / "diff.md"
    assert invoke("diff", str(CURRENT), str(TARGET), "-f", "md", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    copy = tmp_path / "current.yaml"
    shutil.copy(CURRENT, copy)
    result = invoke("diff", str(copy), str(TARGET), "-f", "md", "-o", str(copy))
    assert result.exit_code == 2 and "refusing to overwrite input" in result.output
    assert copy.read_bytes() == CURRENT.read_bytes()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_rev_compares_with_a_git_revision_from_another_folder(tmp_path, run_cli):
    repo = tmp_path / "repo"
    (repo / "journeys").mkdir(parents=True)
    journey = repo / "journeys" / "meal kit.yaml"

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=repo,
                       check=True, capture_output=True)

    git("init", "-q")
    journey.write_text(CLEAN_JOURNEY, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "current")
    journey.write_text(CLEAN_JOURNEY.replace("action: Browse the recipes", "action: Browse the weekly recipes")
                       .replace("        emotion: -1\n", "        emotion: 1\n"), encoding="utf-8")
    git("commit", "-qam", "better payment")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("diff", str(journey), "--rev", "HEAD~1", "--format", "json", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["current"]["name"].endswith("@HEAD~1")
    kinds = {change["kind"] for change in data["changes"]}
    assert {"step-renamed", "emotion-improved"} <= kinds
    assert "step-added" not in kinds and "step-removed" not in kinds
    unknown = run_cli("diff", str(journey), "--rev", "no-such-rev", cwd=elsewhere)
    assert unknown.returncode == 2 and "unknown revision" in unknown.stderr
    outside = tmp_path / "outside.yaml"
    outside.write_text(CLEAN_JOURNEY, encoding="utf-8")
    assert run_cli("diff", str(outside), "--rev", "HEAD", cwd=elsewhere).returncode == 2


def test_readme_documents_every_change_kind_condition_and_json_key():
    from conftest import ROOT
    from journeymap.diff import FAIL_CONDITIONS, KINDS
    from journeymap.diff.outputs import to_dict
    from journeymap.diff import diff_journeys, load_for_diff

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not [kind.id for kind in KINDS if f"`{kind.id}`" not in readme]
    assert not [name for name in FAIL_CONDITIONS if f"`{name}`" not in readme]
    a, b = load_for_diff(CURRENT), load_for_diff(TARGET)
    data = to_dict(diff_journeys(a.journey, b.journey, current_doc=a.document, target_doc=b.document))
    keys = set(data) | set(data["summary"]) | set(data["changes"][0])
    json_section = readme[readme.index("JSON output (`-f json`)"):]
    assert not [key for key in sorted(keys) if key not in json_section]
