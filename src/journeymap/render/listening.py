"""What the report shows of survey results (`render --results`): per moment of truth its status against its
threshold, its latest value, a small trend chart, its respondents and a few verbatims.

Built once per journey from the run's Measurement (listening/measure.py), for the HTML template and the Markdown
alike, so both say the same. The trend chart is inline SVG and runs nothing; a status is always a word and a
shape (an icon, a marker), never a colour alone. Verbatims are customers' words from a results file: control
and bidirectional-override characters are removed, and the templates escape the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.listening.metrics import CsatReading
from journeymap.listening.records import Measurement, MomentReading, Status, Verbatim
from journeymap.model import Journey
from journeymap.render import figures
from journeymap.render.figures import StepRef
from journeymap.text import clean

VERBATIMS = 3  # the latest few: a report is read, not searched
TREND_PERIODS = 12  # the periods a trend chart shows, the latest ones
# Icons drawn next to the status word: a shape per status, so that it reads in black and white too.
ICONS: dict[str, str] = {"alert": "▲", "watch": "◆", "fine": "●", "not-enough-data": "○", "no-threshold": "○",
                         "no-data": "—"}
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 168.0, 44.0, 6.0


@dataclass(frozen=True)
class TrendPoint:
    """A period on the trend chart: where it sits (SVG units), and what it says."""

    period: str
    value: str  # as the reader writes it
    respondents: int
    status: Status
    x: str
    y: str
    mark: str  # the marker's SVG path: its shape says the status (a triangle for an alert)


@dataclass(frozen=True)
class Sparkline:
    """A small trend chart: the values per period, the threshold as a dashed line; in a box of SPARK_WIDTH by
    SPARK_HEIGHT units, coordinates already formatted for the template."""

    path: str
    threshold_y: str | None
    points: tuple[TrendPoint, ...]
    width: str = f"{SPARK_WIDTH:g}"
    height: str = f"{SPARK_HEIGHT:g}"


@dataclass(frozen=True)
class MomentResult:
    """One moment of truth of the journey with its reading (status `no-data` when nobody answered)."""

    where: StepRef
    metric: str | None
    status: Status
    latest_value: str | None
    latest_period: str | None
    latest_respondents: int
    respondents: int
    threshold: str | None
    change: str | None
    trend: Sparkline | None
    periods: tuple[TrendPoint, ...]  # every period shown, for the table that reads the chart out
    verbatims: tuple[Verbatim, ...]

    @property
    def icon(self) -> str:
        return ICONS[self.status]


@dataclass(frozen=True)
class JourneyResults:
    """The journey's moments of truth in journey order, each with what the results say of it."""

    moments: tuple[MomentResult, ...]
    period: str
    since: str | None
    min_respondents: int

    @property
    def by_step(self) -> dict[str, MomentResult]:
        return {moment.where.step.id: moment for moment in self.moments}

    @property
    def alerts(self) -> frozenset[str]:
        """Ids of the steps whose moment of truth is in alert: the emotion lane marks them."""
        return frozenset(moment.where.step.id for moment in self.moments if moment.status == "alert")

    @property
    def without_data(self) -> tuple[MomentResult, ...]:
        return tuple(moment for moment in self.moments if moment.status == "no-data")

    def count(self, status: str) -> int:
        return sum(1 for moment in self.moments if moment.status == status)


def format_value(metric: str | None, value: float, csat: CsatReading, lang: str, *, signed: bool = False) -> str:
    """A value in its metric's unit, with the reader's decimal separator: NPS in whole points, signed; a CSAT
    top-2-box in %; means with two decimals."""
    from journeymap.render.html import format_number

    if metric == "nps":
        return format_number(value, lang, digits=0, signed=True)
    if metric == "csat" and csat == "top2box":
        return format_number(value, lang, digits=0, signed=signed) + ("\u202f%" if lang == "fr" else "%")
    return format_number(value, lang, digits=2, signed=signed)


def journey_results(measurement: Measurement, journey: Journey, csat: CsatReading = "mean") -> JourneyResults:
    """Every moment of truth of `journey`, with its reading from `measurement` where it has one."""
    readings = {moment.moment.step: moment for moment in measurement.moments if moment.moment.journey == journey.id}
    moments = tuple(_moment_result(point.where, readings.get(point.where.step.id), csat, journey.lang)
                    for point in figures.listening_plan(journey))
    return JourneyResults(moments, measurement.period, measurement.since.isoformat() if measurement.since else None,
                          measurement.min_respondents)


def _moment_result(where: StepRef, reading: MomentReading | None, csat: CsatReading, lang: str) -> MomentResult:
    moment = where.step.moment_of_truth
    assert moment is not None
    metric = moment.metric
    threshold = None if moment.alert_below is None else format_value(metric, moment.alert_below, csat, lang)
    if reading is None or not reading.periods:
        return MomentResult(where, metric, "no-data", None, None, 0, 0, threshold, None, None, (), ())
    latest = reading.latest
    shown = reading.periods[-TREND_PERIODS:]
    points = _points(shown, moment.alert_below, metric, csat, lang)
    change = None
    if latest is not None and latest.change is not None:
        change = format_value(metric, latest.change, csat, lang, signed=True)
    return MomentResult(
        where, metric, reading.status,
        format_value(metric, latest.value, csat, lang) if latest else None,
        latest.period if latest else None, latest.respondents if latest else 0, reading.respondents, threshold,
        change, _sparkline(points, shown, moment.alert_below), points,
        tuple(_inert(verbatim) for verbatim in reading.verbatims[:VERBATIMS]),
    )


def _inert(verbatim: Verbatim) -> Verbatim:
    """A customer's words as one paragraph of plain characters: no line breaks, controls or bidi overrides."""
    return Verbatim(verbatim.date, clean(verbatim.text), verbatim.score, verbatim.file, verbatim.line)


def _scale(values: Sequence[float], threshold: float | None) -> tuple[float, float]:
    """The vertical range: every value and the threshold, with a little room so no mark touches the edge."""
    shown = [*values, *([threshold] if threshold is not None else [])]
    low, high = min(shown), max(shown)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    room = (high - low) * 0.08
    return low - room, high + room


def _points(periods: Sequence[Any], threshold: float | None, metric: str | None, csat: CsatReading,
            lang: str) -> tuple[TrendPoint, ...]:
    low, high = _scale([period.value for period in periods], threshold)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(periods) - 1, 1)
    out = []
    for index, period in enumerate(periods):
        x = SPARK_PAD + index * step if len(periods) > 1 else SPARK_WIDTH / 2
        y = _y(period.value, low, high)
        out.append(TrendPoint(period.period, format_value(metric, period.value, csat, lang), period.respondents,
                              period.status, _fmt(x), _fmt(y), _mark(period.status, x, y)))
    return tuple(out)


def _mark(status: Status, x: float, y: float) -> str:
    """A triangle for an alert, a diamond to watch, a dot otherwise (drawn hollow without enough answers)."""
    if status == "alert":
        return f"M{_fmt(x)},{_fmt(y - 4.5)} L{_fmt(x + 4.5)},{_fmt(y + 3.5)} L{_fmt(x - 4.5)},{_fmt(y + 3.5)} Z"
    if status == "watch":
        return f"M{_fmt(x)},{_fmt(y - 4)} L{_fmt(x + 4)},{_fmt(y)} L{_fmt(x)},{_fmt(y + 4)} L{_fmt(x - 4)},{_fmt(y)} Z"
    r = 2.5
    return f"M{_fmt(x - r)},{_fmt(y)} a{r},{r} 0 1,0 {2 * r},0 a{r},{r} 0 1,0 {-2 * r},0 Z"


def _y(value: float, low: float, high: float) -> float:
    return SPARK_PAD + (high - value) / (high - low) * (SPARK_HEIGHT - 2 * SPARK_PAD)


def _sparkline(points: Sequence[TrendPoint], periods: Sequence[Any], threshold: float | None) -> Sparkline:
    low, high = _scale([period.value for period in periods], threshold)
    path = " ".join(f"{'M' if index == 0 else 'L'}{point.x},{point.y}" for index, point in enumerate(points))
    threshold_y = None if threshold is None else _fmt(_y(threshold, low, high))
    return Sparkline(path, threshold_y, tuple(points))


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
