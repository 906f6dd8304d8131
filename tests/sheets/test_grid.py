"""sheets/grid.py: every spreadsheet fixture read into the grid SOURCES.md describes, hostile files refused or
defused (zip bombs from the directory alone, formulas never evaluated, huge dimensions held sparse), CSV encodings
and delimiters found, and our own export read back as written."""

from __future__ import annotations

import codecs
import datetime
import hashlib
import io
import re
import struct
import tempfile
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.sheets import grid
from journeymap.sheets.export import SHEETS_EXTRA, SheetsUnavailable, tables, to_csv, to_xlsx
from journeymap.sheets.grid import Book, Sheet, UnreadableSheet, read_book
from journeymap.validate import validate_text

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (pip install 'journeymap[sheets]') reads the workbooks")

SHEETS = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _documented() -> list[dict[str, str]]:
    blocks = re.findall(r"```fixture\n(.*?)```", (SHEETS / "SOURCES.md").read_text(encoding="utf-8"), flags=re.S)
    return [dict((part.strip() for part in line.partition(":")[::2]) for line in block.strip().splitlines())
            for block in blocks]


DOCUMENTED = _documented()


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" | ")]


def _sheet(book: Book, name: str) -> Sheet:
    return next(sheet for sheet in book.sheets if sheet.name == name)


# --- the real layouts ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("record", DOCUMENTED, ids=[record["file"] for record in DOCUMENTED])
def test_each_fixture_reads_as_sources_says(record: dict[str, str]) -> None:
    path = SHEETS / record["file"]
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    book = read_book(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before  # never modified
    if path.suffix == ".csv":
        assert book.kind == "csv" and len(book.sheets) == 1
        assert (book.encoding, book.delimiter) == (record["encoding"], record["delimiter"].replace("tab", "\t"))
        sheet = book.sheets[0]
        assert sheet.name == path.stem and sheet.merges == () and sheet.formulas == {}
        assert all(isinstance(value, str) and value for value in sheet.cells.values())
    else:
        assert book.kind == "xlsx" and book.encoding is None and book.delimiter is None
        assert [sheet.name for sheet in book.sheets] == _split(record["sheets"])
        sheet = _sheet(book, record["sheet"])
    if "lanes" in record:
        assert [sheet.row(row)[1] for row in sheet.rows() if 1 in sheet.row(row)] == _split(record["lanes"])
    else:
        header = sheet.row(int(record["header_row"]))
        assert [header[column] for column in sorted(header)] == _split(record["headers"])


def test_nng_lanes_are_merged_down_column_a() -> None:
    sheet = read_book(SHEETS / "nng-remote-journey-en.xlsx").sheets[0]
    assert sheet.cells[7, 1] == "Actions" and sheet.ref(7, 1) == "'Journey Map'!A7"
    assert (7, 1, 12, 1) in sheet.merges and (19, 1, 25, 1) in sheet.merges
    assert (8, 1) not in sheet.cells  # the value stays in the top-left cell; the importer spreads merges
    assert len(sheet.merges) == 7 and sheet.merges == tuple(sorted(sheet.merges))


def test_parcours_emotions_are_integers_and_phases_merged() -> None:
    sheet = read_book(SHEETS / "parcours-usager-fr.xlsx").sheets[0]
    assert sheet.cells[6, 2] == 0 and type(sheet.cells[6, 2]) is int
    assert sheet.row(6) == {1: "Émotion", 2: 0, 3: 1, 4: -1, 5: -1, 6: -2, 7: 1, 8: -2, 9: 2}
    assert sheet.row(1) == {1: "Phase", 2: "Découverte", 4: "Demande", 7: "Suivi"}
    assert (1, 2, 1, 3) in sheet.merges


def test_cjml_header_block_then_header_row_8() -> None:
    book = read_book(SHEETS / "cjml-template-en.xlsx")
    sheet = _sheet(book, "Journey 1")
    assert sheet.row(8)[13] == "UX description" and sheet.ref(8, 13) == "'Journey 1'!M8"
    assert min(sheet.rows()) < 8 < max(sheet.rows())


def test_trailhead_bom_semicolons_crlf() -> None:
    book = read_book(SHEETS / "trailhead-etapes-fr-bom-semicolons.csv")
    sheet = book.sheets[0]
    assert sheet.cells[1, 1] == "Étapes"  # BOM gone
    assert sheet.cells[4, 2] == "Paie 9,90 €"  # a decimal comma is text, not a delimiter
    assert any(";" in value for value in sheet.cells.values())  # a semicolon inside a quoted field
    assert not any("\r" in value for value in sheet.cells.values() if "\n" not in value)
    assert book.notes == ()


def test_cp1252_file_is_read_as_cp1252_with_its_note() -> None:
    book = read_book(SHEETS / "experience-map-fr-cp1252.csv")
    assert book.encoding == "cp1252" and book.sheets[0].cells[1, 2] == "Étape"
    (note,) = book.notes
    assert (note.kind, note.row, note.column, note.ref) == ("encoding", 1, 1, "'experience-map-fr-cp1252'!A1")
    assert "Windows-1252" in note.message and "[sheets] encoding" in note.message


def test_blueprint_csv_and_xlsx_hold_the_same_texts() -> None:
    workbook = read_book(SHEETS / "blueprint-signal-en.xlsx").sheets[0]
    text = read_book(SHEETS / "blueprint-signal-en.csv").sheets[0]
    assert workbook.cells.keys() == text.cells.keys()
    assert {key: str(value) for key, value in workbook.cells.items()} == text.cells
    assert any(type(value) is int for value in workbook.cells.values())  # "Time in minutes"


# --- hostile workbooks ---------------------------------------------------------------------------------------------

def _peak(action: object) -> tuple[object, int]:
    """What the action returned or raised (UnreadableSheet), and the most memory it held at once."""
    read_book(SHEETS / "hostile-empty.xlsx")  # openpyxl imported before measuring
    tracemalloc.start()
    try:
        result = action() if callable(action) else None
    except UnreadableSheet as error:
        result = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak


def test_zip_bomb_is_refused_from_its_directory() -> None:
    error, peak = _peak(lambda: read_book(SHEETS / "hostile-zip-bomb.xlsx"))
    assert isinstance(error, UnreadableSheet)
    assert re.search(r"xl/worksheets/sheet1\.xml would inflate to 100\.0 MiB \(1,0\d\d times its packed size\): "
                     r"refused as a zip bomb", str(error)), str(error)
    assert peak < 2 * 2**20, "the 100 MiB part was inflated"


def _forge(raw: bytes, part: str, size: int, crc: int | None = None) -> bytes:
    """The zip with `part` declared `size` bytes inflated (and with CRC `crc`), in its local header and in the
    central directory."""
    data = bytearray(raw)
    name = part.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30:local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    central = data.index(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, local + 22, size)
    struct.pack_into("<I", data, central + 24, size)
    if crc is not None:
        struct.pack_into("<I", data, local + 14, crc)
        struct.pack_into("<I", data, central + 16, crc)
    return bytes(data)


def test_a_directory_that_lies_is_caught_by_the_crc(tmp_path: Path) -> None:
    forged = tmp_path / "liar.xlsx"
    part = "xl/worksheets/sheet1.xml"
    forged.write_bytes(_forge((SHEETS / "hostile-zip-bomb.xlsx").read_bytes(), part, 1_000_000))
    assert zipfile.ZipFile(forged).getinfo(part).file_size == 1_000_000  # under every limit of the directory
    error, peak = _peak(lambda: read_book(forged))
    assert isinstance(error, UnreadableSheet) and "Bad CRC-32" in str(error), error
    assert peak < 12 * 2**20, f"{peak:,} bytes held: the 100 MiB part was inflated"


def test_a_lie_with_a_matching_crc_never_inflates_the_part(tmp_path: Path) -> None:
    """styles.xml declared at its true size and CRC, followed in the deflate stream by 64 MiB of padding: zipfile
    stops at the declared size, but a whole read (openpyxl reads styles.xml so) inflates everything first."""
    source = SHEETS / "hostile-merged-chaos.xlsx"
    styles = zipfile.ZipFile(source).read("xl/styles.xml")
    padded = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in original.infolist():
            data = original.read(entry)
            target.writestr(entry.filename, data + b"<!--" + b" " * 64 * 2**20 + b"-->"
                            if entry.filename == "xl/styles.xml" else data)
    forged = tmp_path / "liar.xlsx"
    forged.write_bytes(_forge(padded.getvalue(), "xl/styles.xml", len(styles), zlib.crc32(styles)))
    book, peak = _peak(lambda: read_book(forged))
    assert isinstance(book, Book) and book.sheets[0].cells == read_book(source).sheets[0].cells  # the lie is cut off
    assert peak < 12 * 2**20, f"{peak:,} bytes held: the padding was inflated"


def test_formulas_are_never_evaluated() -> None:
    book = read_book(SHEETS / "hostile-formulas.xlsx")
    sheet = book.sheets[0]
    refs = {"Journey!B2", "Journey!D2", "Journey!B3", "Journey!B4", "Journey!D4", "Journey!B5"}
    assert {note.ref for note in book.notes} == refs
    assert all(note.kind == "formula" and "no saved value: left out, never evaluated" in note.message
               for note in book.notes)
    assert not {(note.row, note.column) for note in book.notes} & sheet.cells.keys()
    assert sheet.formulas[2, 4] == "=1+1" and sheet.formulas[3, 2] == "=CMD|' /C calc'!A0"
    assert sheet.cells[5, 3] == "@SUM(1+1)*cmd|' /C calc'!A0" and sheet.cells[5, 4] == "+1+1"  # text stays text


def _xlsx(tmp_path: Path, rows: str, *, after: str = "", strings: list[str] | None = None,
          name: str = "made.xlsx") -> Path:
    """A workbook whose sheet1.xml holds `rows` (the <sheetData> content) and `after` (merges, links...), and a
    shared string table when `strings` is given: the parts Excel writes that openpyxl does not."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<sheetData\s*/>|<sheetData>.*</sheetData>",
                              f"<sheetData>{rows}</sheetData>{after}".encode(), data, flags=re.S)
            if entry.filename == "[Content_Types].xml" and strings is not None:
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application'
                                    b'/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            target.writestr(entry, data)
        if strings is not None:
            items = "".join(f"<si><t xml:space=\"preserve\">{text}</t></si>" for text in strings)
            target.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                            f'2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_saved_values_of_formulas_are_used_with_a_note(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f>SUM(A1:B1)</f>'
                 '<v>3</v></c><c r="D1" t="str"><f>UPPER("ok")</f><v>OK</v></c><c r="E1" t="e"><f>1/0</f>'
                 '<v>#DIV/0!</v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1"><f>A1+1</f><v></v></c>'
                 '<c r="H1"><f t="array" ref="H1">SUM(A1:B1*2)</f><v>6</v></c>'
                 '<c r="I1"><f t="dataTable" ref="I1" dt2D="1" r1="A1" r2="B1"/><v>2.5</v></c></row>')
    book = read_book(path)
    sheet = book.sheets[0]
    assert sheet.cells == {(1, 1): 1, (1, 2): 2, (1, 3): 3, (1, 4): "OK", (1, 8): 6, (1, 9): 2.5}
    assert sheet.formulas == {(1, 3): "=SUM(A1:B1)", (1, 4): '=UPPER("ok")', (1, 5): "=1/0", (1, 7): "=A1+1",
                              (1, 8): "=SUM(A1:B1*2)", (1, 9): "=TABLE(A1,B1)"}
    notes = {note.ref: (note.kind, note.message) for note in book.notes}
    assert notes["Sheet!C1"] == ("formula", "formula =SUM(A1:B1): its saved value 3 is used, never evaluated")
    assert notes["Sheet!D1"][0] == "formula"
    assert notes["Sheet!E1"] == ("error-value", "formula =1/0 saved the error #DIV/0!: left out, never evaluated")
    assert notes["Sheet!F1"] == ("error-value", "error value #N/A: left out")
    assert notes["Sheet!G1"] == ("formula", "formula =A1+1 has no saved value: left out, never evaluated")


def test_huge_dimension_holds_only_its_three_cells() -> None:
    sheet = read_book(SHEETS / "hostile-huge-dimension.xlsx").sheets[0]
    assert sheet.cells == {(1, 1): "Stage", (1, 2): "Discover", (1048576, 16384): "far away"}
    assert sheet.rows() == [1, 1048576] and sheet.ref(1048576, 16384) == "Journey!XFD1048576"


def test_huge_merged_or_linked_ranges_are_refused(tmp_path: Path) -> None:
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    merge = _xlsx(tmp_path, cell, after='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')
    with pytest.raises(UnreadableSheet, match=r"merged or linked ranges cover 17,179,869,184 cells"):
        read_book(merge)
    link = _xlsx(tmp_path, cell, name="link.xlsx",
                 after='<hyperlinks><hyperlink ref="A1:Z100000" display="x"/></hyperlinks>')
    with pytest.raises(UnreadableSheet, match=r"cover 2,600,000 cells"):
        read_book(link)
    disguised = _xlsx(tmp_path, cell, name="disguised.xlsx",  # single quotes and a character reference
                      after="<mergeCells count='1'><mergeCell ref='A1:&#88;FD1048576'/></mergeCells>")
    with pytest.raises(UnreadableSheet, match=r"cover 17,179,869,184 cells"):
        read_book(disguised)
    columns = _xlsx(tmp_path, cell, name="columns.xlsx",
                    after='<hyperlinks><hyperlink ref="A:XFD" display="x"/></hyperlinks>')
    with pytest.raises(UnreadableSheet, match=r"cover 17,179,869,184 cells"):  # every row of every column
        read_book(columns)
    assert [grid._area(ref) for ref in ("B2", "$A$1:$C$4", "C4:A1", "2:3", "A:A", "XFD1048576", "", "not one")] == [
        1, 12, 12, 32_768, 1_048_576, 1, 0, 0]


def test_empty_workbook_gives_an_empty_sheet() -> None:
    book = read_book(SHEETS / "hostile-empty.xlsx")
    assert [(sheet.name, sheet.cells, sheet.merges, sheet.rows()) for sheet in book.sheets] == [("Feuil1", {}, (), [])]
    assert book.notes == ()


def test_merged_chaos_keeps_its_merges_and_values() -> None:
    book = read_book(SHEETS / "hostile-merged-chaos.xlsx")
    sheet = book.sheets[0]
    assert sheet.merges == ((1, 2, 1, 4), (1, 3, 1, 6), (2, 2, 4, 2), (3, 1, 4, 1), (6, 1, 6, 7))
    assert sheet.row(5) == {1: "Émotion", 2: datetime.datetime(2024, 3, 1, 9, 0), 3: True, 4: 3.5, 5: "-2"}
    assert [(note.ref, note.kind) for note in book.notes] == [("Carte!G5", "formula")]
    assert sheet.cells[6, 1] == "Irritants" and sheet.cells[1, 7] == "Après"


def test_cells_over_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(",".join("x" * 500) for _ in range(501)), encoding="utf-8")
    with pytest.raises(UnreadableSheet, match="more than 250,000 cells"):
        read_book(path)
    monkeypatch.setattr(grid, "MAX_CELLS", 40)
    with pytest.raises(UnreadableSheet, match="more than 40 cells") as error:
        read_book(SHEETS / "nng-remote-journey-en.xlsx")  # 47 cells
    assert error.value.hint and "hundreds" in error.value.hint


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = ('<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>')
    path = _xlsx(tmp_path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=["&h;"])
    data = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(data, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            target.writestr(entry, laughs.encode() + part if entry.filename == "xl/sharedStrings.xml" else part)
    path.write_bytes(data.getvalue())
    with pytest.raises(UnreadableSheet, match="xl/sharedStrings.xml declares XML entities: refused as hostile"):
        read_book(path)


def test_openpyxl_warnings_do_not_reach_the_user(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>',
                 after='<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"/></extLst>')
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        openpyxl.load_workbook(path)
    assert seen, "this workbook no longer makes openpyxl warn: the test proves nothing"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_book(path).sheets[0].cells == {(1, 1): 1}


def test_chartsheets_are_skipped_and_hidden_sheets_read(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    book.active["A1"] = 3
    hidden = book.create_sheet("Back office")
    hidden["B2"], hidden.sheet_state = "kept", "hidden"
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=1))
    book.create_chartsheet("Chart").add_chart(chart)
    book.save(tmp_path / "charts.xlsx")
    read = read_book(tmp_path / "charts.xlsx")
    assert [(sheet.name, sheet.cells) for sheet in read.sheets] == [("Sheet", {(1, 1): 3}),
                                                                     ("Back office", {(2, 2): "kept"})]


# --- files that are no workbook and no CSV -------------------------------------------------------------------------

def test_refusals_say_what_the_file_is(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    ods = tmp_path / "libre.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    xlsb = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    html = tmp_path / "report.xls"
    html.write_text("<html><body><table><tr><td>Stage</td></tr></table></body></html>", encoding="utf-8")
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"Stage,Step\nA,\x00B\n")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes((SHEETS / "nng-remote-journey-en.xlsx").read_bytes()[:3000])
    expected = {xls: (r"old Excel \.xls workbook", "Save as"), ods: (r"OpenDocument spreadsheet \(\.ods\)", "Save as"),
                xlsb: (r"Excel binary workbook \(\.xlsb\)", "Save as"), html: ("is HTML or XML", "Save as"),
                nul: ("not a text file", "Save as"), damaged: ("not a readable xlsx workbook", "save it again"),
                tmp_path: ("is a folder, not a spreadsheet file", "name an .xlsx or .csv file"),
                tmp_path / "missing.csv": ("no such file", None)}
    for path, (message, hint) in expected.items():
        with pytest.raises(UnreadableSheet, match=message) as error:
            read_book(path)
        assert str(error.value).startswith(str(path)), error.value
        assert (hint is None and error.value.hint is None) or (hint and hint in (error.value.hint or "")), path


def test_size_is_bounded_by_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Stage\n" * 100, encoding="utf-8")
    with pytest.raises(UnreadableSheet, match="over the limit of 500 bytes") as error:
        read_book(path, max_bytes=500)
    assert "max_file_size" in (error.value.hint or "")
    assert read_book(path, max_bytes=600).sheets[0].cells[100, 1] == "Stage"


def test_missing_openpyxl_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)  # `import openpyxl` raises ImportError
    with pytest.raises(SheetsUnavailable, match=re.escape(SHEETS_EXTRA)):
        read_book(SHEETS / "nng-remote-journey-en.xlsx")
    assert read_book(SHEETS / "pm-prompts-lanes-en.csv").sheets[0].cells[1, 1] == "Stage"  # CSV needs no openpyxl
    ods = tmp_path / "libre.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(UnreadableSheet, match="OpenDocument"):  # named before asking to install what cannot help
        read_book(ods)
    with pytest.raises(UnreadableSheet, match="zip bomb"):
        read_book(SHEETS / "hostile-zip-bomb.xlsx")


ZIP = (SHEETS / "hostile-merged-chaos.xlsx").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), st.binary(max_size=2000).map(lambda tail: b"PK\x03\x04" + tail),
                      st.tuples(st.integers(0, len(ZIP) - 1), st.binary(min_size=1, max_size=8)).map(
                          lambda cut: ZIP[:cut[0]] + cut[1] + ZIP[cut[0] + len(cut[1]):])),
       suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_give_a_book_or_unreadable_sheet(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        try:
            book = read_book(path)
        except UnreadableSheet as error:
            assert str(error)
        else:
            assert all(value != "" for sheet in book.sheets for value in sheet.cells.values())


# --- our own export, read back -------------------------------------------------------------------------------------

def _journey(text: str):  # type: ignore[no-untyped-def]
    journey = validate_text(text, "j.yaml").journey
    assert journey is not None
    return journey


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_export_read_back_gives_every_value_written(tmp_path: Path, path: Path) -> None:
    journey = _journey(path.read_text(encoding="utf-8"))
    workbook = tmp_path / "journey.xlsx"
    workbook.write_bytes(to_xlsx(journey, "rows"))
    book = read_book(workbook)
    assert book.notes == () and all(sheet.formulas == {} for sheet in book.sheets)
    for sheet, table in zip(book.sheets, tables(journey), strict=True):
        expected = {(row, column): value for row, values in enumerate(table.rows, start=2)
                    for column, value in enumerate(values, start=1) if value not in (None, "")}
        assert {key: value for key, value in sheet.cells.items() if key[0] > 1} == expected, sheet.name


HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+2", "@SUM(A1)", "\rcmd", "bell \x07 and _x0041_ literal",
           "two\r\nlines"]


@pytest.mark.parametrize("text", HOSTILE)
def test_export_of_formula_like_and_control_text_reads_back_as_written(tmp_path: Path, clean_journey: str,
                                                                        text: str) -> None:
    import json

    journey = _journey(clean_journey.replace("action: Pay for the order", f"action: {json.dumps(text)}"))
    (tmp_path / "rows.xlsx").write_bytes(to_xlsx(journey, "rows"))
    (tmp_path / "lanes.xlsx").write_bytes(to_xlsx(journey, "lanes"))
    rows, lanes = read_book(tmp_path / "rows.xlsx"), read_book(tmp_path / "lanes.xlsx")
    assert rows.sheets[0].cells[3, 3] == text and lanes.sheets[0].cells[3, 3] == text
    assert rows.notes == lanes.notes == ()
    (tmp_path / "journey.csv").write_bytes(to_csv(journey).encode("utf-8-sig"))
    book = read_book(tmp_path / "journey.csv")
    assert (book.encoding, book.delimiter) == ("utf-8-sig", ",")
    sheet = book.sheets[0]
    assert sheet.cells[1, 1] == "Steps" and sheet.cells[2, 2] == "Id"
    written = f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r", "'")) else text
    assert sheet.cells[4, 3] == written  # as written: the layout, not the grid, removes the ' it added


def test_excel_shared_strings_are_unescaped_once(tmp_path: Path) -> None:
    """Excel saves text in a shared string table, escaping control characters and a literal `_xHHHH_`; openpyxl's
    own reader half-undoes it (it drops every `x005F_`), which would make `_x005F_x0041_` read as "A"."""
    strings = ["_x005F_x0041_ literal", "bell _x0007_", "plain", "x005F_ kept", ""]
    rows = "".join(f'<c r="{letter}1" t="s"><v>{index}</v></c>' for index, letter in enumerate("ABCDE"))
    sheet = read_book(_xlsx(tmp_path, f'<row r="1">{rows}</row>', strings=strings)).sheets[0]
    assert sheet.cells == {(1, 1): "_x0041_ literal", (1, 2): "bell \x07", (1, 3): "plain", (1, 4): "x005F_ kept"}


# --- CSV -----------------------------------------------------------------------------------------------------------

def test_csv_quotes_line_endings_and_empty_cells(tmp_path: Path) -> None:
    text = 'Stage,Step,Note\n"Buy, then pay",Pay,"first line\nsecond; line"\n,Ship,\n\nEnd,,"x ""quoted"""\n'
    lf, crlf = tmp_path / "lf.csv", tmp_path / "crlf.csv"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    sheet = read_book(lf).sheets[0]
    assert sheet.cells == {(1, 1): "Stage", (1, 2): "Step", (1, 3): "Note", (2, 1): "Buy, then pay", (2, 2): "Pay",
                           (2, 3): "first line\nsecond; line", (3, 2): "Ship", (5, 1): "End", (5, 3): 'x "quoted"'}
    assert sheet.rows() == [1, 2, 3, 5] and sheet.row(4) == {}
    other = read_book(crlf).sheets[0].cells
    assert {key: value.replace("\r\n", "\n") for key, value in other.items()} == sheet.cells
    assert other[2, 3] == "first line\r\nsecond; line"  # kept as written


@pytest.mark.parametrize(("text", "delimiter"), [
    ("Stage;Step\nBuy;Pay 9,90 €\nUse;Share\n", ";"), ("Stage\tStep\nBuy\tPay, then wait\n", "\t"),
    ("Stage|Step\nBuy|Pay\n", "|"), ('Stage,Step\n"a;b;c",d\n"e;f",g\n', ","), ("Stage\nBuy\nPay, then wait\n", ","),
    ("", ","),
])
def test_delimiter_is_found(tmp_path: Path, text: str, delimiter: str) -> None:
    path = tmp_path / "found.csv"
    path.write_text(text, encoding="utf-8")
    book = read_book(path)
    assert book.delimiter == delimiter
    assert book.sheets[0].cells.get((1, 1)) == ("Stage" if text else None)


def test_given_delimiter_and_encoding_are_used(tmp_path: Path) -> None:
    path = tmp_path / "given.csv"
    path.write_bytes("Étape;Note\nPaie;ok\n".encode("latin-1"))
    book = read_book(path, encoding="latin-1", delimiter=";")
    assert (book.encoding, book.delimiter, book.notes) == ("latin-1", ";", ())
    assert book.sheets[0].cells[1, 1] == "Étape"
    utf16 = tmp_path / "utf16le.csv"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "Étape;Note\n".encode("utf-16-le"))
    assert read_book(utf16, encoding="utf-16-le").sheets[0].cells[1, 1] == "Étape"  # the BOM is no text
    assert read_book(path, encoding="latin-1", delimiter="|").sheets[0].cells[1, 1] == "Étape;Note"
    with pytest.raises(UnreadableSheet, match=r"not valid utf-8 text: byte 0xC9 at offset 0 \(line 1\)") as error:
        read_book(path, encoding="utf-8")
    assert "[sheets] encoding" in (error.value.hint or "")
    with pytest.raises(UnreadableSheet, match="unknown encoding 'klingon'"):
        read_book(path, encoding="klingon")
    with pytest.raises(UnreadableSheet, match="cannot be a CSV delimiter"):
        read_book(path, delimiter=";;")


def test_utf16_and_undecodable_files(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Étape\tNote\nPaie\tok\n".encode("utf-16-le"))
    book = read_book(path)
    assert (book.encoding, book.delimiter, book.sheets[0].cells[2, 2]) == ("utf-16", "\t", "ok")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Stage\nBuy \x81\n")  # 0x81: invalid UTF-8, undefined in Windows-1252
    with pytest.raises(UnreadableSheet, match=r"neither UTF-8 nor Windows-1252 text: byte 0x81 at offset 10 \(line 2"):
        read_book(bad)


def test_refs_quote_sheet_names_as_excel_does() -> None:
    assert Sheet("Sheet1", {}, (), {}).ref(7, 3) == "Sheet1!C7"
    assert Sheet("Journey 1", {}, (), {}).ref(7, 3) == "'Journey 1'!C7"
    assert Sheet("Étapes", {}, (), {}).ref(1, 28) == "Étapes!AB1"
    assert Sheet("O'Brien", {}, (), {}).ref(1, 702) == "'O''Brien'!ZZ1"
    assert [Sheet(name, {}, (), {}).ref(1, 1) for name in ("AB12", "R1C1", "2024", "a-b")] == [
        "'AB12'!A1", "'R1C1'!A1", "'2024'!A1", "'a-b'!A1"]
