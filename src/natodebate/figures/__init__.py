"""Layer 3 — figures: plotly figures built from model results (no widgets).

Every figure has a title, axis titles with units and a one-line caption saying
what to look at; colours come from the Okabe–Ito palette, which stays
distinguishable under the common colour-vision deficiencies. Functions return
figures and never call ``.show()`` (outside a kernel that would open a browser).
"""

from __future__ import annotations

import functools
import html
import json
from importlib import resources

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .. import models

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


#: Style of every caption line: small grey italics under the plot.
_CAPTION_STYLE = {
    "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left", "yanchor": "top",
    "showarrow": False, "align": "left", "font": {"size": 12, "color": "#444"}, "name": "caption",
}


def frame_layout(title: str, height: int = 420) -> dict:
    """The layout every course figure shares: a left-aligned ``title``, the
    margins and font, and ``height`` in pixels."""
    return {
        **_template(),
        "title": {"text": title, "x": 0.0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 70, "b": 90},
        "font": {"size": 13},
    }


def caption_annotation(caption: str, y: float = -0.2) -> dict:
    """The caption line under the plot, ``y`` in paper units (0 = bottom of the plot area)."""
    return {"text": f"<i>{caption}</i>", "y": y, **_CAPTION_STYLE}


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
    data: list, title: str, caption: str, height: int = 420, *, caption_y: float = -0.2,
    shapes: list | tuple = (), annotations: list | tuple = (), **layout,
) -> go.Figure:
    """A finished figure in one constructor call: traces ``data`` (dicts or
    trace objects), :func:`frame_layout`, the caption, then ``shapes``,
    ``annotations`` and any other ``layout`` keys (which win over the frame's).

    Plotly validates every property it is given and re-validates the whole
    tuple of shapes or annotations on each ``add_shape``/``add_annotation``;
    one constructor call validates each once (a lesson-03 chart: about 4 ms
    instead of 12 ms). A ``margin`` given here changes only the sides it names."""
    frame = frame_layout(title, height)
    frame["margin"].update(layout.pop("margin", {}))
    return go.Figure(
        data=list(data),
        layout={
            **frame,
            "shapes": list(shapes),
            "annotations": [*annotations, caption_annotation(caption, caption_y)],
            **layout,
        },
    )


def finish(fig: go.Figure, title: str, caption: str, height: int = 420) -> go.Figure:
    """Give an existing ``fig`` (a figure made step by step, or a
    FigureWidget) its title and caption line; returns the same figure."""
    fig.update_layout(frame_layout(title, height))
    fig.add_annotation(caption_annotation(caption))
    return fig


def reference_line(fig: go.Figure, *, x=None, y=None, axis: str = "", **line) -> None:
    """Add :func:`line_shape` to an existing ``fig``."""
    fig.add_shape(line_shape(x=x, y=y, axis=axis, **line))


class ClaimTable:
    """Claims as an HTML table (what :func:`claim_table` returns).

    ``frame`` holds the rows as plain text; a notebook shows the table with
    the verdict shaded and the claim type marked in its colour. Rendered with
    ``DataFrame.to_html`` (about 2 ms a table) rather than a pandas Styler
    (about 55 ms for the first, 8 ms for each further one): a reading lesson
    shows seven of them.
    """

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def to_html(self) -> str:
        def left(text: str, extra: str = "") -> str:
            return f'<div style="text-align:left;{extra}">{text}</div>'

        shown = self.frame.copy()
        for column in ("role", "of", "checkable", "id", "¶"):
            shown[column] = [left(html.escape(str(value))) for value in shown[column]]
        shown["why"] = [left(html.escape(note), "min-width:16em") for note in self.frame["why"]]
        shown["quote"] = [left(f"<i>{html.escape(q)}</i>", "min-width:18em") for q in self.frame["quote"]]
        shown["type"] = [
            left(t, f"border-left:6px solid {TYPE_COLOURS.get(t, '#fff')};padding-left:4px") for t in self.frame["type"]
        ]
        shown["verdict"] = [
            left(v, f"background-color:{VERDICT_COLOURS.get(v, '#fff')}33;padding:1px 4px") for v in self.frame["verdict"]
        ]
        # tex2jax_ignore / mathjax_ignore: JupyterLab would typeset "$1 bn ... $350 m" as maths.
        return shown.to_html(
            index=False, escape=False, border=0, justify="left",
            classes="natodebate-claims tex2jax_ignore mathjax_ignore",
        )

    def _repr_html_(self) -> str:
        return self.to_html()


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
                "type": "bar", "x": [claim_type], "y": [row["checkable"]], "name": claim_type, "marker": {"color": colour},
                "legendgroup": claim_type, "hovertemplate": "%{x}: %{y} checkable<extra></extra>",
            },
            {
                "type": "bar", "x": [claim_type], "y": [row["claims"] - row["checkable"]], "name": f"{claim_type} (not checkable)",
                "marker": {"color": colour, "pattern": {"shape": "/"}, "opacity": 0.55}, "legendgroup": claim_type,
                "showlegend": False, "hovertemplate": "%{x}: %{y} not checkable<extra></extra>",
            },
        ]
    total = int(counts["claims"].sum())
    return build_figure(
        traces,
        f"{ARTICLE_NAMES[article]}: {total} claims by type",
        "Solid: claims data or documents can check. Hatched: claims that can only be weighed.",
        barmode="stack", showlegend=False,
        xaxis=axis("claim type"),
        yaxis=axis("number of claims", dtick=2),
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
        height=560,
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


def weighting_figure(article: str, strengths: pd.Series, sensitivity: pd.DataFrame, top: int = 8) -> go.Figure:
    """The claim-weighting panel's figure: left, the strength of every claim
    (one trace per claim type) and of the thesis; right, the tornado of the
    ``top`` most decisive claims. Update it with :func:`update_weighting_figure`."""
    from plotly.subplots import make_subplots

    claims = models.article_claims(article)
    fig = make_subplots(
        rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.12,
        subplot_titles=("strength of each claim", "what moves the thesis most"),
    )
    arg = models.argument_map(article)
    thesis = arg.thesis
    # Elaborations are not reasons: they have no strength to draw.
    reasons = set(arg.weighted_ids)
    order = [i for i in claims.index if i in reasons or i == thesis][::-1]  # first claim at the top
    fig.add_bar(
        y=[thesis], x=[0.0], orientation="h", name="thesis", marker_color=OKABE_ITO["black"],
        hovertemplate="thesis %{y}: %{x:.2f}<extra></extra>", row=1, col=1,
    )
    for claim_type in models.CLAIM_TYPES:
        ids = [i for i in claims.index if i in reasons and claims.loc[i, "claim_type"] == claim_type]
        if ids:
            fig.add_bar(
                y=ids, x=[0.0] * len(ids), orientation="h", name=claim_type, marker_color=TYPE_COLOURS[claim_type],
                hovertemplate="%{y}: %{x:.2f}<extra>" + claim_type + "</extra>", row=1, col=1,
            )
    fig.add_trace(_tornado_trace(sensitivity.head(top).iloc[::-1]), row=1, col=2)
    fig.data[-1].showlegend = False
    fig.update_yaxes(title="claim", categoryorder="array", categoryarray=order, type="category", row=1, col=1, tickfont={"size": 10})
    # The tornado needs only the top of its column; its x axis zooms to the
    # swings (autorange), which are often a few points wide.
    fig.update_yaxes(title="claim", type="category", domain=[0.5, 1.0], row=1, col=2)
    fig.update_xaxes(title="strength (0–1)", range=[0, 1], row=1, col=1)
    fig.update_xaxes(title="thesis strength, credence 0 → 1", autorange=True, row=1, col=2)
    # the current thesis strength, moved by update_weighting_figure
    reference_line(fig, x=0.0, axis="2", dash="dash", color=OKABE_ITO["black"], width=1)
    fig.update_layout(legend={"orientation": "h", "y": -0.22, "x": 0}, bargap=0.25)
    finish(
        fig, "", "Left: each claim after its reasons and attacks; black: the thesis.<br>Right: the claims whose credence moves the thesis most; dashed: the thesis now.",
        height=max(520, 16 * len(claims) + 220),
    )
    fig.layout.annotations[-1].y = -0.32
    fig.layout.annotations[1].y = 1.0  # the tornado's subplot title stays on top
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
    fig = go.Figure(
        go.Bar(
            x=[ARTICLE_NAMES["K"], ARTICLE_NAMES["P"]], y=[0.0, 0.0],
            marker_color=[OKABE_ITO["blue"], OKABE_ITO["orange"]],
            texttemplate="%{y:.0%}", textposition="outside",
            hovertemplate="%{x}: %{y:.0%} of the case stands<extra></extra>",
        )
    )
    fig.update_yaxes(title="share of the case that stands", range=[0, 1.05], tickformat=".0%")
    fig.update_xaxes(title="article")
    finish(fig, "How much of each case stands with your answer", "Move the slider: the taller bar is the case that survives your assumption better.", height=380)
    update_first_win_figure(fig, strengths)
    return fig


def update_first_win_figure(fig, strengths: dict[str, float]) -> None:
    """Write new thesis strengths into a figure from :func:`first_win_figure`."""
    fig.data[0].y = [float(strengths["K"]), float(strengths["P"])]


# Lesson 03's figures (imported last: they use the helpers above).
from . import factcheck  # noqa: E402
