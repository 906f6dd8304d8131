"""Rows into running tallies: each row read against the listening plan, then added to its moment's period.

A million rows of a survey export repeat a few journeys, steps, dates and scores. Each row is read in full the
first time its cells are seen (results.read_cells, then `reading`: every check, every problem); what that reading
gave for those exact cells is remembered, so a row whose cells were all seen before is added with a few look-ups.
The memo only ever holds what the full reading computed from the same text, so the figures cannot differ; it is
bounded, and a row it cannot answer is read in full.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import heapq
import operator
from collections.abc import Callable
from itertools import chain
from dataclasses import dataclass, field
from typing import Any

from journeymap import catalogue
from journeymap.config import ResultsSettings
from journeymap.listening import metrics
from journeymap.listening.metrics import Period, Tally
from journeymap.listening.records import ListeningPlan, RowCounts, Verbatim
from journeymap.listening.results import CsvTable, Row, read_cells
from journeymap.problems import Problem, Severity

VERBATIMS = 5  # kept per moment of truth: the latest ones
SHOWN_PER_CODE = 20  # problems listed per results file and code; the rest are counted
MEMO_LIMIT = 200_000  # rows remembered by their cells, some 40 MB at most (date-times to the second all differ)
KEY_FIELDS = ("journey", "step", "metric", "date", "score", "value", "respondents")  # what a row's reading reads

MomentKey = tuple[str, str]  # journey id, step id


@dataclass
class Listening:
    """One moment of truth's running tallies by period, and its latest verbatims (a min-heap by date, line and
    order read)."""

    periods: dict[str, tuple[dt.date, Tally]] = field(default_factory=dict)
    verbatims: list[tuple[dt.date, int, int, Verbatim]] = field(default_factory=list)


class Tallies:
    """Everything one `measure` run accumulates: tallies, counts and problems."""

    def __init__(self, plan: ListeningPlan, config: ResultsSettings, levels: dict[str, Severity | None],
                 period: Period, since: dt.date | None) -> None:
        self.plan, self.config, self.levels, self.period, self.since = plan, config, levels, period, since
        self.counts = RowCounts()
        self.problems: list[Problem] = []
        self.unshown: dict[tuple[str, str], int] = {}
        self._shown: dict[tuple[str, str], int] = {}
        self.listening: dict[MomentKey, Listening] = {}
        self._running: dict[tuple[MomentKey, str], Tally] = {}
        self._order = 0  # verbatims kept, in the order read
        # what the full reading gave for a row's exact cells (KEY_FIELDS): its period's tally (None: before
        # --since), what it adds to the tally's total and respondents, its day, its moment and its score
        self._seen: dict[Any, tuple[Tally | None, float, int, dt.date, MomentKey | None, float | None]] = {}
        self._lines: dict[str, tuple[Tally | None, float, int, dt.date, MomentKey | None, float | None]] = {}

    def report(self, problem: Problem) -> None:
        """A row's problem, at its configured level (disabled: the row is left out silently, and counted)."""
        level = self.levels.get(problem.code, problem.severity)
        if level is None:
            return
        if level is not problem.severity:
            problem = Problem(**{**problem.__dict__, "severity": level})
        key = (problem.file, problem.code)
        if self._shown.get(key, 0) < SHOWN_PER_CODE:
            self._shown[key] = self._shown.get(key, 0) + 1
            self.problems.append(problem)
        else:
            self.unshown[key] = self.unshown.get(key, 0) + 1

    def add_csv(self, table: CsvTable) -> None:
        """A CSV file's rows. A line seen before (without a verbatim) is looked up whole, before anything parses
        it; the others go to the csv module (which reads on when a quoted cell holds a line break), then their
        cells are looked up, and read in full when they were never seen."""
        text, delimiter, display = table.text, table.delimiter, table.display
        cells_key = operator.itemgetter(*(table.columns[name] for name in KEY_FIELDS if name in table.columns))
        verbatim_at = table.columns.get("verbatim", -1)
        lines, seen = self._lines, self._seen
        quick = before = 0
        count = 1  # the file's lines read so far, the header's included
        try:
            for line in text:
                count += 1
                known = lines.get(line)
                if known is not None:
                    tally = known[0]
                    if tally is None:
                        before += 1
                        continue
                    tally.total += known[1]
                    tally.respondents += known[2]
                    quick += 1
                    continue
                reader = csv.reader(chain((line,), text), delimiter=delimiter)
                start = count
                try:
                    cells = next(reader, None)
                except csv.Error as error:  # the next line is read anew
                    count += reader.line_num - 1
                    self.add(table.not_csv(error, count))
                    continue
                count += reader.line_num - 1
                if cells is None:
                    continue
                try:
                    known = seen.get(cells_key(cells))
                except IndexError:  # a short row
                    known = None
                if known is None:
                    self._add_cells(start, cells, table, cells_key)
                    continue
                tally = known[0]
                if tally is None:
                    before += 1
                else:
                    tally.total += known[1]
                    tally.respondents += known[2]
                    quick += 1
                verbatim = cells[verbatim_at].strip() if verbatim_at >= 0 else ""
                if verbatim and tally is not None:
                    self._keep_verbatim(known[4], known[3], start, verbatim, known[5], display)
                elif not verbatim and count == start and len(lines) < MEMO_LIMIT:
                    lines[line] = known  # one line, no verbatim: its text says it all
        except UnicodeDecodeError:
            self.problems.append(table.not_decodable())
        except OSError as error:
            self.problems.append(table.unreadable(error))
        self.counts.read += quick + before
        self.counts.used += quick
        self.counts.before_since += before

    def _add_cells(self, line: int, cells: list[str], table: CsvTable, cells_key: Callable[[list[str]], Any]) -> None:
        """One row read in full; what the reading gave for its cells is remembered."""
        row = read_cells(cells, table.columns, table.display, line, self.config)
        if row is None:
            return
        added = self.add(row)
        if not isinstance(row, Row) or added is None or len(self._seen) >= MEMO_LIMIT:
            return
        key, _metric, contribution = added
        tally = None
        if key is not None:  # not before --since
            tally = self._running[(key, metrics.period_of(row.date, self.period)[0])]
        total = contribution * row.respondents if row.value is not None else contribution
        self._seen.setdefault(cells_key(cells), (tally, total, row.respondents, row.date, key, row.score))

    def _keep_verbatim(self, key: MomentKey, day: dt.date, line: int | Callable[[], int], text: str,
                       score: float | None, file: str) -> None:
        """Keep a verbatim if it is among its moment's latest (by date, then line; then the order read). `line`
        may be worked out only if the verbatim is kept."""
        verbatims = self.listening[key].verbatims
        self._order += 1
        if len(verbatims) >= VERBATIMS and day < verbatims[0][0]:
            return
        where = line if isinstance(line, int) else line()
        rank = (day, where, self._order)
        if len(verbatims) < VERBATIMS:
            heapq.heappush(verbatims, (*rank, Verbatim(day, text, score, file, where)))
        elif rank > verbatims[0][:3]:
            heapq.heapreplace(verbatims, (*rank, Verbatim(day, text, score, file, where)))

    def add(self, item: Row | Problem) -> tuple[MomentKey | None, str, float] | None:
        """One row read in full (or the problem that stops it): what it added, for the memo."""
        counts = self.counts
        if isinstance(item, Problem):
            if item.code == "JM501":  # the file's own problem: not a row
                self.problems.append(item)
                return None
            counts.read += 1
            counts.dropped += 1
            self.report(item)
            return None
        counts.read += 1
        if self.since is not None and item.date < self.since:
            counts.before_since += 1
            return None, "", 0.0
        found = reading(item, self.plan, self.config)
        if isinstance(found, Problem):
            counts.dropped += 1
            self.report(found)
            return None
        counts.used += 1
        key, metric, contribution = found
        label, start = metrics.period_of(item.date, self.period)
        tally = self._running.get((key, label)) or self._tally(key, label, start)
        if item.value is not None:
            tally.add_aggregate(contribution, item.respondents)
        else:
            tally.add_answer(contribution)
        if item.verbatim:
            self._keep_verbatim(key, item.date, item.line, item.verbatim, item.score, item.file)
        return key, metric, contribution

    def _tally(self, key: MomentKey, label: str, start: dt.date) -> Tally:
        tally = Tally()
        self.listening.setdefault(key, Listening()).periods[label] = (start, tally)
        self._running[(key, label)] = tally
        return tally


def reading(row: Row, plan: ListeningPlan, config: ResultsSettings) -> tuple[MomentKey, str, float] | Problem:
    """The moment of truth a row is about, its metric and what the row adds to its tally; or why it cannot be
    used."""
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
    key = (moment.journey, moment.step)
    if row.score is not None:
        scale = metrics.answer_scale(metric, dict(config.scales))
        if scale is not None and not scale[0] <= row.score <= scale[1]:
            return catalogue.problem(
                "JM506", row.file, where,
                f"{metric.upper()} score {row.score:g} is outside {scale[0]:g}-{scale[1]:g}",
                hint=None if metric in config.scales else
                f"if the survey tool asks on another scale, set it: [results.scales] {metric} = [lowest, highest]")
        standard = metrics.to_standard(metric, row.score, dict(config.scales))
        return key, metric, metrics.contribution(metric, standard, config.csat)
    assert row.value is not None
    bounds = metrics.value_range(metric, config.csat)
    if bounds is not None and not bounds[0] <= row.value <= bounds[1]:
        return catalogue.problem("JM506", row.file, where,
                                 f"{metric.upper()} value {row.value:g} is outside {bounds[0]:g} to {bounds[1]:g}")
    return key, metric, row.value
