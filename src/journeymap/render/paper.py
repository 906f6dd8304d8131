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
    """One slice of a view: `x` and `width` in the drawing's own units (its viewBox), printed `width_pt` wide."""

    x: float
    width: float
    width_pt: float
    height_pt: float


@dataclass(frozen=True)
class PrintedView:
    """How one Graphviz view prints: its strips, the viewBox's top and height, and the labels' printed size."""

    strips: tuple[Strip, ...]
    top: float
    height: float
    scale: float  # printed points per point of the drawing
    label_pt: float | None  # the printed size of the size most of its labels use

    def view_box(self, strip: Strip) -> str:
        return f"{strip.x:.2f} {self.top:.2f} {strip.width:.2f} {self.height:.2f}"


_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_ATTRIBUTE = re.compile(r'\s(width|height|viewBox)="([^"]*)"')
_FONT_SIZE = re.compile(r'font-size="([0-9]+(?:\.[0-9]+)?)"')


def printed_view(svg: str, paper: Paper) -> PrintedView | None:
    """The strips of a view on this paper; None when its size cannot be read (it then prints fitted, whole).

    The scale fits the view to the page width when that keeps its labels at MIN_LABEL_PT or more; otherwise it
    is the scale that does, and the view is cut into as many strips as the page width needs. Never enlarged, and
    never taller than a page.
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
    sizes = Counter(float(size) for size in _FONT_SIZE.findall(svg))
    common = max(sizes.items(), key=lambda item: (item[1], -item[0]))[0] * unit_pt if sizes else None
    room = paper.content_width_pt
    scale = min(1.0, room / width_pt)
    if common is not None and common * scale < MIN_LABEL_PT:
        scale = min(1.0, MIN_LABEL_PT / common)
    scale = min(scale, (paper.content_height_pt - HEADING_PT) / height_pt)  # a strip fits on one page
    printed_width = width_pt * scale
    count = 1 if printed_width <= room + 0.5 else math.ceil((printed_width - OVERLAP_PT) / (room - OVERLAP_PT))
    if count > 1:  # as large as the strips allow: each one the page's width
        scale = min(1.0, (count * (room - OVERLAP_PT) + OVERLAP_PT) / width_pt,
                    (paper.content_height_pt - HEADING_PT) / height_pt)
        readable = MIN_LABEL_PT / common if common is not None else scale
        one_page = (paper.content_height_pt - HEADING_PT - (count - 1) * STRIP_GAP_PT) / (count * height_pt)
        if one_page >= readable:  # every strip on the view's page, rather than a strip alone on the next
            scale = min(scale, one_page)
    overlap = OVERLAP_PT / scale / unit_pt if count > 1 else 0.0  # in drawing units
    strip_width = (box_width + (count - 1) * overlap) / count
    strips = tuple(
        Strip(left + index * (strip_width - overlap), strip_width, strip_width * unit_pt * scale, height_pt * scale)
        for index in range(count)
    )
    return PrintedView(strips, top, box_height, scale, common * scale if common is not None else None)
