"""Positions are the editor's (issue 11): lines split at \\n, \\r\\n and \\r, as editors split them, whatever the
parser counts (YAML's parsers also break lines at U+0085, U+2028 and U+2029, which editors show inside a line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLEAN_JOURNEY, position_of
from journeymap.reading import decode
from journeymap.validate import validate_text

BAD_ID = CLEAN_JOURNEY.replace("id: meal-kit", "id: Meal Kit", 1)


def _jm104(text: str) -> tuple[int, int]:
    [problem] = [p for p in validate_text(text, "j.yaml").problems if p.code == "JM104"]
    return problem.line, problem.column


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
@pytest.mark.parametrize("directive", ["", "%YAML 1.2\n---\n"], ids=["libyaml", "pure-python"])
def test_unicode_line_separators_in_a_quoted_value_shift_nothing(separator, directive):
    """The value with the separator comes before the wrong `state`: its position must not move down a line."""
    plain = directive + CLEAN_JOURNEY.replace("state: current", "state: nowhere", 1)
    text = plain.replace("title: Order a meal kit", f'title: "Order{separator}a meal kit"', 1)
    assert separator in text
    [problem] = [p for p in validate_text(text, "j.yaml").problems if p.code == "JM104"]
    line, column = position_of(plain, "nowhere")
    assert (problem.line, problem.column) == (line, column)


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_every_line_ending_style_gives_editor_lines(ending):
    text = BAD_ID.replace("\n", ending)
    assert _jm104(text) == position_of(BAD_ID, "Meal Kit")


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"])
def test_nul_and_invalid_utf8_are_placed_on_their_line(ending):
    lines = ["journeymap: 1", "id: x", "title: a\x00b", "state: current"]
    text = ending.join(lines) + ending
    [problem] = validate_text(text, "j.yaml").problems
    assert (problem.line, problem.column) == (3, 9)
    raw = ending.join(["journeymap: 1", "id: x", "title: caf\xe9"]).encode("latin-1")
    _text, [problem] = decode(raw, "j.yaml")
    assert (problem.line, problem.column) == (3, 11)


@pytest.mark.parametrize("separator", ["\u2028", "\u0085"])
def test_inline_disables_count_lines_as_editors_do(separator, tmp_path):
    """str.splitlines() breaks at these characters too: the disable comment was looked for on the wrong line."""
    from journeymap.config import Settings
    from journeymap.validate import validate_paths

    text = CLEAN_JOURNEY.replace("title: Order a meal kit", f'title: "Order{separator}a meal kit"', 1)
    start = text.index("action:")
    end = text.index("\n", start)
    step = "action: Send the meal kit"  # a process step: JM301, which a disable comment on its line silences
    for name, line in (("reported", step), ("silenced", step + "  # journeymap: disable=JM301")):
        (tmp_path / f"{name}.yaml").write_text(text[:start] + line + text[end:], encoding="utf-8")
    report = validate_paths([tmp_path / "reported.yaml", tmp_path / "silenced.yaml"], Settings())
    flagged = {Path(p.file).name for p in report.problems if p.code == "JM301"}
    assert flagged == {"reported.yaml"}
