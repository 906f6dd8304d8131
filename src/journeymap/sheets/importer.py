"""`journeymap import`: a spreadsheet journey map (xlsx or CSV) to a commented journey file, validated, with
every problem also pointed at the sheet cell its value came from.

The input is only read; the output is written whole (files.write_atomic), never over the input, and over an
existing file only with `force`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from journeymap import catalogue
from journeymap.problems import Problem, Severity

if TYPE_CHECKING:
    from journeymap.config import Settings
    from journeymap.sheets.draft import Draft
    from journeymap.sheets.grid import Book, Sheet

SheetsLayout = Literal["journeymap", "lanes", "rows"]


class ImportRefused(Exception):
    """An import that must not start: the output exists (without --force), is the input, or --sheet names no
    sheet (exit 2)."""


@dataclass(frozen=True)
class ImportProblem:
    """A problem of the import, with the sheet cell it is about when there is one."""

    problem: Problem
    cell: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.problem.to_dict(), "cell": self.cell}


@dataclass
class ImportResult:
    """What an import did: the file written (None when nothing could be), from which sheet and layout, what the
    journey holds, and every problem (the sheet's and the journey's)."""

    source: str
    output: Path | None
    sheet: str | None = None
    layout: SheetsLayout | None = None
    lang: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)  # more sheets holding a journey: import them with --sheet
    other_journeys: list[str] = field(default_factory=list)  # more journeys in the sheet: import them with --journey

    @property
    def errors(self) -> int:
        return sum(item.problem.severity is Severity.ERROR for item in self.problems)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors or self.output is None else 0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "output": None if self.output is None else str(self.output),
                "sheet": self.sheet, "layout": self.layout, "lang": self.lang, "counts": self.counts,
                "other_sheets": self.other_sheets, "other_journeys": self.other_journeys,
                "problems": [item.to_dict() for item in self.problems]}


def default_output(path: Path) -> Path:
    """Beside the sheet, with the journey's suffix: map.xlsx -> map.yaml."""
    return path.with_suffix(".yaml")


def import_file(path: Path, output: Path | None = None, *, sheet: str | None = None, journey: str | None = None,
                lang: str | None = None, force: bool = False, settings: Settings | None = None) -> ImportResult:
    """Read the spreadsheet at `path`, write its journey to `output` (default: beside it) and validate it.
    Raises ImportRefused, SheetsUnavailable or OutputError (exit 2)."""
    from journeymap.config import Settings
    from journeymap.files import check_output, write_atomic
    from journeymap.sheets.grid import UnreadableSheet, read_book

    settings = settings or Settings()
    if path.is_dir():
        raise ImportRefused(f"{path} is a folder; name the spreadsheet to import")
    if not path.exists():
        raise ImportRefused(f"{path}: no such file")
    target = output or default_output(path)
    how, present = check_output(target, protected=[path])
    if how == "replace" and present is not None and not force:
        raise ImportRefused(f"{target} already exists (use --force to replace it)")
    source = str(path)
    try:
        book = read_book(path, encoding=settings.sheets.encoding, delimiter=settings.sheets.delimiter,
                         max_bytes=int(settings.max_file_size))
    except UnreadableSheet as error:
        return ImportResult(source, None, problems=[ImportProblem(catalogue.problem(
            "JM601", source, (1, 1), str(error), hint=error.hint))])
    result, draft = import_book(book, sheet=sheet, journey=journey, lang=lang, settings=settings)
    if draft is None:
        return result
    text = draft.to_yaml(_schema_reference(target))
    result.problems.extend(_validated(text, target, draft, settings))
    write_atomic(target, text, protected=[path])
    result.output = target
    return result


def import_book(book: Book, *, sheet: str | None = None, journey: str | None = None, lang: str | None = None,
                settings: Settings | None = None) -> tuple[ImportResult, Draft | None]:
    """The journey a read workbook holds, as a Draft (None when no sheet holds one), with the sheet's problems.
    `journey` names one of several journeys a sheet of rows holds (a title column that changes down the rows)."""
    from journeymap.config import Settings
    from journeymap.sheets import build, native, recognise

    settings = settings or Settings()
    result = ImportResult(book.file, None)
    result.problems.extend(_cell_notes(book))
    sheets = list(book.sheets)
    if sheet is not None:
        chosen = [s for s in sheets if s.name == sheet] or [s for s in sheets if s.name.casefold() == sheet.casefold()]
        if not chosen:
            raise ImportRefused(f"{book.file} has no sheet '{sheet}'; its sheets: "
                                f"{', '.join(s.name for s in sheets) or 'none'}")
    ours = native.tables_of(native.csv_sheets(sheets[0]) if book.kind == "csv" and sheets else sheets)
    draft: Draft | None = None
    if ours is not None and sheet is None:
        draft = native.read(ours, book.file, book.kind)
        if lang is not None:
            draft.data["lang"] = lang
        result.layout, result.sheet = "journeymap", ours["steps"][0].name
    else:
        candidates = chosen if sheet is not None else sheets
        for candidate in candidates:
            found = recognise.recognise(candidate, settings.sheets.headers, journey if draft is None else None)
            if found is None:
                continue
            if draft is not None:
                result.other_sheets.append(candidate.name)
                continue
            if journey is not None and journey.casefold() not in {title.casefold() for title in found.journeys}:
                raise ImportRefused(f"{book.file}, sheet '{candidate.name}': no journey '{journey}'; its journeys: "
                                    f"{', '.join(found.journeys) or 'one, without a name column'}")
            result.other_journeys = [title for title in found.journeys
                                     if title.casefold() != (journey or found.journeys[0]).casefold()]
            draft = build.build(found, source=book.file, sheet_title=_sheet_title(candidate, book),
                                lang=lang, emotions=settings.sheets.emotions)
            result.layout, result.sheet = found.layout, candidate.name  # type: ignore[assignment]
    if draft is None:
        where = f"sheet '{sheet}'" if sheet is not None else "no sheet"
        result.problems.append(ImportProblem(catalogue.problem(
            "JM602", book.file, (1, 1), f"{where} holds a journey map import recognises"
            + ("" if sheet is not None or not any(s.cells for s in sheets) else
               f" (sheets read: {', '.join(s.name for s in sheets)})"))))
        return result, None
    result.problems.extend(ImportProblem(note, _cell_in(note)) for note in draft.notes)
    result.problems = _configured(result.problems, settings)
    result.lang = draft.data.get("lang")
    result.counts = _counts(draft.data)
    return result, draft


def _configured(problems: list[ImportProblem], settings: Settings) -> list[ImportProblem]:
    """The sheet's problems as configured: `disable` drops a check, `[severity]` sets its level."""
    levels = settings.severities()
    out = []
    for item in problems:
        code = item.problem.code
        if code in levels and levels[code] is None:
            continue
        level = levels.get(code)
        if level is not None:
            item = ImportProblem(dataclasses.replace(item.problem, severity=level), item.cell)
        out.append(item)
    return out


def _sheet_title(sheet: Sheet, book: Book) -> str:
    """A journey's title when the sheet has none: the sheet's own name, unless it is a spreadsheet's default
    ("Sheet1", "Feuil1") or a CSV's file name; then the file's name."""
    import re

    if book.kind == "xlsx" and not re.fullmatch(r"(?i)(sheet|feuil|feuille|tabelle|hoja|foglio)\s*\d*", sheet.name):
        return sheet.name
    return Path(book.file).stem.replace("_", " ").replace("-", " ").strip() or sheet.name


def _cell_notes(book: Book) -> list[ImportProblem]:
    out = []
    for note in book.notes:
        code = "JM603" if note.kind in ("formula", "error-value") else "JM604"
        out.append(ImportProblem(catalogue.problem(code, book.file, (note.row, note.column),
                                                   f"{note.ref}: {note.message}"), note.ref))
    return out


def _cell_in(problem: Problem) -> str | None:
    """The cell a sheet problem's message starts with ("Sheet1!C7 ..."), when it names one."""
    head = problem.message.split(" ", 1)[0].rstrip(":")
    return head if "!" in head else None


def _validated(text: str, target: Path, draft: Draft, settings: Settings) -> list[ImportProblem]:
    """The written journey's problems, each also at the cell its value came from."""
    from journeymap.validate import validate_text

    out = []
    for problem in validate_text(text, str(target), settings).problems:
        cell = draft.cell_of(problem.path)
        if cell is not None:
            problem = dataclasses.replace(problem, message=f"{problem.message} [{cell}]")
        out.append(ImportProblem(problem, cell))
    return out


def _schema_reference(target: Path) -> str | None:
    """The schema line editors read, when a schema is there to point at (a journeymap checkout, or a folder
    where `journeymap init` wrote one); import writes only the journey."""
    from journeymap.schema import schema_text
    from journeymap.starters import schema_copy

    copy = schema_copy(target, schema_text())
    return copy.reference if copy.state in ("repository", "same", "older") else None


def _counts(data: dict[str, Any]) -> dict[str, int]:
    steps = [step for stage in data.get("stages", []) for step in stage.get("steps", [])]
    return {"stages": len(data.get("stages", [])), "steps": len(steps),
            "touchpoints": len(data.get("touchpoints", [])),
            "pain_points": sum(len(step.get("pain_points", [])) for step in steps),
            "actions": len(data.get("actions", []))}
