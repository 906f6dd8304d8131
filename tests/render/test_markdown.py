"""The Markdown summary: the journey's figures and words, a Mermaid block, and user text that stays text."""

from __future__ import annotations

import re

from conftest import CLEAN_JOURNEY, EXAMPLES
from journeymap.render.markdown import journey_markdown, md
from journeymap.validate import validate_text
from test_views import HOSTILE, hostile_journey, journey_of


def test_markdown_of_clean_journey():
    text = journey_markdown(journey_of(CLEAN_JOURNEY), source="meal-kit.yaml")
    assert text.startswith("# Order a meal kit\n")
    assert "```mermaid\njourney\n    title Order a meal kit\n" in text
    assert "| Browse the recipes | Website | +1 |" in text
    assert "★ **Faster payment page**" in text  # the action with most impact is marked
    assert "The journey passed validation" in text
    assert text.rstrip().endswith("meal\\-kit.yaml*") or text.rstrip().endswith("meal-kit.yaml*")


def test_french_journey_uses_french_words():
    example = EXAMPLES / "fr-retail-achat-current.yaml"
    result = validate_text(example.read_text(encoding="utf-8"), example.name)
    text = journey_markdown(result.journey, problems=result.problems)
    assert "## Points de douleur par gravité" in text and "## Plan d'actions" in text
    assert "−0,3" in text  # French decimal comma and a real minus sign


def test_markdown_escapes_everything_a_journey_says():
    text = journey_markdown(hostile_journey())
    outside_mermaid = re.sub(r"```mermaid.*?```", "", text, flags=re.S)
    assert "<script>" not in outside_mermaid and "&lt;script&gt;" in outside_mermaid
    assert "<B>" not in outside_mermaid
    # escaped pipes never split a cell: every row of a table has as many cell separators as its header
    for table in re.findall(r"(?:^\|.*\n)+", outside_mermaid, flags=re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
        assert len(widths) == 1, table
    mermaid = re.search(r"```mermaid\n(.*?)```", text, flags=re.S).group(1)
    assert "```" not in mermaid and "%%" not in mermaid


def test_md_escapes_inline_markup():
    assert md("[x](javascript:alert(1)) *a* _b_ `c` <i> | ~~d~~ # e & f @team") == (
        "\\[x\\](javascript:alert(1)) \\*a\\* \\_b\\_ \\`c\\` &lt;i&gt; \\| \\~\\~d\\~\\~ \\# e &amp; f @&#8203;team"
    )
    assert md(HOSTILE).count("\n") == 0
