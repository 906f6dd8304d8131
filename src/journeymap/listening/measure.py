"""`journeymap measure` as a library call: results read against the journeys' listening plans, period by period.

The journeys say what is listened to (each step's moment of truth: metric and `alert_below`); the results say
what customers answered. Each moment of truth gets, per period, its value in the plan's unit, its respondents and
a status: `alert` (below the threshold, with enough answers), `watch` (just above it), `fine`, or
`not-enough-data` (fewer than `min_respondents` answers: never an alert, never fine). A moment's status is that of
its latest period with enough answers, so that a period just begun does not hide last month's alert. A target
journey's listening plan is the future's: its moments are measured only when some results name the journey (a
pilot). Memory is one running tally per moment and period, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import difflib
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from journeymap import catalogue
from journeymap.config import ResultsSettings, Settings
from journeymap.listening import metrics
from journeymap.listening.metrics import Period, Tally
from journeymap.listening.results import Row, read_results
from journeymap.problems import Problem, Severity

Status = Literal["alert", "watch", "fine", "not-enough-data", "no-threshold", "no-data"]
VERBATIMS = 5  # kept per moment of truth: the latest ones
SHOWN_PER_CODE = 20  # problems listed per results file and code; the rest are counted


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


@dataclass
class _Listening:
    periods: dict[str, tuple[dt.date, Tally]] = field(default_factory=dict)
    verbatims: list[tuple[dt.date, int, str, Verbatim]] = field(default_factory=list)  # a min-heap: the latest kept


def measure(
    results: Sequence[Path],
    plan: ListeningPlan,
    settings: Settings | None = None,
    *,
    period: Period = "month",
    since: dt.date | None = None,
    displays: Sequence[str] | None = None,
) -> Measurement:
    """Every row of `results` read against `plan`, tallied per moment of truth and period. Raises
    ResultsFileError for a path that is no file (a usage error); everything else is a problem."""
    settings = settings or Settings()
    config = settings.results
    levels = settings.severities()
    counts = RowCounts()
    problems: list[Problem] = []
    unshown: dict[tuple[str, str], int] = {}
    shown: dict[tuple[str, str], int] = {}
    unreadable: list[str] = []
    listening: dict[tuple[str, str], _Listening] = {}

    def report(problem: Problem) -> None:
        if problem.code in levels and levels[problem.code] is None:
            return  # disabled: the row is still left out, and counted
        if problem.code in levels:
            problem = Problem(**{**problem.__dict__, "severity": levels[problem.code]})
        key = (problem.file, problem.code)
        if shown.get(key, 0) < SHOWN_PER_CODE:
            shown[key] = shown.get(key, 0) + 1
            problems.append(problem)
        else:
            unshown[key] = unshown.get(key, 0) + 1

    for index, path in enumerate(results):
        display = displays[index] if displays else str(path)
        for item in read_results(path, display, config):
            if isinstance(item, Problem):
                if item.code == "JM501":
                    if item.message.startswith("cannot read"):
                        unreadable.append(display)
                    problems.append(item)
                    continue
                counts.read += 1
                counts.dropped += 1
                report(item)
                continue
            counts.read += 1
            if since is not None and item.date < since:
                counts.before_since += 1
                continue
            reading = _reading(item, plan, config)
            if isinstance(reading, Problem):
                counts.dropped += 1
                report(reading)
                continue
            counts.used += 1
            key, contribution = reading
            tally = listening.setdefault(key, _Listening())
            label, start = metrics.period_of(item.date, period)
            if label not in tally.periods:
                tally.periods[label] = (start, Tally())
            running = tally.periods[label][1]
            if item.value is not None:
                running.add_aggregate(contribution, item.respondents)
            else:
                running.add_answer(contribution)
            if item.verbatim:
                entry = (item.date, -counts.read, item.verbatim,
                         Verbatim(item.date, item.verbatim, item.score, item.file, item.line))
                if len(tally.verbatims) < VERBATIMS:
                    heapq.heappush(tally.verbatims, entry)
                elif entry[:2] > tally.verbatims[0][:2]:
                    heapq.heapreplace(tally.verbatims, entry)
    named = {journey for journey, _step in listening}
    moments = [_moment_reading(moment, listening.get(key), config)
               for key, moment in sorted(plan.moments.items(), key=lambda item: (item[1].file, item[1].line))
               if moment.metric is not None and (moment.state == "current" or moment.journey in named)]
    return Measurement(moments, sorted(problems), counts, period, since, config.min_respondents, unshown, unreadable)


def _reading(row: Row, plan: ListeningPlan, config: ResultsSettings) -> tuple[tuple[str, str], float] | Problem:
    """The moment of truth a row is about and what it adds to its tally, or why it cannot be used."""
    where = (row.line, 1)
    if row.journey not in plan.steps:
        close = difflib.get_close_matches(row.journey, list(plan.steps), n=1)
        return catalogue.problem(
            "JM503", row.file, where, f"journey '{row.journey}' is not among the journeys read",
            hint=f"did you mean '{close[0]}'?" if close else "name the journeys' folder with --journeys")
    if row.step not in plan.steps[row.journey]:
        close = difflib.get_close_matches(row.step, sorted(plan.steps[row.journey]), n=1)
        return catalogue.problem("JM503", row.file, where, f"journey '{row.journey}' has no step '{row.step}'",
                                 hint=f"did you mean '{close[0]}'?" if close else None)
    moment = plan.moments.get((row.journey, row.step))
    if moment is None or moment.metric is None:
        missing = "no moment of truth" if moment is None else "a moment of truth without a metric"
        return catalogue.problem("JM504", row.file, where, f"step '{row.step}' of '{row.journey}' has {missing}")
    metric = moment.metric
    if row.metric is not None and row.metric != metric:
        return catalogue.problem(
            "JM505", row.file, where,
            f"the row's metric is '{row.metric}', the moment of truth of '{row.step}' plans '{metric}'",
            hint="map the survey tool's metric names under [results.metrics]" if row.metric not in
            ("csat", "nps", "ces", "custom") else None)
    if row.score is not None:
        scale = metrics.answer_scale(metric, dict(config.scales))
        if scale is not None and not scale[0] <= row.score <= scale[1]:
            return catalogue.problem(
                "JM506", row.file, where,
                f"{metric.upper()} score {row.score:g} is outside {scale[0]:g}-{scale[1]:g}",
                hint=None if metric in config.scales else
                f"if the survey tool asks on another scale, set it: [results.scales] {metric} = [lowest, highest]")
        standard = metrics.to_standard(metric, row.score, dict(config.scales))
        return (moment.journey, moment.step), metrics.contribution(metric, standard, config.csat)
    assert row.value is not None
    bounds = metrics.value_range(metric, config.csat)
    if bounds is not None and not bounds[0] <= row.value <= bounds[1]:
        return catalogue.problem("JM506", row.file, where,
                                 f"{metric.upper()} value {row.value:g} is outside {bounds[0]:g} to {bounds[1]:g}")
    return (moment.journey, moment.step), row.value


def _moment_reading(moment: PlannedMoment, tally: _Listening | None, config: ResultsSettings) -> MomentReading:
    metric = moment.metric or "custom"
    band = metrics.watch_band(metric, config.csat, config.watch_margin)
    periods: list[PeriodReading] = []
    previous: float | None = None
    for label, (start, running) in sorted((tally.periods if tally else {}).items(), key=lambda item: item[1][0]):
        value = running.value
        assert value is not None
        enough = running.respondents >= config.min_respondents
        status: Status
        if not enough:
            status = "not-enough-data"
        elif moment.alert_below is None:
            status = "no-threshold"
        elif value < moment.alert_below:
            status = "alert"
        elif value < moment.alert_below + band:
            status = "watch"
        else:
            status = "fine"
        change = value - previous if enough and previous is not None else None
        periods.append(PeriodReading(label, start, value, running.respondents, status, change))
        if enough:
            previous = value
    latest = next((period for period in reversed(periods) if period.status != "not-enough-data"), None)
    overall: Status = latest.status if latest else ("not-enough-data" if periods else "no-data")
    verbatims = tuple(entry[3] for entry in sorted(tally.verbatims, reverse=True)) if tally else ()
    return MomentReading(moment, tuple(periods), overall, latest, verbatims, metrics.unit(metric, config.csat))
