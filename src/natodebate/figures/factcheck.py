"""Figures for lesson 03, checking the numbers.

Each function returns a ``plotly.graph_objects.Figure`` with a title, axis
titles with units and a one-line caption (never ``.show()``). Russia is drawn
in vermillion and Ukraine in blue throughout; marker shapes repeat what the
colours say, so nothing depends on colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..models import factcheck as check
from .style import OKABE_ITO, axis, build_figure, caption_text, line_shape

__all__ = [
    "COUNTRY_COLOURS",
    "PASS_COLOURS",
    "sipri_series",
    "forecasts_vs_outcomes",
    "nato_spending",
    "kiis_polls",
    "cbos_polls",
    "forward_moves_chart",
    "shadow_war",
    "timeline",
    "numeric_claims",
    "update_numeric_claims",
]

COUNTRY_COLOURS = {"Russia": OKABE_ITO["vermillion"], "Ukraine": OKABE_ITO["blue"]}
PASS_COLOURS = {True: OKABE_ITO["bluish green"], False: OKABE_ITO["vermillion"]}
PHASE_COLOURS = {
    "before P": OKABE_ITO["blue"],
    "between P and K": OKABE_ITO["orange"],
    "after K": OKABE_ITO["grey"],
}
PHASE_SYMBOLS = {"before P": "circle", "between P and K": "diamond", "after K": "x"}


def _line_label(x, text: str, xanchor: str = "right") -> dict:
    """A small label at the top of a vertical reference line at ``x``."""
    return {"x": x, "y": 1.0, "yref": "paper", "text": text, "showarrow": False, "xanchor": xanchor, "yanchor": "bottom", "font": {"size": 11}}


def _publication_marks() -> tuple[list[dict], list[dict]]:
    """Shapes and labels for dashed vertical lines at both articles'
    publication dates (date x-axis)."""
    dates = check.publication_dates()
    shapes = [line_shape(x=date, dash="dash", color=OKABE_ITO["black"], width=1) for date in dates.values()]
    # P's label reads rightwards, K's leftwards, so neither runs off the plot
    labels = [
        _line_label(date, f"{article} published {date:%d %b %Y}", xanchor="left" if article == "P" else "right")
        for article, date in dates.items()
    ]
    return shapes, labels


#: A horizontal legend under the caption (build_figure reserves the room).
LEGEND_BELOW = {"legend_below": True}


def _month_date(text: str) -> pd.Timestamp:
    """'2022-04' or '2022-04-19' → Timestamp (a month stands at its first day)."""
    return pd.Timestamp(text if len(text) > 7 else f"{text}-01")


def sipri_series() -> go.Figure:
    """Military spending of Russia and Ukraine 2014–2025 (US$ bn, SIPRI's
    revised series) with the values as first published as open diamonds."""
    latest = check.spending_series("latest_revision")
    first = check.sipri_revisions()
    traces = []
    for country, column in (("Russia", "russia_usd_bn"), ("Ukraine", "ukraine_usd_bn")):
        colour = COUNTRY_COLOURS[country]
        mine = first[first["country"] == country]
        traces += [
            {
                "type": "scatter", "x": list(latest.index), "y": list(latest[column]), "mode": "lines+markers",
                "name": f"{country}, latest revision", "line": {"color": colour, "width": 3}, "marker": {"symbol": "circle", "size": 7},
                "hovertemplate": f"{country} %{{x}}: %{{y:.1f}} bn (2026 edition)<extra></extra>",
            },
            {
                "type": "scatter", "x": list(mine["year"]), "y": list(mine["first_published"]), "mode": "markers",
                "name": f"{country}, as first published",
                "marker": {"symbol": "diamond-open", "size": 12, "color": colour, "line": {"width": 2}},
                "hovertemplate": f"{country} %{{x}}: %{{y:.1f}} bn as first published<extra></extra>",
            },
        ]
    return build_figure(
        traces,
        "Military spending, Russia vs Ukraine (SIPRI)",
        "Diamonds: the figure in the first release for that year. The 2021 figures came out in April 2022, six weeks after P.",
        height=520,
        shapes=[line_shape(x=2022.2, dash="dash", color=OKABE_ITO["black"], width=1)],
        annotations=[_line_label(2022.2, "P published (Mar 2022)")],
        xaxis=axis("year", dtick=1),
        yaxis=axis("military expenditure (current US$ bn)", rangemode="tozero"),
        **LEGEND_BELOW,
    )


def forecasts_vs_outcomes(target_year: int = 2022) -> go.Figure:
    """Forecasts of Russia's real GDP growth in ``target_year`` by the date
    they were made (%), against the first and revised outcomes."""
    errors = check.forecast_errors(target_year, "revised estimate")
    first = check.gdp_outcome(target_year, "first estimate")
    revised = check.gdp_outcome(target_year, "revised estimate")
    styles = {
        "IMF": (OKABE_ITO["blue"], "circle"),
        "World Bank": (OKABE_ITO["orange"], "square"),
        "Analyst consensus": (OKABE_ITO["reddish purple"], "triangle-up"),
    }
    traces = []
    for issuer, rows in errors.groupby("issuer", sort=False):
        colour, symbol = styles[issuer]
        traces.append({
            "type": "scatter", "x": [_month_date(d) for d in rows["source_date"]], "y": list(rows["forecast_pct"]),
            "mode": "lines+markers", "name": issuer,
            "line": {"color": colour, "dash": "dot"}, "marker": {"color": colour, "symbol": symbol, "size": 11},
            "customdata": list(zip(rows["stage"], rows["error_pp"])),
            "hovertemplate": issuer + " (%{customdata[0]}): %{y:.1f}%<br>error %{customdata[1]:+.1f} pp<extra></extra>",
        })
    shapes, annotations = [], []
    for value, label, dash in ((first, "first estimate", "dash"), (revised, "revised estimate", "solid")):
        shapes.append(line_shape(y=value, color=OKABE_ITO["black"], dash=dash, width=1.5))
        annotations.append({
            "x": 1.0, "xref": "paper", "y": value, "text": f"outcome, {label}: {value:+.1f}%", "showarrow": False,
            "xanchor": "right", "yanchor": "bottom", "font": {"size": 11},
        })
    publication_shapes, publication_labels = _publication_marks()
    return build_figure(
        traces,
        f"Russia's economy in {target_year}: forecasts vs what happened",
        "Spring-2022 forecasts (−8.4% to −11.2%) were 6–10 points below the outcome; later forecasts crept towards it.",
        height=480,
        shapes=shapes + publication_shapes,
        annotations=annotations + publication_labels,
        xaxis=axis("date the forecast was published", range=[pd.Timestamp("2021-12-15"), pd.Timestamp("2022-11-15")]),
        yaxis=axis(f"Russian real GDP growth in {target_year} (%)", zeroline=True),
    )


def nato_spending(from_year: int = 2014, to_year: int = 2025) -> go.Figure:
    """Dumbbell chart: each listed ally's defence spending (% of GDP) in
    ``from_year`` and ``to_year``, with the 2% guideline and the 3.5% core
    target of the Hague pledge. Unconfirmed values are not drawn."""
    table = check.confirmed("nato_spending")
    table = table[table["vintage"] == "latest"]
    start = table[table["year"] == from_year].set_index("ally")["pct_gdp"]
    end = table[table["year"] == to_year].set_index("ally")["pct_gdp"]
    if start.empty or end.empty:
        raise ValueError(f"from_year={from_year!r}, to_year={to_year!r}: expected years in the NATO table (2014, 2021, 2024, 2025)")
    allies = list(start.sort_values().index)
    shown = [a for a in allies if a in end.index]
    xs, ys = [], []
    for ally in shown:
        xs += [start[ally], end[ally], None]
        ys += [ally, ally, None]
    traces = [
        {"type": "scatter", "x": xs, "y": ys, "mode": "lines", "line": {"color": "#bbbbbb", "width": 3}, "showlegend": False, "hoverinfo": "skip"},
        {
            "type": "scatter", "x": [start[a] for a in allies], "y": allies, "mode": "markers", "name": str(from_year),
            "marker": {"color": OKABE_ITO["sky blue"], "symbol": "circle", "size": 11},
            "hovertemplate": "%{y} " + str(from_year) + ": %{x:.2f}% of GDP<extra></extra>",
        },
        {
            "type": "scatter", "x": [end[a] for a in shown], "y": shown, "mode": "markers", "name": str(to_year),
            "marker": {"color": OKABE_ITO["blue"], "symbol": "diamond", "size": 12},
            "hovertemplate": "%{y} " + str(to_year) + ": %{x:.2f}% of GDP<extra></extra>",
        },
    ]
    pledge = check.pledge_components()
    targets = ((2.0, "2% guideline (2014)"), (pledge["core defence"], "3.5% core target by 2035"))
    missing = [a for a in allies if a not in end.index]
    note = f" {', '.join(missing)}: no confirmed {to_year} figure." if missing else ""
    return build_figure(
        traces,
        f"NATO allies' defence spending, {from_year} → {to_year}",
        f"Every listed ally moved right; the frontline states most.{note}",
        height=520,
        shapes=[line_shape(x=value, dash="dash", color=OKABE_ITO["black"], width=1) for value, _ in targets],
        annotations=[_line_label(value, label, xanchor="left") for value, label in targets],
        xaxis=axis("defence expenditure (% of GDP)", rangemode="tozero"),
        yaxis=axis("ally"),
        **LEGEND_BELOW,
    )


def _poll_trace(name: str, x: list, y: list, colour: str, symbol: str, size: int, **hover) -> dict:
    """One poll series as a lines+markers trace; ``hover`` holds its hovertemplate (and text)."""
    return {
        "type": "scatter", "x": x, "y": y, "mode": "lines+markers", "name": name,
        "line": {"color": colour, "width": 3}, "marker": {"symbol": symbol, "size": size, "color": colour}, **hover,
    }


def kiis_polls() -> go.Figure:
    """KIIS: share of Ukrainians rejecting any territorial concession vs
    open to some, by end of fieldwork (%), with both publication dates."""
    series = check.kiis_series()
    answers = (
        ("no_territorial_concessions", "no concessions, even if the war lasts longer", OKABE_ITO["blue"], "circle"),
        ("some_concessions_for_peace", "some territory could be given up for peace", OKABE_ITO["orange"], "square"),
    )
    traces = []
    for column, name, colour, symbol in answers:
        rows = series.dropna(subset=[column])
        traces.append(_poll_trace(
            name, list(rows["fieldwork_end"]), list(rows[column]), colour, symbol, 8,
            text=list(rows.index), hovertemplate="%{text}: %{y:.0f}%<extra></extra>",
        ))
    shapes, annotations = _publication_marks()
    return build_figure(
        traces,
        "Ukrainians on territorial concessions (KIIS)",
        "P wrote before the first of these polls; by K's article about half still rejected any concession.",
        height=480,
        shapes=shapes,
        annotations=annotations,
        xaxis=axis("end of fieldwork"),
        yaxis=axis("share of respondents (%)", range=[0, 100]),
        **LEGEND_BELOW,
    )


def cbos_polls() -> go.Figure:
    """CBOS: Poles for and against accepting Ukrainian refugees (%)."""
    cbos = check.confirmed("cbos_polls")
    cbos = cbos[cbos["question"] == "accept_refugees"]
    answers = (("for", OKABE_ITO["blue"], "circle"), ("against", OKABE_ITO["vermillion"], "x"))
    traces = []
    for answer, colour, symbol in answers:
        rows = cbos[cbos["answer"] == answer]
        traces.append(_poll_trace(
            answer, [_month_date(m) for m in rows["fieldwork_month"]], list(rows["pct"]), colour, symbol, 9,
            hovertemplate=answer + " %{x|%b %Y}: %{y:.0f}%<extra></extra>",
        ))
    shapes, annotations = _publication_marks()
    return build_figure(
        traces,
        "Should Poland accept refugees from Ukraine? (CBOS)",
        "Support fell from 94% in March 2022 to 48% in September 2025, the month of K's article (2023–24 left out: weak sources).",
        shapes=shapes,
        annotations=annotations,
        xaxis=axis("fieldwork month"),
        yaxis=axis("share of respondents (%)", range=[0, 100]),
    )


def forward_moves_chart() -> go.Figure:
    """Cumulative US troops sent forward to allied territory in Europe,
    Jan–Feb 2022 (personnel), with the invasion and the 8,500 on alert."""
    moves = check.forward_moves("forward_in_europe", "2022-03-15")
    us = moves[moves["actor"] == "United States"].dropna(subset=["troops"])
    others = moves[moves["troops"].isna()]
    traces = [
        {
            "type": "scatter", "x": list(us["date"]), "y": list(us["troops"].cumsum()), "mode": "lines+markers",
            "line": {"shape": "hv", "color": OKABE_ITO["blue"], "width": 3}, "marker": {"size": 9},
            "name": "US troops sent forward (cumulative)", "text": list(us["move"]),
            "hovertemplate": "%{x|%d %b %Y}: %{text}<br>total %{y:,.0f}<extra></extra>",
        },
        {
            "type": "scatter", "x": list(others["date"]), "y": [0] * len(others), "mode": "markers",
            "name": "allied and NATO moves (no troop count)",
            "marker": {"symbol": "triangle-up", "size": 12, "color": OKABE_ITO["orange"]}, "text": list(others["move"]),
            "hovertemplate": "%{x|%d %b %Y}: %{text}<extra></extra>",
        },
    ]
    invasion = check.INVASION_DATE
    return build_figure(
        traces,
        "Forces moved forward in Europe before the invasion",
        "About 6,800 US troops went to Poland, Germany, Romania and the Baltics in February 2022 — to allied soil, none to Ukraine.",
        height=460,
        shapes=[line_shape(x=invasion, dash="dash", color=OKABE_ITO["vermillion"], width=1.5)],
        annotations=[_line_label(invasion, "invasion, 24 Feb")],
        xaxis=axis("date announced (2022)", tickformat="%d %b"),
        yaxis=axis("US troops moved forward (personnel)", range=[-400, 7_600]),
        **LEGEND_BELOW,
    )


def shadow_war() -> go.Figure:
    """CSIS count of Russian sabotage and subversion attacks in Europe per year."""
    counts = check.confirmed("shadow_war_attacks")
    bars = {
        "type": "bar", "x": [str(y) for y in counts["year"]], "y": list(counts["attacks"]), "marker": {"color": OKABE_ITO["reddish purple"]},
        "text": list(counts["attacks"]), "textposition": "outside", "hovertemplate": "%{x}: %{y} attacks<extra></extra>",
    }
    return build_figure(
        [bars],
        "Russia's shadow war in Europe (CSIS count)",
        f"Attacks rose {check.shadow_war_growth():.1f}-fold from 2023 to 2024.",
        height=380,
        xaxis=axis("year"),
        yaxis=axis("attacks counted (number)", rangemode="tozero"),
    )


def timeline() -> go.Figure:
    """'What could each author know?': every timeline event at the date it
    became public, by category, coloured by whether P, K or neither could
    have known it; both publication dates marked."""
    table = check.timeline_phases()
    table = table[table["category"] != "article"]
    traces = []
    for phase in ("before P", "between P and K", "after K"):
        rows = table[table["phase"] == phase]
        traces.append({
            "type": "scatter", "x": list(rows["public_date"]), "y": list(rows["category"]), "mode": "markers", "name": f"public {phase}",
            "marker": {"color": PHASE_COLOURS[phase], "symbol": PHASE_SYMBOLS[phase], "size": 11, "line": {"width": 1, "color": "white"}},
            "text": list(rows["event"]), "customdata": list(rows["date"].dt.strftime("%d %b %Y")),
            "hovertemplate": "%{text}<br>happened %{customdata}, public %{x|%d %b %Y}<extra></extra>",
        })
    dates = check.publication_dates()
    # Shaded spans: what both authors could know (blue), what only K could (orange).
    spans = [
        {"type": "rect", "xref": "x", "yref": "y domain", "x0": x0, "x1": x1, "y0": 0, "y1": 1, "fillcolor": colour, "opacity": 0.06, "line": {"width": 0}}
        for x0, x1, colour in ((table["public_date"].min(), dates["P"], OKABE_ITO["blue"]), (dates["P"], dates["K"], OKABE_ITO["orange"]))
    ]
    shapes, annotations = _publication_marks()
    return build_figure(
        traces,
        "What could each author know?",
        "Blue: public before P wrote (both could know). Orange: only K could know. Grey: public after both.",
        height=560,
        shapes=spans + shapes,
        annotations=annotations,
        xaxis=axis("date the information became public", range=[pd.Timestamp("2021-01-01"), pd.Timestamp("2026-04-01")]),
        yaxis=axis("topic", categoryorder="category ascending"),
        **LEGEND_BELOW,
    )


# --- the fair-rounding chart (used by the panel) -------------------------------------


def numeric_claims(checks: pd.DataFrame, tolerance_pct: float, vintage: str) -> go.Figure:
    """Horizontal bars: how far each numeric claim is from the data (% of
    the data value), green if within ``tolerance_pct``, with the tolerance as
    a shaded band. Trace 0 is the band, trace 1 the bars."""
    band = {
        "type": "scatter", "x": [], "y": [], "mode": "lines", "fill": "toself", "fillcolor": "rgba(0,158,115,0.12)",
        "line": {"color": OKABE_ITO["bluish green"], "dash": "dash"}, "name": "fair rounding (± tolerance)", "hoverinfo": "skip",
    }
    bars = {"type": "bar", "x": [], "y": [], "orientation": "h", "name": "gap between claim and data"}
    # The caption names the tolerance and vintage; update_numeric_claims rewrites it.
    fig = build_figure(
        [band, bars], "Do the articles' numbers survive the check?", _numeric_claims_caption(tolerance_pct, vintage), height=400,
        xaxis=axis("claim minus data (% of the data value)", zeroline=True, zerolinecolor="#444"),
        yaxis={"autorange": False},
        # Each claim's result ("+11.7% ✗ fails") stands in the right margin, level
        # with its bar: beside a bar it would run into the labels or off the chart.
        showlegend=False, bargap=0.45, margin={"r": 118},
    )
    update_numeric_claims(fig, checks, tolerance_pct, vintage)
    return fig


def update_numeric_claims(fig: go.Figure, checks: pd.DataFrame, tolerance_pct: float, vintage: str) -> None:
    """Redraw :func:`numeric_claims` for new ``checks`` (from
    :func:`natodebate.models.factcheck.numeric_claim_checks`), in place."""
    n = len(checks)
    positions = list(range(n))
    band, bars = fig.data[0], fig.data[1]
    band.x = [-tolerance_pct, tolerance_pct, tolerance_pct, -tolerance_pct, -tolerance_pct]
    band.y = [-0.5, -0.5, n - 0.5, n - 0.5, -0.5]
    bars.x = [round(g, 2) for g in checks["gap_pct"]]
    bars.y = positions
    bars.marker.color = [PASS_COLOURS[bool(p)] for p in checks["passes"]]
    bars.marker.pattern.shape = ["" if p else "x" for p in checks["passes"]]
    bars.hovertext = [f"{label}<br>gap {g:+.1f}%" for label, g in zip(checks["label"], checks["gap_pct"])]
    bars.hoverinfo = "text"
    widest = max([abs(g) for g in checks["gap_pct"]] + [tolerance_pct, 5.0])
    fig.layout.xaxis.range = [-widest * 1.25, widest * 1.25]
    results = [f"{g:+.1f}% {'✓ passes' if p else '✗ fails'}" for g, p in zip(checks["gap_pct"], checks["passes"])]
    shown = [a for a in fig.layout.annotations if a.name == "result"]
    if len(shown) == n:
        for annotation, text in zip(shown, results):
            annotation.text = text
    else:  # the first drawing (or a different set of claims): one result per row, the caption last
        others = [a for a in fig.layout.annotations if a.name != "result"]
        fig.layout.annotations = [
            {"name": "result", "text": text, "xref": "paper", "x": 1, "xanchor": "left", "xshift": 8, "yref": "y", "y": row,
             "showarrow": False, "align": "left", "font": {"size": 12}}
            for row, text in enumerate(results)
        ] + others
    fig.layout.yaxis.tickvals = positions
    # "P ¶6: “1/30 of Russia's size”" on two lines: the labels take less of a narrow column
    fig.layout.yaxis.ticktext = [label.replace(": ", ":<br>", 1) for label in checks["label"]]
    fig.layout.yaxis.range = [n - 0.4, -0.6]  # first claim on top
    caption = [a for a in fig.layout.annotations if a.name == "caption"]
    if caption:
        caption[0].text = caption_text(_numeric_claims_caption(tolerance_pct, vintage))


def _numeric_claims_caption(tolerance_pct: float, vintage: str) -> str:
    """The fair-rounding chart's caption: always two lines, so the room
    reserved for it under the chart fits whatever the slider says."""
    return f"Tolerance ±{tolerance_pct:g}%, SIPRI {check.VINTAGE_LABELS[vintage]}.<br>Hatched red: outside the tolerance."
