"""What `journeymap measure` returns: the listening plan read from the journeys, and a reading per moment of
truth and period. Plain records with `to_dict()`; reporters.py formats them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from journeymap.listening.metrics import Period
from journeymap.problems import Problem, Severity

Status = Literal["alert", "watch", "fine", "not-enough-data", "no-threshold", "no-data"]


@dataclass(frozen=True)
class PlannedMoment:
    """A moment of truth of a journey, as its listening plan writes it, and where it is written."""

    journey: str
    journey_title: str
    state: str  # current or target: a target journey's plan is measured only when results name it
    file: str
    stage: str
    step: str
    action: str
    metric: str | None
    alert_below: float | None
    question: str | None
    line: int
    column: int


@dataclass
class ListeningPlan:
    """Every step of the journeys read, with its moment of truth when it has one."""

    moments: dict[tuple[str, str], PlannedMoment] = field(default_factory=dict)
    steps: dict[str, set[str]] = field(default_factory=dict)  # journey id -> its step ids

    @classmethod
    def of(cls, results: Iterable[Any]) -> ListeningPlan:
        """From validate's file results (journey and document): the first journey of an id wins (JM205 says)."""
        plan = cls()
        for result in results:
            journey, document = result.journey, result.document
            if journey is None or journey.id in plan.steps:
                continue
            plan.steps[journey.id] = set()
            for s, stage in enumerate(journey.stages):
                for t, step in enumerate(stage.steps):
                    plan.steps[journey.id].add(step.id)
                    moment = step.moment_of_truth
                    if moment is None:
                        continue
                    line, column = (document.locate(("stages", s, "steps", t, "moment_of_truth"), key=True)
                                    if document is not None else (1, 1))
                    plan.moments[(journey.id, step.id)] = PlannedMoment(
                        journey.id, journey.title, journey.state, result.file, stage.name, step.id, step.action, moment.metric,
                        moment.alert_below, moment.question, line, column,
                    )
        return plan


@dataclass(frozen=True)
class PeriodReading:
    period: str
    start: dt.date
    value: float
    respondents: int
    status: Status
    change: float | None  # from the previous period with enough answers

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "start": self.start.isoformat(), "value": round(self.value, 4),
                "respondents": self.respondents, "status": self.status,
                "change": None if self.change is None else round(self.change, 4)}


@dataclass(frozen=True)
class Verbatim:
    date: dt.date
    text: str
    score: float | None
    file: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "text": self.text, "score": self.score, "file": self.file,
                "line": self.line}


@dataclass(frozen=True)
class MomentReading:
    """One moment of truth over the periods measured."""

    moment: PlannedMoment
    periods: tuple[PeriodReading, ...]
    status: Status
    latest: PeriodReading | None  # the latest period with enough answers
    verbatims: tuple[Verbatim, ...]
    display_unit: str

    @property
    def respondents(self) -> int:
        return sum(period.respondents for period in self.periods)

    def to_dict(self) -> dict[str, Any]:
        m = self.moment
        return {
            "journey": m.journey, "step": m.step, "action": m.action, "stage": m.stage, "file": m.file,
            "line": m.line, "column": m.column, "metric": m.metric, "alert_below": m.alert_below,
            "status": self.status, "latest": self.latest.to_dict() if self.latest else None,
            "respondents": self.respondents, "periods": [period.to_dict() for period in self.periods],
            "verbatims": [verbatim.to_dict() for verbatim in self.verbatims],
        }


@dataclass
class RowCounts:
    read: int = 0
    used: int = 0
    dropped: int = 0
    before_since: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"read": self.read, "used": self.used, "dropped": self.dropped, "before_since": self.before_since}


@dataclass
class Measurement:
    """What `measure` found: a reading per planned moment of truth, the problems of the rows, and the counts."""

    moments: list[MomentReading]
    problems: list[Problem]
    rows: RowCounts
    period: Period
    since: dt.date | None
    min_respondents: int
    unshown: dict[tuple[str, str], int] = field(default_factory=dict)  # (file, code) -> problems not listed
    unreadable: list[str] = field(default_factory=list)

    @property
    def alerts(self) -> list[MomentReading]:
        return [moment for moment in self.moments if moment.status == "alert"]

    def exit_code(self, fail_on_alert: bool = False, strict: bool = False) -> int:
        if self.unreadable:
            return 2
        errors = any(problem.severity is Severity.ERROR for problem in self.problems)
        warnings = any(problem.severity is Severity.WARNING for problem in self.problems)
        if errors or (strict and warnings) or (fail_on_alert and self.alerts):
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "journeymap-measure", "version": 1, "period": self.period,
            "since": self.since.isoformat() if self.since else None, "min_respondents": self.min_respondents,
            "rows": self.rows.to_dict(), "moments": [moment.to_dict() for moment in self.moments],
            "problems": [problem.to_dict() for problem in self.problems],
            "problems_not_listed": sum(self.unshown.values()),
        }
