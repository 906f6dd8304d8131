"""Graphviz views and Mermaid: golden DOT text, real `dot` output, hostile labels, and the render command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CLEAN_JOURNEY, EXAMPLES, poisoned_journey
from journeymap.cli import app
from journeymap.model import Journey
from journeymap.render.mermaid import journey_mermaid
from journeymap.render.views import VIEWS, view_dot
from journeymap.validate import validate_text

GOLDEN = Path(__file__).parent / "golden"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (./dev test installs it)")
HOSTILE = '"]; a -> b [label="x"]; <script>alert(1)</script> {braces} \\ \n new line %% : ; # \u202e <B>bold</B>'


def journey_of(text: str) -> Journey:
    result = validate_text(text, "j.yaml")
    assert result.journey is not None, result.problems
    return result.journey


def hostile_journey() -> Journey:
    """The clean journey with every text field replaced by markup of every syntax the outputs speak."""
    data = poisoned_journey(HOSTILE)
    return journey_of(json.dumps(data))


@pytest.mark.parametrize("view", VIEWS)
def test_golden_dot(view):
    """The DOT text of the clean journey, reviewed once and kept; JOURNEYMAP_UPDATE_GOLDEN=1 rewrites it."""
    text = view_dot(journey_of(CLEAN_JOURNEY), view)
    golden = GOLDEN / f"meal-kit.{view}.dot"
    if os.environ.get("JOURNEYMAP_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_flow_edges_follow_order_next_branches_and_loops():
    text = CLEAN_JOURNEY.replace("        emotion: 2\n", "        emotion: 2\n        next: [browse]\n")
    dot = view_dot(journey_of(text), "flow")
    assert "s0 -> s1 [" in dot and "s1 -> s2 [" in dot  # default order
    assert re.search(r"s2 -> s0 \[style=dashed[^\]]*constraint=false", dot)  # the loop back


@needs_dot
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.stem)
def test_every_example_view_renders_with_real_dot(example):
    from journeymap.render.engine import run_dot

    journey = journey_of(example.read_text(encoding="utf-8"))
    for view in VIEWS:
        svg = run_dot(view_dot(journey, view), "svg")
        root = ElementTree.fromstring(svg)
        assert root.tag.endswith("svg")
        text = "".join(root.itertext())
        first_action = journey.stages[0].steps[0].action
        assert first_action.split()[0] in text  # labels, accents included, reach the picture
    assert run_dot(view_dot(journey, "flow"), "png").startswith(b"\x89PNG\r\n\x1a\n")


@needs_dot
@pytest.mark.parametrize("view", VIEWS)
def test_hostile_labels_cannot_change_the_graph(view):
    from journeymap.render.engine import run_dot

    journey = hostile_journey()
    svg = run_dot(view_dot(journey, view), "svg").decode("utf-8")
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    titles = [g.find(f"{namespace}title").text for g in root.iter(f"{namespace}g")
              if g.get("class") == "node"]
    assert titles and all(re.fullmatch(r"(s|e)\d+(_\w+)?|axis_\w+|blueprint|empty\d+", t) for t in titles), titles
    assert "a" not in titles and "b" not in titles
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "\u202e" not in svg


def test_mermaid_scores_and_inert_text():
    journey = journey_of(CLEAN_JOURNEY)
    assert journey_mermaid(journey).splitlines() == [
        "journey",
        "    title Order a meal kit",
        "    section Choose",
        "      Browse the recipes: 4: Busy parent",
        "      Pay for the order: 2: Busy parent",
        "    section Receive",
        "      Receive the box: 5: Busy parent",
    ]
    hostile = journey_mermaid(hostile_journey()).splitlines()
    assert len(hostile) == 7  # newlines in labels did not add statements
    for line in hostile[3:]:
        if line.startswith("      "):
            assert line.count(":") == 2 and not any(mark in line for mark in (";", "#", "%%", "<", "{"))


runner = CliRunner()


@needs_dot
def test_render_folder_writes_every_view_and_replaces_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "meal-kit.flow.svg").write_text("old", encoding="utf-8")
    folder = tmp_path / "journeys"
    folder.mkdir()
    (folder / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = runner.invoke(app, ["render", str(folder), "-o", str(out), "-f", "svg", "-f", "dot", "-f", "mermaid"])
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted(
        [f"meal-kit.{view}.{ext}" for view in VIEWS for ext in ("svg", "dot")] + ["meal-kit.mmd"]
    )
    assert (out / "meal-kit.flow.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert not list(out.glob(".*.tmp"))


@needs_dot
def test_render_only_chosen_views(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o"), "-f", "png", "--view", "emotion"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["meal-kit.emotion.png"]


def test_render_refuses_to_overwrite_an_input(tmp_path):
    source = tmp_path / "meal-kit.mmd"  # a journey file whose name is also an output name
    source.write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = runner.invoke(app, ["render", str(source), "-o", str(tmp_path), "-f", "mermaid"])
    assert result.exit_code == 2  # refused before anything is written, like every output that would do harm
    assert "refusing to overwrite input" in result.output
    assert source.read_text(encoding="utf-8") == CLEAN_JOURNEY


@needs_dot
def test_one_broken_journey_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    (folder / "bad.yaml").write_text("journeymap: 1\nid: [\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(folder), "-o", str(tmp_path / "o"), "-f", "svg"])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "not rendered" in result.output
    assert len(list((tmp_path / "o").glob("meal-kit.*.svg"))) == 3


def test_render_usage_errors(tmp_path):
    assert runner.invoke(app, ["render", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(app, ["render", str(tmp_path), "-f", "gif"]).exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / "a.yaml"), "-o", str(blocker / "sub"), "-f", "mermaid"])
    assert result.exit_code == 2 and "cannot create output folder" in result.output


def test_missing_dot_is_a_clear_error(tmp_path):
    (tmp_path / "a.yaml").write_text(CLEAN_JOURNEY, encoding="utf-8")
    environment = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run([sys.executable, "-m", "journeymap", "render", "a.yaml", "-f", "svg"],
                            cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 2
    assert "apt-get install graphviz" in result.stderr and "Traceback" not in result.stderr


@needs_dot
def test_render_examples_folder_default_outputs_as_a_subprocess(tmp_path, run_cli):
    """The issue's promise: every example's HTML report and three SVG views, plus the index."""
    out = tmp_path / "out dir é"
    result = run_cli("render", str(EXAMPLES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    ids = [journey_of(path.read_text(encoding="utf-8")).id for path in sorted(EXAMPLES.glob("*.yaml"))]
    expected = {"index.html"} | {f"{i}.html" for i in ids} | {f"{i}.{view}.svg" for i in ids for view in VIEWS}
    assert {path.name for path in out.iterdir()} == expected
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{i}.html"' in index for i in ids)
    assert "Traceback" not in result.stderr
