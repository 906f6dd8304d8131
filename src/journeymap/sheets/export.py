"""A journey as a workbook people are glad to receive (xlsx) or as CSV, in the layout of sheets/layout.py.

The tables are built once from the journey (plain values); the xlsx and CSV writers only format them. The same
journey always gives the same bytes: the workbook's dates and its zip entries' times are fixed.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.model import Journey
from journeymap.sheets import layout
from journeymap.sheets.layout import Column, Layout

if TYPE_CHECKING:
    from journeymap.config import Settings
    from journeymap.problems import Problem

FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the workbook's created/modified dates and its zip entries' times
SHEETS_EXTRA = "pip install 'journeymap[sheets]'"


class SheetsUnavailable(Exception):
    """openpyxl is not installed (exit 2, with the command that installs it)."""


@dataclass(frozen=True)
class Table:
    """One sheet's rows as plain values, before any formatting."""

    sheet: str
    columns: tuple[Column, ...]
    rows: list[list[Any]]


def _get(part: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        part = None if part is None else getattr(part, name)
    return part


def _journey_rows(journey: Journey, lang: str) -> list[list[Any]]:
    names = layout.words(lang)
    rows: list[list[Any]] = []
    for key, label, _kind in layout.JOURNEY_KEYS:
        value = _get(journey, key)
        if key in layout.REPEATED_KEYS:
            rows.extend([names[label], item, key] for item in value or [])
        else:
            rows.append([names[label], value, key])
    return rows


def tables(journey: Journey) -> list[Table]:
    """Every sheet of the layout, in its order, with its rows."""
    lang = journey.lang
    steps = [(stage, step) for stage in journey.stages for step in stage.steps]
    rows: dict[str, list[list[Any]]] = {
        "steps": [[stage.id if column.key == "stage" else layout.cell_value(column.kind, _get(step, column.key))
                   for column in layout.STEP_COLUMNS] for stage, step in steps],
        "journey": _journey_rows(journey, lang),
        "stages": [[_get(stage, column.key) for column in layout.TABLES["stages"]] for stage in journey.stages],
        "pain_points": [[step.id, pain.id, pain.description, pain.severity, pain.type]
                        for _, step in steps for pain in step.pain_points],
        "listening_plan": [[step.id, *(_get(step.moment_of_truth, column.key)
                                       for column in layout.TABLES["listening_plan"][1:])]
                           for _, step in steps if step.moment_of_truth is not None],
        "touchpoints": [[_get(touchpoint, column.key) for column in layout.TABLES["touchpoints"]]
                        for touchpoint in journey.touchpoints],
        "action_plan": [[layout.cell_value(column.kind, _get(action, column.key))
                         for column in layout.TABLES["action_plan"]] for action in journey.actions],
        "backstage": [[step.id, process.action, process.owner, process.visible, process.system]
                      for _, step in steps for process in step.backstage],
        "words": [[step.id, kind, text] for _, step in steps
                  for kind, texts in (("delight", step.delights), ("verbatim", step.verbatims)) for text in texts],
    }
    columns = {"steps": layout.STEP_COLUMNS, "journey": layout.JOURNEY_COLUMNS, **layout.TABLES}
    return [Table(sheet, columns[sheet], rows[sheet]) for sheet in layout.SHEET_ORDER]


# --- CSV -----------------------------------------------------------------------------------------------------------

def to_csv(journey: Journey) -> str:
    """The rows layout as one CSV text: per sheet, its name, its header row, its rows and an empty row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in tables(journey):
        writer.writerow([layout.sheet_name(table.sheet, journey.lang)])
        writer.writerow(layout.headers(table.columns, journey.lang))
        writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
        writer.writerow([])
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return layout.csv_text(value) if isinstance(value, str) else value


# --- xlsx ----------------------------------------------------------------------------------------------------------

STAGE_FILLS = ("DCE9F7", "FDEBD3", "DFF2E1", "F4E1F5", "FFF6CC", "E3E3F7", "D9F2F2", "F7DEDE")
SEVERITY_FILLS = {"high": "F4B6B6", "medium": "FCD9A8", "low": "FFF3B0"}
HEADER_FILL = "3B4A5A"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SheetsUnavailable(f"exporting a workbook needs openpyxl: {SHEETS_EXTRA}") from None
    return openpyxl


def to_xlsx(journey: Journey, sheets_layout: Layout = "lanes") -> bytes:
    """The workbook: the steps (as lanes or rows), then one sheet per table of the layout, with frozen headers,
    stage colours, the emotion colour scale, pain points coloured by severity and the impact/effort chart."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Font, PatternFill

    book = openpyxl.Workbook()
    book.remove(book.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    stage_fill = {stage.id: PatternFill("solid", fgColor=STAGE_FILLS[index % len(STAGE_FILLS)])
                  for index, stage in enumerate(journey.stages)}
    for table in tables(journey):
        sheet = book.create_sheet(layout.sheet_name(table.sheet, journey.lang, sheets_layout))
        if table.sheet == "steps" and sheets_layout == "lanes":
            _lanes(sheet, journey, table, header_font, header_fill, stage_fill)
            continue
        sheet.append(layout.headers(table.columns, journey.lang))
        for row in table.rows:
            sheet.append([None] * len(row))
            for index, value in enumerate(row, start=1):
                _put(sheet.cell(sheet.max_row, index), value)
        for index, column in enumerate(table.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            cell = sheet.cell(1, index)
            cell.font, cell.fill = header_font, header_fill
        sheet.freeze_panes = "C2" if table.sheet == "steps" else "B2" if table.sheet != "journey" else "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
        wrap = Alignment(wrap_text=True, vertical="top")  # one object: openpyxl compares it with the known ones
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        if table.sheet in ("steps", "stages"):
            for cell in sheet["A"][1:]:
                cell.fill = stage_fill.get(cell.value, PatternFill())
        if table.sheet == "steps":
            emotion = layout.STEP_COLUMNS.index(next(c for c in layout.STEP_COLUMNS if c.key == "emotion")) + 1
            letter = openpyxl.utils.get_column_letter(emotion)
            _emotion_scale(sheet, f"{letter}2:{letter}{max(2, sheet.max_row)}")
        _choices(sheet, table, len(table.rows))
        if table.sheet == "pain_points":
            for row in sheet.iter_rows(min_row=2):
                row[3].fill = PatternFill("solid", fgColor=SEVERITY_FILLS[row[3].value])
        if table.sheet == "action_plan" and table.rows:
            _matrix(sheet, journey.lang, len(table.rows))
    book.properties.creator = "journeymap"
    return _fixed(book)


def _choices(sheet: Any, table: Table, count: int) -> None:
    """Drop-down lists of the format's values where a column takes one, with room for rows people add."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(table.columns, start=1):
        values = layout.CHOICES.get((table.sheet, column.key))
        if values is None:
            continue
        choice = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True)
        letter = _letter(index)
        choice.add(f"{letter}2:{letter}{count + 200}")
        sheet.add_data_validation(choice)


def _put(cell: Any, value: Any) -> None:
    """A value in a cell; text always as text, never run as a formula."""
    if isinstance(value, str):
        cell.value = layout.xml_safe(value)
        cell.data_type = "s"
        if layout.is_dangerous(value):
            cell.quotePrefix = True
    else:
        cell.value = value


def _lanes(sheet: Any, journey: Journey, table: Table, header_font: Any, header_fill: Any,
           stage_fill: dict[str, Any]) -> None:
    """The steps as columns, the lanes as rows: the map people read left to right."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    names = layout.words(journey.lang)
    steps = [step for stage in journey.stages for step in stage.steps]
    reading = {
        "pain_points": [[f"[{pain.severity}] {pain.description}" for pain in step.pain_points] for step in steps],
        "question": [[step.moment_of_truth.question or ""] if step.moment_of_truth else [] for step in steps],
        "delights": [list(step.delights) for step in steps],
        "verbatims": [list(step.verbatims) for step in steps],
        "backstage": [[process.action for process in step.backstage] for step in steps],
    }
    lanes = [(column.label, [row[index] for row in table.rows]) for index, column in enumerate(table.columns)]
    lanes += [(lane, ["\n".join(texts) or None for texts in reading[lane]]) for lane in layout.READING_LANES]
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, (label, values) in enumerate(lanes, start=1):
        head = sheet.cell(number, 1, names[label])
        head.font, head.fill = header_font, header_fill
        for index, value in enumerate(values, start=2):
            cell = sheet.cell(number, index)
            _put(cell, value)
            cell.alignment = wrap
    for index, row in enumerate(table.rows, start=2):
        sheet.cell(1, index).fill = stage_fill[row[0]]
        sheet.column_dimensions[get_column_letter(index)].width = 24
    sheet.column_dimensions["A"].width = 20
    sheet.freeze_panes = "B3"
    emotion = next(number for number, column in enumerate(table.columns, start=1) if column.key == "emotion")
    last = get_column_letter(max(2, len(table.rows) + 1))
    _emotion_scale(sheet, f"B{emotion}:{last}{emotion}")


def _emotion_scale(sheet: Any, cells: str) -> None:
    from openpyxl.formatting.rule import ColorScaleRule

    sheet.conditional_formatting.add(cells, ColorScaleRule(
        start_type="num", start_value=-2, start_color="E06666", mid_type="num", mid_value=0, mid_color="FFFFFF",
        end_type="num", end_value=2, end_color="6AA84F"))


def _matrix(sheet: Any, lang: str, count: int) -> None:
    """The impact/effort matrix: each action at its effort (x) and impact (y); unrated ones are left out."""
    from openpyxl.chart import Reference, ScatterChart, Series

    names = layout.words(lang)
    columns = [column.key for column in layout.TABLES["action_plan"]]
    impact, effort = columns.index("impact") + 1, columns.index("effort") + 1
    chart = ScatterChart()
    chart.title = names["matrix"]
    chart.style = 13
    chart.x_axis.title, chart.y_axis.title = names["effort"], names["impact"]
    for axis in (chart.x_axis, chart.y_axis):
        axis.scaling.min, axis.scaling.max, axis.majorUnit = 0, 5, 1
        axis.delete = False
    series = Series(Reference(sheet, min_col=impact, min_row=2, max_row=count + 1),
                    Reference(sheet, min_col=effort, min_row=2, max_row=count + 1), title=names["action_plan"])
    series.marker.symbol = "circle"
    series.marker.size = 9
    series.graphicalProperties.line.noFill = True
    chart.series.append(series)
    chart.legend = None
    chart.width, chart.height = 14, 10
    sheet.add_chart(chart, f"{_letter(len(columns) + 2)}2")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


_MODIFIED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed(book: Any) -> bytes:
    """The workbook's bytes with fixed dates inside (openpyxl stamps `modified` with the time of saving) and fixed
    times on its zip entries, so the same journey gives the same file."""
    import datetime as dt

    book.properties.created = dt.datetime(*FIXED_TIME)
    saved = io.BytesIO()
    book.save(saved)
    stamp = dt.datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(lambda match: match.group(1) + stamp + match.group(2), data)
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()


def export(journey: Journey, output_format: str, sheets_layout: Layout) -> bytes:
    """The journey in `output_format` (xlsx or csv; CSV has the rows layout only)."""
    if output_format == "csv":
        return to_csv(journey).encode("utf-8-sig")  # the BOM tells Excel the text is UTF-8
    return to_xlsx(journey, sheets_layout)


# --- a journey file to an output file ------------------------------------------------------------------------------

SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv"}


class ExportRefused(Exception):
    """An export that must not start: a folder or an unreadable file named, CSV asked in the lanes layout, or an
    output already there without --force (exit 2)."""


@dataclass
class ExportResult:
    """What an export did: the output written, or the journey's problems when it has errors (nothing written)."""

    source: str
    output: Path | None
    problems: list[Problem]

    @property
    def exit_code(self) -> int:
        return 0 if self.output is not None else 1


def default_output(path: Path, output_format: str) -> Path:
    """Next to the journey, with the format's suffix: journey.yaml -> journey.xlsx."""
    return path.with_suffix(SUFFIXES[output_format])


def export_file(path: Path, output: Path | None, output_format: str, sheets_layout: Layout | None,
                *, force: bool = False, settings: Settings | None = None) -> ExportResult:
    """Validate the journey at `path` (as render does: errors refuse it, warnings do not), then write it whole
    to `output` (default: next to it), never over the journey itself, and over an existing file only with
    `force`. Raises ExportRefused, SheetsUnavailable, InputError or OutputError (exit 2)."""
    from journeymap.files import check_output, write_atomic
    from journeymap.validate import validate_paths

    chosen = sheets_layout or ("rows" if output_format == "csv" else "lanes")
    if output_format == "csv" and chosen != "rows":
        raise ExportRefused("CSV has the rows layout only: use --layout rows, or --format xlsx for the lanes")
    if path.is_dir():
        raise ExportRefused(f"{path} is a folder; name the journey file to export")
    target = output or default_output(path, output_format)
    if output_format == "xlsx":
        _openpyxl()  # before reading anything: say how to install it first
    how, present = check_output(target, protected=[path])  # the journey itself, a folder: refused here
    if how == "replace" and present is not None and not force:
        raise ExportRefused(f"{target} already exists (use --force to replace it)")
    report = validate_paths([path], settings)
    if not report.files:
        raise ExportRefused(f"{path} is not a journey file")
    result = report.files[0]
    if result.journey is None:
        return ExportResult(result.file, None, sorted(result.problems))
    write_atomic(target, export(result.journey, output_format, chosen), protected=[path])
    return ExportResult(result.file, target, sorted(result.problems))
