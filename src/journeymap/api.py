"""The public Python API: what the commands do, as calls that return records (`import journeymap`).

    journeymap.load(path)                    -> Journey      (raises JourneyError when the file has errors)
    journeymap.check(paths)                  -> ValidationResult       (`journeymap validate`)
    journeymap.draw(journeys, output_dir)    -> RenderResult           (`journeymap render`)
    journeymap.compare(current, target)      -> DiffResult             (`journeymap diff`)
    journeymap.measure(results, journeys=)   -> Measurement            (`journeymap measure`)
    journeymap.export_sheet(journey, output) -> Path                   (`journeymap export`)
    journeymap.import_sheet(sheet, output=)  -> ImportResult           (`journeymap import`)

The functions are not named after the commands because `journeymap.validate`, `journeymap.render` and
`journeymap.diff` are the package's own modules. Nothing here prints; every record has a JSON-serialisable
`to_dict()`. What a user can get wrong (a missing path, an invalid configuration, an unknown revision, an output
that cannot be written, Graphviz missing) raises JourneymapError, the command line's exit code 2.
"""

from __future__ import annotations

import json
import os
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from journeymap.problems import Problem, Severity

if TYPE_CHECKING:
    import datetime

    from journeymap.config import Settings
    from journeymap.listening.records import Measurement
    from journeymap.sheets.importer import ImportResult
    from journeymap.diff.records import DiffResult
    from journeymap.discovery import NotWalked
    from journeymap.loading import Document
    from journeymap.model import Journey

PathLike: TypeAlias = "str | os.PathLike[str]"

FORMATS = ("html", "report-pdf", "svg", "png", "pdf", "dot", "mermaid", "md")  # what `draw` writes (render/outputs.py)
PAPERS = ("a3", "a4")
VIEWS = ("flow", "blueprint", "emotion")


class JourneymapError(Exception):
    """A call that cannot start or finish for a reason the user can fix: a missing or unreadable path, an invalid
    configuration, an unknown git revision, an output that cannot be written, Graphviz's `dot` not installed, an
    unknown format. The message says which; the command line exits with 2 for these. The message is safe to print
    (user text in it is shown as the commands show it, control characters as `\\uXXXX`)."""

    def __init__(self, message: str) -> None:
        from journeymap.text import visible

        super().__init__(visible(message))


class JourneyError(JourneymapError):
    """A journey with errors: it cannot be loaded, drawn or compared. `problems` holds all of the file's problems
    (warnings too), the records `check` and `journeymap validate` give; `file` names it as they do."""

    def __init__(self, file: str, problems: Sequence[Problem]) -> None:
        self.file = file
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        errors = [problem for problem in self.problems if problem.severity is Severity.ERROR]
        first = errors[0] if errors else (self.problems[0] if self.problems else None)
        where = f": {first.line}:{first.column}: {first.code} {first.message}" if first else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{file}: {len(errors)} error(s){where}{more}")


@dataclass(frozen=True)
class NotChecked:
    """A folder under a given folder that was not walked, and why (a link to a folder, a folder that cannot be
    listed); `error` when files in it could not be checked, which makes the run fail."""

    folder: str
    reason: str
    error: bool

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "reason": self.reason, "error": self.error}


@dataclass(frozen=True)
class ValidationResult:
    """What `check` found, as `journeymap validate` reports it: every problem in file order, the journey files
    checked, the YAML files of folders that are not journeys (skipped), the files that could not be read."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]
    skipped: tuple[str, ...]
    unreadable: tuple[str, ...]
    not_checked: tuple[NotChecked, ...]
    strict: bool  # warnings fail the run too

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.WARNING)

    @property
    def exit_code(self) -> int:
        """The command's: 0 nothing wrong, 1 problems found, 2 a file or folder could not be read."""
        if self.unreadable or any(folder.error for folder in self.not_checked):
            return 2
        return 1 if self.errors or (self.strict and self.warnings) else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "strict": self.strict,
            "counts": {"error": self.errors, "warning": self.warnings},
            "files": list(self.files),
            "skipped": list(self.skipped),
            "unreadable": list(self.unreadable),
            "not_checked": [folder.to_dict() for folder in self.not_checked],
            "problems": [problem.to_dict() for problem in self.problems],
        }


@dataclass(frozen=True)
class RenderFailure:
    """A journey that was not drawn, and why (errors in it, an id used twice, Graphviz refused it)."""

    file: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class RenderResult:
    """What `draw` wrote: the files (each written whole), the ids of the journeys drawn, and those that failed;
    the others are drawn all the same."""

    written: tuple[Path, ...]
    journeys: tuple[str, ...]
    failed: tuple[RenderFailure, ...]
    skipped: tuple[str, ...]
    not_checked: tuple[NotChecked, ...]

    @property
    def exit_code(self) -> int:
        """The command's: 0 every journey drawn, 1 some failed, 2 a folder could not be read."""
        if any(folder.error for folder in self.not_checked):
            return 2
        return 1 if self.failed else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "exit_code": self.exit_code,
            "written": [str(path) for path in self.written],
            "journeys": list(self.journeys),
            "failed": [failure.to_dict() for failure in self.failed],
            "skipped": list(self.skipped),
            "not_checked": [folder.to_dict() for folder in self.not_checked],
        }


class _Origin(NamedTuple):
    """Where a loaded journey came from: its name, the document that knows every position, its warnings."""

    name: str
    document: Document | None
    problems: tuple[Problem, ...]


# Journeys returned by `load`, by id(): the pydantic model stays the format's own, with nothing added; the entry
# goes when the journey does.
_ORIGINS: dict[int, _Origin] = {}


def load(path: PathLike, *, rev: str | None = None, config: PathLike | None = None) -> Journey:
    """The journey in one file, checked as `journeymap validate` checks it. `rev`: the file as it was at that git
    revision (`"HEAD~1"`, `"main"`). Raises JourneyError when the file has errors (its problems attached; warnings
    do not stop it), JourneymapError for a missing file, an unknown revision or an invalid configuration."""
    from journeymap.diff.inputs import Absent, DiffInputError, load_at_revision, load_for_diff

    settings = _settings(config)
    try:
        loaded = load_for_diff(Path(path), settings) if rev is None else load_at_revision(Path(path), rev, settings)
    except DiffInputError as error:
        raise JourneymapError(str(error)) from None
    if isinstance(loaded, Absent):
        raise JourneymapError(loaded.name)
    if isinstance(loaded, list):
        raise JourneyError(loaded[0].file if loaded else str(path), loaded)
    journey = loaded.journey
    _ORIGINS[id(journey)] = _Origin(loaded.name, loaded.document, loaded.warnings)
    weakref.finalize(journey, _ORIGINS.pop, id(journey), None)
    return journey


def check(
    paths: PathLike | Iterable[PathLike], *, strict: bool | None = None, config: PathLike | None = None
) -> ValidationResult:
    """Every journey under `paths` (files, or folders searched for journey files), checked on its own and across
    files, as `journeymap validate PATHS` does: a file named is always checked and one that is not a journey is
    an error. `strict` (default: the configuration's): warnings fail too. Problems are returned, never raised;
    a path that does not exist raises JourneymapError."""
    from journeymap.discovery import InputError
    from journeymap.validate import validate_paths

    settings = _settings(config)
    try:
        report = validate_paths(_paths(paths), settings, slim=True)
    except InputError as error:
        raise JourneymapError(str(error)) from None
    return ValidationResult(
        problems=tuple(report.problems),
        files=tuple(result.file for result in report.files),
        skipped=tuple(report.skipped),
        unreadable=tuple(report.unreadable),
        not_checked=_not_checked(report.not_walked),
        strict=settings.strict if strict is None else strict,
    )


def draw(
    journeys: Journey | PathLike | Iterable[Journey | PathLike],
    output_dir: PathLike,
    *,
    formats: Sequence[str] = ("html", "svg"),
    views: Sequence[str] = VIEWS,
    config: PathLike | None = None,
    paper: str = "a3",
    results: PathLike | Sequence[PathLike] = (),
    period: str = "month",
    since: datetime.date | None = None,
) -> RenderResult:
    """Draw journeys into `output_dir` as `journeymap render` does: `formats` among html, report-pdf (the whole
    report printed by Chromium on `paper`, a3 or a4 landscape, as `render -f pdf`), svg, png, pdf, dot, mermaid,
    md; `views` (for svg, png, pdf, dot) among flow, blueprint, emotion. Given paths only (files or
    folders), the same run as the command, an index.html included for a folder or several journeys; given
    journeys (from `load`, or built in Python, which are checked first), those. A journey with errors is a
    RenderFailure in the result, the others are drawn; an output that cannot be written or a missing `dot`
    raises JourneymapError before anything is written, or at the file that failed. `results`: survey results
    files shown in the report and the Markdown, as `render --results` (grouped by `period` from `since`); one
    that cannot be read raises JourneymapError before anything is written."""
    from journeymap.files import OutputError
    from journeymap.model import Journey
    from journeymap.render.engine import RenderError
    from journeymap.render.outputs import render_journeys, render_paths
    from journeymap.discovery import InputError
    from journeymap.listening.results import ResultsFileError

    from journeymap.render.paper import PAPERS as PAPER_SIZES

    chosen_formats, chosen_views = _chosen("format", formats, FORMATS), _chosen("view", views, VIEWS)
    (chosen_paper,) = _chosen("paper", [paper], PAPERS)
    (chosen_period,) = _chosen("period", [period], ("week", "month", "quarter"))
    files = [results] if isinstance(results, (str, os.PathLike)) else list(results)
    listening: dict[str, Any] = {"results": [Path(item) for item in files], "period": chosen_period, "since": since}
    items = [journeys] if isinstance(journeys, (str, os.PathLike, Journey)) else list(journeys)
    out = Path(output_dir)
    settings = _settings(config)
    try:
        if all(not isinstance(item, Journey) for item in items):
            summary = render_paths([Path(item) for item in items], out, formats=chosen_formats,  # type: ignore[arg-type]
                                   views=chosen_views, settings=settings, paper=PAPER_SIZES[chosen_paper],
                                   **listening)
        else:
            loaded: list[tuple[str, Journey, list[Problem]]] = []
            failures: list[RenderFailure] = []
            for item in items:
                try:
                    journey = item if isinstance(item, Journey) else load(item, config=config)
                    origin = _origin(journey, settings)
                except JourneyError as error:
                    failures.append(RenderFailure(error.file, f"not drawn: {error}"))
                    continue
                loaded.append((origin.name, journey, list(origin.problems)))
            inputs = [Path(name) for name, _journey, _problems in loaded if Path(name).is_file()]  # never overwritten
            summary = render_journeys(loaded, out, formats=chosen_formats, views=chosen_views, inputs=inputs,
                                      paper=PAPER_SIZES[chosen_paper], settings=settings, **listening)
            summary.failed[:0] = [(failure.file, failure.reason) for failure in failures]
    except (InputError, OutputError, RenderError, ResultsFileError) as error:
        raise JourneymapError(str(error)) from None
    return RenderResult(
        written=tuple(summary.written),
        journeys=tuple(summary.journeys),
        failed=tuple(RenderFailure(file, reason) for file, reason in summary.failed),
        skipped=tuple(summary.skipped),
        not_checked=_not_checked(summary.not_walked),
    )


def compare(current: Journey | PathLike, target: Journey | PathLike, *, config: PathLike | None = None) -> DiffResult:
    """What `target` changes for the customer compared with `current`, as `journeymap diff` tells it: each a
    path or a journey (from `load`, `load(path, rev=...)` for a git revision, or built in Python). The result's
    `to_dict()`, `to_json()`, `to_markdown()` and `to_text()` are the command's outputs, `failing(conditions)`
    its `--fail-on`. Raises JourneyError for a journey with errors, JourneymapError for a missing file."""
    from journeymap.diff.classify import diff_journeys
    from journeymap.model import Journey

    settings = _settings(config)
    sides = [side if isinstance(side, Journey) else load(side, config=config) for side in (current, target)]
    before, after = (_origin(side, settings) for side in sides)
    return diff_journeys(sides[0], sides[1], current_doc=before.document, target_doc=after.document)


def measure(
    results: PathLike | Iterable[PathLike],
    *,
    journeys: PathLike | Iterable[PathLike] = ".",
    period: str = "month",
    since: datetime.date | None = None,
    config: PathLike | None = None,
) -> Measurement:
    """Survey results (CSV or JSON Lines) read against the listening plans of `journeys` (files or folders), as
    `journeymap measure` reads them: a MomentReading per moment of truth (`status`, `latest`, `periods`,
    `verbatims`), the rows' problems and counts; `to_dict()` is the command's JSON, `exit_code(fail_on_alert=...)`
    its exit code. Raises JourneymapError for a missing file or folder, an invalid configuration, an unknown
    period, or journeys that hold no journey."""
    from journeymap.discovery import InputError
    from journeymap.listening.measure import ListeningPlan
    from journeymap.listening.measure import measure as measure_results
    from journeymap.listening.results import ResultsFileError
    from journeymap.validate import validate_paths

    (chosen,) = _chosen("period", [period], ("week", "month", "quarter"))
    settings = _settings(config)
    try:
        plan = ListeningPlan.of(validate_paths(_paths(journeys), settings).files)
        if not plan.steps:
            raise JourneymapError("no journey found to read the results against")
        return measure_results(_paths(results), plan, settings, period=chosen, since=since)  # type: ignore[arg-type]
    except (InputError, ResultsFileError) as error:
        raise JourneymapError(str(error)) from None


def export_sheet(journey: Journey | PathLike, output: PathLike, *, format: str = "xlsx",  # noqa: A002
                 layout: str | None = None, force: bool = False, config: PathLike | None = None) -> Path:
    """The journey (a path, or a Journey from `load` or built in Python) written as `journeymap export` writes it:
    a workbook (`format="xlsx"`, needs journeymap[sheets]; `layout="lanes"` by default, or `"rows"`) or CSV. The
    file is written whole, and replaces an existing one only with `force`. Returns the path written. Raises
    JourneyError for a journey with errors, JourneymapError for what the command refuses (CSV in the lanes
    layout, an existing output, openpyxl missing)."""
    from journeymap.files import OutputError, check_output, write_atomic
    from journeymap.model import Journey
    from journeymap.sheets.export import SheetsUnavailable
    from journeymap.sheets.export import export as export_journey

    (chosen,) = _chosen("format", [format], ("xlsx", "csv"))
    (arranged,) = _chosen("layout", [layout or ("rows" if chosen == "csv" else "lanes")], ("lanes", "rows"))
    if chosen == "csv" and arranged != "rows":
        raise JourneymapError("CSV has the rows layout only: layout='rows', or format='xlsx' for the lanes")
    target = Path(output)
    protected = [] if isinstance(journey, Journey) else [Path(journey)]
    model = journey if isinstance(journey, Journey) else load(journey, config=config)
    try:
        how, present = check_output(target, protected=protected)
        if how == "replace" and present is not None and not force:
            raise JourneymapError(f"{target} already exists (force=True replaces it)")
        write_atomic(target, export_journey(model, chosen, arranged), protected=protected)  # type: ignore[arg-type]
    except (OutputError, SheetsUnavailable) as error:
        raise JourneymapError(str(error)) from None
    return target


def import_sheet(sheet: PathLike, output: PathLike | None = None, *, sheet_name: str | None = None,
                 journey: str | None = None, lang: str | None = None, force: bool = False,
                 config: PathLike | None = None) -> ImportResult:
    """A spreadsheet journey map (.xlsx or .csv) written as a commented journey file, as `journeymap import`
    writes it (default: beside the sheet, with .yaml), then validated. The result's `output` is the file written
    (None when no sheet holds a journey: see `problems`), `problems` every problem with the `cell` it comes from,
    `exit_code` the command's; `journey` picks one of several journeys a sheet lists (`other_journeys`). Raises
    JourneymapError for a missing file, an existing output without `force`, an unknown `sheet_name` or `journey`,
    openpyxl missing."""
    from journeymap.files import OutputError
    from journeymap.sheets.export import SheetsUnavailable
    from journeymap.sheets.importer import ImportRefused, import_file

    if lang is not None:
        _chosen("lang", [lang], ("en", "fr"))
    try:
        return import_file(Path(sheet), None if output is None else Path(output), sheet=sheet_name,
                           journey=journey, lang=lang, force=force, settings=_settings(config))
    except (ImportRefused, SheetsUnavailable, OutputError) as error:
        raise JourneymapError(str(error)) from None


def _origin(journey: Journey, settings: Settings) -> _Origin:
    """A loaded journey's origin; a journey built in Python is checked as a file holding its JSON form would be
    (its problems point into that form), and refused with JourneyError when it has errors."""
    from journeymap.validate import apply_suppressions, validate_text

    known = _ORIGINS.get(id(journey))
    if known is not None:
        return known
    name = f"<journey {journey.id}>"
    text = json.dumps(journey.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"
    result = validate_text(text, name, settings)
    problems = tuple(sorted(apply_suppressions(result.problems, result.document)))
    if any(problem.severity is Severity.ERROR for problem in problems):
        raise JourneyError(name, problems)
    return _Origin(name, None, problems)


def _settings(config: PathLike | None) -> Settings:
    """The configuration named, or the nearest one from the current folder upwards, as the commands find it."""
    from journeymap.config import ConfigError, load_settings

    try:
        return load_settings(Path(config) if config is not None else None).settings
    except ConfigError as error:
        raise JourneymapError(str(error)) from None


def _paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(path) for path in paths]


def _chosen(what: str, values: Sequence[str], valid: Sequence[str]) -> list[str]:
    chosen = [values] if isinstance(values, str) else list(values)
    unknown = [value for value in chosen if value not in valid]
    if unknown or not chosen:
        raise JourneymapError(f"unknown {what} {', '.join(map(repr, unknown)) or '(none given)'}; "
                              f"valid: {', '.join(valid)}")
    return list(dict.fromkeys(chosen))


def _not_checked(folders: Sequence[NotWalked]) -> tuple[NotChecked, ...]:
    return tuple(NotChecked(folder.display, folder.reason, folder.unreadable) for folder in folders)
