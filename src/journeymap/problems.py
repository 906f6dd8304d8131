"""Problems are plain data: every check produces them, every output format reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

DataPath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one file.

    Ordered by file, then position, then code and message, so that every output lists problems the way a reader
    scans the file, and so that sorting is stable from run to run.
    """

    file: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str
    hint: str | None = field(default=None, compare=False)
    path: DataPath = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The one record every machine-readable format uses; keys are part of the public interface."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "path": format_path(self.path),
        }


def format_path(path: DataPath) -> str:
    """`stages[0].steps[2].action`: how a person names a place in a journey."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
