"""Lesson 08's figures: the articles' predictive claims scored where they
resolved (Brier scores against the coin flip), when each could resolve
(the asymmetry of time), and calibration."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ..models import forecasts as fc
from .style import ARTICLE_NAMES, OKABE_ITO, axis, build_figure, line_shape

__all__ = [
    "PROPOSITION_LABELS",
    "ARTICLE_COLOURS",
    "brier_figure",
    "update_brier_figure",
    "time_figure",
    "calibration_figure",
    "score_rows",
]

#: Short names of the articles' propositions (data/forecast_propositions.csv has the full wording).
PROPOSITION_LABELS = {
    "P21": "GDP falls >5% in 2022",
    "P32": "Russia lashes out",
    "P35": "settlement by end 2022",
    "P22": "US-Russian casualties",
    "P25": "limited nuclear strikes",
    "K37": "Polish opposition grows",
    "K45": "Europeans give up on US",
    "K17": "Russian forces doomed",
    "K49": "surrender or nuclear war",
}
#: The articles' colours (as in lesson 00), and the forecasters' benchmark.
ARTICLE_COLOURS = {"K": OKABE_ITO["blue"], "P": OKABE_ITO["orange"], "forecasters": OKABE_ITO["bluish green"]}
_MUTED = "#999999"
#: The coin flip: a forecaster who always says 0.5 scores 0.25 on any outcomes.
COIN_FLIP_BRIER = 0.25
_OUTCOME_WORDS = {1.0: "happened", 0.0: "did not"}


def _records(assessment: dict) -> tuple[list[dict], dict]:
    """The propositions the figure draws one by one (those that resolved or
    can resolve) and the scores per group, as plain Python: pandas lookups
    cost more than the drawing on every slider move."""
    table = assessment["propositions"]
    columns = ("claim_id", "article", "hedge", "probability", "status", "outcome_value", "brier", "resolution_date")
    records = [dict(zip(columns, row)) for row in zip(*(table[c].tolist() for c in columns)) if row[4] != "not scoreable"]
    return records, score_rows(assessment["scores"])


def score_rows(scores: pd.DataFrame) -> dict[str, dict]:
    """A :func:`natodebate.models.forecasts.reading_scores` table as
    {row: {column: value}} (``DataFrame.to_dict`` would cost more than the rest)."""
    columns = list(scores.columns)
    return {index: dict(zip(columns, row)) for index, row in zip(scores.index, scores.to_numpy().tolist())}


def _rows(records: list[dict], scores: dict) -> tuple[list[str], list[str]]:
    """The figure's row keys (proposition ids, then the three means) and their tick labels."""
    keys, ticks = [], []
    for row in records:
        label = PROPOSITION_LABELS.get(row["claim_id"], row["claim_id"])
        if row["status"] == "unresolved":
            detail = f"'{row['hedge']}' {row['probability']:.2f} · due {row['resolution_date']}"
        else:
            supposed = "supposed: " if row["status"] == "supposed" else ""
            detail = f"'{row['hedge']}' {row['probability']:.2f} · {supposed}{_OUTCOME_WORDS[row['outcome_value']]}"
        keys.append(row["claim_id"])
        ticks.append(f"{html.escape(row['claim_id'])} {html.escape(label)}<br><i>{html.escape(detail)}</i>")
    for group, name in (("P", ARTICLE_NAMES["P"]), ("K", ARTICLE_NAMES["K"]), ("forecasters", "forecasters")):
        n = int(scores[group]["scored"])
        keys.append(f"mean {group}")
        ticks.append(f"<b>{html.escape(name)}</b><br><i>mean of {n} scored</i>" if n else f"<b>{html.escape(name)}</b><br><i>nothing resolved yet</i>")
    return keys, ticks


def brier_figure(assessment: dict) -> go.Figure:
    """Lesson 08: the Brier score (f − o)² of each article proposition that
    resolved, under the panel's readings of its hedge (longer = worse), the
    unresolved ones without a bar, and each article's and the published
    forecasters' mean; the dashed line is the coin flip's 0.25: a mean left
    of it beats a forecaster who always says 0.5 (what would change your
    mind). ``assessment`` is :func:`natodebate.models.forecasts.assess_readings`'s
    result; update with :func:`update_brier_figure`."""
    keys, ticks = _rows(*_records(assessment))
    bars = {
        "type": "bar", "orientation": "h", "y": keys, "x": [0.0] * len(keys), "textposition": "outside", "cliponaxis": False,
        "textfont": {"size": 12}, "hovertemplate": "%{y}: Brier %{x:.3f}<extra></extra>", "showlegend": False, "name": "Brier",
    }
    caption = (
        "Bars: each resolved proposition's Brier score, (probability − outcome)², with the hedge read as on the sliders; "
        "no bar: not resolved yet. Dashed: the coin flip's 0.25; a mean left of it beats always saying 0.5."
    )
    fig = build_figure(
        [bars], "How did the hedged predictions score?", caption, height=150 + 40 * len(keys),
        margin={"l": 200, "r": 30, "t": 60},
        xaxis=axis("Brier score (0 perfect, 1 certain and wrong)", range=[0, 1.08], dtick=0.25),
        yaxis=axis("proposition", autorange="reversed", type="category", tickvals=keys, ticktext=ticks, tickfont={"size": 11}),
        shapes=[line_shape(x=COIN_FLIP_BRIER, color=OKABE_ITO["black"], dash="dash", width=1.5)],
        annotations=[{"name": "coin flip", "text": "coin flip 0.25", "xref": "x", "yref": "paper", "x": COIN_FLIP_BRIER, "y": 1,
                      "xanchor": "left", "yanchor": "bottom", "showarrow": False, "font": {"size": 11, "color": "#333"}}],
        bargap=0.35,
    )
    caption_annotation = next(a for a in fig.layout.annotations if a.name == "caption")
    caption_annotation.xshift = -(fig.layout.margin.l - 10)  # start at the figure's edge, not right of the long tick labels
    update_brier_figure(fig, assessment)
    return fig


def update_brier_figure(fig, assessment: dict) -> None:
    """Write a new :func:`natodebate.models.forecasts.assess_readings` result
    into a figure from :func:`brier_figure`, writing only what changed
    (plotly validates every value it is given)."""
    records, scores = _records(assessment)
    keys, ticks = _rows(records, scores)
    by_id = {r["claim_id"]: r for r in records}
    values, colours, texts = [], [], []
    for key in keys:
        if key.startswith("mean "):
            group = key.split(" ", 1)[1]
            brier, colour = scores[group]["brier"], ARTICLE_COLOURS[group]
        else:
            brier, colour = by_id[key]["brier"], ARTICLE_COLOURS[by_id[key]["article"]]
        scored = pd.notna(brier)
        values.append(float(brier) if scored else 0.0)
        colours.append(colour if scored else _MUTED)
        texts.append(f"{brier:.3f}" if scored else "no outcome yet")
    bars = fig.data[0]
    updates = [
        ("y", bars, "y", keys),
        ("x", bars, "x", values),
        ("colour", bars.marker, "color", colours),
        ("text", bars, "text", texts),
        ("ticks", fig.layout.yaxis, "ticktext", ticks),
        ("tickvals", fig.layout.yaxis, "tickvals", keys),
    ]
    written = fig.__dict__.setdefault("_natodebate_written", {})
    for key, owner, name, value in updates:
        if written.get(key) != value:
            setattr(owner, name, value)
            written[key] = value


def time_figure(propositions: pd.DataFrame) -> go.Figure:
    """Lesson 08, the asymmetry of time: each proposition (``propositions``
    from :func:`natodebate.models.forecasts.propositions`) as a line from
    the day its article appeared to the day it resolved (filled dot) or is
    due (open dot); counterfactuals and disputed conditions, which never
    resolve, as a cross at the article's date. Dotted lines: one year after
    each article appeared."""
    table = propositions.copy()
    table["article"] = table["claim_id"].str[0]
    made = pd.to_datetime(table["made"], format="ISO8601")
    due = pd.to_datetime(table["resolution_date"], format="ISO8601")
    labels = [f"{c} {PROPOSITION_LABELS.get(c, '')}".strip() for c in table["claim_id"]]
    table["label"] = labels
    order = [*table.loc[table["article"] == "P", "label"], *table.loc[table["article"] == "K", "label"]]
    traces = []
    for article in ("P", "K"):
        part = table["article"] == article
        colour = ARTICLE_COLOURS[article]
        xs, ys = [], []
        for start, end, label in zip(made[part], due[part], table.loc[part, "label"]):
            if pd.notna(end):
                xs += [start, end, None]
                ys += [label, label, None]
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys, "line": {"color": colour, "width": 2},
                       "showlegend": False, "hoverinfo": "skip"})
        for status, symbol in (("resolved", "circle"), ("unresolved", "circle-open"), ("not scoreable", "x")):
            if status == "resolved":
                pick = part & table["outcome"].isin(["true", "false"])
            else:
                pick = part & (table["outcome"] == status)
            when = made if status == "not scoreable" else due
            if not pick.any():
                continue
            traces.append({
                "type": "scatter", "mode": "markers", "x": list(when[pick]), "y": list(table.loc[pick, "label"]),
                "marker": {"symbol": symbol, "size": 11, "color": colour, "line": {"width": 2, "color": colour}},
                "showlegend": False, "text": list(table.loc[pick, "resolution"]), "hovertemplate": "%{y}: %{text}<extra></extra>",
            })
    published = {a: made[table["article"] == a].min() for a in ("P", "K")}
    shapes, annotations = [], []
    for article, day in published.items():
        shapes.append(line_shape(x=day, color=ARTICLE_COLOURS[article], width=1.5))
        shapes.append(line_shape(x=day + pd.DateOffset(years=1), color=ARTICLE_COLOURS[article], dash="dot", width=1.5))
        annotations.append({"text": f"{ARTICLE_NAMES[article]} appears", "x": day, "xref": "x", "y": 1, "yref": "paper",
                            "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                            "font": {"size": 11, "color": ARTICLE_COLOURS[article]}})
    fig = build_figure(
        traces, "When could each prediction be scored?",
        "Each line runs from the day the article appeared to the day its proposition resolved (dot) or is due (open dot); "
        "crosses (counterfactuals, a disputed condition) never resolve. Dotted: one year after each article appeared. "
        "Orange: Petrovics; blue: Kagan.",
        height=440, margin={"l": 170},
        xaxis=axis("date", range=["2021-12-01", "2027-03-01"]),
        yaxis=axis("proposition", type="category", categoryorder="array", categoryarray=order, autorange="reversed",
                   tickvals=order, ticktext=order, tickfont={"size": 11}),
        shapes=shapes, annotations=annotations,
    )
    caption_annotation = next(a for a in fig.layout.annotations if a.name == "caption")
    caption_annotation.xshift = -(fig.layout.margin.l - 10)
    return fig


def calibration_figure(forecasts: pd.DataFrame) -> go.Figure:
    """Lesson 08: calibration. Each scored forecast (``forecasts`` from
    :func:`natodebate.models.forecasts.scored_forecasts`) at its probability
    (x) and outcome (y: 1 happened, 0 did not), coloured by who made it; the
    dashed diagonal is perfect calibration (things forecast at 70% happen
    70% of the time), the grey line the share that happened in each fifth
    of the probability scale."""
    groups = {"Petrovics": "P", "Kagan": "K", "forecasters": "forecasters"}
    traces = []
    for group, key in groups.items():
        part = forecasts[forecasts["group"] == group]
        if part.empty:
            continue
        # Outcomes sit at 0 and 1; nudge each group off the line so that markers do not hide each other.
        offset = {"P": 0.04, "K": 0.08, "forecasters": -0.04}[key]
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": part["probability"].tolist(),
            "y": (part["outcome"] + (offset if key != "forecasters" else 0) * (1 - 2 * part["outcome"])).tolist(),
            "text": part["id"].tolist(), "textposition": "top center", "textfont": {"size": 10},
            "marker": {"size": 11, "color": ARTICLE_COLOURS[key]}, "name": group if key == "forecasters" else ARTICLE_NAMES[key],
            "customdata": part["question"].tolist(), "hovertemplate": "%{text}: %{x:.2f} — %{customdata}<extra></extra>",
        })
    binned = fc.calibration_table(forecasts["probability"], forecasts["outcome"], bins=5)
    traces.append({
        "type": "scatter", "mode": "lines+markers", "x": binned["mean_forecast"].tolist(), "y": binned["observed"].tolist(),
        "line": {"color": _MUTED, "width": 2}, "marker": {"size": (6 + 3 * binned["n"]).tolist(), "color": _MUTED},
        "name": "share that happened, per fifth of the scale", "customdata": binned["n"].tolist(),
        "hovertemplate": "forecasts near %{x:.2f}: %{y:.0%} happened (%{customdata} forecasts)<extra></extra>",
    })
    return build_figure(
        traces, "Calibration: do things forecast at 70% happen 70% of the time?",
        "Dots: each scored forecast at its probability, up if it happened, down if not. Grey: the share that happened "
        "per fifth of the scale (bigger: more forecasts). Dashed: perfect calibration. Eight forecasts are far too few to judge.",
        height=470, legend_below=True,
        xaxis=axis("forecast probability (0–1)", range=[-0.03, 1.03]),
        yaxis=axis("outcome (1 happened, 0 not)", range=[-0.15, 1.15]),
        shapes=[{"type": "line", "xref": "x", "yref": "y", "x0": 0, "y0": 0, "x1": 1, "y1": 1,
                 "line": {"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5}}],
    )
