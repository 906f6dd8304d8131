"""Bounds on how big a journey may be, checked before the expensive work.

A real journey has tens of steps, a large one a few hundred. A file with a hundred thousand steps is a mistake or
an attack, and parsing, validating and rendering it would hold CI for minutes: it is refused early, with a
message naming the limit and where to raise it.
"""

from __future__ import annotations

import re
from typing import Any

from journeymap import catalogue
from journeymap.problems import Problem

DEFAULT_MAX_STEPS = 10_000
_ACTION_KEY = re.compile(r"(?:^|[\s{,])[\"']?action[\"']?\s*:", re.MULTILINE)
# Steps and backstage processes both have an `action`; four per step is far above any real journey.
_ACTIONS_PER_STEP = 4


def too_many_steps_in_text(text: str, display: str, max_steps: int) -> Problem | None:
    """A cheap bound on the raw text, before parsing: refuses files with far too many `action:` keys at once."""
    if len(text) < max_steps * 10:  # too short to hold that many steps: skip the scan
        return None
    count = len(_ACTION_KEY.findall(text))
    if count <= max_steps * _ACTIONS_PER_STEP:
        return None
    return catalogue.problem(
        "JM010", display, (1, 1),
        f"the file holds about {count:,} steps and processes, far over the limit of {max_steps:,} steps",
        hint="split the journey, or raise `max_steps` in journeymap.toml",
    )


def too_many_steps(data: Any, display: str, max_steps: int, position: tuple[int, int]) -> Problem | None:
    """The exact count on the parsed data, before the models are built."""
    stages = data.get("stages") if isinstance(data, dict) else None
    if not isinstance(stages, list):
        return None
    count = sum(len(stage["steps"]) for stage in stages
                if isinstance(stage, dict) and isinstance(stage.get("steps"), list))
    if count <= max_steps:
        return None
    return catalogue.problem(
        "JM010", display, position, f"the journey has {count:,} steps, over the limit of {max_steps:,}",
        hint="split the journey, or raise `max_steps` in journeymap.toml",
    )
