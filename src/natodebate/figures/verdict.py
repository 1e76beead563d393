"""Lesson 09's figures: where the student's assumptions lie between the two
readers' presets, and (for the instructor) the class's assumptions and the
share of the class each article's reader persuades."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .style import OKABE_ITO, axis, build_figure, write_changed

__all__ = ["SIDE_COLOURS", "positions_figure", "update_positions_figure", "class_positions_figure", "persuasion_figure"]

#: Kagan's reader blue, Petrovics's orange (as lesson 00's bars), neither grey.
SIDE_COLOURS = {"K": OKABE_ITO["blue"], "P": OKABE_ITO["orange"], "between": OKABE_ITO["grey"], "neither": OKABE_ITO["grey"], "—": OKABE_ITO["grey"]}
#: Positions are drawn clipped to this range (a value past a preset sits at the edge, its number in the hover).
_SHOWN = (-0.3, 1.3)


def _clipped(values) -> list[float]:
    return [float(np.clip(v, *_SHOWN)) for v in values]


def positions_figure(positions: pd.DataFrame) -> go.Figure:
    """One row per assumption that decides a verdict (a
    :func:`natodebate.models.verdict.position_table`): a dot where the
    student's value lies between Kagan's reader's preset (0) and
    Petrovics's reader's (1), coloured by the preset it is nearer; update
    with :func:`update_positions_figure`."""
    rows = len(positions)
    dots = {
        "type": "scatter", "mode": "markers", "x": [], "y": list(range(rows)), "customdata": [], "name": "your value",
        "marker": {"size": 11, "color": [], "line": {"width": 1, "color": "#333"}},
        "hovertemplate": "%{customdata}<extra></extra>", "showlegend": False,
    }
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
         "line": {"color": colour, "width": 2 if x != 0.5 else 1, "dash": "solid" if x != 0.5 else "dot"}}
        for x, colour in ((0.0, SIDE_COLOURS["K"]), (1.0, SIDE_COLOURS["P"]), (0.5, OKABE_ITO["grey"]))
    ]
    # The rows (the assumptions on which the presets differ) are the same for
    # every student: tick labels, not a y title, name them.
    fig = build_figure(
        [dots], "Where your assumptions lie between the two readers",
        "Each dot is one assumption: at 0 it is Kagan's reader's preset, at 1 Petrovics's reader's (blue: nearer Kagan's, orange: nearer Petrovics's).",
        height=max(360, 120 + 17 * rows), shapes=shapes,
        xaxis=axis("position: 0 = Kagan's reader's preset, 1 = Petrovics's reader's", range=list(_SHOWN), zeroline=False,
                   tickvals=[0, 0.5, 1], ticktext=["K's preset", "midway", "P's preset"]),
        yaxis=axis("", tickvals=list(range(rows)), ticktext=list(positions["label"]), range=[rows - 0.5, -0.5],
                   automargin=True, tickfont={"size": 11}),
    )
    update_positions_figure(fig, positions)
    return fig


def update_positions_figure(fig, positions: pd.DataFrame) -> None:
    """Write a new :func:`~natodebate.models.verdict.position_table` into a
    figure from :func:`positions_figure` (only what changed)."""
    hover = [f"{row.label}: yours {row.yours} (position {row.position:.2f}, nearer {row.nearer}); verdict of its question: {row.verdict}"
             for row in positions.itertuples()]
    write_changed(fig, [
        ("data 0", "x", _clipped(positions["position"])),
        ("data 0", "customdata", hover),
        ("data 0", "marker.color", [SIDE_COLOURS.get(side, OKABE_ITO["grey"]) for side in positions["nearer"]]),
    ])


def class_positions_figure(positions: pd.DataFrame, seed: int = 0) -> go.Figure:
    """The class's assumptions: for each assumption (rows of ``positions``,
    a long table with columns ``label`` and ``position``, one row per
    student and assumption, as :func:`natodebate.classreport.class_positions`
    gives), one dot per student between Kagan's reader's preset (0) and
    Petrovics's reader's (1), jittered up and down (seeded), and the
    class's median as a black bar."""
    labels = list(dict.fromkeys(positions["label"]))
    index = {label: i for i, label in enumerate(labels)}
    rng = np.random.default_rng(seed)
    y = np.array([index[label] for label in positions["label"]], dtype=float) + rng.uniform(-0.25, 0.25, len(positions))
    x = _clipped(positions["position"])
    colours = [
        SIDE_COLOURS["K"] if v < 0.5 - 1e-9 else (SIDE_COLOURS["P"] if v > 0.5 + 1e-9 else OKABE_ITO["grey"]) for v in positions["position"]
    ]
    medians = positions.groupby("label", sort=False)["position"].median().reindex(labels)
    traces = [
        {"type": "scatter", "mode": "markers", "x": x, "y": list(y), "name": "a student", "showlegend": False,
         "marker": {"size": 6, "color": colours, "opacity": 0.7}, "hovertemplate": "position %{x:.2f}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "x": _clipped(medians), "y": list(range(len(labels))), "name": "class median",
         "marker": {"symbol": "line-ns-open", "size": 18, "color": OKABE_ITO["black"], "line": {"width": 3}},
         "hovertemplate": "median %{x:.2f}<extra></extra>", "showlegend": False},
    ]
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": v, "x1": v, "y0": 0, "y1": 1,
         "line": {"color": colour, "width": 2 if v != 0.5 else 1, "dash": "solid" if v != 0.5 else "dot"}}
        for v, colour in ((0.0, SIDE_COLOURS["K"]), (1.0, SIDE_COLOURS["P"]), (0.5, OKABE_ITO["grey"]))
    ]
    return build_figure(
        traces, "The class's assumptions between the two readers",
        "One dot per student, black bar the class median: a tight cluster is agreement, a spread from K's preset to P's is the class's dispute.",
        height=max(380, 130 + 22 * len(labels)), shapes=shapes,
        xaxis=axis("position: 0 = Kagan's reader's preset, 1 = Petrovics's reader's", range=list(_SHOWN), zeroline=False,
                   tickvals=[0, 0.5, 1], ticktext=["K's preset", "midway", "P's preset"]),
        yaxis=axis("", tickvals=list(range(len(labels))), ticktext=labels, range=[len(labels) - 0.5, -0.5],
                   automargin=True, tickfont={"size": 11}),
    )


def _wrap(label: str, width: int = 30) -> str:
    """A tick label on lines of at most ``width`` characters (plotly breaks lines at <br>)."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def persuasion_figure(shares: pd.DataFrame) -> go.Figure:
    """Stacked bars, one per question and one for the overall verdict (rows
    of ``shares``; columns ``K``, ``neither``, ``P``: shares of the class,
    0–1, as :func:`natodebate.classreport.persuasion` gives): the share of
    the class siding with each reader."""
    names = {"K": "Kagan's reader", "neither": "neither", "P": "Petrovics's reader"}
    colours = {"K": SIDE_COLOURS["K"], "neither": OKABE_ITO["grey"], "P": SIDE_COLOURS["P"]}
    labels = [str(label) for label in shares.index]
    traces = [
        {"type": "bar", "orientation": "h", "name": names[side], "x": [float(v) for v in shares[side]], "y": list(range(len(labels))),
         "customdata": labels, "marker": {"color": colours[side]}, "texttemplate": "%{x:.0%}", "textposition": "inside",
         "hovertemplate": f"%{{customdata}}: %{{x:.0%}} side with {names[side]}<extra></extra>"}
        for side in ("K", "neither", "P")
    ]
    return build_figure(
        traces, "Whom the class sides with, question by question",
        "Each bar is the whole class. Blue: Kagan's reader; orange: Petrovics's; grey: neither.",
        height=max(380, 170 + 44 * len(labels)), legend_below=True, barmode="stack",
        xaxis=axis("share of the class", range=[0, 1], tickformat=".0%"),
        yaxis=axis("", tickvals=list(range(len(labels))), ticktext=[_wrap(label) for label in labels],
                   range=[len(labels) - 0.5, -0.5], automargin=True),
    )
