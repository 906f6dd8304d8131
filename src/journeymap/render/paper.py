"""The printed report's geometry: the paper, how many step columns of the journey grid a page holds, and how a
Graphviz view is cut into strips that print at a size people can read.

A view fitted to the page width prints its labels at a third of their size (a 2,700-point blueprint on an A3
page: 10-point labels at 4 points). Printed, each view is shown instead as strips stacked down the page, like
lines of text, each strip a slice of the drawing at a scale that keeps its labels at 7 points or more.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

MM_PER_PT = 25.4 / 72
MIN_LABEL_PT = 7.0  # the smallest printed size of a view's labels (the size most of its text uses)
OVERLAP_PT = 36.0  # each strip repeats this much of the previous one (at print size), so a cut label is whole once
STRIP_GAP_PT = 12.0  # between two strips of a view (report.css: .print-strip margin)
HEADING_PT = 70.0  # room kept above a view's strips on its page: the section's heading and the caption
BLUEPRINT_LANE_HEAD = "#2d3748"  # views.blueprint_dot's header cell, atop its column of lane names


@dataclass(frozen=True)
class Paper:
    """A landscape sheet: the report is a wide map, read across."""

    name: str
    width_mm: float
    height_mm: float
    margin_mm: float
    grid_columns: int  # step columns of the journey grid per printed part, at a readable size

    @property
    def css_size(self) -> str:
        return f"{self.name} landscape"

    @property
    def content_width_pt(self) -> float:
        return (self.width_mm - 2 * self.margin_mm) / MM_PER_PT

    @property
    def content_height_pt(self) -> float:
        return (self.height_mm - 2 * self.margin_mm) / MM_PER_PT


PAPERS = {
    "a3": Paper("A3", 420, 297, 12, 10),
    "a4": Paper("A4", 297, 210, 10, 7),
}
DEFAULT_PAPER = PAPERS["a3"]


@dataclass(frozen=True)
class Strip:
    """One slice of a view, in the drawing's own units (its viewBox): `x` and `width` of the slice, and the
    lane column (`lead` wide from the drawing's left edge, from `lead_top` down) shown again before it on every
    strip but the first."""

    x: float
    width: float
    lead: float
    width_pt: float
    height_pt: float
    lead_top: float = 0.0

    @property
    def box_width(self) -> float:
        return self.lead + self.width


@dataclass(frozen=True)
class PrintedView:
    """How one Graphviz view prints: its strips, the viewBox's left, top and height, the labels' printed size."""

    strips: tuple[Strip, ...]
    left: float
    top: float
    height: float
    scale: float  # printed points per point of the drawing
    label_pt: float | None  # the printed size of the size most of its labels use

    def view_box(self, strip: Strip) -> str:
        return f"{strip.x:.2f} {self.top:.2f} {strip.width:.2f} {self.height:.2f}"

    def lead_box(self, strip: Strip) -> str:
        return f"{self.left:.2f} {self.top + strip.lead_top:.2f} {strip.lead:.2f} {self.height - strip.lead_top:.2f}"


_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(width|height|viewBox)="([^"]*)"')
_FONT_SIZE = re.compile(r'font-size="([0-9]+(?:\.[0-9]+)?)"')
_TRANSLATE = re.compile(r'<g id="[^"]*graph0"[^>]*translate\(([-0-9.]+)[ ,]+([-0-9.]+)\)')


def lane_column(svg: str, fill: str) -> tuple[float, float]:
    """The column of lane names, in drawing units: its width, from the left edge to the right of the cell
    painted `fill` (the blueprint's header cell), and its top (the cell's, under the title); (0, 0) if none."""
    translate = _TRANSLATE.search(svg)
    cell = re.search(rf'<polygon fill="{re.escape(fill)}"[^>]*points="([^"]*)"', svg)
    if translate is None or cell is None:
        return 0.0, 0.0
    points = [tuple(float(value) for value in point.split(",")) for point in cell.group(1).split()]
    return (float(translate.group(1)) + max(x for x, _y in points) + 1.0,  # and the cell's border
            max(0.0, float(translate.group(2)) + min(y for _x, y in points) - 1.0))


def printed_view(svg: str, paper: Paper, lead: float = 0.0, lead_top: float = 0.0) -> PrintedView | None:
    """The strips of a view on this paper; None when its size cannot be read (it then prints fitted, whole).

    The scale fits the view to the page width when that keeps its labels at MIN_LABEL_PT or more; otherwise it
    is the scale that does, and the view is cut into as many strips as the page width needs, each repeating the
    first `lead` units (a column of lane names) and the end of the previous strip. Never enlarged, and never
    taller than a page.
    """
    root = _SVG_ROOT.search(svg)
    if root is None:
        return None
    attributes = dict(_ATTRIBUTE.findall(root.group()))
    try:
        width_pt = float(attributes["width"].removesuffix("pt"))
        height_pt = float(attributes["height"].removesuffix("pt"))
        left, top, box_width, box_height = (float(value) for value in attributes["viewBox"].split())
    except (KeyError, ValueError):
        return None
    if min(width_pt, height_pt, box_width, box_height) <= 0:
        return None
    unit_pt = width_pt / box_width  # points per drawing unit (1 unless dot was given a size)
    lead = lead if 0 < lead < box_width / 3 else 0.0
    sizes = Counter(float(size) for size in _FONT_SIZE.findall(svg))
    common = max(sizes.items(), key=lambda item: (item[1], -item[0]))[0] * unit_pt if sizes else None
    room = paper.content_width_pt
    tallest = (paper.content_height_pt - HEADING_PT) / height_pt  # a strip fits on one page
    scale = min(1.0, room / width_pt)
    if common is not None and common * scale < MIN_LABEL_PT:
        scale = min(1.0, MIN_LABEL_PT / common)
    scale = min(scale, tallest)
    count = 1
    if width_pt * scale > room + 0.5:
        # Every strip but the first gives up lead and overlap to what it repeats: with D the width of a strip,
        # D + (count - 1) (D - lead - overlap) covers the drawing.
        repeated = lead * unit_pt * scale + OVERLAP_PT
        count = math.ceil((width_pt * scale - repeated) / (room - repeated))
        # as large as the strips allow, each one the page's width
        scale = min(1.0, tallest, (count * room - (count - 1) * OVERLAP_PT) / (unit_pt * (box_width + (count - 1) * lead)))
        readable = MIN_LABEL_PT / common if common is not None else scale
        one_page = (paper.content_height_pt - HEADING_PT - (count - 1) * STRIP_GAP_PT) / (count * height_pt)
        if one_page >= readable:  # every strip on the view's page, rather than a strip alone on the next
            scale = min(scale, one_page)
    overlap = OVERLAP_PT / scale / unit_pt if count > 1 else 0.0  # in drawing units
    lead = lead if count > 1 else 0.0
    span = (box_width + (count - 1) * (lead + overlap)) / count  # each strip's width, lane column included
    strips = [Strip(left, span, 0.0, span * unit_pt * scale, height_pt * scale)]
    for index in range(1, count):
        x = left + index * (span - lead - overlap) + lead
        strips.append(Strip(x, span - lead, lead, span * unit_pt * scale, height_pt * scale,
                            lead_top if 0 <= lead_top < box_height else 0.0))
    return PrintedView(tuple(strips), left, top, box_height, scale, common * scale if common is not None else None)
