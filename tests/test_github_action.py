"""The GitHub Action: action.yml is a composite action whose steps call action/run.sh, and run.sh's steps work in
a temporary git repository set up as a pull request's checkout (a clone whose origin has the base branch)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import CLEAN_JOURNEY, ROOT
from test_sarif import check_sarif

SCRIPT = ROOT / "action" / "run.sh"
ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_yml_is_a_composite_action_calling_existing_steps_of_run_sh():
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    subcommands = set(re.findall(r"^    (\w+)\) ", SCRIPT.read_text(encoding="utf-8"), flags=re.M))
    assert subcommands == {"install", "validate", "diff", "verdict"}
    runs = [step["run"] for step in steps if "run" in step]
    assert [run.split()[-1] for run in runs] == ["install", "validate", "diff", "verdict"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert step["run"].startswith('bash "$GITHUB_ACTION_PATH/action/run.sh" ')
            assert "${{" not in step["run"]  # inputs reach the script as environment variables only
        else:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", step["uses"])
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used_inputs = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used_inputs == set(ACTION["inputs"])
    step_ids = {step.get("id") for step in steps}
    assert set(re.findall(r"steps\.([\w-]+)\.", text)) <= step_ids
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps.validate.outputs.sarif-file }}"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=60).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=cx@example.com", "-c", "user.name=CX team", "commit", "-q", "-m", message)


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run_step(step: str, repo: Path, **variables: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """run.sh STEP as the composite action runs it, with the files GitHub gives a step; returns its outputs."""
    github_output = repo.parent / f"output-{step}"
    github_output.write_text("", encoding="utf-8")
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "INPUT_"))},
        "JOURNEYMAP_PYTHON": sys.executable, "NO_COLOR": "1", "GITHUB_OUTPUT": str(github_output),
        "RUNNER_TEMP": str(repo.parent), "GITHUB_ACTION_PATH": str(ROOT),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        **variables,
    }
    result = subprocess.run(["bash", str(SCRIPT), step], cwd=repo, capture_output=True, text=True,
                            env=environment, timeout=300)
    outputs = dict(line.split("=", 1) for line in github_output.read_text(encoding="utf-8").splitlines())
    return result, outputs


CURRENT = CLEAN_JOURNEY
OTHER = CLEAN_JOURNEY.replace("id: meal-kit", "id: gift-box").replace("Order a meal kit", "Send a gift box")


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone on a feature branch: the pull request changes one journey (its delivery now feels bad), adds one and
    a workflow file; meanwhile main changed another journey, which the pull request did not touch."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    write(upstream, "journeys/meal kit.yaml", CURRENT)
    write(upstream, "journeys/gift.yaml", OTHER)
    commit_all(upstream, "journeys")
    clone = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    write(clone, "journeys/meal kit.yaml", CURRENT.replace("        emotion: 2\n", "        emotion: -2\n"))
    write(clone, "journeys/new.yaml", CURRENT.replace("id: meal-kit", "id: meal-kit-new"))
    write(clone, "journeys/ci.yaml", "on: push\n")
    commit_all(clone, "a worse delivery, a new journey")
    write(upstream, "journeys/gift.yaml", OTHER.replace("        emotion: 2\n", "        emotion: 1\n"))
    commit_all(upstream, "main moves on")
    git(clone, "update-ref", "-d", "refs/remotes/origin/main")  # the script fetches the base branch itself
    return clone


def test_diff_step_summarises_each_changed_journey_and_annotates_it(pull_request):
    summary = pull_request.parent / "summary.md"
    result, outputs = run_step("diff", pull_request, GITHUB_BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary),
                               INPUT_PATHS="journeys", INPUT_FAIL_ON="emotion-drop")
    assert result.returncode == 0, result.stderr
    assert outputs == {"status": "1"}  # emotion-drop holds: the verdict step fails the job
    base = git(pull_request, "rev-parse", "--short", "HEAD~1").strip()  # where the branch left main
    text = summary.read_text(encoding="utf-8")
    assert f"<sub>journeys/meal kit.yaml@&#8203;{base} → journeys/meal kit.yaml</sub>" in text
    assert f"<sub>journeys/new.yaml@&#8203;{base} (not in the repository at this revision)" in text
    assert "gift.yaml" not in text and "ci.yaml" not in text  # main's own change; not a journey
    assert text.index("meal kit.yaml") < text.index("new.yaml")
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    dropped = [line for line in commands if "title=emotion-dropped" in line]
    assert dropped and dropped[0].startswith("::error file=journeys/meal kit.yaml,line=")
    assert "--fail-on emotion-drop" in result.stderr


def test_diff_step_outside_a_pull_request_does_nothing(pull_request):
    summary = pull_request.parent / "summary.md"
    result, outputs = run_step("diff", pull_request, GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0 and outputs == {"status": "0"} and not summary.exists()
    assert "not a pull request" in result.stderr


def test_validate_step_annotates_writes_sarif_and_leaves_the_verdict_to_the_last_step(pull_request):
    write(pull_request, "journeys/broken.yaml", CURRENT.replace("id: meal-kit", "id: broken").replace(
        "title: Order a meal kit", "titel: Order a meal kit"))
    result, outputs = run_step("validate", pull_request, INPUT_PATHS="journeys\n")
    assert result.returncode == 0, result.stderr
    assert outputs["status"] == "1"
    assert any(line.startswith("::error file=journeys/broken.yaml,") and "JM101" in line
               for line in result.stdout.splitlines())
    log = json.loads(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    check_sarif(log)
    uris = {item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for item in log["runs"][0]["results"]}
    assert "journeys/broken.yaml" in uris
    assert not list(pull_request.parent.glob("*.partial"))
    strict, outputs = run_step("validate", pull_request, INPUT_PATHS="journeys/new.yaml", INPUT_STRICT="true")
    assert strict.returncode == 0 and outputs["status"] == "0"
    missing, outputs = run_step("validate", pull_request, INPUT_PATHS="journeys/none.yaml")
    assert missing.returncode == 0 and outputs == {"status": "2"} and "no SARIF file" in missing.stderr


@pytest.mark.parametrize(("validate", "diff", "code"), [("0", "0", 0), ("1", "0", 1), ("0", "1", 1), ("0", "", 0)])
def test_verdict_step_fails_when_validate_or_a_diff_condition_failed(tmp_path, validate, diff, code):
    result, _ = run_step("verdict", tmp_path, JOURNEYMAP_VALIDATE_STATUS=validate, JOURNEYMAP_DIFF_STATUS=diff)
    assert result.returncode == code, result.stderr


def test_readme_documents_every_input_and_a_workflow_using_the_action():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The GitHub Action", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in section for name in ACTION["inputs"])
    workflow = YAML(typ="safe").load(section.split("```yaml\n", 1)[1].split("```", 1)[0])
    steps = workflow["jobs"]["journeys"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0 and set(steps[1]["with"]) <= set(ACTION["inputs"])
    assert workflow["permissions"]["security-events"] == "write"
