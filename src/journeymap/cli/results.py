"""`journeymap measure` and `journeymap init --results`: survey results read against the listening plan."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from journeymap.cli import Period, _examples, _fail, _settings, _since, _write, app

class MeasureFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    md = "md"


class MeasureFailOn(str, Enum):
    alert = "alert"


@app.command(epilog=_examples(
    ("journeymap measure results/*.csv", "every moment of truth against its threshold, month by month"),
    ("journeymap measure results.csv --period week --since 2026-01-01", "weekly, this year only"),
    ("journeymap measure results.csv --fail-on alert -f github", "a scheduled CI job that fails on an alert"),
))
def measure(
    results: Annotated[list[Path], typer.Argument(help="Survey results: CSV or JSON Lines (.jsonl); - reads "
                                                       "standard input as CSV.", show_default=False)],
    journeys: Annotated[
        Optional[list[Path]],
        typer.Option("--journeys", "-j", help="Journey files or folders holding the listening plans "
                                              "(default: the current folder)."),
    ] = None,
    period: Annotated[Period, typer.Option("--period", "-p", help="How results are grouped.")] = Period.month,
    since: Annotated[
        Optional[str], typer.Option("--since", metavar="<date>", help="Leave out rows before this date (YYYY-MM-DD).")
    ] = None,
    output_format: Annotated[MeasureFormat, typer.Option("--format", "-f", help="How to show the readings.")] = MeasureFormat.text,
    fail_on: Annotated[
        Optional[MeasureFailOn],
        typer.Option("--fail-on", help="Exit 1 when a moment of truth's latest period is in alert."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Problems reported as warnings fail the run too.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file ([results] table).")] = None,
) -> None:
    """Survey results against the listening plan: each moment of truth's metric per period, against its alert
    threshold."""
    from journeymap.discovery import InputError
    from journeymap.listening import reporters as measure_reporters
    from journeymap.listening.measure import ListeningPlan
    from journeymap.listening.measure import measure as measure_results
    from journeymap.listening.results import ResultsFileError
    from journeymap.validate import validate_paths

    settings = _settings(config)
    start = _since(since)
    try:
        report = validate_paths(journeys or [Path(".")], settings)
    except InputError as error:
        raise _fail(str(error)) from None
    plan = ListeningPlan.of(report.files)
    if not plan.steps:
        raise _fail("no journey found to read the results against (name them with --journeys)")
    try:
        found = measure_results(results, plan, settings, period=period.value, since=start)  # type: ignore[arg-type]
    except ResultsFileError as error:
        raise _fail(str(error)) from None
    sys.stdout.write(measure_reporters.FORMATS[output_format.value](found, settings.results.csat))
    broken = [result.file for result in report.files if result.journey is None]
    for file in broken:
        typer.echo(f"journeymap: {file}: not read (errors: run journeymap validate {file})", err=True)
    for display in found.unreadable:
        typer.echo(f"journeymap: could not read {display}", err=True)
    raise typer.Exit(found.exit_code(fail_on_alert=fail_on is MeasureFailOn.alert, strict=strict or settings.strict))



def init_results(path: Path, journeys: list[Path], force: bool) -> None:
    import datetime as dt

    from journeymap.discovery import InputError
    from journeymap.listening.measure import ListeningPlan
    from journeymap.listening.template import CONFIGURATION, results_template
    from journeymap.text import visible
    from journeymap.validate import validate_paths

    if path.exists() and not force:
        raise _fail(f"{path} already exists (use --force to replace it)")
    if path.is_dir():
        raise _fail(f"{path} is a folder; name the results file to create")
    settings = _settings(None)
    try:
        plan = ListeningPlan.of(validate_paths(journeys, settings).files)
    except InputError as error:
        raise _fail(str(error)) from None
    text, moments = results_template(plan, dt.date.today(), settings.results.csat)
    _write(path, text, protected=[])
    if moments:
        typer.echo(visible(f"Wrote {path}: an answer for each of the {moments} moments of truth found, and one "
                           f"aggregate row. Replace them with your survey's, then run: journeymap measure {path}"))
    else:
        typer.echo(visible(f"Wrote {path} with its header only: no journey here has a moment of truth with a metric "
                           "(add `moment_of_truth:` to the steps where customers are asked, or name --journeys)."))
    typer.echo("\nTo read a survey tool's own export, map it in journeymap.toml:\n")
    typer.echo(CONFIGURATION, nl=False)


