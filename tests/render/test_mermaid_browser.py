"""Our Mermaid output, parsed and drawn by the real Mermaid library in headless Chromium.

The library is installed by `./dev test` into .cache/mermaid (npm); the test is skipped, saying why, where it or
the browser is missing, and fails instead under CI, where they must be present.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import CLEAN_JOURNEY, EXAMPLES, ROOT
from journeymap.render.mermaid import journey_mermaid
from journeymap.validate import validate_text
from test_views import hostile_journey

MERMAID = ROOT / ".cache" / "mermaid" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _require() -> None:
    missing = []
    if not MERMAID.is_file():
        missing.append(f"the Mermaid library ({MERMAID}; ./dev test installs it with npm)")
    if not os.path.exists(CHROMIUM):
        missing.append("Debian's chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[test]')")
    if missing:
        if os.environ.get("CI"):
            pytest.fail("missing under CI: " + ", ".join(missing))
        pytest.skip("missing: " + ", ".join(missing))


@pytest.fixture(scope="module")
def mermaid_page():
    _require()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page()
        page.set_content("<!doctype html><html><body><div id='out'></div></body></html>")
        page.add_script_tag(path=str(MERMAID))
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield page
        browser.close()


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
