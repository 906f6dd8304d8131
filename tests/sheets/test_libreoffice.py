"""Exported workbooks opened by a real spreadsheet program: LibreOffice, headless, converts every example (both
layouts) to CSV (one file per sheet), to xlsx again and, once, to PDF. What it shows is what a person opening the
workbook would see: the sheets in order, the steps' actions and emotions as the journey has them, formula-like text
as text (never computed), French accents intact. Controls prove the checks can fail: a real formula is computed,
a damaged workbook is noticed. All the workbooks go through one soffice call per output format."""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CLEAN_JOURNEY, require

from journeymap.model import Journey
from journeymap.sheets import layout
from journeymap.sheets.export import to_xlsx
from journeymap.sheets.layout import Layout
from journeymap.validate import validate_text

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (pip install 'journeymap[sheets]') writes the workbooks")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LAYOUTS: tuple[Layout, ...] = ("lanes", "rows")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Comma, double quote, UTF-8 (76), from line 1, no cell formats, default language; then: do not quote every text
# cell, (import only), not the values as formatted, NOT the formulas (a formula shows its result, so text that a
# spreadsheet took for a formula would show "2"), keep spaces, and -1: every sheet, one file each (LibreOffice 7.2+).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TIMEOUT = 300  # seconds for one soffice call over every workbook (about 3 s here)

# Formula-like text in step actions and a pain point: LibreOffice must show it, not compute it.
HOSTILE = (CLEAN_JOURNEY.replace("action: Browse the recipes", 'action: "=1+1"')
           .replace("action: Pay for the order", 'action: "@SUM(A1)"')
           .replace("description: The payment page is slow", 'description: "=1+1 is not a sum"'))
PDF_EXAMPLE = "en-b2b-quote-request"
# Saved as xlsx again (about half a second each): one journey per language in both layouts, and the controls.
RESAVED = ("en-citizen-permit", "fr-patient-teleconsultation", "hostile", "formula")


def _load(text: str, name: str) -> Journey:
    journey = validate_text(text, name).journey
    assert journey is not None, name
    return journey


JOURNEYS = {path.stem: _load(path.read_text(encoding="utf-8"), str(path)) for path in EXAMPLES}
JOURNEYS["hostile"] = _load(HOSTILE, "hostile.yaml")


@dataclass(frozen=True)
class Converted:
    """What LibreOffice wrote for the workbooks of workbooks/: one CSV per sheet, xlsx again, a PDF; and what it
    said while converting to CSV (where it reports a file it could not load)."""

    workbooks: Path
    csv: Path
    xlsx: Path
    pdf: Path
    csv_log: str


def _soffice(profile: Path, target: str, outdir: Path, inputs: list[Path]) -> str:
    """One headless conversion of many files, in its own profile (runs never share one). soffice exits 0 even
    when it cannot load a file, so the callers check what it wrote."""
    assert SOFFICE is not None
    result = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target,
         "--outdir", str(outdir), *map(str, inputs)],
        capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    require([] if SOFFICE else ["LibreOffice (soffice; ./dev test installs libreoffice-calc-nogui)"],
            "the LibreOffice tests")
    root = tmp_path_factory.mktemp("libreoffice")
    books = root / "workbooks"
    books.mkdir()
    for name, journey in JOURNEYS.items():
        for sheets_layout in LAYOUTS:
            (books / f"{name}-{sheets_layout}.xlsx").write_bytes(to_xlsx(journey, sheets_layout))
    control = openpyxl.Workbook()
    control.active["A1"] = "=1+1"  # a real formula: LibreOffice computes it
    control.save(books / "formula.xlsx")
    _damage(books / f"{PDF_EXAMPLE}-rows.xlsx", books / "damaged.xlsx")
    (books / "truncated.xlsx").write_bytes((books / f"{PDF_EXAMPLE}-rows.xlsx").read_bytes()[:3000])
    inputs = sorted(books.glob("*.xlsx"))
    profile = root / "profile"
    csv_log = _soffice(profile, CSV_FILTER, root / "csv", inputs)
    resaved = [path for path in inputs if path.stem in RESAVED or path.stem.rsplit("-", 1)[0] in RESAVED]
    _soffice(profile, "xlsx", root / "xlsx", resaved)
    _soffice(profile, "pdf", root / "pdf", [books / f"{PDF_EXAMPLE}-lanes.xlsx"])
    return Converted(books, root / "csv", root / "xlsx", root / "pdf", csv_log)


def _damage(source: Path, target: Path) -> None:
    """A copy whose first sheet's XML is cut in half (the zip itself stays sound): LibreOffice loads part of it."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as damaged:
        for entry in original.infolist():
            data = original.read(entry.filename)
            damaged.writestr(entry, data[: len(data) // 2] if entry.filename == "xl/worksheets/sheet1.xml" else data)


def _sheet(converted: Converted, workbook: str, sheet: str) -> list[list[str]]:
    path = converted.csv / f"{workbook}-{sheet}.csv"
    assert path.exists(), f"LibreOffice wrote no {path.name}:\n{converted.csv_log}"
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def _written(converted: Converted, workbook: str) -> list[str]:
    """The sheets LibreOffice wrote for a workbook, in its order ("Writing sheet NAME -> FILE" after "convert")."""
    lines = converted.csv_log.splitlines()
    start = lines.index(f"convert {converted.workbooks / workbook}.xlsx using filter : {CSV_FILTER[4:]}")
    names = []
    for line in lines[start + 1:]:
        if not line.startswith("Writing sheet "):
            break
        names.append(line.removeprefix("Writing sheet ").rpartition(" -> ")[0])
    return names


def _names(journey: Journey, sheets_layout: Layout) -> list[str]:
    return [layout.sheet_name(sheet, journey.lang, sheets_layout) for sheet in layout.SHEET_ORDER]


def _steps_seen(converted: Converted, workbook: str, journey: Journey,
                sheets_layout: Layout) -> list[tuple[str, str]]:
    """Each step's action and emotion as LibreOffice shows them, from the steps sheet of either layout."""
    rows = _sheet(converted, workbook, layout.sheet_name("steps", journey.lang, sheets_layout))
    keys = [column.key for column in layout.STEP_COLUMNS]
    action, emotion = keys.index("action"), keys.index("emotion")
    if sheets_layout == "rows":
        return [(row[action], row[emotion]) for row in rows[1:]]
    return list(zip(rows[action][1:], rows[emotion][1:], strict=True))


def _steps(journey: Journey) -> list[tuple[str, str]]:
    return [(step.action, "" if step.emotion is None else str(step.emotion))
            for stage in journey.stages for step in stage.steps]


CASES = [pytest.param(path.stem, sheets_layout, id=f"{path.stem}-{sheets_layout}")
         for path in EXAMPLES for sheets_layout in LAYOUTS]


@pytest.mark.parametrize(("name", "sheets_layout"), CASES)
def test_every_sheet_opens_in_order(converted: Converted, name: str, sheets_layout: Layout) -> None:
    journey, workbook = JOURNEYS[name], f"{name}-{sheets_layout}"
    names = _names(journey, sheets_layout)
    assert _written(converted, workbook) == names
    for sheet in names:
        assert _sheet(converted, workbook, sheet), sheet  # every sheet written: at least its header
    if name in RESAVED:
        saved = openpyxl.load_workbook(converted.xlsx / f"{workbook}.xlsx")  # LibreOffice's own save, read back
        assert saved.sheetnames == names
        assert [row[0].value for row in saved.worksheets[1].iter_rows(min_row=2)] == [
            row[0] for row in _sheet(converted, workbook, names[1])[1:]]  # the journey sheet, whole


@pytest.mark.parametrize(("name", "sheets_layout"), CASES)
def test_steps_show_as_the_journey_has_them(converted: Converted, name: str, sheets_layout: Layout) -> None:
    journey, workbook = JOURNEYS[name], f"{name}-{sheets_layout}"
    assert _steps_seen(converted, workbook, journey, sheets_layout) == _steps(journey)
    rows = _sheet(converted, workbook, layout.sheet_name("steps", journey.lang, sheets_layout))
    headers = layout.headers(layout.STEP_COLUMNS, journey.lang)
    shown = rows[0] if sheets_layout == "rows" else [row[0] for row in rows[: len(headers)]]
    assert shown == headers
    pains = _sheet(converted, workbook, layout.sheet_name("pain_points", journey.lang))
    assert [row[2] for row in pains[1:]] == [pain.description for stage in journey.stages for step in stage.steps
                                             for pain in step.pain_points]


@pytest.mark.parametrize("sheets_layout", LAYOUTS)
def test_formula_like_text_is_shown_not_computed(converted: Converted, sheets_layout: Layout) -> None:
    journey, workbook = JOURNEYS["hostile"], f"hostile-{sheets_layout}"
    seen = _steps_seen(converted, workbook, journey, sheets_layout)
    assert [action for action, _ in seen] == ["=1+1", "@SUM(A1)", "Receive the box"]
    assert _sheet(converted, workbook, "Pain points")[1][2] == "=1+1 is not a sum"
    saved = openpyxl.load_workbook(converted.xlsx / f"{workbook}.xlsx")  # and LibreOffice saves it as text
    steps = saved[layout.sheet_name("steps", "en", sheets_layout)]
    cell = steps["C2"] if sheets_layout == "rows" else steps["B3"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_the_control_formula_is_computed(converted: Converted) -> None:
    """Without this, the test above could pass with a LibreOffice that never computes anything."""
    assert _sheet(converted, "formula", "Sheet")[0][0] == "2"
    assert openpyxl.load_workbook(converted.xlsx / "formula.xlsx")["Sheet"]["A1"].data_type == "f"


def test_a_french_journey_keeps_its_accents(converted: Converted) -> None:
    workbook = "fr-patient-teleconsultation-lanes"
    rows = _sheet(converted, workbook, "Carte du parcours")
    assert rows[2][0] == "Action du client" and "Échanger avec le médecin en visio" in rows[2]
    assert rows[5][0] == "Émotion"
    assert _sheet(converted, workbook, "Plan d'écoute")[0][:2] == ["Étape", "Question"]
    for path in converted.csv.glob("fr-*.csv"):
        assert "Ã" not in path.read_text(encoding="utf-8"), path.name  # UTF-8 read as Latin-1 somewhere


def test_a_broken_workbook_is_noticed(converted: Converted) -> None:
    """The checks above fail on a broken file: a truncated one does not load (soffice still exits 0), and one whose
    steps sheet is damaged loads only part of the steps."""
    assert "Error: source file could not be loaded" in converted.csv_log
    assert not list(converted.csv.glob("truncated-*.csv"))
    journey = JOURNEYS[PDF_EXAMPLE]
    assert _steps_seen(converted, "damaged", journey, "rows") != _steps(journey)


def test_the_map_prints_to_pdf(converted: Converted) -> None:
    pdf = converted.pdf / f"{PDF_EXAMPLE}-lanes.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 20_000
    if shutil.which("pdftotext") is None:
        return  # poppler-utils (./dev test installs it) reads the text back
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    first = JOURNEYS[PDF_EXAMPLE].stages[0].steps[0]
    assert first.id in text and "Customer action" in text


@pytest.mark.parametrize("name", [name for name in RESAVED if name in JOURNEYS])
@pytest.mark.parametrize("sheets_layout", LAYOUTS)
def test_a_workbook_saved_by_libreoffice_imports_as_the_same_journey(
        converted: Converted, tmp_path: Path, name: str, sheets_layout: Layout) -> None:
    """A reviewer opens the export, saves it (LibreOffice rewrites every part of the file) and sends it back."""
    from journeymap.sheets.importer import import_file

    result = import_file(converted.xlsx / f"{name}-{sheets_layout}.xlsx", tmp_path / "back.yaml")
    assert result.layout == "journeymap" and not result.problems, [item.problem for item in result.problems]
    assert _load((tmp_path / "back.yaml").read_text(encoding="utf-8"), "back.yaml").model_dump() == \
        JOURNEYS[name].model_dump()


def test_a_formula_libreoffice_saved_imports_its_value_never_its_formula(converted: Converted,
                                                                          tmp_path: Path) -> None:
    from journeymap.sheets.grid import read_book

    book = read_book(converted.xlsx / "formula.xlsx")
    sheet = book.sheets[0]
    assert sheet.cells[(1, 1)] == 2 and sheet.formulas[(1, 1)] == "=1+1"
    assert [note.kind for note in book.notes] == ["formula"] and "saved value" in book.notes[0].message
