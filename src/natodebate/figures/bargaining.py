"""Lesson 05's figure: Fearon's bargaining range against Russia's belief q
that NATO intervenes, with what each side thinks a war is worth, and the
belief q* at which mutual optimism stops meaning war."""

from __future__ import annotations

import plotly.graph_objects as go

from .style import OKABE_ITO, axis, build_figure, line_shape, write_changed

__all__ = ["range_figure", "update_range_figure"]

#: Colours: the verdict (war / no war) at the two marked beliefs and the war zone.
WAR_COLOUR = OKABE_ITO["vermillion"]
PEACE_COLOUR = OKABE_ITO["bluish green"]
_WAR_ZONE_FILL = "rgba(213, 94, 0, 0.08)"  # vermillion, faint
_RANGE_FILL = "rgba(86, 180, 233, 0.30)"  # sky blue

_CAPTION = (
    "Blue band: deals both sides prefer to war. Red: war by optimism, where "
    "Russia's demand (purple) tops Ukraine's offer (blue); it flips at q*."
)


def range_figure(curve: dict) -> go.Figure:
    """Russia's share of the stake (0–1 scale, may fall below 0) against
    Russia's belief q that NATO intervenes, for one setting of the model
    (``curve`` from :func:`natodebate.models.bargaining.range_curve`): the
    bargaining range [p(q) − c_R(q), p(q) + c_U] as a band (trace 0), what
    Russia demands to forgo war by its own estimate (trace 1) and the most
    Ukraine offers by its own (trace 2); where the demand exceeds the offer
    (war by mutual optimism) the plot is shaded red, and the belief q* where
    the verdict flips is a dashed line. Dotted lines mark the belief that
    restraint left Russia and the belief under a credible threat, with the
    verdict at each (trace 3). Update with :func:`update_range_figure`."""
    band = {
        "type": "scatter", "x": [], "y": [], "mode": "lines", "fill": "toself", "fillcolor": _RANGE_FILL,
        "line": {"color": OKABE_ITO["sky blue"], "width": 1}, "name": "bargaining range", "hoverinfo": "skip",
    }
    demand = {
        "type": "scatter", "x": [], "y": [], "mode": "lines", "name": "Russia's demand: its own p − c_R",
        "line": {"color": OKABE_ITO["reddish purple"], "width": 3},
        "hovertemplate": "q = %{x:.2f}: Russia fights for less than %{y:.3f}<extra></extra>",
    }
    offer = {
        "type": "scatter", "x": [], "y": [], "mode": "lines", "name": "Ukraine's offer: its own p + c_U",
        "line": {"color": OKABE_ITO["blue"], "width": 3, "dash": "dash"},
        "hovertemplate": "q = %{x:.2f}: Ukraine concedes at most %{y:.3f}<extra></extra>",
    }
    verdicts = {
        "type": "scatter", "x": [], "y": [], "mode": "markers+text", "showlegend": False, "cliponaxis": False,
        "marker": {"color": [PEACE_COLOUR, PEACE_COLOUR], "size": 14, "line": {"color": OKABE_ITO["black"], "width": 1.5}},
        "textposition": ["top right", "top right"], "textfont": {"size": 13},
        "hovertemplate": "q = %{x:.2f}: Russia demands %{y:.3f}<extra></extra>",
    }
    marker_line = {"color": OKABE_ITO["black"], "dash": "dot", "width": 1.5}
    note = {"xref": "x", "yref": "paper", "y": 1, "yanchor": "bottom", "showarrow": False, "font": {"size": 12}}
    fig = build_figure(
        [band, demand, offer, verdicts], "Is there a deal Russia prefers to war?", _CAPTION, height=580,
        legend_below=True,
        xaxis=axis("Russia's belief that NATO intervenes, q (probability)", range=[0, 1], dtick=0.1),
        yaxis=axis("Russia's share of the stake (0–1)", zeroline=True, zerolinecolor="#999999"),
        margin={"t": 90},
        shapes=[
            {"type": "rect", "xref": "x", "yref": "paper", "x0": 0, "x1": 0, "y0": 0, "y1": 1,
             "fillcolor": _WAR_ZONE_FILL, "line": {"width": 0}, "layer": "below", "name": "war zone"},
            {**line_shape(x=0, color=WAR_COLOUR, dash="dash", width=2), "name": "flip"},
            {**line_shape(x=0, **marker_line), "name": "restraint"},
            {**line_shape(x=0, **marker_line), "name": "threat"},
        ],
        annotations=[
            {**note, "name": "flip", "text": "", "x": 0, "font": {"size": 12, "color": WAR_COLOUR}},
            {**note, "name": "restraint", "text": "restraint", "x": 0, "xanchor": "left", "yshift": 18},
            {**note, "name": "threat", "text": "threat", "x": 0, "xanchor": "left", "yshift": 18},
            {"name": "war zone", "text": "", "xref": "x", "yref": "paper", "x": 0, "y": 0.99, "yanchor": "top",
             "xanchor": "left", "showarrow": False, "font": {"size": 12, "color": WAR_COLOUR}},
        ],
    )
    update_range_figure(fig, curve)
    return fig


def update_range_figure(fig, curve: dict) -> None:
    """Redraw :func:`range_figure` for a new ``curve`` (from
    :func:`natodebate.models.bargaining.range_curve`), in place. Only the
    properties whose values changed since the last update are written, and
    the parts of the figure they belong to are looked up only then (plotly
    validates every write and every lookup)."""
    beliefs = [round(float(b), 4) for b in curve["beliefs"]]
    low = [round(float(v), 4) for v in curve["low"]]
    high = [round(float(v), 4) for v in curve["high"]]
    restraint, threat, threshold = curve["at_restraint"], curve["at_threat"], curve["threshold"]
    flip = threshold["q"]
    # The war zone: below q* (a threat ends it), above q*, everywhere or nowhere.
    if flip is not None:
        zone = (0.0, flip) if threshold["war_below"] else (flip, 1.0)
    else:
        zone = (0.0, 1.0) if threshold["war_at_0"] else (0.0, 0.0)
    values = [*low, *high, *curve["demand"], *curve["offer"], 0.0, 1.0]
    bottom, top = min(values), max(values)
    labels = [
        f"<b>{'war' if point['war'] else 'no war'}</b>" for point in (restraint, threat)
    ]
    # (part of the figure, property, value); parts by position as range_figure made them:
    # traces 0-3, shapes 0-3 (war zone, flip, restraint, threat), annotations 0-3.
    wanted = [
        ("data 0", "x", tuple(beliefs + beliefs[::-1] + beliefs[:1])),
        ("data 0", "y", tuple(low + high[::-1] + low[:1])),
        ("data 1", "x", tuple(beliefs)),
        ("data 1", "y", tuple(round(float(v), 4) for v in curve["demand"])),
        ("data 2", "x", tuple(beliefs)),
        ("data 2", "y", tuple(round(float(v), 4) for v in curve["offer"])),
        ("data 3", "x", (restraint["q"], threat["q"])),
        ("data 3", "y", (round(restraint["demand"], 4), round(threat["demand"], 4))),
        ("data 3", "text", tuple(labels)),
        ("data 3", "marker.color", tuple(WAR_COLOUR if p["war"] else PEACE_COLOUR for p in (restraint, threat))),
        # a label left of a dot near the right edge
        ("data 3", "textposition", tuple("top left" if p["q"] > 0.8 else "top right" for p in (restraint, threat))),
        ("yaxis", "range", (round(min(bottom - 0.05, -0.05), 2), round(max(top + 0.05, 1.0), 2))),
        ("shapes 0", "x0", zone[0]),
        ("shapes 0", "x1", zone[1]),
        ("shapes 1", "visible", flip is not None),
        ("shapes 1", "x0", flip or 0.0),
        ("shapes 1", "x1", flip or 0.0),
        ("shapes 2", "x0", restraint["q"]),
        ("shapes 2", "x1", restraint["q"]),
        ("shapes 3", "x0", threat["q"]),
        ("shapes 3", "x1", threat["q"]),
        ("annotations 0", "visible", flip is not None),
        ("annotations 0", "x", flip or 0.0),
        ("annotations 0", "xanchor", "right" if (flip or 0) > 0.5 else "left"),
        ("annotations 0", "text", "" if flip is None else f"q* = {flip:.2f}"),
        ("annotations 1", "x", restraint["q"]),
        ("annotations 1", "xanchor", "right" if restraint["q"] > 0.8 else "left"),
        ("annotations 2", "x", threat["q"]),
        ("annotations 2", "xanchor", "right" if threat["q"] > 0.8 else "left"),
        # the two labels would overlap when the beliefs are close: the threat's goes one line higher
        ("annotations 2", "yshift", 36 if abs(threat["q"] - restraint["q"]) < 0.2 else 18),
        ("annotations 3", "visible", zone[1] - zone[0] > 0.12),
        ("annotations 3", "x", zone[0] + 0.01),
        ("annotations 3", "text", "war by optimism"),
    ]
    write_changed(fig, wanted)
