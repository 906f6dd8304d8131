"""Reading survey results: CSV or JSON Lines, one row per answer or per aggregate, streamed.

Survey tools all export differently, so the file's column names, metric names, date format, delimiter and
encoding come from `[results]` in journeymap.toml; what a row means (its journey, step and moment of truth) is
measure.py's business. A row that cannot be read is a problem with its file and line, never an exception: a
results file is data a user brings, like a journey.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeymap import catalogue
from journeymap.config import ResultsSettings
from journeymap.problems import Problem

FIELDS = ("journey", "step", "date", "metric", "score", "value", "respondents", "verbatim", "channel", "segment")
REQUIRED = ("journey", "step", "date")
DELIMITERS = ",;\t|"
MAX_FIELD = 1024 * 1024  # characters in one cell: a verbatim can be long, a runaway quote cannot hold CI


@dataclass(frozen=True, slots=True)
class Row:
    """One usable line of a results file: one answer (`score`) or an aggregate (`value` over `respondents`)."""

    file: str
    line: int
    journey: str
    step: str
    date: dt.date
    metric: str | None
    score: float | None
    value: float | None
    respondents: int
    verbatim: str | None = None
    channel: str | None = None
    segment: str | None = None


class ResultsFileError(Exception):
    """A results file that cannot be read at all (missing, a folder): a usage error, exit 2."""


Columns = dict[str, int]  # field -> its index in a CSV row


@dataclass(frozen=True)
class CsvTable:
    """A CSV file opened for reading, past its header: where each field is, its text and delimiter, and the csv
    module's reader over the text, whose `line_num` says where a row ends (the header's line is not counted in it).
    A caller that reads the text itself (tally.py looks a line up before anything parses it) turns what goes wrong
    into problems with `not_csv`, `not_decodable` and `unreadable`, as `rows` does."""

    display: str
    columns: Columns
    text: io.TextIOWrapper
    delimiter: str
    reader: Any  # the csv module's reader over `text`
    source: Path
    encoding: str

    def ended(self) -> int:
        """The file's line on which the row just read ends."""
        return int(self.reader.line_num) + 1

    def not_csv(self, error: csv.Error, line: int | None = None) -> Problem:
        return _row_problem(self.display, line or self.ended(), f"the line cannot be read as CSV: {error}")

    def not_decodable(self) -> Problem:
        return _file_problem(self.display, _undecodable_line(self.source, self.encoding),
                             f"the file is not {self.encoding} text (from this line on)",
                             hint='set its encoding in journeymap.toml: [results] encoding = "cp1252"')

    def unreadable(self, error: OSError) -> Problem:
        return _file_problem(self.display, 1, f"cannot read results file: {error.strerror or error}")

    def rows(self) -> Iterator[list[str] | Problem]:
        """Each row's cells, and a problem for a line that is not CSV (the reader goes on after it) or for the
        rest of a file that cannot be decoded or read (the last thing given)."""
        while True:
            try:
                yield from self.reader
                return
            except csv.Error as error:
                yield self.not_csv(error)
            except UnicodeDecodeError:
                yield self.not_decodable()
                return
            except OSError as error:
                yield self.unreadable(error)
                return


def read_results(path: Path, display: str, settings: ResultsSettings, *,
                 raw: bool = False) -> Iterator[Row | Problem | CsvTable]:
    """Every row of one file, in order, as a Row or as the Problem that stops it from being used.

    With `raw`, a CSV file gives its CsvTable instead of its rows, for the caller to read the cells with
    `read_cells` (or to recognise them: a million rows repeat a few dates, steps and scores, and tally.py reads
    each such row once) before it asks for the next item, which closes the file; JSON Lines give Rows and Problems
    either way."""
    if not path.exists() and str(path) != "-":
        raise ResultsFileError(f"no such results file: {display}")
    if path.is_dir():
        raise ResultsFileError(f"{display} is a folder: name the results files (CSV or JSON Lines)")
    source = Path("/dev/stdin") if str(path) == "-" else path
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson", ".json")
    try:
        with open(source, "rb") as stream:
            text = io.TextIOWrapper(stream, encoding=_encoding(settings.encoding), newline="", errors="strict")
            if jsonl:
                yield from _json_lines(text, display, settings)
                return
            table = _csv_table(text, display, source, settings)
            if raw or isinstance(table, Problem):
                yield table
            else:
                yield from _csv_rows(table, settings)
    except OSError as error:
        yield _file_problem(display, 1, f"cannot read results file: {error.strerror or error}")
    except UnicodeDecodeError:
        yield _file_problem(display, _undecodable_line(source, settings.encoding),
                            f"the file is not {settings.encoding} text (from this line on)",
                            hint='set its encoding in journeymap.toml: [results] encoding = "cp1252"')


def _undecodable_line(path: Path, encoding: str) -> int:
    """The first line the encoding cannot read (text is decoded by the block, so the reader cannot say)."""
    decoder = codecs.getincrementaldecoder(_encoding(encoding))()
    try:
        with open(path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    decoder.decode(line)
                except UnicodeDecodeError:
                    return number
    except OSError:
        pass
    return 1


def _encoding(name: str) -> str:
    """UTF-8 reads a byte-order mark as text: spreadsheet exports often start with one."""
    return "utf-8-sig" if codecs.lookup(name).name == "utf-8" else name


def _csv_table(text: io.TextIOWrapper, display: str, source: Path, settings: ResultsSettings) -> CsvTable | Problem:
    header_line = text.readline()
    if not header_line.strip():
        return _file_problem(display, 1, "the file is empty: the first line names the columns")
    delimiter = settings.delimiter or _sniff(header_line)
    csv.field_size_limit(MAX_FIELD)
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = _columns(header, display, settings)
    if isinstance(columns, Problem):
        return columns
    return CsvTable(display, columns, text, delimiter, csv.reader(text, delimiter=delimiter), source, settings.encoding)


def _csv_rows(table: CsvTable, settings: ResultsSettings) -> Iterator[Row | Problem]:
    ended = 1  # the line on which the previous row ended
    for item in table.rows():
        if isinstance(item, Problem):
            yield item
            ended = table.ended()
            continue
        start, ended = ended + 1, table.ended()
        found = read_cells(item, table.columns, table.display, start, settings)
        if found is not None:
            yield found


def read_cells(cells: list[str], columns: Columns, display: str, line: int,
               settings: ResultsSettings) -> Row | Problem | None:
    """One CSV row into a Row, or the problem with it; None for a blank row."""
    if not any(cell.strip() for cell in cells):
        return None
    record = {name: cells[index] if index < len(cells) else "" for name, index in columns.items()}
    return _row(record, display, line, settings)


def _json_lines(text: io.TextIOWrapper, display: str, settings: ResultsSettings) -> Iterator[Row | Problem]:
    renamed = {column.casefold(): name for name, column in settings.columns.items()}
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as error:
            yield _row_problem(display, number, f"the line is not a JSON object: {error}")
            continue
        if not isinstance(data, dict):
            yield _row_problem(display, number, "the line is not a JSON object")
            continue
        record: dict[str, Any] = {}
        for key, value in data.items():
            name = renamed.get(str(key).casefold(), str(key).casefold())
            if name in FIELDS:
                record[name] = value
        yield _row(record, display, number, settings)


def _sniff(header: str) -> str:
    """The delimiter of a header line: the one of , ; tab | that it holds most (French spreadsheets write ;)."""
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _columns(header: list[str], display: str, settings: ResultsSettings) -> dict[str, int] | Problem:
    """Where each field is in the header: by its configured column name, else by its own name, case and spaces
    aside."""
    position = {cell.strip().casefold(): index for index, cell in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    for name in FIELDS:
        column = settings.columns.get(name, name).strip().casefold()  # type: ignore[call-overload]
        if column in position:
            found[name] = position[column]
    missing = [name for name in REQUIRED if name not in found]
    if "score" not in found and "value" not in found:
        missing.append("score (one answer per row) or value and respondents (aggregates)")
    elif "value" in found and "respondents" not in found and "score" not in found:
        missing.append("respondents (beside value)")
    if missing:
        wanted = ", ".join(f"{name} ({settings.columns[name]!r})" if name in settings.columns else name
                           for name in missing)
        return _file_problem(display, 1, f"the header has no column for {wanted}; it has: {', '.join(header)[:300]}",
                             hint="name the file's columns in journeymap.toml, e.g. [results.columns] "
                                  'step = "Question ID"')
    return found


def _row(record: dict[str, Any], display: str, line: int, settings: ResultsSettings) -> Row | Problem:
    """One record into a Row, or the problem with it."""
    texts = {name: _text(record.get(name)) for name in FIELDS}
    for name in REQUIRED:
        if not texts[name]:
            return _row_problem(display, line, f"'{name}' is empty")
    day = _date(texts["date"], settings.date_format)
    if day is None:
        shape = f"'{settings.date_format}'" if settings.date_format else "an ISO date (2026-03-31) or date-time"
        return _row_problem(display, line, f"'{texts['date'][:40]}' is not a date: expected {shape}",
                            hint=None if settings.date_format else
                            'set the format in journeymap.toml: [results] date_format = "%d/%m/%Y"')
    metric = texts["metric"]
    if metric:
        metric = settings.metrics.get(metric, settings.metrics.get(metric.casefold(), metric.casefold()))
    score = value = None
    respondents = 1
    if texts["score"]:
        score = _number(record.get("score"))
        if score is None:
            return _row_problem(display, line, f"score '{texts['score'][:40]}' is not a number")
    elif texts["value"]:
        value = _number(record.get("value"))
        if value is None:
            return _row_problem(display, line, f"value '{texts['value'][:40]}' is not a number")
        counted = _count(record.get("respondents"))
        if counted is None:
            return _row_problem(display, line, f"respondents '{texts['respondents'][:40]}' is not a number of "
                                               "people (a whole number, 1 or more)")
        respondents = counted
    else:
        return _row_problem(display, line, "the row has neither a score nor a value")
    return Row(display, line, texts["journey"], texts["step"], day, metric or None, score, value, respondents,
               texts["verbatim"] or None, texts["channel"] or None, texts["segment"] or None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return (str(value) if not isinstance(value, str) else value).strip()


def _date(text: str, fmt: str | None) -> dt.date | None:
    try:
        if fmt:
            return dt.datetime.strptime(text, fmt).date()
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()  # the day as written, not converted
    except ValueError:
        return None


_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def _number(value: Any) -> float | None:
    """A finite number; "4,5" is read as 4.5 (French spreadsheets)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = _text(value).replace("\u00a0", "").replace(" ", "")
        if _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) else None


_THOUSANDS = re.compile(r"\d{1,3}([,\u00a0 .]\d{3})+")


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    text = _text(value)
    if _THOUSANDS.fullmatch(text):
        text = re.sub(r"[,\u00a0 .]", "", text)
    number = _number(text)
    if number is None or number < 1 or number != int(number):
        return None
    return int(number)


def _file_problem(display: str, line: int, message: str, hint: str | None = None) -> Problem:
    return catalogue.problem("JM501", display, (line, 1), message, hint=hint)


def _row_problem(display: str, line: int, message: str, hint: str | None = None) -> Problem:
    return catalogue.problem("JM502", display, (line, 1), message, hint=hint)
