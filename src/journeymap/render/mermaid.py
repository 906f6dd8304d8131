"""A Mermaid `journey` diagram: renders natively on GitHub and GitLab, in Markdown, with no tool installed.

Mermaid's journey grammar reads `:` as the score separator, `;` and newlines as statement ends, `#` as the start of
an entity code, `%%` as a comment and `,` as the actor separator. User text is made inert by replacing those
characters with look-alikes that carry no syntax, so a label reads the same and cannot change the diagram.
"""

from __future__ import annotations

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
            lines.append(f"      {inert(step.action)}: {mermaid_score(step.emotion)}: {actor}")
    return "\n".join(lines) + "\n"
