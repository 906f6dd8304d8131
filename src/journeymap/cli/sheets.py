"""`journeymap export` and `journeymap import`: journeys to spreadsheets and back."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from journeymap.cli import Lang, _examples, _fail, _settings, app


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


class SheetLayout(str, Enum):
    lanes = "lanes"
    rows = "rows"


@app.command(epilog=_examples(
    ("journeymap export journey.yaml", "a workbook beside it (journey.xlsx): the map as lanes, and a sheet per table"),
    ("journeymap export journey.yaml --layout rows -o plan.xlsx", "one row per step"),
    ("journeymap export journey.yaml -f csv", "a CSV beside it (journey.csv), every table one after the other"),
))
def export(
    path: Annotated[Path, typer.Argument(help="The journey file to export.", show_default=False)],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="File to write (default: beside the journey, with the "
                                                             "format's suffix).")
    ] = None,
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Workbook (xlsx, needs "
                                                        "journeymap\\[sheets]) or CSV.")] = ExportFormat.xlsx,
    layout: Annotated[
        Optional[SheetLayout], typer.Option("--layout", help="lanes: steps as columns, lanes as rows (xlsx "
                                                             "default); rows: a row per step (CSV's only layout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output if it exists.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file.")] = None,
) -> None:
    """Write a journey as a spreadsheet: frozen headers, stage colours, emotion on a colour scale, pain points by
    severity, the touchpoints, the listening plan and the action plan (with its impact/effort chart)."""
    from journeymap import reporters
    from journeymap.discovery import InputError
    from journeymap.files import OutputError
    from journeymap.sheets.export import ExportRefused, SheetsUnavailable, export_file
    from journeymap.text import visible

    settings = _settings(config)
    try:
        result = export_file(path, output, output_format.value, layout.value if layout else None,  # type: ignore[arg-type]
                             force=force, settings=settings)
    except (ExportRefused, SheetsUnavailable, InputError, OutputError) as error:
        raise _fail(str(error)) from None
    if result.output is None:
        sys.stderr.write(reporters.to_text(result.problems, 1, 0, color=False))
        raise _fail("cannot export a journey with errors: fix them first (see above)", 1)
    typer.echo(f"wrote {visible(str(result.output))}")


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("import", epilog=_examples(
    ("journeymap import parcours.xlsx", "parcours.yaml beside it, from the first sheet holding a journey map"),
    ("journeymap import map.xlsx --sheet 'Journey 2' -o journeys/booking.yaml", "one sheet of several"),
    ("journeymap import export.csv --lang fr", "a CSV; the journey's labels are French"),
    ("journeymap import flows.csv --journey 'Password reset'", "one journey of a sheet that lists several"),
))
def import_(
    path: Annotated[Path, typer.Argument(help="The spreadsheet: .xlsx, or .csv (any of , ; tab |).",
                                         show_default=False)],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Journey file to write (default: beside the sheet, "
                                                             "with .yaml).")
    ] = None,
    sheet: Annotated[Optional[str], typer.Option("--sheet", help="The sheet to read (default: the first that "
                                                                 "holds a journey map).")] = None,
    journey: Annotated[Optional[str], typer.Option("--journey", help="The journey to read, when the sheet holds "
                                                                     "several (a journey-name column).")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="Language of the labels (default: the language "
                                                                "of the sheet's headings).")] = None,
    output_format: Annotated[ImportFormat, typer.Option("--format", "-f", help="How to report.")] = ImportFormat.text,
    force: Annotated[bool, typer.Option("--force", help="Replace the output if it exists.")] = False,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Configuration file.")] = None,
) -> None:
    """Turn a spreadsheet journey map into a commented journey file, then validate it: lanes as rows (Stage,
    Actions, Touchpoints, Emotion...) or one row per step, headings in English or French. Each problem names the
    sheet cell it comes from (Sheet1!C7). The spreadsheet is only read."""
    from journeymap.files import OutputError
    from journeymap.sheets.export import SheetsUnavailable
    from journeymap.sheets.importer import ImportRefused, import_file
    from journeymap.sheets.report import to_json, to_text

    settings = _settings(config)
    try:
        result = import_file(path, output, sheet=sheet, journey=journey, lang=lang.value if lang else None,
                             force=force, settings=settings)
    except (ImportRefused, SheetsUnavailable, OutputError) as error:
        raise _fail(str(error)) from None
    sys.stdout.write(to_json(result) if output_format is ImportFormat.json else to_text(result))
    raise typer.Exit(result.exit_code)
