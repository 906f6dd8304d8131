"""`journeymap render` as a library call: journeys in, files written atomically, a summary of what happened out.

Each journey is rendered on its own: one that fails (invalid, or Graphviz refuses it) is reported by name and the
others, and everything already written, stay whole.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.config import Settings
from journeymap.files import OutputError, check_output, write_atomic
from journeymap.listening.metrics import Period
from journeymap.listening.records import Measurement
from journeymap.model import Journey
from journeymap.problems import Problem, Severity
from journeymap.render.engine import DotNotFound, RenderError, run_dot
from journeymap.render.paper import DEFAULT_PAPER, Paper
from journeymap.render.pdf import BrowserNotFound
from journeymap.render.views import VIEWS, view_dot
from journeymap.discovery import NotWalked
from journeymap.validate import FileResult, validate_paths

if TYPE_CHECKING:
    from journeymap.render.listening import JourneyResults

# "report-pdf" is the HTML report printed to `<id>.pdf` (render/pdf.py); "pdf", like "svg" and "png", the Graphviz
# views (`<id>.<view>.pdf`). The command line's `-f pdf` means the report unless views are named with --view.
FORMATS = ("html", "svg", "png", "pdf", "dot", "mermaid", "md", "report-pdf")
REPORT_FORMATS = ("html", "report-pdf")  # what needs the HTML report
DEFAULT_FORMATS = ("html", "svg")
INDEX_NAME = "index.html"


@dataclass
class RenderSummary:
    written: list[Path] = field(default_factory=list)
    journeys: list[str] = field(default_factory=list)  # ids of the journeys rendered
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source file, why)
    skipped: list[str] = field(default_factory=list)  # YAML files in folders that are not journeys
    not_walked: list[NotWalked] = field(default_factory=list)  # subfolders not rendered, and why
    results_rows_left_out: int = 0  # rows of `--results` that could not be used (`measure` lists them)

    @property
    def exit_code(self) -> int:
        if any(folder.unreadable for folder in self.not_walked):
            return 2
        return 1 if self.failed else 0


def output_names(journey_id: str, formats: Sequence[str], views: Sequence[str]) -> list[str]:
    """The files one journey produces: derived from its id only, so they are stable and predictable."""
    names: list[str] = []
    for output_format in formats:
        if output_format == "html":
            names.append(f"{journey_id}.html")
        elif output_format == "mermaid":
            names.append(f"{journey_id}.mmd")
        elif output_format == "md":
            names.append(f"{journey_id}.md")
        elif output_format == "report-pdf":
            names.append(f"{journey_id}.pdf")
        else:
            names.extend(f"{journey_id}.{view}.{output_format}" for view in views)
    return names


def render_paths(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    views: Sequence[str] = VIEWS,
    settings: Settings | None = None,
    paper: Paper = DEFAULT_PAPER,
    results: Sequence[Path] = (),
    period: Period = "month",
    since: dt.date | None = None,
) -> RenderSummary:
    """Validate, then render every journey whose structure is sound; an index page when a folder was given.

    Every output path of the run is known and checked before the first is written (two outputs claiming one path,
    an output that would replace an input or something that is not a file: OutputError, nothing written). Each
    journey's files are all made before any is written, so a journey that fails leaves the folder as it was.
    The report is laid out for printing on `paper`; its PDF needs Chromium (BrowserNotFound before anything is
    written when there is none).
    `results`: survey results, measured once for the run against the journeys' listening plans (as `measure`
    does, by `period` from `since`) and shown in the HTML report and the Markdown; a results file that cannot be
    read is ResultsFileError, before anything is written.
    """
    browser = _browser(formats)
    report = validate_paths(paths, settings)  # raises InputError for a missing path
    summary = RenderSummary(skipped=list(report.skipped), not_walked=list(report.not_walked))
    measurement = None
    if results:
        measurement = _measure(report.files, results, settings, period, since)
        summary.results_rows_left_out = len(measurement.problems) + sum(measurement.unshown.values())
    inputs = [Path(result.file) for result in report.files]
    planned: list[tuple[FileResult, Journey]] = []
    seen_ids: dict[str, str] = {}
    for result in report.files:
        journey = result.journey
        if journey is None:
            errors = sum(1 for problem in result.problems if problem.severity is Severity.ERROR)
            summary.failed.append((result.file, f"not rendered: {errors} error(s); run `journeymap validate {result.file}`"))
            continue
        if journey.id in seen_ids:
            summary.failed.append((result.file, f"journey id '{journey.id}' is also used by {seen_ids[journey.id]}"))
            continue
        seen_ids[journey.id] = result.file
        planned.append((result, journey))
    with_index = "html" in formats and bool(planned) and (any(path.is_dir() for path in paths) or len(planned) > 1)
    _write_journeys(summary, [(result.file, journey, sorted(result.problems)) for result, journey in planned],
                    out_dir, formats, views, with_index, inputs, paper, browser, measurement,
                    (settings or Settings()).results.csat)
    return summary


def _measure(files: Sequence[FileResult], results: Sequence[Path], settings: Settings | None, period: Period,
             since: dt.date | None) -> Measurement:
    """The results read once for the whole run, against the listening plans of the journeys being rendered."""
    from journeymap.listening.measure import ListeningPlan, measure
    from journeymap.listening.results import ResultsFileError

    measurement = measure(results, ListeningPlan.of(files), settings, period=period, since=since)
    if measurement.unreadable:
        raise ResultsFileError("could not read " + ", ".join(measurement.unreadable))
    return measurement


def render_journeys(
    journeys: Sequence[tuple[str, Journey, list[Problem]]],
    out_dir: Path,
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    views: Sequence[str] = VIEWS,
    inputs: Sequence[Path] = (),
    paper: Paper = DEFAULT_PAPER,
    results: Sequence[Path] = (),
    period: Period = "month",
    since: dt.date | None = None,
    settings: Settings | None = None,
) -> RenderSummary:
    """Journeys already loaded, each with its source name and validation problems, rendered as `render_paths`
    renders files (the Python API's way in); `inputs` are never overwritten. An index page for several."""
    browser = _browser(formats)
    summary = RenderSummary()
    planned: list[tuple[str, Journey, list[Problem]]] = []
    seen_ids: dict[str, str] = {}
    for source, journey, problems in journeys:
        if journey.id in seen_ids:
            summary.failed.append((source, f"journey id '{journey.id}' is also used by {seen_ids[journey.id]}"))
            continue
        seen_ids[journey.id] = source
        planned.append((source, journey, sorted(problems)))
    measurement = None
    if results:  # the plan read from the journeys themselves: no document, so positions are the file's start
        loaded = [FileResult(source, [], journey=journey) for source, journey, _problems in planned]
        measurement = _measure(loaded, results, settings, period, since)
        summary.results_rows_left_out = len(measurement.problems) + sum(measurement.unshown.values())
    _write_journeys(summary, planned, out_dir, formats, views, "html" in formats and len(planned) > 1, list(inputs),
                    paper, browser, measurement, (settings or Settings()).results.csat)
    return summary


def _browser(formats: Sequence[str]) -> str | None:
    """Chromium, when the report's PDF is asked for: found (or BrowserNotFound raised) before any work."""
    if "report-pdf" not in formats:
        return None
    from journeymap.render.pdf import find_chromium

    return find_chromium()


def _write_journeys(
    summary: RenderSummary,
    planned: Sequence[tuple[str, Journey, list[Problem]]],
    out_dir: Path,
    formats: Sequence[str],
    views: Sequence[str],
    with_index: bool,
    inputs: list[Path],
    paper: Paper = DEFAULT_PAPER,
    browser: str | None = None,
    measurement: Measurement | None = None,
    csat: str = "mean",
) -> None:
    """Check every output path, then render and write journey by journey, then the index; into `summary`.
    `browser`: Chromium, found before anything is written, when the report's PDF is asked for; `measurement`:
    survey results to show, read in `csat`'s way."""
    _check_outputs(planned, out_dir, formats, views, with_index, inputs)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create output folder {out_dir}: {error.strerror or error}") from None
    rendered: list[tuple[str, Journey, list[Problem]]] = []
    for source, journey, problems in planned:
        try:
            listening = None
            if measurement is not None:
                from journeymap.render.listening import journey_results

                listening = journey_results(measurement, journey, csat)  # type: ignore[arg-type]
            files = _render_one(journey, problems, source, formats, views, paper, browser, listening)
        except (DotNotFound, BrowserNotFound):
            raise
        except RenderError as error:  # one journey's failure must not cost the others theirs
            summary.failed.append((source, str(error)))
            continue
        for name, content in files:  # an error here is the folder's (read-only, full): the run stops, exit 2
            write_atomic(out_dir / name, content, protected=inputs)
            summary.written.append(out_dir / name)
        rendered.append((source, journey, problems))
        summary.journeys.append(journey.id)
        if not gc.isenabled():
            # The command runs with the cyclic collector off (cli.main); templates and the SVG check leave about
            # a thousand objects in cycles per journey: free them journey by journey, scanning only what is new.
            gc.collect(0)
    if with_index and rendered:
        from journeymap.render.html import IndexEntry, index_html

        entries = [IndexEntry(journey=journey, report_file=f"{journey.id}.html", source=source)
                   for source, journey, _problems in rendered]
        by_file = {source: problems for source, _journey, problems in rendered}
        index = out_dir / INDEX_NAME
        write_atomic(index, index_html(entries, problems_by_file=by_file), protected=inputs)
        summary.written.append(index)


def _check_outputs(
    planned: Sequence[tuple[str, Journey, list[Problem]]],
    out_dir: Path,
    formats: Sequence[str],
    views: Sequence[str],
    with_index: bool,
    inputs: list[Path],
) -> None:
    """Every path the run will write, claimed once (case-insensitively: the same file on macOS and Windows) and
    writable without harm; else OutputError before anything is written."""
    claims: dict[str, str] = {INDEX_NAME: "the folder's index page"} if with_index else {}
    for source, journey, _problems in planned:
        for name in output_names(journey.id, formats, views):
            other = claims.get(name.casefold())
            if other is not None:
                raise OutputError(
                    f"{name} would be written twice, for journey '{journey.id}' ({source}) and for {other}: "
                    "nothing was written; rename the journey's id"
                    + (" (`index` names the folder's index page)" if name.casefold() == INDEX_NAME else "")
                )
            claims[name.casefold()] = f"journey '{journey.id}' ({source})"
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"cannot create output folder {out_dir}: a file of that name exists")
    if out_dir.is_dir():  # else there is nothing yet to replace
        for name in claims:
            check_output(out_dir / name, inputs)


def _render_one(
    journey: Journey,
    problems: list[Problem],
    source: str,
    formats: Sequence[str],
    views: Sequence[str],
    paper: Paper = DEFAULT_PAPER,
    browser: str | None = None,
    listening: JourneyResults | None = None,
) -> list[tuple[str, str | bytes]]:
    """Every file of one journey, (name, content), in the order they are written; nothing is written here."""
    files: list[tuple[str, str | bytes]] = []
    svgs: dict[str, str] = {}
    with _Drawings(journey, formats, views) as drawings:
        for output_format in formats:
            if output_format in ("svg", "png", "pdf", "dot"):
                for view in views:
                    if output_format == "dot":
                        files.append((f"{journey.id}.{view}.dot", view_dot(journey, view)))
                        continue
                    data = drawings.next(view, output_format)
                    if output_format == "svg":
                        svgs[view] = data.decode("utf-8")
                    files.append((f"{journey.id}.{view}.{output_format}", data))
            elif output_format == "mermaid":
                from journeymap.render.mermaid import journey_mermaid

                files.append((f"{journey.id}.mmd", journey_mermaid(journey)))
            elif output_format == "md":
                from journeymap.render.markdown import journey_markdown

                files.append((f"{journey.id}.md", journey_markdown(journey, problems=problems, source=source,
                                                                     results=listening)))
        if any(output_format in REPORT_FORMATS for output_format in formats):
            from journeymap.render.html import report_html

            for view in VIEWS:  # the report always shows every view
                if view not in svgs:
                    svgs[view] = drawings.next(view, "svg").decode("utf-8")
            html = report_html(journey, problems=problems, svgs=svgs, source=Path(source).name, paper=paper,
                               results=listening)
            if "html" in formats:
                files.append((f"{journey.id}.html", html))
            if "report-pdf" in formats:
                from journeymap.render.pdf import report_pdf

                files.append((f"{journey.id}.pdf", report_pdf(html, browser=browser)))
    return files


class _Drawings:
    """Graphviz's output for every (view, format) one journey needs, handed out in the order `_render_one` asks.

    Each `dot` run is a process of its own and `_render_one` mostly waits for them, so they are started together
    up front, as many at once as there are cores, and the DOT text of a view is built while `dot` lays out the
    previous ones; results, errors and files come out in the same order as one run after another. One core, or
    one drawing: run one after another, as asked.
    """

    def __init__(self, journey: Journey, formats: Sequence[str], views: Sequence[str]) -> None:
        self.journey = journey
        self.jobs: list[tuple[str, str]] = [
            (view, output_format) for output_format in formats if output_format in ("svg", "png", "pdf")
            for view in views
        ]
        if any(output_format in REPORT_FORMATS for output_format in formats):
            drawn = set(views) if "svg" in formats else set()
            self.jobs += [(view, "svg") for view in VIEWS if view not in drawn]
        self.pending: list[Any] = []
        self.pool: Any = None

    def __enter__(self) -> _Drawings:
        workers = min(len(self.jobs), _cores())
        if workers > 1:
            from concurrent.futures import ThreadPoolExecutor

            self.pool = ThreadPoolExecutor(workers, thread_name_prefix="journeymap-dot")
            try:
                for view, output_format in self.jobs:
                    self.pending.append(self.pool.submit(run_dot, view_dot(self.journey, view), output_format))
            except BaseException:
                self.pool.shutdown(wait=True, cancel_futures=True)
                raise
        return self

    def next(self, view: str, output_format: str) -> bytes:
        """The drawing of `view` in `output_format`: the next one of `jobs`."""
        expected = self.jobs.pop(0)
        assert expected == (view, output_format), (expected, view, output_format)
        if self.pool is None:
            return run_dot(view_dot(self.journey, view), output_format)
        return self.pending.pop(0).result()

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
