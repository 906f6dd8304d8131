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

def _readable_types() -> None:
    """Help shows what a user types, not Python: typer 0.2x writes `<bool>` after flags (they take no value) and
    `<list[Path]>` after repeatable options and arguments (typer ignores an argument's metavar there). Drawn in one
    place, so mended in one place; typers without the method keep their own help."""
    import re

    for kind in (typer.core.TyperOption, typer.core.TyperArgument):
        drawn = getattr(kind, "display_type_rich", None)
        if drawn is None or getattr(drawn, "journeymap", False):
            continue

        def readable(self: Any, ctx: Any, _drawn: Callable[..., str | None] = drawn) -> str | None:
            if getattr(self, "is_flag", False) or getattr(self, "count", False):
                return None
            shown = _drawn(self, ctx)
            if shown is None:
                return None
            shown = re.sub(r"^<list\[(.*)\]>$", r"<\1>", shown)
            return {"<Path>": "<path>", "<str>": "<text>", "<int>": "<number>"}.get(shown, shown)

        readable.journeymap = True  # type: ignore[attr-defined]
        kind.display_type_rich = readable  # type: ignore[method-assign]


_readable_types()

app = typer.Typer(
    name="journeymap",
    help="Customer-journey maps kept as code: validate, render and diff journeys written in YAML.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Lang(str, Enum):
    en = "en"
    fr = "fr"


def _since(since: str | None) -> Any:
    """`--since` as a date (None without it); a usage error otherwise."""
    import datetime as dt

    if since is None:
        return None
    try:
        return dt.date.fromisoformat(since)
    except ValueError:
        raise _fail(f"--since {since}: not a date; write YYYY-MM-DD") from None


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


def _examples(*lines: tuple[str, str]) -> str:
    """The end of a command's help: a few commands to copy, each with what it does."""
    return "[b]Examples[/b]\n\n" + "\n\n".join(
        f"[dim]{what[:1].upper()}{what[1:]}:[/dim]\n  {command}" for command, what in lines
    )


def _settings(config: Path | None):  # type: ignore[no-untyped-def]
    from journeymap.config import ConfigError, load_settings

    try:
        return load_settings(config).settings
    except ConfigError as error:
        raise _fail(str(error)) from None


@app.command(epilog=_examples(
    ("journeymap validate", "every journey under the current folder"),
    ("journeymap validate examples/ --strict", "warnings fail the run too"),
    ("journeymap validate -f json journey.yaml", "problems as JSON records"),
    ("journeymap validate -f sarif . > journeymap.sarif", "for GitHub code scanning"),
))
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


class Period(str, Enum):
    week = "week"
    month = "month"
    quarter = "quarter"


@app.command(epilog=_examples(
    ("journeymap render examples/ -o out/", "HTML reports and SVG views, with an index page"),
    ("journeymap render journey.yaml -f pdf --paper a4", "the whole report as a PDF, on A4 landscape"),
    ("journeymap render journey.yaml -f md -f mermaid", "Markdown and Mermaid"),
    ("journeymap render journey.yaml -f png --view emotion", "the emotion curve as a picture"),
    ("journeymap render journeys/ --results results.csv", "the reports with the survey results"),
))
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
    results: Annotated[
        Optional[list[Path]],
        typer.Option("--results", "-r", help="Survey results (CSV or JSON Lines) to show in the report and the "
                                              "Markdown, as `measure` reads them; repeat for several."),
    ] = None,
    period: Annotated[Period, typer.Option("--period", "-p", help="How --results are grouped.")] = Period.month,
    since: Annotated[
        Optional[str], typer.Option("--since", metavar="<date>", help="Leave out results before this date (YYYY-MM-DD).")
    ] = None,
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
    from journeymap.listening.results import ResultsFileError

    settings = _settings(config)
    start = _since(since)
    chosen_formats = [item.value for item in formats] if formats else list(DEFAULT_FORMATS)
    if not views:  # `-f pdf` alone is the report people send around; with --view, the Graphviz views' PDFs
        chosen_formats = ["report-pdf" if item == "pdf" else item for item in chosen_formats]
    chosen_views = [item.value for item in views] if views else list(VIEWS)
    try:
        summary = render_paths(paths, output, formats=chosen_formats, views=chosen_views, settings=settings,
                               paper=PAPERS[paper.value], results=results or (), period=period.value,  # type: ignore[arg-type]
                               since=start)
    except (InputError, OutputError, RenderError, ResultsFileError) as error:
        raise _fail(str(error)) from None
    for path in summary.written:
        typer.echo(f"wrote {visible(str(path))}")
    for source, reason in summary.failed:
        typer.echo(f"journeymap: {visible(source)}: {visible(reason)}", err=True)
    _say_not_walked(summary.not_walked)
    if summary.results_rows_left_out:
        typer.echo(f"journeymap: {summary.results_rows_left_out:,} rows of the results could not be used "
                   "(journeymap measure lists them)", err=True)
    typer.echo(f"{_count(len(summary.written), 'file')} written for {_count(len(summary.journeys), 'journey')} in "
               f"{visible(str(output))}" + (f"; {len(summary.failed)} failed" if summary.failed else ""))
    raise typer.Exit(summary.exit_code)


@app.command(epilog=_examples(
    ("journeymap schema -o schemas/journeymap-1.schema.json", "the schema for editors"),
))
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


@app.command(epilog=_examples(
    ("journeymap init", "journey.yaml, in English"),
    ("journeymap init parcours.yaml --lang fr", "a French starter"),
    ("journeymap init --results", "results.csv for the listening plans of the journeys here"),
))
def init(
    path: Annotated[
        Optional[Path], typer.Argument(help="File to create (default: journey.yaml; with --results: results.csv).",
                                       show_default=False)
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the starter's labels and comments.")] = Lang.en,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the file if it exists, and a .journeymap/ schema that is not journeymap's."
    )] = False,
    results: Annotated[bool, typer.Option(
        "--results", help="Write a survey results file instead: a row per moment of truth of the journeys found, "
                          "and the [results] configuration to map a survey tool's export."
    )] = False,
    journeys: Annotated[
        Optional[list[Path]], typer.Option("--journeys", "-j", help="With --results: where the journeys are "
                                                                    "(default: the current folder).")
    ] = None,
) -> None:
    """Write a commented starter journey to fill in (and the schema its editors need when there is none), or with
    --results a survey results file to start from."""
    from journeymap.schema import schema_text
    from journeymap.starters import init_report, schema_copy, starter_text
    from journeymap.text import visible

    if results:
        from journeymap.cli.results import init_results

        init_results(path or Path("results.csv"), journeys or [Path(".")], force)
        return
    path = path or Path("journey.yaml")
    if path.exists() and not force:
        raise _fail(f"{path} already exists (use --force to replace it)")
    if path.is_dir():
        raise _fail(f"{path} is a folder; name the journey file to create")
    if not path.absolute().parent.is_dir():
        raise _fail(f"folder does not exist: {path.parent}")
    schema = schema_text()
    copy = schema_copy(path, schema)
    if copy.state == "foreign" and not force:
        raise _fail(f"{copy.path} exists and is not journeymap's schema: move it away, or use --force to replace it")
    if copy.to_write:
        try:
            copy.path.parent.mkdir(exist_ok=True)
        except OSError as error:
            raise _fail(f"cannot create {copy.path.parent}: {error.strerror or error}") from None
        _write(copy.path, schema)
    _write(path, starter_text(lang.value, copy.reference))
    for line in init_report(path, copy):
        typer.echo(visible(line))


@app.command(epilog=_examples(
    ("journeymap rules", "every check"),
    ("journeymap rules JM301", "what a check means and how to fix it"),
))
def rules(
    code: Annotated[
        Optional[str],
        typer.Argument(help="A code (JM301) or name (viewpoint.process-step) to explain.",
                       autocompletion=lambda incomplete: _complete_checks(incomplete)),
    ] = None,
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
    typer.echo(check.help)


def _complete_checks(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of `journeymap rules`: codes and names, each with its summary."""
    from journeymap import catalogue

    found = incomplete.casefold()
    return [(word, check.summary) for check in catalogue.CHECKS for word in (check.code, check.name)
            if word.casefold().startswith(found)]


def _complete_conditions(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of `diff --fail-on`, after the commas of a list too."""
    from journeymap.diff.conditions import FAIL_CONDITIONS

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [(prefix + name, what) for name, what in FAIL_CONDITIONS.items() if name.startswith(last)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _write(path: Path, text: str, protected: list[Path] | None = None) -> None:
    from journeymap.files import OutputError, write_atomic

    try:
        write_atomic(path, text, protected=protected or [])
    except OutputError as error:
        raise _fail(str(error)) from None


# Commands kept in modules of their own, registered on `app` when imported (after the helpers above), then listed
# in `--help` in the order a team works: check, draw, compare, listen, exchange sheets, start, look up.
from journeymap.cli import compare, results, sheets  # noqa: E402

COMMAND_MODULES = (compare, results, sheets)

COMMAND_ORDER = ("validate", "render", "diff", "history", "measure", "export", "import", "init", "schema", "rules")
app.registered_commands.sort(key=lambda command: COMMAND_ORDER.index(
    command.name or command.callback.__name__ if command.callback else ""))


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
