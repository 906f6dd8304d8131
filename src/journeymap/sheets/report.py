"""Output formats for `journeymap import`: small functions over its result."""

from __future__ import annotations

import json

from journeymap.reporters import _line_start
from journeymap.sheets.importer import ImportResult
from journeymap.text import visible

_LAYOUTS = {"journeymap": "journeymap's own layout", "lanes": "lanes as rows", "rows": "one row per step"}
_COUNTED = (("stages", "stage"), ("steps", "step"), ("touchpoints", "touchpoint"), ("pain_points", "pain point"),
            ("actions", "plan action"))


def to_text(result: ImportResult) -> str:
    """The problems (file:line:column: severity CODE [name] message, the cell at the end), then what was
    written."""
    lines = []
    for item in sorted(result.problems, key=lambda item: (item.problem.file != result.source, item.problem)):
        problem = item.problem
        lines.append(f"{_line_start(problem.file)}:{problem.line}:{problem.column}: {problem.severity.value} "
                     f"{problem.code} [{problem.name}] {visible(problem.message)}")
        if problem.hint:
            lines.append(f"    hint: {visible(problem.hint)}")
    errors = result.errors
    warnings = len(result.problems) - errors
    found = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if result.output is None:
        lines.append(f"✖ nothing written: {found}")
        return "\n".join(lines) + "\n"
    counts = ", ".join(f"{result.counts.get(key, 0)} {noun}{'' if result.counts.get(key, 0) == 1 else 's'}"
                       for key, noun in _COUNTED)
    sheet = f"sheet '{visible(result.sheet)}'" if result.sheet else "the sheet"
    lines.append(f"wrote {visible(str(result.output))} from {sheet} ({_LAYOUTS[result.layout or 'rows']}, "
                 f"{result.lang}): {counts}")
    if result.other_journeys:
        lines.append("other journeys in this sheet (import each with --journey): "
                     + ", ".join(f"'{visible(name)}'" for name in result.other_journeys))
    if result.other_sheets:
        lines.append("other sheets holding a journey map (import each with --sheet): "
                     + ", ".join(f"'{visible(name)}'" for name in result.other_sheets))
    mark = "✖" if errors else "!" if result.problems else "✔"
    lines.append(f"{mark} {found}" + (": fix the errors in the journey file" if errors else ""))
    return "\n".join(lines) + "\n"


def to_json(result: ImportResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
