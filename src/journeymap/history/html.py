"""The history as a self-contained page: line charts of the figures over the commits, drawn as inline SVG, with the
same figures in a table as their text alternative.

Like the report (render/html.py) the page requests nothing and runs no script (same Content-Security-Policy, same
autoescaping jinja2 environment). Geometry is computed here as plain numbers; the template only writes them. Each
line has its own dash pattern, marker shape and label at its end, so colour is never the only way to tell them
apart. Versions sit at even steps along the x axis (commits, not days: several commits a day stay readable), each
labelled with its date.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeymap.history.records import Change, Figures, History, Version, paths_in
from journeymap.history.reporters import cells, change_line
from journeymap.render.html import CSP

WIDTH, HEIGHT = 820, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 190, 16, 44
MAX_DATE_LABELS = 8
MARKERS = ("circle", "square", "triangle")
ALL_MARKERS_UP_TO = 40  # versions; past that, markers where a line changes, at its ends and every few points
DASHES = ("", "6 4", "2 3")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: str
    version: Version
    marked: bool = True  # drawn with the line's marker (a long history marks only where something changes)


@dataclass(frozen=True)
class Series:
    """One line: its label, a CSS class for its colour, a dash pattern and marker shape that carry it without
    colour, and its points (versions that do not load leave a gap)."""

    label: str
    css: str
    dash: str
    marker: str
    points: tuple[Point, ...]
    path: str
    end: Point | None  # where the label sits, after the last point


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    series: tuple[Series, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    gaps: tuple[Point, ...]  # versions that do not load, marked on the x axis
    zero: float | None  # the y of a 0 line worth drawing (emotion)

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT

    @property
    def plot_top(self) -> int:
        return TOP

    @property
    def plot_bottom(self) -> int:
        return self.height - BOTTOM


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if count == 1 else span * index / (count - 1))


def _nice_top(value: float) -> int:
    """The y axis' top for counts: at least 1, rounded up to a step of the tick spacing."""
    top = max(1, math.ceil(value))
    step = _step(top)
    return math.ceil(top / step) * step


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _chart(chart_id: str, title: str, description: str, versions: Sequence[Version],
           lines: Sequence[tuple[str, str, Callable[[Figures], float | None], Callable[[float], str]]],
           y_range: tuple[float, float] | None = None) -> Chart:
    count = len(versions)
    values = [read(version.figures) for version in versions if version.figures is not None for *_, read, _ in lines]
    low, high = y_range if y_range else (0.0, float(_nice_top(max((v for v in values if v is not None), default=1))))
    bottom, top = HEIGHT - BOTTOM, TOP

    def y_of(value: float) -> float:
        return bottom - (value - low) * (bottom - top) / (high - low)

    series = []
    for number, (label, css, read, show) in enumerate(lines):
        points: list[Point] = []
        path: list[str] = []
        pen_down = False
        every = max(1, count // 20)
        previous: float | None = None
        for index, version in enumerate(versions):
            value = read(version.figures) if version.figures is not None else None
            if value is None:
                pen_down = False
                previous = None
                continue
            marked = (count <= ALL_MARKERS_UP_TO or value != previous or index % every == 0 or index == count - 1)
            previous = value
            point = Point(round(_x(index, count), 1), round(y_of(value), 1), show(value), version, marked)
            points.append(point)
            path.append(f"{'L' if pen_down else 'M'}{_fmt(point.x)},{_fmt(point.y)}")
            pen_down = True
        series.append(Series(label, css, DASHES[number % 3], MARKERS[number % 3], tuple(points), " ".join(path),
                             points[-1] if points else None))
    step = 1.0 if y_range else float(_step(int(high)))
    y_ticks = tuple(Tick(round(y_of(low + step * k), 1), _fmt(low + step * k))
                    for k in range(int(round((high - low) / step)) + 1))
    shown = sorted({round(k * (count - 1) / (MAX_DATE_LABELS - 1)) for k in range(MAX_DATE_LABELS)}) \
        if count > MAX_DATE_LABELS else list(range(count))
    x_ticks = tuple(Tick(round(_x(index, count), 1), versions[index].day) for index in shown)
    gaps = tuple(Point(round(_x(index, count), 1), bottom, version.status, version)
                 for index, version in enumerate(versions) if version.figures is None)
    zero = round(y_of(0), 1) if low < 0 < high else None
    return Chart(chart_id, title, description, WIDTH, HEIGHT, _spread(tuple(series)), y_ticks, x_ticks, gaps, zero)


def _spread(series: tuple[Series, ...]) -> tuple[Series, ...]:
    """End labels at least 14 px apart, so that lines ending on the same value keep readable labels."""
    order = sorted((s for s in series if s.end is not None), key=lambda s: s.end.y)  # type: ignore[union-attr]
    placed: dict[str, float] = {}
    last = -math.inf
    for item in order:
        assert item.end is not None
        y = max(item.end.y, last + 14)
        placed[item.label] = y
        last = y
    return tuple(
        Series(s.label, s.css, s.dash, s.marker, s.points, s.path,
               Point(s.end.x, placed[s.label], s.end.value, s.end.version) if s.end is not None else None)
        for s in series
    )


def charts(history: History, words: dict[str, str], decimal: str = ".") -> tuple[Chart, ...]:
    """The three charts the page draws: the customer's mood, what still hurts, and the map's size and plan;
    `words`: the [history.chart] labels of the page's language, `decimal` its decimal separator."""
    versions = history.versions

    def count(value: float) -> str:
        return str(int(value))

    def open_of(severity: str) -> Callable[[Figures], float | None]:
        return lambda found: found.open_pain_points[severity]

    return (
        _chart("emotion", words["emotion"], words["emotion_description"], versions,
               [(words["average_emotion"], "s-emotion", lambda f: f.average_emotion,
                 lambda v: f"{v:+.2f}".replace(".", decimal))],
               (-2.0, 2.0)),
        _chart("pain", words["pain"], words["pain_description"], versions,
               [(words[severity], f"s-{severity}", open_of(severity), count) for severity in ("high", "medium", "low")]),
        _chart("size", words["size"], words["size_description"], versions,
               [(words["steps"], "s-steps", lambda f: f.steps, count),
                (words["moments_of_truth"], "s-mot", lambda f: f.moments_of_truth, count),
                (words["actions_done"], "s-done", lambda f: f.actions_done, count)]),
    )


def _stylesheet() -> str:
    from journeymap.render.html import stylesheet

    return stylesheet("history.css")


def history_html(history: History) -> str:
    """The page, in the language of the journey's latest version: summary of the change, the charts, the table of
    every version."""
    from markupsafe import Markup

    from journeymap.render.html import _environment, labels

    page = labels(history.lang)
    words, decimal = page["history"], page["common"]["decimal_separator"]
    template = _environment().get_template("history.html.j2")
    return template.render(
        history=history, charts=charts(history, words["chart"], decimal), changes=history.changes(), H=words,
        rows=[(version, _cells(version, words)) for version in history.versions],
        change_line=_change_line(words, decimal),
        paths=paths_in(history.versions), csp=CSP, css=Markup(_stylesheet()), lang=history.lang,
    )


def _cells(version: Version, words: dict) -> tuple[str, ...]:  # type: ignore[type-arg]
    """A row of the table as the text output has it, its words in the page's language."""
    row = tuple(words["none"] if cell == "none" else cell for cell in cells(version))
    if version.figures is None:
        what = {"invalid": words["does_not_load"].format(count=version.errors), "deleted": words["deleted"],
                "too-large": words["too_large"]}[version.status]
        return (*row[:-1], what)
    return (*row[:-1], words["errors"].format(count=version.errors) if version.errors else "")


def _change_line(words: dict, decimal: str) -> Callable[[Change], str]:  # type: ignore[type-arg]
    """"émotion moyenne -0,28 → +0,4": the text output's line, in the page's words and numbers."""
    def line(change: Change) -> str:
        figures = change_line(change, verdict=False).removeprefix(change.label).replace(" -> ", " → ")
        return words["change"][change.name] + re.sub(r"(\d)\.(\d)", rf"\1{decimal}\2", figures)

    return line
