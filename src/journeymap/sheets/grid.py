"""Reading a spreadsheet (xlsx or CSV) into plain grids of cell values, safely: the one door `journeymap import`
goes through, so that what a hostile or broken file can do stops here. Its guarantees and limits (a file beyond
them raises UnreadableSheet, with a hint):
- The kind is chosen by content, not by suffix: a zip is an xlsx workbook; an old .xls (or a password-protected
  workbook, also OLE2), an .xlsb, an OpenDocument .ods and HTML or XML saved as .xls are refused with a hint to
  save as .xlsx or CSV; any other text is CSV. Binary files (a NUL byte) are refused.
- The file is read once, never more than `max_bytes` (default 10 MiB, the `max_file_size` of journeymap.toml),
  never modified, and nothing is written.
- xlsx: the zip directory is checked before anything is inflated: at most 10,000 entries, 64 MiB inflated per
  entry and 256 MiB in all, and no entry over 1 MiB inflating more than 200 times its packed size (a zip bomb). A
  directory that lies about sizes is caught too: every part is inflated in small chunks up to its declared size
  (zipfile then fails on the CRC), and openpyxl reads a copy re-packed from those parts. Merged and hyperlink
  ranges (openpyxl fills them cell by cell) may cover at most 250,000 cells in all. A part declaring XML entities
  (the stuff of XML bombs; spreadsheets never write them) is refused.
- At most 250,000 cells holding a value in the whole file (a journey map holds hundreds). Only cells present are
  held: a sheet declaring A1:XFD1048576 costs what it holds, never a dense grid.
- Formulas are never evaluated. A formula's saved value (what the spreadsheet showed when it was saved) is used,
  with a CellNote; a formula without one is left out, with a CellNote. Excel error values (#DIV/0!, #N/A...) and
  numbers that are not finite are not values: left out, with a CellNote.
- xlsx text comes back as written: the OOXML escapes `_xHHHH_` (control characters, and `_x005F_` before a
  literal escape-like text) are undone, whether the text is inline (as our export writes it) or shared (as Excel
  saves it); nothing is stripped. Numbers are int when written without a fraction or exponent, float otherwise;
  dates and times are datetime objects, booleans bool; a duration under a day is a time, a longer one text.
- Merged ranges are given as they are; the value stays in the top-left cell only (as the spreadsheet shows it).
- Hidden sheets are read like the others; chartsheets (no cells) are skipped.
- CSV: the encoding given, else a BOM (UTF-8, UTF-16, UTF-32), else UTF-8, else Windows-1252 with a CellNote
  saying so. The delimiter given, else whichever of , ; tab | splits the first lines into the most rows of one
  same width (counted outside quotes; a one-column file is fine). Quoted fields may hold delimiters and line
  breaks; rows are CSV records (as a spreadsheet numbers them), not physical lines. Every cell is text, as
  written (no number conversion, and our export's ' before formula-like text is kept: the layout removes it).
  Empty cells are left out. A field over 131,072 characters is refused (the csv module's limit).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import functools
import io
import math
import re
import stat
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from journeymap.reading import DEFAULT_MAX_BYTES

CellValue = str | int | float | bool | datetime.datetime | datetime.date | datetime.time
NoteKind = Literal["formula", "error-value", "encoding"]

# A journey map holds hundreds of cells; Blueprint Signal, which imports the same kind of sheets, stops at 250,000.
MAX_CELLS = 250_000
# The zip directory's limits. A real journey workbook has tens of sheets (about four parts each) and some images:
# hundreds of entries, a few MiB. Sheet XML compresses 5-20 times, rarely 100; images and media hardly at all.
# 250,000 cells of styled sheet XML take about 12 MiB inflated, so 64 MiB a part leaves room for large images.
MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # a small part may compress very well (an empty sheet) and harm no one
SAVE_AS = "save it as .xlsx (File > Save as) or CSV, then import that file"
ENCODING_HINT = 'set the file\'s encoding in journeymap.toml: [sheets] encoding = "cp1252" (or latin-1, utf-16...)'
DELIMITERS = (",", ";", "\t", "|")
OLE2 = b"\xd0\xcf\x11\xe0"
ODS = b"application/vnd.oasis.opendocument.spreadsheet"


class UnreadableSheet(Exception):
    """The file cannot be read as a workbook or CSV, or is beyond the limits: a clear message (the importer reports
    it as an error, exit 1), with `hint` saying what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def column_letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


_PLAIN_NAME = re.compile(r"[^\W\d]\w*(?:\.\w+)*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*(?:[Cc]\d*)?|[Cc]\d*")


def quoted(name: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it is not a plain word or looks like a cell."""
    if _PLAIN_NAME.fullmatch(name) and not _CELL_LIKE.fullmatch(name):
        return name
    return "'" + name.replace("'", "''") + "'"


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; for a CSV file, the file's stem (as Excel names it on opening)
    cells: dict[tuple[int, int], CellValue]  # (row, column), 1-based, only cells holding a value
    merges: tuple[tuple[int, int, int, int], ...]  # (min_row, min_col, max_row, max_col) of each merged range
    formulas: dict[tuple[int, int], str]  # formula cells -> text; in `cells` only when a value was saved

    def ref(self, row: int, column: int) -> str:
        return f"{quoted(self.name)}!{column_letter(column)}{row}"

    @functools.cached_property
    def _by_row(self) -> dict[int, dict[int, CellValue]]:
        rows: dict[int, dict[int, CellValue]] = {}
        for (row, column), value in sorted(self.cells.items()):
            rows.setdefault(row, {})[column] = value
        return rows

    def rows(self) -> list[int]:
        """The row numbers that hold a cell, sorted (never a dense range)."""
        return list(self._by_row)

    def row(self, row: int) -> dict[int, CellValue]:
        return dict(self._by_row.get(row, {}))


@dataclass(frozen=True)
class CellNote:
    """Something about one cell the reader could not take as a plain value."""

    sheet: str
    row: int
    column: int
    ref: str
    message: str
    kind: NoteKind


@dataclass(frozen=True)
class Book:
    file: str  # as given, for messages
    kind: Literal["xlsx", "csv"]
    sheets: tuple[Sheet, ...]  # in workbook order (CSV: one)
    notes: tuple[CellNote, ...]
    encoding: str | None = None  # CSV: the encoding used
    delimiter: str | None = None  # CSV: the delimiter used


def read_book(path: Path, *, encoding: str | None = None, delimiter: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Book:
    """The file's sheets as grids. Raises UnreadableSheet, or SheetsUnavailable for a workbook without openpyxl."""
    file = str(path)
    raw = _read_bytes(path, file, max_bytes)
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _read_xlsx(raw, file)
    if raw.startswith(OLE2):
        raise UnreadableSheet(f"{file} is an old Excel .xls workbook (or a password-protected one), which journeymap "
                              "does not read", hint=f"{SAVE_AS}; remove a password first")
    return _read_csv(raw, file, path.stem, encoding, delimiter)


def _read_bytes(path: Path, file: str, max_bytes: int) -> bytes:
    """The file's bytes, from a regular file only (a FIFO would block), never more than `max_bytes`."""
    from journeymap.files import kind_of

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableSheet(f"{file} is {kind_of(status.st_mode)}, not a spreadsheet file",
                                  hint="name an .xlsx or .csv file")
        with open(path, "rb") as stream:
            raw = stream.read(min(status.st_size, max_bytes) + 1)  # read(max_bytes + 1) would hold that much
            if status.st_size < len(raw) <= max_bytes:  # it grew since stat()
                raw += stream.read(max_bytes + 1 - len(raw))
    except FileNotFoundError:
        raise UnreadableSheet(f"{file}: no such file") from None
    except OSError as error:
        raise UnreadableSheet(f"{file}: cannot read it: {error.strerror or error}") from None
    if len(raw) > max_bytes:
        raise UnreadableSheet(f"{file} is over the limit of {max_bytes:,} bytes",
                              hint="raise `max_file_size` in journeymap.toml if this journey really is that large")
    return raw


# --- xlsx ----------------------------------------------------------------------------------------------------------

def _verified(raw: bytes, file: str) -> bytes:
    """The workbook re-packed from its parts, each inflated in small chunks once the directory passed the limits:
    zipfile then stops at the declared size, whereas a whole read (openpyxl's, for most parts) inflates the entire
    deflate stream in one call before cutting it to size, so a lying directory could still inflate gigabytes."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        entries = archive.infolist()
        mimetype = b""
        if any(entry.filename == "mimetype" for entry in entries):
            with archive.open("mimetype") as stream:
                mimetype = stream.read(200).strip()  # read(200) stops there, whatever the directory says
        if mimetype == ODS:
            raise UnreadableSheet(f"{file} is an OpenDocument spreadsheet (.ods), which journeymap does not read",
                                  hint=SAVE_AS)
        if any(entry.filename.lower() == "xl/workbook.bin" for entry in entries):
            raise UnreadableSheet(f"{file} is an Excel binary workbook (.xlsb), which journeymap does not read",
                                  hint=SAVE_AS)
        if len(entries) > MAX_ENTRIES:
            raise UnreadableSheet(f"{file} holds {len(entries):,} zip entries, over the limit of {MAX_ENTRIES:,}: "
                                  "refused as hostile")
        total = 0
        for entry in entries:
            size, ratio = entry.file_size, entry.file_size / max(entry.compress_size, 1)
            if size > MAX_ENTRY_BYTES or (size > RATIO_FLOOR and ratio > MAX_RATIO):
                raise UnreadableSheet(f"{file}: {entry.filename} would inflate to {size / 2**20:,.1f} MiB "
                                      f"({ratio:,.0f} times its packed size): refused as a zip bomb")
            total += size
        if total > MAX_TOTAL_BYTES:
            raise UnreadableSheet(f"{file} would inflate to {total / 2**20:,.1f} MiB in all, over the limit of "
                                  f"{MAX_TOTAL_BYTES // 2**20} MiB: refused as a zip bomb")
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as target:
            for entry in entries:
                with archive.open(entry) as stream:
                    target.writestr(entry.filename, b"".join(iter(lambda: stream.read(65536), b"")))
    return packed.getvalue()


def _check_parts(packed: bytes, file: str) -> None:
    """Every part through a bare XML parser before openpyxl reads any: an entity declaration (the stuff of XML
    bombs, never written by spreadsheets) is refused, and so are merged and hyperlink ranges openpyxl would fill
    cell by cell past the cell limit (read by a parser, so quoting, character references, encodings count)."""
    from xml.parsers import expat

    area = 0

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal area
        if tag.endswith(("}mergeCell", "}hyperlink")):
            area += sum(_area(part) for part in attributes.get("ref", "").split())

    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        for entry in archive.infolist():
            def entity(*_: object) -> None:
                raise UnreadableSheet(f"{file}: {entry.filename} declares XML entities: refused as hostile")

            parser = expat.ParserCreate(namespace_separator="}")
            parser.StartElementHandler, parser.EntityDeclHandler = start, entity
            with archive.open(entry) as stream:
                try:
                    parser.ParseFile(stream)
                except UnreadableSheet:
                    raise
                except Exception:  # not XML (an image, vbaProject.bin...): openpyxl cannot read it as a sheet either
                    pass
            if area > MAX_CELLS:
                raise UnreadableSheet(f"{file}: its merged or linked ranges cover {area:,} cells, over the limit "
                                      f"of {MAX_CELLS:,}: refused as hostile")


_RANGE = re.compile(r"\$?([A-Za-z]{0,3})\$?(\d*)(?::\$?([A-Za-z]{0,3})\$?(\d*))?")


def _area(ref: str) -> int:
    """How many cells a range covers; a whole column (A:B) or row (1:3) counts the sheet's full height or width."""
    match = _RANGE.fullmatch(ref)
    if match is None or not (match[1] or match[2]):
        return 0  # not a range: openpyxl refuses it while loading
    first_column, first_row, last_column, last_row = match.groups()
    if last_column is None:
        last_column, last_row = first_column, first_row
    columns = abs(_index(last_column) - _index(first_column)) + 1 if first_column and last_column else 16_384
    rows = abs(int(last_row) - int(first_row)) + 1 if first_row and last_row else 1_048_576
    return columns * rows


def _index(letters: str) -> int:
    return functools.reduce(lambda number, letter: number * 26 + ord(letter) - 64, letters.upper(), 0)


def _openpyxl() -> Any:
    from journeymap.sheets.export import SHEETS_EXTRA, SheetsUnavailable

    try:
        import openpyxl
    except ImportError:
        raise SheetsUnavailable(f"reading a workbook needs openpyxl: {SHEETS_EXTRA}") from None
    return openpyxl


def _load(raw: bytes, data_only: bool) -> Any:
    """The workbook through openpyxl, its shared strings read as written: openpyxl's own reader drops every `x005F_`
    (half undoing the escape of a literal `_x0041_`); all text is unescaped in one place, _text."""
    from openpyxl.cell.text import Text
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is None:
                return
            tag = f"{{{SHEET_MAIN_NS}}}si"
            with self.archive.open(part.PartName[1:]) as source:
                for _, node in iterparse(source):
                    if node.tag == tag:
                        self.shared_strings.append(Text.from_tree(node).content)
                        node.clear()

    reader = Reader(io.BytesIO(raw), read_only=False, keep_vba=False, data_only=data_only, keep_links=False)
    reader.read()
    return reader.wb


def _read_xlsx(raw: bytes, file: str) -> Book:
    from journeymap.sheets.export import SheetsUnavailable

    with warnings.catch_warnings():  # openpyxl warns about extensions and validations it drops: not the user's concern
        warnings.simplefilter("ignore")
        try:
            raw = _verified(raw, file)  # before openpyxl is needed: an .ods is named without it
            _check_parts(raw, file)
            _openpyxl()
            book = _load(raw, data_only=False)
            formulas = any(cell.data_type == "f" for sheet in book.worksheets for cell in sheet._cells.values())
            saved = _load(raw, data_only=True) if formulas else None
        except (UnreadableSheet, SheetsUnavailable):
            raise
        except Exception as error:  # zipfile and openpyxl raise many kinds on malformed files
            cause = error.__cause__ or error
            reason = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
            raise UnreadableSheet(f"{file} is not a readable xlsx workbook ({reason})",
                                  hint="open it in a spreadsheet and save it again as .xlsx") from None
    sheets: list[Sheet] = []
    notes: list[CellNote] = []
    held = 0
    for index, worksheet in enumerate(book.worksheets):  # worksheets only: chartsheets hold no cells
        saved_cells = saved.worksheets[index]._cells if saved is not None else {}
        sheet = Sheet(worksheet.title, {}, _merges(worksheet), {})
        # The sheet's own cell dict, sparse: iter_rows() would walk the declared dimension (A1:XFD1048576 is 17
        # billion cells), while _cells holds only the cells the file has (and the merged cells openpyxl adds).
        for (row, column), cell in sorted(worksheet._cells.items()):
            if cell.data_type == "f":
                sheet.formulas[row, column] = _formula_text(cell.value)
            value, message, kind = _value(cell, saved_cells.get((row, column)))
            if message is not None:
                notes.append(CellNote(sheet.name, row, column, sheet.ref(row, column), message, kind))
            if value is not None:
                sheet.cells[row, column] = value
        sheets.append(sheet)
        held += len(sheet.cells)
        if held > MAX_CELLS:
            raise UnreadableSheet(f"{file} holds more than {MAX_CELLS:,} cells with a value: refused",
                                  hint="a journey map holds hundreds: save the sheet holding the journey alone")
    return Book(file, "xlsx", tuple(sheets), tuple(notes))


def _value(cell: Any, saved: Any) -> tuple[CellValue | None, str | None, NoteKind]:
    """A cell's plain value (None: none to hold), and what to note about it. A formula's value is the one saved
    in the file (`saved`, the cell as read with data_only=True), never computed."""
    what, value = "number", cell.value
    if cell.data_type == "f":
        text = _formula_text(cell.value)
        what = f"formula {text if len(text) <= 80 else text[:79] + '…'}"
        if saved is not None and saved.data_type == "e":
            return None, f"{what} saved the error {saved.value}: left out, never evaluated", "error-value"
        value = None if saved is None else _plain(saved.value)
        if value is None:
            return None, f"{what} has no saved value: left out, never evaluated", "formula"
    elif cell.data_type == "e":
        return None, f"error value {value}: left out", "error-value"
    value = _plain(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{what} {'saved ' if cell.data_type == 'f' else ''}{value}, not a finite number: left out", \
            "error-value"
    if cell.data_type == "f" and isinstance(value, bool) and what[8:].upper() in ("=TRUE()", "=FALSE()"):
        return value, None, "formula"  # how LibreOffice saves a plain TRUE or FALSE: a value, not a formula
    if cell.data_type == "f":
        return value, f"{what}: its saved value {value!r} is used, never evaluated", "formula"
    return value, None, "formula"


def _merges(worksheet: Any) -> tuple[tuple[int, int, int, int], ...]:
    bounds = (merged.bounds for merged in worksheet.merged_cells.ranges)  # (min_col, min_row, max_col, max_row)
    return tuple(sorted((min_row, min_col, max_row, max_col) for min_col, min_row, max_col, max_row in bounds))


def _formula_text(value: Any) -> str:
    """A plain formula is text, an array formula has `.text`, a data table none: Excel shows =TABLE(r1,r2)."""
    text = value if isinstance(value, str) else getattr(value, "text", None)
    if isinstance(text, str):
        return text
    return f"=TABLE({','.join(part for part in (getattr(value, 'r1', None), getattr(value, 'r2', None)) if part)})"


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text(text: str) -> str:
    """Undo OOXML's `_xHHHH_` escapes (one pass, so `_x005F_x0041_` gives the literal `_x0041_`)."""
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _plain(value: Any) -> CellValue | None:
    """A cell's value as a plain CellValue; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):  # a duration format: [h]:mm:ss
        if datetime.timedelta(0) <= value < datetime.timedelta(days=1):
            return (datetime.datetime.min + value).time()
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, (bool, int, float, datetime.datetime, datetime.date, datetime.time)):
        return value
    text = _text(str(value))  # str, or rich text should openpyxl ever give it
    return text or None


# --- CSV -----------------------------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_HTML = re.compile(r"\s*<(?:!doctype html|html|table|\?xml)", re.I)


def _read_csv(raw: bytes, file: str, name: str, encoding: str | None, delimiter: str | None) -> Book:
    text, used, note = _decode(raw, file, encoding)
    if "\x00" in text:
        raise _not_text(file)
    if _HTML.match(text):
        raise UnreadableSheet(f"{file} is HTML or XML (a web page, or Excel 2003 XML), not a workbook or CSV; some "
                              "tools save these with an .xls name", hint=SAVE_AS)
    if delimiter is None:
        delimiter = _delimiter(text)
    elif len(delimiter) != 1 or delimiter in "\"\r\n":
        raise UnreadableSheet(f"{delimiter!r} cannot be a CSV delimiter", hint="use one character: , ; | or a tab")
    cells: dict[tuple[int, int], CellValue] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row, record in enumerate(reader, start=1):
            for column, value in enumerate(record, start=1):
                if value:
                    cells[row, column] = value
            if len(cells) > MAX_CELLS:
                raise UnreadableSheet(f"{file} holds more than {MAX_CELLS:,} cells with a value: refused",
                                      hint="a journey map holds hundreds: keep only the journey in the file")
    except csv.Error as error:
        raise UnreadableSheet(f"{file}: line {reader.line_num}: not readable as CSV ({error})") from None
    sheet = Sheet(name, cells, (), {})
    notes = (CellNote(name, 1, 1, sheet.ref(1, 1), note, "encoding"),) if note else ()
    return Book(file, "csv", (sheet,), notes, encoding=used, delimiter=delimiter)


def _not_text(file: str) -> UnreadableSheet:
    return UnreadableSheet(f"{file} is not a text file (it holds NUL bytes): neither a workbook nor CSV", hint=SAVE_AS)


def _decode(raw: bytes, file: str, encoding: str | None) -> tuple[str, str, str | None]:
    """The text, the encoding used, and a note when it was guessed as Windows-1252."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise UnreadableSheet(f"unknown encoding '{encoding}'", hint=ENCODING_HINT) from None
        used = "utf-8-sig" if name == "utf-8" and raw.startswith(codecs.BOM_UTF8) else encoding
        return _strict(raw, file, used).removeprefix("\ufeff"), used, None  # utf-16-le given, BOM there
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, file, name), name, None
    if b"\x00" in raw:
        raise _not_text(file)
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = _strict(raw, file, "cp1252", guessed=True)
    return text, "cp1252", ("not UTF-8 text: read as Windows-1252 (cp1252), as older Excel saves CSV; if accents "
                            f"look wrong, {ENCODING_HINT}")


def _strict(raw: bytes, file: str, encoding: str, guessed: bool = False) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        what = "neither UTF-8 nor Windows-1252 text" if guessed else f"not valid {encoding} text"
        raise UnreadableSheet(f"{file} is {what}: byte 0x{raw[error.start]:02X} at offset {error.start:,} "
                              f"(line {line})", hint=ENCODING_HINT) from None


def _delimiter(text: str) -> str:
    """The candidate that splits the first records into the most rows of one same width (above one), counted by
    the csv module itself, so delimiters inside quotes do not count. csv.Sniffer guesses from character
    frequencies and gives up on plain comma files (blueprint-signal-en.csv): this count is simpler and surer."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[:sample.rindex("\n")]  # whole lines only
    best, best_score = ",", 0
    for candidate in DELIMITERS:
        try:
            widths = [len(record) for record, _ in zip(csv.reader(io.StringIO(sample, newline=""),
                                                                  delimiter=candidate), range(100))]
        except csv.Error:
            continue
        wide = [width for width in widths if width > 1]
        if not wide:
            continue
        usual = max(set(wide), key=lambda width: (wide.count(width), width))
        score = wide.count(usual)
        if score > best_score:
            best, best_score = candidate, score
    return best
