"""Large journeys render (issue 11): a valid 3,000-step journey failed ("dot failed: syntax error", two SVGs left
behind), because one edge chain through every column overflowed Graphviz's parser; and dot's layout of the emotion
grid grows faster than the steps. Speed is measured in bench/ (render of 3,000 and 10,000 steps), not here."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import ROOT
from journeymap.render import views
from journeymap.render.engine import run_dot
from journeymap.validate import validate_text

sys.path.insert(0, str(ROOT / "bench"))
from generate import make_journey, to_yaml  # noqa: E402

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _journey(steps: int):
    journey = validate_text(to_yaml(make_journey(steps)), "big.yaml").journey
    assert journey is not None
    return journey


def test_edge_chains_are_split_and_keep_every_edge():
    nodes = [f"n{i}" for i in range(1000)]
    statements = views._chain(nodes)
    assert all(statement.count("->") < views.CHAIN_LENGTH for statement in statements)
    edges = set()
    for statement in statements:
        names = statement.strip(" ;").split(" -> ")
        edges |= set(zip(names, names[1:]))
    assert edges == {(a, b) for a, b in zip(nodes, nodes[1:])}
    assert views._chain(["only"]) == []


@needs_dot
def test_a_3000_step_journey_renders_every_view(tmp_path):
    journey = _journey(3000)
    for view in views.VIEWS:
        svg = run_dot(views.view_dot(journey, view), "svg")
        ElementTree.fromstring(svg)  # whole, parseable
    emotion = views.view_dot(journey, "emotion")
    assert "layout=nop2" in emotion  # drawn at fixed positions
    assert emotion.count("[shape=circle") == sum(
        1 for _si, _ti, step in journey.steps() if step.emotion is not None)


@needs_dot
def test_pinned_emotion_view_draws_what_the_grid_draws():
    """The pinned layout is used from PINNED_FROM steps; below, dot's grid. Both show every marker and label."""
    journey = _journey(views.PINNED_FROM + 1)
    svg = run_dot(views.view_dot(journey, "emotion"), "svg").decode("utf-8")
    markers = sum(1 for _si, _ti, step in journey.steps() if step.emotion is not None)
    assert svg.count("<ellipse") == markers
    assert svg.count('class="edge"') == markers - 1 + 5  # the curve, and the five level rows
    small = _journey(views.PINNED_FROM - 1)
    assert "layout=nop2" not in views.view_dot(small, "emotion")


@needs_dot
def test_a_failed_render_leaves_the_output_folder_as_it_was(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from journeymap.cli import app
    from journeymap.render import outputs
    from journeymap.render.engine import RenderError

    source = tmp_path / "big.yaml"
    source.write_text(to_yaml(make_journey(50)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    real = outputs.run_dot

    def failing(text: str, output_format: str) -> bytes:
        if text.startswith("digraph emotion"):
            raise RenderError("dot failed: simulated")
        return real(text, output_format)

    monkeypatch.setattr(outputs, "run_dot", failing)
    result = CliRunner().invoke(app, ["render", str(source), "-o", str(out), "-f", "svg"])
    assert result.exit_code == 1 and "simulated" in result.output
    assert sorted(path.name for path in out.iterdir()) == ["keep.txt"]  # the flow and blueprint were not written
    assert Path(out / "keep.txt").read_text(encoding="utf-8") == "mine"
