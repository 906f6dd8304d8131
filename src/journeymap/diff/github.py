"""`journeymap diff --format github`: the changes as GitHub Actions annotations on the target file's lines.

A pull request's reviewer sees what a change does for the customer where it is made: breaking changes as errors,
warnings as warnings, the rest as notices. A change with no place in the target (a removed step) is an annotation
of the run, naming where it was in the current journey. The escaping is the validate output's (GitHub's own escapes
for what the runner decodes, other control characters made visible).
"""

from __future__ import annotations

from journeymap.diff.catalogue import Level
from journeymap.diff.records import Change, DiffResult
from journeymap.text import github_data, github_property, visible

_COMMAND = {Level.BREAKING: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def to_github(result: DiffResult) -> str:
    """One workflow command per change, in journey order, then a summary line (never starting with "::")."""
    lines = [_annotation(change) for change in result.changes]
    counts = ", ".join(f"{result.count(level)} {level.value}" for level in Level)
    lines.append(f"journeymap diff {visible(result.current.name)} -> {visible(result.target.name)}: "
                 + ("no change" if result.identical else counts))
    return "\n".join(lines) + "\n"


def _annotation(change: Change) -> str:
    title = github_property(f"{change.kind} ({change.level.value})")
    where = change.target
    if where is not None and where.file is not None and where.line is not None:
        return (f"::{_COMMAND[change.level]} file={github_property(where.file)},line={where.line},"
                f"col={where.column or 1},title={title}::{github_data(change.message)}")
    message = change.message
    if change.current is not None:
        message += f"\n(in the current journey: {change.current})"
    return f"::{_COMMAND[change.level]} title={title}::{github_data(message)}"
