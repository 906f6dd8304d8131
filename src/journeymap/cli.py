"""The command line: parse options, call the library, print what it returns, exit with the right code.

Exit codes: 0 nothing wrong (warnings allowed unless --strict), 1 problems found, 2 usage or I/O error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from journeymap.discovery import NotWalked

app = typer.Typer(
    name="journeymap",
    help="Customer-journey maps kept as code: validate, render and diff journeys written in YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Lang(str, Enum):
    en = "en"
    fr = "fr"


def _fail(message: str, code: int = 2) -> typer.Exit:
    from journeymap.text import visible

    typer.echo(f"journeymap: {visible(message)}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from journeymap import __version__

        typer.echo(f"journeymap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Customer-journey maps kept as code."""


def _settings(config: Path | None):  # type: ignore[no-untyped-def]
    from journeymap.config import ConfigError, load_settings

    try:
        return load_settings(config).settings
    except ConfigError as error:
        raise _fail(str(error)) from None


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Journey files, or folders to search for them (default: the current folder)."),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="How to print problems.")] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    config: Annotated[
        Optional[Path], typer.Option("--config", "-c", help="Configuration file (default: nearest journeymap.toml or pyproject.toml).")
    ] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour the text output.")] = Color.auto,
    skip_non_journeys: Annotated[
        bool, typer.Option("--skip-non-journeys", help="Skip named files that are not journeys (for pre-commit).")
    ] = False,
) -> None:
    """Check journey files: YAML, format, references, the customer's point of view, and method best practice."""
    from journeymap import reporters
    from journeymap.text import visible
    from journeymap.discovery import InputError
    from journeymap.validate import validate_paths

    settings = _settings(config)
    try:
        with _progress_on_terminal("checking") as progress:
            report = validate_paths(paths or [Path(".")], settings, named_must_be_journeys=not skip_non_journeys,
                                    slim=True, progress=progress)
    except InputError as error:
        raise _fail(str(error)) from None
    problems = report.problems
    checked, skipped = len(report.files), len(report.skipped)
    if output_format is OutputFormat.text:
        use_color = color is Color.always or (
            color is Color.auto and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        output = reporters.to_text(problems, checked, skipped, color=use_color)
    else:
        output = reporters.FORMATS[output_format.value](problems, checked, skipped)
    sys.stdout.write(output)
    for display in report.unreadable:
        typer.echo(f"journeymap: could not read {visible(display)}", err=True)
    _say_not_walked(report.not_walked)
    raise typer.Exit(report.exit_code(strict or settings.strict))


PROGRESS_FROM = 500  # files: fewer are checked in a few seconds, with nothing to wait for


@contextlib.contextmanager
def _progress_on_terminal(verb: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error for long runs, only when it is a terminal (never in CI logs or pipes);
    cleared when the run ends, so the report reads as without it."""
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield None
        return
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            state["bar"] = Progress(TextColumn(f"{verb}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                   console=Console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(verb, total=total)
        state["bar"].update(state["task"], completed=done)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()


def _say_not_walked(folders: list[NotWalked]) -> None:
    from journeymap.text import visible

    for folder in folders:
        typer.echo(f"journeymap: {'error' if folder.unreadable else 'note'}: not checked: {visible(folder.display)}: "
                   f"{visible(folder.reason)}", err=True)


class RenderFormat(str, Enum):
    html = "html"
    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"
    md = "md"


class View(str, Enum):
    flow = "flow"
    blueprint = "blueprint"
    emotion = "emotion"


class PaperSize(str, Enum):
    a3 = "a3"
    a4 = "a4"


@app.command()
def render(
    paths: Annotated[list[Path], typer.Argument(help="Journey files, or folders of journeys (an index page is added).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into (created if missing).")] = Path("out"),
    formats: Annotated[
        Optional[list[RenderFormat]],
        typer.Option("--format", "-f", help="Output format; repeat for several (default: html and svg). "
                                            "pdf: the whole report printed by Chromium, or with --view the "
                                            "Graphviz views."),
    ] = None,
    views: Annotated[
        Optional[list[View]],
        typer.Option("--view", help="Graphviz view for svg/png/pdf/dot; repeat for several (default: all). "
                                    "The map itself is the html report."),
    ] = None,
    paper: Annotated[
        PaperSize, typer.Option("--paper", help="Landscape paper the report is laid out to print on (html, pdf).")
    ] = PaperSize.a3,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file.")] = None,
) -> None:
    """Draw journeys: an HTML report, Graphviz views (flow, blueprint, emotion), Mermaid or Markdown."""
    from journeymap.files import OutputError
    from journeymap.render.engine import RenderError
    from journeymap.render.outputs import DEFAULT_FORMATS, render_paths
    from journeymap.render.paper import PAPERS
    from journeymap.render.views import VIEWS
    from journeymap.text import visible
    from journeymap.discovery import InputError

    settings = _settings(config)
    chosen_formats = [item.value for item in formats] if formats else list(DEFAULT_FORMATS)
    if not views:  # `-f pdf` alone is the report people send around; with --view, the Graphviz views' PDFs
        chosen_formats = ["report-pdf" if item == "pdf" else item for item in chosen_formats]
    chosen_views = [item.value for item in views] if views else list(VIEWS)
    try:
        summary = render_paths(paths, output, formats=chosen_formats, views=chosen_views, settings=settings,
                               paper=PAPERS[paper.value])
    except (InputError, OutputError, RenderError) as error:
        raise _fail(str(error)) from None
    for path in summary.written:
        typer.echo(f"wrote {visible(str(path))}")
    for source, reason in summary.failed:
        typer.echo(f"journeymap: {visible(source)}: {visible(reason)}", err=True)
    _say_not_walked(summary.not_walked)
    typer.echo(f"{len(summary.written)} files written for {len(summary.journeys)} journeys in {visible(str(output))}"
               + (f"; {len(summary.failed)} failed" if summary.failed else ""))
    raise typer.Exit(summary.exit_code)


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"


@app.command()
def diff(
    current: Annotated[Path, typer.Argument(help="The current journey (with --rev: the journey file to compare).")],
    target: Annotated[Optional[Path], typer.Argument(help="The target journey.")] = None,
    rev: Annotated[
        Optional[str],
        typer.Option("--rev", help="Compare CURRENT with its version at this git revision (e.g. HEAD~1, main)."),
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="How to show the changes.")] = DiffFormat.text,
    fail_on: Annotated[
        Optional[list[str]],
        typer.Option("--fail-on", help="Exit 1 when this condition holds (repeatable or comma-separated; "
                                       "see --list-conditions)."),
    ] = None,
    list_conditions: Annotated[bool, typer.Option("--list-conditions", help="List the --fail-on conditions.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of printing.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file.")] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour the text output.")] = Color.auto,
) -> None:
    """What the target changes for the customer compared with the current journey (or a git revision)."""
    from journeymap import diff as journey_diff
    from journeymap import reporters

    if list_conditions:
        for name, description in journey_diff.FAIL_CONDITIONS.items():
            typer.echo(f"{name:<26} {description}")
        raise typer.Exit(0)
    if (target is None) == (rev is None):
        raise _fail("give a TARGET journey, or --rev REV to compare CURRENT with a git revision")
    conditions = [name.strip() for value in fail_on or [] for name in value.split(",") if name.strip()]
    unknown = [name for name in conditions if name not in journey_diff.FAIL_CONDITIONS]
    if unknown:
        raise _fail(f"unknown --fail-on condition {', '.join(unknown)}; valid: {', '.join(journey_diff.FAIL_CONDITIONS)}")
    settings = _settings(config)
    try:
        if rev is not None:
            before = journey_diff.load_at_revision(current, rev, settings)
            after = (journey_diff.load_for_diff(current, settings) if current.exists() or current.is_symlink()
                     else journey_diff.Absent(f"{current} (deleted)"))
            if isinstance(before, journey_diff.Absent) and isinstance(after, journey_diff.Absent):
                raise _fail(f"{current} exists neither on disk nor at revision '{rev}'")
            if isinstance(before, journey_diff.Absent) and not isinstance(after, list):
                before = journey_diff.stand_in(before, after)  # added by the change
            elif isinstance(after, journey_diff.Absent) and not isinstance(before, list):
                after = journey_diff.stand_in(after, before)  # deleted by the change
        else:
            before = journey_diff.load_for_diff(current, settings)
            after = journey_diff.load_for_diff(target, settings)  # type: ignore[arg-type]
    except journey_diff.DiffInputError as error:
        raise _fail(str(error)) from None
    broken = [side for side in (before, after) if isinstance(side, list)]
    if broken:
        problems = sorted(problem for side in broken for problem in side)
        sys.stderr.write(reporters.to_text(problems, len(broken), 0, color=False))
        raise _fail("cannot diff journeys with errors: fix them first (see above)")
    result = journey_diff.diff_journeys(
        before.journey, after.journey, current_doc=before.document, target_doc=after.document  # type: ignore[union-attr]
    )
    if output_format is DiffFormat.text:
        use_color = output is None and (color is Color.always or (
            color is Color.auto and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
        text = journey_diff.to_text(result, color=use_color)
    elif output_format is DiffFormat.md:
        text = journey_diff.to_markdown(result)
    elif output_format is DiffFormat.json:
        text = journey_diff.to_json(result)
    else:
        from journeymap.diff.html import diff_html

        text = diff_html(result, before, after)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text, protected=[current, *([target] if target else [])])
    failing = journey_diff.failing_conditions(result, conditions)
    for name in failing:
        typer.echo(f"journeymap: --fail-on {name}: {journey_diff.FAIL_CONDITIONS[name]}", err=True)
    raise typer.Exit(1 if failing else 0)


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of printing.")] = None,
) -> None:
    """Print the JSON Schema of the journey format (for editors and other tools)."""
    from journeymap.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    _write(output, text)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="File to create.")] = Path("journey.yaml"),
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the starter's labels and comments.")] = Lang.en,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a commented starter journey to fill in."""
    from journeymap.starters import starter_text

    if path.exists() and not force:
        raise _fail(f"{path} already exists (use --force to replace it)")
    if path.is_dir():
        raise _fail(f"{path} is a folder; name the journey file to create")
    _write(path, starter_text(lang.value, path))
    typer.echo(f"Wrote {path}. Edit it, then run: journeymap validate {path}")


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(help="A code (JM301) or name (viewpoint.process-step) to explain.")] = None,
) -> None:
    """List every check with its code, name and default level, or explain one."""
    from journeymap import catalogue

    if code is None:
        for check in catalogue.CHECKS:
            flag = "" if check.configurable else "  (always on)"
            typer.echo(f"{check.code}  {check.severity.value:<7}  {check.name:<38} {check.summary}{flag}")
        return
    check = catalogue.lookup(code)
    if check is None:
        raise _fail(f"unknown check '{code}' (run `journeymap rules` for the list)")
    typer.echo(f"{check.code} {check.name} ({check.severity.value})\n\n{check.summary}\n\n{check.explanation}")
    if check.example:
        typer.echo(f"\nExample:\n{check.example}")


def _write(path: Path, text: str, protected: list[Path] | None = None) -> None:
    from journeymap.files import OutputError, write_atomic

    try:
        write_atomic(path, text, protected=protected or [])
    except OutputError as error:
        raise _fail(str(error)) from None


def main() -> None:
    # A command builds large acyclic structures (documents, models, node trees) and exits: Python's cyclic
    # garbage collector would only scan them again and again (a third of a large validate run, 40% of a
    # 4,000-step diff). Reference counting frees what each step drops; render frees the cycles its templates
    # leave after each journey (render/outputs.py), and the few others go with the process.
    import gc

    gc.disable()
    # Pydantic looks for plugins (observability hooks, found through the `pydantic` entry points) when it builds
    # the first model: that reads the metadata of every installed package, about 25 ms of each run, for models
    # that are journeymap's own business. Off unless the user has said otherwise in the variable.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    app()
