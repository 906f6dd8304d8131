"""The self-contained HTML report of one journey, and the index page of a folder of journeys.

A report is opened from a USB stick, mailed, printed on A3: it must carry everything (CSS, SVG views, icons) and
request nothing, run no script, and show hostile text in a journey as text. So templates autoescape everything,
undefined names fail loudly, the only markup trusted as-is is the CSS shipped with the package and the Graphviz
SVG documents (checked again here), and a Content-Security-Policy forbids the rest. Output depends only on the
input: no date, no random ids, so rendering twice gives the same bytes.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import journeymap
from journeymap.model import Journey, Stage
from journeymap.problems import Problem, Severity
from journeymap.render import figures
from journeymap.render.figures import StepRef
from journeymap.render.inline_svg import InlineView, inline_svg
from journeymap.render.paper import (
    BLUEPRINT_LANE_HEAD,
    DEFAULT_PAPER,
    Paper,
    PrintedView,
    lane_column,
    printed_view,
)
from journeymap.text import without_controls

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from journeymap.render.listening import JourneyResults

LANGS = ("en", "fr")
VIEWS = ("blueprint", "flow", "emotion")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
STAGE_COLOURS = 8  # report.css defines .stage-0 to .stage-7; stages cycle through them
PRINT_COLUMNS = DEFAULT_PAPER.grid_columns  # step columns per printed part of the grid (A3 landscape)


@dataclass(frozen=True)
class IndexEntry:
    """One journey of the index: the journey, the relative link to its report, and the YAML it comes from.

    `source` is also the key of the entry's validation problems in `index_html(problems_by_file=...)`.
    """

    journey: Journey
    report_file: str
    source: str


# --- resources -------------------------------------------------------------------------------------------------

@functools.cache
def _environment() -> jinja2.Environment:
    """Built once, on first use: importing this module must not import jinja2 for commands that never render."""
    import jinja2

    from journeymap import cache

    options: dict[str, Any] = {
        "autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True,
    }  # fmt: skip
    # Compiling the templates costs more than filling them: their bytecode is kept in the user's cache. Jinja
    # checks each entry against its template's source, but not against the options the code was compiled
    # under, so those (and Jinja's version) name the folder.
    folder = cache.folder_for("templates-" + cache.digest(jinja2.__version__, repr(sorted(options.items()))))
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("journeymap.render", "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None,
        **options,
    )
    env.filters["fill"] = _fill
    env.filters["num"] = jinja2.pass_context(_num_filter)
    return env


@functools.cache
def labels(lang: str) -> dict[str, Any]:
    """Labels are data (labels/<lang>.toml), so a translator edits words without touching templates."""
    if lang not in LANGS:
        raise ValueError(f"no labels for language {lang!r}")
    path = resources.files("journeymap.render").joinpath("labels", f"{lang}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@functools.cache
def stylesheet(name: str = "report.css") -> str:
    """A shipped stylesheet (report.css, or a page's own: diff.css, history.css), inlined by the templates; refused
    if it could close the <style> element it sits in."""
    css = resources.files("journeymap.render").joinpath("templates", name).read_text(encoding="utf-8")
    if "</" in css:
        raise RuntimeError(f"{name} must not contain '</': it is inlined in a <style> element")
    return css


def _finalize(value: Any) -> Any:
    """Every value a template prints: journey text loses control characters; trusted Markup passes unchanged."""
    if type(value) is str:  # the common case first: a report of 200 steps prints 24,000 values
        return without_controls(value)
    if isinstance(value, str):
        from markupsafe import Markup

        return value if isinstance(value, Markup) else without_controls(value)
    return value


# --- filters ---------------------------------------------------------------------------------------------------

def _fill(label: str, **values: object) -> str:
    """Puts values into a label's {placeholders}; the result is plain text, escaped when written."""
    out = label
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def format_number(value: float | None, lang: str, *, digits: int = 1, signed: bool = False) -> str:
    """Numbers as the reader writes them: decimal comma in French, a real minus sign, no trailing '.0'."""
    if value is None:
        return labels(lang)["common"]["none"]
    text = f"{abs(value):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(".", labels(lang)["common"]["decimal_separator"])
    if text.strip("0") in ("", ",", "."):
        return "0"
    if value < 0:
        return "\u2212" + text
    return ("+" + text) if signed else text


def _num_filter(context: Any, value: float | None, digits: int = 1, signed: bool = False) -> str:
    """`|num` in templates: the page's language decides the decimal separator."""
    return format_number(value, context["lang"], digits=digits, signed=signed)


# --- the journey grid ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GridColumn:
    """One column of the journey grid: a step, or the single empty column of a stage without steps."""

    stage: Stage
    stage_index: int
    ref: StepRef | None
    first_of_stage: bool
    last_of_stage: bool

    @functools.cached_property
    def css_class(self) -> str:
        """The class of every cell in this column (a template macro per cell cost a tenth of a large report)."""
        return (f"stage-{self.stage_index % STAGE_COLOURS}" + (" first" if self.first_of_stage else "")
                + (" last" if self.last_of_stage else ""))


@dataclass(frozen=True)
class StageHeader:
    """A stage over its step columns, with its average emotion and the colour it keeps across the report."""

    stage: Stage
    index: int
    span: int
    average: float | None
    colour: int


@dataclass(frozen=True)
class CurvePoint:
    """Where a step's emotion sits on the curve, as percentages of the curve's box (markers are HTML)."""

    ref: StepRef
    emotion: int
    left: str
    top: str


@dataclass(frozen=True)
class EmotionCurve:
    """The emotion lane drawn across every step column: SVG paths in a 100-units-per-column box stretched to the
    grid's width, so each point sits at the centre of its column whatever the page width."""

    width: int
    solid: str
    dashed: str
    points: tuple[CurvePoint, ...]


CURVE_TOP, CURVE_STEP = 12.0, 19.0  # y of +2, and height of one emotion unit, in a box 100 high


def _curve_y(emotion: int) -> float:
    return CURVE_TOP + (2 - emotion) * CURVE_STEP


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _segment(x0: float, y0: float, x1: float, y1: float) -> str:
    # Horizontal tangents at every point: smooth, and never overshoots past -2 or +2.
    mid = (x1 - x0) / 2
    return f"C{_fmt(x0 + mid)},{_fmt(y0)} {_fmt(x1 - mid)},{_fmt(y1)} {_fmt(x1)},{_fmt(y1)}"


def grid_columns(journey: Journey) -> tuple[GridColumn, ...]:
    """Steps in journey order, plus one column for each empty stage so that it still shows on the map."""
    refs = iter(figures.step_refs(journey))
    columns: list[GridColumn] = []
    for index, stage in enumerate(journey.stages):
        if not stage.steps:
            columns.append(GridColumn(stage, index, None, True, True))
            continue
        for position, _ in enumerate(stage.steps):
            columns.append(
                GridColumn(stage, index, next(refs), position == 0, position == len(stage.steps) - 1)
            )
    return tuple(columns)


def emotion_curve(columns: Sequence[GridColumn], start: int = 0, end: int | None = None) -> EmotionCurve:
    """The curve of the whole journey, seen through the window of columns [start, end): solid between steps that
    have an emotion, dashed to bridge steps that have none (continuous without inventing a value). A printed panel
    gets the whole curve shifted and clipped by its box, so the line visibly runs on into the next panel."""
    end = len(columns) if end is None else end
    known = [
        (index, column.ref, column.ref.step.emotion)
        for index, column in enumerate(columns)
        if column.ref is not None and column.ref.step.emotion is not None
    ]
    solid: list[str] = []
    dashed: list[str] = []
    previous: tuple[int, float, float] | None = None
    for index, _, emotion in known:
        x, y = (index - start) * 100 + 50.0, _curve_y(emotion)
        if previous is None:
            solid.append(f"M{_fmt(x)},{_fmt(y)}")
        else:
            pindex, px, py = previous
            segment = _segment(px, py, x, y)
            if all(columns[i].ref is None for i in range(pindex + 1, index)):
                solid.append(segment)  # neighbours, or only empty stages between them
            else:
                dashed.append(f"M{_fmt(px)},{_fmt(py)} {segment}")
                solid.append(f"M{_fmt(x)},{_fmt(y)}")
        previous = (index, x, y)
    count = max(end - start, 1)
    points = tuple(
        CurvePoint(ref, emotion, f"{(index - start + 0.5) / count * 100:.4f}%", f"{_curve_y(emotion):.2f}%")
        for index, ref, emotion in known
        if start <= index < end
    )
    return EmotionCurve(count * 100, " ".join(solid), " ".join(dashed), points)


@dataclass(frozen=True)
class GridPanel:
    """A run of whole stages drawn as one table: the whole journey on screen, a page-wide part in print."""

    columns: tuple[GridColumn, ...]
    headers: tuple[StageHeader, ...]
    curve: EmotionCurve
    part: int

    @property
    def width(self) -> int:
        return max(len(self.columns), 1)


def grid_panels(journey: Journey, max_columns: int | None) -> tuple[GridPanel, ...]:
    """Cuts the grid between stages so that no part has more than `max_columns` step columns (a stage wider than
    that gets a part of its own); `None` keeps the journey in one part. An A3 landscape page holds about ten
    readable step columns: beyond that a printed map would shrink text below what anyone can read."""
    columns = grid_columns(journey)
    stage_averages = [item.average for item in figures.stage_emotions(journey)]
    headers = [
        StageHeader(stage, index, max(len(stage.steps), 1), stage_averages[index], index % STAGE_COLOURS)
        for index, stage in enumerate(journey.stages)
    ]
    groups = _group_stages(headers, max_columns)
    if max_columns is not None and len(groups) > 1:  # as few parts, as even as they can be: no page half empty
        total = sum(h.span for h in headers)
        for limit in range(math.ceil(total / len(groups)), max_columns):
            even = _group_stages(headers, limit)
            if len(even) == len(groups):
                groups = even
                break
    panels: list[GridPanel] = []
    start = 0
    for part, group in enumerate(groups or [[]], start=1):
        end = start + sum(h.span for h in group)
        panels.append(GridPanel(columns[start:end], tuple(group), emotion_curve(columns, start, end), part))
        start = end
    return tuple(panels)


def _group_stages(headers: Sequence[StageHeader], max_columns: int | None) -> list[list[StageHeader]]:
    """Whole stages in order, a new group whenever the next stage would take one past `max_columns` columns."""
    groups: list[list[StageHeader]] = []
    for header in headers:
        if groups and (max_columns is None or sum(h.span for h in groups[-1]) + header.span <= max_columns):
            groups[-1].append(header)
        else:
            groups.append([header])
    return groups


# --- pages -----------------------------------------------------------------------------------------------------

def _problem_rows(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """In file order whatever order they came in: the same problems give the same bytes."""
    return tuple(sorted(problems))


def report_html(
    journey: Journey,
    *,
    problems: Sequence[Problem],
    svgs: Mapping[str, str],
    source: str,
    paper: Paper = DEFAULT_PAPER,
    results: JourneyResults | None = None,
) -> str:
    """The report of one journey, in the journey's language, as one HTML document that needs nothing else; laid
    out for printing on `paper`; with survey `results` (render/listening.py), what they say of each moment."""
    lang = journey.lang
    plan = figures.action_priorities(journey)
    ranked = figures.ranked_pain_points(journey)
    views = {name: inline_svg(name, svgs.get(name)) for name in VIEWS}
    ordered = _problem_rows(problems)
    context = {
        "lang": lang,
        "L": labels(lang),
        "css": _markup(stylesheet()),
        "csp": CSP,
        "version": journeymap.__version__,
        "source": _file_name(source),
        "journey": journey,
        "figures": figures.key_figures(journey),
        "whole": grid_panels(journey, None)[0],
        "panels": grid_panels(journey, paper.grid_columns),
        "paper": paper,
        "printed": {name: _printed(view, paper) for name, view in views.items()},
        "lanes": _lanes(journey),
        "touchpoints_of": {
            ref.step.id: figures.step_touchpoints(journey, ref.step) for ref in figures.step_refs(journey)
        },
        "pain_status": _by_pain_id(ranked),
        "ranked": ranked,
        "listening": figures.listening_plan(journey),
        "results": results,
        "alerts": results.alerts if results is not None else frozenset(),
        "plan": plan,
        "priorities": _priorities(journey, plan),
        "pain_index": figures.pain_point_index(journey),
        "matrix": _matrix(plan),
        "inventory": figures.touchpoint_inventory(journey),
        "views": views,
        "problems": ordered,
        "errors": sum(1 for p in ordered if p.severity is Severity.ERROR),
        "warnings": sum(1 for p in ordered if p.severity is Severity.WARNING),
    }
    return _environment().get_template("report.html.j2").render(context)


def _printed(view: InlineView, paper: Paper) -> PrintedView | None:
    """The strips a view prints as; they show its drawing (its outer group, `<use>`d), so it must have one."""
    if view.markup is None or f'id="{view.name}-graph0"' not in view.markup:
        return None
    lead, lead_top = lane_column(view.markup, BLUEPRINT_LANE_HEAD) if view.name == "blueprint" else (0.0, 0.0)
    return printed_view(view.markup, paper, lead, lead_top)


def _by_pain_id(ranked: Sequence[figures.RankedPainPoint]) -> dict[str, figures.RankedPainPoint]:
    """The grid finds a pain point's status by id (ids are unique in a valid journey; the first one wins)."""
    out: dict[str, figures.RankedPainPoint] = {}
    for item in ranked:
        out.setdefault(item.pain_point.id, item)
    return out


def _priorities(journey: Journey, plan: figures.ActionPlan) -> tuple[figures.ActionPriority | None, ...]:
    """Each action's priority in plan order, None for an action that cannot be placed on the matrix."""
    by_number = {priority.number: priority for priority in plan.prioritised}
    return tuple(by_number.get(number) for number in range(1, len(journey.actions) + 1))


def _lanes(journey: Journey) -> dict[str, bool]:
    """Lanes with nothing in them are left out of the grid: an empty row is noise on a wall-sized map. Actions,
    touchpoints, emotion and the line of visibility always show, since their absence is itself informative."""
    steps = [step for _, _, step in journey.steps()]
    return {
        "thinking": any(step.thinking or step.verbatims for step in steps),
        "pain_points": any(step.pain_points for step in steps),
        "delights": any(step.delights for step in steps),
        "moments": any(step.moment_of_truth for step in steps),
        "frontstage": any(process.visible for step in steps for process in step.backstage),
        "backstage": any(not process.visible for step in steps for process in step.backstage),
    }


@dataclass(frozen=True)
class MatrixCell:
    """One square of the impact/effort matrix: its zone of the 2x2 reading and the actions placed on it."""

    impact: int
    effort: int
    zone: str
    corner: str | None
    actions: tuple[figures.ActionPriority, ...]


def _matrix(plan: figures.ActionPlan) -> tuple[tuple[MatrixCell, ...], ...]:
    """Rows from impact 5 (top) to 1, columns from effort 1 (left) to 5: the classic 2x2 reading, with the
    middle row and column left neutral because a 3 is neither high nor low."""
    corners = {(5, 1): "quick_wins", (5, 5): "major_projects", (1, 1): "fill_ins", (1, 5): "thankless"}
    rows = []
    for impact in range(5, 0, -1):
        row = []
        for effort in range(1, 6):
            if impact == 3 or effort == 3:
                zone = "neutral"
            elif impact > 3:
                zone = "quick" if effort < 3 else "major"
            else:
                zone = "fill" if effort < 3 else "thankless"
            placed = tuple(p for p in plan.prioritised if p.impact == impact and p.effort == effort)
            row.append(MatrixCell(impact, effort, zone, corners.get((impact, effort)), placed))
        rows.append(tuple(row))
    return tuple(rows)


@dataclass(frozen=True)
class IndexRow:
    """One line of the index, with the checked link and the problem counts ready for the template."""

    entry: IndexEntry
    href: str
    figures: figures.IndexFigures
    errors: int
    warnings: int


def index_html(
    entries: Sequence[IndexEntry],
    *,
    problems_by_file: Mapping[str, Sequence[Problem]] | None = None,
) -> str:
    """The page that lists a folder's journeys and the touchpoints they share; English unless every journey is
    French, because a mixed folder is read by a mixed team."""
    lang = "fr" if entries and all(entry.journey.lang == "fr" for entry in entries) else "en"
    problems_by_file = problems_by_file or {}
    rows = []
    for entry in entries:
        problems = problems_by_file.get(entry.source, ())
        rows.append(
            IndexRow(
                entry=entry,
                href=safe_relative_link(entry.report_file),
                figures=figures.index_figures(entry.journey),
                errors=sum(1 for p in problems if p.severity is Severity.ERROR),
                warnings=sum(1 for p in problems if p.severity is Severity.WARNING),
            )
        )
    journeys = [entry.journey for entry in entries]
    href_of = {id(row.entry.journey): row.href for row in rows}
    href_by_id: dict[str, str] = {}
    for row in rows:
        href_by_id.setdefault(row.entry.journey.id, row.href)
    context = {
        "lang": lang,
        "L": labels(lang),
        "css": _markup(stylesheet()),
        "csp": CSP,
        "version": journeymap.__version__,
        "rows": tuple(rows),
        "shared": tuple(
            (item, tuple((use, href_of[id(use.journey)]) for use in item.uses))
            for item in figures.cross_journey_touchpoints(journeys)
        ),
        "href_by_id": href_by_id,
        "number": len(rows),
    }
    return _environment().get_template("index.html.j2").render(context)


def safe_relative_link(path: str) -> str:
    """A report link must stay a relative path inside the output: no scheme (javascript:, http:), no host, no
    absolute path. Percent-encoded so spaces or quotes in a file name cannot break out of the attribute."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or path.startswith(("/", "\\")) or ":" in path.split("/")[0]:
        raise ValueError(f"report_file must be a relative path, got {path!r}")
    return quote(path.replace("\\", "/"), safe="/._-~")


def _file_name(source: str) -> str:
    """The source as the user named it, but only the file's name when it is absolute: the layout of the machine
    that rendered it is nobody's business and would make outputs differ between machines."""
    normalised = source.replace("\\", "/")
    if normalised.startswith("/") or re.match(r"^[A-Za-z]:/", normalised):
        return normalised.rsplit("/", 1)[-1] or source
    return normalised


def _markup(text: str) -> Markup:
    """Trusted markup (our stylesheet) passed to the templates without a `|safe` in them."""
    from markupsafe import Markup

    return Markup(text)
