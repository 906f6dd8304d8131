"""`journeymap diff` and `journeymap history`: what a target changes, and how a journey changed over time."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from journeymap.cli import Color, _complete_conditions, _examples, _fail, _settings, _write, app

class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"
    github = "github"


@app.command(epilog=_examples(
    ("journeymap diff current.yaml target.yaml", "what the target journey changes"),
    ("journeymap diff journey.yaml --rev main -f md", "what this branch changed, in Markdown"),
    ("journeymap diff a.yaml b.yaml --fail-on emotion-drop", "fail CI when a step feels worse"),
))
def diff(
    current: Annotated[
        Optional[Path],
        typer.Argument(help="The current journey (with --rev: the journey file to compare); - reads standard input.",
                       show_default=False),
    ] = None,
    target: Annotated[Optional[Path], typer.Argument(help="The target journey; - reads standard input.")] = None,
    rev: Annotated[
        Optional[str],
        typer.Option("--rev", metavar="<rev>",
                     help="Compare CURRENT with its version at this git revision (e.g. HEAD~1, main)."),
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="How to show the changes.")] = DiffFormat.text,
    fail_on: Annotated[
        Optional[list[str]],
        typer.Option("--fail-on", metavar="<condition>", autocompletion=lambda incomplete: _complete_conditions(incomplete),
                     help="Exit 1 when this condition holds (repeatable or comma-separated; "
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
    if current is None:
        raise _fail("give the CURRENT journey and a TARGET journey, or CURRENT and --rev REV (see journeymap diff -h)")
    if (target is None) == (rev is None):
        raise _fail("give a TARGET journey, or --rev REV to compare CURRENT with a git revision")
    if str(current) == "-" and (rev is not None or str(target) == "-"):
        raise _fail("standard input (-) can be only one side of a diff, and --rev needs a file in a git repository")
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
    elif output_format is DiffFormat.github:
        from journeymap.diff.github import to_github

        text = to_github(result)
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


class HistoryFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


@app.command(epilog=_examples(
    ("journeymap history journey.yaml", "every commit of the journey: emotion, open pain points, plan"),
    ("journeymap history journey.yaml -f html -o history.html", "the figures drawn over time, in one page"),
    ("journeymap history journey.yaml --since 2026-01-01 -f md", "this year's commits, as a Markdown table"),
))
def history(
    path: Annotated[Path, typer.Argument(help="A journey file committed in a git repository (renames are followed).",
                                         show_default=False)],
    output_format: Annotated[HistoryFormat, typer.Option("--format", "-f", help="How to show the history.")] = HistoryFormat.text,
    since: Annotated[
        Optional[str], typer.Option("--since", metavar="<date>", help="Only commits from this date (YYYY-MM-DD).")
    ] = None,
    max_count: Annotated[
        Optional[int], typer.Option("--max-count", "-n", min=1, help="Only the newest N commits.")
    ] = None,
    rev: Annotated[
        str, typer.Option("--rev", metavar="<rev>", help="Read the history up to this git revision (a branch, a tag).")
    ] = "HEAD",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of printing.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file.")] = None,
) -> None:
    """Did the journey get better? Each commit of a journey file: date, author, average emotion, open pain points
    by severity, moments of truth, steps, actions done; and the change from the first version to the last."""
    import datetime as dt

    from journeymap.history import HistoryError, read_history

    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            raise _fail(f"--since {since}: not a date; write YYYY-MM-DD") from None
    settings = _settings(config)
    try:
        found = read_history(path, settings, rev=rev, since=since, max_count=max_count)
    except HistoryError as error:
        raise _fail(str(error)) from None
    if output_format is HistoryFormat.html:
        from journeymap.history.html import history_html

        text = history_html(found)
    else:
        from journeymap.history.reporters import FORMATS as HISTORY_FORMATS

        text = HISTORY_FORMATS[output_format.value](found)
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text, protected=[path])


