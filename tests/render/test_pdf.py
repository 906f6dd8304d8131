"""The report as PDF, printed by the real Chromium through the real command: pages turned into images with
pdftoppm (poppler-utils) and measured, the print stylesheet measured in Chromium's print emulation, and the
strips a view prints as worked out by hand.

Each PDF is also kept in out/screenshots/ (git-ignored) for review.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import require
from html_reading import open_page
from journeymap.render.paper import BLUEPRINT_LANE_HEAD, MIN_LABEL_PT, PAPERS, lane_column, printed_view
from journeymap.render.pdf import BrowserNotFound, find_chromium
from journeymap.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCREENSHOTS = ROOT / "out" / "screenshots"
# A page is nearly empty when under 1% of it is ink, or its inked lines of pixels span under a tenth of its
# height. Before the print stylesheet was reworked, the examples' PDFs had 1 to 3 such pages each (0.1% ink).
MIN_INK = 0.01
MIN_INKED_ROWS = 0.10
PAGES = {"a3": range(6, 15), "a4": range(12, 29)}  # the examples: 10 to 12 pages on A3, 19 to 24 on A4


def printing_missing() -> list[str]:
    missing = []
    try:
        find_chromium()
    except BrowserNotFound:
        missing.append("Chromium (./dev test installs it)")
    if not shutil.which("pdftoppm"):
        missing.append("pdftoppm (Debian: poppler-utils; ./dev test installs it)")
    return missing


def page_images(pdf: Path, dpi: int = 20) -> list[tuple[int, int, bytes]]:
    """Every page as 8-bit grey pixels (pdftoppm's PGM: a short header, then one byte per pixel)."""
    folder = pdf.parent / f"{pdf.stem}-pages"
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(folder / "p")], check=True, timeout=120)
    pages = []
    for image in sorted(folder.glob("p-*.pgm"), key=lambda path: int(path.stem.rsplit("-", 1)[1])):
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", image.read_bytes())
        assert header is not None, image
        width, height = int(header.group(1)), int(header.group(2))
        pages.append((width, height, image.read_bytes()[header.end():]))
    return pages


def ink(width: int, height: int, pixels: bytes) -> tuple[float, float]:
    """The share of pixels that are not paper, and the share of pixel rows that hold something darker."""
    inked = sum(1 for value in pixels if value < 235) / len(pixels)
    rows = sum(1 for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 200)
    return inked, rows / height


def pdf_page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out)
    assert size is not None, out
    return float(size.group(1)), float(size.group(2))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples printed as users print them: `journeymap render examples/ -f pdf`, on A3 and on A4."""
    require(printing_missing(), "PDF tests")
    folders = {}
    for paper in PAPERS:
        folder = tmp_path_factory.mktemp(f"pdf-{paper}")
        done = subprocess.run(
            [sys.executable, "-m", "journeymap", "render", str(ROOT / "examples"), "-f", "pdf", "--paper", paper,
             "-o", str(folder)],
            capture_output=True, text=True, timeout=600, env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        folders[paper] = folder
    return folders


@pytest.mark.browser
@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("example", [path.stem for path in EXAMPLES])
def test_report_pdf_has_no_nearly_empty_page(printed: dict[str, Path], paper: str, example: str) -> None:
    journey_id = validate_paths([ROOT / "examples" / f"{example}.yaml"]).files[0].journey.id
    pdf = printed[paper] / f"{journey_id}.pdf"
    assert sorted(path.name for path in printed[paper].glob("*.pdf")) == sorted(
        f"{validate_paths([path]).files[0].journey.id}.pdf" for path in EXAMPLES
    )  # the report's PDF only: no Graphviz view, no index
    assert pdf.read_bytes().startswith(b"%PDF")
    width, height = pdf_page_size(pdf)
    expected = PAPERS[paper]
    assert abs(width - expected.width_mm * 72 / 25.4) < 2 and abs(height - expected.height_mm * 72 / 25.4) < 2
    pages = page_images(pdf)
    assert len(pages) in PAGES[paper], len(pages)
    measured = [ink(*page) for page in pages]
    empty = [(number, f"{inked:.1%} ink", f"{rows:.0%} of rows")
             for number, (inked, rows) in enumerate(measured, start=1)
             if inked < MIN_INK or rows < MIN_INKED_ROWS]
    assert empty == [], empty
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, SCREENSHOTS / f"{journey_id}.{paper}.pdf")


@pytest.mark.browser
def test_print_emulation_labels_and_strips(chromium: Any, tmp_path: Path, run_cli: Any) -> None:
    """In Chromium's print emulation at the A3 page width: the emotion labels (the grid's curve and the emotion
    view's step labels) are 7 pt or more, the view strips fit the page, and the fitted view is hidden."""
    require(printing_missing(), "PDF tests")
    done = run_cli("render", str(ROOT / "examples" / "en-b2b-quote-request.yaml"), "-f", "html", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    report = next(tmp_path.glob("*.html"))
    page, visit = open_page(chromium, report, width=1497)  # 420 mm - 2 x 12 mm at 96 px per inch
    try:
        page.emulate_media(media="print")
        sizes = page.evaluate(
            """() => {
                const pt = (element) => parseFloat(getComputedStyle(element).fontSize) * 0.75;
                const grid = [...document.querySelectorAll('.grid-panel .marker-value, .grid-panel .tick')]
                    .filter(element => element.getClientRects().length).map(pt);
                // the emotion view's labels as printed: their font size times the strip's scale
                const strips = [...document.querySelectorAll('#sec-emotion .print-strip')];
                const view = strips.flatMap(strip => {
                    const drawing = document.querySelector(strip.querySelector('use').getAttribute('href'));
                    const scale = strip.getBoundingClientRect().width / strip.viewBox.baseVal.width;
                    return [...drawing.querySelectorAll('text')]
                        .map(text => parseFloat(text.getAttribute('font-size')) * scale * 0.75);
                });
                const room = document.querySelector('#sec-emotion figure').clientWidth;
                return {grid, view, strips: strips.length,
                        widest: Math.max(...[...document.querySelectorAll('.print-strip')]
                            .map(strip => strip.getBoundingClientRect().width)),
                        room, fitted: getComputedStyle(document.querySelector('#sec-emotion .svg-view')).display};
            }"""
        )
        assert sizes["grid"] and min(sizes["grid"]) >= 7 - 0.01, sizes["grid"]
        assert sizes["strips"] >= 1 and sizes["view"]
        assert min(sizes["view"]) >= MIN_LABEL_PT - 0.05, sorted(sizes["view"])[:3]
        assert sizes["widest"] <= sizes["room"] + 1
        assert sizes["fitted"] == "none"
        visit.assert_quiet()
    finally:
        page.close()


def test_missing_browser_is_a_clear_message(run_cli: Any, tmp_path: Path) -> None:
    """No Chromium: exit 2, a message naming what to install, no traceback, nothing written."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    dot = shutil.which("dot")
    if dot:
        (bin_folder / "dot").symlink_to(dot)
    env = {"PATH": str(bin_folder), "JOURNEYMAP_CHROMIUM": ""}
    out = tmp_path / "out"
    done = run_cli("render", str(EXAMPLES[0]), "-f", "pdf", "-o", str(out), env=env)
    assert done.returncode == 2, done.stderr
    assert "Chromium" in done.stderr and "apt-get install chromium" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
    named = run_cli("render", str(EXAMPLES[0]), "-f", "pdf", "-o", str(out),
                    env={"JOURNEYMAP_CHROMIUM": str(tmp_path / "no-such-browser")})
    assert named.returncode == 2 and "JOURNEYMAP_CHROMIUM" in named.stderr and "Traceback" not in named.stderr
    assert not out.exists()


def test_pdf_with_view_keeps_the_graphviz_views(run_cli: Any, tmp_path: Path) -> None:
    """`-f pdf --view flow` is what it was: Graphviz's PDF of that view, no browser involved."""
    if not shutil.which("dot"):
        pytest.skip("needs Graphviz's dot")
    done = run_cli("render", str(EXAMPLES[0]), "-f", "pdf", "--view", "flow", "-o", str(tmp_path / "out"),
                   env={"JOURNEYMAP_CHROMIUM": str(tmp_path / "no-such-browser")})
    assert done.returncode == 0, done.stderr
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert len(written) == 1 and written[0].endswith(".flow.pdf")
    assert (tmp_path / "out" / written[0]).read_bytes().startswith(b"%PDF")


def test_a_failing_browser_fails_that_journey_only(run_cli: Any, tmp_path: Path) -> None:
    """A browser that exits with an error: the journey is reported by name (exit 1), no partial PDF."""
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    fake.chmod(0o755)
    out = tmp_path / "out"
    done = run_cli("render", str(EXAMPLES[0]), "-f", "pdf", "-o", str(out), env={"JOURNEYMAP_CHROMIUM": str(fake)})
    assert done.returncode == 1, done.stderr
    assert "Chromium could not print the report (exit 3): cannot open display" in done.stderr
    assert "Traceback" not in done.stderr and list(out.glob("*.pdf")) == []


# --- strips, by hand ---------------------------------------------------------------------------------------------

def svg(width: float, height: float, sizes: dict[float, int]) -> str:
    texts = "".join(f'<text font-size="{size:.2f}">x</text>' * count for size, count in sizes.items())
    return (f'<svg width="{width:g}pt" height="{height:g}pt" viewBox="0.00 0.00 {width:.2f} {height:.2f}">'
            f'<g id="flow-graph0">{texts}</g></svg>')


def test_a_view_that_fits_prints_whole() -> None:
    view = printed_view(svg(900, 300, {10: 5}), PAPERS["a3"])
    assert view is not None and len(view.strips) == 1
    assert view.scale == 1.0 and view.strips[0].x == 0 and view.strips[0].width == 900
    assert view.label_pt == 10


def test_a_wide_view_is_cut_into_readable_strips() -> None:
    # 2,678 pt wide with 10-point labels (the B2B blueprint): fitted to A3's 1,122 pt they would print at 4.2 pt.
    view = printed_view(svg(2678, 450, {10: 237, 8: 3, 12: 1}), PAPERS["a3"])
    assert view is not None
    room = PAPERS["a3"].content_width_pt
    assert round(room, 1) == 1122.5
    assert len(view.strips) == 2 and view.label_pt is not None and view.label_pt >= MIN_LABEL_PT
    assert all(strip.width_pt <= room + 0.01 for strip in view.strips)
    first, second = view.strips
    assert first.x == 0 and abs(second.x + second.width - 2678) < 0.01  # the whole drawing, in order
    assert second.x < first.x + first.width  # each strip repeats the end of the previous one
    # both strips and the heading on one page: 2 x 450 pt x scale + gap + heading within the page's 773 pt
    assert 2 * 450 * view.scale + 12 + 70 <= PAPERS["a3"].content_height_pt + 0.01


def test_a4_cuts_more_strips_than_a3() -> None:
    wide = svg(3224, 187, {10: 80, 9: 50})
    assert len(printed_view(wide, PAPERS["a4"]).strips) >= len(printed_view(wide, PAPERS["a3"]).strips) >= 3


def test_a_view_without_readable_size_prints_fitted() -> None:
    assert printed_view('<svg viewBox="0 0 10 10"><g/></svg>', PAPERS["a3"]) is None
    assert printed_view('<svg width="0pt" height="5pt" viewBox="0 0 0 5"></svg>', PAPERS["a3"]) is None


def test_blueprint_strips_repeat_the_lane_names() -> None:
    # dot's table: the header cell (views.blueprint_dot paints it #2d3748) is 113 wide at the group's origin,
    # under a title; the group is translated by (4, 446).
    cell = '<polygon fill="#2d3748" stroke="transparent" points="0,-395.5 0,-420.5 113,-420.5 113,-395.5 0,-395.5"/>'
    drawing = svg(2678, 450, {10: 237}).replace(
        '<g id="flow-graph0">', f'<g id="blueprint-graph0" class="graph" transform="scale(1 1) rotate(0) '
                                f'translate(4 446)">{cell}')
    lead, top = lane_column(drawing, BLUEPRINT_LANE_HEAD)
    assert (lead, top) == (118.0, 24.5)
    view = printed_view(drawing, PAPERS["a4"], lead, top)
    assert view is not None and len(view.strips) == 3
    first, *others = view.strips
    assert first.lead == 0 and all(strip.lead == 118 and strip.lead_top == 24.5 for strip in others)
    assert len({round(strip.width_pt, 6) for strip in view.strips}) == 1  # every strip the same printed width
    assert abs(others[-1].x + others[-1].width - 2678) < 0.01
    for before, after in zip(view.strips, others):  # each starts before the previous one ends
        assert after.x < before.x + before.width
    assert view.lead_box(others[0]) == "0.00 24.50 118.00 425.50"
    assert lane_column(svg(900, 300, {10: 1}), BLUEPRINT_LANE_HEAD) == (0.0, 0.0)


def test_a_browser_that_hangs_is_stopped(tmp_path: Path) -> None:
    """Past the timeout: a clear error for that journey, and the browser and what it started are gone."""
    from journeymap.render.engine import RenderError
    from journeymap.render.pdf import report_pdf

    marker = tmp_path / "child.pid"
    fake = tmp_path / "hanging-chromium"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\n")
    fake.chmod(0o755)
    with pytest.raises(RenderError, match="did not print the report within 1 s"):
        report_pdf("<!DOCTYPE html><title>t</title>", browser=str(fake), timeout=1)
    child = int(marker.read_text())
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


def test_paper_reaches_the_html_report(run_cli: Any, tmp_path: Path) -> None:
    if not shutil.which("dot"):
        pytest.skip("needs Graphviz's dot")
    for paper, size in (("a3", "A3 landscape"), ("a4", "A4 landscape")):
        done = run_cli("render", str(EXAMPLES[0]), "-f", "html", "--paper", paper, "-o", str(tmp_path / paper))
        assert done.returncode == 0, done.stderr
        html = next((tmp_path / paper).glob("*.html")).read_text(encoding="utf-8")
        assert f"@page {{ size: {size}; margin: {PAPERS[paper].margin_mm}mm; }}" in html
        assert f'class="report paper-{paper}"' in html
