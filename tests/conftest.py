"""Shared fixtures: a clean journey to break in controlled ways, and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
VIEWPOINT_SCORES: dict = {}  # filled by viewpoint/test_corpus.py, printed in the run's summary
VIEWPOINT_FIGURES: list = []  # filled by viewpoint/test_figures.py (training/viewpoint/evaluate.py lines)
ROBUSTNESS_COUNTS: dict[str, dict[str, int]] = {}  # filled by test_robustness.py, printed in the run's summary



_PREVIOUS_CACHE: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    """The browser marker; and a cache of the suite's own for its runs (in process and as subprocesses), never
    the user's, set before collection (which already compiles lexicons)."""
    import tempfile

    config.addinivalue_line(
        "markers", "browser: opens pages in headless Chromium with Playwright (skipped when missing, fails under CI)"
    )
    _PREVIOUS_CACHE.append(os.environ.get("JOURNEYMAP_CACHE_DIR"))
    os.environ["JOURNEYMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="journeymap-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    shutil.rmtree(os.environ["JOURNEYMAP_CACHE_DIR"], ignore_errors=True)
    previous = _PREVIOUS_CACHE.pop() if _PREVIOUS_CACHE else None
    if previous is None:
        os.environ.pop("JOURNEYMAP_CACHE_DIR", None)
    else:
        os.environ["JOURNEYMAP_CACHE_DIR"] = previous


CLEAN_JOURNEY = """\
journeymap: 1
id: meal-kit
title: Order a meal kit
state: current
kind: customer
lang: en
objective: Raise repeat orders
owner: CX team
evidence: research
persona:
  name: Busy parent
  goals: [Cook healthy meals fast]
touchpoints:
  - {id: web, name: Website, channel: web, owner: E-commerce, support: selfcare}
  - id: courier
    name: Courier
    channel: other
    owner: Logistics
    support: assisted
stages:
  - id: choose
    name: Choose
    steps:
      - id: browse
        action: Browse the recipes
        touchpoints: [web]
        emotion: 1
      - id: pay
        action: Pay for the order
        touchpoints: [web]
        emotion: -1
        pain_points:
          - {id: slow-payment, description: The payment page is slow, severity: high, type: irritant}
        moment_of_truth: {question: How easy was it?, media: email, timing: hot, metric: ces, alert_below: 4}
        backstage:
          - {action: Check the payment for fraud, owner: Finance, visible: false}
  - id: receive
    name: Receive
    steps:
      - id: delivery
        action: Receive the box
        touchpoints: [courier]
        emotion: 2
actions:
  - id: faster-payment
    title: Faster payment page
    resolves: [slow-payment]
    impact: 4
    effort: 2
    owner: E-commerce
    status: planned
"""


# Keys whose values are ids or enumerations: everything else in a journey is free text a user writes.
NOT_FREE_TEXT = frozenset({
    "id", "touchpoints", "next", "resolves", "journeymap", "state", "kind", "lang", "evidence", "channel", "support",
    "severity", "type", "media", "timing", "metric", "status", "emotion", "impact", "effort", "alert_below", "visible",
})


def poisoned_journey(text: str) -> dict:
    """The clean journey as data, with every free-text field replaced by `text` (hostile input for every output)."""
    from journeymap.loading import load_text

    def poison(node):
        if isinstance(node, dict):
            return {key: value if key in NOT_FREE_TEXT else poison(value) for key, value in node.items()}
        if isinstance(node, list):
            return [poison(item) for item in node]
        return text if isinstance(node, str) else node

    return poison(load_text(CLEAN_JOURNEY, "j.yaml").document.data)


def position_of(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of `needle` (plus `offset` characters) in `text`: expected positions stay readable."""
    index = text.index(needle) + offset
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


@pytest.fixture
def clean_journey() -> str:
    return CLEAN_JOURNEY


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m journeymap` as a real subprocess, in `tmp_path` unless told otherwise."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "journeymap", *args],
            cwd=cwd or tmp_path, capture_output=True, text=True, env=environment, timeout=120,
        )

    return run


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 (pytest hook signature)
    """Print the viewpoint check's precision and recall in every run's summary, not only on failure."""
    if ROBUSTNESS_COUNTS:
        terminalreporter.section("robustness: inputs tried, and how they ended")
        for name, counts in ROBUSTNESS_COUNTS.items():
            terminalreporter.write_line(f"{name:<34} " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    if VIEWPOINT_SCORES:
        terminalreporter.section("viewpoint check: the grammar alone on the team's corpora (regression)")
        for name in sorted(VIEWPOINT_SCORES):
            terminalreporter.write_line(VIEWPOINT_SCORES[name].line(name))
    if VIEWPOINT_FIGURES:
        terminalreporter.section("viewpoint check on labels others wrote: errors | errors plus warnings")
        for line in VIEWPOINT_FIGURES:
            terminalreporter.write_line(f"{line.name + ' / ' + line.lang:<56} errors: {line.errors.text()}")
            terminalreporter.write_line(f"{'':<56} + warnings: {line.reported.text()}")


# -- headless Chromium ------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def require(missing: list[str], what: str) -> None:
    """Skip, saying what is missing; under CI (the `CI` variable set) fail instead, because there it must run."""
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{what} cannot run under CI, missing: " + ", ".join(missing))
        pytest.skip(f"{what} need " + " and ".join(missing))


def browser_missing() -> list[str]:
    """What the browser tests need and this machine lacks."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append(f"Debian's chromium ({CHROMIUM}; ./dev test installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright for Python (pip install -e '.[test]')")
    return missing


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser per test module, each test opening its own pages. Not per session: Playwright's sync API runs
    one instance at a time, and other modules start their own."""
    require(browser_missing(), "browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
