"""Outputs: stable JSON keys, Markdown that user text cannot inject into, a terminal that labels cannot drive."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from diff_helpers import base, diff_after, journey, stage, step
from journeymap.diff import FORMATS, diff_journeys, to_json, to_markdown, to_text
from journeymap.diff.outputs import md

HOSTILE = "| * _ [x](javascript:alert(1)) <script>alert(1)</script> # `code` @octocat ~~s~~ \\ &amp;"
TERMINAL = "Pay \x1b[31mred\x1b[0m \u202eevil\u202c [bold]markup[/bold] :smile: \x07bell\r\nnext"

TOP_KEYS = {"format", "version", "current", "target", "identical", "counts", "summary", "changes"}
SIDE_KEYS = {"name", "id", "title", "state"}
SUMMARY_KEYS = {"emotion", "stages", "steps", "stage_emotions", "step_emotions", "pain_points", "listening",
                "touchpoints", "plan"}
CHANGE_KEYS = {"kind", "level", "subject", "finding", "message", "current_id", "target_id", "step", "related",
               "before", "after", "delta", "current", "target"}
LOCATION_KEYS = {"file", "line", "column", "path"}


def _hostile(d: dict[str, Any]) -> None:
    d["title"] = HOSTILE
    stage(d, "choose")["name"] = HOSTILE
    step(d, "browse")["action"] = "Browse " + HOSTILE
    step(d, "pay")["pain_points"][0]["description"] = HOSTILE
    step(d, "call")["emotion"] = -1
    step(d, "delivery")["emotion"] = 1
    d["actions"][0]["title"] = HOSTILE
    d["touchpoints"][0]["owner"] = HOSTILE
    step(d, "browse")["pain_points"] = [{"id": "new-pain", "description": HOSTILE, "severity": "high"}]


def test_json_keys_are_stable() -> None:
    document = json.loads(to_json(diff_after(_hostile)))
    assert set(document) == TOP_KEYS
    assert (document["format"], document["version"]) == ("journeymap-diff", 1)
    assert set(document["current"]) == set(document["target"]) == SIDE_KEYS
    assert set(document["counts"]) == {"breaking", "warning", "info"}
    summary = document["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert set(summary["emotion"]) == {"before", "after", "delta"}
    counts = {"before", "after", "added", "removed", "renamed", "moved"}
    assert set(summary["steps"]) == set(summary["stages"]) == counts
    assert set(summary["stage_emotions"][0]) == {"current_id", "target_id", "name", "before", "after", "delta"}
    assert set(summary["step_emotions"][0]) == {
        "current_id", "target_id", "stage", "action", "before", "after", "delta"}
    assert set(summary["pain_points"]) == {"resolved", "still_open", "introduced", "unresolved_high", "items"}
    assert set(summary["pain_points"]["items"][0]) == {
        "current_id", "target_id", "status", "description", "severity_before", "severity_after", "step",
        "resolved_by", "done_by"}
    assert set(summary["listening"]) == {"before", "after"}
    assert set(summary["listening"]["before"]) == {"with_moment", "steps", "share"}
    assert set(summary["touchpoints"]) == {"before", "after", "added", "removed", "changed", "channels_before",
                                           "channels_after"}
    assert set(summary["plan"][0]) == {"current_id", "target_id", "title", "status_before", "status_after", "resolves"}
    assert set(summary["plan"][0]["resolves"][0]) == {"id", "status"}
    assert document["changes"]
    for change in document["changes"]:
        assert set(change) == CHANGE_KEYS
        for side in ("current", "target"):
            assert change[side] is None or set(change[side]) == LOCATION_KEYS


def test_json_of_identical_journeys() -> None:
    document = json.loads(to_json(diff_journeys(journey(), journey())))
    assert document["identical"] is True and document["changes"] == []
    assert document["counts"] == {"breaking": 0, "warning": 0, "info": 0}
    assert document["summary"]["emotion"]["delta"] == 0


def test_json_values() -> None:
    document = json.loads(to_json(diff_after(lambda d: step(d, "pay").update(emotion=-2))))
    [dropped] = [c for c in document["changes"] if c["kind"] == "emotion-dropped"]
    assert (dropped["before"], dropped["after"], dropped["delta"], dropped["level"]) == (-1, -2, -1.0, "breaking")
    assert dropped["current"] == {"file": None, "line": None, "column": None, "path": "stages[0].steps[2].emotion"}


def _unescaped(text: str, char: str) -> int:
    return len(re.findall(rf"(?<!\\){re.escape(char)}", text))


def test_markdown_escapes_hostile_labels() -> None:
    output = to_markdown(diff_after(_hostile))
    assert "<script>" not in output and "</script>" not in output
    assert not re.search(r"(?<!\\)\]\(", output) and "[x]" not in output  # no link can form
    assert "@octocat" not in output  # no mention
    assert "`code`" not in output and "~~s~~" not in output
    escaped = md(HOSTILE)
    for char in "|*_[]`~#<>":  # parentheses only matter after an unescaped bracket
        assert _unescaped(escaped.replace("&lt;", "").replace("&gt;", "").replace("&amp;", "").replace("&#8203;", ""),
                          char) == 0, char
    assert escaped.count("\\|") == 1
    assert "&lt;script&gt;" in escaped and "&amp;amp;" in escaped
    assert md("two\nlines\r\nhere") == "two lines here"
    assert md("\u202eevil") == "evil"  # bidirectional overrides are removed from Markdown


def test_markdown_tables_stay_tables_with_pipes_in_labels() -> None:
    output = to_markdown(diff_after(_hostile))
    for table in re.findall(r"((?:^\|.*\n)+)", output, flags=re.MULTILINE):
        rows = table.splitlines()
        widths = {_unescaped(row, "|") for row in rows}
        assert len(widths) == 1, rows


def test_markdown_structure() -> None:
    output = to_markdown(diff_after(_hostile))
    assert output.startswith("### Journey diff: `meal-kit` → `meal-kit`")
    assert "| Average emotion (-2 to +2) |" in output
    assert "#### Emotion by stage" in output
    assert "#### Needs attention" in output
    assert output.count("<details>") == output.count("</details>") >= 3
    assert "pain-point-introduced" in output


def test_markdown_is_bounded_for_huge_diffs() -> None:
    data = base()
    stage(data, "choose")["steps"] = [{"id": f"s{i}", "action": f"Do thing number {i} " + "x" * 40, "emotion": 1}
                                      for i in range(3000)]
    output = to_markdown(diff_journeys(journey(), journey(data)))
    assert len(output) < 65_536
    assert "more rows left out" in output


def test_text_output_shows_control_characters_and_ignores_markup() -> None:
    result = diff_after(lambda d: (step(d, "browse").update(action=TERMINAL), stage(d, "choose").update(name=TERMINAL)))
    for color in (False, True):
        output = to_text(result, color=color, width=300)
        assert "\u202e" not in output and "\x07" not in output and "\r" not in output
        assert "\\u202e" in output and "\\u001b[31m" in output
        if not color:
            assert "\x1b" not in output
        else:  # the only escape sequences are rich's own styles, never the label's red
            assert "\x1b[31mred" not in output
    wide = to_text(result, width=300)
    assert "[bold]markup[/bold]" in wide and ":smile:" in wide
    stage_rows = [line for line in wide.splitlines() if "evil" in line]
    assert len(stage_rows) == 1 and "next" in stage_rows[0]  # the label's line break does not break the table


def test_text_output_of_identical_journeys() -> None:
    output = to_text(diff_journeys(journey(), journey()))
    assert "No change" in output
    assert "0 breaking · 0 warning · 0 info" in output


def test_text_output_lists_breaking_changes_first() -> None:
    def change(d: dict[str, Any]) -> None:
        step(d, "browse")["emotion"] = -2
        step(d, "pay").pop("moment_of_truth")
        d["stages"][1]["steps"].pop()

    output = to_text(diff_after(change), width=120)
    attention = output[output.index("Needs attention"): output.index("Emotion by stage")]
    lines = [line.strip() for line in attention.splitlines()[1:] if line.startswith("  ") and line.strip()]
    levels = [line.split()[0] for line in lines if line.split()[0] in ("breaking", "warning")]
    assert levels == sorted(levels, key=["breaking", "warning"].index)
    assert levels[0] == "breaking"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_an_empty_journey_pair(name: str) -> None:
    empty = journey({"journeymap": 1, "id": "e", "title": "Empty", "state": "current", "objective": "o"})
    assert FORMATS[name](diff_journeys(empty, empty))
    assert FORMATS[name](diff_journeys(empty, journey()))
    assert FORMATS[name](diff_journeys(journey(), empty))


def test_text_attention_list_is_capped() -> None:
    def change(d: dict[str, Any]) -> None:
        for index in range(20):
            d["touchpoints"].append({"id": f"extra-{index}", "name": f"Extra {index}", "channel": "kiosk"})

    output = to_text(diff_journeys(journey(_with(change)), journey()))
    # 20 touchpoints and a channel removed, and the unresolved long-wait: 22 warnings, 12 spelled out
    assert "… and 10 more" in output


def _with(change) -> dict[str, Any]:
    data = base()
    change(data)
    return data


def test_markdown_fits_a_comment_with_thousands_of_stages() -> None:
    """Issue 11: 2,000 stages made a 154,000-character comment (the stage table had no budget)."""
    data = base()
    data["stages"] = [{"id": f"st{i}", "name": f"Stage number {i} " + "y" * 30,
                       "steps": [{"id": f"p{i}", "action": f"Pay bill {i}", "emotion": i % 5 - 2}]}
                      for i in range(2000)]
    changed = json.loads(json.dumps(data))
    for index, item in enumerate(changed["stages"]):
        item["steps"][0]["emotion"] = (index + 1) % 5 - 2
        item["name"] += " renamed"
    output = to_markdown(diff_journeys(journey(data), journey(changed)))
    assert len(output) <= 65_536
    assert output.startswith("### Journey diff:") and "| Average emotion (-2 to +2) |" in output
    assert "more stages: see `--format json`" in output
    assert output.count("<details>") == output.count("</details>")
