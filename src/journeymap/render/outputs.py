"""`journeymap render` as a library call: journeys in, files written atomically, a summary of what happened out.

Each journey is rendered on its own: one that fails (invalid, or Graphviz refuses it) is reported by name and the
others, and everything already written, stay whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.config import Settings
from journeymap.files import OutputError, write_atomic
from journeymap.model import Journey
from journeymap.problems import Problem, Severity
from journeymap.render.engine import DotNotFound, RenderError, run_dot
from journeymap.render.views import VIEWS, view_dot
from journeymap.validate import FileResult, validate_paths

FORMATS = ("html", "svg", "png", "pdf", "dot", "mermaid", "md")
DEFAULT_FORMATS = ("html", "svg")
INDEX_NAME = "index.html"


@dataclass
class RenderSummary:
    written: list[Path] = field(default_factory=list)
    journeys: list[str] = field(default_factory=list)  # ids of the journeys rendered
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source file, why)
    skipped: list[str] = field(default_factory=list)  # YAML files in folders that are not journeys

    @property
    def exit_code(self) -> int:
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
) -> RenderSummary:
    """Validate, then render every journey whose structure is sound; an index page when a folder was given."""
    report = validate_paths(paths, settings)  # raises InputError for a missing path
    summary = RenderSummary(skipped=list(report.skipped))
    inputs = [Path(result.file) for result in report.files]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create output folder {out_dir}: {error.strerror or error}") from None
    rendered: list[tuple[FileResult, Journey]] = []
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
        try:
            summary.written.extend(
                _render_one(journey, sorted(result.problems), result.file, out_dir, formats, views, inputs)
            )
            rendered.append((result, journey))
            summary.journeys.append(journey.id)
        except DotNotFound:
            raise
        except (RenderError, OutputError) as error:  # one journey's failure must not cost the others theirs
            summary.failed.append((result.file, str(error)))
    if "html" in formats and rendered and (any(path.is_dir() for path in paths) or len(rendered) > 1):
        from journeymap.render.html import IndexEntry, index_html

        entries = [IndexEntry(journey=journey, report_file=f"{journey.id}.html", source=result.file)
                   for result, journey in rendered]
        problems = {result.file: sorted(result.problems) for result, _journey in rendered}
        index = out_dir / INDEX_NAME
        write_atomic(index, index_html(entries, problems_by_file=problems), protected=inputs)
        summary.written.append(index)
    return summary


def _render_one(
    journey: Journey,
    problems: list[Problem],
    source: str,
    out_dir: Path,
    formats: Sequence[str],
    views: Sequence[str],
    inputs: list[Path],
) -> list[Path]:
    written: list[Path] = []

    def put(name: str, content: str | bytes) -> None:
        path = out_dir / name
        write_atomic(path, content, protected=inputs)
        written.append(path)

    svgs: dict[str, str] = {}
    for output_format in formats:
        if output_format in ("svg", "png", "pdf", "dot"):
            for view in views:
                source_text = view_dot(journey, view)
                if output_format == "dot":
                    put(f"{journey.id}.{view}.dot", source_text)
                    continue
                data = run_dot(source_text, output_format)
                if output_format == "svg":
                    svgs[view] = data.decode("utf-8")
                put(f"{journey.id}.{view}.{output_format}", data)
        elif output_format == "mermaid":
            from journeymap.render.mermaid import journey_mermaid

            put(f"{journey.id}.mmd", journey_mermaid(journey))
        elif output_format == "md":
            from journeymap.render.markdown import journey_markdown

            put(f"{journey.id}.md", journey_markdown(journey, problems=problems, source=source))
    if "html" in formats:
        from journeymap.render.html import report_html

        for view in VIEWS:  # the report always shows every view
            if view not in svgs:
                svgs[view] = run_dot(view_dot(journey, view), "svg").decode("utf-8")
        put(f"{journey.id}.html", report_html(journey, problems=problems, svgs=svgs, source=Path(source).name))
    return written
