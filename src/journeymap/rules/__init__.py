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
    _repair_index: tuple[int, set[DataPath], set[DataPath]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _near_repair(self, path: DataPath) -> bool:
        """Whether a repaired place is `path` or one of its ancestors or descendants.

        Through sets of the places and of all their prefixes: comparing each report with every repaired place
        made a file with an error on each of its 4,000 steps take seconds (16 million comparisons).
        """
        if not self.repaired:
            return False
        index = self._repair_index
        if index is None or index[0] != len(self.repaired):
            places = set(self.repaired)
            prefixes = {place[:cut] for place in places for cut in range(len(place) + 1)}
            index = self._repair_index = (len(self.repaired), places, prefixes)
        _count, places, prefixes = index
        return path in prefixes or any(path[:cut] in places for cut in range(len(path) + 1))

    def report(
        self, code: str, path: DataPath, message: str, *, hint: str | None = None, key: bool = False
    ) -> None:
        severity = self.severities.get(code, catalogue.BY_CODE[code].severity)
        if severity is None or (code not in ("JM301", "JM303") and self._near_repair(path)):
            return
        position = self.document.locate(path, key=key)
        self.problems.append(
            catalogue.problem(code, self.document.file, position, message, hint=hint, path=path, severity=severity)
        )
