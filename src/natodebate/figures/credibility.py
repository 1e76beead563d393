"""Lesson 04's figure: Russia's belief that NATO is resolute, restraint by
restraint, against the probe threshold θ below which probing pays."""

from __future__ import annotations

import plotly.graph_objects as go

from .style import OKABE_ITO, axis, build_figure, line_shape, write_changed

__all__ = ["belief_figure", "update_belief_figure"]

#: Colours of the verdict: the point after the restraints observed, and the probe zone.
PROBES_COLOUR = OKABE_ITO["vermillion"]
HOLDS_COLOUR = OKABE_ITO["bluish green"]
_PROBE_ZONE_FILL = "rgba(213, 94, 0, 0.10)"  # vermillion, faint

_CAPTION = (
    "Each restraint read as weakness pulls the belief down; below the red dashed line θ "
    "a probe pays. Big dot: the verdict after n restraints."
)


def belief_figure(curve: dict) -> go.Figure:
    """P(R), Russia's belief that NATO is resolute (0–1), after 0, 1, 2, …
    restraints, for one setting of the model (``curve`` from
    :func:`natodebate.models.credibility.belief_curve`); the threshold θ is a
    red dashed line over a faint red zone where Russia probes, the verdict
    after the ``n`` restraints observed a large dot, and the restraint after
    which probing starts a dotted vertical line. Trace 0: the belief if
    restraint said nothing (LR = 1); trace 1: the belief; trace 2: the
    verdict. Update with :func:`update_belief_figure`."""
    flat = {
        "type": "scatter", "x": [], "y": [], "mode": "lines", "name": "if restraint said nothing (LR = 1)",
        "line": {"color": OKABE_ITO["grey"], "dash": "dot", "width": 2}, "hoverinfo": "skip",
    }
    belief = {
        "type": "scatter", "x": [], "y": [], "mode": "lines+markers", "name": "Russia's belief after n restraints",
        "line": {"color": OKABE_ITO["blue"], "width": 3}, "marker": {"color": OKABE_ITO["blue"], "size": 7},
        "hovertemplate": "after %{x} restraints: P(R) = %{y:.3f}<extra></extra>",
    }
    verdict = {
        "type": "scatter", "x": [], "y": [], "mode": "markers+text", "name": "after the restraints observed", "showlegend": False,
        "marker": {"color": HOLDS_COLOUR, "size": 16, "line": {"color": OKABE_ITO["black"], "width": 1.5}},
        "textposition": "top right", "textfont": {"size": 13}, "cliponaxis": False,
        "hovertemplate": "after %{x} restraints: P(R) = %{y:.3f}<extra></extra>",
    }
    fig = build_figure(
        [flat, belief, verdict], "Russia's belief in NATO's resolve, restraint by restraint", _CAPTION, height=520,
        legend_below=True,
        xaxis=axis("restraints observed, n (count)", dtick=1, zeroline=False),
        yaxis=axis("P(R): belief NATO is resolute (0–1)", range=[0, 1.04], dtick=0.2, zeroline=False),
        shapes=[
            {"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": 0, "y1": 0.2,
             "fillcolor": _PROBE_ZONE_FILL, "line": {"width": 0}, "layer": "below", "name": "probe zone"},
            {**line_shape(y=0.2, color=PROBES_COLOUR, dash="dash", width=2), "name": "threshold"},
            {**line_shape(x=0, color=OKABE_ITO["black"], dash="dot", width=1.5), "name": "probing starts"},
        ],
        annotations=[
            {"name": "threshold", "text": "", "xref": "paper", "x": 1, "xanchor": "right", "yref": "y", "y": 0.2,
             "yanchor": "top", "showarrow": False, "font": {"size": 12, "color": PROBES_COLOUR}},
            {"name": "probing starts", "text": "", "xref": "x", "x": 0, "xanchor": "left", "xshift": 4, "yref": "paper",
             "y": 1, "yanchor": "top", "showarrow": False, "align": "left", "font": {"size": 12}},
        ],
    )
    update_belief_figure(fig, curve)
    return fig


def update_belief_figure(fig, curve: dict) -> None:
    """Redraw :func:`belief_figure` for a new ``curve`` (from
    :func:`natodebate.models.credibility.belief_curve`), in place: the three
    traces, the threshold line and zone, and the line where probing starts.

    Only the properties whose values changed since the last update are
    written, and the parts of the figure they belong to are looked up only
    then: plotly validates every write and every lookup, and a slider
    usually changes two or three of the 24 properties."""
    counts = [int(c) for c in curve["counts"]]
    theta, n, belief = float(curve["threshold"]), float(curve["n"]), float(curve["posterior"])
    probes = bool(curve["probes"])
    start = curve["flips"]["restraints"]
    shown = start is not None and 0 < start <= counts[-1]
    late = shown and start > counts[-1] * 0.6  # label to the left of a line near the right edge
    # (part of the figure, property, value); the parts are looked up by position:
    # traces 0-2, shapes 0-2 and annotations 0-1 as belief_figure made them.
    wanted = [
        ("data 0", "x", (counts[0], counts[-1])),
        ("data 0", "y", (float(curve["prior"]),) * 2),
        ("data 1", "x", tuple(counts)),
        ("data 1", "y", tuple(round(float(b), 4) for b in curve["beliefs"])),
        ("data 2", "x", (n,)),
        ("data 2", "y", (belief,)),
        ("data 2", "text", (f"<b>{belief:.2f}: {'probes' if probes else 'no probe'}</b>",)),
        # the label sits above the dot, or below it when the dot is near the top
        ("data 2", "textposition", "bottom right" if belief > 0.85 else "top right"),
        ("data 2", "marker.color", PROBES_COLOUR if probes else HOLDS_COLOUR),
        ("xaxis", "range", (-0.4, counts[-1] + 0.4)),
        ("shapes 0", "y1", theta),
        ("shapes 1", "y0", theta),
        ("shapes 1", "y1", theta),
        ("shapes 2", "visible", shown),
        ("shapes 2", "x0", start if shown else 0),
        ("shapes 2", "x1", start if shown else 0),
        # under the line, or over it when θ is too low to leave room beneath
        ("annotations 0", "y", theta),
        ("annotations 0", "yanchor", "top" if theta >= 0.12 else "bottom"),
        ("annotations 0", "text", f"θ = {theta:.2f}: below this line Russia probes"),
        ("annotations 1", "visible", shown),
        ("annotations 1", "x", start if shown else 0),
        ("annotations 1", "xanchor", "right" if late else "left"),
        ("annotations 1", "xshift", -4 if late else 4),
        ("annotations 1", "text", f"probing starts<br>after {start}" if shown else ""),
    ]
    write_changed(fig, wanted)
