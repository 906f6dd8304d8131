"""Loading the two sides: files on disk, and a file at a git revision in a real temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY
from journeymap.diff import Absent, DiffInputError, LoadedJourney, diff_journeys, load_at_revision, load_for_diff
from journeymap.validate import validate_paths

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a journey in a sub-folder whose name needs care, committed twice."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    folder = root / "équipe cx"
    folder.mkdir(parents=True)
    git(root, "init", "-q")
    path = folder / "meal kit.yaml"
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    path.write_text(CLEAN_JOURNEY.replace("emotion: -1", "emotion: 1"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "second")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return root


@needs_git
def test_compare_with_the_previous_commit_from_another_folder(repo: Path) -> None:
    path = repo / "équipe cx" / "meal kit.yaml"
    before = load_at_revision(path, "HEAD~1")
    after = load_for_diff(path)
    assert isinstance(before, LoadedJourney) and isinstance(after, LoadedJourney)
    assert before.name.endswith("meal kit.yaml@HEAD~1") and before.document.file == before.name
    result = diff_journeys(before.journey, after.journey, current_doc=before.document, target_doc=after.document)
    [improved] = result.of_kind("emotion-improved")
    assert (improved.target_id, improved.before, improved.after) == ("pay", -1, 1)
    assert improved.current.file.endswith("@HEAD~1") and improved.current.line is not None
    # HEAD is the working file as committed: no change
    head = load_at_revision(path, "HEAD")
    assert isinstance(head, LoadedJourney)
    assert diff_journeys(head.journey, after.journey).changes == ()


@needs_git
def test_a_relative_path_from_inside_the_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "équipe cx")
    loaded = load_at_revision(Path("meal kit.yaml"), "HEAD~1")
    assert isinstance(loaded, LoadedJourney)
    assert loaded.name == "meal kit.yaml@HEAD~1"


@needs_git
def test_unknown_revision(repo: Path) -> None:
    with pytest.raises(DiffInputError, match="unknown revision 'no-such-branch'"):
        load_at_revision(repo / "équipe cx" / "meal kit.yaml", "no-such-branch")


@needs_git
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path) -> None:
    with pytest.raises(DiffInputError, match="invalid revision"):
        load_at_revision(repo / "équipe cx" / "meal kit.yaml", "--output=/tmp/x")


@needs_git
def test_file_not_in_the_repository_at_that_revision_is_absent(repo: Path) -> None:
    new = repo / "équipe cx" / "new.yaml"
    new.write_text(CLEAN_JOURNEY, encoding="utf-8")
    absent = load_at_revision(new, "HEAD")
    assert isinstance(absent, Absent) and "not in the repository" in absent.name
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "third")
    assert isinstance(load_at_revision(new, "HEAD~1"), Absent)
    assert isinstance(load_at_revision(new, "HEAD"), LoadedJourney)


@needs_git
def test_a_pull_request_that_adds_or_deletes_a_journey_is_a_change(repo: Path, run_cli) -> None:
    """Issue 11: the README's CI recipe exited 2 ("did not exist at revision") on a pull request adding a journey."""
    new = repo / "équipe cx" / "new.yaml"
    new.write_text(CLEAN_JOURNEY, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "adds a journey")
    added = run_cli("diff", str(new), "--rev", "HEAD~1", "-f", "json")
    assert added.returncode == 0, added.stderr
    import json

    report = json.loads(added.stdout)
    kinds = {change["kind"] for change in report["changes"]}
    assert {"stage-added", "step-added"} <= kinds and "not in the repository" in report["current"]["name"]
    new.unlink()
    deleted = run_cli("diff", str(new), "--rev", "HEAD", "-f", "json")
    assert deleted.returncode == 0, deleted.stderr
    report = json.loads(deleted.stdout)
    assert "step-removed" in {change["kind"] for change in report["changes"]}
    assert "(deleted)" in report["target"]["name"]
    assert run_cli("diff", str(new), "--rev", "HEAD", "--fail-on", "removed-step").returncode == 1
    neither = run_cli("diff", str(repo / "équipe cx" / "never.yaml"), "--rev", "HEAD")
    assert neither.returncode == 2 and "exists neither" in neither.stderr


@needs_git
def test_a_journey_committed_as_a_symbolic_link_is_read_where_it_points(repo: Path) -> None:
    os.symlink("meal kit.yaml", repo / "équipe cx" / "link.yaml")
    os.symlink("../../outside.yaml", repo / "équipe cx" / "escape.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "links")
    loaded = load_at_revision(repo / "équipe cx" / "link.yaml", "HEAD")
    assert isinstance(loaded, LoadedJourney) and loaded.journey.id == "meal-kit"
    with pytest.raises(DiffInputError, match="symbolic link out of the repository"):
        load_at_revision(repo / "équipe cx" / "escape.yaml", "HEAD")


@needs_git
def test_a_folder_at_that_revision_is_not_a_file(repo: Path) -> None:
    (repo / "équipe cx" / "sub").mkdir()
    (repo / "équipe cx" / "sub" / "x.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "folder")
    with pytest.raises(DiffInputError, match="not a file"):
        load_at_revision(repo / "équipe cx" / "sub", "HEAD")


@needs_git
def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    path = tmp_path / "alone" / "j.yaml"
    path.parent.mkdir()
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    with pytest.raises(DiffInputError, match="not in a git repository"):
        load_at_revision(path, "HEAD")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DiffInputError, match="no such folder"):
        load_at_revision(tmp_path / "nowhere" / "j.yaml", "HEAD")


@needs_git
def test_git_missing_is_an_input_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo))  # no git on this PATH
    with pytest.raises(DiffInputError, match="git is not installed"):
        load_at_revision(repo / "équipe cx" / "meal kit.yaml", "HEAD")


@needs_git
def test_a_broken_file_at_a_revision_gives_its_problems(repo: Path) -> None:
    path = repo / "équipe cx" / "meal kit.yaml"
    path.write_text(CLEAN_JOURNEY.replace("emotion: 1\n", "emtion: 1\n", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "typo")
    problems = load_at_revision(path, "HEAD")
    assert isinstance(problems, list) and problems
    assert {p.code for p in problems} >= {"JM101"}
    assert all(p.file.endswith("meal kit.yaml@HEAD") for p in problems)


def test_load_for_diff_gives_the_problems_validate_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "broken.yaml"
    path.write_text(CLEAN_JOURNEY.replace("resolves: [slow-payment]", "resolves: [slow-paiement]")
                    .replace("action: Browse the recipes", "action: Send a quote"), encoding="utf-8")
    problems = load_for_diff(path)
    assert isinstance(problems, list)
    assert problems == validate_paths([path]).problems
    assert {p.code for p in problems} >= {"JM204", "JM301"}


def test_suppression_comments_are_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "silenced.yaml"
    silenced = "action: Send a quote  # journeymap: disable=JM301"
    path.write_text(CLEAN_JOURNEY.replace("action: Browse the recipes", silenced), encoding="utf-8")
    loaded = load_for_diff(path)
    assert isinstance(loaded, LoadedJourney), loaded
    assert loaded.name == "silenced.yaml"


def test_warnings_do_not_stop_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "warned.yaml"
    path.write_text(CLEAN_JOURNEY.replace("        emotion: 2\n", ""), encoding="utf-8")
    loaded = load_for_diff(path)
    assert isinstance(loaded, LoadedJourney)
    assert [p.code for p in loaded.warnings] == ["JM401"]


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(DiffInputError, match="no such file"):
        load_for_diff(tmp_path / "nope.yaml")
    with pytest.raises(DiffInputError, match="is a folder"):
        load_for_diff(tmp_path)


def test_not_utf8_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(CLEAN_JOURNEY.replace("Browse", "Br\u00e9owse").encode("latin-1"))
    problems = load_for_diff(path)
    assert isinstance(problems, list) and problems[0].code == "JM003"


@pytest.mark.skipif(os.name != "posix", reason="permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions do not apply")
        problems = load_for_diff(path)
        assert isinstance(problems, list) and problems[0].code == "JM003"
    finally:
        path.chmod(0o644)
