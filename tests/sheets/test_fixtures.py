"""The spreadsheet fixtures are what tests/fixtures/sheets/SOURCES.md says they are, and make_replicas.py rebuilds
them byte for byte, so the import (issue 14) starts from verified material."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl reads the xlsx fixtures (pip install openpyxl)")

SHEETS = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"
SOURCES = SHEETS / "SOURCES.md"


def _documented() -> list[dict[str, str]]:
    """The ```fixture blocks of SOURCES.md, as key: value dicts."""
    blocks = re.findall(r"```fixture\n(.*?)```", SOURCES.read_text(encoding="utf-8"), flags=re.S)
    records = []
    for block in blocks:
        record = {}
        for line in block.strip().splitlines():
            key, _, value = line.partition(":")
            record[key.strip()] = value.strip()
        records.append(record)
    return records


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" | ")]


DOCUMENTED = _documented()
XLSX = [record for record in DOCUMENTED if record["file"].endswith(".xlsx")]
CSVS = [record for record in DOCUMENTED if record["file"].endswith(".csv")]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_replicas", SHEETS / "make_replicas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sources_document_every_real_layout_fixture() -> None:
    documented = {record["file"] for record in DOCUMENTED}
    present = {path.name for path in SHEETS.iterdir() if path.suffix in {".xlsx", ".csv"}}
    hostile = {name for name in present if name.startswith("hostile-")}
    assert present - hostile == documented
    text = SOURCES.read_text(encoding="utf-8")
    for name in hostile:
        assert f"`{name}`" in text, f"{name} is not described in SOURCES.md"
    assert len(documented) >= 6


@pytest.mark.parametrize("record", XLSX, ids=[record["file"] for record in XLSX])
def test_xlsx_sheets_and_names_match_sources(record: dict[str, str]) -> None:
    book = openpyxl.load_workbook(SHEETS / record["file"], read_only=True)
    try:
        assert book.sheetnames == _split(record["sheets"])
        rows = list(book[record["sheet"]].iter_rows(values_only=True))
    finally:
        book.close()
    if "lanes" in record:
        first_column = [row[0] for row in rows if row and row[0] is not None]
        assert first_column == _split(record["lanes"])
        steps = max(sum(cell is not None for cell in row[1:]) for row in rows)
        assert 6 <= steps <= 10, "a replica holds a short journey of 6-10 steps"
    else:
        header_index = int(record["header_row"]) - 1
        header = [cell for cell in rows[header_index] if cell is not None]
        assert header == _split(record["headers"])
        body = [row for row in rows[header_index + 1:] if any(cell is not None for cell in row)]
        assert 6 <= len(body) <= 10


@pytest.mark.parametrize("record", CSVS, ids=[record["file"] for record in CSVS])
def test_csv_encoding_delimiter_and_names_match_sources(record: dict[str, str]) -> None:
    raw = (SHEETS / record["file"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (record["encoding"] == "utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw.decode(record["encoding"]), newline=""), delimiter=record["delimiter"]))
    assert len({len(row) for row in rows}) == 1, "every row has the same number of fields"
    if "lanes" in record:
        assert [row[0] for row in rows] == _split(record["lanes"])
        assert 6 <= len(rows[0]) - 1 <= 10
    else:
        assert rows[0] == _split(record["headers"])
        assert 6 <= len(rows) - 1 <= 10


def test_cp1252_csv_is_not_utf8() -> None:
    raw = (SHEETS / "experience-map-fr-cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\xc9tape" in raw  # "Étape" in Windows-1252


def test_bom_csv_quotes_a_semicolon_inside_a_field() -> None:
    text = (SHEETS / "trailhead-etapes-fr-bom-semicolons.csv").read_bytes().decode("utf-8-sig")
    assert "\r\n" in text
    assert "« Ma sœur le voit ; parfait »" in [field for row in csv.reader(io.StringIO(text), delimiter=";")
                                               for field in row]


def test_zip_bomb_is_small_on_disk_and_extreme_in_ratio() -> None:
    path = SHEETS / "hostile-zip-bomb.xlsx"
    assert path.stat().st_size < 200_000
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.file_size > 100 * 1024 * 1024
        assert sheet.file_size / sheet.compress_size > 500
        assert "xl/workbook.xml" in archive.namelist()  # a real xlsx, not any zip


def test_formulas_are_stored_without_values() -> None:
    path = SHEETS / "hostile-formulas.xlsx"
    formulas = [cell for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for cell in row
                if isinstance(cell, str) and cell.startswith("=")]
    assert any(formula.startswith("=HYPERLINK(") for formula in formulas)
    assert any(formula.upper().startswith("=CMD|") for formula in formulas)
    cached = openpyxl.load_workbook(path, data_only=True).active
    assert cached["B2"].value is None and cached["B3"].value is None, "no cached result: never evaluated"


def test_merged_chaos_has_overlapping_merges_and_merges_over_the_lane_column() -> None:
    sheet = openpyxl.load_workbook(SHEETS / "hostile-merged-chaos.xlsx").active
    ranges = {str(merged) for merged in sheet.merged_cells.ranges}
    assert {"B1:D1", "C1:F1", "A3:A4", "A6:G6", "B2:B4"} <= ranges
    emotion = [cell for cell in next(sheet.iter_rows(min_row=5, max_row=5, values_only=True))]
    assert {type(value).__name__ for value in emotion[1:] if value is not None} >= {"datetime", "bool", "float",
                                                                                        "str"}


def test_empty_and_huge_workbooks() -> None:
    empty = openpyxl.load_workbook(SHEETS / "hostile-empty.xlsx", read_only=True)
    assert empty.sheetnames == ["Feuil1"]
    assert [row for row in empty.active.iter_rows(values_only=True) if any(cell is not None for cell in row)] == []
    empty.close()
    with zipfile.ZipFile(SHEETS / "hostile-huge-dimension.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:XFD1048576"' in xml
    assert xml.count(b"<c ") == 3


def test_script_regenerates_identical_files(tmp_path: Path) -> None:
    written = _load_script().build(tmp_path)
    assert {path.name for path in written} == {path.name for path in SHEETS.iterdir()
                                               if path.suffix in {".xlsx", ".csv"}}
    for path in written:
        assert _content(path) == _content(SHEETS / path.name), f"{path.name} differs from the committed one"


def _content(path: Path) -> object:
    """A CSV's bytes; a workbook's entries with their XML in canonical form. openpyxl writes its XML with lxml when
    lxml is installed and with the standard library otherwise, in different bytes for the same document: the test
    must hold whichever the machine has (the committed files were written with lxml)."""
    if path.suffix != ".xlsx":
        return path.read_bytes()
    from xml.etree.ElementTree import canonicalize

    with zipfile.ZipFile(path) as archive:
        return [(name, canonicalize(archive.read(name).decode("utf-8"), strip_text=True)
                 if name.endswith((".xml", ".rels")) else archive.read(name)) for name in sorted(archive.namelist())]
