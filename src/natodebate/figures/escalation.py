"""Lesson 06's figures: the decision tree's threshold (EU_I − EU_R against
π_I, with the published nuclear-risk forecasts as rug marks), the ladder's
P(nuclear use) per response policy, and the uncertain inputs (the
distribution of EU_I − EU_R and the one-way tornado).

Colours: intervention (Kagan's conclusion) blue, restraint (Petrovics's)
orange, as the articles are drawn elsewhere in the course; the threshold
where the verdict flips is a black dashed line on every figure.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..models import escalation as esc
from .captions import AXIS_PX
from .style import OKABE_ITO, axis, build_figure, line_shape

__all__ = [
    "INPUT_LABELS",
    "decision_figure",
    "update_decision_figure",
    "ladder_figure",
    "update_ladder_figure",
    "outcome_histogram",
    "input_tornado",
]

INTERVENE_COLOUR = OKABE_ITO["blue"]
RESTRAIN_COLOUR = OKABE_ITO["orange"]
FLIP_LINE = {"color": OKABE_ITO["black"], "dash": "dash", "width": 2}

#: Symbols as plotly draws them (it reads <sub>).
PI_I, PI_R, EU_DIFF = "π<sub>I</sub>", "π<sub>R</sub>", "EU<sub>I</sub> − EU<sub>R</sub>"

#: The inputs of EU_I − EU_R: (symbol, in words).
INPUT_LABELS = {
    "p_nuclear_intervention": (PI_I, "P(nuclear use) if NATO intervenes"),
    "p_nuclear_restraint": (PI_R, "P(nuclear use) under restraint"),
    "loss": ("L", "loss from nuclear use (stakes)"),
    "delta_benefit": ("ΔB", "what intervening gains (stake)"),
    "delta_reputation": ("ΔRep", "reputation restraint costs (stake)"),
}

# --- the decision tree ---------------------------------------------------------------

#: π_I on the decision figure's x axis: 0.1% to 100% on a log scale (plotly
#: takes a log axis's range, and annotations on it, in powers of ten).
_PI_GRID = np.logspace(-3, 0, 181)
_PI_TICKS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
_PI_TICKTEXT = ["0.1%", "0.3%", "1%", "3%", "10%", "30%", "100%"]
#: The rug strip (published forecasts) under the plot, and the plot above it.
_RUG_DOMAIN, _PLOT_DOMAIN = [0.0, 0.24], [0.32, 1.0]


def _percent(p: float) -> str:
    """0.0035 → "0.35%", 0.075 → "7.5%", 0.5 → "50%"."""
    text = f"{100 * p:.2g}" if p < 0.1 else f"{100 * p:.0f}"
    return f"{text}%"


def _forecast_label(row) -> str:
    """A rug mark's label: the forecaster without "(per …)", and the probability (or its range)."""
    name = re.sub(r"\s*\(.*\)", "", str(row["forecaster"])).replace(" forecasters", "")
    low, high = row.get("probability_low"), row.get("probability_high")
    if pd.notna(low) and pd.notna(high):
        return f"{name} {_percent(low)[:-1]}–{_percent(high)}"
    return f"{name} {_percent(float(row['probability']))}"


def _rug_trace(forecasts: pd.DataFrame | None) -> dict:
    """The published forecasts as marks in the strip under the plot, one row each, lowest at the top."""
    rows = forecasts.sort_values("probability", kind="stable") if forecasts is not None else pd.DataFrame()
    x = [float(p) for p in rows.get("probability", [])]
    return {
        "type": "scatter", "x": x, "y": list(range(len(x)))[::-1], "xaxis": "x", "yaxis": "y2",
        "mode": "markers+text", "name": "published forecasts", "showlegend": False, "cliponaxis": False,
        "marker": {"symbol": "line-ns-open", "size": 12, "line": {"width": 2, "color": OKABE_ITO["black"]},
                   "color": OKABE_ITO["black"]},
        "text": [_forecast_label(row) for _, row in rows.iterrows()],
        "textposition": ["middle right" if p < 0.2 else "middle left" for p in x],
        "textfont": {"size": 11},
        "customdata": [[row["question"], str(row["made"])] for _, row in rows.iterrows()],
        "hovertemplate": "%{text}<br>%{customdata[0]} (%{customdata[1]})<extra></extra>",
    }


def decision_figure(
    p_nuclear_intervention: float = 0.08, p_nuclear_restraint: float = 0.0, delta_benefit: float = 0.3,
    loss: float = 10.0, delta_reputation: float = 0.0, forecasts: pd.DataFrame | None = None,
) -> go.Figure:
    """EU_I − EU_R = ΔB + ΔRep − (π_I − π_R)·L (units of the stake) against
    π_I, the probability of nuclear use if NATO intervenes (log scale, 0.1%
    to 100%), for the other inputs given. Above 0 intervention is preferred,
    below it restraint; the dashed line is the threshold π_I = π_R + Δπ*
    where the verdict flips, and the big dot the verdict at
    ``p_nuclear_intervention``. ``forecasts`` (e.g.
    :func:`natodebate.models.escalation.published_nuclear_risks`): rug marks
    under the plot, one per published probability. Trace 0: the line;
    trace 1: the verdict; trace 2: the rug. Update with
    :func:`update_decision_figure`."""
    line = {
        "type": "scatter", "x": [float(p) for p in _PI_GRID], "y": [], "mode": "lines", "name": "EU_I − EU_R",
        "showlegend": False, "line": {"color": OKABE_ITO["black"], "width": 2.5},
        "hovertemplate": f"{PI_I} = %{{x:.2%}}: {EU_DIFF} = %{{y:.2f}}<extra></extra>",
    }
    verdict = {
        "type": "scatter", "x": [], "y": [], "mode": "markers+text", "name": "your π_I", "showlegend": False,
        "marker": {"size": 15, "color": RESTRAIN_COLOUR, "line": {"color": OKABE_ITO["black"], "width": 1.5}},
        "textfont": {"size": 13}, "cliponaxis": False,
        "hovertemplate": f"{PI_I} = %{{x:.2%}}: {EU_DIFF} = %{{customdata:.2f}}<extra></extra>",
    }
    note = {"xref": "paper", "yref": "y", "y": 0, "showarrow": False, "font": {"size": 12}}
    rug = _rug_trace(forecasts)
    fig = build_figure(
        [line, verdict, rug], "", (
            "Above 0 intervening is worth more, below it restraint. The verdict flips at the dashed line, "
            "where the added risk reaches Δπ*. Marks under the plot: published probabilities of nuclear use "
            "(each for a different question)."
        ),
        height=520, margin={"t": 60},
        shapes=[
            {**line_shape(y=0.0, color=OKABE_ITO["grey"], width=1.5), "name": "zero"},
            {**line_shape(x=0.03, **FLIP_LINE), "name": "threshold"},
        ],
        annotations=[
            {**note, "name": "intervene", "x": 0.01, "xanchor": "left", "yanchor": "bottom",
             "text": "intervention preferred ↑", "font": {"size": 12, "color": INTERVENE_COLOUR}},
            {**note, "name": "restrain", "x": 0.99, "xanchor": "right", "yanchor": "top",
             "text": "restraint preferred ↓", "font": {"size": 12, "color": RESTRAIN_COLOUR}},
            {"name": "threshold", "xref": "x", "yref": "paper", "x": math.log10(0.03), "y": 1.0, "xanchor": "left",
             "yanchor": "bottom", "xshift": 4, "showarrow": False, "font": {"size": 12}, "text": ""},
        ],
        xaxis=axis(f"{PI_I}: probability of nuclear use if NATO intervenes (log scale)", type="log",
                   range=[-3, 0], tickvals=_PI_TICKS, ticktext=_PI_TICKTEXT, anchor="y2"),
        yaxis=axis(f"{EU_DIFF} (stake)", domain=_PLOT_DOMAIN, zeroline=False),
        yaxis2=axis("forecasts", domain=_RUG_DOMAIN, range=[-0.7, max(len(rug["x"]), 1) - 0.3],
                    showticklabels=False, showgrid=False, zeroline=False, fixedrange=True),
    )
    update_decision_figure(fig, p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation)
    return fig


def update_decision_figure(fig, p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation=0.0) -> dict:
    """Redraw :func:`decision_figure` for new inputs, in place (call it inside
    ``fig.batch_update()``); returns the decision
    (:func:`natodebate.models.escalation.decide`). Only what changed is
    written (moving π_I redraws the dot and the title, not the line)."""
    decision = esc.decide(p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation)
    difference = esc.utility_difference(_PI_GRID, p_nuclear_restraint, loss, delta_benefit, delta_reputation)
    line, verdict = fig.data[0], fig.data[1]
    line_y = tuple(round(float(v), 4) for v in difference)
    if tuple(line.y or ()) != line_y:
        line.y = line_y
    # The range is set by the line's left end, so that the crossing stays
    # readable; a verdict beyond it is pinned to the edge, its value written.
    top = round(max(0.2, 1.3 * float(difference.max())), 4)
    if tuple(fig.layout.yaxis.range or ()) != (-top, top):
        fig.layout.yaxis.range = [-top, top]
    pi_i, value = float(p_nuclear_intervention), float(decision["utility_difference"])
    word = "intervene" if decision["intervene"] else "restrain"
    inside = abs(value) <= top
    verdict.update(
        x=[max(pi_i, 0.001)], y=[value if inside else math.copysign(top, value)], customdata=[value],
        marker={"symbol": "circle" if inside else ("triangle-down" if value < 0 else "triangle-up"),
                "color": INTERVENE_COLOUR if decision["intervene"] else RESTRAIN_COLOUR},
        text=[f"<b>{word}</b>" + ("" if inside else f" ({value:+.1f}, off the chart)")],
        textposition="top left" if pi_i >= 0.1 else "top right",
    )

    at = float(p_nuclear_restraint) + float(decision["threshold"])  # π_I where the verdict flips
    shown = 0.001 <= at <= 1.0
    where = at if shown else 0.03
    shape = next(shape for shape in fig.layout.shapes if shape.name == "threshold")
    if (shape.x0, shape.visible) != (where, shown):
        shape.update(x0=where, x1=where, visible=shown)
        right = shown and at > 0.1
        next(a for a in fig.layout.annotations if a.name == "threshold").update(
            visible=shown, x=math.log10(where), xanchor="right" if right else "left", xshift=-4 if right else 4,
            text=f"flips at {PI_I} = {_percent(at)}" if shown else "",
        )
    if shown:
        title = f"Δπ* = {decision['threshold']:.3f}: intervene while {PI_I} < {_percent(at)}; at {PI_I} = {_percent(pi_i)}, <b>{word}</b>"
    elif at > 1:
        title = f"Δπ* = {decision['threshold']:.3f}: intervention preferred at every {PI_I}"
    else:
        title = f"Δπ* = {decision['threshold']:.3f}: restraint preferred at every {PI_I} above 0.1%"
    if fig.layout.title.text != title:
        fig.layout.title.text = title
    return decision


# --- the ladder -----------------------------------------------------------------------


#: The rungs a response policy starts from, short enough for a tick label.
_RUNG_SHORT = {1: "sabotage", 2: "strikes on NATO", 3: "NATO–Russia clash", 4: "major war"}


def _policy_tick(label: str) -> str:
    """ "respond from rung 2" → "from rung 2<br>strikes on NATO"; "never respond" → "never<br>respond"."""
    match = re.fullmatch(r"respond from rung (\d)", label)
    return f"from rung {match.group(1)}<br>{_RUNG_SHORT[int(match.group(1))]}" if match else label.replace(" ", "<br>", 1)


def ladder_figure(risks: pd.Series, policy: int | None = 1, runs: int = 5000) -> go.Figure:
    """P(nuclear use) within the ladder's horizon (probability) under each
    NATO response policy, one bar each (``risks`` from
    :func:`natodebate.models.escalation.ladder` or a curve's ``p_nuclear``),
    with ±2 Monte Carlo standard errors over ``runs`` runs. The dashed line
    (its value in the legend)
    is the risk of never responding: a bar below it is a policy safer than
    silence, and where a bar crosses it the verdict flips. The student's
    ``policy`` (rung k* or None) is outlined. Update with
    :func:`update_ladder_figure`."""
    labels = [str(label) for label in risks.index]
    if "never respond" not in labels:
        raise ValueError(f"risks: expected a 'never respond' row among {labels}")
    bars = {
        # each bar's value is written under it, in its tick label (a label on
        # the bar would collide with its error bar or the dashed line)
        "type": "bar", "x": [_policy_tick(label) for label in labels], "y": [0.0] * len(labels), "name": "P(nuclear use)",
        "showlegend": False,
        "error_y": {"type": "data", "array": [0.0] * len(labels), "color": OKABE_ITO["black"], "thickness": 1.5, "width": 4},
        "marker": {"color": [OKABE_ITO["grey"]] * len(labels), "line": {"color": OKABE_ITO["black"], "width": [0] * len(labels)}},
        "hovertemplate": "%{x}: %{y:.1%}<extra></extra>",
    }
    # The never-respond line, named in the legend with its value: a trace on
    # an overlaid 0–1 x axis (a shape and an annotation would cost two more
    # messages at each redraw).
    never = {
        "type": "scatter", "x": [0.0, 1.0], "y": [0.0, 0.0], "xaxis": "x2", "mode": "lines", "name": "never respond",
        "line": FLIP_LINE, "hoverinfo": "skip",
    }
    fig = build_figure(
        [bars, never], "P(nuclear use) by response policy", (
            "Blue bars: responding from that rung is safer than never responding; orange: riskier. "
            "The dashed line is never responding: a bar crossing it flips the verdict. Outlined: your policy."
        ),
        height=450, margin={"t": 60}, bargap=0.35, axis_px=AXIS_PX + 32,
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "font": {"size": 12}},
        xaxis=axis("NATO responds to a probe…", type="category", tickfont={"size": 12}, tickangle=0),
        xaxis2={"overlaying": "x", "range": [0, 1], "visible": False, "fixedrange": True},
        # plotly.js fits the range to the bars, their error bars and labels
        yaxis=axis("P(nuclear use) within 24 periods", tickformat=".0%", rangemode="tozero", autorange=True),
    )
    update_ladder_figure(fig, risks, policy, runs)
    return fig


def update_ladder_figure(fig, risks: pd.Series, policy: int | None = 1, runs: int = 5000) -> None:
    """Redraw :func:`ladder_figure` for new risks or a new chosen policy, in
    place (call it inside ``fig.batch_update()``). Only what changed is
    written: each property set costs the panel's callback time."""
    labels = [str(label) for label in risks.index]
    values = np.asarray(risks, dtype=float)
    never = float(values[labels.index("never respond")])
    chosen = esc.policy_label(policy)
    if chosen not in labels:
        raise ValueError(f"policy={policy!r}: not among the policies drawn ({', '.join(labels)})")
    bar, line = fig.data[0], fig.data[1]
    heights = tuple(round(float(v), 5) for v in values)
    if tuple(bar.y) != heights:
        bar.y = heights
        bar.x = [f"{_policy_tick(label)}<br><b>{value:.1%}</b>" for label, value in zip(labels, values)]
        bar.error_y.array = [round(float(v), 5) for v in 2 * np.sqrt(values * (1 - values) / runs)]
        line.y = [never, never]
        line.name = f"never respond: {never:.1%}"
    colours = tuple(
        OKABE_ITO["grey"] if label == "never respond" else (INTERVENE_COLOUR if value <= never else RESTRAIN_COLOUR)
        for label, value in zip(labels, values)
    )
    if tuple(bar.marker.color) != colours:
        bar.marker.color = colours
    widths = tuple(3 if label == chosen else 0 for label in labels)
    if tuple(bar.marker.line.width) != widths:
        bar.marker.line.width = widths


# --- uncertain inputs -------------------------------------------------------------------


def outcome_histogram(result: esc.MonteCarlo, bins: int = 60) -> go.Figure:
    """The distribution of EU_I − EU_R (units of the stake) over the draws of
    a Monte Carlo of uncertain inputs (``result`` from
    :func:`natodebate.models.escalation.monte_carlo`), as the share of draws
    per bin: blue where intervention is preferred, orange where restraint
    is; the dashed line at 0 is where the verdict flips. The 1% of draws at
    each extreme are piled into the end bins, so that the middle is readable."""
    output = np.asarray(result.output, dtype=float)
    low, high = np.quantile(output, [0.01, 0.99])
    low, high = min(float(low), -0.05), max(float(high), 0.05)
    counts, edges = np.histogram(np.clip(output, low, high), bins=bins, range=(low, high))
    centres = (edges[:-1] + edges[1:]) / 2
    share = counts / output.size
    bars = {
        "type": "bar", "x": [round(float(c), 4) for c in centres], "y": [round(float(s), 5) for s in share],
        "width": float(edges[1] - edges[0]), "name": "share of draws", "showlegend": False,
        "marker": {"color": [INTERVENE_COLOUR if c > 0 else RESTRAIN_COLOUR for c in centres]},
        "hovertemplate": f"{EU_DIFF} ≈ %{{x:.2f}}: %{{y:.1%}} of draws<extra></extra>",
    }
    p = result.p_positive
    note = {"xref": "paper", "yref": "paper", "y": 1.0, "yanchor": "top", "showarrow": False, "font": {"size": 12}}
    return build_figure(
        [bars], f"Intervention preferred in {p:.0%} of {output.size:,} draws", (
            "Each draw takes every input from its 90% range. Blue: intervening is worth more; "
            "orange: restraint. The dashed line at 0 is where the verdict flips."
        ),
        height=400, bargap=0,
        shapes=[line_shape(x=0.0, **FLIP_LINE)],
        annotations=[
            {**note, "x": 0.0, "xanchor": "left", "text": f"restraint: {1 - p:.0%}", "font": {"size": 12, "color": RESTRAIN_COLOUR}},
            {**note, "x": 1.0, "xanchor": "right", "text": f"intervention: {p:.0%}", "font": {"size": 12, "color": INTERVENE_COLOUR}},
        ],
        xaxis=axis(f"{EU_DIFF} (stake; extremes piled at the ends)", range=[low, high], zeroline=False),
        yaxis=axis("share of draws", tickformat=".0%"),
    )


def input_tornado(swings: pd.DataFrame) -> go.Figure:
    """One-way sensitivity of EU_I − EU_R (``swings`` from
    :func:`natodebate.models.escalation.tornado`): for each input, largest
    swing on top, the output when that input alone sits at its 5th
    percentile (light bar) and at its 95th (dark bar), the others at their
    medians (thin dashed line). The black line at 0 is where the verdict
    flips: an input whose bar crosses it can flip the verdict on its own."""
    needed = {"input", "low", "high", "output_low", "output_high", "base"}
    if not needed <= set(swings.columns):
        raise ValueError(f"swings: expected the table from models.escalation.tornado() (columns {', '.join(sorted(needed))})")
    rows = swings.iloc[::-1]
    base = float(rows["base"].iloc[0])
    ticks = [f"{INPUT_LABELS.get(name, (name,))[0]} {low:.3g}–{high:.3g}" for name, low, high in zip(rows["input"], rows["low"], rows["high"])]

    def end(column: str, name: str, colour: str) -> dict:
        values = rows[column].to_numpy(dtype=float)
        return {
            "type": "bar", "orientation": "h", "y": ticks, "x": [round(float(v - base), 4) for v in values], "base": base,
            "name": name, "marker": {"color": colour},
            "customdata": [round(float(v), 3) for v in values],
            "hovertemplate": f"%{{y}}: {EU_DIFF} = %{{customdata}}<extra>{name}</extra>",
        }

    values = np.concatenate([rows["output_low"].to_numpy(float), rows["output_high"].to_numpy(float), [0.0, base]])
    margin = 0.08 * float(values.max() - values.min())
    return build_figure(
        [end("output_low", "input at its 5th percentile", OKABE_ITO["sky blue"]),
         end("output_high", "input at its 95th percentile", OKABE_ITO["blue"])],
        f"Which uncertain input moves {EU_DIFF} most", (
            "Each input alone goes from its 5th to its 95th percentile, the others stay at their medians "
            "(thin dashed line). A bar across the black line at 0 can flip the verdict on its own."
        ),
        height=420, legend_below=True, barmode="overlay",
        shapes=[line_shape(x=0.0, color=OKABE_ITO["black"], width=2),
                line_shape(x=base, color=OKABE_ITO["grey"], dash="dash", width=1)],
        xaxis=axis(f"{EU_DIFF} (stake)", range=[float(values.min()) - margin, float(values.max()) + margin], zeroline=False),
        yaxis=axis("input, 5th–95th percentile", type="category", tickfont={"size": 12}),
    )
