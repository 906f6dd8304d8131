"""The history for people and machines: text (aligned columns), JSON (the records' to_dict), Markdown (a table).
Plain functions over a History; HTML, which needs jinja2, lives in history/html.py."""

from __future__ import annotations

from collections.abc import Callable

from journeymap.history.records import Change, History, Version, paths_in
from journeymap.text import json_text, markdown_inline, visible

COLUMNS = ("#", "date", "commit", "author", "emotion", "rated", "open H/M/L", "MoT (alert)", "steps", "done/actions", "note")


def signed(value: float | None, digits: int = 2) -> str:
    """An average as the change line writes it: +0.3, -0.4, 0; none when no step has an emotion."""
    if value is None:
        return "none"
    text = f"{value:+.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def plain(value: float | None) -> str:
    return "none" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def cells(version: Version) -> tuple[str, ...]:
    """One row of the table: the same cells in text and Markdown."""
    head = (str(version.number), version.day, version.short, version.author)
    found = version.figures
    if found is None:
        what = {"invalid": f"does not load: {version.errors} error{'s' if version.errors != 1 else ''}",
                "deleted": "file deleted in this commit", "too-large": "too large to read"}[version.status]
        return (*head, "-", "-", "-", "-", "-", "-", what)
    open_counts = "/".join(str(found.open_pain_points[severity]) for severity in ("high", "medium", "low"))
    return (*head, signed(found.average_emotion), f"{found.rated_steps}/{found.steps}", open_counts,
            f"{found.moments_of_truth} ({found.moments_with_alert})", str(found.steps),
            f"{found.actions_done}/{found.actions_total}",
            f"{version.errors} error{'s' if version.errors != 1 else ''}" if version.errors else "")


def change_line(change: Change, *, verdict: bool = True) -> str:
    """'average emotion -0.4 -> +0.3 (better)'; without the verdict where the page shows it its own way."""
    show: Callable[[float | None], str] = signed if change.name == "average_emotion" else plain
    verdict_text = "" if change.verdict == "unknown" or not verdict else f" ({change.verdict})"
    return f"{change.label} {show(change.first)} -> {show(change.last)}{verdict_text}"


def _headline(history: History) -> list[str]:
    title = history.title
    lines = [f"History of {history.file}" + (f": {title}" if title else "")]
    paths = paths_in(history.versions)
    if len(paths) > 1:
        lines.append("renamed: " + " -> ".join(paths))
    loaded = len(history.loaded)
    lines.append(f"{len(history.versions)} version{'s' if len(history.versions) != 1 else ''}, {loaded} loaded"
                 + (f", {len(history.versions) - loaded} not" if loaded != len(history.versions) else ""))
    return lines


def to_text(history: History) -> str:
    """Aligned columns, oldest first, then the change from the first loaded version to the last."""
    rows = [COLUMNS, *(tuple(visible(cell) for cell in cells(version)) for version in history.versions)]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    out = [visible(line) for line in _headline(history)]
    out.append("")
    for row in rows:
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for version in history.versions:
        if version.first_error:
            out.append(f"#{version.number} {version.short}: {visible(version.first_error)}")
    changes = history.changes()
    if changes:
        out += ["", "Since the first version that loads:"]
        out += [f"  {change_line(change)}" for change in changes]
    out += [f"note: {visible(note)}" for note in history.notes]
    out.append("open H/M/L: open pain points by severity (high/medium/low); MoT: moments of truth (with an alert "
               "threshold); rated: steps with an emotion")
    return "\n".join(out) + "\n"


def to_json(history: History) -> str:
    return json_text(history.to_dict())


def to_markdown(history: History) -> str:
    """A GitHub-flavoured table (a pull-request comment, a wiki page), then the changes as a list."""
    title, *rest = _headline(history)
    out = [f"### {markdown_inline(title)}", "", *(markdown_inline(line) + "  " for line in rest), ""]
    out.append("| " + " | ".join(COLUMNS) + " |")
    out.append("|" + "|".join("---:" if column in ("#", "emotion", "steps") else "---" for column in COLUMNS) + "|")
    for version in history.versions:
        out.append("| " + " | ".join(markdown_inline(cell) for cell in cells(version)) + " |")
    changes = history.changes()
    if changes:
        out += ["", "**Since the first version that loads:**", ""]
        out += [f"- {markdown_inline(change_line(change))}" for change in changes]
    broken = [version for version in history.versions if version.first_error]
    if broken:
        out += ["", "**Versions that do not load:**", ""]
        out += [f"- #{version.number} `{version.short}`: {markdown_inline(version.first_error)}" for version in broken]
    out += ["", *(f"> {markdown_inline(note)}" for note in history.notes)]
    return "\n".join(out).rstrip("\n") + "\n"


FORMATS: dict[str, Callable[[History], str]] = {"text": to_text, "json": to_json, "md": to_markdown}
