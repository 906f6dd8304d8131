"""Bounds on how big a journey may be, checked before the expensive work.

A real journey has tens of steps, a large one a few hundred, and nests a handful of levels. A file with a hundred
thousand steps, millions of values or thousands of levels is a mistake or an attack: parsing it would hold CI for
minutes, take gigabytes or, nested deep enough, crash the parser. It is refused early, from its text, with a
message naming the limit (and, for steps, where to raise it).
"""

from __future__ import annotations

import re
from typing import Any

from journeymap import catalogue
from journeymap.problems import Problem
from journeymap.reading import Position, offset_position

MAX_DEPTH = 64
# A rich 10,000-step journey (the default max_steps; bench/generate.py) holds about 410,000 keys and values; each
# value the parsers build costs about half a kilobyte and a few microseconds, so a million bounds a file at about
# 500 MB and 3 s. It is first estimated on the text, before parsing: a 10 MB one-line list of 3 million items took
# 1.6 GB and half a minute to be refused after it was built.
MAX_NODES = 1_000_000


def yaml_beyond_limits(text: str, display: str) -> Problem | None:
    """JM008 for a text whose size in values or whose nesting the parsers must not be asked to build: they build
    every node, recursively, before anything can be counted on the result (see loading._check_expansion, which
    counts again on the tree, aliases expanded)."""
    deep = _flow_nesting_beyond_limit(text)
    if deep is not None:
        return catalogue.problem("JM008", display, deep, f"YAML nesting deeper than {MAX_DEPTH} levels")
    # Every value but the first follows a comma, a line break or a colon (its key): an estimate of their number
    # close to the count
    values = text.count(",") + text.count("\n") + text.count(":")
    if values > MAX_NODES:
        return catalogue.problem(
            "JM008", display, (1, 1),
            f"document too large: it holds about {values:,} YAML values, over the limit of {MAX_NODES:,}",
            hint="a journey holds a few thousand values; split the file",
        )
    deep = _block_nesting_beyond_limit(text)
    if deep is not None:
        return catalogue.problem(
            "JM008", display, deep,
            f"a line starts {MAX_BLOCK_PREFIX:,}+ columns deep in indentation and block indicators (`- `, `? `): "
            f"YAML nesting far deeper than {MAX_DEPTH} levels",
        )
    return None


def _flow_nesting_beyond_limit(text: str) -> Position | None:
    """Where `[`/`{` nesting passes MAX_DEPTH, counted roughly (quotes ignored), or None.

    The YAML scanner takes quadratic time on deep flow nesting, so thousands of brackets are refused before it
    runs; a journey never nests more than a handful of levels, so counting brackets inside quoted text is harmless.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1 if depth else 0
        if depth > MAX_DEPTH:
            return offset_position(text, match.start())
    return None


def _block_nesting_beyond_limit(text: str) -> Position | None:
    """Where a line's block structure (indentation, then `- `, `? `, `: `, anchors and tags) passes
    MAX_BLOCK_PREFIX columns, or None.

    The parsers build nested nodes recursively before any depth can be checked on the result: libyaml's composer in
    C, where `- - - ... a` 30,000 levels deep overflows the stack and kills the process. In block style each level
    of nesting takes at least one column of a line's prefix (two levels at most share one: a sequence as the value
    of a key at the same indentation), so bounding the prefix bounds the depth the parsers are asked to build.
    """
    if len(text) <= MAX_BLOCK_PREFIX:
        return None
    for match in _BLOCK_PREFIX.finditer(text):
        if match.end() - match.start() > MAX_BLOCK_PREFIX:
            return offset_position(text, match.start() + MAX_BLOCK_PREFIX)
    return None


# 2,000 columns bound the depth the parsers build to about 4,000 levels, far from where libyaml's composer
# overflows an 8 MB stack (over 20,000) and far above any journey (they nest a handful of levels).
MAX_BLOCK_PREFIX = 2_000
_BLOCK_PREFIX = re.compile(r"^(?:[ \t]|[-?:](?=[ \t])|[&!][^ \t\n]*(?=[ \t]))+", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


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
