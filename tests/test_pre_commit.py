"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit in a temporary git repository.

pre-commit would install a `language: python` hook from a clone of this repository and its dependencies from the
package index; the test instead declares the same hooks (same files, types, pass_filenames, always_run, entry
arguments) as local `system` hooks running this checkout's journeymap, so that it runs offline in seconds and
tests the definitions users get.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import CLEAN_JOURNEY, ROOT

PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')")

TARGET = CLEAN_JOURNEY.replace("id: meal-kit", "id: meal-kit-target").replace(
    "state: current", "state: target\ntarget_of: meal-kit")


def hooks() -> list[dict]:
    return YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A journeys repository with two committed journeys (a current one and its target) and the hooks installed."""
    repo = tmp_path / "journeys-repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "cx@example.com")
    git(repo, "config", "user.name", "CX team")
    local = []
    for hook in hooks():
        entry = shlex.split(hook["entry"])
        assert entry[0] == "journeymap"
        local.append({**hook, "language": "system", "entry": shlex.join([sys.executable, "-m", *entry])})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    with (repo / ".pre-commit-config.yaml").open("w", encoding="utf-8") as stream:
        YAML().dump(config, stream)
    (repo / "current.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    (repo / "target.yaml").write_text(TARGET, encoding="utf-8")
    (repo / "README.md").write_text("Our journeys\n", encoding="utf-8")
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yaml").write_text("on: push\n", encoding="utf-8")  # YAML that is no journey
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "journeys")
    return repo


def pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1",
                   "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([PRE_COMMIT, "run", "--color", "never"], cwd=repo, capture_output=True, text=True,
                          env=environment, timeout=300)


def outcome(output: str, name: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith(name + "."))
    return line.rsplit(".", 1)[-1].split()[-1] if "(no files to check)" not in line else "Skipped"


def test_a_new_journey_reusing_an_id_fails_only_the_whole_repository_hook(repository):
    (repository / "copy.yaml").write_text(CLEAN_JOURNEY.replace("title: Order", "title: Reorder"), encoding="utf-8")
    git(repository, "add", "copy.yaml")
    result = pre_commit(repository)
    assert result.returncode == 1, result.stdout
    assert outcome(result.stdout, "journeymap validate") == "Passed"  # sees copy.yaml alone
    assert outcome(result.stdout, "journeymap validate (whole repository)") == "Failed"
    assert "copy.yaml" in result.stdout and "JM205" in result.stdout
    assert "journey id 'meal-kit' is already used by" in result.stdout


def test_target_of_is_checked_whatever_file_changed(repository):
    (repository / "current.yaml").write_text(CLEAN_JOURNEY.replace("state: current", "state: target"),
                                             encoding="utf-8")
    git(repository, "add", "current.yaml")
    result = pre_commit(repository)
    assert result.returncode == 1, result.stdout
    assert outcome(result.stdout, "journeymap validate") == "Passed"
    assert "target.yaml" in result.stdout and "JM206" in result.stdout  # the file that was not changed


def test_a_commit_without_yaml_still_runs_the_whole_repository_hook(repository):
    (repository / "README.md").write_text("Our journeys, reviewed\n", encoding="utf-8")
    git(repository, "add", "README.md")
    result = pre_commit(repository)
    assert result.returncode == 0, result.stdout
    assert outcome(result.stdout, "journeymap validate") == "Skipped"
    assert outcome(result.stdout, "journeymap validate (whole repository)") == "Passed"


def test_readme_documents_both_hooks_and_skip_non_journeys():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"- id: {hook['id']}" in readme for hook in hooks())
    assert "--skip-non-journeys" in readme.split("### pre-commit", 1)[1]
