"""What goes under a figure's plot area, in pixels: the x axis, the caption
and a legend below it, and the bottom margin that holds all three.

A figure is drawn as wide as the notebook column, down to about 580 px
(JupyterLab at 1024×768 with the file browser open), so a caption is broken
into lines short enough for that width rather than left to run off the right
edge, and each block is placed a fixed number of pixels below the plot area
(a caption ``yshift``, a legend ``y`` computed from the figure's height), so
that the bottom margin can be computed to hold them all: nothing is clipped
whatever the figure's height. ``tests/test_figure_layout.py`` checks the
arithmetic for every course figure, ``tests/test_browser.py`` the drawn result.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass

__all__ = [
    "CAPTION_CHARS",
    "CAPTION_LINE_PX",
    "AXIS_PX",
    "GAP_PX",
    "LEGEND_ROW_PX",
    "wrap_caption",
    "caption_lines",
    "plain_text",
    "legend_rows",
    "BottomStack",
    "bottom_stack",
]

#: Characters per caption line: 12 px italics take about 6.5 px a character,
#: so 72 characters fit the ~500 px a plot area has at 1024×768.
CAPTION_CHARS = 72
#: Height of one caption line: plotly sets lines 1.3 font sizes apart (12 px
#: font) and pads an annotation by 2 px on each side.
CAPTION_LINE_PX = 16
CAPTION_PAD_PX = 4
#: Room an x axis takes under the plot area: tick labels and the axis title.
AXIS_PX = 52
#: Between two blocks (axis, caption, legend) and under the last one.
GAP_PX = 8
#: One row of a horizontal legend (13 px font), and the legend's own padding.
LEGEND_ROW_PX = 22
LEGEND_PAD_PX = 12
#: Width a horizontal legend may fill before it starts a new row: the plot
#: area at 1024×768 with the file browser open (the narrowest column the
#: course is drawn for), so that the rows reserved are the most it needs.
LEGEND_WIDTH_PX = 480

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def wrap_caption(text: str, width: int = CAPTION_CHARS) -> list[str]:
    """``text`` as lines of at most ``width`` characters (words are not
    split; an explicit ``<br>`` starts a new line)."""
    lines: list[str] = []
    for part in _BREAK.split(text):
        lines += textwrap.wrap(part, width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return lines


def caption_lines(text: str) -> int:
    """How many lines plotly draws for an annotation's ``text`` (one more per ``<br>``)."""
    return len(_BREAK.split(text))


def plain_text(text: str) -> str:
    """An annotation's ``text`` as one plain line: tags dropped, line breaks as spaces."""
    return " ".join(_TAG.sub("", part) for part in _BREAK.split(text)).strip()


def legend_rows(names: list[str], width_px: float = LEGEND_WIDTH_PX, font_px: float = 13) -> int:
    """Rows a horizontal legend with entries ``names`` takes at ``width_px``:
    each entry is its symbol (40 px) and its text (about 0.6 of the font size
    a character), laid out left to right."""
    rows, used = 1, 0.0
    for name in names:
        entry = 40 + 0.6 * font_px * len(_TAG.sub("", name))
        if used and used + entry > width_px:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


@dataclass(frozen=True)
class BottomStack:
    """Where the blocks under the plot area go, in pixels below its bottom
    edge: ``caption_px`` (the caption's top) and ``legend_px`` (the legend's
    top, if any), and ``margin_b``, the bottom margin that holds them."""

    caption_px: float
    legend_px: float | None
    margin_b: int

    def legend_y(self, height: float, margin_t: float, margin_b: float | None = None) -> float:
        """The legend's ``y`` in paper units (0 = bottom of the plot area) for
        a figure ``height`` px tall with margins ``margin_t`` and ``margin_b``
        (default: :attr:`margin_b`) px."""
        if self.legend_px is None:
            raise ValueError("legend_y: this figure has no legend below the caption")
        plot_px = height - margin_t - (self.margin_b if margin_b is None else margin_b)
        if plot_px <= 0:
            raise ValueError(f"height={height!r}: too small for margins of {margin_t} and {margin_b or self.margin_b} px")
        return -self.legend_px / plot_px


def bottom_stack(caption: str, *, axis_px: float = AXIS_PX, legend: int = 0) -> BottomStack:
    """The blocks under a plot area, top to bottom: the x axis (``axis_px``;
    0 for a chart without axes), the caption (``caption``, already broken
    into lines with ``<br>``), and a legend of ``legend`` rows (0: none)."""
    if axis_px < 0 or legend < 0:
        raise ValueError(f"axis_px={axis_px!r}, legend={legend!r}: expected numbers of 0 or more (pixels, rows)")
    caption_px = axis_px + GAP_PX
    bottom = caption_px + caption_lines(caption) * CAPTION_LINE_PX + CAPTION_PAD_PX
    legend_px = None
    if legend:
        legend_px = bottom + GAP_PX
        bottom = legend_px + legend * LEGEND_ROW_PX + LEGEND_PAD_PX
    return BottomStack(caption_px, legend_px, math.ceil(bottom + GAP_PX))
