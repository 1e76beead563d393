"""The claim-weighting figures (lessons 01–02): the tornado of the one-way
sensitivity and the weighting panel's figure (claim strengths and tornado)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import models
from .captions import AXIS_PX, bottom_stack
from .style import ARTICLE_NAMES, OKABE_ITO, TYPE_COLOURS, axis, build_figure, caption_text, line_shape

__all__ = ["tornado", "weighting_figure", "update_weighting_figure"]


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
        "marker": {"color": [OKABE_ITO["blue"] if high >= low else OKABE_ITO["vermillion"] for low, high in zip(lows, highs)]},
        "hovertemplate": "%{y}: thesis %{base:.2f} → %{x:+.2f}<extra></extra>",
    }


#: The weighting figure's rows, in pixels: one tornado bar, one claim bar.
_TORNADO_ROW_PX, _CLAIM_ROW_PX = 30, 13


def _type_key(kinds: list[str], width: int = 66) -> list[str]:
    """A colour key for the claim bars ("■ thesis  ■ empirical …"), as lines
    of at most ``width`` visible characters: drawn as one annotation, it costs
    nothing when the panel redraws (a legend needs a trace per colour)."""
    lines, line, used = [], [], 0
    for kind in kinds:
        colour = OKABE_ITO["black"] if kind == "thesis" else TYPE_COLOURS[kind]
        entry = f"<span style='color:{colour}'>■</span> {kind}"
        if line and used + len(kind) + 4 > width:
            lines.append("   ".join(line))
            line, used = [], 0
        line.append(entry)
        used += len(kind) + 4
    lines.append("   ".join(line))
    return lines


def weighting_figure(article: str, strengths: pd.Series, sensitivity: pd.DataFrame, top: int = 8) -> go.Figure:
    """The claim-weighting panel's figure, one chart above the other so that
    both have the column's full width: on top, the tornado of the ``top``
    most decisive claims (axes x2/y2, the last trace); below, the strength of
    the thesis and of every claim, coloured by claim type (axes x/y, one
    trace: each further trace would add to every redraw as a slider moves).
    Update it with :func:`update_weighting_figure`."""
    claims = models.article_claims(article)
    arg = models.argument_map(article)
    thesis = arg.thesis
    # Elaborations are not reasons: they have no strength to draw.
    reasons = set(arg.weighted_ids)
    order = [i for i in claims.index if i in reasons or i == thesis][::-1]  # first claim at the top
    kinds = ["thesis" if i == thesis else claims.loc[i, "claim_type"] for i in order]
    bars = {
        "type": "bar", "y": order, "x": [0.0] * len(order), "orientation": "h", "name": "strength", "showlegend": False,
        "marker": {"color": [OKABE_ITO["black"] if kind == "thesis" else TYPE_COLOURS[kind] for kind in kinds]},
        "customdata": kinds, "hovertemplate": "%{y} (%{customdata}): %{x:.2f}<extra></extra>",
    }
    tornado_trace = {**_tornado_trace(sensitivity.head(top).iloc[::-1]), "xaxis": "x2", "yaxis": "y2", "showlegend": False}
    key = _type_key(["thesis", *[t for t in models.CLAIM_TYPES if t in kinds]])

    # Heights in pixels, top to bottom: title and the tornado's heading; the
    # tornado; its x axis and the claims' heading; the claims; then the
    # bottom stack (x axis, caption, colour key), computed by build_figure.
    margin_t, tornado_px, between_px = 96, _TORNADO_ROW_PX * top + 10, AXIS_PX + 40
    claims_px = _CLAIM_ROW_PX * len(order) + 10
    caption = (
        "Top: the claims whose credence moves the thesis most; dashed: the thesis now. "
        "Below: each claim after its reasons and attacks, coloured by its type."
    )
    stack = bottom_stack(caption_text(caption), legend=len(key))
    height = margin_t + tornado_px + between_px + claims_px + stack.margin_b
    plot_px = tornado_px + between_px + claims_px
    claims_top = claims_px / plot_px
    tornado_bottom = (claims_px + between_px) / plot_px
    heading = {"xref": "paper", "yref": "paper", "x": 0, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
               "font": {"size": 14}, "yshift": 4}
    fig = build_figure(
        [bars, tornado_trace], "", caption, height=height, showlegend=False,
        margin={"t": margin_t, "b": stack.margin_b},
        # the current thesis strength on the tornado, moved by update_weighting_figure
        shapes=[line_shape(x=0.0, axis="2", dash="dash", color=OKABE_ITO["black"], width=1)],
        annotations=[
            {**heading, "y": 1, "text": "what moves the thesis most"},
            {**heading, "y": claims_top, "text": "strength of each claim"},
            {"name": "key", "xref": "paper", "yref": "paper", "x": 0, "xanchor": "left", "yanchor": "top", "align": "left",
             "y": stack.legend_y(height, margin_t), "showarrow": False, "font": {"size": 12}, "text": "<br>".join(key)},
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
    tornado_trace.marker.color = [OKABE_ITO["blue"] if high >= low else OKABE_ITO["vermillion"] for low, high in zip(lows, highs)]
    thesis_value = float(strengths[models.argument_map(article).thesis])
    fig.layout.shapes[0].x0 = fig.layout.shapes[0].x1 = thesis_value
    fig.layout.title.text = f"{ARTICLE_NAMES[article]}: {thesis_value:.1%} of the case stands"
