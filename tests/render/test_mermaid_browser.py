"""Our Mermaid output, parsed and drawn by the real Mermaid library in headless Chromium.

The library is installed by `./dev test` into .cache/mermaid (npm); the test is skipped, saying why, where it or
the browser is missing, and fails instead under CI, where they must be present.
"""

from __future__ import annotations

import re

import pytest

from conftest import CLEAN_JOURNEY, EXAMPLES, ROOT, browser_missing, require
from journeymap.render.mermaid import journey_mermaid
from journeymap.validate import validate_text
from test_views import hostile_journey

MERMAID = ROOT / ".cache" / "mermaid" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mermaid_page(chromium):
    missing = [] if MERMAID.is_file() else [f"the Mermaid library ({MERMAID}; ./dev test installs it with npm)"]
    require(missing + browser_missing(), "Mermaid tests")
    page = chromium.new_page()
    page.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(MERMAID))
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    yield page
    page.close()


def draw(page, text: str) -> str:
    """Parse and render in the page; returns the SVG Mermaid made, or raises with Mermaid's own error."""
    return page.evaluate(
        """async (text) => {
            await mermaid.parse(text);
            const { svg } = await mermaid.render('diagram' + Math.floor(Math.random() * 1e9), text);
            return svg;
        }""",
        text,
    )


def journey_of(text: str):
    return validate_text(text, "j.yaml").journey


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.stem)
def test_examples_parse_and_draw_in_mermaid(mermaid_page, example):
    journey = journey_of(example.read_text(encoding="utf-8"))
    svg = draw(mermaid_page, journey_mermaid(journey))
    for stage in journey.stages:
        if stage.steps:
            assert stage.name.split()[0] in svg


def test_hostile_labels_stay_text_in_mermaid(mermaid_page):
    dialogs: list[str] = []
    mermaid_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    svg = draw(mermaid_page, journey_mermaid(hostile_journey()))
    assert "<script" not in svg
    assert len(re.findall(r'class="task task-type-\d+"', svg)) == 3  # three steps, no statement injected
    assert svg.count("‹script›alert(1)‹/script›") >= 3  # the label is shown, made inert
    assert dialogs == []


def test_clean_journey_scores(mermaid_page):
    svg = draw(mermaid_page, journey_mermaid(journey_of(CLEAN_JOURNEY)))
    assert "Browse the recipes" in svg and "Busy parent" in svg


KEYWORD_LABELS = ("Title of deed registered", "TITLE search", "Section 2 review", "section", "journey planning",
                  "Journey", "accTitle reviewed", "accDescr notes", "AccDescr {draft}", "title", "Journey: start")


def test_labels_starting_with_mermaid_keywords_stay_steps(mermaid_page):
    """Issue 11: "Title of deed" became the diagram's title, "Section 2" a section; every keyword of Mermaid's
    journey grammar, in any case, at the start of a label is now a step like any other."""
    steps = "".join(f"      - id: k{i}\n        action: \"{label}\"\n        emotion: 1\n"
                    for i, label in enumerate(KEYWORD_LABELS))
    text = CLEAN_JOURNEY.split("stages:")[0] + "stages:\n  - id: s\n    name: Keywords\n    steps:\n" + steps
    journey = journey_of(text)
    assert journey is not None
    svg = draw(mermaid_page, journey_mermaid(journey))
    assert len(re.findall(r'class="task task-type-\d+"', svg)) == len(KEYWORD_LABELS)
    assert ">Order a meal kit<" in svg  # the journey's title is still the diagram's title
    for label in KEYWORD_LABELS:
        assert label.split()[0][1:].replace(":", "∶") in svg, label
