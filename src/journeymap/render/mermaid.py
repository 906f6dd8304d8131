"""A Mermaid `journey` diagram: renders natively on GitHub and GitLab, in Markdown, with no tool installed.

Mermaid's journey grammar reads `:` as the score separator, `;` and newlines as statement ends, `#` as the start of
an entity code, `%%` as a comment and `,` as the actor separator. User text is made inert by replacing those
characters with look-alikes that carry no syntax, so a label reads the same and cannot change the diagram; a step
label starting with one of the grammar's keywords is kept from being read as one (task_name).
"""

from __future__ import annotations

import re

from journeymap.model import Journey
from journeymap.text import clean

_INERT = str.maketrans({
    ":": "∶",  # RATIO
    ";": "；",  # FULLWIDTH SEMICOLON
    "#": "＃",  # FULLWIDTH NUMBER SIGN
    "%": "％",  # FULLWIDTH PERCENT SIGN
    "{": "❴", "}": "❵",
    "<": "‹", ">": "›",
    "`": "ʹ",
})


def inert(text: str, limit: int = 120) -> str:
    """One line of text that Mermaid shows as written."""
    line = clean(text).translate(_INERT) or "–"  # an empty task or section name does not parse
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# Mermaid's journey lexer (case-insensitive) tries, at the start of each statement, `journey\b`, `title\s...` and
# `section\s...` before a task name: a step "Title of deed" became the diagram's title, "Section 2 review" a
# section. A task name starting with one of its keywords gets a zero-width space first: not a space to the lexer
# (so no keyword matches), nothing to the reader.
_KEYWORD_START = re.compile(r"(?:journey|title|section|acctitle|accdescr)(?![A-Za-z0-9_])", re.IGNORECASE)


def task_name(text: str) -> str:
    """A step label as a Mermaid task: inert, and never read as a keyword of the journey grammar."""
    name = inert(text)
    return "\u200b" + name if _KEYWORD_START.match(name) else name


def mermaid_score(emotion: int | None) -> int:
    """Emotion -2..+2 becomes Mermaid's 1..5; a step without emotion sits in the middle."""
    return 3 if emotion is None else emotion + 3


def journey_mermaid(journey: Journey) -> str:
    actor = inert((journey.persona.name if journey.persona else journey.kind).split(",")[0], 60)
    lines = ["journey", f"    title {inert(journey.title)}"]
    for stage in journey.stages:
        if not stage.steps:
            continue
        lines.append(f"    section {inert(stage.name)}")
        for step in stage.steps:
            lines.append(f"      {task_name(step.action)}: {mermaid_score(step.emotion)}: {actor}")
    return "\n".join(lines) + "\n"
