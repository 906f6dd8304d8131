"""Output formats for validation: small functions over the problem records, returning text.

User text (labels, messages quoting them) never reaches the terminal as markup or control sequences: rich Text
objects are built from plain strings, and control characters are made visible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from journeymap.problems import Problem, Severity
from journeymap.text import github_data, github_property, json_text, visible


def summary(problems: Sequence[Problem], checked: int, skipped: int) -> str:
    errors = sum(1 for problem in problems if problem.severity is Severity.ERROR)
    warnings = len(problems) - errors
    journeys = f"{checked} journey file{'s' if checked != 1 else ''} checked"
    parts = [journeys]
    if skipped:
        parts.append(f"{skipped} YAML file{'s' if skipped != 1 else ''} skipped (not journeys)")
    found = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    return f"{found} ({'; '.join(parts)})"


def to_text(problems: Sequence[Problem], checked: int, skipped: int, color: bool = False, width: int = 100) -> str:
    """file:line:column: severity CODE name: message, then the hint; the format editors and CI logs parse.

    Lines are never wrapped (`width` only matters to rich's colour output), so a plain report is built as
    strings: rich, and its import, are for the terminal's colours only.
    """
    lines = _text_lines(problems, checked, skipped)
    if not color:
        return "".join("".join(text for text, _style in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    console = Console(
        color_system="standard", force_terminal=True, width=width, highlight=False,
        record=True, file=_NullFile(), soft_wrap=True,
    )
    for line in lines:
        console.print(Text.assemble(*line))
    return console.export_text(styles=True)


_Segment = tuple[str, str]  # text, rich style ("" for none)


def _text_lines(problems: Sequence[Problem], checked: int, skipped: int) -> list[list[_Segment]]:
    style = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    lines: list[list[_Segment]] = []
    for problem in problems:
        lines.append([
            (f"{_line_start(problem.file)}:{problem.line}:{problem.column}: ", "bold"),
            (f"{problem.severity.value} ", style[problem.severity]),
            (f"{problem.code} ", "cyan"),
            (f"[{problem.name}] ", "dim"),
            (visible(problem.message), ""),
        ])
        if problem.hint:
            lines.append([(f"    hint: {visible(problem.hint)}", "dim")])
    errors = any(problem.severity is Severity.ERROR for problem in problems)
    mark = "✖" if errors else ("!" if problems else "✔")
    lines.append([(
        f"{mark} {summary(problems, checked, skipped)}",
        "bold red" if errors else ("yellow" if problems else "bold green"),
    )])
    return lines


def _line_start(path: str) -> str:
    """A file name that begins a line: "::" there would make the line a GitHub workflow command."""
    shown = visible(path)
    return "./" + shown if shown.startswith("::") else shown


def to_json(problems: Sequence[Problem], checked: int = 0, skipped: int = 0) -> str:
    return json_text([problem.to_dict() for problem in problems])


def to_github(problems: Sequence[Problem], checked: int = 0, skipped: int = 0) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff."""
    lines = []
    for problem in problems:
        level = "error" if problem.severity is Severity.ERROR else "warning"
        message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
        lines.append(
            f"::{level} file={github_property(problem.file)},line={problem.line},col={problem.column},"
            f"title={github_property(f'{problem.code} {problem.name}')}::{github_data(message)}"
        )
    lines.append(summary(problems, checked, skipped))
    return "\n".join(lines) + "\n"


def to_sarif(problems: Sequence[Problem], checked: int = 0, skipped: int = 0) -> str:
    """SARIF 2.1.0 for code scanning (journeymap.sarif, imported only when asked for)."""
    from journeymap.sarif import to_sarif as sarif

    return sarif(problems, checked, skipped)


class _NullFile:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


FORMATS: dict[str, Callable[..., str]] = {"text": to_text, "json": to_json, "github": to_github, "sarif": to_sarif}
