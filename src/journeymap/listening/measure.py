"""`journeymap measure` as a library call: results read against the journeys' listening plans, period by period.

The journeys say what is listened to (each step's moment of truth: metric and `alert_below`); the results say
what customers answered. Each moment of truth gets, per period, its value in the plan's unit, its respondents and
a status: `alert` (below the threshold, with enough answers), `watch` (just above it), `fine`, or
`not-enough-data` (fewer than `min_respondents` answers: never an alert, never fine). A moment's status is that of
its latest period with enough answers, so that a period just begun does not hide last month's alert. A target
journey's listening plan is the future's: its moments are measured only when some results name the journey (a
pilot). Memory is one running tally per moment and period, whatever the number of rows (tally.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from journeymap.config import ResultsSettings, Settings
from journeymap.listening import metrics
from journeymap.listening.metrics import Period
from journeymap.listening.records import (
    ListeningPlan,
    Measurement,
    MomentReading,
    PeriodReading,
    PlannedMoment,
    Status,
)
from journeymap.listening.results import CsvTable, read_results
from journeymap.listening.tally import Listening, Tallies

__all__ = ["ListeningPlan", "Measurement", "measure"]


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
    tallies = Tallies(plan, config, settings.severities(), period, since)
    for index, path in enumerate(results):
        display = displays[index] if displays else str(path)
        for item in read_results(path, display, config, raw=True):
            if isinstance(item, CsvTable):
                tallies.add_csv(item)
            else:
                tallies.add(item)
    unreadable = sorted({problem.file for problem in tallies.problems
                         if problem.code == "JM501" and problem.message.startswith("cannot read")})
    named = {journey for journey, _step in tallies.listening}
    moments = [_moment_reading(moment, tallies.listening.get(key), config)
               for key, moment in sorted(plan.moments.items(), key=lambda item: (item[1].file, item[1].line))
               if moment.metric is not None and (moment.state == "current" or moment.journey in named)]
    return Measurement(moments, sorted(tallies.problems), tallies.counts, period, since, config.min_respondents,
                       tallies.unshown, unreadable)


def _moment_reading(moment: PlannedMoment, tally: Listening | None, config: ResultsSettings) -> MomentReading:
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
