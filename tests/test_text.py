"""Text cleaning for outputs (journeymap/text.py): checked over every code point, not on a few samples."""

from __future__ import annotations

import re

from journeymap.text import without_controls

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")  # C0 and C1 controls, less tab and breaks
BREAK = re.compile(r"\r\n?|[\n\x85\u2028\u2029]")  # line breaks: a space in HTML (issue 11: no line of user text)


def test_without_controls_removes_exactly_the_control_characters_from_any_code_point() -> None:
    for code_point in range(0x110000):
        if 0xD800 <= code_point <= 0xDFFF:
            continue  # surrogates never reach it: text comes decoded from UTF-8
        text = f"a{chr(code_point)}b"
        assert without_controls(text) == BREAK.sub(" ", CONTROL.sub("", text)), hex(code_point)
    assert without_controls("ligne 1\n\tligne 2\r\n") == "ligne 1 \tligne 2 "
    assert without_controls("\x1b[31mred\x1b[0m\x00") == "[31mred[0m"
