"""The arithmetic of the listening plan's metrics, in the unit the plan's `alert_below` is written in.

Every metric is a mean of per-answer contributions, so that single answers and aggregates computed elsewhere
(a value over so many respondents) add up the same way:
- NPS: +100 for a promoter (9-10), -100 for a detractor (0-6), 0 for a passive: the mean is % promoters minus
  % detractors, from -100 to 100;
- CSAT: the mean of 1-5 answers (as the thresholds of examples/ read), or with `csat = "top2box"` the % of 4-5
  answers (100 for a 4 or 5, 0 otherwise);
- CES: the mean of 1-7 answers, higher is easier;
- custom: the mean of the numbers given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Metric = Literal["csat", "nps", "ces", "custom"]
Period = Literal["week", "month", "quarter"]
CsatReading = Literal["mean", "top2box"]

# the scale of one answer, as the standard questions ask it
ANSWER_SCALES: dict[str, tuple[float, float]] = {"nps": (0.0, 10.0), "csat": (1.0, 5.0), "ces": (1.0, 7.0)}


def answer_scale(metric: str, scales: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    """The scale the file's answers are on: the configured one (a survey tool's own), else the standard one;
    None for a custom metric without a configured scale (any number)."""
    return scales.get(metric) or ANSWER_SCALES.get(metric)


def to_standard(metric: str, score: float, scales: dict[str, tuple[float, float]]) -> float:
    """An answer on a configured scale, mapped linearly onto the metric's standard scale (a 0-10 satisfaction
    onto 1-5, say); answers already on the standard scale are unchanged."""
    source, standard = scales.get(metric), ANSWER_SCALES.get(metric)
    if source is None or standard is None or source == standard:
        return score
    low, high = source
    return standard[0] + (score - low) * (standard[1] - standard[0]) / (high - low)


def contribution(metric: str, score: float, csat: CsatReading) -> float:
    """What one answer (on the standard scale) adds to the metric's mean."""
    if metric == "nps":
        return 100.0 if score >= 9 else (-100.0 if score <= 6 else 0.0)
    if metric == "csat" and csat == "top2box":
        return 100.0 if score >= 4 else 0.0
    return score


def value_range(metric: str, csat: CsatReading) -> tuple[float, float] | None:
    """Where an aggregate value of this metric can lie (None: custom, any number)."""
    if metric == "nps":
        return (-100.0, 100.0)
    if metric == "csat":
        return (0.0, 100.0) if csat == "top2box" else (1.0, 5.0)
    if metric == "ces":
        return (1.0, 7.0)
    return None


def unit(metric: str, csat: CsatReading) -> str:
    """How a value reads to a person: "NPS +32", "CSAT 4.1/5", "CSAT 82%", "CES 5.3/7"."""
    return {"nps": "points", "ces": "/7"}.get(metric, "%" if csat == "top2box" else ("/5" if metric == "csat" else ""))


def format_value(metric: str, value: float, csat: CsatReading) -> str:
    if metric == "nps":
        return f"{value:+.0f}"
    if metric == "csat" and csat == "top2box":
        return f"{value:.0f}%"
    return f"{value:.2f}"


def watch_band(metric: str, csat: CsatReading, margin: float) -> float:
    """How far above its threshold a value is still worth watching: `margin` of the metric's range (5% by
    default: 10 NPS points, 0.2 on a 1-5 CSAT, 0.3 on a 1-7 CES); none for a custom metric."""
    bounds = value_range(metric, csat)
    return 0.0 if bounds is None else margin * (bounds[1] - bounds[0])


@dataclass(slots=True)
class Tally:
    """A running mean: the sum of contributions and how many respondents gave them. Constant memory whatever the
    number of rows."""

    total: float = 0.0
    respondents: int = 0

    def add_answer(self, value: float) -> None:
        self.total += value
        self.respondents += 1

    def add_aggregate(self, value: float, respondents: int) -> None:
        self.total += value * respondents
        self.respondents += respondents

    @property
    def value(self) -> float | None:
        return self.total / self.respondents if self.respondents else None


def period_of(day: dt.date, period: Period) -> tuple[str, dt.date]:
    """The period a date falls in: its label ("2026-W05", "2026-03", "2026-Q1") and first day, for sorting."""
    if period == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - dt.timedelta(days=weekday - 1)
    if period == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1)
    quarter = (day.month - 1) // 3
    return f"{day.year}-Q{quarter + 1}", dt.date(day.year, 3 * quarter + 1, 1)
