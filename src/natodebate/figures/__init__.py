"""Layer 3 — figures: plotly figures built from model results (no widgets).

Every figure has a title, axis titles with units and a one-line caption saying
what to look at; colours come from the Okabe–Ito palette, which stays
distinguishable under the common colour-vision deficiencies. Functions return
figures and never call ``.show()`` (outside a kernel that would open a browser).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .. import models
from .captions import AXIS_PX, GAP_PX, bottom_stack, legend_rows, wrap_caption

__all__ = [
    "OKABE_ITO",
    "TYPE_COLOURS",
    "VERDICT_COLOURS",
    "build_figure",
    "axis",
    "frame_layout",
    "caption_annotation",
    "line_shape",
    "finish",
    "reference_line",
    "Table",
    "table",
    "ClaimTable",
    "claim_table",
    "claims_by_type",
    "argument_map",
    "tornado",
    "weighting_figure",
    "update_weighting_figure",
    "first_win_figure",
    "update_first_win_figure",
]

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
        models.CLAIM_TYPES,
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


# Tables for students (import here: they use the colours above).
from .tables import Table, table  # noqa: E402


class ClaimTable(Table):
    """Claims as an HTML table (what :func:`claim_table` returns): a
    :class:`Table`, so every quote and reason is shown in full and wrapped,
    the verdict shaded and the claim type marked in its colour. ``frame``
    holds the rows as plain text.
    """

    def __init__(self, frame: pd.DataFrame):
        super().__init__(frame, index=False, css_class="natodebate-claims")


def claim_table(article: str, paragraphs=None) -> ClaimTable:
    """The claims of ``article`` (optionally only those in ``paragraphs``, an
    iterable of paragraph numbers) as a table: id, paragraph, quote, type,
    checkable, verdict, the reason for the verdict, and its place in the map."""
    claims = models.article_claims(article).reset_index()
    if paragraphs is not None:
        wanted = [int(p) for p in paragraphs]
        claims = claims[claims["paragraph"].isin(wanted)]
        if claims.empty:
            raise ValueError(f"paragraphs={wanted}: article {article} has no claims there")
    shown = claims[["id", "paragraph", "quote", "claim_type", "checkable", "verdict", "verdict_note", "relation", "parent_id"]].rename(
        columns={
            "paragraph": "¶",
            "claim_type": "type",
            "verdict_note": "why",
            "relation": "role",
            "parent_id": "of",
        }
    )
    shown["checkable"] = shown["checkable"].map({True: "yes", False: "no"})
    shown["of"] = shown["of"].fillna("—")
    return ClaimTable(shown.reset_index(drop=True))


def claims_by_type(article: str) -> go.Figure:
    """Bar chart: how many claims of each type the article makes, with the
    checkable share hatched."""
    counts = models.claim_counts(article)
    traces = []
    for claim_type, row in counts.iterrows():
        colour = TYPE_COLOURS[claim_type]
        traces += [
            {
                "type": "bar", "y": [claim_type], "x": [row["checkable"]], "orientation": "h", "name": claim_type,
                "marker": {"color": colour}, "legendgroup": claim_type, "hovertemplate": "%{y}: %{x} checkable<extra></extra>",
            },
            {
                "type": "bar", "y": [claim_type], "x": [row["claims"] - row["checkable"]], "orientation": "h",
                "name": f"{claim_type} (not checkable)",
                "marker": {"color": colour, "pattern": {"shape": "/"}, "opacity": 0.55}, "legendgroup": claim_type,
                "showlegend": False, "hovertemplate": "%{y}: %{x} not checkable<extra></extra>",
            },
        ]
    total = int(counts["claims"].sum())
    # Horizontal bars: the type names stay level and readable in a narrow column.
    return build_figure(
        traces,
        f"{ARTICLE_NAMES[article]}: {total} claims by type",
        "Solid: claims data or documents can check. Hatched: claims that can only be weighed.",
        barmode="stack", showlegend=False, margin={"l": 120},
        xaxis=axis("number of claims", dtick=2),
        yaxis=axis("claim type", categoryorder="array", categoryarray=list(counts.index)[::-1]),
    )


def argument_map(article: str) -> go.Figure:
    """Sunburst of the argument map: the thesis in the centre, each ring one
    step further from it; colour = claim type, hover = summary and role."""
    claims = models.article_claims(article)
    labels = [f"{i}" for i in claims.index]
    parents = [p if isinstance(p, str) else "" for p in claims["parent_id"].fillna("")]
    roles = [
        _role(rel, parent, grp, claims["premise_group"]) for rel, parent, grp in zip(claims["relation"], parents, claims["premise_group"])
    ]
    colours = [
        "#ffffff" if rel == "thesis" else TYPE_COLOURS[t] for rel, t in zip(claims["relation"], claims["claim_type"])
    ]
    line_colours = [OKABE_ITO["vermillion"] if rel == "attacks" else "#ffffff" for rel in claims["relation"]]
    sunburst = {
        "type": "sunburst", "ids": list(claims.index), "labels": labels, "parents": parents,
        "marker": {"colors": colours, "line": {"color": line_colours, "width": [3 if c != "#ffffff" else 1 for c in line_colours]}},
        "customdata": list(zip(claims["summary"], claims["claim_type"], roles)),
        "hovertemplate": "<b>%{label}</b> (%{customdata[1]})<br>%{customdata[0]}<br><i>%{customdata[2]}</i><extra></extra>",
        "insidetextorientation": "radial", "maxdepth": 4,
    }
    return build_figure(
        [sunburst],
        f"{ARTICLE_NAMES[article]}: the argument map",
        "Centre: the thesis. Each ring holds the claims that bear on the ring inside it; red outline = an attack. Click to zoom.",
        height=560, axis_px=0,
    )


def _role(relation: str, parent: str, group, groups: pd.Series) -> str:
    """A claim's place on the map in words, for hover labels."""
    if relation == "thesis":
        return "the thesis"
    if relation == "elaborates":
        return f"elaborates {parent}: restates it, forecasts from it or gives its occasion (not counted as a reason)"
    if isinstance(group, str) and group:
        partners = len(groups[groups == group])
        return f"{relation} {parent}, together with {partners - 1} other claim(s) (co-premises: the weakest one counts)"
    return f"{relation} {parent}"


def tornado(sensitivity: pd.DataFrame, top: int = 10, weights_label: str = "the weights used") -> go.Figure:
    """Tornado chart of a sensitivity table (from :func:`models.sensitivity`):
    for the ``top`` claims, the thesis strength (0–1) when the claim's
    credence is 0 and when it is 1, largest swing on top. ``weights_label``
    names the weights in the caption (e.g. "the neutral reader's weights")."""
    if not {"claim_id", "low", "high", "base"} <= set(sensitivity.columns):
        raise ValueError("sensitivity: expected the table from models.sensitivity() (columns claim_id, low, high, base)")
    rows = sensitivity.head(top).iloc[::-1]
    # Zoom to the bars (swings are often a tenth of the scale), with a margin.
    low = float(min(rows["low"].min(), rows["high"].min(), sensitivity["base"].iloc[0]))
    high = float(max(rows["low"].max(), rows["high"].max(), sensitivity["base"].iloc[0]))
    margin = max(0.02, 0.08 * (high - low))
    return build_figure(
        [_tornado_trace(rows)],
        "Which claim's credence moves the thesis most",
        f"Each bar: the thesis strength as one claim's credence alone goes from 0 to 1; dashed line: the thesis at {weights_label}.",
        height=max(360, 40 * len(rows) + 160),
        shapes=[line_shape(x=float(sensitivity["base"].iloc[0]), dash="dash", color=OKABE_ITO["black"])],
        barmode="overlay", legend={"orientation": "h", "y": 1.08, "x": 1, "xanchor": "right"},
        xaxis=axis("thesis strength (0–1)", range=[max(0.0, low - margin), min(1.0, high + margin)]),
        yaxis=axis("claim", type="category"),
    )


def _tornado_trace(rows: pd.DataFrame) -> dict:
    """The tornado's bars: for each claim (rows of a sensitivity table), the
    thesis strength from credence 0 (base) to credence 1."""
    lows, highs = rows["low"].to_numpy(), rows["high"].to_numpy()
    return {
        "type": "bar", "y": list(rows["claim_id"]), "x": list(highs - lows), "base": list(lows), "orientation": "h",
        "name": "credence 0 → 1",
        "marker": {"color": [OKABE_ITO["blue"] if h >= l else OKABE_ITO["vermillion"] for l, h in zip(lows, highs)]},
        "hovertemplate": "%{y}: thesis %{base:.2f} → %{x:+.2f}<extra></extra>",
    }


#: The weighting figure's rows, in pixels: one tornado bar, one claim bar.
_TORNADO_ROW_PX, _CLAIM_ROW_PX = 30, 13


def weighting_figure(article: str, strengths: pd.Series, sensitivity: pd.DataFrame, top: int = 8) -> go.Figure:
    """The claim-weighting panel's figure, one chart above the other so that
    both have the column's full width: on top, the tornado of the ``top``
    most decisive claims (axes x2/y2, the last trace); below, the strength of
    every claim (one trace per claim type) and of the thesis (axes x/y).
    Update it with :func:`update_weighting_figure`."""
    claims = models.article_claims(article)
    arg = models.argument_map(article)
    thesis = arg.thesis
    # Elaborations are not reasons: they have no strength to draw.
    reasons = set(arg.weighted_ids)
    order = [i for i in claims.index if i in reasons or i == thesis][::-1]  # first claim at the top
    traces = [{
        "type": "bar", "y": [thesis], "x": [0.0], "orientation": "h", "name": "thesis", "marker": {"color": OKABE_ITO["black"]},
        "hovertemplate": "thesis %{y}: %{x:.2f}<extra></extra>",
    }]
    for claim_type in models.CLAIM_TYPES:
        ids = [i for i in claims.index if i in reasons and claims.loc[i, "claim_type"] == claim_type]
        if ids:
            traces.append({
                "type": "bar", "y": ids, "x": [0.0] * len(ids), "orientation": "h", "name": claim_type,
                "marker": {"color": TYPE_COLOURS[claim_type]}, "hovertemplate": "%{y}: %{x:.2f}<extra>" + claim_type + "</extra>",
            })
    tornado_trace = {**_tornado_trace(sensitivity.head(top).iloc[::-1]), "xaxis": "x2", "yaxis": "y2", "showlegend": False}

    # Heights in pixels, top to bottom: title and the tornado's heading; the
    # tornado; its x axis and the claims' heading; the claims; then the
    # bottom stack (x axis, caption, legend), computed by build_figure.
    margin_t, tornado_px, between_px = 96, _TORNADO_ROW_PX * top + 10, AXIS_PX + 40
    claims_px = _CLAIM_ROW_PX * len(order) + 10
    caption = (
        "Top: the claims whose credence moves the thesis most; dashed: the thesis now. "
        "Below: each claim after its reasons and attacks; black: the thesis."
    )
    stack = bottom_stack(caption_text(caption), legend=legend_rows([t["name"] for t in traces]))
    height = margin_t + tornado_px + between_px + claims_px + stack.margin_b
    plot_px = tornado_px + between_px + claims_px
    claims_top = claims_px / plot_px
    tornado_bottom = (claims_px + between_px) / plot_px
    heading = {"xref": "paper", "yref": "paper", "x": 0, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
               "font": {"size": 14}, "yshift": 4}
    fig = build_figure(
        [*traces, tornado_trace], "", caption, height=height, legend_below=True,
        margin={"t": margin_t},
        # the current thesis strength on the tornado, moved by update_weighting_figure
        shapes=[line_shape(x=0.0, axis="2", dash="dash", color=OKABE_ITO["black"], width=1)],
        annotations=[
            {**heading, "y": 1, "text": "what moves the thesis most"},
            {**heading, "y": claims_top, "text": "strength of each claim"},
        ],
        bargap=0.25,
        xaxis=axis("strength (0–1)", range=[0, 1], anchor="y"),
        yaxis=axis("claim", domain=[0, claims_top], categoryorder="array", categoryarray=order, type="category",
                   tickfont={"size": 10}, anchor="x"),
        # The tornado's x axis zooms to the swings (autorange), often a few points wide.
        xaxis2=axis("thesis strength, credence 0 → 1", autorange=True, anchor="y2"),
        yaxis2=axis("claim", domain=[tornado_bottom, 1], type="category", anchor="x2"),
    )
    update_weighting_figure(fig, article, strengths, sensitivity, top)
    return fig


def update_weighting_figure(fig, article: str, strengths: pd.Series, sensitivity: pd.DataFrame, top: int = 8) -> None:
    """Write new strengths and a new sensitivity ranking into a figure made by
    :func:`weighting_figure` (a ``go.Figure`` or ``go.FigureWidget``). Call it
    inside ``fig.batch_update()`` so the browser receives one message."""
    for trace in fig.data[:-1]:
        trace.x = [float(strengths[i]) for i in trace.y]
    rows = sensitivity.head(top).iloc[::-1]
    lows, highs = rows["low"].to_numpy(), rows["high"].to_numpy()
    tornado_trace = fig.data[-1]
    tornado_trace.y = list(rows["claim_id"])
    tornado_trace.x = list(highs - lows)
    tornado_trace.base = list(lows)
    tornado_trace.marker.color = [OKABE_ITO["blue"] if h >= l else OKABE_ITO["vermillion"] for l, h in zip(lows, highs)]
    thesis_value = float(strengths[models.argument_map(article).thesis])
    fig.layout.shapes[0].x0 = fig.layout.shapes[0].x1 = thesis_value
    fig.layout.title.text = f"{ARTICLE_NAMES[article]}: {thesis_value:.1%} of the case stands"


def first_win_figure(strengths: dict[str, float]) -> go.Figure:
    """Lesson 00: one bar per article, how much of its case stands (0–1);
    update with :func:`update_first_win_figure`."""
    bars = {
        "type": "bar", "x": [ARTICLE_NAMES["K"], ARTICLE_NAMES["P"]], "y": [0.0, 0.0],
        "marker": {"color": [OKABE_ITO["blue"], OKABE_ITO["orange"]]},
        "texttemplate": "%{y:.0%}", "textposition": "outside",
        "hovertemplate": "%{x}: %{y:.0%} of the case stands<extra></extra>",
    }
    fig = build_figure(
        [bars], "How much of each case stands with your answer",
        "Move the slider: the taller bar is the case that survives your assumption better.", height=380,
        yaxis=axis("share of the case that stands", range=[0, 1.05], tickformat=".0%"),
        xaxis=axis("article"),
    )
    update_first_win_figure(fig, strengths)
    return fig


def update_first_win_figure(fig, strengths: dict[str, float]) -> None:
    """Write new thesis strengths into a figure from :func:`first_win_figure`."""
    fig.data[0].y = [float(strengths["K"]), float(strengths["P"])]


# Lesson 03's figures (imported last: they use the helpers above).
from . import factcheck  # noqa: E402
