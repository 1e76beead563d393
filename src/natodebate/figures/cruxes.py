"""Lesson 00's crux figure: one bar per article, how much of its case
stands with the student's answer to the crux."""

from __future__ import annotations

import plotly.graph_objects as go

from .style import ARTICLE_NAMES, OKABE_ITO, axis, build_figure

__all__ = ["crux_figure", "update_crux_figure"]


def crux_figure(strengths: dict[str, float]) -> go.Figure:
    """Lesson 00: one bar per article, how much of its case stands (0–1);
    update with :func:`update_crux_figure`."""
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
    update_crux_figure(fig, strengths)
    return fig


def update_crux_figure(fig, strengths: dict[str, float]) -> None:
    """Write new thesis strengths into a figure from :func:`crux_figure`."""
    fig.data[0].y = [float(strengths["K"]), float(strengths["P"])]
