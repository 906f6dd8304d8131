"""Checks that run on a journey once its structure is known: references, viewpoint, method.

Every check reports through a RuleContext, which knows positions and the configured severity of each code,
so that a check only says what is wrong and where in the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap import catalogue
from journeymap.loading import Document
from journeymap.problems import DataPath, Problem, Severity


@dataclass
class RuleContext:
    document: Document
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: disabled
    problems: list[Problem] = field(default_factory=list)
    repaired: list[DataPath] = field(default_factory=list)  # places with format errors: other checks keep quiet

    def _near_repair(self, path: DataPath) -> bool:
        return any(path[: len(place)] == place or place[: len(path)] == path for place in self.repaired)

    def report(
        self, code: str, path: DataPath, message: str, *, hint: str | None = None, key: bool = False
    ) -> None:
        severity = self.severities.get(code, catalogue.BY_CODE[code].severity)
        if severity is None or (code != "JM301" and self._near_repair(path)):
            return
        position = self.document.locate(path, key=key)
        self.problems.append(
            catalogue.problem(code, self.document.file, position, message, hint=hint, path=path, severity=severity)
        )
