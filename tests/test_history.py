"""`journeymap history`: real git repositories built in tmp_path (set authors and dates, a rename, a broken
version), the figures of each version computed by hand, errors, every format, the CLI in process and as a
subprocess, and this repository's own examples whatever the depth of its clone."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, ROOT
from html_reading import assert_inert, assert_self_contained, open_page
from journeymap.cli import app
from journeymap.history import HistoryError, read_history
from journeymap.history.git import parse_log
from journeymap.history.reporters import to_json, to_markdown, to_text

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")

# The clean journey (3 steps, emotions 1, -1, 2; one high pain point that a planned action resolves; one moment
# of truth with an alert threshold), then versions that change what a history should show.
V1 = CLEAN_JOURNEY
V2 = (CLEAN_JOURNEY.replace("status: planned", "status: done")
      .replace("""        touchpoints: [web]
        emotion: 1
""", """        touchpoints: [web]
        emotion: 2
        pain_points:
          - {id: too-many-recipes, description: Too many recipes to choose from, severity: medium}
"""))
V4_BROKEN = V2 + "stages: [unclosed\n"
V5 = V2.replace("""      - id: delivery
        action: Receive the box
        touchpoints: [courier]
        emotion: 2
""", """      - id: delivery
        action: Receive the box
        touchpoints: [courier]
        emotion: 2
      - id: unbox
        action: Unpack the box
        touchpoints: [courier]
        pain_points:
          - {id: too-much-plastic, description: Too much plastic in the box, severity: low}
        moment_of_truth: {question: Was it all there?, media: sms, timing: hot, metric: csat}
""")
SUBJECT_HOSTILE = "Broken <script>alert(1)</script> \x1b[31mred"


def git(folder: Path, *args: str, author: str = "Alice Martin", date: str = "2026-01-05T10:00:00+01:00") -> str:
    environment = {
        **os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=folder, env=environment, check=True, capture_output=True,
                          text=True).stdout


def commit(folder: Path, path: str, text: str, message: str, author: str, date: str) -> None:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    git(folder, "add", path)
    git(folder, "commit", "-q", "-m", message, author=author, date=date)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five commits: created, improved, renamed (content unchanged), broken, fixed with a new step."""
    folder = tmp_path_factory.mktemp("repo")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "journey.yaml", V1, "Map the meal-kit journey", "Alice Martin", "2026-01-05T10:00:00+01:00")
    commit(folder, "journey.yaml", V2, "Faster payment is live", "Bob Durand", "2026-02-10T09:30:00+01:00")
    (folder / "maps").mkdir()
    git(folder, "mv", "journey.yaml", "maps/meal-kit.yaml")
    git(folder, "commit", "-q", "-m", "Move the map", author="Alice Martin", date="2026-03-01T12:00:00+01:00")
    commit(folder, "maps/meal-kit.yaml", V4_BROKEN, SUBJECT_HOSTILE, "Carol Petit", "2026-03-15T16:00:00+01:00")
    commit(folder, "maps/meal-kit.yaml", V5, "Add unboxing", "Bob Durand", "2026-04-02T08:00:00+02:00")
    return folder


def test_each_version_with_its_figures_computed_by_hand(repo: Path) -> None:
    history = read_history(repo / "maps" / "meal-kit.yaml")
    versions = history.versions
    assert [v.status for v in versions] == ["ok", "ok", "ok", "invalid", "ok"]
    assert [v.author for v in versions] == ["Alice Martin", "Bob Durand", "Alice Martin", "Carol Petit", "Bob Durand"]
    assert [v.day for v in versions] == ["2026-01-05", "2026-02-10", "2026-03-01", "2026-03-15", "2026-04-02"]
    assert versions[0].date == "2026-01-05T10:00:00+01:00"
    assert [v.number for v in versions] == [1, 2, 3, 4, 5]
    assert versions[1].subject == "Faster payment is live"
    first, second, renamed, broken, last = (v.figures for v in versions)
    assert first is not None and second is not None and renamed is not None and last is not None
    # v1: emotions 1, -1, 2; slow-payment (high) resolved only by a planned action: still open
    assert (first.steps, first.rated_steps) == (3, 3)
    assert first.average_emotion == pytest.approx(2 / 3)
    assert first.open_pain_points == {"high": 1, "medium": 0, "low": 0}
    assert (first.moments_of_truth, first.moments_with_alert) == (1, 1)
    assert (first.actions_done, first.actions_total) == (0, 1)
    assert first.actions == {"idea": 0, "planned": 1, "in-progress": 0, "done": 0}
    # v2: the action is done (slow-payment no longer open), browse feels better but has a medium pain point
    assert second.average_emotion == pytest.approx(1.0)
    assert second.open_pain_points == {"high": 0, "medium": 1, "low": 0}
    assert second.pain_points == 2
    assert (second.actions_done, second.actions_total) == (1, 1)
    assert renamed == second  # the rename changes the path, not the journey
    assert broken is None and versions[3].errors >= 1 and versions[3].first_error
    assert "JM00" in versions[3].first_error  # a YAML or format error, with its line:column
    # v5: a fourth step without emotion (not counted as 0), a low pain point, a moment of truth without threshold
    assert (last.steps, last.rated_steps) == (4, 3)
    assert last.average_emotion == pytest.approx(1.0)
    assert last.open_pain_points == {"high": 0, "medium": 1, "low": 1}
    assert (last.moments_of_truth, last.moments_with_alert) == (2, 1)
    assert history.title == "Order a meal kit"


def test_rename_followed_with_each_commits_path(repo: Path) -> None:
    history = read_history(repo / "maps" / "meal-kit.yaml")
    assert [v.path for v in history.versions] == ["journey.yaml", "journey.yaml", "maps/meal-kit.yaml",
                                                  "maps/meal-kit.yaml", "maps/meal-kit.yaml"]
    assert "renamed: journey.yaml -> maps/meal-kit.yaml" in to_text(history)


def test_old_path_ends_with_the_commit_that_moved_it(repo: Path) -> None:
    """The path before the rename no longer exists: its history stops at the commit that removed it, shown as such."""
    history = read_history(repo / "journey.yaml")
    assert [v.status for v in history.versions] == ["ok", "ok", "deleted"]
    assert "file deleted in this commit" in to_text(history)


def test_change_from_first_to_last(repo: Path) -> None:
    changes = {change.name: change for change in read_history(repo / "maps" / "meal-kit.yaml").changes()}
    assert (changes["average_emotion"].first, changes["average_emotion"].last) == (pytest.approx(2 / 3), 1.0)
    assert changes["average_emotion"].verdict == "better"
    assert (changes["open_high"].first, changes["open_high"].last, changes["open_high"].verdict) == (1, 0, "better")
    assert (changes["open_medium"].first, changes["open_medium"].last, changes["open_medium"].verdict) == (0, 1, "worse")
    assert (changes["steps"].first, changes["steps"].last) == (3, 4)
    assert changes["actions_done"].delta == 1
    text = to_text(read_history(repo / "maps" / "meal-kit.yaml"))
    assert "average emotion +0.67 -> +1 (better)" in text
    assert "open pain points, high 1 -> 0 (better)" in text


def test_since_max_count_and_rev(repo: Path) -> None:
    path = repo / "maps" / "meal-kit.yaml"
    assert [v.number for v in read_history(path, max_count=2).versions] == [1, 2]
    assert [v.subject for v in read_history(path, max_count=2).versions][-1] == "Add unboxing"
    assert [v.day for v in read_history(path, since="2026-03-01").versions][0] == "2026-03-01"
    assert len(read_history(path, since="2026-03-01").versions) == 3
    assert [v.status for v in read_history(path, rev="HEAD~1").versions] == ["ok", "ok", "ok", "invalid"]
    empty = read_history(path, since="2030-01-01")
    assert empty.versions == () and empty.changes() == ()
    assert "no commit of the file matches" in to_text(empty)


def test_log_parsing_keeps_the_path_through_a_commit_without_one() -> None:
    """A merge lists no path: it keeps the path of the next newer commit."""
    output = ("\x1e" + "b" * 40 + "\x1f2026-02-01T00:00:00+00:00\x1fB\x1fsecond\x00\nnew.yaml\x00"
              "\x1e" + "c" * 40 + "\x1f2026-01-15T00:00:00+00:00\x1fC\x1fMerge\x00\n"
              "\x1e" + "a" * 40 + "\x1f2026-01-01T00:00:00+00:00\x1fA\x1ffirst \x1e odd\x00\nold.yaml\x00")
    commits = parse_log(output, "new.yaml")
    assert [(c.commit[0], c.path, c.subject) for c in commits] == [
        ("b", "new.yaml", "second"), ("c", "new.yaml", "Merge"), ("a", "old.yaml", "first \x1e odd")]


# --- errors: exit 2, one clear line, never a traceback ----------------------------------------------------------

def _fails(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_not_a_repository(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    _fails(run_cli("history", "j.yaml", env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}),
           "is not in a git repository")


def test_untracked_file(run_cli: Any, repo: Path) -> None:
    (repo / "draft.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    try:
        _fails(run_cli("history", "draft.yaml", cwd=repo), "draft.yaml is not tracked by git")
    finally:
        (repo / "draft.yaml").unlink()


def test_missing_file(run_cli: Any, repo: Path) -> None:
    _fails(run_cli("history", "maps/nothing.yaml", cwd=repo), "no such file")


def test_repository_without_commit(run_cli: Any, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "j.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    _fails(run_cli("history", "j.yaml"), "it has no commit yet")


def test_git_missing(run_cli: Any, repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    _fails(run_cli("history", "maps/meal-kit.yaml", cwd=repo, env={"PATH": str(empty)}), "git is not installed")


def test_usage_errors(run_cli: Any, repo: Path) -> None:
    _fails(run_cli("history", "maps/meal-kit.yaml", "--since", "March", cwd=repo), "not a date")
    _fails(run_cli("history", "maps/meal-kit.yaml", "--rev", "no-such-branch", cwd=repo), "unknown revision")
    _fails(run_cli("history", "maps", cwd=repo), "is a folder")
    assert run_cli("history", "maps/meal-kit.yaml", "-n", "0", cwd=repo).returncode == 2


def test_missing_history_raises_history_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(HistoryError, match="not in a git repository"):
        read_history(tmp_path / "j.yaml")


# --- formats --------------------------------------------------------------------------------------------------

def test_text_columns_are_aligned(repo: Path) -> None:
    text = to_text(read_history(repo / "maps" / "meal-kit.yaml"))
    lines = text.splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("#  date"))
    table = lines[header:header + 6]
    for column in ("date", "author", "emotion", "steps", "note"):
        offset = table[0].index(column)
        filled = [line for line in table[1:] if len(line) > offset]  # the note column is empty but for one row
        assert len(filled) == (1 if column == "note" else 5), column
        assert all(line[offset - 2:offset] == "  " and line[offset] != " " for line in filled), column
    assert "does not load:" in table[4] and table[4].split()[5:11] == ["-"] * 6
    assert "+0.67" in table[1] and "1/0/0" in table[1] and "1 (1)" in table[1] and "0/1" in table[1]
    assert "3/4" in table[5] and "0/1/1" in table[5] and "2 (1)" in table[5]


def test_hostile_commit_text_is_inert(repo: Path) -> None:
    history = read_history(repo / "maps" / "meal-kit.yaml")
    assert "\x1b" not in to_text(history) and "\x1b" not in to_markdown(history)
    from journeymap.history.html import history_html

    html = history_html(history)
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_json_records(repo: Path) -> None:
    data = json.loads(to_json(read_history(repo / "maps" / "meal-kit.yaml")))
    assert [v["status"] for v in data["versions"]] == ["ok", "ok", "ok", "invalid", "ok"]
    assert data["versions"][0]["figures"]["open_pain_points"] == {"high": 1, "medium": 0, "low": 0}
    assert data["versions"][0]["figures"]["open_pain_points_total"] == 1
    assert data["versions"][3]["figures"] is None and data["versions"][3]["errors"] >= 1
    assert data["versions"][2]["path"] == "maps/meal-kit.yaml" and data["versions"][0]["path"] == "journey.yaml"
    summary = data["summary"]
    assert (summary["versions"], summary["loaded"]) == (5, 4)
    emotion = next(change for change in summary["changes"] if change["name"] == "average_emotion")
    assert emotion["verdict"] == "better" and emotion["last"] == 1.0


def test_markdown_table(repo: Path) -> None:
    md = to_markdown(read_history(repo / "maps" / "meal-kit.yaml"))
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 5
    assert all(row.count("|") == rows[0].count("|") for row in rows)  # hostile subjects cannot add a cell
    assert rows[1].startswith("|---:|")
    assert "| 2026-04-02 |" in rows[-1] and "| 0/1/1 |" in rows[-1]
    assert "average emotion +0.67 -&gt; +1 (better)" in md


@pytest.fixture(scope="module")
def history_page(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("page") / "history.html"
    result = CliRunner().invoke(app, ["history", str(repo / "maps" / "meal-kit.yaml"), "-f", "html",
                                      "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_html_page_self_contained_with_a_table_of_the_figures(history_page: Path) -> None:
    html = history_page.read_text(encoding="utf-8")
    assert_self_contained(html)
    assert_inert(html)
    assert html.count("<svg class=\"chart\"") == 3
    assert html.count('class="point"') == 4 + 4 * 3 + 4 * 3  # loaded versions x lines
    assert html.count('<g class="gap">') == 3  # the broken version, marked on each chart
    assert "<table>" in html and html.count("<tr") == 1 + 5


@pytest.mark.browser
def test_html_page_in_browser(chromium: Any, history_page: Path) -> None:
    page, visit = open_page(chromium, history_page, width=1200)
    try:
        for chart in ("emotion", "pain", "size"):
            svg = page.locator(f"#chart-{chart} svg.chart")
            assert svg.is_visible(), chart
            box = svg.bounding_box()
            assert box is not None and box["width"] > 500 and box["height"] > 150, chart
            lines = page.locator(f"#chart-{chart} path.series")
            assert lines.count() >= 1
            for index in range(lines.count()):
                line = lines.nth(index).bounding_box()
                assert line is not None and line["width"] > 300, (chart, index)  # drawn across the commits
        labels = page.locator("#chart-pain text.end-label").all_text_contents()
        assert labels == ["high severity 0", "medium severity 1", "low severity 1"]
        dashes = page.evaluate("""() => [...document.querySelectorAll('#chart-pain path.series')]
            .map(p => getComputedStyle(p).strokeDasharray)""")
        assert len(set(dashes)) == 3  # told apart without colour
        assert page.locator("#versions tbody tr").count() == 5
        page.screenshot(path=str(history_page.with_suffix(".png")), full_page=True)
        visit.assert_quiet()
    finally:
        page.close()


# --- the CLI ------------------------------------------------------------------------------------------------------

def test_cli_in_process(repo: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["history", str(repo / "maps" / "meal-kit.yaml"), "-f", "json", "-n", "3"])
    assert result.exit_code == 0, result.output
    assert [v["number"] for v in json.loads(result.stdout)["versions"]] == [1, 2, 3]
    out = tmp_path / "h.md"
    result = CliRunner().invoke(app, ["history", str(repo / "maps" / "meal-kit.yaml"), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("### History of ")


def test_cli_subprocess_from_a_subfolder(run_cli: Any, repo: Path) -> None:
    result = run_cli("history", "meal-kit.yaml", "--since", "2026-02-01", cwd=repo / "maps")
    assert result.returncode == 0, result.stderr
    assert "History of meal-kit.yaml: Order a meal kit" in result.stdout
    assert "Bob Durand" in result.stdout and "Carol Petit" in result.stdout and "Alice" in result.stdout
    assert "2026-01-05" not in result.stdout


def test_input_is_never_an_output(run_cli: Any, repo: Path) -> None:
    before = (repo / "maps" / "meal-kit.yaml").read_bytes()
    result = run_cli("history", "maps/meal-kit.yaml", "-o", "maps/meal-kit.yaml", cwd=repo)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (repo / "maps" / "meal-kit.yaml").read_bytes() == before


def test_history_of_this_repositorys_example(run_cli: Any) -> None:
    """Whatever the depth of the clone (CI's may be shallow, or a single commit): at least one version, and the
    newest version that loads has the figures of the file as committed."""
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True, text=True)
    if inside.stdout.strip() != "true":
        pytest.skip("the project is not a git checkout here (an unpacked archive): no history to read")
    example = ROOT / "examples" / "fr-retail-achat-current.yaml"
    result = run_cli("history", str(example), "-f", "json", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["versions"]) >= 1
    assert all(v["status"] in ("ok", "invalid", "deleted", "too-large") for v in data["versions"])
    assert data["versions"][-1]["path"] == "examples/fr-retail-achat-current.yaml"
    text = run_cli("history", str(example), cwd=ROOT)
    assert text.returncode == 0 and "History of" in text.stdout


def test_git_runs_a_bounded_number_of_times_whatever_the_history(run_cli: Any, tmp_path: Path) -> None:
    """40 commits, reverts among them: a handful of git processes (one log, one cat-file), not one per commit;
    a content seen before (a revert) is checked once and has the same figures."""
    repo = tmp_path / "long"
    repo.mkdir()
    git(repo, "init", "-q")
    for number in range(40):
        commit(repo, "j.yaml", V1 if number % 2 == 0 else V2, f"change {number}", "Alice Martin",
               f"2026-01-{1 + number % 28:02d}T10:00:00+00:00")
    shim = tmp_path / "shim"
    shim.mkdir()
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout.strip()
    calls = tmp_path / "calls.log"
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{real}" "$@"\n', encoding="utf-8")
    (shim / "git").chmod(0o755)
    result = run_cli("history", "j.yaml", "-f", "json", cwd=repo,
                     env={"PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    versions = json.loads(result.stdout)["versions"]
    assert len(versions) == 40 and [v["subject"] for v in versions][:2] == ["change 0", "change 1"]
    assert versions[0]["figures"] != versions[1]["figures"]
    assert all(v["figures"] == versions[(v["number"] - 1) % 2]["figures"] for v in versions)
    invoked = calls.read_text(encoding="utf-8").splitlines()
    assert len(invoked) <= 8, invoked
    assert sum("cat-file --batch" in line for line in invoked) == 1
    assert sum(line.startswith(("-c core.quotepath=off --no-pager log", "log")) for line in invoked) == 1


def test_long_history_marks_changes_ends_and_every_few_points(repo: Path) -> None:
    """Hundreds of commits would draw markers into a solid band: past 40 versions, markers go where a line changes,
    at its ends and at regular steps; every point is still a vertex of the line and a row of the table."""
    from dataclasses import replace

    from journeymap.history.html import charts, history_html
    from journeymap.history.records import History
    from journeymap.render.html import labels

    base = read_history(repo / "maps" / "meal-kit.yaml").versions
    versions = tuple(replace(base[0] if number < 60 else base[4], number=number + 1) for number in range(100))
    emotion, pain, size = charts(History("j.yaml", versions), labels("en")["history"]["chart"])
    steps = size.series[0]
    assert len(steps.points) == 100 and steps.path.count("L") == 99
    marked = [point.version.number for point in steps.points if point.marked]
    assert marked[0] == 1 and marked[-1] == 100 and 61 in marked  # ends, and where steps go from 3 to 4
    assert len(marked) <= 25
    assert [tick.label for tick in emotion.x_ticks] == [versions[i].day for i in (0, 14, 28, 42, 57, 71, 85, 99)]
    assert history_html(History("j.yaml", versions)).count("<tr") == 101


def test_shallow_clone_says_where_its_history_starts(repo: Path, tmp_path: Path) -> None:
    """CI's default clone: the history holds what the clone holds, and a note says older commits are missing."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), str(clone))
    history = read_history(clone / "maps" / "meal-kit.yaml")
    assert [version.subject for version in history.versions] == [SUBJECT_HOSTILE, "Add unboxing"]
    assert history.shallow and "shallow clone" in to_text(history)
    assert json.loads(to_json(history))["shallow"] is True


def test_a_version_that_fails_a_check_still_has_its_figures(tmp_path: Path) -> None:
    """A committed step told from the company's side (JM301) is an error of that version, not a gap in the
    curve: the format holds, so the figures are read, and the errors are counted."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    company = V1.replace("action: Browse the recipes", "action: Send a quote")
    assert company != V1
    commit(folder, "journey.yaml", company, "First draft", "Alice Martin", "2026-01-05T10:00:00+01:00")
    commit(folder, "journey.yaml", V1, "Told from the customer's side", "Alice Martin", "2026-01-06T10:00:00+01:00")
    history = read_history(folder / "journey.yaml")
    first, second = history.versions
    assert first.status == "ok" and first.figures == second.figures and first.figures is not None
    assert first.errors == 1 and "JM301" in (first.first_error or "") and second.errors == 0
    row = next(line for line in to_text(history).splitlines() if line.startswith("1 "))
    assert row.endswith("1 error")


def test_the_page_is_in_the_journeys_language(tmp_path: Path) -> None:
    """A French journey's history reads in French (the labels of the report), its figures unchanged."""
    from journeymap.history.html import history_html

    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    french = (ROOT / "examples" / "fr-patient-teleconsultation.yaml").read_text(encoding="utf-8")
    commit(folder, "parcours.yaml", french, "Premier jet", "Léa Martin", "2026-01-05T10:00:00+01:00")
    page = history_html(read_history(folder / "parcours.yaml"))
    assert '<html lang="fr">' in page and "Depuis la première version lisible" in page
    assert "Émotion moyenne" in page and "irritants E/M/F" in page and "Since the first" not in page
