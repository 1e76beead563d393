"""The course's look, shared by every figure: the plotly template, the
Okabe–Ito palette, article names, and the helpers that give each figure its
title, axis titles with units and a caption that is never clipped
(:func:`build_figure`, :func:`finish`, :func:`axis`, :func:`line_shape`).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import plotly.graph_objects as go
import plotly.io as pio

from ..models.claims import CLAIM_TYPES
from .captions import AXIS_PX, GAP_PX, bottom_stack, legend_rows, wrap_caption

#: The trace types and layout parts of "plotly_white" that course figures use.
COURSE_TRACE_TYPES = ("bar", "scatter", "sunburst")
_COURSE_LAYOUT_KEYS = (
    "annotationdefaults", "autotypenumbers", "colorway", "font", "hoverlabel", "hovermode",
    "paper_bgcolor", "plot_bgcolor", "shapedefaults", "title", "xaxis", "yaxis",
)


#: The name :func:`natodebate.setup_notebook` registers the course template under.
COURSE_TEMPLATE = "natodebate"


@functools.cache
def course_template() -> go.layout.Template:
    """plotly's "plotly_white", cut to what the course draws: its layout for
    2-D axes and its defaults for the trace types in :data:`COURSE_TRACE_TYPES`.
    Course figures look exactly as with "plotly_white"; the full template also
    carries defaults for 22 other trace types and for polar, ternary, 3-D and
    map axes, which plotly would validate at every kernel's first figure."""
    source = json.loads(resources.files("plotly").joinpath("package_data/templates/plotly_white.json").read_text())
    return go.layout.Template(
        data={kind: defaults for kind, defaults in source["data"].items() if kind in COURSE_TRACE_TYPES},
        layout={key: value for key, value in source["layout"].items() if key in _COURSE_LAYOUT_KEYS},
    )


def _template() -> dict:
    """The course template for a figure's layout, unless it is already
    plotly's default (:func:`natodebate.setup_notebook` makes it so in a
    lesson): naming a template on a figure makes plotly copy and validate it
    again for each figure."""
    return {} if pio.templates.default == COURSE_TEMPLATE else {"template": course_template()}


#: Okabe & Ito (2008), "Color Universal Design": safe for colour-blind readers.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

TYPE_COLOURS = dict(
    zip(
        CLAIM_TYPES,
        [OKABE_ITO[c] for c in ("blue", "sky blue", "vermillion", "orange", "reddish purple", "bluish green", "yellow", "grey")],
    )
)

VERDICT_COLOURS = {
    "supported": OKABE_ITO["bluish green"],
    "contested": OKABE_ITO["orange"],
    "wrong": OKABE_ITO["vermillion"],
    "unverifiable": OKABE_ITO["grey"],
    "overtaken by events": OKABE_ITO["sky blue"],
}

ARTICLE_NAMES = {"K": "Kagan (2025)", "P": "Petrovics (2022)"}


#: Style of every caption: small grey italics under the plot, its top a
#: fixed number of pixels (``yshift``) below the plot area's bottom edge.
_CAPTION_STYLE = {
    "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
    "showarrow": False, "align": "left", "font": {"size": 12, "color": "#444"}, "name": "caption",
}


def frame_layout(title: str, height: int = 420) -> dict:
    """The layout every course figure shares: a left-aligned ``title``, the
    margins and font, and ``height`` in pixels. No width: a figure is as wide
    as the notebook column it is drawn in."""
    return {
        **_template(),
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 70, "b": 90},
        "font": {"size": 13},
    }


def caption_text(caption: str) -> str:
    """``caption`` broken into lines that fit a narrow column (see
    :func:`captions.wrap_caption`), each in italics."""
    return "<br>".join(f"<i>{line}</i>" if line else "" for line in wrap_caption(caption))


def caption_annotation(caption: str, below_px: float = AXIS_PX + GAP_PX) -> dict:
    """The caption under the plot: its top ``below_px`` pixels below the plot
    area (room for the x axis); :func:`build_figure` sets the bottom margin
    that holds it."""
    return {"text": caption_text(caption), "yshift": -below_px, **_CAPTION_STYLE}


def _legend_names(data: list) -> list[str]:
    """Names of the traces a legend lists (plotly leaves out unnamed traces
    and those with ``showlegend`` false)."""
    names = []
    for trace in data:
        get = trace.get if isinstance(trace, dict) else lambda key, trace=trace: getattr(trace, key, None)
        if get("showlegend") is not False and get("name"):
            names.append(get("name"))
    return names


def line_shape(*, x=None, y=None, axis: str = "", **line) -> dict:
    """A line across the plot at ``x`` (vertical) or ``y`` (horizontal),
    styled by ``line`` (color, dash, width); ``axis="2"`` puts it on the
    second subplot's axes. Plotly's ``add_vline`` does the same but inspects
    every subplot first, several ms a line."""
    if (x is None) == (y is None):
        raise ValueError(f"line_shape: x={x!r}, y={y!r}: give exactly one of x= or y= (where the line crosses its axis)")
    if x is not None:
        domain = f"y{axis} domain" if axis else "paper"
        return {"type": "line", "xref": f"x{axis}", "yref": domain, "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line}
    domain = f"x{axis} domain" if axis else "paper"
    return {"type": "line", "xref": domain, "yref": f"y{axis}", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": line}


def axis(title: str, **settings) -> dict:
    """An axis's layout: its ``title`` (with the unit) and any other ``settings``."""
    return {"title": {"text": title}, **settings}


def build_figure(
    data: list, title: str, caption: str, height: int = 420, *, axis_px: float = AXIS_PX,
    legend_below: bool = False, shapes: list | tuple = (), annotations: list | tuple = (), **layout,
) -> go.Figure:
    """A finished figure in one constructor call: traces ``data`` (dicts or
    trace objects), :func:`frame_layout`, the caption, then ``shapes``,
    ``annotations`` and any other ``layout`` keys (which win over the frame's).

    Under the plot area go, top to bottom: the x axis (``axis_px`` pixels; 0
    for a chart without axes), the caption, and with ``legend_below`` a
    horizontal legend; the bottom margin is computed to hold them (see
    :mod:`natodebate.figures.captions`). A ``margin`` given here changes only
    the sides it names, and a larger bottom margin is kept.

    Plotly validates every property it is given and re-validates the whole
    tuple of shapes or annotations on each ``add_shape``/``add_annotation``;
    one constructor call validates each once."""
    frame = frame_layout(title, height)
    layout_margin = layout.pop("margin", {})
    frame["margin"].update(layout_margin)
    caption_annotation_ = caption_annotation(caption, 0)
    stack = bottom_stack(
        caption_annotation_["text"], axis_px=axis_px, legend=legend_rows(_legend_names(data)) if legend_below else 0
    )
    caption_annotation_["yshift"] = -stack.caption_px
    margin = frame["margin"]
    margin["b"] = max(layout_margin["b"], stack.margin_b) if "b" in layout_margin else stack.margin_b
    if legend_below:
        layout["legend"] = {
            "orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top", **layout.get("legend", {}),
            "y": stack.legend_y(height, margin["t"], margin["b"]),
        }
    return go.Figure(
        data=list(data),
        layout={
            **frame,
            "shapes": list(shapes),
            "annotations": [*annotations, caption_annotation_],
            **layout,
        },
    )


def finish(fig: go.Figure, title: str, caption: str, height: int = 420, *, axis_px: float = AXIS_PX) -> go.Figure:
    """Give an existing ``fig`` (a figure made step by step, or a
    FigureWidget) its title and caption, with a bottom margin that holds the
    x axis (``axis_px``) and the caption; returns the same figure."""
    annotation = caption_annotation(caption, axis_px + GAP_PX)
    frame = frame_layout(title, height)
    frame["margin"]["b"] = bottom_stack(annotation["text"], axis_px=axis_px).margin_b
    fig.update_layout(frame)
    fig.add_annotation(annotation)
    return fig


def reference_line(fig: go.Figure, *, x=None, y=None, axis: str = "", **line) -> None:
    """Add :func:`line_shape` to an existing ``fig``."""
    fig.add_shape(line_shape(x=x, y=y, axis=axis, **line))


_UNSET = object()


def write_changed(fig, wanted) -> None:
    """Write ``(part, key, value)`` triples into ``fig`` (a ``go.Figure`` or
    ``FigureWidget``), skipping values this function already wrote there:
    plotly validates every assignment, and a panel redraw writes only what
    moved. ``part`` names where: ``"data 2"`` → ``fig.data[2]``,
    ``"shapes 1"`` → ``fig.layout.shapes[1]``, ``"xaxis"`` → ``fig.layout.xaxis``.
    A FigureWidget made from the figure starts without the record and writes
    everything once."""
    written = fig.__dict__.setdefault("_natodebate_written", {})
    for part, key, value in wanted:
        if written.get((part, key), _UNSET) != value:
            _part(fig, part)[key] = value
            written[(part, key)] = value


def _part(fig, part: str):
    name, _, index = part.partition(" ")
    if name == "data":
        return fig.data[int(index)]
    found = fig.layout[name]
    return found[int(index)] if index else found
