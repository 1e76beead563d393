"""Lesson 07's figures: the Analysis of Competing Hypotheses for "why
drones over Poland?" — each hypothesis's score under a scoring rule with
the leader marked, above the matrix of ratings that produced it, and the
two ways of measuring how diagnostic an item of evidence is."""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from ..models import hypotheses as ach
from .style import OKABE_ITO, axis, build_figure, line_shape

__all__ = [
    "RATING_COLOURS",
    "EVIDENCE_LABELS",
    "course_labels",
    "ach_figure",
    "update_ach_figure",
    "diagnosticity_figure",
]

#: A rating's colour: blue for consistent, orange/vermillion for inconsistent, grey between.
RATING_COLOURS = {
    "CC": OKABE_ITO["blue"],
    "C": OKABE_ITO["sky blue"],
    "N": "#CCCCCC",
    "I": OKABE_ITO["orange"],
    "II": OKABE_ITO["vermillion"],
    "NA": "#EEEEEE",
}
#: Short names of the course's evidence items (data/ach_evidence.csv has the full wording).
EVIDENCE_LABELS = {
    "D1": "no NATO strikes",
    "D2": "sabotage",
    "D3": "19 violations",
    "D4": "Eastern Sentry",
    "D5": "no nuclear use",
    "D6": "Russia's denial",
    "D7": "no warheads",
}
#: The score's axis title under each rule (unit, and which end is best).
_SCORE_AXIS = {
    "heuer": "inconsistent ratings (count)",
    "open_source_ach": "weighted inconsistency (points)",
    "parc": "weighted inconsistency (points)",
    "bayes": "posterior probability (0–1)",
}
_LEADER, _OTHER, _THRESHOLD = OKABE_ITO["bluish green"], "#999999", OKABE_ITO["black"]
#: The leader's score label is green too: a count of 0 draws no bar, only the label.
_LEADER_TEXT = _LEADER


def course_labels() -> dict[str, str]:
    """Short labels of the course's hypotheses (``label`` in
    data/ach_hypotheses.csv) and evidence items (:data:`EVIDENCE_LABELS`)."""
    return {**ach.hypotheses()["label"].to_dict(), **EVIDENCE_LABELS}


def _hypothesis_tick(hypothesis: str, labels: dict) -> str:
    label = labels.get(hypothesis)
    if not label:
        return f"<b>{html.escape(str(hypothesis))}</b>"
    return f"<b>{html.escape(str(hypothesis))}</b><br>" + "<br>".join(html.escape(line) for line in textwrap.wrap(label, 14))


def _evidence_tick(evidence_id: str, labels: dict, diagnostic: int) -> str:
    label = labels.get(evidence_id)
    text = f"{evidence_id} {label}" if label else str(evidence_id)
    return html.escape(text) if diagnostic else f"<i>{html.escape(text)}</i>"


def _caption_from_left_edge(fig: go.Figure) -> None:
    """Start the caption near the figure's left edge instead of at the plot
    area's (which sits right of the long tick labels), so that its lines,
    wrapped for a narrow column, fit the figure's width."""
    caption = next(a for a in fig.layout.annotations if a.name == "caption")
    caption.xshift = -(fig.layout.margin.l - 10)


def _format(rule: str, value: float) -> str:
    if rule == "heuer":
        return f"{int(value)}"
    return f"{value:.2f}" if rule == "bayes" else f"{value:.2f}".rstrip("0").rstrip(".")


def _score_range(rule: str, values) -> list[float]:
    low, high = float(min(values)), float(max(values))
    if rule == "bayes":
        return [0, 1.08]
    if rule == "parc":
        return [min(low, -1.0) * 1.2 - 0.3, 0.6]
    return [0, max(high, 2.0) * 1.2 + 0.5]


def _title(assessment: dict) -> str:
    rule = assessment["rule"]
    lead = " and ".join(assessment["leaders"])
    verb = "tie for the lead" if len(assessment["leaders"]) > 1 else "leads"
    return f"Why drones over Poland? {ach.RULE_NAMES[rule]}: {lead} {verb}"


def ach_figure(assessment: dict, labels: dict | None = None) -> go.Figure:
    """Lesson 07: above, each hypothesis's score under the assessment's
    rule (the leader in green, a dashed line at its score: a rival that
    reaches the line ties it); below, the matrix of ratings that produced
    the scores (evidence rows, hypothesis columns; rows with no diagnostic
    value in italics) with the flip finder's cell framed in black.
    ``assessment`` is :func:`natodebate.models.hypotheses.assess`'s result;
    ``labels`` maps hypothesis and evidence ids to short names (default:
    :func:`course_labels`). Update with :func:`update_ach_figure`."""
    labels = course_labels() if labels is None else labels
    matrix = assessment["matrix"]
    hypotheses, rows = list(matrix.columns), list(matrix.index)
    bars = {
        "type": "bar", "x": hypotheses, "y": [0.0] * len(hypotheses), "textposition": "outside", "cliponaxis": False,
        "textfont": {"size": 12}, "texttemplate": "<b>%{text}</b>",
        "hovertemplate": "%{x}: %{y}<extra></extra>", "name": "score", "showlegend": False,
    }
    cells = {
        "type": "scatter", "mode": "markers+text", "xaxis": "x2", "yaxis": "y2", "showlegend": False, "name": "ratings",
        "marker": {"symbol": "square", "size": 22, "line": {"width": 1, "color": "#FFFFFF"}},
        "textfont": {"size": 11, "color": "#000000"}, "hovertemplate": "%{y} × %{x}: %{text}<extra></extra>",
    }
    ring = {
        "type": "scatter", "mode": "markers", "xaxis": "x2", "yaxis": "y2", "showlegend": False, "name": "flip",
        "marker": {"symbol": "square-open", "size": 29, "line": {"width": 3, "color": _THRESHOLD}, "color": _THRESHOLD},
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    caption = (
        "Green: the leader. Dashed: its score; a rival whose bar reaches the line ties. Below: the ratings "
        "behind the scores (CC very consistent … II very inconsistent; italics: no diagnostic value). "
        "Framed: the one rating whose change would upset the lead (the flip finder)."
    )
    fig = build_figure(
        [bars, cells, ring], _title(assessment), caption, height=600,
        margin={"l": 125, "r": 20, "t": 60},
        xaxis=axis("hypothesis", tickvals=hypotheses, ticktext=[_hypothesis_tick(h, labels) for h in hypotheses], tickfont={"size": 11},
                   anchor="y", type="category", categoryorder="array", categoryarray=hypotheses),
        yaxis=axis(_SCORE_AXIS[assessment["rule"]], domain=[0.64, 1.0], zeroline=True, zerolinecolor="#888888"),
        xaxis2=axis("each column: one hypothesis's ratings of the evidence", anchor="y2", matches="x", showticklabels=False, type="category"),
        yaxis2=axis("evidence", domain=[0.0, 0.46], tickvals=rows, ticktext=list(rows), autorange="reversed",
                    type="category", tickfont={"size": 11}),
        shapes=[line_shape(y=0.0, color=_THRESHOLD, dash="dash", width=1.5)],
        annotations=[{"name": "threshold", "text": "leader's score", "xref": "paper", "yref": "y", "x": 1, "y": 0,
                      "xanchor": "right", "yanchor": "bottom", "showarrow": False, "font": {"size": 11, "color": "#333"},
                      "bgcolor": "rgba(255,255,255,0.85)"}],
        bargap=0.45,
    )
    _caption_from_left_edge(fig)
    update_ach_figure(fig, assessment, labels)
    return fig


def update_ach_figure(fig, assessment: dict, labels: dict | None = None) -> None:
    """Write a new :func:`natodebate.models.hypotheses.assess` result into a
    figure from :func:`ach_figure` (scores, leader, threshold, ratings, flip).
    Only the properties whose values changed are written: plotly validates
    every value it is given (a list of 28 colours included), and a
    panel calls this on every change of a rating."""
    labels = course_labels() if labels is None else labels
    rule, matrix, values = assessment["rule"], assessment["matrix"], assessment["scores"]
    leaders = set(assessment["leaders"])
    hypotheses, rows = list(matrix.columns), list(matrix.index)
    score = [float(v) for v in values.reindex(hypotheses)]
    diagnostic = assessment["diagnosticity"].to_dict()
    ratings = matrix.to_numpy().ravel().tolist()  # row by row: D1 × H1, D1 × H2, …
    xs = hypotheses * len(rows)
    ys = [e for e in rows for _ in hypotheses]
    flip = assessment["flip"]
    best = float(values[assessment["leaders"][0]])
    flip_note = [] if flip is None else [
        f"flip finder: {flip['rating']} → {flip['new_rating']} here: {flip['kind']} ({flip['leaders_after']} would lead)"
    ]
    # (key, the object holding the property, the property, the value); the
    # object is looked up only when its value changed: plotly's property
    # access costs about as much as a write.
    updates = [
        ("bars.x", lambda: fig.data[0], "x", hypotheses),
        ("bars.y", lambda: fig.data[0], "y", score),
        ("bars.color", lambda: fig.data[0].marker, "color", [_LEADER if h in leaders else _OTHER for h in hypotheses]),
        ("bars.text", lambda: fig.data[0], "text", [_format(rule, v) + (" · leader" if h in leaders else "") for h, v in zip(hypotheses, score)]),
        ("bars.textcolor", lambda: fig.data[0].textfont, "color", [_LEADER_TEXT if h in leaders else "#333333" for h in hypotheses]),
        ("bars.hover", lambda: fig.data[0], "hovertemplate", f"%{{x}}: %{{y}} ({ach.BEST_SCORE[rule]} = most likely)<extra></extra>"),
        ("cells.x", lambda: fig.data[1], "x", xs),
        ("cells.y", lambda: fig.data[1], "y", ys),
        ("cells.text", lambda: fig.data[1], "text", ratings),
        ("cells.color", lambda: fig.data[1].marker, "color", [RATING_COLOURS[r] for r in ratings]),
        ("cells.opacity", lambda: fig.data[1].marker, "opacity", [1.0 if diagnostic[e] else 0.45 for e in ys]),
        ("ring.x", lambda: fig.data[2], "x", [] if flip is None else [flip["hypothesis"]]),
        ("ring.y", lambda: fig.data[2], "y", [] if flip is None else [flip["evidence"]]),
        ("ring.hover", lambda: fig.data[2], "hovertext", flip_note),
        ("title", lambda: fig.layout.title, "text", _title(assessment)),
        ("yaxis.title", lambda: fig.layout.yaxis.title, "text", _SCORE_AXIS[rule]),
        ("yaxis.range", lambda: fig.layout.yaxis, "range", _score_range(rule, score)),
        ("yaxis2.tickvals", lambda: fig.layout.yaxis2, "tickvals", rows),
        ("yaxis2.ticktext", lambda: fig.layout.yaxis2, "ticktext", [_evidence_tick(e, labels, int(diagnostic[e])) for e in rows]),
        ("threshold.y0", lambda: fig.layout.shapes[0], "y0", best),
        ("threshold.y1", lambda: fig.layout.shapes[0], "y1", best),
        ("threshold.label", lambda: fig.layout.annotations[0], "y", best),  # the caption is the last annotation
    ]
    # What was last written to this figure: reading plotly's own copy back would cost about as much as writing.
    written = fig.__dict__.setdefault("_natodebate_written", {})
    for key, owner, name, value in updates:
        if written.get(key) != value:
            setattr(owner(), name, value)
            written[key] = value


def diagnosticity_figure(matrix) -> go.Figure:
    """Lesson 07: how diagnostic each evidence row of ``matrix`` is, by
    Heuer's measure (the spread of its ratings across hypotheses, 0–4; 0:
    the item cannot tell the hypotheses apart) and by Open Source ACH's sort
    (the sum of its inconsistency points), side by side. A row rated
    inconsistent with every hypothesis scores 0 on the first and high on
    the second."""
    heuer = ach.diagnosticity(matrix)
    summed = ach.diagnosticity(matrix, "open_source_ach")
    rows = [str(r) for r in heuer.index]
    labels = course_labels()
    ticks = [f"{r} {labels[r]}" if r in labels else r for r in rows]
    text = {"textposition": "outside", "cliponaxis": False, "textfont": {"size": 11}, "constraintext": "none"}
    traces = [
        {"type": "bar", "orientation": "h", "y": ticks, "x": heuer.tolist(), "text": heuer.tolist(), **text,
         "name": "Heuer: spread of the ratings (0–4)", "marker": {"color": OKABE_ITO["blue"]}},
        {"type": "bar", "orientation": "h", "y": ticks, "x": summed.tolist(), "text": summed.tolist(), **text,
         "name": "Open Source ACH: inconsistency points", "marker": {"color": OKABE_ITO["orange"]}},
    ]
    top = max(int(heuer.max()), int(summed.max()), 1)
    fig = build_figure(
        traces, "How diagnostic is each item? Two measures disagree",
        "Blue: Heuer's diagnosticity, how differently an item fits the hypotheses (0: drop it). Orange: the sum "
        "Open Source ACH sorts by, which counts an item inconsistent with everything as highly diagnostic.",
        height=170 + 34 * len(rows), legend_below=True, barmode="group", margin={"l": 150},
        xaxis=axis("diagnosticity (points on each measure's scale)", range=[0, top + 1], dtick=1),
        yaxis=axis("evidence", autorange="reversed", type="category"),
    )
    _caption_from_left_edge(fig)
    return fig
